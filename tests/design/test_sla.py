"""Composite SLA along the request path: series, parallel, not-in-the-SLA hops, target and changes."""

from __future__ import annotations

import math

import pytest
from tripgen_constructs import sla
from tripgen_constructs.config import sla_table as t

from .stacks import stack_of, zonal_request_path


def _figures(report: sla.SlaReport) -> dict[str, float | None]:
    return {s.label: s.availability for s in report.stages}


def test_request_path_is_front_door_gateway_aks_nodes_database_cache_endpoint_queue_in_series():
    report = sla.assess(stack_of(zonal_request_path()))
    assert [s.label for s in report.stages] == [
        "Front Door",
        "Application Gateway",
        "AKS API server",
        "AKS node VMs",
        "PostgreSQL",
        "Redis",
        "Private endpoint (cache)",
        "Service Bus",
    ]
    expected = 0.9999 * 0.9995 * 0.9999 * 0.999 * 0.9999 * 0.999
    assert report.composite == pytest.approx(expected, abs=1e-12)


def test_a_hop_without_a_published_figure_is_not_in_the_sla_and_never_counts_as_100_percent():
    report = sla.assess(stack_of(zonal_request_path()))
    assert [h.name for h in report.not_in_sla] == ["Application Gateway", "AKS node VMs"]
    assert report.upper_bound
    assert all(h.availability is None for h in report.not_in_sla)
    # the composite is the product of the known figures only, and is flagged as an upper bound
    assert report.meets_target is None or report.meets_target is False


def test_free_tier_aks_has_no_sla_and_standard_without_zones_is_99_9():
    free = sla.assess(stack_of(zonal_request_path(azurerm_kubernetes_cluster={"aks": {"default_node_pool": {}}})))
    assert _figures(free)["AKS API server"] is None
    flat = {"aks": {"sku_tier": "Standard", "default_node_pool": {"zones": ["1"]}}}
    standard = sla.assess(stack_of(zonal_request_path(azurerm_kubernetes_cluster=flat)))
    assert _figures(standard)["AKS API server"] == pytest.approx(0.999)


@pytest.mark.parametrize(
    ("high_availability", "figure"),
    [({"mode": "ZoneRedundant"}, 0.9999), ({"mode": "SameZone"}, 0.9995), (None, 0.999)],
)
def test_postgres_figure_follows_its_high_availability_mode(high_availability, figure):
    server = {"pg": {"sku_name": "GP_Standard_D2s_v3", "high_availability": high_availability}}
    report = sla.assess(stack_of(zonal_request_path(azurerm_postgresql_flexible_server=server)))
    assert _figures(report)["PostgreSQL"] == pytest.approx(figure)


def test_read_replicas_and_the_geo_dr_partner_are_excluded_with_their_reason():
    resources = zonal_request_path(
        azurerm_postgresql_flexible_server={
            "pg": {"sku_name": "GP_Standard_D2s_v3", "high_availability": {"mode": "ZoneRedundant"}},
            "replica": {"sku_name": "GP_Standard_D2s_v3", "create_mode": "Replica", "name": "r1"},
        },
        azurerm_servicebus_namespace={"sb": {"sku": "Premium"}, "sb-dr": {"sku": "Premium", "name": "dr"}},
        azurerm_servicebus_namespace_disaster_recovery_config={
            "alias": {
                "primary_namespace_id": "${azurerm_servicebus_namespace.sb.id}",
                "partner_namespace_id": "${azurerm_servicebus_namespace.sb-dr.id}",
            }
        },
    )
    report = sla.assess(stack_of(resources))
    assert {e.name: e.reason for e in report.excluded} == {
        "PostgreSQL replica r1": sla.REPLICA,
        "Service Bus dr": sla.GEO_DR,
    }
    assert [s.label for s in report.stages].count("Service Bus") == 1
    assert [s.label for s in report.stages].count("PostgreSQL") == 1


