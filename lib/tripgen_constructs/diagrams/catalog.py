"""The one table: Terraform resource type → category, icon, how it attaches to the picture.

Everything the views need to know about a resource type lives here; a type that is missing is
drawn with the generic icon and reported once as a warning.

``attach`` says how a resource appears:

- ``node``: a box of its own (placed in the subnet it references, else in its region).
- ``vnet`` / ``subnet``: a container.
- ``fold``: plumbing; folds into the resource it references (``into``: the first reference of
  one of those types), becoming a line of that node's details instead of a box.
- ``fold-up``: folds into the resource that references it (a public IP into its gateway).
- ``link``: becomes an edge (peering, replication pairing, Front Door origin, role grant).
- ``hidden``: not drawn (resource groups, provider plumbing that says nothing to a reader).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Category(StrEnum):
    EDGE = "edge"
    NETWORK = "network"
    COMPUTE = "compute"
    DATA = "data"
    MESSAGING = "messaging"
    SECURITY = "security"
    IDENTITY = "identity"
    OBSERVABILITY = "observability"
    OTHER = "other"


class Attach(StrEnum):
    NODE = "node"
    VNET = "vnet"
    SUBNET = "subnet"
    FOLD = "fold"
    FOLD_UP = "fold-up"
    LINK = "link"
    HIDDEN = "hidden"


@dataclass(frozen=True)
class Entry:
    """How one resource type is drawn."""

    category: Category
    icon: str
    """``diagrams`` node class, ``module.Class`` under ``diagrams.azure``."""
    attach: Attach = Attach.NODE
    kind: str = ""
    """Short human name of the type, shown in labels and fold summaries."""
    details: tuple[tuple[str, str], ...] = ()
    """(attribute path, format) pairs for the label; ``{}`` is the value."""
    into: tuple[str, ...] = ()
    """For ``fold``: types it folds into, in order of preference."""
    physical: bool = True
    """Shown in the physical-architecture view."""
    network: bool = True
    """Shown in the network view."""
    extra: dict[str, str] = field(default_factory=dict)
    """Link semantics for ``link`` entries: ``from``/``to`` attribute paths, ``label``, ``edge``."""


GENERIC_ICON = "general.Resource"

_SKU = (("sku_name", "{}"),)

CATALOG: dict[str, Entry] = {
    # --- containers and network plumbing
    "azurerm_resource_group": Entry(Category.OTHER, "general.ResourceGroups", Attach.HIDDEN),
    "azurerm_client_config": Entry(Category.IDENTITY, "identity.ManagedIdentities", Attach.HIDDEN, "client config"),
    "azurerm_virtual_network": Entry(
        Category.NETWORK,
        "networking.VirtualNetworks",
        Attach.VNET,
        "VNet",
        details=(("address_space", "{}"),),
        physical=False,
    ),
    "azurerm_subnet": Entry(
        Category.NETWORK,
        "networking.Subnet",
        Attach.SUBNET,
        "subnet",
        details=(("address_prefixes", "{}"),),
        physical=False,
    ),
    "azurerm_network_security_group": Entry(
        Category.SECURITY,
        "networking.NetworkSecurityGroups",
        Attach.HIDDEN,
        "NSG",
        physical=False,
    ),
    "azurerm_subnet_network_security_group_association": Entry(
        Category.NETWORK,
        "networking.NetworkSecurityGroups",
        Attach.HIDDEN,
        "NSG association",
    ),
    "azurerm_network_security_rule": Entry(
        Category.SECURITY,
        "networking.NetworkSecurityGroups",
        Attach.HIDDEN,
        "NSG rule",
    ),
    "azurerm_subnet_route_table_association": Entry(
        Category.NETWORK,
        "networking.RouteTables",
        Attach.HIDDEN,
        "route table association",
    ),
    "azurerm_route_table": Entry(
        Category.NETWORK,
        "networking.RouteTables",
        Attach.NODE,
        "route table",
        physical=False,
    ),
    "azurerm_virtual_network_peering": Entry(
        Category.NETWORK,
        "networking.VirtualNetworks",
        Attach.LINK,
        "peering",
        physical=False,
        extra={
            "from": "virtual_network_name",
            "to": "remote_virtual_network_id",
            "edge": "peering",
            "label": "peering",
        },
    ),
    "azurerm_private_dns_zone": Entry(
        Category.NETWORK,
        "networking.DNSZones",
        Attach.NODE,
        "private DNS zone",
        physical=False,
    ),
    "azurerm_private_dns_zone_virtual_network_link": Entry(
        Category.NETWORK,
        "networking.DNSZones",
        Attach.FOLD,
        "VNet link",
        into=("azurerm_private_dns_zone",),
    ),
    "azurerm_private_endpoint": Entry(
        Category.NETWORK,
        "network.PrivateEndpoint",
        Attach.NODE,
        "private endpoint",
        physical=False,
        extra={
            "to": "private_service_connection.private_connection_resource_id",
            "edge": "private-link",
            "label": "private link",
        },
    ),
    "azurerm_public_ip": Entry(
        Category.NETWORK,
        "networking.PublicIpAddresses",
        Attach.FOLD_UP,
        "public IP",
    ),
    "azurerm_nat_gateway": Entry(Category.NETWORK, "networking.Nat", Attach.NODE, "NAT gateway"),
    "azurerm_network_ddos_protection_plan": Entry(
        Category.SECURITY,
        "networking.DDOSProtectionPlans",
        Attach.NODE,
        "DDoS protection plan",
    ),
    "azurerm_network_watcher_flow_log": Entry(
        Category.OBSERVABILITY,
        "networking.NetworkWatcher",
        Attach.FOLD,
        "flow log",
        into=("azurerm_network_security_group",),
    ),
    # --- edge
    "azurerm_cdn_frontdoor_profile": Entry(
        Category.EDGE,
        "networking.FrontDoorAndCDNProfiles",
        Attach.NODE,
        "Front Door",
        details=_SKU,
    ),
    "azurerm_cdn_frontdoor_endpoint": Entry(
        Category.EDGE,
        "networking.FrontDoorAndCDNProfiles",
        Attach.FOLD,
        "endpoint",
        into=("azurerm_cdn_frontdoor_profile",),
    ),
    "azurerm_cdn_frontdoor_origin_group": Entry(
        Category.EDGE,
        "networking.FrontDoorAndCDNProfiles",
        Attach.FOLD,
        "origin group",
        into=("azurerm_cdn_frontdoor_profile",),
    ),
    "azurerm_cdn_frontdoor_origin": Entry(
        Category.EDGE,
        "networking.FrontDoorAndCDNProfiles",
        Attach.LINK,
        "origin",
        extra={"from": "cdn_frontdoor_origin_group_id", "to": "host_name", "edge": "origin", "label": "origin HTTPS"},
    ),
    "azurerm_cdn_frontdoor_route": Entry(
        Category.EDGE,
        "networking.FrontDoorAndCDNProfiles",
        Attach.FOLD,
        "route",
        into=("azurerm_cdn_frontdoor_endpoint", "azurerm_cdn_frontdoor_profile"),
    ),
    "azurerm_cdn_frontdoor_rule_set": Entry(
        Category.EDGE,
        "networking.FrontDoorAndCDNProfiles",
        Attach.FOLD,
        "rule set",
        into=("azurerm_cdn_frontdoor_profile",),
    ),
    "azurerm_cdn_frontdoor_rule": Entry(
        Category.EDGE,
        "networking.FrontDoorAndCDNProfiles",
        Attach.FOLD,
        "rule",
        into=("azurerm_cdn_frontdoor_rule_set",),
    ),
    "azurerm_cdn_frontdoor_custom_domain": Entry(
        Category.EDGE,
        "networking.FrontDoorAndCDNProfiles",
        Attach.FOLD,
        "custom domain",
        into=("azurerm_cdn_frontdoor_profile",),
    ),
    "azurerm_cdn_frontdoor_security_policy": Entry(
        Category.SECURITY,
        "networking.FrontDoorAndCDNProfiles",
        Attach.FOLD,
        "security policy",
        into=("azurerm_cdn_frontdoor_profile",),
    ),
    "azurerm_cdn_frontdoor_firewall_policy": Entry(
        Category.SECURITY,
        "networking.WebApplicationFirewallPolicieswaf",
        Attach.FOLD_UP,
        "WAF policy",
    ),
    "azurerm_application_gateway": Entry(
        Category.EDGE,
        "networking.ApplicationGateways",
        Attach.NODE,
        "Application Gateway",
        details=(
            ("sku.name", "{}"),
            ("autoscale_configuration.min_capacity", "min {}"),
            ("autoscale_configuration.max_capacity", "max {}"),
            ("zones", "zones {}"),
        ),
    ),
    "azurerm_web_application_firewall_policy": Entry(
        Category.SECURITY,
        "networking.WebApplicationFirewallPolicieswaf",
        Attach.FOLD_UP,
        "WAF policy",
    ),
    "azurerm_firewall": Entry(
        Category.SECURITY,
        "networking.Firewalls",
        Attach.NODE,
        "Azure Firewall",
        details=(("sku_tier", "{}"),),
    ),
    "azurerm_firewall_policy_rule_collection_group": Entry(
        Category.SECURITY,
        "networking.AzureFirewallPolicy",
        Attach.FOLD,
        "rule collection group",
        into=("azurerm_firewall_policy",),
    ),
    "azurerm_firewall_policy": Entry(
        Category.SECURITY,
        "networking.AzureFirewallPolicy",
        Attach.FOLD_UP,
        "firewall policy",
    ),
    # --- compute
    "azurerm_kubernetes_cluster": Entry(
        Category.COMPUTE,
        "compute.KubernetesServices",
        Attach.NODE,
        "AKS",
        details=(("sku_tier", "{} tier"), ("kubernetes_version", "k8s {}")),
    ),
    "azurerm_kubernetes_cluster_node_pool": Entry(
        Category.COMPUTE,
        "compute.VMScaleSets",
        Attach.FOLD,
        "node pool",
        into=("azurerm_kubernetes_cluster",),
    ),
    "azurerm_container_registry": Entry(
        Category.COMPUTE,
        "compute.ContainerRegistries",
        Attach.NODE,
        "Container Registry",
        details=(("sku", "{}"),),
    ),
    "azurerm_container_registry_scope_map": Entry(
        Category.SECURITY,
        "compute.ContainerRegistries",
        Attach.FOLD,
        "scope map",
        into=("azurerm_container_registry",),
    ),
    # --- data
    "azurerm_postgresql_flexible_server": Entry(
        Category.DATA,
        "databases.AzureDatabasePostgresqlServer",
        Attach.NODE,
        "PostgreSQL",
        details=(("sku_name", "{}"), ("storage_mb", "{} MB"), ("version", "v{}")),
    ),
    "azurerm_postgresql_flexible_server_configuration": Entry(
        Category.DATA,
        "databases.AzureDatabasePostgresqlServer",
        Attach.FOLD,
        "parameter",
        into=("azurerm_postgresql_flexible_server",),
    ),
    "azurerm_postgresql_flexible_server_database": Entry(
        Category.DATA,
        "databases.AzureDatabasePostgresqlServer",
        Attach.FOLD,
        "database",
        into=("azurerm_postgresql_flexible_server",),
    ),
    "azurerm_postgresql_flexible_server_firewall_rule": Entry(
        Category.SECURITY,
        "databases.AzureDatabasePostgresqlServer",
        Attach.FOLD,
        "firewall rule",
        into=("azurerm_postgresql_flexible_server",),
    ),
    "azurerm_postgresql_flexible_server_active_directory_administrator": Entry(
        Category.IDENTITY,
        "databases.AzureDatabasePostgresqlServer",
        Attach.FOLD,
        "Entra admin",
        into=("azurerm_postgresql_flexible_server",),
    ),
    "azurerm_redis_cache": Entry(
        Category.DATA,
        "databases.CacheRedis",
        Attach.NODE,
        "Redis",
        details=(
            ("sku_name", "{}"),
            ("capacity", "capacity {}"),
            ("shard_count", "{} shards"),
            ("replicas_per_primary", "{} replica(s)/shard"),
            ("zones", "zones {}"),
        ),
    ),
    "azurerm_redis_cache_access_policy_assignment": Entry(
        Category.IDENTITY,
        "databases.CacheRedis",
        Attach.FOLD,
        "access policy assignment",
        into=("azurerm_redis_cache",),
    ),
    "azurerm_redis_firewall_rule": Entry(
        Category.SECURITY,
        "databases.CacheRedis",
        Attach.FOLD,
        "firewall rule",
        into=("azurerm_redis_cache",),
    ),
    "azurerm_redis_linked_server": Entry(
        Category.DATA,
        "databases.CacheRedis",
        Attach.LINK,
        "geo-replication",
        extra={
            "from": "redis_cache_name",
            "to": "linked_redis_cache_id",
            "edge": "replication",
            "label": "geo-replication",
        },
    ),
    "azurerm_storage_account": Entry(
        Category.DATA,
        "storage.StorageAccounts",
        Attach.NODE,
        "Storage",
        details=(("account_tier", "{}"), ("account_replication_type", "{}")),
    ),
    "azurerm_storage_container": Entry(
        Category.DATA,
        "storage.StorageAccounts",
        Attach.FOLD,
        "container",
        into=("azurerm_storage_account",),
    ),
    "azurerm_storage_management_policy": Entry(
        Category.DATA,
        "storage.StorageAccounts",
        Attach.FOLD,
        "lifecycle policy",
        into=("azurerm_storage_account",),
    ),
    "azurerm_storage_account_network_rules": Entry(
        Category.SECURITY,
        "storage.StorageAccounts",
        Attach.FOLD,
        "network rules",
        into=("azurerm_storage_account",),
    ),
    # --- messaging
    "azurerm_servicebus_namespace": Entry(
        Category.MESSAGING,
        "integration.ServiceBus",
        Attach.NODE,
        "Service Bus",
        details=(("sku", "{}"), ("capacity", "{} MU"), ("premium_messaging_partitions", "{} partition(s)")),
    ),
    "azurerm_servicebus_queue": Entry(
        Category.MESSAGING,
        "integration.ServiceBus",
        Attach.FOLD,
        "queue",
        into=("azurerm_servicebus_namespace",),
    ),
    "azurerm_servicebus_topic": Entry(
        Category.MESSAGING,
        "integration.ServiceBus",
        Attach.FOLD,
        "topic",
        into=("azurerm_servicebus_namespace",),
    ),
    "azurerm_servicebus_subscription": Entry(
        Category.MESSAGING,
        "integration.ServiceBus",
        Attach.FOLD,
        "subscription",
        into=("azurerm_servicebus_topic",),
    ),
    "azurerm_servicebus_subscription_rule": Entry(
        Category.MESSAGING,
        "integration.ServiceBus",
        Attach.FOLD,
        "filter rule",
        into=("azurerm_servicebus_subscription",),
    ),
    "azurerm_servicebus_namespace_network_rule_set": Entry(
        Category.SECURITY,
        "integration.ServiceBus",
        Attach.FOLD,
        "network rules",
        into=("azurerm_servicebus_namespace",),
    ),
    "azurerm_servicebus_namespace_disaster_recovery_config": Entry(
        Category.MESSAGING,
        "integration.ServiceBus",
        Attach.LINK,
        "geo-DR pairing",
        extra={
            "from": "primary_namespace_id",
            "to": "partner_namespace_id",
            "edge": "replication",
            "label": "geo-DR pairing",
        },
    ),
    # --- security and identity
    "azurerm_key_vault": Entry(
        Category.SECURITY,
        "security.KeyVaults",
        Attach.NODE,
        "Key Vault",
        details=_SKU,
    ),
    "azurerm_key_vault_key": Entry(
        Category.SECURITY,
        "security.KeyVaults",
        Attach.FOLD,
        "key",
        into=("azurerm_key_vault",),
    ),
    "azurerm_key_vault_secret": Entry(
        Category.SECURITY,
        "security.KeyVaults",
        Attach.FOLD,
        "secret",
        into=("azurerm_key_vault",),
    ),
    "azurerm_key_vault_certificate": Entry(
        Category.SECURITY,
        "security.KeyVaults",
        Attach.FOLD,
        "certificate",
        into=("azurerm_key_vault",),
    ),
    "azurerm_key_vault_access_policy": Entry(
        Category.SECURITY,
        "security.KeyVaults",
        Attach.FOLD,
        "access policy",
        into=("azurerm_key_vault",),
    ),
    "azurerm_disk_encryption_set": Entry(
        Category.SECURITY,
        "security.KeyVaults",
        Attach.FOLD_UP,
        "disk encryption set (CMK)",
    ),
    "azurerm_user_assigned_identity": Entry(
        Category.IDENTITY,
        "identity.ManagedIdentities",
        Attach.NODE,
        "managed identity",
        network=False,
    ),
    "azurerm_federated_identity_credential": Entry(
        Category.IDENTITY,
        "identity.ManagedIdentities",
        Attach.FOLD,
        "federated credential",
        into=("azurerm_user_assigned_identity",),
    ),
    "azurerm_role_assignment": Entry(
        Category.IDENTITY,
        "identity.ManagedIdentities",
        Attach.LINK,
        "role grant",
        extra={"from": "principal_id", "to": "scope", "edge": "grant", "label": "{role_definition_name}"},
    ),
    # --- observability
    "azurerm_log_analytics_workspace": Entry(
        Category.OBSERVABILITY,
        "monitor.LogAnalyticsWorkspaces",
        Attach.NODE,
        "Log Analytics",
        details=(("sku", "{}"), ("retention_in_days", "{} days"), ("daily_quota_gb", "cap {} GB")),
        network=False,
    ),
    "azurerm_application_insights": Entry(
        Category.OBSERVABILITY,
        "monitor.ApplicationInsights",
        Attach.NODE,
        "Application Insights",
        details=(("sampling_percentage", "sampling {} %"),),
        network=False,
    ),
    "azurerm_log_analytics_workspace_table": Entry(
        Category.OBSERVABILITY,
        "monitor.LogAnalyticsWorkspaces",
        Attach.FOLD,
        "table setting",
        into=("azurerm_log_analytics_workspace",),
    ),
    "azurerm_log_analytics_solution": Entry(
        Category.OBSERVABILITY,
        "monitor.LogAnalyticsWorkspaces",
        Attach.FOLD,
        "solution",
        into=("azurerm_log_analytics_workspace",),
    ),
    "azurerm_monitor_diagnostic_setting": Entry(
        Category.OBSERVABILITY,
        "monitor.DiagnosticsSettings",
        Attach.FOLD,
        "diagnostics",
        into=(),  # folds into whatever target_resource_id names
        extra={"to": "target_resource_id", "summary": "no"},
    ),
    "azurerm_monitor_action_group": Entry(
        Category.OBSERVABILITY,
        "managementgovernance.Alerts",
        Attach.NODE,
        "action group",
        network=False,
    ),
    "azurerm_monitor_metric_alert": Entry(
        Category.OBSERVABILITY,
        "managementgovernance.Alerts",
        Attach.FOLD,
        "alert",
        into=("azurerm_monitor_action_group",),
    ),
    "azurerm_monitor_scheduled_query_rules_alert_v2": Entry(
        Category.OBSERVABILITY,
        "managementgovernance.Alerts",
        Attach.FOLD,
        "alert",
        into=("azurerm_monitor_action_group",),
    ),
    "azurerm_monitor_scheduled_query_rules_alert": Entry(
        Category.OBSERVABILITY,
        "managementgovernance.Alerts",
        Attach.FOLD,
        "alert",
        into=("azurerm_monitor_action_group",),
    ),
    "azurerm_monitor_activity_log_alert": Entry(
        Category.OBSERVABILITY,
        "managementgovernance.Alerts",
        Attach.FOLD,
        "alert",
        into=("azurerm_monitor_action_group",),
    ),
    "azurerm_monitor_alert_prometheus_rule_group": Entry(
        Category.OBSERVABILITY,
        "managementgovernance.Alerts",
        Attach.FOLD,
        "Prometheus rule group",
        into=("azurerm_monitor_action_group", "azurerm_monitor_workspace"),
    ),
    "azurerm_monitor_data_collection_rule": Entry(
        Category.OBSERVABILITY,
        "monitor.Monitor",
        Attach.FOLD,
        "data collection rule",
        into=("azurerm_log_analytics_workspace", "azurerm_monitor_workspace"),
    ),
    "azurerm_monitor_data_collection_rule_association": Entry(
        Category.OBSERVABILITY,
        "monitor.Monitor",
        Attach.HIDDEN,
        "DCR association",
    ),
    "azurerm_monitor_data_collection_endpoint": Entry(
        Category.OBSERVABILITY,
        "monitor.Monitor",
        Attach.HIDDEN,
        "data collection endpoint",
    ),
    "azurerm_monitor_workspace": Entry(
        Category.OBSERVABILITY,
        "monitor.Monitor",
        Attach.NODE,
        "Azure Monitor workspace",
        network=False,
    ),
    "azurerm_dashboard_grafana": Entry(
        Category.OBSERVABILITY,
        "monitor.Monitor",
        Attach.NODE,
        "Managed Grafana",
        network=False,
    ),
}
"""Resource type → how it is drawn."""


@dataclass(frozen=True)
class Relation:
    """An attribute of a drawn resource that means an edge to the resource it references."""

    source_type: str
    attribute: str
    """Attribute path prefix of the reference (``ingress_application_gateway.gateway_id``)."""
    edge: str
    label: str
    reverse: bool = False
    """Draw from the referenced resource to the referrer (gateway → AKS, primary → replica)."""


NON_PLACING_SUBNET_REFS: tuple[str, ...] = ("pod_subnet_id",)
"""Subnet references that do not say where a resource sits: an AKS cluster lives in its node
subnet (``vnet_subnet_id``); its pods' subnet holds only pod addresses."""


