"""Observability: workspace and Application Insights (O-1, O-2), diagnostic settings on every
diagnosable resource (O-3), the design's alerts (O-4), table retention (O-5), cluster monitoring (K-8)."""

from __future__ import annotations

import json

import pytest
from tripgen_constructs import EnvironmentConfig
from tripgen_constructs.alerts import (
    DEFAULT_LOG_RULES,
    DEFAULT_METRIC_RULES,
    DEFAULT_PROMETHEUS_RULES,
    METRICS,
    AlertsProps,
    LogAlertRule,
    MetricAlertRule,
    PrometheusAlertRule,
)
from tripgen_constructs.config.errors import ConfigError
from tripgen_constructs.diagnostics import DIAGNOSABLE, EXCLUDED, NOT_DIAGNOSABLE
from tripgen_constructs.observability import ObservabilityProps, TableRetention

from apps import ENVIRONMENT_NAMES
from apps.dev.config import DEV
from apps.prod.config import PROD

LAW = "azurerm_log_analytics_workspace"
DIAG = "azurerm_monitor_diagnostic_setting"


def _ref(stack, resource_type: str, path: str) -> str:
    """The ``${type.logical_id.id}`` expression of the resource at construct ``path``."""
    for logical_id, body in stack.resources[resource_type].items():
        if body["//"]["metadata"]["path"].split("/", 1)[1] == path:
            return f"${{{resource_type}.{logical_id}.id}}"
    raise KeyError(path)


# --- O-1, O-2 ------------------------------------------------------------------------------------


def test_prod_workspace_keeps_90_days_with_a_10_gb_daily_cap(prod):
    law = prod.by_path(LAW, "observability/workspace")
    assert law["name"] == "law-tripgen-prod"
    assert law["location"] == "koreacentral"
    assert law["sku"] == "PerGB2018"
    assert law["retention_in_days"] == 90
    assert law["daily_quota_gb"] == 10
    assert law["local_authentication_enabled"] is False


def test_dev_workspace_keeps_30_days_with_a_1_gb_cap(dev):
    law = dev.by_path(LAW, "observability/workspace")
    assert law["name"] == "law-tripgen-dev"
    assert law["retention_in_days"] == 30
    assert law["daily_quota_gb"] == 1


def test_application_insights_is_workspace_based_sampled_at_5_percent_without_local_auth(prod):
    appi = prod.by_path("azurerm_application_insights", "observability/application-insights")
    assert appi["name"] == "appi-tripgen-prod"
    assert appi["workspace_id"] == _ref(prod, LAW, "observability/workspace")
    assert appi["sampling_percentage"] == 5
    assert appi["local_authentication_disabled"] is True
    assert appi["application_type"] == "web"


# --- O-5 -----------------------------------------------------------------------------------------


def test_prod_tables_keep_system_180_security_365_audit_7_years(prod):
    tables = {
        t["name"]: (t["retention_in_days"], t["total_retention_in_days"])
        for t in prod.of_type("azurerm_log_analytics_workspace_table").values()
    }
    assert tables == {
        "KubeEvents": (180, 180),
        "KubeNodeInventory": (180, 180),
        "KubePodInventory": (180, 180),
        "AKSControlPlane": (180, 180),
        "AzureDiagnostics": (180, 180),
        "AGWFirewallLogs": (365, 365),
        "ContainerRegistryLoginEvents": (365, 365),
        "AKSAudit": (90, 2556),
        "AKSAuditAdmin": (90, 2556),
        "AzureActivity": (90, 2556),
    }
    workspace = _ref(prod, LAW, "observability/workspace")
    assert {t["workspace_id"] for t in prod.of_type("azurerm_log_analytics_workspace_table").values()} == {workspace}


def test_dev_keeps_every_table_at_the_workspace_retention(dev):
    assert dev.count("azurerm_log_analytics_workspace_table") == 0


