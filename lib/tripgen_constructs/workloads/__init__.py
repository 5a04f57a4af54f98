"""The Kubernetes workload layer (W-*, S-5, K-5 … K-9): manifests synthesized with cdk8s from the
same validated config as the Terraform stacks, for ArgoCD to apply (R-2).

Importing the package loads only the pydantic props and the capacity check; the constructs and
``synth_manifests`` (cdk8s, jsii) load on first access.
"""

from __future__ import annotations

import importlib
from typing import Any

from .capacity import VM_SIZES, Capacity, allocatable, check_capacity
from .props import (
    AI_SERVICE,
    DEFAULT_SERVICES,
    LOCATION_SERVICE,
    TRIP_SERVICE,
    USER_SERVICE,
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
    "ProductionNamespace": "namespace",
    "ServiceWorkload": "service",
    "CLIENT_ID_OUTPUT": "manifests",
    "CLIENT_ID_PLACEHOLDER": "manifests",
    "read_client_id": "manifests",
    "synth_manifests": "manifests",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)


__all__ = [
    "AI_SERVICE",
    "DEFAULT_SERVICES",
    "LOCATION_SERVICE",
    "TRIP_SERVICE",
    "USER_SERVICE",
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
