"""Application Gateway (AGIC) → Istio internal ingress gateway → services (N-6, K-2, K-7, G-2)."""

from __future__ import annotations

import kubernetes_validate
import pytest
from tripgen_constructs import EnvironmentConfig
from tripgen_constructs.aks import KUBERNETES_VERSION
from tripgen_constructs.config.errors import ConfigError
from tripgen_constructs.front_door import FrontDoorProps
from tripgen_constructs.perimeter import SecurePerimeterProps
from tripgen_constructs.workloads import ApiRoute, IstioIngressProps

from apps import ENVIRONMENT_NAMES, spec
from apps.dev.config import DEV
from apps.prod.config import PROD
from tests import plan

SERVICES = ("user", "trip", "ai", "location")
ANNOTATIONS = {
    "appgw.ingress.kubernetes.io/appgw-ssl-certificate": "wildcard-tripgen",  # G-2, Key Vault
    "appgw.ingress.kubernetes.io/ssl-redirect": "true",  # G-2: port 80 only redirects
    "appgw.ingress.kubernetes.io/backend-protocol": "http",
    "appgw.ingress.kubernetes.io/health-probe-path": "/healthz/ready",  # Istio gateway readiness
    "appgw.ingress.kubernetes.io/health-probe-port": "15021",  # Istio gateway status port
    "appgw.ingress.kubernetes.io/request-timeout": "60",  # the Terraform bootstrap's timeout
    "appgw.ingress.kubernetes.io/connection-draining": "true",  # APRL 10f02bc6
}


def route(name):
    return {
        "name": name,
        "match": [
            {"uri": {"exact": f"/api/{name}"}},
            {"uri": {"prefix": f"/api/{name}/"}},
        ],
        "route": [
            {
                "destination": {
                    "host": f"{name}-service.production.svc.cluster.local",
                    "port": {"number": 8080},  # W-1
                }
            }
        ],
    }


GATEWAY_BACKEND = {"service": {"name": "aks-istio-ingressgateway-internal", "port": {"number": 80}}}
EDGE_HEALTH = {"name": "edge-health", "match": [{"uri": {"exact": "/healthz"}}], "directResponse": {"status": 200}}


@pytest.mark.parametrize("env", ENVIRONMENT_NAMES)
def test_ingress_sends_api_routing_to_the_internal_istio_gateway(env, k8s_out):
    from tests.workloads.conftest import Manifests

    ingress = Manifests(k8s_out / env).get("Ingress", "tripgen-api")
    assert ingress == {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "Ingress",
        "metadata": {
            "name": "tripgen-api",
            "namespace": "aks-istio-ingress",  # beside the Service it names
            "annotations": ANNOTATIONS,
        },
        "spec": {
            "ingressClassName": "azure-application-gateway",  # K-2: the AGIC add-on
            "rules": [
                {
                    "host": "origin.tripgen.example",  # the host header Front Door sends (G-1)
                    "http": {
                        "paths": [
                            {
                                # G-2 `api-routing`, as an Application Gateway path pattern
                                "path": "/api/*",
                                "pathType": "ImplementationSpecific",
                                "backend": GATEWAY_BACKEND,
                            },
                            {
                                # Front Door's health probe (G-1), to the same mesh edge
                                "path": "/healthz",
                                "pathType": "ImplementationSpecific",
                                "backend": GATEWAY_BACKEND,
                            },
                        ]
                    },
                }
            ],
        },
    }


@pytest.mark.parametrize("env", ENVIRONMENT_NAMES)
def test_ingress_validates_against_the_cluster_kubernetes_schema(env, k8s_out):
    from tests.workloads.conftest import Manifests

    ingress = Manifests(k8s_out / env).get("Ingress", "tripgen-api")
    kubernetes_validate.validate(ingress, f"{KUBERNETES_VERSION}.0", strict=True)
    del ingress["spec"]["rules"][0]["http"]["paths"][0]["pathType"]  # required since v1
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(ingress, f"{KUBERNETES_VERSION}.0", strict=True)


