"""``PostgresFlexible``: a private PostgreSQL Flexible Server with HA, geo backups, Entra-only
authentication and read replicas (P-1 … P-5, N-8)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ._cdk import Construct, azurerm, cdk
from .config.postgres import (  # the props and defaults live in the config layer
    BACKUP_RETENTION_DAYS as BACKUP_RETENTION_DAYS,
    BACKUP_RETENTION_RANGE as BACKUP_RETENTION_RANGE,
    DEFAULT_REPLICAS as DEFAULT_REPLICAS,
    GEO_REDUNDANT_BACKUP as GEO_REDUNDANT_BACKUP,
    HIGH_AVAILABILITY as HIGH_AVAILABILITY,
    POSTGRES_PORT as POSTGRES_PORT,
    POSTGRES_VERSION as POSTGRES_VERSION,
    PRIMARY_ZONE as PRIMARY_ZONE,
    REPLICA_SKU_NAME as REPLICA_SKU_NAME,
    SKU_NAME as SKU_NAME,
    SSL_MIN_PROTOCOL_VERSION as SSL_MIN_PROTOCOL_VERSION,
    STANDBY_ZONE as STANDBY_ZONE,
    STORAGE_MB as STORAGE_MB,
    STORAGE_TIERS as STORAGE_TIERS,
    SUPPORTED_VERSIONS as SUPPORTED_VERSIONS,
    PostgresProps as PostgresProps,
    ReplicaProps as ReplicaProps,
    Zone as Zone,
    check_delegated_subnet as check_delegated_subnet,
)
from .config.props import refusal
from .rules import Suppressions


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
        dr_location: str | None = None,
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
        for replica in props.in_environment(location=location, dr_location=dr_location).replicas:
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
