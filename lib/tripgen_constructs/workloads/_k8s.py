"""The one place that names cdk8s and the typed Kubernetes API it generates.

``cdk8s-plus-34`` ships the L1 classes generated from the Kubernetes 1.34 OpenAPI schema (the
cluster's default minor, ``aks.KUBERNETES_VERSION``); we use those typed L1 objects, not the
opinionated L2 constructs, so every field in the manifests is one we chose. Importing this module
loads the cdk8s jsii assemblies into the jsii Node process that cdktf already runs (measured:
+0.5 s wall, +20 MB RSS after cdktf; 1.0 s standalone).
"""

from __future__ import annotations

import cdk8s
from cdk8s_plus_34 import k8s
from constructs import Construct

SCHEMA_VERSION = "1.34"
"""Kubernetes minor whose schema the L1 classes were generated from."""

__all__ = ["SCHEMA_VERSION", "Construct", "cdk8s", "k8s"]