def test_retention_below_30_days_is_refused_on_per_gb_2018():
    with pytest.raises(ConfigError, match=r"'retention_days' must be 30-730 on SKU PerGB2018, got 29"):
        ObservabilityProps(retention_days=29)
    with pytest.raises(ConfigError, match=r"'retention_days' must be 30-730 on SKU PerGB2018, got 731"):
        ObservabilityProps(retention_days=731)


@pytest.mark.parametrize("sampling", [0, -5, 100.5, 101])
def test_sampling_outside_0_exclusive_100_inclusive_is_refused(sampling):
    with pytest.raises(ConfigError, match=r"'sampling_percentage' must be in \(0, 100\]"):
        ObservabilityProps(sampling_percentage=sampling)


def test_sampling_of_exactly_100_percent_is_accepted():
    assert ObservabilityProps(sampling_percentage=100).sampling_percentage == 100


def test_seven_years_as_2555_days_is_refused_the_table_api_takes_2556():
    with pytest.raises(
        ConfigError, match=r"'AKSAudit.total_days' must be <= 730 or one of \[1095, .*2556.*\], got 2555"
    ):
        TableRetention(table="AKSAudit", total_days=2555, interactive_days=90)


def test_interactive_retention_above_730_days_is_refused():
    with pytest.raises(ConfigError, match=r"'AKSAudit.interactive_days' must be 4-730, got 1095"):
        TableRetention(table="AKSAudit", total_days=1095)


def test_total_retention_below_interactive_is_refused():
    with pytest.raises(ConfigError, match=r"'KubeEvents.total_days' must be >= interactive_days \(180\), got 90"):
        TableRetention(table="KubeEvents", total_days=90, interactive_days=180)


def test_a_table_listed_twice_is_refused():
    twice = (TableRetention(table="AKSAudit", total_days=365), TableRetention(table="AKSAudit", total_days=730))
    with pytest.raises(ConfigError, match=r"'table_retention' must be one entry per table, got \['AKSAudit'\]"):
        ObservabilityProps(table_retention=twice)


# --- O-3 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("env", ENVIRONMENT_NAMES)
def test_every_diagnosable_resource_has_exactly_one_setting_per_target(env, request):
    stack = request.getfixturevalue("stacks")[env]
    settings = list(stack.resources.get(DIAG, {}).values())
    targets = [s["target_resource_id"] for s in settings]
    expected = [
        f"${{{rtype}.{logical_id}.id}}{target.suffix}"
        for rtype, resources in stack.resources.items()
        if rtype in DIAGNOSABLE
        for logical_id in resources
        for target in DIAGNOSABLE[rtype]
    ]
    assert expected, "no diagnosable resource found"
    assert sorted(targets) == sorted(expected)


@pytest.mark.parametrize("env", ENVIRONMENT_NAMES)
def test_every_resource_type_of_the_stack_is_classified_for_diagnostics(env, request):
    stack = request.getfixturevalue("stacks")[env]
    known = DIAGNOSABLE.keys() | NOT_DIAGNOSABLE | EXCLUDED.keys()
    assert sorted(set(stack.resources) - known) == []


def test_diagnostic_type_tables_are_disjoint_and_every_target_sends_something():
    assert not DIAGNOSABLE.keys() & NOT_DIAGNOSABLE
    assert not DIAGNOSABLE.keys() & EXCLUDED.keys()
    assert not NOT_DIAGNOSABLE & EXCLUDED.keys()
    assert all(t.logs or t.metrics for targets in DIAGNOSABLE.values() for t in targets)


@pytest.mark.parametrize("env", ENVIRONMENT_NAMES)
def test_settings_send_all_logs_and_all_metrics_into_the_workspace(env, request):
    stack = request.getfixturevalue("stacks")[env]
    workspace = _ref(stack, LAW, "observability/workspace")
    by_target = {s["target_resource_id"]: s for s in stack.resources[DIAG].values()}
    for rtype, resources in stack.resources.items():
        for logical_id in resources if rtype in DIAGNOSABLE else ():
            for target in DIAGNOSABLE[rtype]:
                setting = by_target[f"${{{rtype}.{logical_id}.id}}{target.suffix}"]
                assert setting["log_analytics_workspace_id"] == workspace
                assert setting["name"] == f"diag-tripgen-{env}"
                assert setting.get("enabled_log") == ([{"category_group": "allLogs"}] if target.logs else None)
                assert setting.get("enabled_metric") == ([{"category": "AllMetrics"}] if target.metrics else None)
                assert setting.get("log_analytics_destination_type") == ("Dedicated" if target.dedicated else None)


