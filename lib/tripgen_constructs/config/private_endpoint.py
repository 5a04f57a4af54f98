"""``PrivateEndpoint``: the one way every service here gets a private endpoint (N-6, N-7).

The subresource is checked against the target's resource type, and the DNS zone group is always
attached, with the zone checked against the subresource.
"""

from __future__ import annotations

from .props import refusal

SUBRESOURCES: dict[str, tuple[str, ...]] = {
    "azurerm_key_vault": ("vault",),
    "azurerm_servicebus_namespace": ("namespace",),
    "azurerm_redis_cache": ("redisCache",),
    "azurerm_storage_account": ("blob", "file", "queue", "table", "dfs", "web"),
    "azurerm_container_registry": ("registry",),
    "azurerm_postgresql_flexible_server": ("postgresqlServer",),
}
"""Private-link subresources each service type offers."""

DNS_ZONES: dict[str, str] = {
    "vault": "privatelink.vaultcore.azure.net",
    "namespace": "privatelink.servicebus.windows.net",
    "redisCache": "privatelink.redis.cache.windows.net",
    "blob": "privatelink.blob.core.windows.net",
    "file": "privatelink.file.core.windows.net",
    "queue": "privatelink.queue.core.windows.net",
    "table": "privatelink.table.core.windows.net",
    "dfs": "privatelink.dfs.core.windows.net",
    "web": "privatelink.web.core.windows.net",
    "registry": "privatelink.azurecr.io",
    "postgresqlServer": "privatelink.postgres.database.azure.com",
}
"""The private DNS zone Azure documents for each subresource."""


def dns_zone_for(subresource: str) -> str:
    """The private DNS zone name of ``subresource``."""
    if subresource not in DNS_ZONES:
        raise refusal("subresource", subresource, f"one of {sorted(DNS_ZONES)}")
    return DNS_ZONES[subresource]