RELATIONS: tuple[Relation, ...] = (
    Relation(
        "azurerm_kubernetes_cluster", "ingress_application_gateway.gateway_id", "ingress", "AGIC ingress", reverse=True
    ),
    Relation("azurerm_postgresql_flexible_server", "source_server_id", "replication", "read replica", reverse=True),
    Relation("azurerm_kubernetes_cluster", "oms_agent.log_analytics_workspace_id", "telemetry", "Container Insights"),
    Relation("azurerm_application_insights", "workspace_id", "telemetry", "workspace-based"),
    Relation("azurerm_application_gateway", "ssl_certificate", "secret", "TLS certificate"),
)
"""Attribute relations drawn as edges (the meaning of a reference, by source type)."""

SERVICE_TAGS: dict[str, str] = {
    "ServiceBus": "azurerm_servicebus_namespace",
    "Storage": "azurerm_storage_account",
    "AzureKeyVault": "azurerm_key_vault",
    "AzureContainerRegistry": "azurerm_container_registry",
    "Sql": "azurerm_postgresql_flexible_server",
    "AzureMonitor": "azurerm_log_analytics_workspace",
}
"""NSG service tags that stand for a service type drawn in the stack (same region)."""

EXTERNAL_ICONS: dict[str, str] = {
    "Internet": "general.Browser",
}
"""Icons of endpoints outside the stack (NSG service tags, the Internet)."""


def entry(resource_type: str) -> Entry | None:
    """The catalog entry of ``resource_type``, or None for an unmapped type."""
    return CATALOG.get(resource_type)
