"""``IstioIngressRoute``: the path from the Application Gateway into the mesh (N-6, K-2, K-7, G-2).

The namespace's STRICT mTLS (K-7) refuses plaintext from the gateway, so AGIC does not target the
pods: its ``Ingress`` (in ``aks-istio-ingress``, next to the backend it names) sends the G-2 rule
``api-routing`` (``/api/*``) to the AKS Istio add-on's internal ingress gateway on port 80. An Istio
``Gateway`` accepts the environment's host there, and a ``VirtualService`` in the services'
namespace routes ``/api/<name>`` to ``<name>-service`` on its port over mTLS, and answers Front
Door's health probe path itself. Derived from the environment config by
``IstioIngressProps.from_environment``; the URL scheme is in ``docs/workloads.md``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..config.front_door import EDGE_HEALTH_PATH, PROBE_PATH, PROBE_PATH_RULE
from ..config.perimeter import API_PATHS, BACKEND_TIMEOUT_SECONDS
from ..config.props import Props, refusal
from ..config.workloads import PORT
from ._k8s import Construct, cdk8s, k8s

if TYPE_CHECKING:
    from ..config.environment import EnvironmentConfig

# --- Spec defaults and platform facts ------------------------------------------------------------

INGRESS_CLASS = "azure-application-gateway"  # K-2: the IngressClass of the AGIC add-on
API_PREFIX = API_PATHS[0].removesuffix("/*")  # G-2: rule `api-routing`, `/api/*`
# AGIC >= 1.5.1 uses an ImplementationSpecific path as written, as an Application Gateway path
# pattern (`/api/*`, exactly G-2); Prefix would become the string prefix `/api*` (also `/apix`).
PATH_TYPE = "ImplementationSpecific"
ISTIO_INGRESS_NAMESPACE = "aks-istio-ingress"  # K-7: the add-on's ingress gateways live here
GATEWAY_SERVICE = "aks-istio-ingressgateway-internal"
"""K-7: the add-on's internal ingress gateway (``internal_ingress_gateway_enabled`` in aks.py)."""
GATEWAY_PORT = 80  # the internal gateway Service's HTTP port
GATEWAY_SELECTOR = {"istio": GATEWAY_SERVICE}  # label of the internal gateway's pods
GATEWAY_HEALTH_PORT = 15021  # Istio gateway status port
GATEWAY_HEALTH_PATH = "/healthz/ready"  # Istio gateway readiness endpoint

