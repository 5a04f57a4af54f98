"""``ClusterMonitoring``: Container Insights into the Log Analytics workspace and managed Prometheus
into an Azure Monitor workspace for a ``ZonalAksCluster`` (K-8).

The cluster's ``oms_agent`` (set by ``ZonalAksCluster``) uses managed-identity auth, which collects
only what a data-collection rule associated with the cluster says; ``monitor_metrics`` likewise
needs a Prometheus rule, its endpoint and both associations. This construct adds them and turns
``monitor_metrics`` on through the cluster's typed attribute.
"""

from __future__ import annotations

import json

from ._cdk import Construct, azurerm
from .aks import ZonalAksCluster
from .config.cluster_monitoring import (  # the props and defaults live in the config layer
    COLLECTION_INTERVAL_MINUTES as COLLECTION_INTERVAL_MINUTES,
    CONTAINER_INSIGHTS_STREAMS as CONTAINER_INSIGHTS_STREAMS,
    PROMETHEUS_STREAM as PROMETHEUS_STREAM,
    ClusterMonitoringProps as ClusterMonitoringProps,
)
from .config.naming import Naming


class ClusterMonitoring(Construct):
    """Data-collection rules for Container Insights and Prometheus, their associations with the
    cluster, and the Azure Monitor workspace ``amw-<workload>-<env>``.

    Typed attributes: ``monitor_workspace``, ``container_insights_rule``, ``prometheus_rule``.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: ClusterMonitoringProps,
        naming: Naming,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        tags: dict[str, str],
        cluster: ZonalAksCluster,
        workspace: azurerm.log_analytics_workspace.LogAnalyticsWorkspace,
    ) -> None:
        super().__init__(scope, id)
        dcr = azurerm.monitor_data_collection_rule
        dcra = azurerm.monitor_data_collection_rule_association
        aks = cluster.cluster
        common = {"location": location, "resource_group_name": resource_group.name, "tags": tags}
        streams = list(props.container_insights_streams)

        self.container_insights_rule = dcr.MonitorDataCollectionRule(
            self,
            "container-insights-rule",
            name=naming.name("dcr", "ci"),
            destinations=dcr.MonitorDataCollectionRuleDestinations(
                log_analytics=[
                    dcr.MonitorDataCollectionRuleDestinationsLogAnalytics(
                        name="workspace", workspace_resource_id=workspace.id
                    )
                ]
            ),
            data_flow=[dcr.MonitorDataCollectionRuleDataFlow(streams=streams, destinations=["workspace"])],
            data_sources=dcr.MonitorDataCollectionRuleDataSources(
                extension=[
                    dcr.MonitorDataCollectionRuleDataSourcesExtension(
                        name="ContainerInsightsExtension",
                        extension_name="ContainerInsights",
                        streams=streams,
                        extension_json=json.dumps(
                            {
                                "dataCollectionSettings": {
                                    "interval": f"{props.collection_interval_minutes}m",
                                    "namespaceFilteringMode": "Off",
                                    "enableContainerLogV2": True,
                                }
                            },
                            sort_keys=True,
                        ),
                    )
                ]
            ),
            **common,
        )
        dcra.MonitorDataCollectionRuleAssociation(
            self,
            "container-insights-association",
            name="ContainerInsightsExtension",
            target_resource_id=aks.id,
            data_collection_rule_id=self.container_insights_rule.id,
        )

        self.monitor_workspace = azurerm.monitor_workspace.MonitorWorkspace(
            self, "monitor-workspace", name=naming.name("amw"), **common
        )
        endpoint = azurerm.monitor_data_collection_endpoint.MonitorDataCollectionEndpoint(
            self, "prometheus-endpoint", name=naming.name("dce", "prom"), kind="Linux", **common
        )
        self.prometheus_rule = dcr.MonitorDataCollectionRule(
            self,
            "prometheus-rule",
            name=naming.name("dcr", "prom"),
            kind="Linux",
            data_collection_endpoint_id=endpoint.id,
            destinations=dcr.MonitorDataCollectionRuleDestinations(
                monitor_account=[
                    dcr.MonitorDataCollectionRuleDestinationsMonitorAccount(
                        name="monitor-workspace", monitor_account_id=self.monitor_workspace.id
                    )
                ]
            ),
            data_flow=[
                dcr.MonitorDataCollectionRuleDataFlow(streams=[PROMETHEUS_STREAM], destinations=["monitor-workspace"])
            ],
            data_sources=dcr.MonitorDataCollectionRuleDataSources(
                prometheus_forwarder=[
                    dcr.MonitorDataCollectionRuleDataSourcesPrometheusForwarder(
                        name="PrometheusDataSource", streams=[PROMETHEUS_STREAM]
                    )
                ]
            ),
            **common,
        )
        dcra.MonitorDataCollectionRuleAssociation(
            self,
            "prometheus-association",
            name=naming.name("dcra", "prom"),
            target_resource_id=aks.id,
            data_collection_rule_id=self.prometheus_rule.id,
        )
        # The agent fetches its configuration through the endpoint: Azure names this association.
        dcra.MonitorDataCollectionRuleAssociation(
            self,
            "prometheus-endpoint-association",
            name="configurationAccessEndpoint",
            target_resource_id=aks.id,
            data_collection_endpoint_id=endpoint.id,
        )
        aks.put_monitor_metrics()
