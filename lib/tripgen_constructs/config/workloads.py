"""Workload specs: one per service (a row of a W-style table; TripGen's rows are in ``apps/spec.py``) and
the environment's set of them.

Pure pydantic: importing this module does not start cdk8s or jsii.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator, model_validator

from .props import Props, refusal

# --- Spec defaults -------------------------------------------------------------------------------

PORT = 8080  # W-1
HEALTH_PATH = "/actuator/health"  # K-6
LIVENESS_FAILURE_THRESHOLD = 3  # K-6
IMAGE_TAG = "1.0.0"
"""The design names no version: CI (R-2) overrides the tag in the Helm values it deploys."""
SUPPRESSIBLE_RULES = frozenset({"W-3"})
"""Findings a service may suppress with a reason; every other check is a hard refusal."""
MIN_REASON_LENGTH = 10
WORKLOAD_RULES = frozenset(
    {
        "TG-WL-REPLICAS",
        "TG-WL-PDB",
        "TG-WL-ZONE-SPREAD",
        "TG-WL-PROBES",
        "TG-WL-RESOURCE-QUOTA",
        "TG-WL-CONNECTION-DRAINING",
    }
)
"""The workload pack's rule ids (``rules.workloads``; a test keeps the two equal): the config layer
names them without importing the rules."""

_CPU = re.compile(r"(?P<int>[0-9]+)m|(?P<cores>[0-9]+(\.[0-9]{1,3})?)")
_MEMORY = re.compile(r"(?P<number>[0-9]+)(?P<unit>Ki|Mi|Gi|Ti|k|M|G|T)?")
_MEMORY_UNITS = {
    None: 1,
    "k": 10**3,
    "M": 10**6,
    "G": 10**9,
    "T": 10**12,
    "Ki": 2**10,
    "Mi": 2**20,
    "Gi": 2**30,
    "Ti": 2**40,
}
_DNS_LABEL = re.compile(r"[a-z]([-a-z0-9]{0,30}[a-z0-9])?")
_METRIC_NAME = re.compile(r"[a-zA-Z_][a-zA-Z0-9_:]*")


def millicores(quantity: str) -> int:
    """``"500m"`` → 500, ``"2"`` → 2000, ``"0.5"`` → 500."""
    match = _CPU.fullmatch(quantity)
    if not match:
        raise refusal("cpu", quantity, "a Kubernetes CPU quantity such as '500m' or '2'")
    if match["int"] is not None:
        return int(match["int"])
    return round(float(match["cores"]) * 1000)


def memory_bytes(quantity: str) -> int:
    """``"1Gi"`` → 1073741824; ``"1GB"`` is refused (Kubernetes has no unit ``GB``)."""
    match = _MEMORY.fullmatch(quantity)
    if not match:
        raise refusal("memory", quantity, "a Kubernetes memory quantity such as '512Mi' or '1Gi'")
    return int(match["number"]) * _MEMORY_UNITS[match["unit"]]


def _check_cpu(value: str) -> str:
    if millicores(value) <= 0:
        raise refusal("cpu", value, "more than zero")
    return value


def _check_memory(value: str) -> str:
    if memory_bytes(value) <= 0:
        raise refusal("memory", value, "more than zero")
    return value


CpuQuantity = Annotated[str, AfterValidator(_check_cpu)]
"""CPU in Kubernetes notation: millicores ``500m`` or cores ``2``/``0.5``."""
MemoryQuantity = Annotated[str, AfterValidator(_check_memory)]
"""Memory in Kubernetes notation: ``1Gi``, ``512Mi``, ``1G``, bytes; ``1GB`` is refused."""


class CustomMetric(Props):
    """The HPA's per-pod custom metric (W table): scale out above an average of ``threshold``."""

    name: str
    threshold: int | None = None
    """Average value per pod that triggers a scale-out; required (``None`` is refused)."""

    @model_validator(mode="after")
    def _checks(self) -> CustomMetric:
        if not _METRIC_NAME.fullmatch(self.name):
            raise refusal("custom_metric.name", self.name, "a Prometheus-style metric name")
        if self.threshold is None or self.threshold <= 0:
            raise refusal(f"custom_metric[{self.name}].threshold", self.threshold, "a positive number")
        return self


