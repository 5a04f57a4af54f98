"""``PrivateDataTier``: PostgreSQL, Redis and the backup storage account, all private, composed
from ``PostgresFlexible``, ``RedisCache`` and ``BackupStorage`` (P-1 … P-9, N-2, N-7, N-8, T-5)."""

from __future__ import annotations

from ._cdk import Construct, azurerm, cdk
from .backup_storage import BackupStorage
from .config.data_tier import (  # the props and defaults live in the config layer
    STORAGE_ABBREVIATION as STORAGE_ABBREVIATION,
    PrivateDataTierProps as PrivateDataTierProps,
)
from .config.naming import Naming
from .encryption import CustomerManagedKey
from .network import (
    HubSpokeNetwork,
)
from .postgres import PostgresFlexible
from .private_endpoint import dns_zone_for
from .redis import RedisCache


class PrivateDataTier(Construct):
    """PostgreSQL Flexible Server with replicas, Redis and backup storage, reached only through the
    spoke (delegated subnet, private endpoints, private DNS zones of ``network``).

    Names follow N-8: server and cache are ``<workload>-<env>``, so the FQDNs are
    ``tripgen-prod.postgres.database.azure.com`` and ``tripgen-prod.redis.cache.windows.net``.

    Typed attributes: ``postgres_server``, ``server_fqdn``, ``replicas`` / ``replica_ids`` (by
    region), ``redis_cache``, ``redis_hostname``, ``redis_ssl_port``, ``redis_principal_id``,
    ``storage_account``, ``storage_account_id``; the parts are ``postgres``,
    ``redis``, ``backup_storage``.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: PrivateDataTierProps,
        naming: Naming,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        network: HubSpokeNetwork,
        client_config: azurerm.data_azurerm_client_config.DataAzurermClientConfig,
        dr_location: str | None,
        dr_resource_group: azurerm.resource_group.ResourceGroup | None,
        tags: dict[str, str],
        storage_encryption: CustomerManagedKey | None = None,
    ) -> None:
        super().__init__(scope, id)
        self.props = props
        replica_networks = {}
        if dr_location is not None and dr_resource_group is not None and network.dr_database_subnet is not None:
            replica_networks[dr_location] = (network.dr_database_subnet, dr_resource_group)
        base_name = f"{naming.workload}-{naming.environment}"  # N-8
        common = {"location": location, "resource_group": resource_group, "tags": tags}

        self.backup_storage = BackupStorage(
            self,
            "backup-storage",
            props=props.storage,
            name=props.storage.name or f"{STORAGE_ABBREVIATION}{naming.compact('bkp')}",
            endpoint_subnet=network.private_endpoint_subnet,
            dns_zone=network.dns_zone(dns_zone_for("blob")),
            trusted_service_access=props.redis.persistence,
            encryption_key=storage_encryption,
            **common,
        )
        postgres_zone = dns_zone_for("postgresqlServer")
        self.postgres = PostgresFlexible(
            self,
            "postgres",
            props=props.postgres,
            name=base_name,
            subnet=network.database_subnet,
            dns_zone=network.dns_zone(postgres_zone),
            dns_zone_links=_zone_links(network, postgres_zone),
            tenant_id=client_config.tenant_id,
            replica_networks=replica_networks,
            dr_location=dr_location,
            **common,
        )
        # N-2 resolution: the cache subnet hosts Redis's private endpoint.
        self.redis = RedisCache(
            self,
            "redis",
            props=props.redis,
            name=base_name,
            endpoint_subnet=network.cache_subnet,
            dns_zone=network.dns_zone(dns_zone_for("redisCache")),
            persistence_storage=self.backup_storage.account,
            subscription_id=client_config.subscription_id,
            **common,
        )

    @property
    def postgres_server(self) -> azurerm.postgresql_flexible_server.PostgresqlFlexibleServer:
        return self.postgres.server

    @property
    def server_fqdn(self) -> str:
        return self.postgres.server_fqdn

    @property
    def replicas(self) -> dict[str, azurerm.postgresql_flexible_server.PostgresqlFlexibleServer]:
        return self.postgres.replicas

    @property
    def replica_ids(self) -> dict[str, str]:
        return self.postgres.replica_ids

    @property
    def redis_cache(self) -> azurerm.redis_cache.RedisCache:
        return self.redis.cache

    @property
    def redis_hostname(self) -> str:
        return self.redis.hostname

    @property
    def redis_ssl_port(self) -> float:
        return self.redis.ssl_port

    @property
    def redis_principal_id(self) -> str:
        return self.redis.principal_id

    @property
    def storage_account(self) -> azurerm.storage_account.StorageAccount:
        return self.backup_storage.account

    @property
    def storage_account_id(self) -> str:
        return self.backup_storage.account_id


def _zone_links(network: HubSpokeNetwork, zone: str) -> list[cdk.TerraformResource]:
    """The VNet links of ``zone``: a VNet-integrated server needs them before it is created."""
    label = zone.removeprefix("privatelink.").split(".")[0]
    return [
        child
        for child in network.node.children
        if isinstance(child, azurerm.private_dns_zone_virtual_network_link.PrivateDnsZoneVirtualNetworkLink)
        and child.node.id.startswith(f"dns-{label}-link-")
    ]
