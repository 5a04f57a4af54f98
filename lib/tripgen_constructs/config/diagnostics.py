"""``DiagnosticSettings``: one diagnostic setting into the workspace for every resource of the stack
that Azure can send diagnostics for (O-3), found by walking the construct tree, so a resource added
by any construct is covered without that construct knowing about it.

Which types are diagnosable is data (``DIAGNOSABLE``); types known to have no diagnostic settings
are data too (``NOT_DIAGNOSABLE``), and so are the ones deliberately left out (``EXCLUDED``): a test
fails on any resource type of the stacks that is in none of the three.
"""

from __future__ import annotations

from dataclasses import dataclass

ALL_LOGS = "allLogs"  # O-3
ALL_METRICS = "AllMetrics"  # O-3


@dataclass(frozen=True)
class Target:
    """One diagnostic-setting target of a resource: ``suffix`` appended to the resource id (``""``
    for the resource itself) and which of logs and metrics Azure offers there."""

    suffix: str = ""
    logs: bool = True
    metrics: bool = True
    dedicated: bool = False
    """Logs go to resource-specific tables (e.g. ``AKSAudit``), which O-5 retention is set on."""


BOTH = (Target(),)

DIAGNOSABLE: dict[str, tuple[Target, ...]] = {
    "azurerm_kubernetes_cluster": (Target(dedicated=True),),
    "azurerm_application_gateway": (Target(dedicated=True),),  # WAF logs: AGWFirewallLogs (G-3)
    "azurerm_cdn_frontdoor_profile": BOTH,
    "azurerm_postgresql_flexible_server": BOTH,
    "azurerm_redis_cache": BOTH,
    "azurerm_servicebus_namespace": BOTH,
    "azurerm_key_vault": BOTH,
    # The account itself only has metrics; the blob service has the logs (and its own metrics).
    "azurerm_storage_account": (Target(logs=False), Target(suffix="/blobServices/default")),
    "azurerm_container_registry": BOTH,
    "azurerm_network_security_group": (Target(metrics=False),),
    "azurerm_public_ip": BOTH,  # DDoS notifications and mitigation logs
    "azurerm_virtual_network": BOTH,  # VM protection alerts, DDoS metrics
    "azurerm_log_analytics_workspace": BOTH,  # workspace audit (queries) into itself
    "azurerm_firewall": BOTH,
    "azurerm_eventhub_namespace": BOTH,
    "azurerm_bastion_host": (Target(metrics=False),),
}
"""Resource types with diagnostic settings, and the targets/categories each one offers."""

NOT_DIAGNOSABLE: frozenset[str] = frozenset(
    {
        # networking pieces: covered, if at all, by their parent VNet or gateway
        "azurerm_subnet",
        "azurerm_subnet_network_security_group_association",
        "azurerm_subnet_route_table_association",
        "azurerm_subnet_nat_gateway_association",
        "azurerm_route_table",
        "azurerm_virtual_network_peering",
        "azurerm_private_dns_zone",
        "azurerm_private_dns_zone_virtual_network_link",
        "azurerm_private_dns_a_record",
        "azurerm_private_endpoint",
        "azurerm_network_ddos_protection_plan",
        "azurerm_web_application_firewall_policy",  # its logs come through the gateway
        "azurerm_cdn_frontdoor_firewall_policy",  # its logs come through the profile
        "azurerm_cdn_frontdoor_endpoint",
        "azurerm_cdn_frontdoor_origin_group",
        "azurerm_cdn_frontdoor_origin",
        "azurerm_cdn_frontdoor_route",
        "azurerm_cdn_frontdoor_rule_set",
        "azurerm_cdn_frontdoor_rule",
        "azurerm_cdn_frontdoor_security_policy",
        "azurerm_cdn_frontdoor_custom_domain",
        "azurerm_cdn_frontdoor_secret",
        "azurerm_firewall_policy",
        "azurerm_firewall_policy_rule_collection_group",
        # children of a diagnosable parent, whose setting covers them
        "azurerm_kubernetes_cluster_node_pool",
        "azurerm_postgresql_flexible_server_configuration",
        "azurerm_postgresql_flexible_server_database",
        "azurerm_postgresql_flexible_server_firewall_rule",
        "azurerm_postgresql_flexible_server_active_directory_administrator",
        "azurerm_postgresql_flexible_server_virtual_endpoint",
        "azurerm_redis_cache_access_policy_assignment",
        "azurerm_redis_firewall_rule",
        "azurerm_servicebus_queue",
        "azurerm_servicebus_topic",
        "azurerm_servicebus_subscription",
        "azurerm_servicebus_subscription_rule",
        "azurerm_servicebus_namespace_disaster_recovery_config",
        "azurerm_key_vault_secret",
        "azurerm_key_vault_key",
        "azurerm_disk_encryption_set",
        "azurerm_key_vault_certificate",
        "azurerm_storage_container",
        "azurerm_storage_management_policy",
        "azurerm_container_registry_scope_map",
        "azurerm_container_registry_token",
        # identity and access
        "azurerm_resource_group",
        "azurerm_role_assignment",
        "azurerm_user_assigned_identity",
        "azurerm_federated_identity_credential",
        # monitoring configuration itself
        "azurerm_monitor_diagnostic_setting",
        "azurerm_log_analytics_workspace_table",
        "azurerm_monitor_action_group",
        "azurerm_monitor_metric_alert",
        "azurerm_monitor_scheduled_query_rules_alert_v2",
        "azurerm_monitor_alert_prometheus_rule_group",
        "azurerm_monitor_data_collection_endpoint",
        "azurerm_monitor_data_collection_rule_association",
    }
)
"""Resource types Azure offers no diagnostic settings for."""

EXCLUDED: dict[str, str] = {
    "azurerm_application_insights": "workspace-based: its telemetry already lands in the workspace, "
    "a diagnostic setting would ingest (and bill) it twice",
    "azurerm_monitor_workspace": "managed Prometheus store: its ingestion metrics are read in place, "
    "there is nothing to route to Log Analytics",
    "azurerm_monitor_data_collection_rule": "DCR error logs are a preview feature; enable once GA",
}
"""Types that support diagnostics but are deliberately not sent, with the reason."""


def _construct_id(path: str) -> str:
    # Construct paths are unique in the stack; "/" is the path separator, so it cannot stay.
    return path.replace("/", "--")
