"""Write one environment's workload layer: manifests, Helm values, summary and rules report.

Layout under ``<outdir>/k8s/<env>/`` (ArgoCD points an Application at this directory, R-2):

- ``namespace.k8s.yaml`` (both NetworkPolicies), ``rbac.k8s.yaml``, ``ingress.k8s.yaml`` (AGIC
  Ingress, Istio Gateway and VirtualService), ``<svc>-service.k8s.yaml``: the manifests (cdk8s);
- ``helm/<svc>-service/values-<env>.yaml``: the same spec as Helm values, for chart deployments;
- ``workloads.json``: summary for the diagram generator (format in ``docs/workloads.md``);
- ``rules.json``: W-3 per service (compliant, suppressed with its reason, not applicable) and the
  workload pack (``rules.workloads``, APRL's workload recommendations) on the manifests above,
  rows shaped like the synth rule pack's ``results``; an unsuppressed error-level finding fails.

The workload-identity client id is a Terraform output (``services_identity_client_id``) that only
exists after ``terraform apply``; ``read_client_id`` takes it from ``terraform output -json``.
Without it the ServiceAccounts carry ``CLIENT_ID_PLACEHOLDER``, which no Entra identity matches.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

import yaml

from .. import outputs
from ..config.capacity import check_capacity
from ..config.props import refusal
from ..rules.core import Level, RuleContext, Status, Suppression, evaluate
from ..rules.workloads import WORKLOAD_PACK, manifest_template
from ._k8s import cdk8s
from .cluster_rbac import ClusterRbac
from .istio_ingress import IstioIngressProps, IstioIngressRoute
from .namespace import WorkloadNamespace
from .platform_access import PlatformAccessPolicy, PlatformAccessProps
from .service import ServiceWorkload

if TYPE_CHECKING:
    from ..config.environment import EnvironmentConfig

CLIENT_ID_OUTPUT = "services_identity_client_id"
"""Terraform output holding the client id of the services identity ``id-<workload>-services-<env>`` (K-9, S-4)."""
CLIENT_ID_PLACEHOLDER = f"unset-run-terraform-output-{CLIENT_ID_OUTPUT}"
SUMMARY_FORMAT = 1


def read_client_id(path: Path) -> str | None:
    """The client id from a ``terraform output -json`` file; ``None`` if the file does not exist.

    Raises ``ValueError`` naming the file and the field for a file that is not such an output."""
    if not path.is_file():
        return None
    try:
        outputs_json = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: not the JSON of `terraform output -json` ({error})") from None
    if not isinstance(outputs_json, dict) or CLIENT_ID_OUTPUT not in outputs_json:
        have = sorted(outputs_json) if isinstance(outputs_json, dict) else type(outputs_json).__name__
        raise ValueError(f"{path}: {refusal('outputs', have, f'a JSON object with an output {CLIENT_ID_OUTPUT!r}')}")
    output = outputs_json[CLIENT_ID_OUTPUT]
    value = output.get("value") if isinstance(output, dict) else None
    try:
        return str(UUID(value))
    except (ValueError, TypeError, AttributeError):
        raise ValueError(f"{path}: {refusal(f'{CLIENT_ID_OUTPUT}.value', value, 'a client id (UUID)')}") from None


def _values(objects: list[dict[str, Any]], env: str) -> dict[str, Any]:
    """Helm values of one service, read from its synthesized objects (one source for both)."""
    by_kind = {o["kind"]: o for o in objects}
    deployment, hpa = by_kind["Deployment"], by_kind["HorizontalPodAutoscaler"]
    pod = deployment["spec"]["template"]
    container = pod["spec"]["containers"][0]
    repository, tag = container["image"].rsplit(":", 1)
    metrics = {m["type"]: m for m in hpa["spec"]["metrics"] if m["type"] == "Pods"}
    resource_targets = {
        m["resource"]["name"]: m["resource"]["target"]["averageUtilization"]
        for m in hpa["spec"]["metrics"]
        if m["type"] == "Resource"
    }
    pdb = by_kind.get("PodDisruptionBudget")
    account = by_kind["ServiceAccount"]["metadata"]
    return {
        "environment": env,
        "fullnameOverride": deployment["metadata"]["name"],
        "replicaCount": deployment["spec"]["replicas"],
        "image": {"repository": repository, "tag": tag},
        "serviceAccount": {
            "create": True,
            "name": account["name"],
            "annotations": account["annotations"],
        },
        "podLabels": pod["metadata"]["labels"],
        "service": {"type": "ClusterIP", "port": by_kind["Service"]["spec"]["ports"][0]["port"]},
        "resources": container["resources"],
        "startupProbe": container["startupProbe"],
        "livenessProbe": container["livenessProbe"],
        "readinessProbe": container["readinessProbe"],
        "securityContext": container["securityContext"],
        "podSecurityContext": pod["spec"]["securityContext"],
        "nodeSelector": pod["spec"]["nodeSelector"],
        "tolerations": pod["spec"]["tolerations"],
        "topologySpreadConstraints": pod["spec"]["topologySpreadConstraints"],
        "affinity": pod["spec"]["affinity"],
        "autoscaling": {
            "enabled": True,
            "minReplicas": hpa["spec"]["minReplicas"],
            "maxReplicas": hpa["spec"]["maxReplicas"],
            "targetCPUUtilizationPercentage": resource_targets["cpu"],
            "targetMemoryUtilizationPercentage": resource_targets["memory"],
            "customMetric": {
                "name": metrics["Pods"]["pods"]["metric"]["name"],
                "averageValue": metrics["Pods"]["pods"]["target"]["averageValue"],
            },
        },
        "podDisruptionBudget": {
            "enabled": pdb is not None,
            **({"minAvailable": pdb["spec"]["minAvailable"]} if pdb else {}),
        },
    }


def synth_manifests(config: EnvironmentConfig, outdir: str | Path, identity_client_id: str | None = None) -> Path:
    """Write ``config``'s workload layer under ``<outdir>/k8s/<env>/``; returns that directory."""
    config = config.revalidated()
    workloads, pool = config.workloads, config.aks.application_pool
    capacity = check_capacity(workloads, pool)
    env_dir = Path(outdir) / "k8s" / config.name
    if env_dir.exists():
        shutil.rmtree(env_dir)  # only generated files live here; a removed service leaves nothing behind
    app = cdk8s.App(outdir=str(env_dir))
    namespace_chart = cdk8s.Chart(app, "namespace")
    WorkloadNamespace(
        namespace_chart,
        "workload-namespace",
        name=workloads.namespace,
        istio_revision=config.aks.istio_revisions[0],
    )
    # W-2 as designed plus the additive policy that lets the services work (docs/workloads.md).
    PlatformAccessPolicy(namespace_chart, "platform-access", props=PlatformAccessProps.from_environment(config))
    ClusterRbac(cdk8s.Chart(app, "rbac"), "rbac", namespace=workloads.namespace)
    # Application Gateway → Istio internal ingress gateway → services (N-6, K-7; docs/workloads.md).
    IstioIngressRoute(cdk8s.Chart(app, "ingress"), "api", props=IstioIngressProps.from_environment(config))
    image_registry = f"{config.naming.compact()}.azurecr.io"
    charts = []
    for service in workloads.services:
        chart = cdk8s.Chart(app, service.service_name)
        charts.append((service, chart))
        ServiceWorkload(
            chart,
            service.name,
            props=service,
            namespace=workloads.namespace,
            image=f"{image_registry}/{service.service_name}:{workloads.image_tag}",
            pool=pool,
            identity_client_id=identity_client_id or CLIENT_ID_PLACEHOLDER,
            part_of=config.workload,
        )
    app.synth()

    for service, chart in charts:
        values = env_dir / "helm" / service.service_name / f"values-{config.name}.yaml"
        outputs.write_text(values, yaml.safe_dump(_values(chart.to_json(), config.name), sort_keys=False))

    summary = {
        "format": SUMMARY_FORMAT,
        "environment": config.name,
        "stack": config.stack_name,  # the stack these workloads run beside: the diagrams match it
        "kubernetes_version": config.aks.kubernetes_version,
        "namespace": workloads.namespace,
        "identity_client_id": identity_client_id,
        "pool": {
            "name": pool.name,
            "construct_path": "aks/application-pool",
            "vm_size": pool.vm_size,
            "min_count": pool.min_count,
            "max_count": pool.max_count,
        },
        "capacity": {
            "requested_cpu_m": capacity.requested_cpu_m,
            "allocatable_cpu_m": capacity.allocatable_cpu_m,
            "requested_memory_mi": capacity.requested_memory // 2**20,
            "allocatable_memory_mi": capacity.allocatable_memory // 2**20,
            "requested_pods": capacity.requested_pods,
            "allocatable_pods": capacity.allocatable_pods,
        },
        "services": [
            {
                "service": s.service_name,
                "replicas": s.replicas,
                "min_replicas": s.min_replicas,
                "max_replicas": s.max_replicas,
                "pool": pool.name,
                "port": s.port,
                "cpu_request": s.cpu_request,
                "memory_request": s.memory_request,
                "manifest": f"{s.service_name}.k8s.yaml",
            }
            for s in workloads.services
        ],
    }
    outputs.write_json(env_dir / "workloads.json", summary)
    rules = [
        {
            # The row shape of the synth rule pack's report (cdktf.out/<stack>-rules.json).
            "level": "error",
            "path": f"k8s/{config.name}/{s.service_name}.k8s.yaml",
            "rule": "W-3",
            "resource": f"{workloads.namespace}/PodDisruptionBudget/{s.service_name}",
            "status": "suppressed" if s.w3_finding else ("compliant" if s.pdb_min_available else "not_applicable"),
            "reason": s.w3_finding[1] if s.w3_finding else "",
        }
        for s in workloads.services
    ]
    rules.extend(check_workloads(env_dir, f"k8s/{config.name}", workloads.suppressions))
    outputs.write_json(env_dir / "rules.json", rules)
    return env_dir


def check_workloads(env_dir: Path, prefix: str, suppressions: Mapping[str, str]) -> list[dict[str, str]]:
    """The workload pack's rows for the manifests in ``env_dir`` (paths ``<prefix>/<file>``); raises
    ``ValueError`` with one line per unsuppressed error-level finding."""
    manifests = {
        f"{prefix}/{path.name}": [o for o in yaml.safe_load_all(path.read_text()) if o]
        for path in sorted(env_dir.glob("*.k8s.yaml"))
    }
    accepted = [Suppression(rule, prefix, reason) for rule, reason in suppressions.items()]
    results = evaluate(manifest_template(manifests), [WORKLOAD_PACK], RuleContext(), accepted)
    errors = [r.message for r in results if r.status is Status.NON_COMPLIANT and r.rule.level is Level.ERROR]
    if errors:
        raise ValueError("workload rules failed:\n" + "\n".join(errors))
    return sorted((r.as_row() for r in results), key=lambda row: (row["rule"], row["path"], row["resource"]))
