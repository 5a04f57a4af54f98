"""``Alerts``: the design's alerts (O-4) into one action group whose receivers come from config.

Three kinds of rule, because Azure offers each window only on some alert types: platform-metric
alerts (windows 1, 5, 15 … minutes), log-query alerts on the workspace (ratios such as availability,
and 2 minutes as two 1-minute periods) and managed-Prometheus alerts (any window, K-8). Every rule
names its metric (or table), and the metric names per resource type are data (``METRICS``).
"""

from __future__ import annotations

from ._cdk import Construct, azurerm, cdk
from .config.alerts import (  # the props and defaults live in the config layer
    AI_RESPONSE_MS as AI_RESPONSE_MS,
    AI_RESPONSE_WINDOW_MINUTES as AI_RESPONSE_WINDOW_MINUTES,
    AI_ROLE_NAME as AI_ROLE_NAME,
    AVAILABILITY_PERCENT as AVAILABILITY_PERCENT,
    AVAILABILITY_WINDOW_MINUTES as AVAILABILITY_WINDOW_MINUTES,
    DB_CONNECTIONS_PERCENT as DB_CONNECTIONS_PERCENT,
    DB_CONNECTIONS_WINDOW_MINUTES as DB_CONNECTIONS_WINDOW_MINUTES,
    DEFAULT_LOG_RULES as DEFAULT_LOG_RULES,
    DEFAULT_METRIC_RULES as DEFAULT_METRIC_RULES,
    DEFAULT_PROMETHEUS_RULES as DEFAULT_PROMETHEUS_RULES,
    ERROR_RATE_PERCENT as ERROR_RATE_PERCENT,
    ERROR_RATE_WINDOW_MINUTES as ERROR_RATE_WINDOW_MINUTES,
    LOG_ALERT_WINDOWS as LOG_ALERT_WINDOWS,
    METRIC_ALERT_WINDOWS as METRIC_ALERT_WINDOWS,
    METRICS as METRICS,
    NODE_CPU_PERCENT as NODE_CPU_PERCENT,
    NODE_CPU_WINDOW_MINUTES as NODE_CPU_WINDOW_MINUTES,
    NODE_MEMORY_PERCENT as NODE_MEMORY_PERCENT,
    NODE_MEMORY_WINDOW_MINUTES as NODE_MEMORY_WINDOW_MINUTES,
    POD_RESTARTS as POD_RESTARTS,
    POD_RESTARTS_WINDOW_MINUTES as POD_RESTARTS_WINDOW_MINUTES,
    POSTGRES_MAX_CONNECTIONS as POSTGRES_MAX_CONNECTIONS,
    SEVERITY as SEVERITY,
    AlertRule as AlertRule,
    AlertsProps as AlertsProps,
    EmailReceiver as EmailReceiver,
    LogAlertRule as LogAlertRule,
    MetricAlertRule as MetricAlertRule,
    MetricSource as MetricSource,
    Operator as Operator,
    PrometheusAlertRule as PrometheusAlertRule,
    SmsReceiver as SmsReceiver,
    WebhookReceiver as WebhookReceiver,
    iso_minutes as iso_minutes,
)
from .config.naming import Naming
from .config.props import refusal

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
            short_name=props.short_name or naming.workload[:12],
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
