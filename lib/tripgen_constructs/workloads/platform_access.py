"""``PlatformAccessPolicy``: the additive NetworkPolicy that opens what W-2 misses.

W-2 (``production-network-policy``) is kept verbatim; as written it blocks the services: the data
services are Azure managed services behind private endpoints, not pods; Redis speaks TLS on 6380
(and 13000-13999 when clustered); Service Bus AMQP needs 5671/5672; nothing admits
service-to-service traffic or the AKS Istio add-on's namespaces. NetworkPolicies are additive (a
connection is allowed if any policy selecting the pod allows it), so this second policy on the same
pods opens exactly those paths, with destinations taken from the environment's network config.
"""

from __future__ import annotations

import re
from ipaddress import IPv4Network
from typing import TYPE_CHECKING

from pydantic import ValidationInfo, field_validator

from ..config.network import CACHE, DATABASE, PRIVATE_ENDPOINT, VirtualNetworkProps
from ..config.props import Props, refusal
from ..config.workloads import PORT
from ._k8s import Construct, k8s
from .namespace import namespace_peer, policy_ports
from .service import TIER_LABEL

if TYPE_CHECKING:
    from ..config.environment import EnvironmentConfig

NETWORK_POLICY_SUFFIX = "-platform-access"  # beside W-2's `<namespace>-network-policy`
POSTGRES_PORT = 5432  # N-5, N-8
REDIS_TLS_PORT = 6380  # N-8; the non-TLS 6379 is off (P-6)
# P-6 clustering: the per-shard TLS ports a clustered cache redirects clients to (endPort range).
REDIS_CLUSTER_TLS_PORTS = (13000, 13999)
SERVICE_BUS_AMQP_PORTS = (5671, 5672)  # N-5, M-1: AMQP over TLS / AMQP; 443 (websockets) is W-2's
ISTIOD_XDS_PORT = 15012  # K-7: sidecars fetch config (xDS) and certificates from istiod over mTLS
ISTIO_CONTROL_PLANE_NAMESPACE = "aks-istio-system"  # K-7: the AKS Istio add-on's istiod
ISTIO_INGRESS_NAMESPACE = "aks-istio-ingress"  # K-7: the add-on's internal ingress gateway
_DNS_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")  # Kubernetes namespace names


class PlatformAccessProps(Props):
    """What the services must reach beyond W-2; ``from_environment`` derives it from the config.
    The namespace and the subnets have no default: they are the environment's."""

    namespace: str
    """The services' namespace (W-1)."""
    service_ports: tuple[int, ...] = (PORT,)  # W-1, N-8: the ports the services listen on
    database_cidrs: tuple[IPv4Network, ...]
    """Delegated subnets of the PostgreSQL server and its replicas (N-2, P-4)."""
    cache_cidrs: tuple[IPv4Network, ...]
    """Subnet of the Redis private endpoint (N-2 resolution, P-6)."""
    redis_clustered: bool = True  # P-6: 6 shards
    """Also open ``REDIS_CLUSTER_TLS_PORTS``, where a clustered cache redirects clients."""
    service_bus_cidrs: tuple[IPv4Network, ...] | None
    """Subnets of the Service Bus private endpoints (M-1); ``None``: public namespace, any destination."""
    istio_control_plane_namespace: str = ISTIO_CONTROL_PLANE_NAMESPACE
    istio_ingress_namespace: str = ISTIO_INGRESS_NAMESPACE

    @field_validator("namespace", "istio_control_plane_namespace", "istio_ingress_namespace")
    @classmethod
    def _namespace(cls, name: str, info: ValidationInfo) -> str:
        if not _DNS_LABEL.fullmatch(name):
            raise refusal(str(info.field_name), name, "a namespace name (DNS label, 1-63 chars)")
        return name

    @field_validator("service_ports")
    @classmethod
    def _ports(cls, ports: tuple[int, ...]) -> tuple[int, ...]:
        if not ports or any(not 1 <= p <= 65535 for p in ports):
            raise refusal("service_ports", ports, "at least one port, each within 1-65535")
        return tuple(sorted(set(ports)))

    @field_validator("database_cidrs", "cache_cidrs", "service_bus_cidrs")
    @classmethod
    def _cidrs(cls, cidrs: tuple[IPv4Network, ...] | None, info: ValidationInfo) -> tuple[IPv4Network, ...] | None:
        if cidrs is None:
            return None
        if not cidrs:
            raise refusal(str(info.field_name), cidrs, "at least one CIDR (an empty list allows nothing)")
        return tuple(dict.fromkeys(cidrs))

    @classmethod
    def from_environment(cls, config: EnvironmentConfig) -> PlatformAccessProps:
        """Destinations from ``config.network`` (N-2): the database subnet, plus the DR spoke's
        when a PostgreSQL replica lives in the DR region (P-5); the cache subnet (Redis private
        endpoint); the private-endpoint subnet, plus the DR spoke's under Geo-DR (M-2: after a
        failover the alias resolves to the DR namespace's endpoint), or ``None`` for a public
        namespace."""
        spoke, dr_spoke = config.network.spoke, config.network.dr_spoke
        dr_replica = any(r.location == config.dr_location for r in config.data.postgres.replicas)
        messaging = config.messaging
        return cls(
            namespace=config.workloads.namespace,
            service_ports=tuple(s.port for s in config.workloads.services),
            database_cidrs=_cidr(spoke, DATABASE) + _cidr(dr_spoke if dr_replica else None, DATABASE),
            cache_cidrs=_cidr(spoke, CACHE),
            redis_clustered=config.data.redis.shard_count is not None,
            service_bus_cidrs=_cidr(spoke, PRIVATE_ENDPOINT)
            + _cidr(dr_spoke if messaging.geo_dr else None, PRIVATE_ENDPOINT)
            if messaging.private_endpoint
            else None,
        )


