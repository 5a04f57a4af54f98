"""A plan that is not TripGen's, for the tests about the library: the library has no address plan,
namespace or service list of its own (issue 14), so a test that builds props gives them from here.
Tests about TripGen's environments read ``apps.spec`` instead."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Network
from typing import Any

from tripgen_constructs import (
    CustomMetric,
    NetworkProps,
    SecurePerimeterProps,
    ServiceWorkloadProps,
    WorkloadsProps,
    ZonalAksClusterProps,
    dr_spoke_network,
    hub_network,
    spoke_network,
)

HUB = hub_network(IPv4Network("172.20.0.0/16"), gateway=IPv4Network("172.20.1.0/24"))
SPOKE = spoke_network(
    IPv4Network("172.21.0.0/16"),
    aks=IPv4Network("172.21.0.0/22"),
    aks_pods=IPv4Network("172.21.8.0/21"),
    database=IPv4Network("172.21.4.0/24"),
    cache=IPv4Network("172.21.5.0/24"),
    private_endpoints=IPv4Network("172.21.6.0/24"),
)
DR_SPOKE = dr_spoke_network(
    IPv4Network("172.23.0.0/16"), database=IPv4Network("172.23.4.0/24"), private_endpoints=IPv4Network("172.23.6.0/24")
)
NETWORK = NetworkProps(hub=HUB, spoke=SPOKE, dr_spoke=DR_SPOKE)
NETWORK_WITHOUT_DR = NetworkProps(hub=HUB, spoke=SPOKE)
SERVICE_CIDR = IPv4Network("172.22.0.0/16")
PRIVATE_IP = IPv4Address("172.20.1.10")

NAMESPACE = "shop"
ORDERS = ServiceWorkloadProps(
    name="orders",
    cpu_request="500m",
    memory_request="1Gi",
    cpu_limit="1000m",
    memory_limit="2Gi",
    replicas=3,
    min_replicas=3,
    max_replicas=6,
    cpu_target_percent=70,
    memory_target_percent=80,
    custom_metric=CustomMetric(name="orders_per_second", threshold=50),
    pdb_min_available=2,
)
CART = ORDERS.replace(name="cart", custom_metric=CustomMetric(name="carts_open", threshold=100))
SERVICES = (ORDERS, CART)


def aks(**fields: Any) -> ZonalAksClusterProps:
    """AKS props with this plan's service CIDR."""
    return ZonalAksClusterProps(**{"service_cidr": SERVICE_CIDR, **fields})


def perimeter(**fields: Any) -> SecurePerimeterProps:
    """Perimeter props with this plan's private frontend address."""
    return SecurePerimeterProps(**{"private_ip": PRIVATE_IP, **fields})


def workloads(**fields: Any) -> WorkloadsProps:
    """This plan's namespace and services."""
    return WorkloadsProps(**{"namespace": NAMESPACE, "services": SERVICES, **fields})


def environment(**fields: Any) -> dict[str, Any]:
    """The fields every ``EnvironmentConfig`` needs, from this plan (a dev-like environment)."""
    return {
        "workload": "shop",
        "name": "dev",
        "location": "westeurope",
        "production": False,
        "network": NETWORK,
        "aks": aks(),
        "perimeter": perimeter(),
        "workloads": workloads(),
        **fields,
    }
