"""Workload specs: the W table (TripGen's, in ``apps.spec``), and every refusal (pure pydantic, no synth)."""

from __future__ import annotations

import pytest
from tripgen_constructs.config.errors import ConfigError
from tripgen_constructs.workloads import (
    CustomMetric,
    ServiceWorkloadProps,
    WorkloadsProps,
    memory_bytes,
    millicores,
)

from apps.spec import AI_SERVICE, LOCATION_SERVICE, NAMESPACE, SERVICES, TRIP_SERVICE, USER_SERVICE

TRIPGEN = WorkloadsProps(namespace=NAMESPACE, services=SERVICES)

# service: cpu req, mem req, cpu lim, mem lim, replicas, min, max, cpu %, mem %, metric, threshold
W_TABLE = {
    "user": ("500m", "1Gi", "2000m", "2Gi", 3, 3, 10, 70, 80, "requests_per_second", 100),
    "trip": ("1000m", "2Gi", "4000m", "4Gi", 3, 3, 15, 70, 80, "active_connections", 50),
    "ai": ("2000m", "4Gi", "8000m", "8Gi", 2, 2, 8, 80, 85, "queue_length", 10),
    "location": ("500m", "1Gi", "2000m", "2Gi", 2, 2, 10, 70, 80, "search_requests", 200),
}
W3_PDB = {"user": 2, "trip": 2, "ai": 1, "location": 1}  # W-3 resolution; design: 2, 3, 2, 2


@pytest.mark.parametrize("name", list(W_TABLE))
def test_tripgen_services_carry_the_w_table_row(name):
    s = TRIPGEN.service(name)
    assert (
        s.cpu_request,
        s.memory_request,
        s.cpu_limit,
        s.memory_limit,
        s.replicas,
        s.min_replicas,
        s.max_replicas,
        s.cpu_target_percent,
        s.memory_target_percent,
        s.custom_metric.name,
        s.custom_metric.threshold,
    ) == W_TABLE[name]
    assert s.pdb_min_available == W3_PDB[name]
    assert (s.port, s.health_path, s.liveness_failure_threshold) == (
        8080,
        "/actuator/health",
        3,
    )  # W-1, K-6


def test_tripgen_namespace_is_production_and_services_are_the_four_in_order():
    props = TRIPGEN
    assert props.namespace == "production"  # W-1
    assert [s.service_name for s in props.services] == [
        "user-service",
        "trip-service",
        "ai-service",
        "location-service",
    ]
    assert [s.service_account_name for s in props.services][:2] == [
        "user-service-sa",
        "trip-service-sa",
    ]  # S-5


def test_every_pdb_lets_at_least_one_pod_be_evicted_at_min_replicas():
    assert all(s.pdb_min_available < s.min_replicas for s in TRIPGEN.services)  # W-3


def test_the_library_has_no_namespace_or_service_list_of_its_own():
    with pytest.raises(ConfigError) as raised:
        WorkloadsProps()
    assert [str(p) for p in raised.value.problems] == [
        "'namespace' must be given (the field is required), got (nothing)",
        "'services' must be given (the field is required), got (nothing)",
    ]


@pytest.mark.parametrize(("quantity", "expected"), [("500m", 500), ("2", 2000), ("0.5", 500), ("2000m", 2000)])
def test_cpu_quantities_parse_to_millicores(quantity, expected):
    assert millicores(quantity) == expected


@pytest.mark.parametrize(("quantity", "expected"), [("1Gi", 2**30), ("512Mi", 2**29), ("1G", 10**9), ("1024", 1024)])
def test_memory_quantities_parse_to_bytes(quantity, expected):
    assert memory_bytes(quantity) == expected


@pytest.mark.parametrize(
    ("field", "value"),
    [("memory_request", "1GB"), ("memory_limit", "2 Gi"), ("memory_request", "1gi")],
)
def test_malformed_memory_quantity_is_refused(field, value):
    with pytest.raises(ConfigError, match=rf"'{field}' must be a Kubernetes memory quantity.*got '{value}'"):
        USER_SERVICE.replace(**{field: value})


@pytest.mark.parametrize("value", ["500 m", "1.5.0", "500M", "-1", "0m"])
def test_malformed_cpu_quantity_is_refused(value):
    with pytest.raises(ConfigError, match=r"'cpu_request' must be"):
        USER_SERVICE.replace(cpu_request=value)


