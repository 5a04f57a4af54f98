"""``Alerts``: the design's alerts (O-4) into one action group whose receivers come from config.

Three kinds of rule, because Azure offers each window only on some alert types: platform-metric
alerts (windows 1, 5, 15 … minutes), log-query alerts on the workspace (ratios such as availability,
and 2 minutes as two 1-minute periods) and managed-Prometheus alerts (any window, K-8). Every rule
names its metric (or table), and the metric names per resource type are data (``METRICS``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, field_validator, model_validator

from ._cdk import Construct, azurerm, cdk
from .naming import Naming
from .props import Props, refusal

# --- Spec defaults -------------------------------------------------------------------------------

SEVERITY = {"critical": 0, "resource": 2}
"""O-4: the design's critical alerts page (Azure Sev 0 'Critical'); its resource alerts trigger
scaling and a notification (Sev 2 'Warning')."""
AVAILABILITY_PERCENT = 99.9  # O-4, T-1
AVAILABILITY_WINDOW_MINUTES = 5  # O-4
ERROR_RATE_PERCENT = 1.0  # O-4
ERROR_RATE_WINDOW_MINUTES = 5  # O-4
AI_RESPONSE_MS = 5000  # O-4, T-3
AI_RESPONSE_WINDOW_MINUTES = 2  # O-4
AI_ROLE_NAME = "ai-service"  # W: the ai service's cloud role name in Application Insights
POD_RESTARTS = 5  # O-4
POD_RESTARTS_WINDOW_MINUTES = 10  # O-4
NODE_CPU_PERCENT = 80  # O-4
NODE_CPU_WINDOW_MINUTES = 10  # O-4
NODE_MEMORY_PERCENT = 85  # O-4
NODE_MEMORY_WINDOW_MINUTES = 5  # O-4
DB_CONNECTIONS_PERCENT = 80  # O-4: of the server's max_connections
DB_CONNECTIONS_WINDOW_MINUTES = 5  # O-4
ACTION_GROUP_SHORT_NAME = "tripgen"

# --- Azure data ----------------------------------------------------------------------------------

METRIC_ALERT_WINDOWS = (1, 5, 15, 30, 60, 360, 720, 1440)
"""Windows (minutes) a metric alert accepts."""
LOG_ALERT_WINDOWS = (1, 5, 10, 15, 30, 45, 60, 120, 180, 240, 300, 360, 1440, 2880)
"""Windows (minutes) a scheduled-query (log) alert accepts."""


@dataclass(frozen=True)
class MetricSource:
    """The metrics Azure Monitor publishes for one resource type, under ``namespace``."""

    namespace: str
    metrics: frozenset[str]


METRICS: dict[str, MetricSource] = {
    "azurerm_kubernetes_cluster": MetricSource(
        "Microsoft.ContainerService/managedClusters",
        frozenset(
            {
                "node_cpu_usage_percentage",
                "node_cpu_usage_millicores",
                "node_memory_working_set_percentage",
                "node_memory_working_set_bytes",
                "node_memory_rss_percentage",
                "node_memory_rss_bytes",
                "node_disk_usage_percentage",
                "node_network_in_bytes",
                "node_network_out_bytes",
                "kube_pod_status_ready",
                "kube_pod_status_phase",
                "kube_node_status_condition",
                "kube_node_status_allocatable_cpu_cores",
                "kube_node_status_allocatable_memory_bytes",
                "cluster_autoscaler_unschedulable_pods_count",
            }
        ),
    ),
    "azurerm_postgresql_flexible_server": MetricSource(
        "Microsoft.DBforPostgreSQL/flexibleServers",
        frozenset(
            {
                "active_connections",
                "connections_failed",
                "connections_succeeded",
                "cpu_percent",
                "memory_percent",
                "storage_percent",
                "storage_used",
                "iops",
                "disk_queue_depth",
                "network_bytes_egress",
                "network_bytes_ingress",
                "physical_replication_delay_in_seconds",
            }
        ),
    ),
    "azurerm_application_insights": MetricSource(
        "microsoft.insights/components",
        frozenset(
            {
                "requests/count",
                "requests/duration",
                "requests/failed",
                "exceptions/count",
                "dependencies/duration",
                "dependencies/failed",
                "availabilityResults/availabilityPercentage",
            }
        ),
    ),
    "azurerm_redis_cache": MetricSource(
        "Microsoft.Cache/redis",
        frozenset(
            {
                "usedmemorypercentage",
                "serverLoad",
                "percentProcessorTime",
                "connectedclients",
                "cachehits",
                "cachemisses",
                "errors",
                "evictedkeys",
            }
        ),
    ),
    "azurerm_servicebus_namespace": MetricSource(
        "Microsoft.ServiceBus/namespaces",
        frozenset(
            {
                "ActiveMessages",
                "DeadletteredMessages",
                "ServerErrors",
                "ThrottledRequests",
                "NamespaceCpuUsage",
                "NamespaceMemoryUsage",
                "Size",
            }
        ),
    ),
    # Managed Prometheus (K-8): what the default AKS scrape (node-exporter, kube-state-metrics,
    # cAdvisor) puts into the Azure Monitor workspace.
    "azurerm_monitor_workspace": MetricSource(
        "prometheus",
        frozenset(
            {
                "kube_pod_container_status_restarts_total",
                "kube_pod_status_phase",
                "kube_node_status_condition",
                "node_cpu_seconds_total",
                "node_memory_MemAvailable_bytes",
                "node_memory_MemTotal_bytes",
                "container_cpu_usage_seconds_total",
                "container_memory_working_set_bytes",
            }
        ),
    ),
    # Log alerts: the "metric" is the workspace table the query reads.
    "azurerm_log_analytics_workspace": MetricSource(
        "tables",
        frozenset(
            {
                "AppRequests",
                "AppDependencies",
                "AppExceptions",
                "AppAvailabilityResults",
                "KubePodInventory",
                "ContainerLogV2",
            }
        ),
    ),
}
"""Metric names per resource type: a rule naming anything else is refused."""

POSTGRES_MAX_CONNECTIONS: dict[str, int] = {
    "B_Standard_B1ms": 50,
    "B_Standard_B2s": 429,
    "B_Standard_B2ms": 859,
    "B_Standard_B4ms": 1718,
    "GP_Standard_D2s_v3": 859,
    "GP_Standard_D4s_v3": 1718,
    "GP_Standard_D8s_v3": 3437,
    "GP_Standard_D16s_v3": 5000,
    "GP_Standard_D2ds_v5": 859,
    "GP_Standard_D4ds_v5": 1718,
    "GP_Standard_D8ds_v5": 3437,
    "GP_Standard_D16ds_v5": 5000,
    "MO_Standard_E2ds_v5": 1718,
    "MO_Standard_E4ds_v5": 3437,
    "MO_Standard_E8ds_v5": 5000,
}
"""Default ``max_connections`` per PostgreSQL flexible server SKU (Azure's limits page)."""

_RULE_NAME = re.compile(r"[a-z][a-z0-9-]{1,40}[a-z0-9]")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,30}")