def test_istio_gateway_listens_on_the_internal_gateway_for_the_services_namespace(prod_k8s):
    assert prod_k8s.get("Gateway", "tripgen-api") == {
        "apiVersion": "networking.istio.io/v1",
        "kind": "Gateway",
        "metadata": {"name": "tripgen-api", "namespace": "aks-istio-ingress"},
        "spec": {
            "selector": {"istio": "aks-istio-ingressgateway-internal"},
            "servers": [
                {
                    "port": {"number": 80, "name": "http", "protocol": "HTTP"},
                    # only VirtualServices in `production` may bind this host
                    "hosts": ["production/origin.tripgen.example"],
                }
            ],
        },
    }


@pytest.mark.parametrize("env", ENVIRONMENT_NAMES)
def test_virtual_service_routes_api_segments_to_each_service(env, k8s_out):
    from tests.workloads.conftest import Manifests

    assert Manifests(k8s_out / env).get("VirtualService", "tripgen-api") == {
        "apiVersion": "networking.istio.io/v1",
        "kind": "VirtualService",
        "metadata": {"name": "tripgen-api", "namespace": "production"},
        "spec": {
            "hosts": ["origin.tripgen.example"],
            "gateways": ["aks-istio-ingress/tripgen-api"],
            "http": [EDGE_HEALTH, *(route(name) for name in SERVICES)],
        },
    }


def test_every_route_targets_a_synthesized_service_port(prod_k8s):
    http = prod_k8s.get("VirtualService", "tripgen-api")["spec"]["http"]
    assert [r for r in http if "route" not in r] == [EDGE_HEALTH]
    for r in (r for r in http if "route" in r):
        destination = r["route"][0]["destination"]
        name, namespace = destination["host"].split(".")[:2]
        service = prod_k8s.get("Service", name)
        assert service["metadata"]["namespace"] == namespace
        assert destination["port"]["number"] in [p["port"] for p in service["spec"]["ports"]]


