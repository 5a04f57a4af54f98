"""``RedisCache``: Azure Cache for Redis, private, TLS only, Entra ID auth, optional clustering,
zones and persistence to a storage account through the cache's managed identity (P-6, P-7, N-8)."""

from __future__ import annotations

from ._cdk import Construct, azurerm
from .config.redis import (  # the props and defaults live in the config layer
    CAPACITIES as CAPACITIES,
    CAPACITY as CAPACITY,
    FAMILIES as FAMILIES,
    MINIMUM_TLS_VERSION as MINIMUM_TLS_VERSION,
    PERSISTENCE_ROLE as PERSISTENCE_ROLE,
    RDB_BACKUP_FREQUENCY as RDB_BACKUP_FREQUENCY,
    RDB_FREQUENCIES as RDB_FREQUENCIES,
    REDIS_VERSION as REDIS_VERSION,
    REPLICAS_PER_PRIMARY as REPLICAS_PER_PRIMARY,
    SHARD_COUNT as SHARD_COUNT,
    SKU as SKU,
    SSL_PORT as SSL_PORT,
    ZONES as ZONES,
    RedisProps as RedisProps,
)
from .private_endpoint import PrivateEndpoint
from .rbac import RoleGrant


class RedisCache(Construct):
    """The cache (public access and the non-TLS port off, TLS 1.2, Entra ID auth), its private
    endpoint with DNS zone group, and, with persistence, the identity's role on the storage.

    Typed attributes: ``cache``, ``cache_id``, ``hostname``, ``ssl_port``, ``principal_id``.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: RedisProps,
        name: str,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        endpoint_subnet: azurerm.subnet.Subnet,
        dns_zone: azurerm.private_dns_zone.PrivateDnsZone,
        persistence_storage: azurerm.storage_account.StorageAccount,
        subscription_id: str,
        tags: dict[str, str],
    ) -> None:
        super().__init__(scope, id)
        self.props = props
        rc = azurerm.redis_cache
        # With a managed identity the "connection string" is the blob endpoint: no key (P-7).
        persistence: dict[str, object] = {}
        if props.persistence:
            persistence = {
                "data_persistence_authentication_method": "ManagedIdentity",
                "storage_account_subscription_id": subscription_id,
            }
        if props.rdb_backup_enabled:
            persistence |= {
                "rdb_backup_enabled": True,
                "rdb_backup_frequency": props.rdb_backup_frequency,
                "rdb_backup_max_snapshot_count": 1,
                "rdb_storage_connection_string": persistence_storage.primary_blob_endpoint,
            }
        if props.aof_backup_enabled:
            persistence |= {
                "aof_backup_enabled": True,
                "aof_storage_connection_string0": persistence_storage.primary_blob_endpoint,
            }
        self.cache = rc.RedisCache(
            self,
            "cache",
            name=name,
            location=location,
            resource_group_name=resource_group.name,
            sku_name=props.sku,
            family=FAMILIES[props.sku],
            capacity=props.capacity,
            shard_count=props.shard_count,
            replicas_per_primary=props.replicas_per_primary,
            zones=list(props.zones) if props.zones else None,
            redis_version=REDIS_VERSION,
            minimum_tls_version=MINIMUM_TLS_VERSION,
            non_ssl_port_enabled=False,
            public_network_access_enabled=False,
            access_keys_authentication_enabled=props.access_keys_enabled,
            identity=rc.RedisCacheIdentity(type="SystemAssigned"),
            redis_configuration=rc.RedisCacheRedisConfiguration(
                authentication_enabled=True,
                active_directory_authentication_enabled=True,
                **persistence,
            ),
            patch_schedule=[
                rc.RedisCachePatchSchedule(
                    day_of_week=props.patch_window.utc_day_name,
                    start_hour_utc=props.patch_window.utc[1],
                    maintenance_window="PT5H",  # Azure's minimum patch window
                )
            ],
            tags=tags,
        )
        self.endpoint = PrivateEndpoint(
            self,
            "private-endpoint",
            target=self.cache,
            subresource="redisCache",
            subnet=endpoint_subnet,
            dns_zone=dns_zone,
            name=f"pe-{name}-redis",
            location=location,
            resource_group_name=resource_group.name,
            tags=tags,
        )
        if props.persistence:
            RoleGrant(
                self,
                "persistence-role",
                target=persistence_storage,
                role=PERSISTENCE_ROLE,
                principal_id=self.principal_id,
            )

    @property
    def cache_id(self) -> str:
        return self.cache.id

    @property
    def hostname(self) -> str:
        """``<name>.redis.cache.windows.net`` (N-8), resolved privately through the DNS zone."""
        return self.cache.hostname

    @property
    def ssl_port(self) -> float:
        """6380 (N-8): the only port, the non-TLS 6379 is off."""
        return self.cache.ssl_port

    @property
    def principal_id(self) -> str:
        """Object id of the cache's system-assigned identity."""
        return self.cache.identity.principal_id