def test_cluster_and_nsgs_get_their_settings(prod):
    cluster = _ref(prod, "azurerm_kubernetes_cluster", "aks/cluster")
    setting = next(s for s in prod.resources[DIAG].values() if s["target_resource_id"] == cluster)
    assert setting["log_analytics_destination_type"] == "Dedicated"  # AKSAudit etc. for O-5
    nsg_targets = {
        f"${{azurerm_network_security_group.{k}.id}}" for k in prod.resources["azurerm_network_security_group"]
    }
    assert nsg_targets <= {s["target_resource_id"] for s in prod.resources[DIAG].values()}
    assert len(nsg_targets) == prod.count("azurerm_network_security_group") > 0


def test_storage_accounts_get_a_setting_on_the_blob_service_too():
    assert [t.suffix for t in DIAGNOSABLE["azurerm_storage_account"]] == ["", "/blobServices/default"]
    assert [(t.logs, t.metrics) for t in DIAGNOSABLE["azurerm_storage_account"]] == [(False, True), (True, True)]


# --- K-8 -----------------------------------------------------------------------------------------


def test_cluster_sends_container_insights_to_the_workspace_and_prometheus_metrics(prod):
    cluster = prod.by_path("azurerm_kubernetes_cluster", "aks/cluster")
    assert cluster["oms_agent"]["log_analytics_workspace_id"] == _ref(prod, LAW, "observability/workspace")
    assert cluster["oms_agent"]["msi_auth_for_monitoring_enabled"] is True
    assert cluster["monitor_metrics"] == {}


def test_container_insights_rule_collects_logs_and_metrics_into_the_workspace(prod):
    rule = prod.by_path("azurerm_monitor_data_collection_rule", "cluster-monitoring/container-insights-rule")
    streams = rule["data_flow"][0]["streams"]
    assert {
        "Microsoft-ContainerLogV2",
        "Microsoft-Perf",
        "Microsoft-InsightsMetrics",
        "Microsoft-KubePodInventory",
    } <= set(streams)
    assert rule["data_flow"][0]["destinations"] == ["workspace"]
    assert rule["destinations"]["log_analytics"] == [
        {"name": "workspace", "workspace_resource_id": _ref(prod, LAW, "observability/workspace")}
    ]
    extension = rule["data_sources"]["extension"][0]
    assert extension["extension_name"] == "ContainerInsights"
    assert extension["streams"] == streams
    assert json.loads(extension["extension_json"]) == {
        "dataCollectionSettings": {"enableContainerLogV2": True, "interval": "1m", "namespaceFilteringMode": "Off"}
    }


def test_prometheus_rule_sends_to_the_azure_monitor_workspace_through_its_endpoint(prod):
    amw = prod.by_path("azurerm_monitor_workspace", "cluster-monitoring/monitor-workspace")
    assert amw["name"] == "amw-tripgen-prod"
    rule = prod.by_path("azurerm_monitor_data_collection_rule", "cluster-monitoring/prometheus-rule")
    assert rule["data_collection_endpoint_id"] == _ref(
        prod, "azurerm_monitor_data_collection_endpoint", "cluster-monitoring/prometheus-endpoint"
    )
    assert rule["destinations"]["monitor_account"] == [
        {
            "name": "monitor-workspace",
            "monitor_account_id": _ref(prod, "azurerm_monitor_workspace", "cluster-monitoring/monitor-workspace"),
        }
    ]
    assert rule["data_flow"] == [{"destinations": ["monitor-workspace"], "streams": ["Microsoft-PrometheusMetrics"]}]
    assert rule["data_sources"]["prometheus_forwarder"] == [
        {"name": "PrometheusDataSource", "streams": ["Microsoft-PrometheusMetrics"]}
    ]


