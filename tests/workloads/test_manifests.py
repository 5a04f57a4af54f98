"""The synthesized manifests, Helm values, summary and rules report of both environments."""

from __future__ import annotations

import json

import kubernetes_validate
import pytest
from tripgen_constructs.aks import KUBERNETES_VERSION
from tripgen_constructs.workloads import CLIENT_ID_PLACEHOLDER, read_client_id

from apps import ENVIRONMENT_NAMES
from tests.workloads.conftest import CLIENT_ID

SERVICES = ("user", "trip", "ai", "location")
# cpu req, mem req, cpu lim, mem lim, replicas, HPA min, max, cpu %, mem %, metric, threshold,
# PDB minAvailable (W-3)
W = {
    "user": ("500m", "1Gi", "2000m", "2Gi", 3, 3, 10, 70, 80, "requests_per_second", 100, 2),
    "trip": ("1000m", "2Gi", "4000m", "4Gi", 3, 3, 15, 70, 80, "active_connections", 50, 2),
    "ai": ("2000m", "4Gi", "8000m", "8Gi", 2, 2, 8, 80, 85, "queue_length", 10, 1),
    "location": ("500m", "1Gi", "2000m", "2Gi", 2, 2, 10, 70, 80, "search_requests", 200, 1),
}
# Istio CRDs, not in Kubernetes' OpenAPI: checked by value (below, test_istio_ingress.py).
CRDS = {"PeerAuthentication", "Gateway", "VirtualService"}


@pytest.mark.parametrize("env", ENVIRONMENT_NAMES)
def test_every_manifest_validates_against_the_cluster_kubernetes_schema(env, k8s_out):
    from apps import ENVIRONMENTS
    from tests.workloads.conftest import Manifests

    version = next(c.aks.kubernetes_version for c in ENVIRONMENTS if c.name == env)
    assert version == KUBERNETES_VERSION == "1.34"  # the minor cdk8s-plus-34 was generated from
    objects = Manifests(k8s_out / env).objects
    assert len(objects) > 20
    for obj in objects:
        if obj["kind"] in CRDS:
            continue
        kubernetes_validate.validate(obj, f"{version}.0", strict=True)


def test_schema_validation_catches_a_broken_manifest(prod_k8s):
    broken = prod_k8s.get("Deployment", "user-service")
    broken["spec"]["template"]["spec"]["containers"][0]["livenessProbe"]["failureTreshold"] = 3
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, f"{KUBERNETES_VERSION}.0", strict=True)


def test_namespace_is_production_with_istio_revision_injection(prod_k8s):
    ns = prod_k8s.get("Namespace", "production")  # W-1
    assert ns["metadata"]["labels"] == {"istio.io/rev": "asm-1-26"}  # K-7, AKS Istio add-on revision


def test_namespace_enforces_strict_mtls(prod_k8s):
    pa = prod_k8s.get("PeerAuthentication", "default")
    assert pa["apiVersion"] == "security.istio.io/v1"
    assert pa["metadata"]["namespace"] == "production"
    assert pa["spec"] == {"mtls": {"mode": "STRICT"}}  # K-7


