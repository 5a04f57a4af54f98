"""``RESILIENCY_PACK``: what a production environment must meet to survive a zone failure (T-1, K-3,
K-4, G-2, P-2, P-3, P-6), in the spirit of Azure's reliability recommendations (APRL). Environments
that do not claim it (dev, D-1) suppress these rules in their config, each with its reason."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .core import Level, Pack, Resource, RuleContext, Status, Template, rule, verdict

MIN_ZONES = 2
MIN_SYSTEM_NODES = 2
MIN_GATEWAY_CAPACITY = 2
ZONE_REDUNDANT_STORAGE = frozenset({"ZRS", "GZRS", "RAGZRS"})


def _pool(resource: Resource) -> Mapping[str, Any]:
    return resource.block("default_node_pool") if resource.type == "azurerm_kubernetes_cluster" else resource.body


def _zones(value: Any) -> int:
    return len(set(value)) if isinstance(value, list | tuple) else 0


@rule(
    "TG-RES-AKS-POOL-ZONES",
    Level.ERROR,
    "AKS node pool is not spread over at least 2 availability zones with the autoscaler on (K-3, K-4).",
    "Set zones to ['1', '2', '3'] (at least two) and auto_scaling_enabled with min/max counts.",
    ("azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster_node_pool"),
)
def aks_pool_zones(resource: Resource, template: Template, context: RuleContext) -> Status:
    pool = _pool(resource)
    return verdict(_zones(pool.get("zones")) >= MIN_ZONES and pool.get("auto_scaling_enabled") is True)


@rule(
    "TG-RES-AKS-SYSTEM-NODES",
    Level.ERROR,
    "AKS system pool can run on fewer than 2 nodes: one node failure stops the cluster's add-ons (K-3).",
    "Set the system pool's min_count (or node_count without autoscaling) to at least 2.",
    ("azurerm_kubernetes_cluster",),
)
def aks_system_nodes(resource: Resource, template: Template, context: RuleContext) -> Status:
    pool = _pool(resource)
    count = pool.get("min_count") if pool.get("auto_scaling_enabled") else pool.get("node_count")
    return verdict(isinstance(count, int) and count >= MIN_SYSTEM_NODES)


@rule(
    "TG-RES-AKS-TIER",
    Level.ERROR,
    "AKS control plane runs on the Free tier, which has no uptime SLA (K-2).",
    "Set sku_tier 'Standard' (or 'Premium').",
    ("azurerm_kubernetes_cluster",),
)
def aks_tier(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.get("sku_tier") in ("Standard", "Premium"))


@rule(
    "TG-RES-AGW-ZONES",
    Level.ERROR,
    "Application Gateway is not spread over at least 2 availability zones (G-2).",
    "Set zones to ['1', '2', '3'] (and the same zones on its public IP).",
    ("azurerm_application_gateway",),
)
def app_gateway_zones(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(_zones(resource.get("zones")) >= MIN_ZONES)


@rule(
    "TG-RES-AGW-CAPACITY",
    Level.ERROR,
    "Application Gateway can scale below 2 instances: a single instance is a single point of failure (G-2).",
    "Set autoscale_configuration.min_capacity to at least 2 (the design says 3).",
    ("azurerm_application_gateway",),
)
def app_gateway_capacity(resource: Resource, template: Template, context: RuleContext) -> Status:
    autoscale = resource.block("autoscale_configuration")
    capacity = autoscale.get("min_capacity") if autoscale else resource.block("sku").get("capacity")
    return verdict(isinstance(capacity, int) and capacity >= MIN_GATEWAY_CAPACITY)


@rule(
    "TG-RES-PUBLIC-IP-ZONES",
    Level.ERROR,
    "Public IP is not zone-redundant: a zone failure takes the address down with it (G-2).",
    "Use sku 'Standard' with zones ['1', '2', '3'].",
    ("azurerm_public_ip",),
)
def public_ip_zones(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.get("sku", "Standard") == "Standard" and _zones(resource.get("zones")) >= MIN_ZONES)


@rule(
    "TG-RES-POSTGRES-HA",
    Level.ERROR,
    "PostgreSQL Flexible Server has no zone-redundant high availability (P-2).",
    "Set high_availability { mode = 'ZoneRedundant' } with a standby_availability_zone other than the zone.",
    ("azurerm_postgresql_flexible_server",),
)
def postgres_ha(resource: Resource, template: Template, context: RuleContext) -> Status:
    if resource.get("create_mode") == "Replica":
        return Status.NOT_APPLICABLE  # replicas take no HA; their primary does
    ha = resource.block("high_availability")
    standby = ha.get("standby_availability_zone")
    return verdict(ha.get("mode") == "ZoneRedundant" and (standby is None or standby != resource.get("zone")))


@rule(
    "TG-RES-POSTGRES-GEO-BACKUP",
    Level.ERROR,
    "PostgreSQL Flexible Server backups are not geo-redundant: a region loss loses them (P-3, T-5).",
    "Set geo_redundant_backup_enabled true (it can only be set at creation).",
    ("azurerm_postgresql_flexible_server",),
)
def postgres_geo_backup(resource: Resource, template: Template, context: RuleContext) -> Status:
    if resource.get("create_mode") == "Replica":
        return Status.NOT_APPLICABLE
    return verdict(resource.get("geo_redundant_backup_enabled") is True)


@rule(
    "TG-RES-REDIS-ZONES",
    Level.ERROR,
    "Redis is not Premium across at least 2 availability zones (P-6).",
    "Use sku_name 'Premium' with zones ['1', '2', '3'].",
    ("azurerm_redis_cache",),
)
def redis_zones(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.get("sku_name") == "Premium" and _zones(resource.get("zones")) >= MIN_ZONES)


@rule(
    "TG-RES-STORAGE-REDUNDANCY",
    Level.ERROR,
    "Storage account keeps its data in one zone (LRS/GRS): a zone failure makes it unavailable (P-9).",
    "Set account_replication_type 'ZRS', 'GZRS' or 'RAGZRS'.",
    ("azurerm_storage_account",),
)
def storage_redundancy(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.get("account_replication_type") in ZONE_REDUNDANT_STORAGE)


RESILIENCY_PACK = Pack(
    "ResiliencyPack",
    (
        aks_pool_zones,
        aks_system_nodes,
        aks_tier,
        app_gateway_zones,
        app_gateway_capacity,
        public_ip_zones,
        postgres_ha,
        postgres_geo_backup,
        redis_zones,
        storage_redundancy,
    ),
)