ANNOTATION = "appgw.ingress.kubernetes.io/"
_DNS_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")
_SEGMENT = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")
_HOST = re.compile(r"(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
_KV_OBJECT_NAME = re.compile(r"[0-9A-Za-z-]{1,127}")


class ApiRoute(Props):
    """``/api/<segment>`` (and below) → ``<service>.<namespace>.svc.cluster.local:<port>``."""

    segment: str
    service: str
    port: int = Field(default=PORT, ge=1, le=65535)  # W-1

    @model_validator(mode="after")
    def _checks(self) -> ApiRoute:
        if not _SEGMENT.fullmatch(self.segment):
            raise refusal("routes.segment", self.segment, "one path segment of lowercase letters, digits, '-'")
        if not _DNS_LABEL.fullmatch(self.service):
            raise refusal("routes.service", self.service, "a Service name (DNS label)")
        return self


class IstioIngressProps(Props):
    """Where AGIC sends ``/api/*`` and how the mesh routes it. What depends on the environment has
    no default: ``from_environment`` derives it from the config."""

    name: str
    """Name of the Ingress, the Istio Gateway and the VirtualService (spec silent):
    ``<workload>-api`` from the environment."""
    namespace: str
    """The services' namespace (W-1), where the VirtualService lives."""
    ingress_namespace: str = ISTIO_INGRESS_NAMESPACE
    """Namespace of the Istio ingress gateway; the Ingress and the Gateway live there."""
    gateway_service: str = GATEWAY_SERVICE
    gateway_port: int = Field(default=GATEWAY_PORT, ge=1, le=65535)
    hosts: tuple[str, ...]
    """Host names the gateway answers: the one Front Door sends (``perimeter.origin_host_name``)."""
    certificate_name: str
    """The gateway's Key Vault certificate (G-2, ``perimeter.certificate_name``)."""
    request_timeout_seconds: int = Field(default=BACKEND_TIMEOUT_SECONDS, ge=1, le=86400)
    """AGIC's HTTP settings timeout; the same as the Terraform bootstrap (AGIC defaults to 30 s)."""
    routes: tuple[ApiRoute, ...]
    health_path: str = EDGE_HEALTH_PATH
    """Front Door's probe path (``perimeter.front_door.health_probe_path``). Outside ``/api/``, the
    Ingress sends it to the mesh edge and the ``VirtualService`` answers 200 there; under ``/api/``
    the service routes serve it."""

    @field_validator("namespace", "ingress_namespace", "gateway_service", "name")
    @classmethod
    def _dns_label(cls, value: str, info: ValidationInfo) -> str:
        if not _DNS_LABEL.fullmatch(value):
            raise refusal(str(info.field_name), value, "a Kubernetes name (DNS label, 1-63 chars)")
        return value

    @field_validator("hosts")
    @classmethod
    def _hosts(cls, hosts: tuple[str, ...]) -> tuple[str, ...]:
        bad = [h for h in hosts if not _HOST.fullmatch(h)]
        if not hosts or bad:
            raise refusal("hosts", bad or hosts, "at least one lowercase DNS host name")
        return tuple(dict.fromkeys(hosts))

    @field_validator("certificate_name")
    @classmethod
    def _certificate(cls, value: str) -> str:
        if not _KV_OBJECT_NAME.fullmatch(value):
            raise refusal("certificate_name", value, "a Key Vault certificate name (letters, digits, '-')")
        return value

    @field_validator("health_path")
    @classmethod
    def _health_path(cls, value: str) -> str:
        if not PROBE_PATH.fullmatch(value):
            raise refusal("health_path", value, PROBE_PATH_RULE)
        return value

    @property
    def answers_health(self) -> bool:
        """Whether the mesh edge answers ``health_path`` itself (it is outside ``/api/``)."""
        return not (self.health_path + "/").startswith(API_PREFIX + "/")

    @field_validator("routes")
    @classmethod
    def _routes(cls, routes: tuple[ApiRoute, ...]) -> tuple[ApiRoute, ...]:
        if not routes:
            raise refusal("routes", routes, "at least one route (an empty table routes nothing)")
        segments = [r.segment for r in routes]
        dupes = sorted({s for s in segments if segments.count(s) > 1})
        if dupes:
            raise refusal("routes", dupes, "unique path segments")
        return routes

    @classmethod
    def from_environment(cls, config: EnvironmentConfig) -> IstioIngressProps:
        """One route per workload service (``/api/user`` → ``user-service``), the host Front Door
        sends and the perimeter's certificate name."""
        workloads, perimeter = config.workloads, config.perimeter
        return cls(
            name=f"{config.naming.workload}-api",
            namespace=workloads.namespace,
            hosts=(perimeter.origin_host_name,),
            certificate_name=perimeter.listener_certificate,
            routes=tuple(ApiRoute(segment=s.name, service=s.service_name, port=s.port) for s in workloads.services),
            health_path=perimeter.front_door.health_probe_path,
        )


class IstioIngressRoute(Construct):
    """AGIC ``Ingress`` → internal Istio ingress gateway, Istio ``Gateway`` on its HTTP port, and
    the ``VirtualService`` from ``/api/<segment>`` to the services."""

    def __init__(self, scope: Construct, id: str, *, props: IstioIngressProps) -> None:
        super().__init__(scope, id)
        backend = k8s.IngressBackend(
            service=k8s.IngressServiceBackend(
                name=props.gateway_service,
                port=k8s.ServiceBackendPort(number=props.gateway_port),
            )
        )
        self.ingress = k8s.KubeIngress(
            self,
            "ingress",
            metadata=k8s.ObjectMeta(
                name=props.name,
                namespace=props.ingress_namespace,
                annotations={
                    # The 443 listener takes the certificate already on the gateway (Key Vault);
                    # port 80 only redirects (G-2).
                    f"{ANNOTATION}appgw-ssl-certificate": props.certificate_name,
                    f"{ANNOTATION}ssl-redirect": "true",
                    # Plain HTTP inside the VNet to the mesh's edge; mTLS starts there (K-7).
                    f"{ANNOTATION}backend-protocol": "http",
                    # The gateway pods' readiness, not a service's: one unhealthy service must
                    # not take the whole backend out of the pool.
                    f"{ANNOTATION}health-probe-path": GATEWAY_HEALTH_PATH,
                    f"{ANNOTATION}health-probe-port": str(GATEWAY_HEALTH_PORT),
                    f"{ANNOTATION}request-timeout": str(props.request_timeout_seconds),
                    # APRL 10f02bc6: a gateway pod leaving the pool (drain, upgrade) finishes its
                    # requests; AGIC's default timeout (30 s) applies.
                    f"{ANNOTATION}connection-draining": "true",
                },
            ),
            spec=k8s.IngressSpec(
                ingress_class_name=INGRESS_CLASS,
                rules=[
                    k8s.IngressRule(
                        host=host,
                        http=k8s.HttpIngressRuleValue(
                            paths=[
                                k8s.HttpIngressPath(path=path, path_type=PATH_TYPE, backend=backend)
                                for path in (f"{API_PREFIX}/*", *([props.health_path] if props.answers_health else []))
                            ]
                        ),
                    )
                    for host in props.hosts
                ],
            ),
        )
        # Istio CRDs: no typed classes and no schema in kubernetes-validate, so raw ApiObjects.
        self.gateway = _istio_object(
            self,
            "gateway",
            kind="Gateway",
            name=props.name,
            namespace=props.ingress_namespace,
            spec={
                "selector": {"istio": props.gateway_service},
                "servers": [
                    {
                        "port": {"number": props.gateway_port, "name": "http", "protocol": "HTTP"},
                        # `<namespace>/<host>`: only VirtualServices of the services' namespace
                        # may bind to these hosts.
                        "hosts": [f"{props.namespace}/{h}" for h in props.hosts],
                    }
                ],
            },
        )
        http: list[dict[str, object]] = []
        if props.answers_health:  # Front Door's probe, answered whatever state the services are in
            http.append(
                {
                    "name": "edge-health",
                    "match": [{"uri": {"exact": props.health_path}}],
                    "directResponse": {"status": 200},
                }
            )
        http += [
            {
                "name": route.segment,
                # `/api/user` and below, not `/api/users` (a string prefix would be).
                "match": [
                    {"uri": {"exact": f"{API_PREFIX}/{route.segment}"}},
                    {"uri": {"prefix": f"{API_PREFIX}/{route.segment}/"}},
                ],
                "route": [
                    {
                        "destination": {
                            "host": f"{route.service}.{props.namespace}.svc.cluster.local",
                            "port": {"number": route.port},
                        }
                    }
                ],
            }
            for route in props.routes
        ]
        self.virtual_service = _istio_object(
            self,
            "virtual-service",
            kind="VirtualService",
            name=props.name,
            namespace=props.namespace,
            spec={"hosts": list(props.hosts), "gateways": [f"{props.ingress_namespace}/{props.name}"], "http": http},
        )


def _istio_object(
    scope: Construct, id: str, *, kind: str, name: str, namespace: str, spec: dict[str, object]
) -> cdk8s.ApiObject:
    obj = cdk8s.ApiObject(
        scope,
        id,
        api_version="networking.istio.io/v1",
        kind=kind,
        metadata=cdk8s.ApiObjectMetadata(name=name, namespace=namespace),
    )
    obj.add_json_patch(cdk8s.JsonPatch.add("/spec", spec))
    return obj
