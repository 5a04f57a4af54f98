"""``RedisCache``: Azure Cache for Redis, private, TLS only, Entra ID auth, optional clustering,
zones and persistence to a storage account through the cache's managed identity (P-6, P-7, N-8)."""

from __future__ import annotations

from typing import Final, Literal

from pydantic import model_validator

from .maintenance import MaintenanceSlot
from .props import Props, Zones, refusal

# --- Spec defaults -------------------------------------------------------------------------------

SKU: Final = "Premium"  # P-6
CAPACITY = 4  # P-6: P4, 26 GB
SHARD_COUNT = 6  # P-6
REPLICAS_PER_PRIMARY = 1  # P-6
ZONES = ("1", "2", "3")  # P-6
MINIMUM_TLS_VERSION = "1.2"  # S-3: the highest Azure Cache for Redis offers
RDB_BACKUP_FREQUENCY = 60  # P-7 (minutes)
RDB_FREQUENCIES = (15, 30, 60, 360, 720, 1440)  # what Azure accepts
REDIS_VERSION = "6"
SSL_PORT = 6380  # N-8
PERSISTENCE_ROLE = "Storage Blob Data Contributor"  # least privilege for writing RDB/AOF blobs

CAPACITIES = {"Basic": range(0, 7), "Standard": range(0, 7), "Premium": range(1, 6)}
"""C0-C6 for Basic/Standard, P1-P5 for Premium (Azure's sizes)."""
FAMILIES = {"Basic": "C", "Standard": "C", "Premium": "P"}


class RedisProps(Props):
    """Settings of a ``RedisCache``; every default is the production design's value.

    Persistence (P-7): at most one of RDB and AOF, Azure refuses both. Prod picks RDB (see
    ``apps/prod/config.py`` and ``docs/data-tier.md``).
    """

    sku: Literal["Basic", "Standard", "Premium"] = SKU
    capacity: int = CAPACITY
    shard_count: int | None = SHARD_COUNT
    """Clustering (Premium only); ``None`` is a non-clustered cache."""
    replicas_per_primary: int | None = REPLICAS_PER_PRIMARY
    """Premium only; ``None`` keeps Azure's one replica."""
    zones: Zones | None = ZONES
    """Premium only; ``None`` places the cache without a zone pin."""
    rdb_backup_enabled: bool = True
    rdb_backup_frequency: int = RDB_BACKUP_FREQUENCY
    aof_backup_enabled: bool = False
    access_keys_enabled: bool = False
    """Keys off: clients authenticate with Entra ID (S-4)."""
    patch_window: MaintenanceSlot = MaintenanceSlot()

    @model_validator(mode="after")
    def _checks(self) -> RedisProps:
        if self.capacity not in CAPACITIES[self.sku]:
            allowed = CAPACITIES[self.sku]
            raise refusal(
                "capacity",
                self.capacity,
                f"within {allowed.start}-{allowed.stop - 1} for {self.sku}",
            )
        if self.sku != "Premium":
            premium_only = {
                "shard_count": self.shard_count,
                "replicas_per_primary": self.replicas_per_primary,
                "zones": self.zones,
                "rdb_backup_enabled": self.rdb_backup_enabled or None,
                "aof_backup_enabled": self.aof_backup_enabled or None,
            }
            for field, value in premium_only.items():
                if value is not None:
                    raise refusal(field, value, f"unset on {self.sku}: it needs the Premium SKU")
        if self.shard_count is not None and not 1 <= self.shard_count <= 30:
            raise refusal("shard_count", self.shard_count, "within 1-30")
        if self.replicas_per_primary is not None and not 1 <= self.replicas_per_primary <= 3:
            raise refusal("replicas_per_primary", self.replicas_per_primary, "within 1-3")
        if self.rdb_backup_enabled and self.aof_backup_enabled:
            raise refusal(
                "rdb_backup_enabled/aof_backup_enabled",
                "both true",
                "at most one: Azure Cache for Redis refuses RDB and AOF together",
            )
        if self.rdb_backup_enabled and self.rdb_backup_frequency not in RDB_FREQUENCIES:
            raise refusal(
                "rdb_backup_frequency",
                self.rdb_backup_frequency,
                f"one of {list(RDB_FREQUENCIES)} (minutes)",
            )
        return self

    @property
    def persistence(self) -> bool:
        return self.rdb_backup_enabled or self.aof_backup_enabled
