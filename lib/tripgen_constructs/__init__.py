"""tripgen-constructs: CDK-style cdktf constructs for TripGen's Azure architecture.

Exports load lazily: ``import tripgen_constructs`` (or its ``diagrams`` subpackage) starts no jsii
runtime; the first construct or props class you touch imports its module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "NodePoolProps": "config.aks",
    "ZonalAksCluster": "aks",
    "ZonalAksClusterProps": "config.aks",
    "Alerts": "alerts",
    "AlertsProps": "config.alerts",
    "EmailReceiver": "config.alerts",
    "LogAlertRule": "config.alerts",
    "MetricAlertRule": "config.alerts",
    "PrometheusAlertRule": "config.alerts",
    "SmsReceiver": "config.alerts",
    "WebhookReceiver": "config.alerts",
    "BackupStorage": "backup_storage",
    "BackupStorageProps": "config.backup_storage",
    "ClusterMonitoring": "cluster_monitoring",
    "ClusterMonitoringProps": "config.cluster_monitoring",
    "PrivateDataTier": "data_tier",
    "CustomerManagedKey": "encryption",
    "EncryptionProps": "config.encryption",
    "PrivateDataTierProps": "config.data_tier",
    "DiagnosticSettings": "diagnostics",
    "EnvironmentConfig": "config.environment",
    "RemoteBackendProps": "config.environment",
    "EnvironmentStack": "environment",
    "build_app": "environment",
    "FrontDoorEdge": "front_door",
    "FrontDoorProps": "config.front_door",
    "ServiceIdentity": "identity",
    "ServiceIdentityProps": "config.identity",
    "MaintenanceSlot": "config.maintenance",
    "CorrelationFilterProps": "config.messaging",
    "Messaging": "messaging",
    "MessagingProps": "config.messaging",
    "QueueProps": "config.messaging",
    "SubscriptionProps": "config.messaging",
    "SubscriptionRuleProps": "config.messaging",
    "TopicProps": "config.messaging",
    "Naming": "config.naming",
    "HubSpokeNetwork": "network",
    "NetworkProps": "config.network",
    "NsgRule": "config.network",
    "SubnetProps": "config.network",
    "VirtualNetwork": "network",
    "VirtualNetworkProps": "config.network",
    "dr_spoke_network": "config.network",
    "hub_network": "config.network",
    "spoke_network": "config.network",
    "Observability": "observability",
    "ObservabilityProps": "config.observability",
    "TableRetention": "config.observability",
    "SecurePerimeter": "perimeter",
    "SecurePerimeterProps": "config.perimeter",
    "PostgresFlexible": "postgres",
    "PostgresProps": "config.postgres",
    "ReplicaProps": "config.postgres",
    "RedisCache": "redis",
    "RedisProps": "config.redis",
    "ContainerRegistry": "registry",
    "ContainerRegistryProps": "config.registry",
    "CertificateProps": "config.security",
    "KeyProps": "config.security",
    "KeyVault": "security",
    "KeyVaultProps": "config.security",
    "SecretProps": "config.security",
    "GatewayWafPolicy": "waf",
    "WafProps": "config.waf",
    "CustomMetric": "config.workloads",
    "ServiceWorkloadProps": "config.workloads",
    "WorkloadsProps": "config.workloads",
}
"""Public name → the module defining it."""

if TYPE_CHECKING:
    from .aks import NodePoolProps, ZonalAksCluster, ZonalAksClusterProps
    from .alerts import (
        Alerts,
        AlertsProps,
        EmailReceiver,
        LogAlertRule,
        MetricAlertRule,
        PrometheusAlertRule,
        SmsReceiver,
        WebhookReceiver,
    )
    from .backup_storage import BackupStorage, BackupStorageProps
    from .cluster_monitoring import ClusterMonitoring, ClusterMonitoringProps
    from .data_tier import PrivateDataTier, PrivateDataTierProps
    from .diagnostics import DiagnosticSettings
    from .encryption import CustomerManagedKey, EncryptionProps
    from .environment import EnvironmentConfig, EnvironmentStack, RemoteBackendProps, build_app
    from .front_door import FrontDoorEdge, FrontDoorProps
    from .identity import ServiceIdentity, ServiceIdentityProps
    from .maintenance import MaintenanceSlot
    from .messaging import (
        CorrelationFilterProps,
        Messaging,
        MessagingProps,
        QueueProps,
        SubscriptionProps,
        SubscriptionRuleProps,
        TopicProps,
    )
    from .naming import Naming
    from .network import (
        HubSpokeNetwork,
        NetworkProps,
        NsgRule,
        SubnetProps,
        VirtualNetwork,
        VirtualNetworkProps,
        dr_spoke_network,
        hub_network,
        spoke_network,
    )
    from .observability import Observability, ObservabilityProps, TableRetention
    from .perimeter import SecurePerimeter, SecurePerimeterProps
    from .postgres import PostgresFlexible, PostgresProps, ReplicaProps
    from .redis import RedisCache, RedisProps
    from .registry import ContainerRegistry, ContainerRegistryProps
    from .security import CertificateProps, KeyProps, KeyVault, KeyVaultProps, SecretProps
    from .waf import GatewayWafPolicy, WafProps
    from .workloads import CustomMetric, ServiceWorkloadProps, WorkloadsProps


__getattr__ = lazy_exports(__name__, _EXPORTS)


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__all__ = sorted(_EXPORTS)