def _cidr(vnet: VirtualNetworkProps | None, role: str) -> tuple[IPv4Network, ...]:
    """The prefix of the subnet playing ``role``, or nothing when the VNet or the subnet does not exist."""
    subnet = vnet.by_role(role) if vnet is not None else None
    return (subnet.cidr,) if subnet is not None else ()


def _blocks(cidrs: tuple[IPv4Network, ...]) -> list[k8s.NetworkPolicyPeer]:
    return [k8s.NetworkPolicyPeer(ip_block=k8s.IpBlock(cidr=str(c))) for c in cidrs]


class PlatformAccessPolicy(Construct):
    """NetworkPolicy ``<namespace>-platform-access`` on the pods W-2 selects (``tier: application``),
    allowing, in addition to W-2: the services to each other and from the Istio ingress gateway on
    their ports; sidecars to istiod; PostgreSQL, Redis and Service Bus at their subnets."""

    def __init__(self, scope: Construct, id: str, *, props: PlatformAccessProps) -> None:
        super().__init__(scope, id)
        services = k8s.NetworkPolicyPeer(pod_selector=k8s.LabelSelector(match_labels=TIER_LABEL))
        service_ports = policy_ports("TCP", *props.service_ports)
        redis_ports: tuple[int | tuple[int, int], ...] = (REDIS_TLS_PORT,)
        if props.redis_clustered:
            redis_ports += (REDIS_CLUSTER_TLS_PORTS,)
        self.network_policy = k8s.KubeNetworkPolicy(
            self,
            "network-policy",
            metadata=k8s.ObjectMeta(name=props.namespace + NETWORK_POLICY_SUFFIX, namespace=props.namespace),
            spec=k8s.NetworkPolicySpec(
                pod_selector=k8s.LabelSelector(match_labels=TIER_LABEL),
                policy_types=["Ingress", "Egress"],
                ingress=[
                    # N-8: service to service (the sidecar forwards to the pod port, K-7).
                    k8s.NetworkPolicyIngressRule(from_=[services], ports=service_ports),
                    # N-6, K-7: the add-on's internal ingress gateway (AGIC's target, see docs).
                    k8s.NetworkPolicyIngressRule(
                        from_=[namespace_peer(props.istio_ingress_namespace)], ports=service_ports
                    ),
                ],
                egress=[
                    k8s.NetworkPolicyEgressRule(to=[services], ports=service_ports),  # N-8
                    k8s.NetworkPolicyEgressRule(  # K-7
                        to=[namespace_peer(props.istio_control_plane_namespace)],
                        ports=policy_ports("TCP", ISTIOD_XDS_PORT),
                    ),
                    k8s.NetworkPolicyEgressRule(  # P-4, N-5, N-8
                        to=_blocks(props.database_cidrs), ports=policy_ports("TCP", POSTGRES_PORT)
                    ),
                    k8s.NetworkPolicyEgressRule(  # P-6, N-8
                        to=_blocks(props.cache_cidrs), ports=policy_ports("TCP", *redis_ports)
                    ),
                    k8s.NetworkPolicyEgressRule(  # M-1, N-5
                        to=_blocks(props.service_bus_cidrs) if props.service_bus_cidrs else None,
                        ports=policy_ports("TCP", *SERVICE_BUS_AMQP_PORTS),
                    ),
                ],
            ),
        )
