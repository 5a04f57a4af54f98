"""``WorkloadNamespace``: the services' namespace, Istio injection, STRICT mTLS, W-2 policy."""

from __future__ import annotations

from ._k8s import Construct, cdk8s, k8s
from .service import TIER_LABEL

ISTIO_REVISION_LABEL = "istio.io/rev"
"""K-7: the AKS Istio add-on injects sidecars by revision label, not ``istio-injection=enabled``."""
NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name"
"""Set by Kubernetes on every namespace; the design's namespaces carry no other label."""
NETWORK_POLICY_SUFFIX = "-network-policy"  # W-2: `production-network-policy` in the namespace `production`
INGRESS = (("kube-system", (8080,)), ("istio-system", (15001, 15006)))  # W-2: namespace, TCP ports
EGRESS_TO_PODS = (("postgresql", 5432), ("redis", 6379))  # W-2: pods `app: <name>`, TCP port
EGRESS_ANYWHERE = (("TCP", 443), ("UDP", 53))  # W-2: HTTPS anywhere, DNS


def policy_ports(protocol: str, *ports: int | tuple[int, int]) -> list[k8s.NetworkPolicyPort]:
    """NetworkPolicy ports: a number, or an inclusive ``(first, last)`` range (``endPort``)."""
    result = []
    for port in ports:
        first, last = port if isinstance(port, tuple) else (port, None)
        result.append(k8s.NetworkPolicyPort(protocol=protocol, port=k8s.IntOrString.from_number(first), end_port=last))
    return result


def namespace_peer(name: str) -> k8s.NetworkPolicyPeer:
    """Every pod of namespace ``name``."""
    return k8s.NetworkPolicyPeer(namespace_selector=k8s.LabelSelector(match_labels={NAMESPACE_NAME_LABEL: name}))


class WorkloadNamespace(Construct):
    """Namespace ``name`` (W-1) labelled for the Istio ``istio_revision`` (K-7), a namespace-wide
    STRICT mTLS ``PeerAuthentication`` and the NetworkPolicy of W-2, exactly as designed."""

    def __init__(self, scope: Construct, id: str, *, name: str, istio_revision: str) -> None:
        super().__init__(scope, id)
        self.namespace = k8s.KubeNamespace(
            self,
            "namespace",
            metadata=k8s.ObjectMeta(name=name, labels={ISTIO_REVISION_LABEL: istio_revision}),
        )
        # A CRD of the Istio add-on: no typed class, so a raw ApiObject.
        self.peer_authentication = cdk8s.ApiObject(
            self,
            "peer-authentication",
            api_version="security.istio.io/v1",
            kind="PeerAuthentication",
            metadata=cdk8s.ApiObjectMetadata(name="default", namespace=name),
        )
        self.peer_authentication.add_json_patch(cdk8s.JsonPatch.add("/spec", {"mtls": {"mode": "STRICT"}}))
        self.network_policy = k8s.KubeNetworkPolicy(
            self,
            "network-policy",
            metadata=k8s.ObjectMeta(name=name + NETWORK_POLICY_SUFFIX, namespace=name),
            spec=k8s.NetworkPolicySpec(
                pod_selector=k8s.LabelSelector(match_labels=TIER_LABEL),
                policy_types=["Ingress", "Egress"],
                ingress=[
                    k8s.NetworkPolicyIngressRule(
                        from_=[namespace_peer(source)],
                        ports=policy_ports("TCP", *ports),
                    )
                    for source, ports in INGRESS
                ],
                egress=[
                    *(
                        k8s.NetworkPolicyEgressRule(
                            to=[k8s.NetworkPolicyPeer(pod_selector=k8s.LabelSelector(match_labels={"app": app}))],
                            ports=policy_ports("TCP", port),
                        )
                        for app, port in EGRESS_TO_PODS
                    ),
                    *(
                        k8s.NetworkPolicyEgressRule(ports=policy_ports(protocol, port))
                        for protocol, port in EGRESS_ANYWHERE
                    ),
                ],
            ),
        )