# --- Props ---------------------------------------------------------------------------------------

Operator = Literal["GreaterThan", "GreaterThanOrEqual", "LessThan", "LessThanOrEqual"]
_PROMQL_OPERATOR = {"GreaterThan": ">", "GreaterThanOrEqual": ">=", "LessThan": "<", "LessThanOrEqual": "<="}


def _check_metric(resource_type: str, metric: str) -> None:
    source = METRICS.get(resource_type)
    if source is None:
        raise refusal("resource_type", resource_type, f"one of {sorted(METRICS)}")
    if metric not in source.metrics:
        raise refusal("metric", metric, f"a metric of {resource_type}: one of {sorted(source.metrics)}")


class AlertRule(Props):
    """What every rule has: a name, the design's group (severity), a threshold and a window."""

    name: str
    description: str
    group: Literal["critical", "resource"]
    operator: Operator = "GreaterThan"
    threshold: float
    window_minutes: int

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _RULE_NAME.fullmatch(value):
            raise refusal("name", value, "3-42 lowercase letters, digits or '-'")
        return value

    @field_validator("window_minutes")
    @classmethod
    def _window(cls, value: int) -> int:
        if value <= 0:
            raise refusal("window_minutes", value, "a positive number of minutes")
        return value

    @property
    def severity(self) -> int:
        return SEVERITY[self.group]