def test_two_clusters_behind_two_front_door_origins_are_a_parallel_stage():
    cluster = {"sku_tier": "Standard", "default_node_pool": {"zones": ["1", "2", "3"]}}
    resources = zonal_request_path(
        azurerm_kubernetes_cluster={"aks-a": cluster, "aks-b": cluster},
        azurerm_cdn_frontdoor_origin={"a": {}, "b": {}},
    )
    report = sla.assess(stack_of(resources))
    stage = next(s for s in report.stages if s.role == "cluster")
    assert len(stage.hops) == 2
    assert stage.availability == pytest.approx(1 - (1 - 0.9995) ** 2)


def test_two_clusters_behind_one_origin_stay_in_series():
    cluster = {"sku_tier": "Standard", "default_node_pool": {"zones": ["1", "2", "3"]}}
    report = sla.assess(stack_of(zonal_request_path(azurerm_kubernetes_cluster={"aks-a": cluster, "aks-b": cluster})))
    assert [len(s.hops) for s in report.stages if s.role == "cluster"] == [1, 1]


def test_weakest_link_gap_and_warning_against_the_target():
    report = sla.assess(stack_of(zonal_request_path()), target=99.9)
    assert [s.label for s in report.weakest] == ["Redis", "Service Bus"]  # tied at 99.9 %
    assert report.gap == pytest.approx(report.composite * 100 - 99.9)
    assert report.meets_target is False
    assert report.warning() == f"tripgen-test: composite SLA {report.composite * 100:.3f} % misses the target 99.9 %"


def test_no_target_means_no_warning_and_no_changes():
    report = sla.assess(stack_of(zonal_request_path()))
    assert report.warning() is None
    assert report.changes == () and report.together is None


def test_cheapest_changes_come_first_and_together_reach_the_target():
    report = sla.assess(stack_of(zonal_request_path()), target=99.9)
    assert [c.azure_cost for c in report.changes] == ["none", "none"]
    without_cache = math.prod(s.availability for s in report.stages if s.availability is not None and s.role != "cache")
    assert report.changes[0].composite == pytest.approx(without_cache)
    assert report.together is not None
    assert report.together.composite * 100 >= 99.9
    assert report.together.azure_cost == "none"


def test_an_upgrade_is_offered_where_the_table_has_a_better_configuration():
    server = {"pg": {"sku_name": "GP_Standard_D2s_v3"}}
    report = sla.assess(stack_of(zonal_request_path(azurerm_postgresql_flexible_server=server)), target=99.99)
    upgrades = [c for c in report.changes if c.azure_cost != "none"]
    assert [c.description for c in upgrades] == ["PostgreSQL (pg): no HA → same-zone HA"]


def test_every_row_of_the_sla_table_cites_a_source_and_the_date_read():
    for row in t.SLA_TABLE:
        assert row.source.startswith("https://"), row
        assert row.read == "2026-12-01", row
        assert row.percent is None or 99 <= row.percent < 100, row


def test_prod_misses_99_9_and_names_redis_and_service_bus_as_the_weakest_links(synth_dir):
    from tripgen_constructs.synthesized import load_stacks

    prod = next(s for s in load_stacks(synth_dir) if s.name == "tripgen-prod")
    report = sla.assess(prod, 99.9)
    expected = 0.9999 * 0.9995 * 0.9999 * 0.999 * 0.9999 * 0.999 * 0.9999
    assert report.composite == pytest.approx(expected, abs=1e-12)
    assert report.meets_target is False
    assert [s.label for s in report.weakest] == ["Redis", "Service Bus"]
    assert {e.path for e in report.excluded} >= {
        "data/postgres/replica-koreacentral",
        "data/postgres/replica-koreasouth",
        "messaging/dr-namespace",
    }


@pytest.mark.parametrize(("minimum", "verdict"), [(2, sla.GATEWAY_ELIGIBLE), (1, sla.GATEWAY_NOT_ELIGIBLE)])
def test_gateway_without_a_figure_still_says_whether_it_meets_the_sla_conditions(minimum, verdict):
    gateway = {"agw": {"sku": {"name": "WAF_v2"}, "autoscale_configuration": {"min_capacity": minimum}}}
    report = sla.assess(stack_of(zonal_request_path(azurerm_application_gateway=gateway)))
    hop = next(h for h in report.not_in_sla if h.name == "Application Gateway")
    assert hop.why_not == f"{sla.NO_FIGURE}; {verdict} ({t.GATEWAY_ELIGIBILITY})"
