"""Monthly cost: quantities at min and max scale, the Retail Prices API file, not-priced lines."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tripgen_constructs import cost
from tripgen_constructs.config.price_table import PRICE_TABLE
from tripgen_constructs.design.__main__ import main as design_main

from .stacks import stack_of, zonal_request_path

FIXTURE = Path(__file__).parent / "fixtures" / "retail-prices.json"


def _stack():
    resources = zonal_request_path()
    resources["azurerm_kubernetes_cluster"]["aks"].update(location="koreacentral")
    resources["azurerm_kubernetes_cluster"]["aks"]["default_node_pool"].update(
        name="system", auto_scaling_enabled=True, min_count=3, max_count=5
    )
    resources["azurerm_postgresql_flexible_server"]["pg"].update(location="koreacentral")
    return stack_of(resources)


def _line(report: cost.CostReport, start: str) -> cost.PricedLine:
    return next(p for p in report.lines if p.line.item.startswith(start))


def test_price_file_keeps_usd_consumption_prices_in_the_api_fields():
    prices = cost.load_price_file(FIXTURE)
    assert len(prices) == 6  # the reservation is left out
    vm = prices[0]
    assert (vm.region, vm.service, vm.arm_sku, vm.meter, vm.unit, vm.usd) == (
        "koreacentral",
        "Virtual Machines",
        "Standard_D4s_v3",
        "D4s v3",
        "1 Hour",
        0.5,
    )
    assert vm.source == "retail-prices.json (Azure Retail Prices API)" and vm.read == "2026-01-01"


def test_node_pool_is_priced_at_min_and_max_count_by_the_linux_pay_as_you_go_price():
    report = cost.assess(_stack(), cost.load_price_file(FIXTURE), "fixture")
    pool = _line(report, "system pool")
    assert (pool.line.minimum, pool.line.maximum) == (3 * 730, 5 * 730)
    assert pool.price is not None and pool.price.product == "Virtual Machines DSv3 Series"  # not Windows, not Spot
    assert (pool.usd_min, pool.usd_max) == pytest.approx((0.5 * 3 * 730, 0.5 * 5 * 730))


def test_zone_redundant_postgres_bills_the_standby_like_the_primary():
    report = cost.assess(_stack(), cost.load_price_file(FIXTURE), "fixture")
    compute = _line(report, "PostgreSQL primary")
    assert compute.line.minimum == 2 * 8 * 730
    assert compute.usd_min == pytest.approx(0.2 * 2 * 8 * 730)
    storage = next(p for p in report.lines if "storage" in p.line.item)
    assert storage.line.minimum == pytest.approx(2 * 32)
    assert storage.usd_min == pytest.approx(0.15 * 64)


def test_a_price_in_another_unit_leaves_the_line_not_priced():
    report = cost.assess(_stack(), cost.load_price_file(FIXTURE), "fixture")
    front_door = _line(report, "Front Door")
    assert front_door.price is None
    assert front_door.why_not == "price unit 1 Hour, quantity in 1/Month"


def test_not_priced_lines_are_listed_and_never_counted_as_zero():
    report = cost.assess(_stack(), cost.load_price_file(FIXTURE), "fixture")
    priced = [p for p in report.lines if p.price is not None]
    assert report.total_min == pytest.approx(sum(p.usd_min or 0 for p in priced))
    assert {p.line.item for p in report.not_priced} >= {"Front Door Standard base fee", "Data transfer"}
    assert all(p.usd_min is None and p.usd_max is None for p in report.not_priced)
    low, high, missing = report.component("Application Gateway")
    assert (low, high, missing) == (None, None, 2)


def test_every_pinned_price_cites_its_source_and_date():
    assert PRICE_TABLE, "the pinned table is empty"
    for price in PRICE_TABLE:
        assert price.source.startswith(("github.com/", "https://")), price
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", price.read), price
    by_source = {(p.region, p.arm_sku or p.meter): (p.usd, p.unit, p.read) for p in PRICE_TABLE}
    assert by_source == {
        ("koreacentral", "Standard_D2s_v3"): (0.123, "1 Hour", "2023-12-18"),
        ("koreacentral", "Standard_D4s_v3"): (0.246, "1 Hour", "2023-12-18"),
        ("koreacentral", "Standard_D8s_v3"): (0.492, "1 Hour", "2023-12-18"),
        ("global", "Standard Base Fees"): (35.0, "1/Month", "2026-05-04"),
    }


def test_a_pinned_price_of_one_region_never_prices_another():
    resources = zonal_request_path()
    resources["azurerm_kubernetes_cluster"]["aks"].update(location="koreasouth")
    resources["azurerm_kubernetes_cluster"]["aks"]["default_node_pool"].update(name="system", node_count=3)
    pool = _line(cost.assess(stack_of(resources)), "system pool")
    assert pool.price is None
    assert pool.why_not == "no price for Virtual Machines / Standard_D4s_v3 in koreasouth"


def test_pinned_prices_price_the_node_pools_and_front_door_and_nothing_else():
    report = cost.assess(_stack())
    priced = {p.line.item: (p.usd_min, p.usd_max) for p in report.lines if p.price is not None}
    assert priced == pytest.approx(
        {
            "system pool: Standard_D4s_v3 × 3–5": (0.246 * 3 * 730, 0.246 * 5 * 730),
            "Front Door Standard base fee": (35.0, 35.0),
        }
    )
    assert report.total_min == pytest.approx(0.246 * 3 * 730 + 35)
    assert report.total_max == pytest.approx(0.246 * 5 * 730 + 35)


def test_the_document_names_the_price_sources_or_says_nothing_is_priced():
    from tripgen_constructs import sla
    from tripgen_constructs.design.document import render

    stack = _stack()
    report = sla.assess(stack, None)
    diagrams = {"physical": "p.png", "network": "n.png"}
    pinned = render(stack, None, report, cost.assess(stack), diagrams)
    assert "github.com/Azure/karpenter-provider-azure/blob/0499866a0874e27363395146ad4ecf5dac208e6d/" in pinned
    assert "(2023-12-18)" in pinned and "(2026-05-04)" in pinned
    nothing = render(stack, None, report, cost.assess(stack, (), "empty file"), diagrams)
    assert "No line is priced (no row of the price table matches)" in nothing


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda items: items[2].pop("meterName"), "Items[2].meterName: expected a non-empty string, got None"),
        (lambda items: items[0].update(unitPrice="0.5"), "Items[0].unitPrice: expected a number ≥ 0, got '0.5'"),
        (lambda items: items[1].update(currencyCode="KRW"), "Items[1].currencyCode: expected 'USD', got 'KRW'"),
        (lambda items: items.__setitem__(3, []), "Items[3]: expected an object, got list"),
    ],
)
def test_a_malformed_price_file_names_the_item_and_the_field(tmp_path, mutate, message):
    document = json.loads(FIXTURE.read_text())
    mutate(document["Items"])
    file = tmp_path / "prices.json"
    file.write_text(json.dumps(document))
    with pytest.raises(cost.PriceFileError) as error:
        cost.load_price_file(file)
    assert str(error.value) == f"prices.json: {message}"


def test_a_file_without_items_is_refused(tmp_path):
    file = tmp_path / "prices.json"
    file.write_text('{"value": []}')
    with pytest.raises(cost.PriceFileError, match="expected an object with a list 'Items'"):
        cost.load_price_file(file)


def test_the_cli_exits_2_on_a_malformed_price_file(tmp_path, capsys):
    document = json.loads(FIXTURE.read_text())
    document["Items"][0]["unitPrice"] = -1
    file = tmp_path / "prices.json"
    file.write_text(json.dumps(document))
    (tmp_path / "out" / "stacks").mkdir(parents=True)
    assert design_main([str(tmp_path / "out"), "-o", str(tmp_path / "docs"), "--prices", str(file)]) == 2
    assert "prices.json: Items[0].unitPrice: expected a number ≥ 0, got -1" in capsys.readouterr().err


def test_prod_quantities_follow_the_synthesized_sizes(synth_dir):
    from tripgen_constructs.synthesized import load_stacks

    prod = next(s for s in load_stacks(synth_dir) if s.name == "tripgen-prod")
    report = cost.assess(prod)
    lines = {(p.line.component, p.line.path): p.line for p in report.lines}
    app = lines[("AKS nodes", "aks/application-pool")]
    assert (app.minimum, app.maximum) == (6 * 730, 20 * 730)
    system = lines[("AKS nodes", "aks/cluster (default pool)")]
    assert (system.minimum, system.maximum) == (3 * 730, 5 * 730)
    assert lines[("PostgreSQL", "data/postgres/server")].minimum == 2 * 8 * 730  # D8s_v3 + HA standby
    assert lines[("Redis", "data/redis/cache")].minimum == 6 * 2 * 730  # 6 shards × (primary + 1 replica)
    assert lines[("Service Bus", "messaging/namespace")].minimum == 4 * 730
    gateway = [
        (p.line.item, p.line.minimum, p.line.maximum) for p in report.lines if p.line.path == "perimeter/gateway"
    ]
    assert gateway == [
        ("Gateway WAF_v2 fixed", 730, 730),
        ("Gateway capacity units: 3–10 instances × 10", 21900, 73000),
    ]
    assert lines[("Monitoring", "observability/workspace")].minimum == pytest.approx(10 * 730 / 24)


def test_prod_costs_its_node_pools_and_front_door_by_the_pinned_prices(synth_dir):
    """T-6: what the pinned table prices of prod; every other line stays not priced."""
    from tripgen_constructs.synthesized import load_stacks

    prod = next(s for s in load_stacks(synth_dir) if s.name == "tripgen-prod")
    report = cost.assess(prod)
    priced = {p.line.path: (p.usd_min, p.usd_max) for p in report.lines if p.price is not None}
    assert priced == pytest.approx(
        {
            "aks/cluster (default pool)": (0.246 * 3 * 730, 0.246 * 5 * 730),  # D4s_v3 × 3–5
            "aks/application-pool": (0.492 * 6 * 730, 0.492 * 20 * 730),  # D8s_v3 × 6–20
            "perimeter/front-door/profile": (35.0, 35.0),
        }
    )
    assert (report.total_min, report.total_max) == pytest.approx((2728.70, 8116.10))
    assert len(report.not_priced) == len(report.lines) - 3
    assert report.component("AKS nodes") == pytest.approx((2693.70, 8081.10, 0))


def test_the_cli_exits_2_on_an_unreadable_stack(tmp_path, capsys):
    stack = tmp_path / "out" / "stacks" / "tripgen-x" / "cdk.tf.json"
    stack.parent.mkdir(parents=True)
    stack.write_text('{"resource": []}')
    assert design_main([str(tmp_path / "out"), "-o", str(tmp_path / "docs")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: ") and "cdk.tf.json" in error