def iso_minutes(minutes: int) -> str:
    """``5`` -> ``PT5M``, ``60`` -> ``PT1H``, ``1440`` -> ``P1D``."""
    if minutes % 1440 == 0:
        return f"P{minutes // 1440}D"
    if minutes % 60 == 0:
        return f"PT{minutes // 60}H"
    return f"PT{minutes}M"


class MetricAlertRule(AlertRule):
    """A platform-metric alert on the one resource of ``resource_type`` in the stack."""

    resource_type: str
    metric: str
    aggregation: Literal["Average", "Minimum", "Maximum", "Total", "Count"] = "Average"
    percent_of_max_connections: bool = False
    """``threshold`` is a percentage of the PostgreSQL server's ``max_connections``."""

    @model_validator(mode="after")
    def _checks(self) -> MetricAlertRule:
        _check_metric(self.resource_type, self.metric)
        if self.window_minutes not in METRIC_ALERT_WINDOWS:
            raise refusal(
                f"{self.name}.window_minutes", self.window_minutes, f"one of {METRIC_ALERT_WINDOWS} for a metric alert"
            )
        if self.percent_of_max_connections and self.resource_type != "azurerm_postgresql_flexible_server":
            raise refusal(
                f"{self.name}.percent_of_max_connections", True, "only set on a PostgreSQL flexible server rule"
            )
        if self.percent_of_max_connections and not 0 < self.threshold <= 100:
            raise refusal(f"{self.name}.threshold", self.threshold, "a percentage in (0, 100]")
        return self


class LogAlertRule(AlertRule):
    """A query over a workspace table: ``<table> | where <where> | summarize value = <measure>``,
    alerting when ``periods`` consecutive windows breach (the total window is their sum)."""

    table: str
    where: str = "true"
    measure: str
    periods: int = Field(default=1, ge=1, le=6)

    @model_validator(mode="after")
    def _checks(self) -> LogAlertRule:
        _check_metric("azurerm_log_analytics_workspace", self.table)
        if self.window_minutes % self.periods:
            raise refusal(f"{self.name}.window_minutes", self.window_minutes, f"a multiple of periods ({self.periods})")
        if self.period_minutes not in LOG_ALERT_WINDOWS:
            raise refusal(
                f"{self.name}.window_minutes / periods",
                self.period_minutes,
                f"one of {LOG_ALERT_WINDOWS} for a log alert",
            )
        return self

    @property
    def period_minutes(self) -> int:
        return self.window_minutes // self.periods

    @property
    def query(self) -> str:
        return f"{self.table}\n| where {self.where}\n| summarize value = {self.measure}"


class PrometheusAlertRule(AlertRule):
    """A managed-Prometheus alert: ``expression`` with ``{metric}`` and ``{window}`` placeholders,
    compared to ``threshold``; ``sustained`` keeps it pending for the window before firing."""

    metric: str
    expression: str
    sustained: bool = False

    @model_validator(mode="after")
    def _checks(self) -> PrometheusAlertRule:
        _check_metric("azurerm_monitor_workspace", self.metric)
        try:
            window = f"{self.window_minutes}m"
            uses_metric = self.expression.format(metric=self.metric, window=window) != self.expression.format(
                metric="", window=window
            )
        except (KeyError, IndexError, ValueError):
            uses_metric = False
        if not uses_metric:
            raise refusal(
                f"{self.name}.expression",
                self.expression,
                "a PromQL template using '{metric}' (and optionally '{window}'; literal braces doubled)",
            )
        return self

    @property
    def promql(self) -> str:
        body = self.expression.format(metric=self.metric, window=f"{self.window_minutes}m")
        return f"{body} {_PROMQL_OPERATOR[self.operator]} {self.threshold:g}"