def test_both_rules_and_the_endpoint_are_associated_with_the_cluster(prod):
    cluster = _ref(prod, "azurerm_kubernetes_cluster", "aks/cluster")
    associations = prod.of_type("azurerm_monitor_data_collection_rule_association")
    assert {a["target_resource_id"] for a in associations.values()} == {cluster}
    assert associations["cluster-monitoring/container-insights-association"]["data_collection_rule_id"] == _ref(
        prod, "azurerm_monitor_data_collection_rule", "cluster-monitoring/container-insights-rule"
    )
    assert associations["cluster-monitoring/prometheus-association"]["data_collection_rule_id"] == _ref(
        prod, "azurerm_monitor_data_collection_rule", "cluster-monitoring/prometheus-rule"
    )
    endpoint = associations["cluster-monitoring/prometheus-endpoint-association"]
    assert endpoint["name"] == "configurationAccessEndpoint"
    assert endpoint["data_collection_endpoint_id"] == _ref(
        prod, "azurerm_monitor_data_collection_endpoint", "cluster-monitoring/prometheus-endpoint"
    )


# --- O-4 -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def action_group(prod):
    return prod.by_path("azurerm_monitor_action_group", "alerts/action-group")


def test_prod_action_group_has_placeholder_email_sms_and_webhook_receivers(prod, action_group):
    assert action_group["name"] == "ag-tripgen-prod"
    assert action_group["short_name"] == "tripgen"
    assert action_group["email_receiver"] == [
        {"name": "oncall", "email_address": "oncall@tripgen.example", "use_common_alert_schema": True}
    ]
    assert action_group["sms_receiver"] == [{"name": "oncall-sms", "country_code": "1", "phone_number": "2025550100"}]
    hooks = {h["name"]: h["service_uri"] for h in action_group["webhook_receiver"]}
    assert hooks == {"teams": "${var.alert_webhook_teams}", "pagerduty": "${var.alert_webhook_pagerduty}"}
    assert prod.data["variable"]["alert_webhook_teams"]["sensitive"] is True


def test_dev_alerts_go_to_one_receiver(dev):
    group = dev.by_path("azurerm_monitor_action_group", "alerts/action-group")
    receivers = [r for kind in ("email_receiver", "sms_receiver", "webhook_receiver") for r in group.get(kind, [])]
    assert receivers == [
        {"name": "dev-team", "email_address": "dev-team@tripgen.example", "use_common_alert_schema": True}
    ]


def _log_alert(prod, name):
    return prod.by_path("azurerm_monitor_scheduled_query_rules_alert_v2", f"alerts/log-{name}")


def _actions(prod):
    return [_ref(prod, "azurerm_monitor_action_group", "alerts/action-group")]


def test_availability_below_99_9_percent_over_5_minutes_is_critical(prod):
    alert = _log_alert(prod, "service-unavailable")
    assert alert["name"] == "alert-tripgen-service-unavailable-prod"
    assert (alert["severity"], alert["window_duration"], alert["evaluation_frequency"]) == (0, "PT5M", "PT5M")
    (criteria,) = alert["criteria"]
    assert (criteria["operator"], criteria["threshold"]) == ("LessThan", 99.9)
    assert (
        criteria["query"] == "AppRequests\n| where true\n| summarize value = 100.0 * countif(Success == true) / count()"
    )
    assert criteria["failing_periods"] == {
        "minimum_failing_periods_to_trigger_alert": 1,
        "number_of_evaluation_periods": 1,
    }
    assert alert["scopes"] == [_ref(prod, LAW, "observability/workspace")]
    assert alert["action"]["action_groups"] == _actions(prod)


