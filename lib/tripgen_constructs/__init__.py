"""tripgen-constructs: CDK-style cdktf constructs for TripGen's Azure architecture.

Importing this package does not load the jsii bindings; constructing a resource does.
"""

from .aks import NodePoolProps, ZonalAksCluster, ZonalAksClusterProps
from .environment import EnvironmentConfig, RemoteBackendProps, TripGenStack, build_app
from .naming import Naming
from .network import HubSpokeNetwork, NetworkProps, NsgRule, SubnetProps, VirtualNetwork, VirtualNetworkProps
from .observability import Observability, ObservabilityProps

__all__ = [
    "EnvironmentConfig",
    "HubSpokeNetwork",
    "Naming",
    "NetworkProps",
    "NodePoolProps",
    "NsgRule",
    "Observability",
    "ObservabilityProps",
    "RemoteBackendProps",
    "SubnetProps",
    "TripGenStack",
    "VirtualNetwork",
    "VirtualNetworkProps",
    "ZonalAksCluster",
    "ZonalAksClusterProps",
    "build_app",
]
