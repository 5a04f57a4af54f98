"""The additive NetworkPolicy ``production-platform-access`` beside W-2's, from the config."""

from __future__ import annotations

from ipaddress import IPv4Network

import kubernetes_validate
import pytest
from tripgen_constructs.aks import KUBERNETES_VERSION
from tripgen_constructs.config.errors import ConfigError
from tripgen_constructs.environment import EnvironmentConfig
from tripgen_constructs.network import NetworkProps, VirtualNetworkProps
from tripgen_constructs.workloads import PlatformAccessProps

from apps import ENVIRONMENT_NAMES, spec
from apps.dev.config import DEV
from apps.prod.config import PROD
from tests import plan
from tests.workloads.conftest import Manifests

SERVICES = [{"podSelector": {"matchLabels": {"tier": "application"}}}]


def ns(name):
    return [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": name}}}]


def tcp(*ports):
    return [{"port": p, "protocol": "TCP"} for p in ports]


def blocks(*cidrs):
    return [{"ipBlock": {"cidr": c}} for c in cidrs]


# Identical in both environments: the services' port (W-1) and the AKS Istio add-on (K-7).
INGRESS = [
    {"from": SERVICES, "ports": tcp(8080)},  # N-8: service to service
    {"from": ns("aks-istio-ingress"), "ports": tcp(8080)},  # K-7, N-6: internal ingress gateway
]
MESH_EGRESS = [
    {"to": SERVICES, "ports": tcp(8080)},  # N-8
    {"to": ns("aks-istio-system"), "ports": tcp(15012)},  # K-7: istiod xDS and certificates
]


def test_prod_policy_opens_the_platform_paths_at_the_config_subnets(prod_k8s):
    policy = prod_k8s.get("NetworkPolicy", "production-platform-access")
    assert policy["metadata"]["namespace"] == "production"
    assert policy["spec"] == {
        "podSelector": {"matchLabels": {"tier": "application"}},  # the pods W-2 selects
        "policyTypes": ["Ingress", "Egress"],
        "ingress": INGRESS,
        "egress": [
            *MESH_EGRESS,
            # P-4, N-5: database subnet (N-2) + the Korea South replica's delegated subnet (P-5)
            {"to": blocks("10.1.2.0/24", "10.3.2.0/24"), "ports": tcp(5432)},
            # P-6, N-8: Redis private endpoint in the cache subnet, TLS 6380 + clustered shards
            {
                "to": blocks("10.1.3.0/24"),
                "ports": [
                    {"port": 6380, "protocol": "TCP"},
                    {"port": 13000, "endPort": 13999, "protocol": "TCP"},
                ],
            },
            # M-1, N-5: Service Bus private endpoints, primary and Geo-DR namespace (M-2)
            {"to": blocks("10.1.4.0/24", "10.3.4.0/24"), "ports": tcp(5671, 5672)},
        ],
    }


def test_dev_policy_follows_dev_config_public_service_bus_unclustered_cache_no_dr(dev_k8s):
    policy = dev_k8s.get("NetworkPolicy", "production-platform-access")
    assert policy["spec"] == {
        "podSelector": {"matchLabels": {"tier": "application"}},
        "policyTypes": ["Ingress", "Egress"],
        "ingress": INGRESS,
        "egress": [
            *MESH_EGRESS,
            {"to": blocks("10.1.2.0/24"), "ports": tcp(5432)},  # no replicas in dev
            {"to": blocks("10.1.3.0/24"), "ports": tcp(6380)},  # Standard C1: not clustered
            {"ports": tcp(5671, 5672)},  # Standard namespace: public endpoint, any destination
        ],
    }


@pytest.mark.parametrize("env", ENVIRONMENT_NAMES)
def test_platform_policy_validates_against_the_cluster_kubernetes_schema(env, request):
    policy = Manifests(request.getfixturevalue("k8s_out") / env).get("NetworkPolicy", "production-platform-access")
    kubernetes_validate.validate(policy, f"{KUBERNETES_VERSION}.0", strict=True)
    policy["spec"]["egress"][3]["ports"][0]["endport"] = 6381
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(policy, f"{KUBERNETES_VERSION}.0", strict=True)


@pytest.mark.parametrize("env", ENVIRONMENT_NAMES)
def test_w2_policy_is_unchanged_and_both_policies_select_the_same_pods(env, request):
    manifests = Manifests(request.getfixturevalue("k8s_out") / env)
    policies = [o for o in manifests.objects if o["kind"] == "NetworkPolicy"]
    assert sorted(p["metadata"]["name"] for p in policies) == [
        "production-network-policy",
        "production-platform-access",
    ]
    w2 = manifests.get("NetworkPolicy", "production-network-policy")
    assert w2["spec"]["ingress"] == [
        {"from": ns("kube-system"), "ports": tcp(8080)},
        {"from": ns("istio-system"), "ports": tcp(15001, 15006)},
    ]
    assert w2["spec"]["egress"] == [
        {"to": [{"podSelector": {"matchLabels": {"app": "postgresql"}}}], "ports": tcp(5432)},
        {"to": [{"podSelector": {"matchLabels": {"app": "redis"}}}], "ports": tcp(6379)},
        {"ports": tcp(443)},
        {"ports": [{"port": 53, "protocol": "UDP"}]},
    ]
    assert [p["spec"]["podSelector"] for p in policies] == [{"matchLabels": {"tier": "application"}}] * 2


def _spoke(second_octet: int) -> VirtualNetworkProps:
    """TripGen's spoke moved to 10.<second_octet>.0.0/16."""
    return VirtualNetworkProps(
        address_space=(IPv4Network(f"10.{second_octet}.0.0/16"),),
        subnets=tuple(
            s.model_copy(update={"cidr": IPv4Network(str(s.cidr).replace("10.1.", f"10.{second_octet}."))})
            for s in spec.SPOKE.subnets
        ),
    )


def test_destinations_follow_the_network_config_not_fixed_cidrs():
    config = EnvironmentConfig.model_validate(
        {**dict(PROD), "network": NetworkProps(hub=spec.HUB, spoke=_spoke(20), dr_spoke=spec.DR_SPOKE)}
    )
    props = PlatformAccessProps.from_environment(config)
    assert props.database_cidrs == (IPv4Network("10.20.2.0/24"), IPv4Network("10.3.2.0/24"))
    assert props.cache_cidrs == (IPv4Network("10.20.3.0/24"),)
    assert props.service_bus_cidrs == (IPv4Network("10.20.4.0/24"), IPv4Network("10.3.4.0/24"))


def test_dr_subnets_only_when_a_replica_or_geo_dr_namespace_lives_there():
    data = PROD.data.model_copy(
        update={"postgres": PROD.data.postgres.model_copy(update={"replicas": PROD.data.postgres.replicas[:1]})}
    )
    assert [r.location for r in data.postgres.replicas] == ["koreacentral"]
    config = EnvironmentConfig.model_validate(
        {
            **dict(PROD),
            "data": data,
            "messaging": PROD.messaging.model_copy(update={"geo_dr": False}),
        }
    )
    props = PlatformAccessProps.from_environment(config)
    assert props.database_cidrs == (IPv4Network("10.1.2.0/24"),)
    assert props.service_bus_cidrs == (IPv4Network("10.1.4.0/24"),)


def test_props_read_namespace_ports_and_cache_mode_from_the_environment():
    props = PlatformAccessProps.from_environment(DEV)
    assert props.namespace == "production"
    assert props.service_ports == (8080,)
    assert props.redis_clustered is False
    assert props.service_bus_cidrs is None
    assert PlatformAccessProps.from_environment(PROD).redis_clustered is True


def _access(**fields: object) -> PlatformAccessProps:
    """Platform access props of the test plan (``tests.plan``), with ``fields`` changed."""
    cidrs = {role: (plan.SPOKE.by_role(role).cidr,) for role in ("database", "cache", "private-endpoints")}
    return PlatformAccessProps(
        **{
            "namespace": plan.NAMESPACE,
            "database_cidrs": cidrs["database"],
            "cache_cidrs": cidrs["cache"],
            "service_bus_cidrs": cidrs["private-endpoints"],
            **fields,
        }
    )


@pytest.mark.parametrize("field", ["database_cidrs", "cache_cidrs", "service_bus_cidrs"])
def test_an_empty_destination_list_is_refused(field):
    with pytest.raises(ConfigError, match=rf"'{field}' must be at least one CIDR"):
        _access(**{field: ()})


@pytest.mark.parametrize("ports", [(), (0,), (8080, 65536)])
def test_service_ports_outside_1_65535_or_none_are_refused(ports):
    with pytest.raises(ConfigError, match=r"'service_ports' must be at least one port"):
        _access(service_ports=ports)


@pytest.mark.parametrize("field", ["namespace", "istio_control_plane_namespace", "istio_ingress_namespace"])
@pytest.mark.parametrize("name", ["AKS-istio", "aks_istio", "-aks", "a" * 64])
def test_a_malformed_namespace_name_is_refused(field, name):
    with pytest.raises(ConfigError, match=rf"'{field}' must be a namespace name"):
        _access(**{field: name})