def test_error_rate_above_1_percent_over_5_minutes_is_critical(prod):
    alert = _log_alert(prod, "high-error-rate")
    assert (alert["severity"], alert["window_duration"]) == (0, "PT5M")
    (criteria,) = alert["criteria"]
    assert (criteria["operator"], criteria["threshold"]) == ("GreaterThan", 1)
    assert "countif(Success == false)" in criteria["query"]


def test_ai_response_time_above_5_s_for_2_minutes_is_two_failing_1_minute_periods(prod):
    alert = _log_alert(prod, "ai-response-time")
    assert (alert["severity"], alert["window_duration"], alert["evaluation_frequency"]) == (0, "PT1M", "PT1M")
    (criteria,) = alert["criteria"]
    assert (criteria["operator"], criteria["threshold"]) == ("GreaterThan", 5000)
    assert criteria["failing_periods"] == {
        "minimum_failing_periods_to_trigger_alert": 2,
        "number_of_evaluation_periods": 2,
    }
    assert 'where AppRoleName == "ai-service"' in criteria["query"]
    assert "percentile(DurationMs, 95)" in criteria["query"]


def test_pod_restarts_above_5_in_10_minutes_and_node_cpu_above_80_for_10_minutes(prod):
    group = prod.by_path("azurerm_monitor_alert_prometheus_rule_group", "alerts/prometheus-rules")
    assert (
        group["cluster_name"]
        == "${azurerm_kubernetes_cluster."
        + _ref(prod, "azurerm_kubernetes_cluster", "aks/cluster").split(".")[1]
        + ".name}"
    )
    assert group["scopes"] == [
        _ref(prod, "azurerm_monitor_workspace", "cluster-monitoring/monitor-workspace"),
        _ref(prod, "azurerm_kubernetes_cluster", "aks/cluster"),
    ]
    rules = {r["alert"]: r for r in group["rule"]}
    restarts, cpu = rules["pod-crash-loop"], rules["high-node-cpu"]
    assert (
        restarts["expression"]
        == "sum by (cluster, namespace, pod) (increase(kube_pod_container_status_restarts_total[10m])) > 5"
    )
    assert "for" not in restarts
    assert restarts["severity"] == 0
    assert (
        cpu["expression"]
        == '100 * (1 - avg by (cluster, instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))) > 80'
    )
    assert cpu["for"] == "PT10M"
    assert cpu["severity"] == 2
    assert {r["action"][0]["action_group_id"] for r in rules.values()} == set(_actions(prod))


def test_node_memory_above_85_percent_over_5_minutes_is_a_resource_alert(prod):
    alert = prod.by_path("azurerm_monitor_metric_alert", "alerts/metric-high-node-memory")
    assert alert["scopes"] == [_ref(prod, "azurerm_kubernetes_cluster", "aks/cluster")]
    assert (alert["severity"], alert["window_size"], alert["frequency"]) == (2, "PT5M", "PT1M")
    assert alert["criteria"] == [
        {
            "aggregation": "Average",
            "metric_name": "node_memory_working_set_percentage",
            "metric_namespace": "Microsoft.ContainerService/managedClusters",
            "operator": "GreaterThan",
            "threshold": 85,
        }
    ]
    assert alert["action"] == [{"action_group_id": _actions(prod)[0]}]


def test_database_connections_above_80_percent_of_max_over_5_minutes(prod):
    alert = prod.by_path("azurerm_monitor_metric_alert", "alerts/metric-database-connections")
    server = prod.by_path("azurerm_postgresql_flexible_server", "data/postgres/server")
    assert server["sku_name"] == "GP_Standard_D8s_v3"
    assert alert["scopes"] == [_ref(prod, "azurerm_postgresql_flexible_server", "data/postgres/server")]
    assert alert["criteria"] == [
        {
            "aggregation": "Maximum",
            "metric_name": "active_connections",
            "metric_namespace": "Microsoft.DBforPostgreSQL/flexibleServers",
            "operator": "GreaterThan",
            "threshold": 2749,  # 80 % of the 3,437 max_connections of GP_Standard_D8s_v3
        }
    ]
    assert (alert["severity"], alert["window_size"]) == (2, "PT5M")


