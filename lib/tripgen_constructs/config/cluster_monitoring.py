"""``ClusterMonitoring``: Container Insights into the Log Analytics workspace and managed Prometheus
into an Azure Monitor workspace for a ``ZonalAksCluster`` (K-8).

The cluster's ``oms_agent`` (set by ``ZonalAksCluster``) uses managed-identity auth, which collects
only what a data-collection rule associated with the cluster says; ``monitor_metrics`` likewise
needs a Prometheus rule, its endpoint and both associations. This construct adds them and turns
``monitor_metrics`` on through the cluster's typed attribute.
"""

from __future__ import annotations

from pydantic import Field

from .props import Props

CONTAINER_INSIGHTS_STREAMS = (  # K-8: stdout/stderr logs; cpu/memory/network/disk metrics; inventory
    "Microsoft-ContainerLogV2",
    "Microsoft-KubeEvents",
    "Microsoft-KubePodInventory",
    "Microsoft-KubeNodeInventory",
    "Microsoft-KubeServices",
    "Microsoft-ContainerInventory",
    "Microsoft-ContainerNodeInventory",
    "Microsoft-InsightsMetrics",
    "Microsoft-Perf",
)
COLLECTION_INTERVAL_MINUTES = 1  # Container Insights' default
PROMETHEUS_STREAM = "Microsoft-PrometheusMetrics"  # K-8


class ClusterMonitoringProps(Props):
    """What Container Insights collects; Prometheus collection uses AKS's default scrape targets."""

    container_insights_streams: tuple[str, ...] = Field(default=CONTAINER_INSIGHTS_STREAMS, min_length=1)
    collection_interval_minutes: int = Field(default=COLLECTION_INTERVAL_MINUTES, ge=1, le=30)