DEFAULT_LOG_RULES: tuple[LogAlertRule, ...] = (
    LogAlertRule(
        name="service-unavailable",
        description="O-4: request success rate below 99.9 % over 5 minutes",
        group="critical",
        operator="LessThan",
        threshold=AVAILABILITY_PERCENT,
        window_minutes=AVAILABILITY_WINDOW_MINUTES,
        table="AppRequests",
        measure="100.0 * countif(Success == true) / count()",
    ),
    LogAlertRule(
        name="high-error-rate",
        description="O-4: failed requests above 1 % over 5 minutes",
        group="critical",
        threshold=ERROR_RATE_PERCENT,
        window_minutes=ERROR_RATE_WINDOW_MINUTES,
        table="AppRequests",
        measure="100.0 * countif(Success == false) / count()",
    ),
    LogAlertRule(
        name="ai-response-time",
        description="O-4, T-3: ai service p95 response time above 5 s for 2 minutes",
        group="critical",
        threshold=AI_RESPONSE_MS,
        window_minutes=AI_RESPONSE_WINDOW_MINUTES,
        periods=AI_RESPONSE_WINDOW_MINUTES,  # no alert type has a 2-minute window: two 1-minute periods
        table="AppRequests",
        where=f'AppRoleName == "{AI_ROLE_NAME}"',
        measure="percentile(DurationMs, 95)",
    ),
)
DEFAULT_PROMETHEUS_RULES: tuple[PrometheusAlertRule, ...] = (
    PrometheusAlertRule(
        name="pod-crash-loop",
        description="O-4: a pod restarted more than 5 times in 10 minutes",
        group="critical",
        threshold=POD_RESTARTS,
        window_minutes=POD_RESTARTS_WINDOW_MINUTES,
        metric="kube_pod_container_status_restarts_total",
        expression="sum by (cluster, namespace, pod) (increase({metric}[{window}]))",
    ),
    PrometheusAlertRule(
        name="high-node-cpu",
        description="O-4: node CPU above 80 % for 10 minutes",
        group="resource",
        threshold=NODE_CPU_PERCENT,
        window_minutes=NODE_CPU_WINDOW_MINUTES,
        metric="node_cpu_seconds_total",
        expression='100 * (1 - avg by (cluster, instance) (rate({metric}{{mode="idle"}}[5m])))',
        sustained=True,  # no metric-alert window is 10 minutes: pending for 10 minutes instead
    ),
)
DEFAULT_METRIC_RULES: tuple[MetricAlertRule, ...] = (
    MetricAlertRule(
        name="high-node-memory",
        description="O-4: node memory working set above 85 % over 5 minutes",
        group="resource",
        threshold=NODE_MEMORY_PERCENT,
        window_minutes=NODE_MEMORY_WINDOW_MINUTES,
        resource_type="azurerm_kubernetes_cluster",
        metric="node_memory_working_set_percentage",
    ),
    MetricAlertRule(
        name="database-connections",
        description="O-4: PostgreSQL connections above 80 % of max_connections over 5 minutes",
        group="resource",
        threshold=DB_CONNECTIONS_PERCENT,
        window_minutes=DB_CONNECTIONS_WINDOW_MINUTES,
        resource_type="azurerm_postgresql_flexible_server",
        metric="active_connections",
        aggregation="Maximum",
        percent_of_max_connections=True,
    ),
)


class EmailReceiver(Props):
    name: str = Field(pattern=_NAME.pattern)
    address: str = Field(pattern=r"^(?:[^@\s]+@[^@\s]+\.[^@\s]+)$")


class SmsReceiver(Props):
    name: str = Field(pattern=_NAME.pattern)
    country_code: str = Field(pattern=r"^(?:[1-9]\d{0,2})$")
    phone_number: str = Field(pattern=r"^(?:\d{4,14})$")


class WebhookReceiver(Props):
    """A Teams/PagerDuty webhook. Its URI carries a token, so it is a sensitive Terraform variable
    ``alert_webhook_<name>`` set at apply time (``TF_VAR_...``), never config."""

    name: str = Field(pattern=r"^(?:[a-z][a-z0-9_]{0,30})$")

    @property
    def variable(self) -> str:
        return f"alert_webhook_{self.name}"