def test_platform_access_admits_the_ingress_gateway_namespace_on_the_service_port(prod_k8s):
    gateway_namespace = prod_k8s.get("Ingress", "tripgen-api")["metadata"]["namespace"]
    policy = prod_k8s.get("NetworkPolicy", "production-platform-access")
    peer = {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": gateway_namespace}}}
    rule = {"from": [peer], "ports": [{"port": 8080, "protocol": "TCP"}]}
    assert rule in policy["spec"]["ingress"]


def test_ingress_backend_and_certificate_exist_in_the_terraform_stack(prod, prod_k8s):
    [cluster] = prod.of_type("azurerm_kubernetes_cluster").values()
    mesh = cluster["service_mesh_profile"]
    assert mesh["internal_ingress_gateway_enabled"] is True  # serves the Ingress backend
    assert mesh["external_ingress_gateway_enabled"] is False
    [gateway] = prod.of_type("azurerm_application_gateway").values()
    annotation = prod_k8s.get("Ingress", "tripgen-api")["metadata"]["annotations"][
        "appgw.ingress.kubernetes.io/appgw-ssl-certificate"
    ]
    # AGIC's annotation names a certificate pre-installed on the gateway (from Key Vault).
    assert [c["name"] for c in gateway["ssl_certificate"]] == [annotation]


def _perimeter(**fields: object) -> SecurePerimeterProps:
    """A perimeter on TripGen's plan (``apps.spec``) with ``fields``, for configs copied past validation."""
    names = {"private_ip": spec.PRIVATE_FRONTEND_IP, "certificate_name": spec.CERTIFICATE_NAME, "domain": spec.DOMAIN}
    return SecurePerimeterProps(**{**names, **fields})


def test_props_follow_the_environment_config():
    config = PROD.model_copy(
        update={
            "perimeter": _perimeter(domain="tripgen.io", certificate_name="wild-io"),
            "workloads": DEV.workloads.model_copy(update={"services": DEV.workloads.services[:2]}),
        }
    )
    props = IstioIngressProps.from_environment(config)
    assert props.hosts == ("origin.tripgen.io",)
    assert props.certificate_name == "wild-io"
    assert props.routes == (
        ApiRoute(segment="user", service="user-service", port=8080),
        ApiRoute(segment="trip", service="trip-service", port=8080),
    )
    assert props.name == "tripgen-api"
    assert props.namespace == "production"


def test_the_mesh_edge_answers_front_doors_probe_path_taken_from_the_perimeter():
    config = PROD.model_copy(
        update={"perimeter": _perimeter(front_door=FrontDoorProps(health_probe_path="/edge/ping"))}
    )
    props = IstioIngressProps.from_environment(config)
    assert (props.health_path, props.answers_health) == ("/edge/ping", True)


def test_a_probe_path_under_api_is_left_to_the_service_routes():
    props = IstioIngressProps.from_environment(
        PROD.model_copy(
            update={"perimeter": _perimeter(front_door=FrontDoorProps(health_probe_path="/api/user/actuator/health"))}
        )
    )
    assert props.answers_health is False
    assert IstioIngressProps(**{**BASE, "health_path": "/apis"}).answers_health is True
    from tripgen_constructs.workloads import IstioIngressRoute
    from tripgen_constructs.workloads._k8s import cdk8s

    chart = cdk8s.Testing.chart()
    IstioIngressRoute(chart, "api", props=props)
    objects = {o["kind"]: o for o in cdk8s.Testing.synth(chart)}
    [rule] = objects["Ingress"]["spec"]["rules"]
    assert [p["path"] for p in rule["http"]["paths"]] == ["/api/*"]
    assert [r["name"] for r in objects["VirtualService"]["spec"]["http"]] == ["user", "trip", "ai", "location"]


ROUTE = {"segment": "user", "service": "user-service"}
BASE = {
    "name": "shop-api",
    "namespace": "shop",
    "hosts": ("origin.shop.example",),
    "certificate_name": "wildcard-shop",
    "routes": (ROUTE,),
}
"""Ingress props outside any environment (what ``from_environment`` would derive for ``tests.plan``)."""


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"routes": ()}, r"'routes' must be at least one route"),
        ({"routes": (ROUTE, {**ROUTE, "service": "x"})}, r"'routes' must be unique path segments"),
        ({"routes": ({**ROUTE, "segment": "User"},)}, r"'routes.segment' must be one path segment"),
        ({"routes": ({**ROUTE, "segment": "a/b"},)}, r"'routes.segment' must be one path segment"),
        ({"routes": ({**ROUTE, "service": "User_svc"},)}, r"'routes.service' must be a Service"),
        ({"routes": ({**ROUTE, "port": 0},)}, r"'routes.0.port' must be >= 1, got 0"),
        ({"routes": ({**ROUTE, "port": 65536},)}, r"'routes.0.port' must be <= 65535, got 65536"),
        ({"hosts": ()}, r"'hosts' must be at least one lowercase DNS host name"),
        ({"hosts": ("Origin.example",)}, r"'hosts' must be at least one lowercase DNS host name"),
        ({"ingress_namespace": "aks_istio"}, r"'ingress_namespace' must be a Kubernetes name"),
        ({"namespace": "Production"}, r"'namespace' must be a Kubernetes name"),
        ({"certificate_name": "wild card"}, r"'certificate_name' must be a Key Vault certificate"),
        ({"gateway_port": 70000}, r"'gateway_port' must be <= 65535, got 70000"),
        ({"request_timeout_seconds": 0}, r"'request_timeout_seconds' must be >= 1, got 0"),
        ({"health_path": "/health/*"}, r"'health_path' must be an exact path such as '/healthz'"),
        ({"health_path": "healthz"}, r"'health_path' must be an exact path such as '/healthz'"),
    ],
)
def test_bad_ingress_settings_are_refused(changes, message):
    with pytest.raises(ConfigError, match=message):
        IstioIngressProps.model_validate({**BASE, **changes})


def test_name_namespace_host_and_certificate_come_from_the_environment():
    prod = IstioIngressProps.from_environment(PROD)
    assert (prod.name, prod.namespace, prod.hosts, prod.certificate_name) == (
        "tripgen-api",
        "production",
        ("origin.tripgen.example",),
        "wildcard-tripgen",
    )
    shop = IstioIngressProps.from_environment(EnvironmentConfig(**plan.environment()))
    assert (shop.name, shop.namespace, shop.hosts, shop.certificate_name) == (
        "shop-api",
        "shop",
        ("origin.shop.example",),
        "wildcard-shop",
    )
