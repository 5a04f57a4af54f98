"""``WORKLOAD_PACK``: APRL's workload-level AKS recommendations (and the AGIC half of the gateway's
connection draining) checked on the Kubernetes manifests we generate, with the same engine as the
Terraform packs. A manifest set becomes a ``Template`` whose resource types are object kinds and
whose names are ``<namespace>/<name>``; the construct path of a row is the manifest file."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .core import Level, Pack, Resource, RuleContext, Status, Template, rule, verdict

ZONE_KEY = "topology.kubernetes.io/zone"
MIN_REPLICAS = 2
AGIC_CLASS = "azure-application-gateway"
DRAINING_ANNOTATION = "appgw.ingress.kubernetes.io/connection-draining"


def manifest_template(manifests: Mapping[str, Iterable[Mapping[str, Any]]]) -> Template:
    """The objects of ``manifests`` (file name → objects) as one document for the rule engine."""
    data: dict[str, dict[str, Any]] = {}
    for path, objects in sorted(manifests.items()):
        for obj in objects:
            meta = obj.get("metadata", {})
            name = f"{meta.get('namespace', '')}/{meta.get('name', '')}"
            data.setdefault(obj["kind"], {})[name] = {"//": {"metadata": {"path": path}}, **obj}
    return Template({"resource": data})


def _namespace(resource: Resource) -> str:
    return str(resource.body.get("metadata", {}).get("namespace", ""))


def _pod(resource: Resource) -> Mapping[str, Any]:
    return resource.body.get("spec", {}).get("template", {})


def _same_namespace(template: Template, kind: str, resource: Resource) -> list[Resource]:
    return [r for r in template.of_type(kind) if _namespace(r) == _namespace(resource)]


@rule(
    "TG-WL-REPLICAS",
    Level.ERROR,
    "Deployment can run a single replica (spec.replicas or its autoscaler's minReplicas below 2).",
    "Run at least 2 replicas (and HPA minReplicas 2), or suppress for the service with why one is enough.",
    ("Deployment",),
    aprl=("bcfe71f1-ebed-49e5-a84a-193b81ad5d27", "9200aca6-0e83-4749-a5eb-e3939367bdc2"),
)
def replicas(resource: Resource, template: Template, context: RuleContext) -> Status:
    name = resource.body["metadata"]["name"]
    hpas = [
        h
        for h in _same_namespace(template, "HorizontalPodAutoscaler", resource)
        if h.body["spec"].get("scaleTargetRef", {}).get("name") == name
    ]
    counts = [resource.body.get("spec", {}).get("replicas", 1), *(h.body["spec"].get("minReplicas", 1) for h in hpas)]
    return verdict(min(counts) >= MIN_REPLICAS)


@rule(
    "TG-WL-PDB",
    Level.ERROR,
    "Deployment has no PodDisruptionBudget: a node drain can evict all its pods at once.",
    "Add a PodDisruptionBudget selecting its pods (minAvailable below its minimum replicas).",
    ("Deployment",),
    aprl=("a08a06a0-e41a-4b99-83bb-69ce8bca54cb",),
)
def pod_disruption_budget(resource: Resource, template: Template, context: RuleContext) -> Status:
    labels = _pod(resource).get("metadata", {}).get("labels", {})
    return verdict(
        any(
            (selector := p.body["spec"].get("selector", {}).get("matchLabels", {}))
            and selector.items() <= labels.items()
            for p in _same_namespace(template, "PodDisruptionBudget", resource)
        )
    )


@rule(
    "TG-WL-ZONE-SPREAD",
    Level.ERROR,
    "Deployment's pods are not spread over availability zones (no zone topology spread constraint).",
    f"Add a topologySpreadConstraints entry with topologyKey {ZONE_KEY}.",
    ("Deployment",),
    aprl=("928fcc6f-5e9a-42d9-9bd4-260af42de2e5",),
)
def zone_spread(resource: Resource, template: Template, context: RuleContext) -> Status:
    constraints = _pod(resource).get("spec", {}).get("topologySpreadConstraints", [])
    return verdict(any(c.get("topologyKey") == ZONE_KEY for c in constraints))


@rule(
    "TG-WL-PROBES",
    Level.ERROR,
    "A container has no liveness or no readiness probe: a hung or unready pod keeps receiving traffic.",
    "Give every container a livenessProbe and a readinessProbe (and a startupProbe for slow starts).",
    ("Deployment",),
    aprl=("cd6791b1-c60e-4b37-ac98-9897b1e6f4b8",),
)
def probes(resource: Resource, template: Template, context: RuleContext) -> Status:
    containers = _pod(resource).get("spec", {}).get("containers", [])
    return verdict(bool(containers) and all(c.get("livenessProbe") and c.get("readinessProbe") for c in containers))


@rule(
    "TG-WL-RESOURCE-QUOTA",
    Level.ERROR,
    "Namespace has no ResourceQuota: one runaway workload can take every node's capacity.",
    "Add a ResourceQuota in the namespace (requests/limits of CPU and memory, pods), or suppress with "
    "what bounds the namespace instead.",
    ("Namespace",),
    aprl=("9a1c17e5-c9a0-43db-b920-adaf54d1bcb7",),
)
def resource_quota(resource: Resource, template: Template, context: RuleContext) -> Status:
    name = resource.body["metadata"]["name"]
    return verdict(any(_namespace(q) == name for q in template.of_type("ResourceQuota")))


@rule(
    "TG-WL-CONNECTION-DRAINING",
    Level.ERROR,
    "An AGIC Ingress does not turn on connection draining: requests in flight drop when a pod leaves the pool.",
    f"Annotate the Ingress {DRAINING_ANNOTATION}: 'true'.",
    ("Ingress",),
    aprl=("10f02bc6-e2e7-004d-a2c2-f9bf9f16b915",),
)
def connection_draining(resource: Resource, template: Template, context: RuleContext) -> Status:
    if resource.body.get("spec", {}).get("ingressClassName") != AGIC_CLASS:
        return Status.NOT_APPLICABLE
    return verdict(resource.body["metadata"].get("annotations", {}).get(DRAINING_ANNOTATION) == "true")


WORKLOAD_PACK = Pack(
    "WorkloadPack", (replicas, pod_disruption_budget, zone_spread, probes, resource_quota, connection_draining)
)
WORKLOAD_RULE_IDS = frozenset(r.id for r in WORKLOAD_PACK.rules)
