"""``PostgresFlexible``: a private PostgreSQL Flexible Server with HA, geo backups, Entra-only
authentication and read replicas (P-1 … P-5, N-8)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final, Literal

from pydantic import model_validator

from ._cdk import Construct, azurerm, cdk
from .maintenance import MaintenanceSlot
from .network import POSTGRES_DELEGATION, SubnetProps
from .props import Props, Region, refusal
from .rules import Suppressions

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

ZONAL_REGIONS = frozenset({"koreacentral"})
"""Regions with availability zones (T-5); Korea South has none, so a server there takes no zone."""

_SKU = re.compile(r"(B|GP|MO)_Standard_[A-Za-z0-9_]+")
Zone = Literal["1", "2", "3"]


def _check_sku(field: str, sku: str) -> None:
    if not _SKU.fullmatch(sku):
        raise refusal(field, sku, "'<B|GP|MO>_Standard_<size>' such as 'GP_Standard_D8s_v3'")


def _burstable(sku: str) -> bool:
    return sku.startswith("B_")


class ReplicaProps(Props):
    """A read replica (P-5): its region must have a database subnet (checked by the environment)."""

    location: Region
    sku_name: str = REPLICA_SKU_NAME
    zone: Zone | None = None
    """``None`` lets Azure pick; must be ``None`` in a region without zones (Korea South)."""

    @model_validator(mode="after")
    def _checks(self) -> ReplicaProps:
        _check_sku("replicas.sku_name", self.sku_name)
        if self.zone is not None and self.location not in ZONAL_REGIONS:
            raise refusal(
                "replicas.zone",
                self.zone,
                f"None in {self.location} (a region without availability zones)",
            )
        return self


DEFAULT_REPLICAS = (  # P-5
    ReplicaProps(location="koreacentral", zone="3"),  # the zone neither primary nor standby uses
    ReplicaProps(location="koreasouth"),
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


class PostgresFlexible(Construct):
    """Primary server (zone-redundant HA, geo-redundant backups, Entra ID only, TLS minimum) and
    its read replicas, all VNet-integrated (delegated subnet + private DNS zone, no public access).

    Typed attributes: ``server``, ``server_id``, ``server_fqdn``, ``replicas`` (by region),
    ``replica_ids`` (by region).
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: PostgresProps,
        name: str,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        subnet: azurerm.subnet.Subnet,
        dns_zone: azurerm.private_dns_zone.PrivateDnsZone,
        dns_zone_links: Sequence[cdk.TerraformResource],
        tenant_id: str,
        replica_networks: Mapping[str, tuple[azurerm.subnet.Subnet, azurerm.resource_group.ResourceGroup]],
        tags: dict[str, str],
    ) -> None:
        """``replica_networks``: region -> (delegated subnet, resource group) for replicas outside
        ``location``; ``dns_zone_links`` must exist before a server joins the zone."""
        super().__init__(scope, id)
        self.props = props
        pg = azurerm.postgresql_flexible_server
        day, hour = props.maintenance.utc
        common = {
            "version": props.version,
            "storage_mb": props.storage_mb,
            "storage_tier": props.effective_storage_tier,
            "private_dns_zone_id": dns_zone.id,
            "public_network_access_enabled": False,
            # Entra ID only (P-4, S-4): no administrator login or password exists anywhere.
            "authentication": pg.PostgresqlFlexibleServerAuthentication(
                active_directory_auth_enabled=True, password_auth_enabled=False, tenant_id=tenant_id
            ),
            "maintenance_window": pg.PostgresqlFlexibleServerMaintenanceWindow(
                day_of_week=day, start_hour=hour, start_minute=0
            ),
            "depends_on": list(dns_zone_links),
            "tags": tags,
        }
        ha = None
        if props.high_availability != "Disabled":
            ha = pg.PostgresqlFlexibleServerHighAvailability(
                mode=props.high_availability, standby_availability_zone=props.standby_zone
            )
        self.server = pg.PostgresqlFlexibleServer(
            self,
            "server",
            name=name,
            location=location,
            resource_group_name=resource_group.name,
            create_mode="Default",
            sku_name=props.sku_name,
            zone=props.zone,
            high_availability=ha,
            backup_retention_days=props.backup_retention_days,
            geo_redundant_backup_enabled=props.geo_redundant_backup,
            delegated_subnet_id=subnet.id,
            # After a failover Azure swaps primary and standby zones; do not fail back on apply.
            lifecycle=cdk.TerraformResourceLifecycle(
                ignore_changes=["zone", "high_availability[0].standby_availability_zone"]
            )
            if ha
            else None,
            **common,
        )
        primary_tls = self._tls(self.server, "server")
        # Every server here is VNet-integrated (delegated subnet, public access off): private
        # without a private endpoint, which checkov's CKV2_AZURE_57 does not recognise.
        Suppressions.of(self).add(
            "CKV2_AZURE_57",
            "VNet-integrated server (delegated subnet, no public access) is private without a private endpoint (P-4)",
        )

        self.replicas: dict[str, azurerm.postgresql_flexible_server.PostgresqlFlexibleServer] = {}
        for replica in props.replicas:
            if replica.location == location:
                replica_subnet, replica_group = subnet, resource_group
            elif replica.location in replica_networks:
                replica_subnet, replica_group = replica_networks[replica.location]
            else:
                raise refusal(
                    "replicas.location",
                    replica.location,
                    f"a region with a database subnet, one of {[location, *replica_networks]}",
                )
            server = pg.PostgresqlFlexibleServer(
                self,
                f"replica-{replica.location}",
                name=f"{name}-replica-{replica.location}",
                location=replica.location,
                resource_group_name=replica_group.name,
                create_mode="Replica",
                source_server_id=self.server.id,
                sku_name=replica.sku_name,
                zone=replica.zone,
                delegated_subnet_id=replica_subnet.id,
                # Azure runs one operation per server at a time: the primary's parameter goes first.
                **{**common, "depends_on": [*dns_zone_links, primary_tls]},
            )
            self._tls(server, f"replica-{replica.location}")
            self.replicas[replica.location] = server

    def _tls(
        self, server: azurerm.postgresql_flexible_server.PostgresqlFlexibleServer, id: str
    ) -> azurerm.postgresql_flexible_server_configuration.PostgresqlFlexibleServerConfiguration:
        # Server parameters are not replicated: every server gets its own (P-4, S-3).
        return azurerm.postgresql_flexible_server_configuration.PostgresqlFlexibleServerConfiguration(
            self,
            f"{id}-ssl-min-protocol-version",
            name="ssl_min_protocol_version",
            server_id=server.id,
            value=self.props.ssl_min_protocol_version,
        )

    @property
    def server_id(self) -> str:
        return self.server.id

    @property
    def server_fqdn(self) -> str:
        """``<name>.postgres.database.azure.com`` (N-8), resolved privately through the DNS zone."""
        return self.server.fqdn

    @property
    def replica_ids(self) -> dict[str, str]:
        return {region: server.id for region, server in self.replicas.items()}
