"""``DiagnosticSettings``: one diagnostic setting into the workspace for every resource of the stack
that Azure can send diagnostics for (O-3), found by walking the construct tree, so a resource added
by any construct is covered without that construct knowing about it.

Which types are diagnosable is data (``DIAGNOSABLE``); types known to have no diagnostic settings
are data too (``NOT_DIAGNOSABLE``), and so are the ones deliberately left out (``EXCLUDED``): a test
fails on any resource type of the stacks that is in none of the three.
"""

from __future__ import annotations

from ._cdk import Construct, IConstruct, azurerm, cdk
from .config.diagnostics import (  # the props and defaults live in the config layer
    ALL_LOGS as ALL_LOGS,
    ALL_METRICS as ALL_METRICS,
    BOTH as BOTH,
    DIAGNOSABLE as DIAGNOSABLE,
    EXCLUDED as EXCLUDED,
    NOT_DIAGNOSABLE as NOT_DIAGNOSABLE,
    Target as Target,
    _construct_id,
)
from .config.naming import Naming


class DiagnosticSettings(Construct):
    """Adds one ``diag-<workload>-<env>`` diagnostic setting per target of every diagnosable resource
    under ``root`` into ``workspace`` (``allLogs`` and/or ``AllMetrics`` per ``DIAGNOSABLE``).

    Build it last: resources created after it are not covered (the stack test catches that).
    Typed attribute: ``settings``, keyed by the target resource's construct path.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        root: IConstruct,
        naming: Naming,
        workspace: azurerm.log_analytics_workspace.LogAnalyticsWorkspace,
    ) -> None:
        super().__init__(scope, id)
        ds = azurerm.monitor_diagnostic_setting
        self.settings: dict[str, azurerm.monitor_diagnostic_setting.MonitorDiagnosticSetting] = {}
        for resource in diagnosable_resources(root):
            path = resource.node.path.split("/", 1)[1]
            for target in DIAGNOSABLE[resource.terraform_resource_type]:
                key = path + target.suffix
                self.settings[key] = ds.MonitorDiagnosticSetting(
                    self,
                    _construct_id(key),
                    name=naming.name("diag"),
                    target_resource_id=resource.get_string_attribute("id") + target.suffix,
                    log_analytics_workspace_id=workspace.id,
                    log_analytics_destination_type="Dedicated" if target.dedicated else None,
                    enabled_log=[ds.MonitorDiagnosticSettingEnabledLog(category_group=ALL_LOGS)]
                    if target.logs
                    else None,
                    enabled_metric=[ds.MonitorDiagnosticSettingEnabledMetric(category=ALL_METRICS)]
                    if target.metrics
                    else None,
                )


def diagnosable_resources(root: IConstruct) -> list[cdk.TerraformResource]:
    """Every resource under ``root`` whose type is in ``DIAGNOSABLE``, in tree order."""
    return [
        c
        for c in root.node.find_all()
        if isinstance(c, cdk.TerraformResource) and c.terraform_resource_type in DIAGNOSABLE
    ]
