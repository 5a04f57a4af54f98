"""tripgen-constructs: CDK-style cdktf constructs for TripGen's Azure architecture.

Exports load lazily: ``import tripgen_constructs`` (or its ``diagrams`` subpackage) starts no jsii
runtime; the first construct or props class you touch imports its module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "NodePoolProps": "aks",
    "ZonalAksCluster": "aks",
    "ZonalAksClusterProps": "aks",
    "Alerts": "alerts",
    "AlertsProps": "alerts",
    "EmailReceiver": "alerts",
    "LogAlertRule": "alerts",
    "MetricAlertRule": "alerts",
    "PrometheusAlertRule": "alerts",
    "SmsReceiver": "alerts",
    "WebhookReceiver": "alerts",
    "BackupStorage": "backup_storage",
    "BackupStorageProps": "backup_storage",
    "ClusterMonitoring": "cluster_monitoring",
    "ClusterMonitoringProps": "cluster_monitoring",
    "PrivateDataTier": "data_tier",
    "CustomerManagedKey": "encryption",
    "EncryptionProps": "encryption",
    "PrivateDataTierProps": "data_tier",
    "DiagnosticSettings": "diagnostics",
    "EnvironmentConfig": "environment",
    "RemoteBackendProps": "environment",
    "TripGenStack": "environment",
    "build_app": "environment",
    "FrontDoorEdge": "front_door",
    "FrontDoorProps": "front_door",
    "ServiceIdentity": "identity",
    "ServiceIdentityProps": "identity",
    "MaintenanceSlot": "maintenance",
    "CorrelationFilterProps": "messaging",
    "Messaging": "messaging",
    "MessagingProps": "messaging",
    "QueueProps": "messaging",
    "SubscriptionProps": "messaging",
    "SubscriptionRuleProps": "messaging",
    "TopicProps": "messaging",
    "Naming": "naming",
    "HubSpokeNetwork": "network",
    "NetworkProps": "network",
    "NsgRule": "network",
    "SubnetProps": "network",
    "VirtualNetwork": "network",
    "VirtualNetworkProps": "network",
    "Observability": "observability",
    "ObservabilityProps": "observability",
    "TableRetention": "observability",
    "SecurePerimeter": "perimeter",
    "SecurePerimeterProps": "perimeter",
    "PostgresFlexible": "postgres",
    "PostgresProps": "postgres",
    "ReplicaProps": "postgres",
    "RedisCache": "redis",
    "RedisProps": "redis",
    "ContainerRegistry": "registry",
    "ContainerRegistryProps": "registry",
    "CertificateProps": "security",
    "KeyProps": "security",
    "KeyVault": "security",
    "KeyVaultProps": "security",
    "SecretProps": "security",
    "GatewayWafPolicy": "waf",
    "WafProps": "waf",
    "CustomMetric": "workloads",
    "ServiceWorkloadProps": "workloads",
    "WorkloadsProps": "workloads",
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
    from .environment import EnvironmentConfig, RemoteBackendProps, TripGenStack, build_app
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
