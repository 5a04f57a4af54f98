"""examples/contoso-westeurope: another region, address plan and zone count, no Front Door, from
the public API only; synthesized and diagrammed in the test session (issue 14)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from tripgen_constructs.diagrams import draw_all

from tests.conftest import EXAMPLE
from tests.synth import Stack


def _stack(example_dir: Path) -> Stack:
    return Stack(json.loads((example_dir / "stacks" / "contoso-prod" / "cdk.tf.json").read_text()))


def test_the_example_imports_only_the_public_api():
    imported = set()
    for node in ast.walk(ast.parse(EXAMPLE.read_text())):
        if isinstance(node, ast.ImportFrom):
            imported.add(node.module)
    assert imported == {
        "__future__",
        "ipaddress",
        "cdktf",
        "cdktf_cdktf_provider_azurerm",
        "tripgen_constructs",
        "tripgen_constructs.config.network",
    }


def test_the_example_lives_in_west_and_north_europe_only(example_dir):
    text = json.dumps(_stack(example_dir).data)
    locations = {
        body["location"]
        for rtype in _stack(example_dir).resources.values()
        for body in rtype.values()
        if "location" in body
    }
    assert locations == {"westeurope", "northeurope"}
    assert "korea" not in text and "tripgen" not in text.lower()


def test_the_example_uses_its_172_16_address_plan_and_no_front_door(example_dir):
    stack = _stack(example_dir)
    spaces = sorted(s for v in stack.of_type("azurerm_virtual_network").values() for s in v["address_space"])
    assert spaces == ["172.16.0.0/16", "172.17.0.0/16", "172.19.0.0/16"]
    assert stack.count("azurerm_cdn_frontdoor_profile") == stack.count("azurerm_application_gateway") == 0


def test_the_example_nsg_rules_resolve_roles_to_its_subnets_and_follow_its_topology(example_dir):
    stack = _stack(example_dir)
    database = stack.by_path("azurerm_network_security_group", "network/spoke/nsg-postgres")
    sources = {r["name"]: r["source_address_prefix"] for r in database["security_rule"]}
    assert sources == {
        "allow-postgresql-from-aks-nodes": "172.17.0.0/22",
        "allow-postgresql-from-aks-pods": "172.17.8.0/21",
        "allow-postgresql-from-database": "172.17.4.0/24",
        "allow-postgresql-from-dr-database": "172.19.4.0/24",
        "deny-vnet-inbound": "VirtualNetwork",
    }
    nodes = stack.by_path("azurerm_network_security_group", "network/spoke/nsg-nodes")
    # no gateway, no Service Bus: only the data-tier egress stays
    assert [r["name"] for r in nodes["security_rule"]] == ["allow-postgresql-outbound", "allow-redis-outbound"]


def test_the_example_spans_two_zones_and_replicates_to_the_pair(example_dir):
    stack = _stack(example_dir)
    cluster = stack.by_path("azurerm_kubernetes_cluster", "aks/cluster")
    assert cluster["default_node_pool"]["zones"] == ["1", "2"]
    server = stack.by_path("azurerm_postgresql_flexible_server", "data/postgres/server")
    assert (server["zone"], server["high_availability"]["standby_availability_zone"]) == ("1", "2")
    replica = stack.by_path("azurerm_postgresql_flexible_server", "data/postgres/replica-northeurope")
    assert replica["location"] == "northeurope"
    assert stack.by_path("azurerm_redis_cache", "data/redis/cache")["zones"] == ["1", "2"]


def test_the_example_is_diagrammed(example_dir, tmp_path):
    drawn = draw_all(example_dir, tmp_path, ("mmd",))
    assert sorted(p.name for p in tmp_path.glob("*.mmd")) == [
        "network-contoso-prod.mmd",
        "physical-architecture-contoso-prod.mmd",
    ]
    network = (tmp_path / "network-contoso-prod.mmd").read_text()
    assert "West Europe" in network or "westeurope" in network
    assert drawn.views
