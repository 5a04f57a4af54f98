"""Observability: the Log Analytics workspace every resource reports to (O-1)."""

from __future__ import annotations

from pydantic import Field

from ._cdk import Construct, azurerm
from .naming import Naming
from .props import Props

RETENTION_DAYS = 90  # O-1
DAILY_QUOTA_GB = 10  # O-1


class ObservabilityProps(Props):
    """Workspace settings."""

    retention_days: int = Field(default=RETENTION_DAYS, ge=30, le=730)
    daily_quota_gb: float = Field(default=DAILY_QUOTA_GB, gt=0)


class Observability(Construct):
    """Log Analytics workspace ``law-<workload>-<env>``. Typed attribute: ``workspace``."""

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
        self.workspace = azurerm.log_analytics_workspace.LogAnalyticsWorkspace(
            self,
            "workspace",
            name=naming.name("law"),
            location=location,
            resource_group_name=resource_group.name,
            sku="PerGB2018",
            retention_in_days=props.retention_days,
            daily_quota_gb=props.daily_quota_gb,
            local_authentication_enabled=False,
            tags=tags,
        )