def test_network_policy_is_w2_exactly(prod_k8s):
    policy = prod_k8s.get("NetworkPolicy", "production-network-policy")
    assert policy["metadata"]["namespace"] == "production"

    def ns(name):
        return [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": name}}}]

    def tcp(*ports):
        return [{"port": p, "protocol": "TCP"} for p in ports]

    assert policy["spec"] == {
        "podSelector": {"matchLabels": {"tier": "application"}},
        "policyTypes": ["Ingress", "Egress"],
        "ingress": [
            {"from": ns("kube-system"), "ports": tcp(8080)},
            {"from": ns("istio-system"), "ports": tcp(15001, 15006)},
        ],
        "egress": [
            {"to": [{"podSelector": {"matchLabels": {"app": "postgresql"}}}], "ports": tcp(5432)},
            {"to": [{"podSelector": {"matchLabels": {"app": "redis"}}}], "ports": tcp(6379)},
            {"ports": tcp(443)},
            {"ports": [{"port": 53, "protocol": "UDP"}]},
        ],
    }


@pytest.mark.parametrize("name", SERVICES)
def test_deployment_carries_the_w_row_resources_and_replicas(prod_k8s, name):
    cpu_req, mem_req, cpu_lim, mem_lim, replicas, *_ = W[name]
    d = prod_k8s.get("Deployment", f"{name}-service")
    assert d["metadata"]["namespace"] == "production"
    assert d["spec"]["replicas"] == replicas
    container = d["spec"]["template"]["spec"]["containers"][0]
    assert container["resources"] == {
        "requests": {"cpu": cpu_req, "memory": mem_req},
        "limits": {"cpu": cpu_lim, "memory": mem_lim},
    }
    assert container["ports"] == [{"containerPort": 8080, "name": "http", "protocol": "TCP"}]  # W-1
    assert container["image"] == f"tripgenprod.azurecr.io/{name}-service:1.0.0"  # R-1 registry


@pytest.mark.parametrize("name", SERVICES)
def test_probes_hit_actuator_health_and_liveness_restarts_after_3_failures(prod_k8s, name):
    container = prod_k8s.get("Deployment", f"{name}-service")["spec"]["template"]["spec"]["containers"][0]
    http = {"path": "/actuator/health", "port": "http"}  # K-6
    assert container["livenessProbe"] == {
        "httpGet": http,
        "failureThreshold": 3,
        "periodSeconds": 10,
    }  # K-6
    assert container["readinessProbe"]["httpGet"] == http
    assert container["startupProbe"] == {
        "httpGet": http,
        "failureThreshold": 30,
        "periodSeconds": 10,
    }


@pytest.mark.parametrize("name", SERVICES)
def test_pods_land_on_the_application_pool_spread_over_zones_and_nodes(prod_k8s, name):
    pod = prod_k8s.get("Deployment", f"{name}-service")["spec"]["template"]["spec"]
    selector = {"matchLabels": {"app": f"{name}-service"}}
    assert pod["tolerations"] == [
        {
            "key": "application-workload",
            "operator": "Equal",
            "value": "true",
            "effect": "NoSchedule",
        }  # K-4
    ]
    assert pod["nodeSelector"] == {"kubernetes.azure.com/agentpool": "application"}
    assert pod["topologySpreadConstraints"] == [  # K-5
        {
            "maxSkew": 1,
            "topologyKey": "topology.kubernetes.io/zone",
            "whenUnsatisfiable": "DoNotSchedule",
            "labelSelector": selector,
            "nodeTaintsPolicy": "Honor",
        }
    ]
    assert pod["affinity"] == {  # K-5
        "podAntiAffinity": {
            "preferredDuringSchedulingIgnoredDuringExecution": [
                {
                    "weight": 100,
                    "podAffinityTerm": {
                        "labelSelector": selector,
                        "topologyKey": "kubernetes.io/hostname",
                    },
                }
            ]
        }
    }


@pytest.mark.parametrize("name", SERVICES)
def test_pods_use_workload_identity_through_their_service_account(prod_k8s, name):
    template = prod_k8s.get("Deployment", f"{name}-service")["spec"]["template"]
    assert template["metadata"]["labels"]["azure.workload.identity/use"] == "true"  # K-9
    assert template["metadata"]["labels"]["tier"] == "application"  # W-2 selector
    assert template["spec"]["serviceAccountName"] == f"{name}-service-sa"
    sa = prod_k8s.get("ServiceAccount", f"{name}-service-sa")
    assert sa["metadata"]["namespace"] == "production"
    assert sa["metadata"]["annotations"] == {"azure.workload.identity/client-id": CLIENT_ID}


def test_without_terraform_output_the_client_id_is_a_visible_placeholder(dev_k8s):
    sa = dev_k8s.get("ServiceAccount", "user-service-sa")
    assert sa["metadata"]["annotations"]["azure.workload.identity/client-id"] == CLIENT_ID_PLACEHOLDER
    assert json.loads((dev_k8s.root / "workloads.json").read_text())["identity_client_id"] is None


@pytest.mark.parametrize("name", SERVICES)
def test_service_listens_on_8080(prod_k8s, name):
    spec = prod_k8s.get("Service", f"{name}-service")["spec"]
    assert spec["type"] == "ClusterIP"
    assert spec["ports"] == [{"name": "http", "port": 8080, "targetPort": "http", "protocol": "TCP"}]  # W-1, N-8
    assert spec["selector"] == {"app": f"{name}-service"}


@pytest.mark.parametrize("name", SERVICES)
def test_hpa_scales_on_cpu_memory_and_the_custom_metric(prod_k8s, name):
    *_, min_r, max_r, cpu, mem, metric, threshold, _pdb = W[name]
    hpa = prod_k8s.get("HorizontalPodAutoscaler", f"{name}-service")
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": f"{name}-service",
    }
    assert (hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"]) == (min_r, max_r)
    assert hpa["spec"]["metrics"] == [
        {
            "type": "Resource",
            "resource": {
                "name": "cpu",
                "target": {"type": "Utilization", "averageUtilization": cpu},
            },
        },
        {
            "type": "Resource",
            "resource": {
                "name": "memory",
                "target": {"type": "Utilization", "averageUtilization": mem},
            },
        },
        {
            "type": "Pods",
            "pods": {
                "metric": {"name": metric},
                "target": {"type": "AverageValue", "averageValue": threshold},
            },
        },
    ]


@pytest.mark.parametrize("name", SERVICES)
def test_pdb_keeps_min_available_below_hpa_min(prod_k8s, name):
    pdb = prod_k8s.get("PodDisruptionBudget", f"{name}-service")
    assert pdb["apiVersion"] == "policy/v1"
    assert pdb["spec"] == {
        "minAvailable": W[name][-1],
        "selector": {"matchLabels": {"app": f"{name}-service"}},
    }


def test_cluster_roles_are_those_of_s5(prod_k8s):
    rules = {
        name: prod_k8s.get("ClusterRole", name)["rules"]
        for name in ("application-reader", "application-writer", "monitoring-reader")
    }
    write = ["create", "update", "patch", "delete"]
    assert rules == {
        "application-reader": [
            {
                "apiGroups": [""],
                "resources": ["pods", "services", "configmaps", "secrets"],
                "verbs": ["get", "list", "watch"],
            }
        ],
        "application-writer": [
            {"apiGroups": ["apps"], "resources": ["deployments"], "verbs": write},
            {"apiGroups": [""], "resources": ["services"], "verbs": write},
        ],
        "monitoring-reader": [
            {
                "apiGroups": ["metrics.k8s.io"],
                "resources": ["pods", "nodes"],
                "verbs": ["get", "list"],
            },
            {"apiGroups": [""], "resources": ["pods/log"], "verbs": ["get", "list"]},
        ],
    }


@pytest.mark.parametrize(
    ("account", "role"),
    [
        ("user-service-sa", "application-reader"),
        ("trip-service-sa", "application-reader"),
        ("deployment-sa", "application-writer"),
    ],
)
def test_s5_accounts_are_bound_in_the_namespace_only(prod_k8s, account, role):
    binding = prod_k8s.get("RoleBinding", f"{account}-{role}")
    assert binding["metadata"]["namespace"] == "production"
    assert binding["roleRef"] == {
        "apiGroup": "rbac.authorization.k8s.io",
        "kind": "ClusterRole",
        "name": role,
    }
    assert binding["subjects"] == [{"kind": "ServiceAccount", "name": account, "namespace": "production"}]


def test_no_cluster_wide_bindings_and_deployment_account_exists(prod_k8s):
    assert not [o for o in prod_k8s.objects if o["kind"] == "ClusterRoleBinding"]
    assert prod_k8s.get("ServiceAccount", "deployment-sa")["metadata"]["namespace"] == "production"


@pytest.mark.parametrize("name", SERVICES)
def test_helm_values_carry_the_same_spec(prod_k8s, name):
    cpu_req, mem_req, cpu_lim, mem_lim, replicas, min_r, max_r, cpu, mem, metric, threshold, pdb = W[name]
    values = prod_k8s.values(name)
    assert values["replicaCount"] == replicas
    assert values["resources"] == {
        "requests": {"cpu": cpu_req, "memory": mem_req},
        "limits": {"cpu": cpu_lim, "memory": mem_lim},
    }
    assert values["autoscaling"] == {
        "enabled": True,
        "minReplicas": min_r,
        "maxReplicas": max_r,
        "targetCPUUtilizationPercentage": cpu,
        "targetMemoryUtilizationPercentage": mem,
        "customMetric": {"name": metric, "averageValue": threshold},
    }
    assert values["podDisruptionBudget"] == {"enabled": True, "minAvailable": pdb}
    assert values["service"] == {"type": "ClusterIP", "port": 8080}
    assert values["livenessProbe"]["failureThreshold"] == 3
    assert values["serviceAccount"]["annotations"] == {"azure.workload.identity/client-id": CLIENT_ID}
    assert values["image"] == {
        "repository": f"tripgenprod.azurecr.io/{name}-service",
        "tag": "1.0.0",
    }
    assert values["tolerations"] == [
        {
            "effect": "NoSchedule",
            "key": "application-workload",
            "operator": "Equal",
            "value": "true",
        }
    ]


def test_dev_runs_one_replica_per_service_without_budgets(dev_k8s):
    for name in SERVICES:
        hpa = dev_k8s.get("HorizontalPodAutoscaler", f"{name}-service")
        assert hpa["spec"]["minReplicas"] == 1
        assert dev_k8s.values(name)["podDisruptionBudget"] == {"enabled": False}
    assert not [o for o in dev_k8s.objects if o["kind"] == "PodDisruptionBudget"]
    assert dev_k8s.get("Deployment", "trip-service")["spec"]["template"]["spec"]["containers"][0]["image"].startswith(
        "tripgendev.azurecr.io/"
    )


def test_summary_lists_services_with_replica_ranges_and_pool(prod_k8s):
    summary = json.loads((prod_k8s.root / "workloads.json").read_text())
    assert summary["format"] == 1
    assert (summary["environment"], summary["namespace"], summary["kubernetes_version"]) == (
        "prod",
        "production",
        "1.34",
    )
    assert summary["identity_client_id"] == CLIENT_ID
    assert summary["pool"] == {
        "name": "application",
        "construct_path": "aks/application-pool",
        "vm_size": "Standard_D8s_v3",
        "min_count": 6,
        "max_count": 20,
    }
    assert [
        (s["service"], s["replicas"], s["min_replicas"], s["max_replicas"], s["pool"]) for s in summary["services"]
    ] == [
        ("user-service", 3, 3, 10, "application"),
        ("trip-service", 3, 3, 15, "application"),
        ("ai-service", 2, 2, 8, "application"),
        ("location-service", 2, 2, 10, "application"),
    ]
    assert summary["capacity"]["requested_cpu_m"] == 45300


def test_rules_report_lists_w3_per_service(prod_k8s, dev_k8s):
    prod = [r for r in json.loads((prod_k8s.root / "rules.json").read_text()) if r["rule"] == "W-3"]
    assert [(r["rule"], r["resource"], r["status"]) for r in prod] == [
        ("W-3", f"production/PodDisruptionBudget/{n}-service", "compliant") for n in SERVICES
    ]
    dev = [r for r in json.loads((dev_k8s.root / "rules.json").read_text()) if r["rule"] == "W-3"]
    assert {r["status"] for r in dev} == {"not_applicable"}


def test_prod_manifests_meet_the_workload_pack_except_the_accepted_quota(prod_k8s):
    rows = [r for r in json.loads((prod_k8s.root / "rules.json").read_text()) if r["rule"].startswith("TG-WL-")]
    deployments = {(rule, "compliant") for rule in ("TG-WL-PDB", "TG-WL-PROBES", "TG-WL-REPLICAS", "TG-WL-ZONE-SPREAD")}
    assert {(r["rule"], r["status"]) for r in rows} == deployments | {
        ("TG-WL-CONNECTION-DRAINING", "compliant"),
        ("TG-WL-RESOURCE-QUOTA", "suppressed"),
    }
    assert len(rows) == 4 * len(SERVICES) + 2


def test_dev_accepts_single_replicas_without_budgets(dev_k8s):
    rows = json.loads((dev_k8s.root / "rules.json").read_text())
    assert {r["status"] for r in rows if r["rule"] in ("TG-WL-PDB", "TG-WL-REPLICAS")} == {"suppressed"}


def test_a_suppressed_w3_shows_its_reason_in_the_rules_report(tmp_path):
    from tripgen_constructs import EnvironmentConfig, WorkloadsProps
    from tripgen_constructs.workloads import synth_manifests

    from apps.prod.config import PROD

    reason = "trip must keep 3 pods; drains are done by hand"
    services = tuple(
        s.replace(pdb_min_available=3, suppressions={"W-3": reason}) if s.name == "trip" else s
        for s in PROD.workloads.services
    )
    workloads = WorkloadsProps(
        namespace=PROD.workloads.namespace, services=services, suppressions=PROD.workloads.suppressions
    )
    config = EnvironmentConfig.model_validate({**PROD.model_dump(), "workloads": workloads})
    out = synth_manifests(config, tmp_path)
    rows = json.loads((out / "rules.json").read_text())
    trip = [r for r in rows if r["rule"] == "W-3" and r["resource"].endswith("/trip-service")]
    assert trip == [
        {
            "level": "error",
            "path": "k8s/prod/trip-service.k8s.yaml",
            "rule": "W-3",
            "resource": "production/PodDisruptionBudget/trip-service",
            "status": "suppressed",
            "reason": reason,
        }
    ]


def test_client_id_is_read_from_terraform_output_json(tmp_path):
    path = tmp_path / "tripgen-prod.json"
    path.write_text(
        json.dumps(
            {
                "services_identity_client_id": {
                    "sensitive": False,
                    "type": "string",
                    "value": CLIENT_ID,
                }
            }
        )
    )
    assert read_client_id(path) == CLIENT_ID
    assert read_client_id(tmp_path / "absent.json") is None


def test_terraform_output_without_the_client_id_is_refused(tmp_path):
    path = tmp_path / "tripgen-prod.json"
    path.write_text(json.dumps({"other": {"value": "x"}}))
    with pytest.raises(
        ValueError,
        match=r"tripgen-prod.json: 'outputs' must be a JSON object with an output 'services_identity_client_id', got \['other'\]",
    ):
        read_client_id(path)
    path.write_text(json.dumps({"services_identity_client_id": {"value": "not-a-uuid"}}))
    with pytest.raises(
        ValueError,
        match=r"tripgen-prod.json: 'services_identity_client_id.value' must be a client id \(UUID\), got 'not-a-uuid'",
    ):
        read_client_id(path)


def test_regenerating_removes_manifests_of_a_dropped_service(tmp_path):
    from tripgen_constructs import EnvironmentConfig, WorkloadsProps
    from tripgen_constructs.workloads import synth_manifests

    from apps.prod.config import PROD

    synth_manifests(PROD, tmp_path)
    fewer = EnvironmentConfig.model_validate(
        {
            **PROD.model_dump(),
            "workloads": WorkloadsProps(
                namespace=PROD.workloads.namespace,
                services=PROD.workloads.services[:1],
                suppressions=PROD.workloads.suppressions,
            ),
        }
    )
    out = synth_manifests(fewer, tmp_path)
    assert sorted(p.name for p in out.glob("*.k8s.yaml")) == [
        "ingress.k8s.yaml",
        "namespace.k8s.yaml",
        "rbac.k8s.yaml",
        "user-service.k8s.yaml",
    ]


def test_both_network_policies_are_named_after_a_namespace_other_than_production(tmp_path):
    from tripgen_constructs.workloads import synth_manifests

    from apps.prod.config import PROD
    from tests.workloads.conftest import Manifests

    config = PROD.model_copy(
        update={
            "workloads": PROD.workloads.model_copy(update={"namespace": "shop"}),
            "identity": PROD.identity.model_copy(update={"namespace": "shop"}),
        }
    )
    synth_manifests(config.revalidated(), tmp_path, CLIENT_ID)
    names = {
        o["metadata"]["name"] for o in Manifests(tmp_path / "k8s" / "prod").objects if o["kind"] == "NetworkPolicy"
    }
    assert names == {"shop-network-policy", "shop-platform-access"}
