"""``Observability``: the Log Analytics workspace every resource reports to (O-1), workspace-based
Application Insights (O-2) and per-table retention of the security and audit logs (O-5)."""

from __future__ import annotations

from ._cdk import Construct, azurerm
from .config.naming import Naming
from .config.observability import (  # the props and defaults live in the config layer
    AUDIT_INTERACTIVE_DAYS as AUDIT_INTERACTIVE_DAYS,
    AUDIT_RETENTION_DAYS as AUDIT_RETENTION_DAYS,
    AUDIT_TABLES as AUDIT_TABLES,
    DAILY_QUOTA_GB as DAILY_QUOTA_GB,
    DEFAULT_TABLE_RETENTION as DEFAULT_TABLE_RETENTION,
    RETENTION_DAYS as RETENTION_DAYS,
    SAMPLING_PERCENTAGE as SAMPLING_PERCENTAGE,
    SECURITY_RETENTION_DAYS as SECURITY_RETENTION_DAYS,
    SECURITY_TABLES as SECURITY_TABLES,
    SKU as SKU,
    SKU_RETENTION_DAYS as SKU_RETENTION_DAYS,
    SYSTEM_RETENTION_DAYS as SYSTEM_RETENTION_DAYS,
    SYSTEM_TABLES as SYSTEM_TABLES,
    TABLE_INTERACTIVE_DAYS as TABLE_INTERACTIVE_DAYS,
    TABLE_TOTAL_DAYS_LONG_TERM as TABLE_TOTAL_DAYS_LONG_TERM,
    ObservabilityProps as ObservabilityProps,
    TableRetention as TableRetention,
)


class Observability(Construct):
    """Log Analytics workspace ``law-<workload>-<env>`` and Application Insights
    ``appi-<workload>-<env>`` on it, local (key) authentication off on both.

    Typed attributes: ``workspace``, ``application_insights``, ``tables`` (by table name).
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: ObservabilityProps,
        naming: Naming,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        tags: dict[str, str],
    ) -> None:
        super().__init__(scope, id)
        self.props = props
        self.workspace = azurerm.log_analytics_workspace.LogAnalyticsWorkspace(
            self,
            "workspace",
            name=naming.name("law"),
            location=location,
            resource_group_name=resource_group.name,
            sku=props.sku,
            retention_in_days=props.retention_days,
            daily_quota_gb=props.daily_quota_gb,
            local_authentication_enabled=False,
            tags=tags,
        )
        self.application_insights = azurerm.application_insights.ApplicationInsights(
            self,
            "application-insights",
            name=naming.name("appi"),
            location=location,
            resource_group_name=resource_group.name,
            application_type="web",
            workspace_id=self.workspace.id,
            sampling_percentage=props.sampling_percentage,
            local_authentication_disabled=True,
            tags=tags,
        )
        self.tables = {
            t.table: azurerm.log_analytics_workspace_table.LogAnalyticsWorkspaceTable(
                self,
                f"table-{t.table}",
                name=t.table,
                workspace_id=self.workspace.id,
                retention_in_days=t.interactive,
                total_retention_in_days=t.total_days,
            )
            for t in props.table_retention
        }
