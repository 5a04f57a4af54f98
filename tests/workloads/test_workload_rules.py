"""The workload pack (APRL's workload-level AKS recommendations) on small manifest sets, and on the
manifests the main job writes."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from tripgen_constructs.config.errors import ConfigError
from tripgen_constructs.config.workloads import WORKLOAD_RULES, WorkloadsProps
from tripgen_constructs.rules import RuleContext, Status, workloads as w

OK, BAD, NA = Status.COMPLIANT, Status.NON_COMPLIANT, Status.NOT_APPLICABLE
NS = "production"
LABELS = {"app": "trip-service"}


def _deployment(replicas: int = 3, **pod_spec: Any) -> dict[str, Any]:
    container = {"name": "app", "livenessProbe": {"httpGet": {}}, "readinessProbe": {"httpGet": {}}}
    spec = {"containers": [container], "topologySpreadConstraints": [{"topologyKey": w.ZONE_KEY}], **pod_spec}
    return {
        "kind": "Deployment",
        "metadata": {"name": "trip-service", "namespace": NS},
        "spec": {"replicas": replicas, "template": {"metadata": {"labels": LABELS}, "spec": spec}},
    }


def _hpa(min_replicas: int) -> dict[str, Any]:
    return {
        "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": "trip-service", "namespace": NS},
        "spec": {"scaleTargetRef": {"name": "trip-service"}, "minReplicas": min_replicas},
    }


PDB = {
    "kind": "PodDisruptionBudget",
    "metadata": {"name": "trip", "namespace": NS},
    "spec": {"selector": {"matchLabels": LABELS}},
}


def status(rule, *objects: dict[str, Any], kind: str = "Deployment") -> Status:
    template = w.manifest_template({"k8s/prod/x.k8s.yaml": objects})
    resource = next(r for r in template.resources if r.type == kind)
    return rule.evaluate(resource, template, RuleContext())


@pytest.mark.parametrize(
    ("objects", "expected"),
    [
        ((_deployment(3), _hpa(2)), OK),
        ((_deployment(1),), BAD),
        ((_deployment(3), _hpa(1)), BAD),
    ],
)
def test_a_deployment_and_its_autoscaler_keep_two_replicas(objects, expected):
    assert status(w.replicas, *objects) is expected


def test_a_deployment_needs_a_budget_selecting_its_pods():
    other = copy.deepcopy(PDB)
    other["spec"]["selector"]["matchLabels"] = {"app": "user-service"}
    assert (
        status(w.pod_disruption_budget, _deployment(), PDB),
        status(w.pod_disruption_budget, _deployment(), other),
    ) == (OK, BAD)


def test_pods_spread_over_zones():
    assert (status(w.zone_spread, _deployment()), status(w.zone_spread, _deployment(topologySpreadConstraints=[]))) == (
        OK,
        BAD,
    )


def test_every_container_has_liveness_and_readiness_probes():
    sidecarless = _deployment(containers=[{"name": "app", "livenessProbe": {"httpGet": {}}}])
    assert (status(w.probes, _deployment()), status(w.probes, sidecarless)) == (OK, BAD)


def test_a_namespace_needs_a_resource_quota():
    namespace = {"kind": "Namespace", "metadata": {"name": NS}}
    quota = {"kind": "ResourceQuota", "metadata": {"name": "q", "namespace": NS}}
    elsewhere = {"kind": "ResourceQuota", "metadata": {"name": "q", "namespace": "default"}}
    assert (
        status(w.resource_quota, namespace, quota, kind="Namespace"),
        status(w.resource_quota, namespace, elsewhere, kind="Namespace"),
    ) == (OK, BAD)


def _ingress(annotations: dict[str, str], ingress_class: str = w.AGIC_CLASS) -> dict[str, Any]:
    return {
        "kind": "Ingress",
        "metadata": {"name": "api", "namespace": "aks-istio-ingress", "annotations": annotations},
        "spec": {"ingressClassName": ingress_class},
    }


@pytest.mark.parametrize(
    ("ingress", "expected"),
    [
        (_ingress({w.DRAINING_ANNOTATION: "true"}), OK),
        (_ingress({}), BAD),
        (_ingress({}, ingress_class="nginx"), NA),
    ],
)
def test_an_agic_ingress_drains_connections(ingress, expected):
    assert status(w.connection_draining, ingress, kind="Ingress") is expected


def test_the_config_names_exactly_the_workload_packs_rules():
    assert WORKLOAD_RULES == w.WORKLOAD_RULE_IDS


def test_a_workload_suppression_of_an_unknown_rule_is_refused():
    with pytest.raises(ConfigError, match="'workloads.suppressions' must be one of"):
        WorkloadsProps(suppressions={"TG-WL-NOPE": "a reason long enough"})


def test_a_workload_suppression_without_a_real_reason_is_refused():
    with pytest.raises(ConfigError, match=r"'workloads.suppressions\[TG-WL-PDB\]' must be a reason"):
        WorkloadsProps(suppressions={"TG-WL-PDB": "because"})


def test_an_unsuppressed_workload_finding_fails_the_manifests(tmp_path):
    from tripgen_constructs.workloads.manifests import check_workloads

    (tmp_path / "svc.k8s.yaml").write_text("kind: Deployment\nmetadata: {name: a, namespace: p}\nspec: {replicas: 1}\n")
    with pytest.raises(ValueError, match=r"\[TG-WL-REPLICAS\] k8s/dev/svc.k8s.yaml \(Deployment.p/a\)"):
        check_workloads(
            tmp_path,
            "k8s/dev",
            {"TG-WL-PDB": "accepted here", "TG-WL-ZONE-SPREAD": "accepted here", "TG-WL-PROBES": "accepted here"},
        )
    rows = check_workloads(tmp_path, "k8s/dev", dict.fromkeys(WORKLOAD_RULES, "accepted in this test"))
    assert {(row["rule"], row["status"]) for row in rows} == {
        ("TG-WL-REPLICAS", "suppressed"),
        ("TG-WL-PDB", "suppressed"),
        ("TG-WL-ZONE-SPREAD", "suppressed"),
        ("TG-WL-PROBES", "suppressed"),
    }
