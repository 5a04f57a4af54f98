"""``Observability``: the Log Analytics workspace every resource reports to (O-1), workspace-based
Application Insights (O-2) and per-table retention of the security and audit logs (O-5)."""

from __future__ import annotations

import re
from typing import Final, Literal

from pydantic import Field, field_validator, model_validator

from .props import Props, refusal

# --- Spec defaults -------------------------------------------------------------------------------

SKU: Final = "PerGB2018"  # O-1: pay-as-you-go, the only SKU Azure still creates without a reservation
RETENTION_DAYS = 90  # O-1 (and O-5: application logs 90 days)
DAILY_QUOTA_GB = 10  # O-1
SAMPLING_PERCENTAGE = 5.0  # O-2
SYSTEM_RETENTION_DAYS = 180  # O-5
SECURITY_RETENTION_DAYS = 365  # O-5
AUDIT_RETENTION_DAYS = 2556  # O-5: the design's 2,555 days (7 years) is not a value the table API takes
AUDIT_INTERACTIVE_DAYS = RETENTION_DAYS  # O-5: audit logs past 90 days go to low-cost long-term retention

SKU_RETENTION_DAYS: dict[str, tuple[int, int]] = {"PerGB2018": (30, 730)}
"""Workspace retention Azure accepts per SKU (inclusive range)."""
TABLE_INTERACTIVE_DAYS = (4, 730)
"""Analytics (interactive) retention Azure accepts on one table."""
TABLE_TOTAL_DAYS_LONG_TERM = frozenset({1095, 1460, 1826, 2191, 2556, 2922, 3288, 3653, 4018, 4383})
"""Total retention beyond 730 days is whole years (3-12) only."""
_TABLE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,62}")

SYSTEM_TABLES = ("KubeEvents", "KubeNodeInventory", "KubePodInventory", "AKSControlPlane", "AzureDiagnostics")
"""O-5 system logs: cluster inventory/events, control plane, and platform logs in the shared table."""
SECURITY_TABLES = ("AGWFirewallLogs", "ContainerRegistryLoginEvents")
"""O-5 security logs: WAF decisions (G-3) and registry sign-ins (R-1)."""
AUDIT_TABLES = ("AKSAudit", "AKSAuditAdmin", "AzureActivity")
"""O-5 audit logs: Kubernetes API audit and Azure control-plane activity."""


class TableRetention(Props):
    """Retention of one workspace table: ``interactive_days`` queryable, ``total_days`` kept."""

    table: str
    total_days: int
    interactive_days: int | None = None
    """``None``: the same as ``total_days`` (everything stays queryable)."""

    @field_validator("table")
    @classmethod
    def _table(cls, value: str) -> str:
        if not _TABLE_NAME.fullmatch(value):
            raise refusal("table", value, "a Log Analytics table name (4-63 letters, digits, '_')")
        return value

    @model_validator(mode="after")
    def _days(self) -> TableRetention:
        low, high = TABLE_INTERACTIVE_DAYS
        if not low <= self.interactive <= high:
            raise refusal(f"{self.table}.interactive_days", self.interactive, f"{low}-{high}")
        if self.total_days < self.interactive:
            raise refusal(f"{self.table}.total_days", self.total_days, f">= interactive_days ({self.interactive})")
        if self.total_days > high and self.total_days not in TABLE_TOTAL_DAYS_LONG_TERM:
            raise refusal(
                f"{self.table}.total_days", self.total_days, f"<= {high} or one of {sorted(TABLE_TOTAL_DAYS_LONG_TERM)}"
            )
        return self

    @property
    def interactive(self) -> int:
        return self.total_days if self.interactive_days is None else self.interactive_days


DEFAULT_TABLE_RETENTION: tuple[TableRetention, ...] = (
    *(TableRetention(table=t, total_days=SYSTEM_RETENTION_DAYS) for t in SYSTEM_TABLES),
    *(TableRetention(table=t, total_days=SECURITY_RETENTION_DAYS) for t in SECURITY_TABLES),
    *(
        TableRetention(table=t, total_days=AUDIT_RETENTION_DAYS, interactive_days=AUDIT_INTERACTIVE_DAYS)
        for t in AUDIT_TABLES
    ),
)
"""O-5; application tables (App*, ContainerLogV2) keep the workspace's 90 days."""


class ObservabilityProps(Props):
    """Workspace, Application Insights and table retention settings."""

    sku: Literal["PerGB2018"] = SKU
    retention_days: int = RETENTION_DAYS
    daily_quota_gb: float = Field(default=DAILY_QUOTA_GB, gt=0)
    sampling_percentage: float = SAMPLING_PERCENTAGE
    """Application Insights ingestion sampling, in (0, 100]."""
    table_retention: tuple[TableRetention, ...] = DEFAULT_TABLE_RETENTION

    @model_validator(mode="after")
    def _checks(self) -> ObservabilityProps:
        low, high = SKU_RETENTION_DAYS[self.sku]
        if not low <= self.retention_days <= high:
            raise refusal("retention_days", self.retention_days, f"{low}-{high} on SKU {self.sku}")
        if not 0 < self.sampling_percentage <= 100:
            raise refusal("sampling_percentage", self.sampling_percentage, "in (0, 100]")
        tables = [t.table for t in self.table_retention]
        duplicates = sorted({t for t in tables if tables.count(t) > 1})
        if duplicates:
            raise refusal("table_retention", duplicates, "one entry per table")
        return self