class AlertsProps(Props):
    """Receivers and rules; the rules default to the design's seven (O-4)."""

    short_name: str = Field(default=ACTION_GROUP_SHORT_NAME, pattern=r"^(?:[A-Za-z0-9_-]{1,12})$")
    email_receivers: tuple[EmailReceiver, ...] = ()
    sms_receivers: tuple[SmsReceiver, ...] = ()
    webhook_receivers: tuple[WebhookReceiver, ...] = ()
    metric_rules: tuple[MetricAlertRule, ...] = DEFAULT_METRIC_RULES
    log_rules: tuple[LogAlertRule, ...] = DEFAULT_LOG_RULES
    prometheus_rules: tuple[PrometheusAlertRule, ...] = DEFAULT_PROMETHEUS_RULES

    @model_validator(mode="after")
    def _unique(self) -> AlertsProps:
        receivers: tuple[EmailReceiver | SmsReceiver | WebhookReceiver, ...] = (
            *self.email_receivers,
            *self.sms_receivers,
            *self.webhook_receivers,
        )
        for field, names in (("receivers", [r.name for r in receivers]), ("rules", [r.name for r in self.rules])):
            duplicates = sorted({n for n in names if names.count(n) > 1})
            if duplicates:
                raise refusal(field, duplicates, "unique names")
        return self

    @property
    def receiver_count(self) -> int:
        return len(self.email_receivers) + len(self.sms_receivers) + len(self.webhook_receivers)

    @property
    def rules(self) -> tuple[AlertRule, ...]:
        return (*self.metric_rules, *self.log_rules, *self.prometheus_rules)


# --- Construct -----------------------------------------------------------------------------------