def test_dev_database_connection_threshold_follows_its_burstable_sku(dev):
    alert = dev.by_path("azurerm_monitor_metric_alert", "alerts/metric-database-connections")
    assert dev.by_path("azurerm_postgresql_flexible_server", "data/postgres/server")["sku_name"] == "B_Standard_B2s"
    assert alert["criteria"][0]["threshold"] == 343  # 80 % of 429


def test_every_alert_of_the_stack_uses_a_metric_its_resource_type_publishes(prod):
    for alert in prod.of_type("azurerm_monitor_metric_alert").values():
        for criteria in alert["criteria"]:
            source = next(s for s in METRICS.values() if s.namespace == criteria["metric_namespace"])
            assert criteria["metric_name"] in source.metrics
    for rule in (*DEFAULT_METRIC_RULES, *DEFAULT_PROMETHEUS_RULES):
        assert rule.metric in METRICS[getattr(rule, "resource_type", "azurerm_monitor_workspace")].metrics
    for rule in DEFAULT_LOG_RULES:
        assert rule.table in METRICS[LAW].metrics


def test_an_alert_on_a_metric_the_resource_type_does_not_publish_is_refused():
    with pytest.raises(
        ConfigError, match=r"'metric' must be a metric of azurerm_postgresql_flexible_server: one of \["
    ):
        MetricAlertRule(
            name="db-cpu",
            description="x",
            group="resource",
            threshold=80,
            window_minutes=5,
            resource_type="azurerm_postgresql_flexible_server",
            metric="node_cpu_usage_percentage",
        )
    with pytest.raises(ConfigError, match=r"'metric' must be a metric of azurerm_monitor_workspace"):
        PrometheusAlertRule(
            name="restarts",
            description="x",
            group="critical",
            threshold=5,
            window_minutes=10,
            metric="pod_restarts",
            expression="increase({metric}[{window}])",
        )
    with pytest.raises(ConfigError, match=r"'metric' must be a metric of azurerm_log_analytics_workspace"):
        LogAlertRule(
            name="errors",
            description="x",
            group="critical",
            threshold=1,
            window_minutes=5,
            table="ContainerLog",
            measure="count()",
        )


def test_an_alert_on_an_unknown_resource_type_is_refused():
    with pytest.raises(ConfigError, match=r"'resource_type' must be one of \["):
        MetricAlertRule(
            name="x-cpu",
            description="x",
            group="resource",
            threshold=80,
            window_minutes=5,
            resource_type="azurerm_subnet",
            metric="cpu",
        )


@pytest.mark.parametrize("window", [0, -5])
def test_an_alert_with_a_non_positive_window_is_refused(window):
    for rule in (DEFAULT_METRIC_RULES[0], DEFAULT_LOG_RULES[0], DEFAULT_PROMETHEUS_RULES[0]):
        with pytest.raises(ConfigError, match=rf"'window_minutes' must be a positive number of minutes, got {window}"):
            type(rule).model_validate({**rule.model_dump(), "window_minutes": window})


def test_a_window_azure_does_not_offer_for_the_alert_type_is_refused():
    with pytest.raises(
        ConfigError,
        match=r"'high-node-memory.window_minutes' must be one of \(1, 5, 15, .*\) for a metric alert, got 10",
    ):
        MetricAlertRule.model_validate({**DEFAULT_METRIC_RULES[0].model_dump(), "window_minutes": 10})
    with pytest.raises(
        ConfigError,
        match=r"'service-unavailable.window_minutes / periods' must be one of .* for a log alert, got 2",
    ):
        LogAlertRule.model_validate({**DEFAULT_LOG_RULES[0].model_dump(), "window_minutes": 2})


