"""``PostgresFlexible``: a private PostgreSQL Flexible Server with HA, geo backups, Entra-only
authentication and read replicas (P-1 … P-5, N-8)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final, Literal

from pydantic import model_validator

from .azure_limits import POSTGRES_SKUS
from .maintenance import MaintenanceSlot
from .network import POSTGRES_DELEGATION, SubnetProps
from .props import DR, PRIMARY, Props, RegionRef, refusal, resolve_region
from .regions import REGIONS

# --- Spec defaults -------------------------------------------------------------------------------

SKU_NAME = "GP_Standard_D8s_v3"  # P-1
STORAGE_MB = 524288  # P-1: 512 GB
POSTGRES_VERSION = "16"
"""A current major: Azure supports 16 until 2028 and azurerm 4.55 validates it (17 and 18 are GA
on Azure, not accepted by every 4.x provider: widen ``SUPPORTED_VERSIONS`` once they are)."""
SUPPORTED_VERSIONS = ("15", "16")
HIGH_AVAILABILITY: Final = "ZoneRedundant"  # P-2
PRIMARY_ZONE: Final = "1"  # P-2
STANDBY_ZONE: Final = "2"  # P-2: another zone than the primary
BACKUP_RETENTION_DAYS = 35  # P-3
BACKUP_RETENTION_RANGE = (7, 35)  # what Azure accepts
GEO_REDUNDANT_BACKUP = True  # P-3
SSL_MIN_PROTOCOL_VERSION: Final = "TLSv1.3"  # P-4
REPLICA_SKU_NAME = "GP_Standard_D4s_v3"  # P-5
POSTGRES_PORT = 5432  # N-8

# storage_mb Azure offers -> (default tier, tiers allowed for that size); azurerm docs' table.
STORAGE_TIERS: dict[int, tuple[str, ...]] = {
    32768: ("P4", "P6", "P10", "P15", "P20", "P30", "P40", "P50"),
    65536: ("P6", "P10", "P15", "P20", "P30", "P40", "P50"),
    131072: ("P10", "P15", "P20", "P30", "P40", "P50"),
    262144: ("P15", "P20", "P30", "P40", "P50"),
    524288: ("P20", "P30", "P40", "P50"),
    1048576: ("P30", "P40", "P50"),
    2097152: ("P40", "P50"),
    4193280: ("P50",),
    4194304: ("P50",),
    8388608: ("P60", "P70"),
    16777216: ("P70", "P80"),
    33553408: ("P80",),
}
"""The first tier of each size is Azure's default for it ("storage tier to match", P-1)."""


_SKU = re.compile(r"(?P<tier>B|GP|MO)_Standard_(?P<size>[A-Za-z0-9_]+)")
Zone = Literal["1", "2", "3"]


def _check_sku(field: str, sku: str) -> None:
    match = _SKU.fullmatch(sku)
    if not match:
        raise refusal(field, sku, "'<B|GP|MO>_Standard_<size>' such as 'GP_Standard_D8s_v3'")
    sizes = POSTGRES_SKUS[match["tier"]]
    if match["size"] not in sizes:
        raise refusal(field, sku, f"a {match['tier']} size of config.azure_limits.POSTGRES_SKUS {sorted(sizes)}")


def _burstable(sku: str) -> bool:
    return sku.startswith("B_")


class ReplicaProps(Props):
    """A read replica (P-5): its region must have a database subnet (checked by the environment)."""

    location: RegionRef
    """The replica's region: ``'primary'``, ``'dr'`` (the environment's) or a region name."""
    sku_name: str = REPLICA_SKU_NAME
    zone: Zone | None = None
    """``None`` lets Azure pick; must be ``None`` in a region without availability zones."""

    @model_validator(mode="after")
    def _checks(self) -> ReplicaProps:
        _check_sku("replicas.sku_name", self.sku_name)
        if self.zone is not None and self.location in REGIONS and not REGIONS[self.location].has_zones:
            raise refusal("replicas.zone", self.zone, f"None in {self.location} (a region without availability zones)")
        return self


DEFAULT_REPLICAS = (  # P-5
    ReplicaProps(location=PRIMARY, zone="3"),  # the zone neither primary nor standby uses
    ReplicaProps(location=DR),  # only where the environment has a DR region
)


