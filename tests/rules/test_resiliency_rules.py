"""ResiliencyPack rules on small documents."""

from __future__ import annotations

import pytest
from tripgen_constructs.rules import RESILIENCY_PACK, Status, resiliency as r

from tests.rules.helpers import check, doc

OK, BAD, NA = Status.COMPLIANT, Status.NON_COMPLIANT, Status.NOT_APPLICABLE
ZONES = ["1", "2", "3"]


def _aks(pool, **cluster):
    return doc(("azurerm_kubernetes_cluster", "aks", {"sku_tier": "Standard", "default_node_pool": pool, **cluster}))


@pytest.mark.parametrize(
    ("pool", "expected"),
    [
        ({"zones": ZONES}, OK),
        ({"zones": ["1", "1"]}, BAD),
        ({"zones": ["1"]}, BAD),
        ({}, BAD),
    ],
)
def test_aks_system_pool_spans_two_zones(pool, expected):
    assert check(r.aks_pool_zones, _aks(pool), "aks") is expected


@pytest.mark.parametrize(("enabled", "expected"), [(True, OK), (False, BAD), (None, BAD)])
def test_aks_pools_run_the_autoscaler(enabled, expected):
    template = doc(("azurerm_kubernetes_cluster_node_pool", "p", {"zones": ZONES, "auto_scaling_enabled": enabled}))
    assert (check(r.aks_autoscaler, template, "p"), check(r.aks_pool_zones, template, "p")) == (expected, OK)


@pytest.mark.parametrize(
    ("pool", "expected"),
    [
        ({"auto_scaling_enabled": True, "min_count": 2}, OK),
        ({"auto_scaling_enabled": True, "min_count": 1, "node_count": 3}, BAD),
        ({"node_count": 2}, OK),
        ({"node_count": 1}, BAD),
    ],
)
def test_aks_system_pool_has_at_least_two_nodes(pool, expected):
    assert check(r.aks_system_nodes, _aks(pool), "aks") is expected


@pytest.mark.parametrize(("tier", "expected"), [("Standard", OK), ("Premium", OK), ("Free", BAD)])
def test_aks_tier_has_an_uptime_sla(tier, expected):
    assert check(r.aks_tier, _aks({}, sku_tier=tier), "aks") is expected


def test_aks_without_sku_tier_is_free_and_flagged():
    assert check(r.aks_tier, doc(("azurerm_kubernetes_cluster", "aks", {})), "aks") is BAD


@pytest.mark.parametrize(
    ("body", "zones", "capacity"),
    [
        ({"zones": ZONES, "autoscale_configuration": {"min_capacity": 3}}, OK, OK),
        ({"zones": ["1"], "autoscale_configuration": {"min_capacity": 1}}, BAD, BAD),
        ({"sku": {"capacity": 2}}, BAD, OK),
    ],
)
def test_app_gateway_zones_and_minimum_capacity(body, zones, capacity):
    template = doc(("azurerm_application_gateway", "agw", body))
    assert (check(r.app_gateway_zones, template, "agw"), check(r.app_gateway_capacity, template, "agw")) == (
        zones,
        capacity,
    )


def test_public_ip_must_be_zone_redundant():
    ok = doc(("azurerm_public_ip", "ip", {"sku": "Standard", "zones": ZONES}))
    bad = doc(("azurerm_public_ip", "ip", {"sku": "Standard"}))
    assert (check(r.public_ip_zones, ok, "ip"), check(r.public_ip_zones, bad, "ip")) == (OK, BAD)


@pytest.mark.parametrize(
    ("body", "ha", "geo"),
    [
        (
            {
                "zone": "1",
                "high_availability": {"mode": "ZoneRedundant", "standby_availability_zone": "2"},
                "geo_redundant_backup_enabled": True,
            },
            OK,
            OK,
        ),
        ({"zone": "1", "high_availability": {"mode": "ZoneRedundant", "standby_availability_zone": "1"}}, BAD, BAD),
        ({"high_availability": {"mode": "SameZone"}, "geo_redundant_backup_enabled": False}, BAD, BAD),
        ({"create_mode": "Replica"}, NA, NA),
    ],
)
def test_postgresql_zone_redundant_ha_and_geo_backup(body, ha, geo):
    template = doc(("azurerm_postgresql_flexible_server", "pg", body))
    assert (check(r.postgres_ha, template, "pg"), check(r.postgres_geo_backup, template, "pg")) == (ha, geo)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"sku_name": "Premium", "zones": ZONES}, OK),
        ({"sku_name": "Premium", "zones": ["1"]}, BAD),
        ({"sku_name": "Standard"}, BAD),
    ],
)
def test_redis_premium_across_zones(body, expected):
    assert check(r.redis_zones, doc(("azurerm_redis_cache", "redis", body)), "redis") is expected


@pytest.mark.parametrize(
    ("replication", "expected"), [("ZRS", OK), ("GZRS", OK), ("RAGZRS", OK), ("LRS", BAD), ("GRS", BAD)]
)
def test_storage_is_zone_redundant(replication, expected):
    template = doc(("azurerm_storage_account", "st", {"account_replication_type": replication}))
    assert check(r.storage_redundancy, template, "st") is expected


def test_resiliency_pack_holds_the_ten_original_rules_and_the_aprl_ones():
    assert len(RESILIENCY_PACK.rules) == 54