def test_a_share_of_max_connections_is_only_for_postgresql_rules():
    with pytest.raises(
        ConfigError, match=r"'high-node-memory.percent_of_max_connections' must be only set on a PostgreSQL"
    ):
        MetricAlertRule.model_validate({**DEFAULT_METRIC_RULES[0].model_dump(), "percent_of_max_connections": True})


def test_prod_without_receivers_is_refused():
    with pytest.raises(
        ConfigError,
        match=r"'alerts.receivers' must be at least one receiver \(e-mail, SMS or webhook\) in production, got 0$",
    ):
        EnvironmentConfig.model_validate({**PROD.model_dump(), "alerts": AlertsProps()})


def test_dev_without_receivers_is_allowed():
    assert EnvironmentConfig.model_validate({**DEV.model_dump(), "alerts": AlertsProps()}).alerts.receiver_count == 0


def test_duplicate_rule_names_are_refused():
    with pytest.raises(ConfigError, match=r"'rules' must be unique names, got \['high-node-memory'\]"):
        AlertsProps(metric_rules=(DEFAULT_METRIC_RULES[0], DEFAULT_METRIC_RULES[0]))


# --- Alerts construct refusals (a bare stack, no full synth) -------------------------------------


@pytest.fixture
def bare(tmp_path):
    from tripgen_constructs._cdk import azurerm, cdk

    stack = cdk.TerraformStack(cdk.App(outdir=str(tmp_path)), "bare")
    place = {"location": "koreacentral", "resource_group_name": "rg-bare"}
    rg = azurerm.resource_group.ResourceGroup(stack, "rg", name="rg-bare", location="koreacentral")
    deps = {
        "resource_group": rg,
        "workspace": azurerm.log_analytics_workspace.LogAnalyticsWorkspace(stack, "law", name="law-bare", **place),
        "monitor_workspace": azurerm.monitor_workspace.MonitorWorkspace(stack, "amw", name="amw-bare", **place),
        "cluster": azurerm.kubernetes_cluster.KubernetesCluster(
            stack,
            "aks",
            name="aks-bare",
            dns_prefix="aks-bare",
            **place,
            default_node_pool={"name": "system", "vm_size": "Standard_D2s_v3"},
            identity={"type": "SystemAssigned"},
        ),
    }
    return stack, place, deps


def _alerts(stack, deps, **kwargs):
    from tripgen_constructs.alerts import Alerts
    from tripgen_constructs.config.naming import Naming

    return Alerts(
        stack,
        "alerts",
        props=PROD.alerts,
        naming=Naming("tripgen", "bare"),
        location="koreacentral",
        tags={},
        **deps,
        **kwargs,
    )


def test_a_metric_rule_without_its_target_resource_is_refused(bare):
    stack, _, deps = bare
    with pytest.raises(
        ValueError,
        match=r"'targets' must be resources including a azurerm_postgresql_flexible_server for rule 'database-connections', got \['azurerm_kubernetes_cluster'\]",
    ):
        _alerts(stack, deps)


def test_a_database_sku_without_known_max_connections_is_refused(bare):
    from tripgen_constructs._cdk import azurerm

    stack, place, deps = bare
    server = azurerm.postgresql_flexible_server.PostgresqlFlexibleServer(
        stack, "pg", name="pg-bare", sku_name="GP_Standard_D2s_v9", **place
    )
    with pytest.raises(
        ValueError,
        match=r"'database-connections: server sku_name' must be one of \[.*\] \(max_connections known\), got 'GP_Standard_D2s_v9'",
    ):
        _alerts(stack, deps, targets=(server,))


@pytest.mark.parametrize(
    "expression", ["increase(kube_pod_container_status_restarts_total[10m])", 'rate({metric}{mode="idle"}[5m])']
)
def test_a_prometheus_expression_not_templated_on_its_metric_is_refused(expression):
    with pytest.raises(ConfigError, match=r"'pod-crash-loop.expression' must be a PromQL template using '\{metric\}'"):
        PrometheusAlertRule.model_validate({**DEFAULT_PROMETHEUS_RULES[0].model_dump(), "expression": expression})
