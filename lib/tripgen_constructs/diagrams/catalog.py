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
from typing import Any


class Category(StrEnum):
    EDGE = "edge"
    NETWORK = "network"
    COMPUTE = "compute"
    DATA = "data"
    MESSAGING = "messaging"
    SECURITY = "security"
    IDENTITY = "identity"
    OBSERVABILITY = "observability"
    MODULE = "module"
    """A Terraform module call: drawn as one box with its source."""
    OTHER = "other"


class EdgeKind(StrEnum):
    """What an edge means; views choose which kinds they draw."""

    FLOW = "flow"
    """NSG-allowed traffic, labelled with protocol and ports."""
    PRIVATE_LINK = "private-link"
    PEERING = "peering"
    ORIGIN = "origin"
    INGRESS = "ingress"
    REPLICATION = "replication"
    TELEMETRY = "telemetry"
    SECRET = "secret"
    GRANT = "grant"
    CONNECTION = "connection"
    """VPN / ExpressRoute / vWAN connection between a gateway and the other side."""
    EGRESS = "egress"
    """A subnet's outbound path through a NAT gateway."""
    BACKEND = "backend"
    """A load balancer or gateway to the members of its backend pool."""
    MODULE_INPUT = "module-input"
    """A module is given a resource of the stack (or the other way round)."""
    POOL = "pool"
    MEMBERSHIP = "membership"


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
    "azurerm_resource_group": Entry(
        Category.OTHER,
        "general.ResourceGroups",
        Attach.HIDDEN,
        "resource group",
        extra={"why": "a management scope, not part of the architecture"},
    ),
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
        Attach.FOLD_UP,
        "NSG",
        into=(
            "azurerm_subnet_network_security_group_association",
            "azurerm_network_interface_security_group_association",
        ),
        physical=False,
    ),
    "azurerm_subnet_network_security_group_association": Entry(
        Category.NETWORK,
        "networking.NetworkSecurityGroups",
        Attach.FOLD,
        "NSG association",
        into=("azurerm_subnet",),
    ),
    "azurerm_network_interface_security_group_association": Entry(
        Category.NETWORK,
        "networking.NetworkSecurityGroups",
        Attach.FOLD,
        "NIC NSG",
        into=("azurerm_network_interface",),
    ),
    "azurerm_network_security_rule": Entry(
        Category.SECURITY,
        "networking.NetworkSecurityGroups",
        Attach.FOLD,
        "NSG rule",
        into=("azurerm_network_security_group",),
    ),
    "azurerm_subnet_route_table_association": Entry(
        Category.NETWORK,
        "networking.RouteTables",
        Attach.FOLD,
        "route table association",
        into=("azurerm_subnet",),
    ),
    "azurerm_route_table": Entry(
        Category.NETWORK,
        "networking.RouteTables",
        Attach.FOLD_UP,
        "route table",
        into=("azurerm_subnet_route_table_association",),
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
        extra={"why": "links a data collection rule to its source; the rule is folded into its workspace"},
    ),
    "azurerm_monitor_data_collection_endpoint": Entry(
        Category.OBSERVABILITY,
        "monitor.Monitor",
        Attach.HIDDEN,
        "data collection endpoint",
        extra={"why": "the ingestion endpoint of the data collection rules"},
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


def _more(
    rtype: str, category: Category, icon: str, attach: Attach, kind: str, *into: str, **options: Any
) -> tuple[str, Entry]:
    return rtype, Entry(category, icon, attach, kind, into=into, **options)


_VM_TYPES = (
    "azurerm_linux_virtual_machine",
    "azurerm_windows_virtual_machine",
    "azurerm_virtual_machine",
)
_APP_TYPES = (
    "azurerm_linux_web_app",
    "azurerm_windows_web_app",
    "azurerm_linux_function_app",
    "azurerm_windows_function_app",
    "azurerm_app_service",
    "azurerm_function_app",
)
_VM_DETAILS = (("size", "{}"), ("vm_size", "{}"))
_CONNECTION = {
    "from": "virtual_network_gateway_id",
    "to": "local_network_gateway_id|express_route_circuit_id|peer_virtual_network_gateway_id",
    "edge": "connection",
    "label": "{type}",
}
C, A = Category, Attach
CATALOG.update(
    dict(
        [
            # --- networking (VPN, ExpressRoute, load balancing, NICs, NAT)
            _more(
                "azurerm_virtual_network_gateway",
                C.NETWORK,
                "networking.VirtualNetworkGateways",
                A.NODE,
                "VNet gateway",
                details=(("type", "{}"), ("sku", "{}"), ("vpn_type", "{}")),
            ),
            _more(
                "azurerm_local_network_gateway",
                C.NETWORK,
                "networking.LocalNetworkGateways",
                A.NODE,
                "on-premises network (local gateway)",
                details=(("gateway_address", "{}"), ("address_space", "{}")),
            ),
            _more(
                "azurerm_virtual_network_gateway_connection",
                C.NETWORK,
                "networking.Connections",
                A.LINK,
                "connection",
                extra=_CONNECTION,
            ),
            _more(
                "azurerm_express_route_circuit",
                C.NETWORK,
                "networking.ExpressrouteCircuits",
                A.NODE,
                "ExpressRoute circuit",
                details=(("service_provider_name", "{}"), ("peering_location", "{}"), ("bandwidth_in_mbps", "{} Mbps")),
            ),
            _more(
                "azurerm_express_route_circuit_peering",
                C.NETWORK,
                "networking.ExpressrouteCircuits",
                A.FOLD,
                "peering",
                "azurerm_express_route_circuit",
            ),
            _more(
                "azurerm_express_route_circuit_authorization",
                C.NETWORK,
                "networking.ExpressrouteCircuits",
                A.FOLD,
                "authorization",
                "azurerm_express_route_circuit",
            ),
            _more(
                "azurerm_express_route_gateway",
                C.NETWORK,
                "networking.VirtualNetworkGateways",
                A.NODE,
                "ExpressRoute gateway",
            ),
            _more(
                "azurerm_network_interface",
                C.NETWORK,
                "networking.NetworkInterfaces",
                A.FOLD_UP,
                "NIC",
                *_VM_TYPES,
                physical=False,
            ),
            _more(
                "azurerm_network_interface_backend_address_pool_association",
                C.NETWORK,
                "networking.LoadBalancers",
                A.LINK,
                "backend pool member",
                extra={
                    "from": "backend_address_pool_id",
                    "to": "network_interface_id",
                    "edge": "backend",
                    "label": "backend pool",
                },
            ),
            _more(
                "azurerm_network_interface_application_gateway_backend_address_pool_association",
                C.NETWORK,
                "networking.ApplicationGateways",
                A.LINK,
                "gateway backend member",
                extra={
                    "from": "network_interface_id",
                    "to": "network_interface_id",
                    "edge": "backend",
                    "label": "backend pool",
                },
            ),
            _more(
                "azurerm_network_interface_application_security_group_association",
                C.SECURITY,
                "networking.NetworkInterfaces",
                A.FOLD,
                "application security group",
                "azurerm_network_interface",
            ),
            _more(
                "azurerm_application_security_group",
                C.SECURITY,
                "network.ApplicationSecurityGroups",
                A.NODE,
                "application security group",
                physical=False,
            ),
            _more(
                "azurerm_lb",
                C.NETWORK,
                "networking.LoadBalancers",
                A.NODE,
                "load balancer",
                details=(("sku", "{}"),),
            ),
            *(
                _more(t, C.NETWORK, "networking.LoadBalancers", A.FOLD, k, "azurerm_lb")
                for t, k in (
                    ("azurerm_lb_backend_address_pool", "backend pool"),
                    ("azurerm_lb_backend_address_pool_address", "pool address"),
                    ("azurerm_lb_probe", "probe"),
                    ("azurerm_lb_rule", "LB rule"),
                    ("azurerm_lb_nat_rule", "NAT rule"),
                    ("azurerm_lb_nat_pool", "NAT pool"),
                    ("azurerm_lb_outbound_rule", "outbound rule"),
                )
            ),
            _more(
                "azurerm_subnet_nat_gateway_association",
                C.NETWORK,
                "networking.Nat",
                A.LINK,
                "NAT association",
                extra={"from": "subnet_id", "to": "nat_gateway_id", "edge": "egress", "label": "outbound via NAT"},
            ),
            _more(
                "azurerm_nat_gateway_public_ip_association",
                C.NETWORK,
                "networking.Nat",
                A.FOLD,
                "public IP",
                "azurerm_nat_gateway",
            ),
            _more(
                "azurerm_nat_gateway_public_ip_prefix_association",
                C.NETWORK,
                "networking.Nat",
                A.FOLD,
                "public IP prefix",
                "azurerm_nat_gateway",
            ),
            _more("azurerm_public_ip_prefix", C.NETWORK, "networking.PublicIpPrefixes", A.FOLD_UP, "public IP prefix"),
            _more("azurerm_route", C.NETWORK, "networking.RouteTables", A.FOLD, "route", "azurerm_route_table"),
            _more(
                "azurerm_bastion_host", C.SECURITY, "networking.Bastions", A.NODE, "Bastion", details=(("sku", "{}"),)
            ),
            _more("azurerm_dns_zone", C.NETWORK, "networking.DNSZones", A.NODE, "DNS zone", physical=False),
            *(
                _more(t, C.NETWORK, "networking.DNSZones", A.FOLD, k, "azurerm_dns_zone")
                for t, k in (("azurerm_dns_a_record", "A record"), ("azurerm_dns_cname_record", "CNAME record"))
            ),
            *(
                _more(t, C.NETWORK, "networking.DNSZones", A.FOLD, k, "azurerm_private_dns_zone")
                for t, k in (
                    ("azurerm_private_dns_a_record", "A record"),
                    ("azurerm_private_dns_cname_record", "CNAME record"),
                )
            ),
            _more(
                "azurerm_private_dns_resolver",
                C.NETWORK,
                "networking.DNSPrivateResolver",
                A.NODE,
                "private DNS resolver",
                physical=False,
            ),
            *(
                _more(t, C.NETWORK, "networking.DNSPrivateResolver", A.FOLD, k, "azurerm_private_dns_resolver")
                for t, k in (
                    ("azurerm_private_dns_resolver_inbound_endpoint", "inbound endpoint"),
                    ("azurerm_private_dns_resolver_outbound_endpoint", "outbound endpoint"),
                )
            ),
            _more(
                "azurerm_private_link_service",
                C.NETWORK,
                "networking.PrivateLinkService",
                A.NODE,
                "Private Link service",
            ),
            _more(
                "azurerm_network_watcher",
                C.OBSERVABILITY,
                "networking.NetworkWatcher",
                A.NODE,
                "Network Watcher",
                physical=False,
            ),
            _more(
                "azurerm_traffic_manager_profile",
                C.EDGE,
                "networking.TrafficManagerProfiles",
                A.NODE,
                "Traffic Manager",
            ),
            _more(
                "azurerm_traffic_manager_azure_endpoint",
                C.EDGE,
                "networking.TrafficManagerProfiles",
                A.FOLD,
                "endpoint",
                "azurerm_traffic_manager_profile",
            ),
            _more("azurerm_virtual_wan", C.NETWORK, "networking.VirtualWans", A.NODE, "Virtual WAN"),
            _more("azurerm_virtual_hub", C.NETWORK, "networking.VirtualWanHub", A.NODE, "virtual hub"),
            _more(
                "azurerm_virtual_hub_connection",
                C.NETWORK,
                "networking.Connections",
                A.LINK,
                "hub connection",
                extra={
                    "from": "virtual_hub_id",
                    "to": "remote_virtual_network_id",
                    "edge": "connection",
                    "label": "hub connection",
                },
            ),
            _more("azurerm_vpn_gateway", C.NETWORK, "networking.VirtualNetworkGateways", A.NODE, "VPN gateway (vWAN)"),
            _more(
                "azurerm_firewall_policy_rule_collection_group_v2",
                C.SECURITY,
                "networking.AzureFirewallPolicy",
                A.FOLD,
                "rule collection group",
                "azurerm_firewall_policy",
            ),
            _more("azurerm_ip_group", C.NETWORK, "networking.IpGroups", A.FOLD_UP, "IP group"),
            _more("azurerm_cdn_profile", C.EDGE, "networking.CDNProfiles", A.NODE, "CDN profile"),
            _more("azurerm_cdn_endpoint", C.EDGE, "networking.CDNProfiles", A.FOLD, "endpoint", "azurerm_cdn_profile"),
            _more("azurerm_frontdoor", C.EDGE, "networking.FrontDoorAndCDNProfiles", A.NODE, "Front Door (classic)"),
            _more("azurerm_network_manager", C.NETWORK, "other.NetworkManagers", A.NODE, "network manager"),
            # --- compute
            *(
                _more(t, C.COMPUTE, icon, A.NODE, k, details=_VM_DETAILS)
                for t, icon, k in (
                    ("azurerm_linux_virtual_machine", "compute.VMLinux", "Linux VM"),
                    ("azurerm_windows_virtual_machine", "compute.VMWindows", "Windows VM"),
                    ("azurerm_virtual_machine", "compute.VM", "VM"),
                )
            ),
            *(
                _more(
                    t,
                    C.COMPUTE,
                    "compute.VMScaleSets",
                    A.NODE,
                    k,
                    details=(("sku", "{}"), ("instances", "{} instances")),
                )
                for t, k in (
                    ("azurerm_linux_virtual_machine_scale_set", "Linux scale set"),
                    ("azurerm_windows_virtual_machine_scale_set", "Windows scale set"),
                    ("azurerm_orchestrated_virtual_machine_scale_set", "scale set (flexible)"),
                )
            ),
            _more(
                "azurerm_managed_disk",
                C.COMPUTE,
                "compute.Disks",
                A.FOLD_UP,
                "disk",
                "azurerm_virtual_machine_data_disk_attachment",
            ),
            _more(
                "azurerm_virtual_machine_data_disk_attachment",
                C.COMPUTE,
                "compute.Disks",
                A.FOLD,
                "data disk",
                *_VM_TYPES,
            ),
            _more("azurerm_virtual_machine_extension", C.COMPUTE, "compute.VM", A.FOLD, "extension", *_VM_TYPES),
            _more(
                "azurerm_virtual_machine_scale_set_extension",
                C.COMPUTE,
                "compute.VMScaleSets",
                A.FOLD,
                "extension",
                "azurerm_linux_virtual_machine_scale_set",
                "azurerm_windows_virtual_machine_scale_set",
            ),
            _more("azurerm_availability_set", C.COMPUTE, "compute.AvailabilitySets", A.FOLD_UP, "availability set"),
            _more(
                "azurerm_proximity_placement_group",
                C.COMPUTE,
                "networking.ProximityPlacementGroups",
                A.FOLD_UP,
                "proximity placement group",
            ),
            _more(
                "azurerm_dev_test_global_vm_shutdown_schedule",
                C.COMPUTE,
                "compute.VM",
                A.FOLD,
                "shutdown schedule",
                *_VM_TYPES,
            ),
            _more("azurerm_image", C.COMPUTE, "compute.Images", A.NODE, "image", network=False),
            _more(
                "azurerm_shared_image_gallery",
                C.COMPUTE,
                "compute.SharedImageGalleries",
                A.NODE,
                "image gallery",
                network=False,
            ),
            _more(
                "azurerm_shared_image",
                C.COMPUTE,
                "compute.ImageDefinitions",
                A.FOLD,
                "image definition",
                "azurerm_shared_image_gallery",
            ),
            _more("azurerm_ssh_public_key", C.SECURITY, "other.SshKeys", A.FOLD_UP, "SSH key"),
            _more("azurerm_batch_account", C.COMPUTE, "compute.BatchAccounts", A.NODE, "Batch account"),
            # --- containers
            _more(
                "azurerm_container_app_environment",
                C.COMPUTE,
                "other.ContainerAppsEnvironments",
                A.NODE,
                "Container Apps environment",
            ),
            _more(
                "azurerm_container_app",
                C.COMPUTE,
                "compute.ContainerApps",
                A.FOLD,
                "container app",
                "azurerm_container_app_environment",
            ),
            _more(
                "azurerm_container_group",
                C.COMPUTE,
                "compute.ContainerInstances",
                A.NODE,
                "container instances",
                details=(("os_type", "{}"),),
            ),
            _more(
                "azurerm_container_registry_webhook",
                C.COMPUTE,
                "compute.ContainerRegistries",
                A.FOLD,
                "webhook",
                "azurerm_container_registry",
            ),
            _more(
                "azurerm_container_registry_task",
                C.COMPUTE,
                "compute.ContainerRegistries",
                A.FOLD,
                "task",
                "azurerm_container_registry",
            ),
            _more(
                "azurerm_kubernetes_cluster_extension",
                C.COMPUTE,
                "compute.KubernetesServices",
                A.FOLD,
                "extension",
                "azurerm_kubernetes_cluster",
            ),
            _more(
                "azurerm_kubernetes_flux_configuration",
                C.COMPUTE,
                "compute.KubernetesServices",
                A.FOLD,
                "Flux configuration",
                "azurerm_kubernetes_cluster",
            ),
            _more(
                "azurerm_kubernetes_fleet_manager", C.COMPUTE, "other.KubernetesFleetManager", A.NODE, "fleet manager"
            ),
            # --- web
            _more(
                "azurerm_service_plan",
                C.COMPUTE,
                "appservices.AppServicePlans",
                A.NODE,
                "App Service plan",
                details=(("os_type", "{}"), ("sku_name", "{}"), ("worker_count", "{} workers")),
            ),
            _more("azurerm_app_service_plan", C.COMPUTE, "appservices.AppServicePlans", A.NODE, "App Service plan"),
            *(
                _more(t, C.COMPUTE, icon, A.NODE, k)
                for t, icon, k in (
                    ("azurerm_linux_web_app", "appservices.AppServices", "Linux web app"),
                    ("azurerm_windows_web_app", "appservices.AppServices", "Windows web app"),
                    ("azurerm_linux_function_app", "compute.FunctionApps", "Linux Function App"),
                    ("azurerm_windows_function_app", "compute.FunctionApps", "Windows Function App"),
                    ("azurerm_app_service", "appservices.AppServices", "App Service"),
                    ("azurerm_function_app", "compute.FunctionApps", "Function App"),
                    ("azurerm_static_web_app", "web.StaticApps", "static web app"),
                    ("azurerm_logic_app_workflow", "integration.LogicApps", "Logic App"),
                    ("azurerm_logic_app_standard", "integration.LogicApps", "Logic App (Standard)"),
                    ("azurerm_api_management", "web.APIManagementServices", "API Management"),
                    ("azurerm_signalr_service", "web.Signalr", "SignalR"),
                    ("azurerm_spring_cloud_service", "web.AzureSpringApps", "Spring Apps"),
                )
            ),
            _more(
                "azurerm_app_service_virtual_network_swift_connection",
                C.NETWORK,
                "networking.Subnet",
                A.FOLD,
                "VNet integration",
                *_APP_TYPES,
            ),
            _more(
                "azurerm_linux_web_app_slot",
                C.COMPUTE,
                "appservices.AppServices",
                A.FOLD,
                "slot",
                "azurerm_linux_web_app",
            ),
            _more(
                "azurerm_windows_web_app_slot",
                C.COMPUTE,
                "appservices.AppServices",
                A.FOLD,
                "slot",
                "azurerm_windows_web_app",
            ),
            _more(
                "azurerm_app_service_custom_hostname_binding",
                C.COMPUTE,
                "appservices.AppServices",
                A.FOLD,
                "custom hostname",
                *_APP_TYPES,
            ),
            _more(
                "azurerm_api_management_api",
                C.COMPUTE,
                "web.APIManagementServices",
                A.FOLD,
                "API",
                "azurerm_api_management",
            ),
            # --- data
            *(
                _more(t, C.DATA, icon, A.NODE, k, details=d)
                for t, icon, k, d in (
                    ("azurerm_mssql_server", "databases.SQLServer", "SQL server", (("version", "v{}"),)),
                    ("azurerm_mssql_database", "databases.SQLDatabase", "SQL database", (("sku_name", "{}"),)),
                    (
                        "azurerm_mssql_managed_instance",
                        "databases.SQLManagedInstance",
                        "SQL managed instance",
                        (("sku_name", "{}"),),
                    ),
                    ("azurerm_mssql_elasticpool", "databases.SQLElasticPools", "SQL elastic pool", ()),
                    (
                        "azurerm_mysql_flexible_server",
                        "databases.AzureDatabaseMysqlServer",
                        "MySQL",
                        (("sku_name", "{}"),),
                    ),
                    (
                        "azurerm_cosmosdb_account",
                        "databases.AzureCosmosDb",
                        "Cosmos DB",
                        (("offer_type", "{}"), ("kind", "{}")),
                    ),
                    (
                        "azurerm_redis_enterprise_cluster",
                        "databases.CacheRedis",
                        "Redis Enterprise",
                        (("sku_name", "{}"),),
                    ),
                    ("azurerm_data_factory", "databases.DataFactories", "Data Factory", ()),
                    ("azurerm_synapse_workspace", "databases.AzureSynapseAnalytics", "Synapse", ()),
                    ("azurerm_databricks_workspace", "analytics.AzureDatabricks", "Databricks", (("sku", "{}"),)),
                    ("azurerm_kusto_cluster", "analytics.AzureDataExplorerClusters", "Data Explorer", ()),
                    ("azurerm_search_service", "web.Search", "AI Search", (("sku", "{}"),)),
                    (
                        "azurerm_cognitive_account",
                        "aimachinelearning.CognitiveServices",
                        "AI services",
                        (("kind", "{}"), ("sku_name", "{}")),
                    ),
                    ("azurerm_machine_learning_workspace", "ml.MachineLearningServiceWorkspaces", "ML workspace", ()),
                    (
                        "azurerm_recovery_services_vault",
                        "storage.RecoveryServicesVaults",
                        "Recovery Services vault",
                        (("sku", "{}"),),
                    ),
                    ("azurerm_data_protection_backup_vault", "other.BackupVault", "backup vault", ()),
                )
            ),
            *(
                _more(t, C.DATA, icon, A.FOLD, k, owner)
                for t, icon, k, owner in (
                    ("azurerm_mssql_firewall_rule", "databases.SQLServer", "firewall rule", "azurerm_mssql_server"),
                    ("azurerm_mssql_virtual_network_rule", "databases.SQLServer", "VNet rule", "azurerm_mssql_server"),
                    (
                        "azurerm_mysql_flexible_database",
                        "databases.AzureDatabaseMysqlServer",
                        "database",
                        "azurerm_mysql_flexible_server",
                    ),
                    (
                        "azurerm_mysql_flexible_server_configuration",
                        "databases.AzureDatabaseMysqlServer",
                        "parameter",
                        "azurerm_mysql_flexible_server",
                    ),
                    (
                        "azurerm_cosmosdb_sql_database",
                        "databases.AzureCosmosDb",
                        "database",
                        "azurerm_cosmosdb_account",
                    ),
                    (
                        "azurerm_cosmosdb_sql_container",
                        "databases.AzureCosmosDb",
                        "container",
                        "azurerm_cosmosdb_sql_database",
                    ),
                    (
                        "azurerm_cosmosdb_mongo_database",
                        "databases.AzureCosmosDb",
                        "database",
                        "azurerm_cosmosdb_account",
                    ),
                    ("azurerm_storage_blob", "storage.BlobStorage", "blob", "azurerm_storage_container"),
                    ("azurerm_storage_queue", "storage.QueuesStorage", "queue", "azurerm_storage_account"),
                    ("azurerm_storage_share", "storage.AzureFileshares", "file share", "azurerm_storage_account"),
                    ("azurerm_storage_table", "storage.TableStorage", "table", "azurerm_storage_account"),
                    (
                        "azurerm_storage_data_lake_gen2_filesystem",
                        "storage.DataLakeStorage",
                        "filesystem",
                        "azurerm_storage_account",
                    ),
                    (
                        "azurerm_storage_account_customer_managed_key",
                        "security.KeyVaults",
                        "customer-managed key",
                        "azurerm_storage_account",
                    ),
                    (
                        "azurerm_backup_policy_vm",
                        "storage.RecoveryServicesVaults",
                        "VM backup policy",
                        "azurerm_recovery_services_vault",
                    ),
                    (
                        "azurerm_backup_protected_vm",
                        "storage.RecoveryServicesVaults",
                        "protected VM",
                        "azurerm_recovery_services_vault",
                    ),
                    (
                        "azurerm_data_factory_linked_service_azure_blob_storage",
                        "databases.DataFactories",
                        "linked service",
                        "azurerm_data_factory",
                    ),
                    (
                        "azurerm_cognitive_deployment",
                        "aimachinelearning.CognitiveServices",
                        "model deployment",
                        "azurerm_cognitive_account",
                    ),
                )
            ),
            # --- messaging
            *(
                _more(t, C.MESSAGING, icon, A.NODE, k, details=d)
                for t, icon, k, d in (
                    ("azurerm_eventhub_namespace", "analytics.EventHubs", "Event Hubs", (("sku", "{}"),)),
                    ("azurerm_eventgrid_topic", "integration.EventGridTopics", "Event Grid topic", ()),
                    ("azurerm_eventgrid_system_topic", "integration.SystemTopic", "Event Grid system topic", ()),
                    ("azurerm_eventgrid_domain", "integration.EventGridDomains", "Event Grid domain", ()),
                    ("azurerm_relay_namespace", "integration.Relays", "Relay", ()),
                    ("azurerm_notification_hub_namespace", "web.NotificationHubNamespaces", "Notification Hubs", ()),
                    ("azurerm_iothub", "iot.IotHub", "IoT Hub", ()),
                    ("azurerm_web_pubsub", "web.Signalr", "Web PubSub", ()),
                )
            ),
            *(
                _more(t, C.MESSAGING, icon, A.FOLD, k, *owners)
                for t, icon, k, owners in (
                    ("azurerm_eventhub", "analytics.EventHubs", "event hub", ("azurerm_eventhub_namespace",)),
                    ("azurerm_eventhub_consumer_group", "analytics.EventHubs", "consumer group", ("azurerm_eventhub",)),
                    (
                        "azurerm_eventhub_namespace_authorization_rule",
                        "analytics.EventHubs",
                        "access rule",
                        ("azurerm_eventhub_namespace",),
                    ),
                    (
                        "azurerm_eventhub_authorization_rule",
                        "analytics.EventHubs",
                        "access rule",
                        ("azurerm_eventhub",),
                    ),
                    (
                        "azurerm_eventgrid_event_subscription",
                        "integration.EventGridSubscriptions",
                        "subscription",
                        ("azurerm_eventgrid_topic", "azurerm_eventgrid_system_topic", "azurerm_eventgrid_domain"),
                    ),
                    (
                        "azurerm_eventgrid_system_topic_event_subscription",
                        "integration.EventGridSubscriptions",
                        "subscription",
                        ("azurerm_eventgrid_system_topic",),
                    ),
                    (
                        "azurerm_servicebus_namespace_authorization_rule",
                        "integration.ServiceBus",
                        "access rule",
                        ("azurerm_servicebus_namespace",),
                    ),
                    (
                        "azurerm_servicebus_queue_authorization_rule",
                        "integration.ServiceBus",
                        "access rule",
                        ("azurerm_servicebus_queue",),
                    ),
                    (
                        "azurerm_notification_hub",
                        "web.NotificationHubNamespaces",
                        "hub",
                        ("azurerm_notification_hub_namespace",),
                    ),
                )
            ),
            # --- security and identity
            *(
                _more(t, C.SECURITY, icon, A.FOLD, k, owner)
                for t, icon, k, owner in (
                    (
                        "azurerm_key_vault_managed_storage_account",
                        "security.KeyVaults",
                        "managed storage account",
                        "azurerm_key_vault",
                    ),
                    (
                        "azurerm_key_vault_certificate_issuer",
                        "security.KeyVaults",
                        "certificate issuer",
                        "azurerm_key_vault",
                    ),
                )
            ),
            _more(
                "azurerm_key_vault_managed_hardware_security_module",
                C.SECURITY,
                "other.DedicatedHsm",
                A.NODE,
                "managed HSM",
            ),
            _more(
                "azurerm_role_definition",
                C.IDENTITY,
                "identity.CustomAzureADRoles",
                A.FOLD_UP,
                "custom role",
                "azurerm_role_assignment",
            ),
            _more(
                "azurerm_security_center_subscription_pricing",
                C.SECURITY,
                "security.MicrosoftDefenderForCloud",
                A.HIDDEN,
                "Defender plan",
                extra={"why": "subscription-wide setting"},
            ),
            _more(
                "azurerm_sentinel_log_analytics_workspace_onboarding",
                C.SECURITY,
                "security.Sentinel",
                A.FOLD,
                "Sentinel",
                "azurerm_log_analytics_workspace",
            ),
            _more("azurerm_management_lock", C.SECURITY, "general.Resource", A.FOLD, "lock", extra={"to": "scope"}),
            _more(
                "azurerm_policy_definition",
                C.SECURITY,
                "managementgovernance.Policy",
                A.HIDDEN,
                "policy definition",
                extra={"why": "governance, not architecture"},
            ),
            _more(
                "azurerm_resource_group_policy_assignment",
                C.SECURITY,
                "managementgovernance.Policy",
                A.HIDDEN,
                "policy assignment",
                extra={"why": "governance, not architecture"},
            ),
            _more(
                "azurerm_subscription_policy_assignment",
                C.SECURITY,
                "managementgovernance.Policy",
                A.HIDDEN,
                "policy assignment",
                extra={"why": "governance, not architecture"},
            ),
            _more(
                "azurerm_client_config",
                C.IDENTITY,
                "identity.ManagedIdentities",
                A.HIDDEN,
                "client config",
                extra={"why": "the caller's identity, looked up at plan time"},
            ),
            _more(
                "azurerm_subscription",
                C.OTHER,
                "general.Subscriptions",
                A.HIDDEN,
                "subscription",
                extra={"why": "the deployment scope"},
            ),
            _more(
                "azurerm_kubernetes_service_versions",
                C.COMPUTE,
                "compute.KubernetesServices",
                A.HIDDEN,
                "version lookup",
                extra={"why": "a version lookup"},
            ),
            _more(
                "azurerm_platform_image",
                C.COMPUTE,
                "compute.Images",
                A.HIDDEN,
                "image lookup",
                extra={"why": "an image lookup"},
            ),
            # --- monitoring
            _more(
                "azurerm_monitor_autoscale_setting",
                C.OBSERVABILITY,
                "monitor.AutoScale",
                A.FOLD,
                "autoscale",
                extra={"to": "target_resource_id"},
            ),
            _more(
                "azurerm_monitor_smart_detector_alert_rule",
                C.OBSERVABILITY,
                "managementgovernance.Alerts",
                A.FOLD,
                "smart detector alert",
                "azurerm_monitor_action_group",
            ),
            _more(
                "azurerm_monitor_private_link_scope",
                C.OBSERVABILITY,
                "monitor.Monitor",
                A.NODE,
                "Monitor private link scope",
            ),
            _more(
                "azurerm_monitor_private_link_scoped_service",
                C.OBSERVABILITY,
                "monitor.Monitor",
                A.FOLD,
                "scoped service",
                "azurerm_monitor_private_link_scope",
            ),
            _more(
                "azurerm_application_insights_standard_web_test",
                C.OBSERVABILITY,
                "monitor.ApplicationInsights",
                A.FOLD,
                "availability test",
                "azurerm_application_insights",
            ),
            _more(
                "azurerm_application_insights_workbook",
                C.OBSERVABILITY,
                "monitor.AzureWorkbooks",
                A.NODE,
                "workbook",
                network=False,
            ),
            _more("azurerm_portal_dashboard", C.OBSERVABILITY, "general.Dashboard", A.NODE, "dashboard", network=False),
            _more(
                "azurerm_automation_account",
                C.OTHER,
                "managementgovernance.AutomationAccounts",
                A.NODE,
                "Automation account",
            ),
            _more("azurerm_app_configuration", C.OTHER, "integration.AppConfiguration", A.NODE, "App Configuration"),
        ]
    )
)
del C, A


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