class PostgresProps(Props):
    """Settings of a ``PostgresFlexible``; every default is the production design's value."""

    sku_name: str = SKU_NAME
    version: str = POSTGRES_VERSION
    storage_mb: int = STORAGE_MB
    storage_tier: str | None = None
    """``None``: the default tier of ``storage_mb`` (P20 for 512 GB)."""
    deployed_storage_mb: int | None = None
    """Size already deployed, if any: Azure only grows storage, so a smaller size is refused."""
    zone: Zone | None = PRIMARY_ZONE
    high_availability: Literal["Disabled", "SameZone", "ZoneRedundant"] = HIGH_AVAILABILITY
    standby_zone: Zone | None = STANDBY_ZONE
    backup_retention_days: int = BACKUP_RETENTION_DAYS
    geo_redundant_backup: bool = GEO_REDUNDANT_BACKUP
    ssl_min_protocol_version: Literal["TLSv1.2", "TLSv1.3"] = SSL_MIN_PROTOCOL_VERSION
    maintenance: MaintenanceSlot = MaintenanceSlot()
    replicas: tuple[ReplicaProps, ...] = DEFAULT_REPLICAS

    def in_environment(self, *, location: str, dr_location: str | None) -> PostgresProps:
        """These props with each replica's ``'primary'``/``'dr'`` made the environment's region; a
        ``'dr'`` replica is dropped where the environment has no DR region."""
        replicas = []
        for replica in self.replicas:
            region = resolve_region(replica.location, location=location, dr_location=dr_location)
            if region is not None:
                replicas.append(replica.model_copy(update={"location": region}))
        return self.model_copy(update={"replicas": tuple(replicas)})

    @model_validator(mode="after")
    def _checks(self) -> PostgresProps:
        _check_sku("sku_name", self.sku_name)
        if self.version not in SUPPORTED_VERSIONS:
            raise refusal("version", self.version, f"one of {list(SUPPORTED_VERSIONS)}")
        if self.storage_mb not in STORAGE_TIERS:
            raise refusal(
                "storage_mb",
                self.storage_mb,
                f"a size Azure offers, one of {sorted(STORAGE_TIERS)}",
            )
        if self.deployed_storage_mb is not None and self.storage_mb < self.deployed_storage_mb:
            raise refusal(
                "storage_mb",
                self.storage_mb,
                f">= deployed_storage_mb ({self.deployed_storage_mb}): Azure cannot shrink storage",
            )
        if self.storage_tier is not None and self.storage_tier not in STORAGE_TIERS[self.storage_mb]:
            raise refusal(
                "storage_tier",
                self.storage_tier,
                f"one of {list(STORAGE_TIERS[self.storage_mb])} for {self.storage_mb} MB",
            )
        low, high = BACKUP_RETENTION_RANGE
        if not low <= self.backup_retention_days <= high:
            raise refusal("backup_retention_days", self.backup_retention_days, f"within {low}-{high}")
        self._check_high_availability()
        if self.replicas and _burstable(self.sku_name):
            raise refusal(
                "replicas",
                len(self.replicas),
                "empty on a Burstable SKU (Azure offers no replicas there)",
            )
        locations = [r.location for r in self.replicas]
        if len(set(locations)) != len(locations):
            raise refusal("replicas", locations, "one replica per region (the region names the replica)")
        return self

    def _check_high_availability(self) -> None:
        mode = self.high_availability
        if mode == "Disabled":
            if self.standby_zone is not None:
                raise refusal("standby_zone", self.standby_zone, "None when high_availability is 'Disabled'")
            return
        if _burstable(self.sku_name):
            raise refusal("high_availability", mode, f"'Disabled' on a Burstable SKU ({self.sku_name})")
        if mode == "ZoneRedundant" and (self.zone is None or self.standby_zone is None):
            raise refusal(
                "standby_zone",
                self.standby_zone,
                "set, with zone, when high_availability is 'ZoneRedundant'",
            )
        if mode == "ZoneRedundant" and self.standby_zone == self.zone:
            raise refusal(
                "standby_zone",
                self.standby_zone,
                f"a zone other than the primary's ({self.zone}) for ZoneRedundant",
            )
        if mode == "SameZone" and self.standby_zone not in (None, self.zone):
            raise refusal(
                "standby_zone",
                self.standby_zone,
                f"None or the primary's zone ({self.zone}) for SameZone",
            )

    @property
    def effective_storage_tier(self) -> str:
        return self.storage_tier or STORAGE_TIERS[self.storage_mb][0]


def check_delegated_subnet(
    field: str, subnet: SubnetProps | None, shared_with: Mapping[str, SubnetProps | None]
) -> None:
    """Refuse a server subnet that is missing, not delegated to PostgreSQL Flexible Server, or also
    used by something else (``shared_with``: use -> subnet): Azure wants it dedicated."""
    if subnet is None:
        raise refusal(field, None, "a subnet delegated to PostgreSQL")
    if subnet.delegation != POSTGRES_DELEGATION:
        raise refusal(f"{field}.delegation", subnet.delegation, repr(POSTGRES_DELEGATION))
    shared = sorted(use for use, other in shared_with.items() if other is not None and other.name == subnet.name)
    if shared:
        raise refusal(field, subnet.name, f"dedicated to PostgreSQL, but it is also used for {shared}")