def test_cpu_request_above_limit_is_refused():
    with pytest.raises(ConfigError, match=r"'user.cpu_request' must be <= cpu_limit \(2000m\), got '3000m'"):
        USER_SERVICE.replace(cpu_request="3000m")


def test_memory_request_above_limit_is_refused():
    with pytest.raises(ConfigError, match=r"'trip.memory_request' must be <= memory_limit \(4Gi\), got '5Gi'"):
        TRIP_SERVICE.replace(memory_request="5Gi")


def test_hpa_min_above_max_is_refused():
    with pytest.raises(ConfigError, match=r"'ai.min_replicas' must be <= max_replicas \(8\), got 9"):
        AI_SERVICE.replace(min_replicas=9, replicas=9)


def test_replicas_outside_hpa_range_are_refused():
    with pytest.raises(
        ConfigError,
        match=r"'ai.replicas' must be within \[min_replicas, max_replicas\] = \[2, 8\], got 9",
    ):
        AI_SERVICE.replace(replicas=9)


def test_hpa_min_below_pdb_min_available_is_refused():
    with pytest.raises(ConfigError, match=r"'user.min_replicas' must be >= pdb_min_available \(4\).*got 3"):
        USER_SERVICE.replace(pdb_min_available=4)


def test_design_trip_pdb_of_3_of_3_is_refused_as_w3():
    with pytest.raises(ConfigError, match=r"'trip.pdb_min_available' must be < min_replicas \(3\).*W-3.*got 3"):
        TRIP_SERVICE.replace(pdb_min_available=3)


@pytest.mark.parametrize("service", [AI_SERVICE, LOCATION_SERVICE])
def test_design_pdb_of_2_of_2_is_refused_as_w3(service):
    with pytest.raises(ConfigError, match=r"W-3"):
        service.replace(pdb_min_available=2)


def test_w3_can_be_suppressed_with_a_reason():
    trip = TRIP_SERVICE.replace(pdb_min_available=3, suppressions={"W-3": "drains are done by hand in a window"})
    assert trip.w3_finding == ("suppressed", "drains are done by hand in a window")


def test_w3_suppression_without_a_real_reason_is_refused():
    with pytest.raises(
        ConfigError,
        match=r"'suppressions\[W-3\]' must be a reason of at least 10 characters, got 'because'",
    ):
        TRIP_SERVICE.replace(pdb_min_available=3, suppressions={"W-3": "because"})


def test_suppressing_a_hard_rule_is_refused():
    with pytest.raises(ConfigError, match=r"'suppressions' must be one of \['W-3'\], got 'capacity'"):
        USER_SERVICE.replace(suppressions={"capacity": "we know what we are doing"})


@pytest.mark.parametrize("port", [0, 65536, -1])
def test_port_outside_1_to_65535_is_refused(port):
    with pytest.raises(ConfigError, match=r"'port' must be (>= 1|<= 65535), got"):
        USER_SERVICE.replace(port=port)


@pytest.mark.parametrize("port", [1, 65535])
def test_port_bounds_are_accepted(port):
    assert USER_SERVICE.replace(port=port).port == port


def test_custom_metric_without_threshold_is_refused():
    with pytest.raises(
        ConfigError,
        match=r"'custom_metric\[requests_per_second\].threshold' must be a positive number, "
        r"got None",
    ):
        CustomMetric(name="requests_per_second")


def test_custom_metric_with_zero_threshold_is_refused():
    with pytest.raises(ConfigError, match=r"must be a positive number, got 0"):
        CustomMetric(name="queue_length", threshold=0)


def test_custom_metric_with_a_malformed_name_is_refused():
    with pytest.raises(
        ConfigError,
        match=r"'custom_metric.name' must be a Prometheus-style metric name, "
        r"got 'requests-per-second'",
    ):
        CustomMetric(name="requests-per-second", threshold=1)


def test_duplicate_service_names_are_refused():
    with pytest.raises(ConfigError, match=r"'services' must be unique service names, got \['user'\]"):
        WorkloadsProps(namespace=NAMESPACE, services=(USER_SERVICE, USER_SERVICE))


def test_service_name_that_is_not_a_dns_label_is_refused():
    with pytest.raises(ConfigError, match=r"'name' must be 1-32 lowercase letters"):
        USER_SERVICE.replace(name="User_Service")


def test_unknown_field_is_refused():
    with pytest.raises(ConfigError, match=r"'cpu_requests' must be absent: not a field of this model"):
        ServiceWorkloadProps.model_validate({**USER_SERVICE.model_dump(), "cpu_requests": "1"})
