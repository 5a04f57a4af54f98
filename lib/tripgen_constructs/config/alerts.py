"""``Alerts``: the design's alerts (O-4) into one action group whose receivers come from config.

Three kinds of rule, because Azure offers each window only on some alert types: platform-metric
alerts (windows 1, 5, 15 … minutes), log-query alerts on the workspace (ratios such as availability,
and 2 minutes as two 1-minute periods) and managed-Prometheus alerts (any window, K-8). Every rule
names its metric (or table), and the metric names per resource type are data (``METRICS``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from .props import Props, azure_name_check, refusal

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
    country_code: str = Field(pattern=r"^(?:[1-9][0-9]{0,2})$")
    phone_number: str = Field(pattern=r"^(?:[0-9]{4,14})$")


class WebhookReceiver(Props):
    """A Teams/PagerDuty webhook. Its URI carries a token, so it is a sensitive Terraform variable
    ``alert_webhook_<name>`` set at apply time (``TF_VAR_...``), never config."""

    name: str = Field(pattern=r"^(?:[a-z][a-z0-9_]{0,30})$")

    @property
    def variable(self) -> str:
        return f"alert_webhook_{self.name}"


_SHORT_NAME = "1-12 letters, digits, '_' or '-'"


class AlertsProps(Props):
    """Receivers and rules; the rules default to the design's seven (O-4)."""

    short_name: (
        Annotated[str, azure_name_check("alerts.short_name", r"[A-Za-z0-9_-]{1,12}", "1-12 letters, digits, '_', '-'")]
        | None
    ) = None
    """The action group's short name (in SMS and e-mail); ``None`` is the naming prefix, cut to 12."""
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
