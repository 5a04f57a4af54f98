"""The Kubernetes workload layer (W-*, S-5, K-5 … K-9): manifests synthesized with cdk8s from the
same validated config as the Terraform stacks, for ArgoCD to apply (R-2).

Importing the package loads only the pydantic props and the capacity check; the constructs and
``synth_manifests`` (cdk8s, jsii) load on first access.
"""

from __future__ import annotations

from .._lazy import lazy_exports
from ..config.capacity import VM_SIZES, Capacity, allocatable, check_capacity
from ..config.workloads import (
    CustomMetric,
    ServiceWorkloadProps,
    WorkloadsProps,
    memory_bytes,
    millicores,
)

_LAZY = {
    "ApiRoute": "istio_ingress",
    "ClusterRbac": "cluster_rbac",
    "IstioIngressProps": "istio_ingress",
    "IstioIngressRoute": "istio_ingress",
    "PlatformAccessPolicy": "platform_access",
    "PlatformAccessProps": "platform_access",
    "WorkloadNamespace": "namespace",
    "ServiceWorkload": "service",
    "CLIENT_ID_OUTPUT": "manifests",
    "CLIENT_ID_PLACEHOLDER": "manifests",
    "read_client_id": "manifests",
    "synth_manifests": "manifests",
}


__getattr__ = lazy_exports(__name__, _LAZY)


__all__ = [
    "VM_SIZES",
    "Capacity",
    "CustomMetric",
    "ServiceWorkloadProps",
    "WorkloadsProps",
    "allocatable",
    "check_capacity",
    "memory_bytes",
    "millicores",
    *_LAZY,
]