class Alerts(Construct):
    """Action group ``ag-<workload>-<env>`` and one alert rule per configured rule.

    Metric rules find their target among ``targets`` by resource type (the cluster, Application
    Insights, the PostgreSQL server...). Typed attributes: ``action_group``, ``metric_alerts``,
    ``log_alerts`` (by rule name), ``prometheus_rules``.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: AlertsProps,
        naming: Naming,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        tags: dict[str, str],
        workspace: azurerm.log_analytics_workspace.LogAnalyticsWorkspace,
        monitor_workspace: azurerm.monitor_workspace.MonitorWorkspace,
        cluster: azurerm.kubernetes_cluster.KubernetesCluster,
        targets: tuple[cdk.TerraformResource, ...] = (),
    ) -> None:
        super().__init__(scope, id)
        self.props = props
        by_type = {t.terraform_resource_type: t for t in (cluster, *targets)}
        ag = azurerm.monitor_action_group
        self.action_group = ag.MonitorActionGroup(
            self,
            "action-group",
            name=naming.name("ag"),
            resource_group_name=resource_group.name,
            short_name=props.short_name,
            email_receiver=[
                ag.MonitorActionGroupEmailReceiver(name=r.name, email_address=r.address, use_common_alert_schema=True)
                for r in props.email_receivers
            ]
            or None,
            sms_receiver=[
                ag.MonitorActionGroupSmsReceiver(name=r.name, country_code=r.country_code, phone_number=r.phone_number)
                for r in props.sms_receivers
            ]
            or None,
            webhook_receiver=[
                ag.MonitorActionGroupWebhookReceiver(
                    name=r.name, service_uri=self._webhook_uri(r), use_common_alert_schema=True
                )
                for r in props.webhook_receivers
            ]
            or None,
            tags=tags,
        )
        ma = azurerm.monitor_metric_alert
        self.metric_alerts: dict[str, azurerm.monitor_metric_alert.MonitorMetricAlert] = {}
        for rule in props.metric_rules:
            target = by_type.get(rule.resource_type)
            if target is None:
                raise refusal(
                    "targets", sorted(by_type), f"resources including a {rule.resource_type} for rule {rule.name!r}"
                )
            self.metric_alerts[rule.name] = ma.MonitorMetricAlert(
                self,
                f"metric-{rule.name}",
                name=naming.name("alert", rule.name),
                description=rule.description,
                resource_group_name=resource_group.name,
                scopes=[target.get_string_attribute("id")],
                severity=rule.severity,
                window_size=iso_minutes(rule.window_minutes),
                frequency="PT1M",
                criteria=[
                    ma.MonitorMetricAlertCriteria(
                        metric_namespace=METRICS[rule.resource_type].namespace,
                        metric_name=rule.metric,
                        aggregation=rule.aggregation,
                        operator=rule.operator,
                        threshold=_threshold(rule, target),
                    )
                ],
                action=[ma.MonitorMetricAlertAction(action_group_id=self.action_group.id)],
                tags=tags,
            )
        qa = azurerm.monitor_scheduled_query_rules_alert_v2
        self.log_alerts: dict[
            str, azurerm.monitor_scheduled_query_rules_alert_v2.MonitorScheduledQueryRulesAlertV2
        ] = {}
        for log_rule in props.log_rules:
            period = iso_minutes(log_rule.period_minutes)
            self.log_alerts[log_rule.name] = qa.MonitorScheduledQueryRulesAlertV2(
                self,
                f"log-{log_rule.name}",
                name=naming.name("alert", log_rule.name),
                description=log_rule.description,
                location=location,
                resource_group_name=resource_group.name,
                scopes=[workspace.id],
                severity=log_rule.severity,
                window_duration=period,
                evaluation_frequency=period,
                criteria=[
                    qa.MonitorScheduledQueryRulesAlertV2Criteria(
                        query=log_rule.query,
                        metric_measure_column="value",
                        time_aggregation_method="Maximum",
                        operator=log_rule.operator,
                        threshold=log_rule.threshold,
                        failing_periods=qa.MonitorScheduledQueryRulesAlertV2CriteriaFailingPeriods(
                            number_of_evaluation_periods=log_rule.periods,
                            minimum_failing_periods_to_trigger_alert=log_rule.periods,
                        ),
                    )
                ],
                action=qa.MonitorScheduledQueryRulesAlertV2Action(action_groups=[self.action_group.id]),
                tags=tags,
            )
        pr = azurerm.monitor_alert_prometheus_rule_group
        self.prometheus_rules = None
        if not props.prometheus_rules:
            return
        self.prometheus_rules = pr.MonitorAlertPrometheusRuleGroup(
            self,
            "prometheus-rules",
            name=naming.name("prom", "alerts"),
            location=location,
            resource_group_name=resource_group.name,
            cluster_name=cluster.name,
            scopes=[monitor_workspace.id, cluster.id],
            interval="PT1M",
            rule_group_enabled=True,
            rule=[
                pr.MonitorAlertPrometheusRuleGroupRule(
                    alert=rule.name,
                    expression=rule.promql,
                    for_=iso_minutes(rule.window_minutes) if rule.sustained else None,
                    severity=rule.severity,
                    annotations={"description": rule.description},
                    action=[pr.MonitorAlertPrometheusRuleGroupRuleAction(action_group_id=self.action_group.id)],
                    alert_resolution=pr.MonitorAlertPrometheusRuleGroupRuleAlertResolution(
                        auto_resolved=True, time_to_resolve="PT10M"
                    ),
                    enabled=True,
                )
                for rule in props.prometheus_rules
            ],
            tags=tags,
        )

    def _webhook_uri(self, receiver: WebhookReceiver) -> str:
        variable = cdk.TerraformVariable(
            self,
            receiver.variable,
            type="string",
            sensitive=True,
            description=f"URI of the '{receiver.name}' alert webhook",
        )
        variable.override_logical_id(receiver.variable)  # the name operators set: TF_VAR_alert_webhook_<name>
        return variable.string_value


def _threshold(rule: MetricAlertRule, target: cdk.TerraformResource) -> float:
    """The absolute threshold: a share of ``max_connections`` for the PostgreSQL connection rule."""
    if not rule.percent_of_max_connections:
        return rule.threshold
    sku = getattr(target, "sku_name_input", None)
    if sku not in POSTGRES_MAX_CONNECTIONS:
        raise refusal(
            f"{rule.name}: server sku_name", sku, f"one of {sorted(POSTGRES_MAX_CONNECTIONS)} (max_connections known)"
        )
    return int(POSTGRES_MAX_CONNECTIONS[sku] * rule.threshold / 100)