class ServiceWorkloadProps(Props):
    """One microservice: resources, replicas, autoscaling and disruption budget (one row of W)."""

    name: str
    """Short name; objects are ``<name>-service`` (N-8), the account ``<name>-service-sa``."""
    cpu_request: CpuQuantity
    memory_request: MemoryQuantity
    cpu_limit: CpuQuantity
    memory_limit: MemoryQuantity
    replicas: int = Field(ge=1)
    """Initial replicas; the HPA owns the count afterwards."""
    min_replicas: int = Field(ge=1)
    max_replicas: int = Field(ge=1)
    cpu_target_percent: int = Field(ge=1, le=1000)
    memory_target_percent: int = Field(ge=1, le=1000)
    custom_metric: CustomMetric
    pdb_min_available: int | None = Field(default=None, ge=1)
    """PodDisruptionBudget ``minAvailable``; ``None``: no budget (single-replica dev services)."""
    port: int = Field(default=PORT, ge=1, le=65535)
    health_path: str = Field(default=HEALTH_PATH, pattern=r"^(?:/\S*)$")
    liveness_failure_threshold: int = Field(default=LIVENESS_FAILURE_THRESHOLD, ge=1)
    suppressions: Mapping[str, str] = Field(default_factory=dict)
    """Rule id (only ``W-3``) → reason of at least 10 characters; listed in the rules report."""

    @field_validator("suppressions")
    @classmethod
    def _suppressions(cls, value: Mapping[str, str]) -> Mapping[str, str]:
        for rule, reason in value.items():
            if rule not in SUPPRESSIBLE_RULES:
                raise refusal("suppressions", rule, f"one of {sorted(SUPPRESSIBLE_RULES)}")
            if len(reason.strip()) < MIN_REASON_LENGTH:
                raise refusal(
                    f"suppressions[{rule}]",
                    reason,
                    f"a reason of at least {MIN_REASON_LENGTH} characters",
                )
        return dict(sorted(value.items()))

    @model_validator(mode="after")
    def _checks(self) -> ServiceWorkloadProps:
        n = self.name
        if not _DNS_LABEL.fullmatch(n):
            raise refusal("name", n, "1-32 lowercase letters, digits or '-', starting with a letter")
        if millicores(self.cpu_request) > millicores(self.cpu_limit):
            raise refusal(f"{n}.cpu_request", self.cpu_request, f"<= cpu_limit ({self.cpu_limit})")
        if memory_bytes(self.memory_request) > memory_bytes(self.memory_limit):
            raise refusal(f"{n}.memory_request", self.memory_request, f"<= memory_limit ({self.memory_limit})")
        if self.min_replicas > self.max_replicas:
            raise refusal(f"{n}.min_replicas", self.min_replicas, f"<= max_replicas ({self.max_replicas})")
        if not self.min_replicas <= self.replicas <= self.max_replicas:
            raise refusal(
                f"{n}.replicas",
                self.replicas,
                f"within [min_replicas, max_replicas] = [{self.min_replicas}, {self.max_replicas}]",
            )
        pdb = self.pdb_min_available
        if pdb is not None and self.min_replicas < pdb:
            raise refusal(
                f"{n}.min_replicas",
                self.min_replicas,
                f">= pdb_min_available ({pdb}), else the budget is violated at rest",
            )
        if pdb is not None and pdb == self.min_replicas and "W-3" not in self.suppressions:
            raise refusal(
                f"{n}.pdb_min_available",
                pdb,
                f"< min_replicas ({self.min_replicas}): equal blocks every voluntary eviction, "
                "so node drains and upgrades stall (W-3); lower it or suppress 'W-3' with a reason",
            )
        return self

    def replace(self, **changes: object) -> ServiceWorkloadProps:
        """A validated copy with ``changes`` (``model_copy`` would skip validation)."""
        return ServiceWorkloadProps.model_validate({**self.model_dump(), **changes})

    @property
    def service_name(self) -> str:
        """Kubernetes name of the Deployment, Service, HPA and PDB (N-8: ``user-service``)."""
        return f"{self.name}-service"

    @property
    def service_account_name(self) -> str:
        """S-5: ``user-service-sa``."""
        return f"{self.name}-service-sa"

    @property
    def w3_finding(self) -> tuple[str, str] | None:
        """``("suppressed", reason)`` when W-3 applies and is suppressed, else ``None``."""
        if self.pdb_min_available is not None and self.pdb_min_available == self.min_replicas:
            return ("suppressed", self.suppressions["W-3"])
        return None


class WorkloadsProps(Props):
    """The Kubernetes workload layer of one environment: namespace and services."""

    namespace: str = Field(pattern=f"^(?:{_DNS_LABEL.pattern})$")
    """The services' namespace (a DNS label). No default: which namespace is the user's choice."""
    services: tuple[ServiceWorkloadProps, ...] = Field(min_length=1)
    """One ``ServiceWorkloadProps`` per microservice. No default: the service list is the user's."""
    image_tag: str = Field(default=IMAGE_TAG, pattern=r"^(?:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$")
    suppressions: Mapping[str, str] = Field(default_factory=dict)
    """Workload-pack rule id → reason (at least 10 characters) for findings this environment accepts
    on all its manifests; listed in ``k8s/<env>/rules.json``."""

    @field_validator("suppressions")
    @classmethod
    def _suppressions(cls, value: Mapping[str, str]) -> Mapping[str, str]:
        for rule, reason in value.items():
            if rule not in WORKLOAD_RULES:
                raise refusal("workloads.suppressions", rule, f"one of {sorted(WORKLOAD_RULES)}")
            if len(reason.strip()) < MIN_REASON_LENGTH:
                raise refusal(
                    f"workloads.suppressions[{rule}]", reason, f"a reason of at least {MIN_REASON_LENGTH} characters"
                )
        return dict(sorted(value.items()))

    @field_validator("services")
    @classmethod
    def _unique(cls, services: tuple[ServiceWorkloadProps, ...]) -> tuple[ServiceWorkloadProps, ...]:
        names = [s.name for s in services]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise refusal("services", dupes, "unique service names")
        return services

    def service(self, name: str) -> ServiceWorkloadProps:
        return next(s for s in self.services if s.name == name)


__all__ = [
    "WORKLOAD_RULES",
    "CpuQuantity",
    "CustomMetric",
    "MemoryQuantity",
    "ServiceWorkloadProps",
    "WorkloadsProps",
    "memory_bytes",
    "millicores",
]
