"""Capacity: requests at HPA max (with Istio sidecars) vs the application pool at max nodes."""

from __future__ import annotations

import pytest
from tripgen_constructs import EnvironmentConfig, NodePoolProps
from tripgen_constructs.config.errors import ConfigError
from tripgen_constructs.workloads import WorkloadsProps, allocatable, check_capacity

from apps.dev.config import DEV
from apps.prod.config import PROD
from apps.spec import AI_SERVICE, NAMESPACE, SERVICES

TRIPGEN = WorkloadsProps(namespace=NAMESPACE, services=SERVICES)
"""TripGen's workloads at prod's sizes (the W table)."""


def _pool(vm_size: str = "Standard_D8s_v3", max_count: int = 20, max_pods: int = 30) -> NodePoolProps:
    return NodePoolProps(name="application", vm_size=vm_size, min_count=1, max_count=max_count, max_pods=max_pods)


def test_d8s_v3_node_allocatable_follows_aks_reservations():
    node = allocatable(_pool())
    assert node.cpu_m == 8000 - 180  # 8 cores: 180m kube-reserved
    assert node.memory == (32 * 1024 - (20 * 30 + 50) - 100) * 2**20  # 20 MiB x 30 pods + 50 MiB, + 100 Mi eviction
    assert node.pods == 30


def test_small_vm_memory_reservation_is_capped_at_a_quarter():
    node = allocatable(_pool("Standard_D2s_v3", max_pods=250))
    assert node.memory == (8 * 1024 - 2048 - 100) * 2**20  # 25 % of 8 GiB < 20 MiB x 250 + 50 MiB


def test_prod_fits_its_application_pool_at_hpa_max_with_exact_totals():
    capacity = check_capacity(PROD.workloads, PROD.aks.application_pool)
    assert (capacity.pool, capacity.vm_size, capacity.max_nodes) == (
        "application",
        "Standard_D8s_v3",
        20,
    )  # K-4
    assert (
        capacity.requested_cpu_m == 10 * 600 + 15 * 1100 + 8 * 2100 + 10 * 600 == 45300
    )  # W max x (req + 100m sidecar)
    assert capacity.allocatable_cpu_m == 20 * 7820 == 156400
    assert capacity.requested_memory == (10 * 1152 + 15 * 2176 + 8 * 4224 + 10 * 1152) * 2**20  # + 128Mi sidecar
    assert capacity.allocatable_memory == 20 * (32 * 1024 - (20 * 50 + 50) - 100) * 2**20  # 50 pods a node
    assert (capacity.requested_pods, capacity.allocatable_pods) == (43, 1000)


def test_dev_fits_its_smaller_pool():
    capacity = check_capacity(DEV.workloads, DEV.aks.application_pool)
    assert capacity.requested_cpu_m <= capacity.allocatable_cpu_m == 3 * (4000 - 140)


def test_prod_workloads_on_too_few_nodes_are_refused():
    with pytest.raises(
        ValueError,
        match=r"'workloads.services' must be <= 15640m, the allocatable cpu of 2 × Standard_D8s_v3"
        r".*got '45300m cpu requested at HPA max'",
    ):
        check_capacity(TRIPGEN, _pool(max_count=2))


def test_prod_workloads_beyond_the_pool_memory_are_refused():
    heavy = AI_SERVICE.replace(memory_request="30Gi", memory_limit="30Gi")  # 8 x 30848Mi > 6 x 32018Mi
    with pytest.raises(ValueError, match=r"must be <= 192108Mi, the allocatable memory of 6 × Standard_D8s_v3"):
        check_capacity(WorkloadsProps(namespace=NAMESPACE, services=(heavy,)), _pool(max_count=6))


def test_prod_workloads_beyond_the_pool_pod_slots_are_refused():
    with pytest.raises(
        ValueError,
        match=r"'workloads.services' must be <= 40, the allocatable pods.*got '43 pods requested",
    ):
        check_capacity(TRIPGEN, _pool("Standard_D64s_v3", max_count=4, max_pods=10))


def test_a_pod_larger_than_one_node_is_refused():
    with pytest.raises(
        ValueError,
        match=r"'workloads.ai.requests' must be within one Standard_D2s_v3 node's "
        r"allocatable \(1900m/",
    ):
        check_capacity(WorkloadsProps(namespace=NAMESPACE, services=(AI_SERVICE,)), _pool("Standard_D2s_v3"))


def test_unknown_vm_size_is_refused_by_the_pool_before_any_capacity_check():
    with pytest.raises(ValueError, match=r"'application.vm_size' must be a VM size of config.azure_limits.VM_SIZES"):
        _pool("Standard_B2ms")


def test_environment_config_refuses_prod_workloads_on_the_dev_pool():
    with pytest.raises(ConfigError, match=r"'workloads.services' must be <= 11580m"):
        EnvironmentConfig.model_validate({**DEV.model_dump(), "workloads": TRIPGEN})


def test_environment_config_refuses_a_workload_account_the_identity_does_not_federate():
    extra = AI_SERVICE.replace(name="billing")
    with pytest.raises(
        ConfigError,
        match=r"'identity.service_accounts' must be federated for every workload account "
        r"\['billing-service-sa'\]",
    ):
        EnvironmentConfig.model_validate(
            {
                **PROD.model_dump(),
                "workloads": WorkloadsProps(namespace=NAMESPACE, services=(*PROD.workloads.services, extra)),
            }
        )
