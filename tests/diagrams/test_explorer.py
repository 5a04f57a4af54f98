"""The HTML explorer in a real browser (Debian's Chromium driven by Playwright): it loads with no
console error, shows every node of the model, and its click, search, fold and findings work."""

from __future__ import annotations

import json
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tripgen_constructs.diagrams import build_model, build_view, draw_all, load_stack, load_workloads
from tripgen_constructs.diagrams.browser import VIEWPORT, ExplorerPage, screenshots
from tripgen_constructs.diagrams.model import View
from tripgen_constructs.diagrams.render_html import start_folded

from apps import ENVIRONMENT_NAMES
from bench.run import synthetic_stack

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def explorers(placed) -> Path:
    """The folder of ``explorer-<env>.html``, as the main job draws them."""
    target, _ = placed
    return target


Page = ExplorerPage


@pytest.fixture()
def prod_page(browser: Any, explorers: Path) -> Iterator[Page]:
    page = Page(browser, explorers / "explorer-prod.html")
    yield page
    page.close()


def _model(outdir: Path, env: str):
    stack = load_stack(outdir / "stacks" / f"tripgen-{env}" / "cdk.tf.json")
    return build_model(stack, load_workloads(outdir, stack.name)[0])


@pytest.mark.parametrize("env", ENVIRONMENT_NAMES)
def test_explorer_loads_without_console_errors_and_shows_every_node_of_each_view(
    browser, explorers, main_job_outdir, env
):
    model = _model(main_job_outdir, env)
    page = Page(browser, explorers / f"explorer-{env}.html")
    try:
        buttons = page.page.locator("button.view")
        titles = [build_view(model, v).title for v in ("network", "physical-architecture")]
        assert buttons.all_inner_texts() == titles
        for index, view_name in enumerate(("network", "physical-architecture")):
            buttons.nth(index).click()
            assert page.js("window.explorer.current()") == index
            shown = page.js("window.explorer.cy().nodes('[!container]').map(n => n.id()).sort()")
            assert shown == sorted(build_view(model, view_name).nodes)
        assert page.errors == []
    finally:
        page.close()


def test_a_click_on_the_aks_node_shows_its_address_path_and_vm_sizes(prod_page, prod):
    cluster = prod.by_path("azurerm_kubernetes_cluster", "aks/cluster")
    pools = prod.of_type("azurerm_kubernetes_cluster_node_pool")
    prod_page.click_element("n_aks_cluster")
    panel = prod_page.page.locator("#panel").inner_text()
    assert "azurerm_kubernetes_cluster.aks_cluster_D4B35EC5" in panel
    assert "aks/cluster" in panel
    sizes = {cluster["default_node_pool"]["vm_size"], *(p["vm_size"] for p in pools.values())}
    assert sizes == {"Standard_D4s_v3", "Standard_D8s_v3"}
    assert all(size in panel for size in sizes)


def test_search_marks_exactly_the_nodes_whose_name_type_or_address_holds_the_text(prod_page, main_job_outdir):
    model = _model(main_job_outdir, "prod")
    view, resources = build_view(model, "network"), model.stack_model.resources
    expected = sorted(
        n.id
        for n in view.nodes.values()
        if "kv-"
        in " ".join(
            [n.title, n.kind, resources[n.address].type if n.address else "", n.address or "", n.path or ""]
        ).lower()
    )
    assert "n_key_vault_vault" in expected
    prod_page.page.locator("#search").fill("kv-")
    assert prod_page.js("window.explorer.cy().nodes('.match').map(n => n.id()).sort()") == expected
    assert prod_page.page.locator("#status").inner_text() == f"{len(expected)} match" + (
        "es" if len(expected) > 1 else ""
    )
    prod_page.page.locator("#search").press("Enter")
    assert prod_page.js("window.explorer.cy().$(':selected').map(n => n.id())") == [expected[0]]


def test_folding_a_vnet_hides_its_subnets_and_unfolding_shows_them(prod_page):
    vnet = "vnet_network_spoke_vnet"
    inside = prod_page.js(f"window.explorer.inside('{vnet}').map(n => n.id()).sort()")
    assert "snet_network_spoke_subnet_snet_aks" in inside and "n_aks_cluster" in inside
    prod_page.click_element(vnet, corner=True)
    prod_page.page.locator("#fold").click()
    visible = f"window.explorer.inside('{vnet}').filter(n => n.visible()).length"
    assert prod_page.js(visible) == 0
    assert prod_page.js(f"window.explorer.cy().$id('{vnet}').visible()") is True
    prod_page.page.locator("#fold").click()
    assert prod_page.js(visible) == len(inside)


def test_the_findings_toggle_marks_the_nodes_the_rule_reports_name(browser, explorers, main_job_outdir):
    report = json.loads((main_job_outdir / "tripgen-dev-rules.json").read_text())
    suppressed = {r["resource"] for r in report["results"] if r["status"] != "compliant"}
    assert suppressed  # dev accepts findings, each with a reason
    page = Page(browser, explorers / "explorer-dev.html")
    try:
        data = page.js("JSON.parse(document.getElementById('data').textContent).findings")
        listed = {f["resource"] for entries in data.values() for f in entries}
        model = _model(main_job_outdir, "dev")
        views = [build_view(model, v) for v in ("network", "physical-architecture")]
        drawn = {n.address for view in views for n in view.nodes.values() if n.address}
        owned = {a for a in suppressed if a in drawn or model.owner.get(a) in drawn}
        assert listed == owned
        marked = "window.explorer.cy().nodes('.show-findings.has-finding').length"
        assert page.js(marked) == 0
        page.page.locator("#findings").check()
        assert page.js(marked) == len([k for k in data if page.js(f"window.explorer.cy().$id('{k}').length") == 1])
        assert page.js(marked) > 0
    finally:
        page.close()


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def test_screenshots_of_the_explorers_have_the_viewport_size(browser, explorers, tmp_path: Path):
    """The committed ones (python -m tripgen_constructs.diagrams.browser docs/diagrams) and new ones."""
    shots = screenshots(browser, explorers, tmp_path)
    assert [p.name for p in shots] == [f"explorer-{env}.png" for env in ENVIRONMENT_NAMES]
    for shot in shots:
        assert _png_size(shot) == (VIEWPORT["width"], VIEWPORT["height"])
        assert _png_size(SCREENSHOTS / shot.name) == (VIEWPORT["width"], VIEWPORT["height"])
        assert (SCREENSHOTS / shot.name).stat().st_size > 20_000  # a drawn picture, not a blank page


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, View]:
    """The explorer of a 5,000-resource stack (network view only) and that view."""
    work = tmp_path_factory.mktemp("large-explorer")
    stack = work / "cdktf.out" / "stacks" / "large" / "cdk.tf.json"
    synthetic_stack(stack, 5000)
    draw_all(work / "cdktf.out", work / "html", ("html",), views=("network",))
    return work / "html" / "explorer-large.html", build_view(build_model(load_stack(stack)), "network")


def _held(view: View, container_id: str) -> list[str]:
    """Ids of the containers and nodes inside ``container_id`` of ``view``, at any depth."""
    outer = next(c for c in view.root.walk() if c.id == container_id)
    return sorted({i for c in outer.walk()[1:] for i in (c.id, *c.nodes)} | set(outer.nodes))


def test_an_explorer_of_a_5000_resource_stack_opens_with_its_vnets_folded_and_every_node_drawn_or_folded(
    browser, large
):
    """Its load time is measured by bench/explorer.py, not here."""
    path, view = large
    vnets = sorted(c.id for c in view.root.walk() if c.kind == "vnet")
    assert len(vnets) == 122
    page = Page(browser, path)
    try:
        drawn = page.js("window.explorer.cy().nodes('[!container]').map(n => n.id())")
        folded = [i for i in page.js("window.explorer.pending()") if i in view.nodes]
        assert sorted(drawn + folded) == sorted(view.nodes)
        assert len(folded) == 976  # the private endpoints in the subnets; the Key Vaults sit in the region
        assert page.js("window.explorer.cy().nodes('.folded').map(n => n.id()).sort()") == vnets
        assert page.page.locator("#note").inner_text() == (
            "976 of 1,953 resources are in folded containers so that this large view opens quickly: "
            "double-click one to unfold it. Unfold all"
        )
        page.page.locator("#note").wait_for(state="visible")
        page.js(f"window.explorer.toggleFold(window.explorer.cy().$id('{vnets[0]}'))")
        inside = page.js(f"window.explorer.inside('{vnets[0]}').filter(n => n.visible()).map(n => n.id()).sort()")
        assert inside == _held(view, vnets[0])
        assert len(inside) == 16  # 8 subnets, each with its private endpoint
        page.page.locator("#unfold-all").click()
        assert page.js("window.explorer.cy().nodes('[!container]').map(n => n.id()).sort()") == sorted(view.nodes)
        assert page.js("window.explorer.cy().edges().length") == len(view.edges)
        assert page.js("window.explorer.pending()") == []
        page.page.locator("#note").wait_for(state="hidden")
        assert page.errors == []
    finally:
        page.close()


def test_search_in_a_large_explorer_counts_the_folded_matches_and_enter_unfolds_the_first(browser, large):
    path, view = large
    page = Page(browser, path)
    try:
        page.page.locator("#search").fill("pe-vnet7_s")
        assert page.page.locator("#status").inner_text() == "8 matches (8 in folded containers)"
        marked = "window.explorer.cy().nodes('.holds-match').map(n => n.id())"
        assert page.js(marked) == ["vnet_azurerm_virtual_network_vnet7"]
        page.page.locator("#search").press("Enter")
        assert page.js("window.explorer.cy().$(':selected').map(n => n.id())") == [
            "n_azurerm_private_endpoint_pe_vnet7_s0"
        ]
        assert page.page.locator("#status").inner_text() == "8 matches"
        assert page.js("window.explorer.cy().nodes('.match').length") == 8
        assert "azurerm_private_endpoint.pe_vnet7_s0" in page.page.locator("#panel").inner_text()
        assert page.errors == []
    finally:
        page.close()


def _container(node_id: str, depth: int, *inside: str) -> dict:
    return {"data": {"id": node_id, "container": True, "depth": depth, "inside": list(inside)}}


def _resource(node_id: str, *inside: str) -> dict:
    return {"data": {"id": node_id, "inside": list(inside)}}


# a region holding a resource and two VNets, each with one subnet of two resources: 10 nodes
NESTED = [
    _container("r", 0),
    _container("v1", 1, "r"),
    _container("v2", 1, "r"),
    _container("s1", 2, "r", "v1"),
    _container("s2", 2, "r", "v2"),
    _resource("a", "r", "v1", "s1"),
    _resource("b", "r", "v1", "s1"),
    _resource("c", "r", "v2", "s2"),
    _resource("d", "r", "v2", "s2"),
    _resource("e", "r"),
]


@pytest.mark.parametrize(
    ("limit", "folded"),
    [
        (10, []),  # small enough: nothing folded
        (9, ["s1", "s2"]),  # folding the subnets leaves 6 drawn
        (6, ["s1", "s2"]),
        (5, ["v1", "v2"]),  # the subnets are not enough; the VNets leave 4
        (1, ["v1", "v2"]),  # the region stays open whatever the size
    ],
)
def test_a_large_view_starts_with_the_deepest_level_of_containers_folded_that_fits_the_limit(limit, folded):
    assert start_folded(NESTED, limit) == folded


def test_a_large_view_with_only_top_level_containers_starts_unfolded():
    assert start_folded([_container("r", 0), *(_resource(f"n{i}", "r") for i in range(5))], 3) == []


def test_a_missing_cytoscape_is_one_output_error_naming_the_file_and_the_fix(tmp_path: Path, monkeypatch):
    from tripgen_constructs.diagrams.render_html import CYTOSCAPE_ENV, ExplorerError
    from tripgen_constructs.outputs import OutputError

    monkeypatch.setenv(CYTOSCAPE_ENV, str(tmp_path / "nowhere.js"))
    stack = tmp_path / "cdktf.out" / "stacks" / "small" / "cdk.tf.json"
    synthetic_stack(stack, 10)
    with pytest.raises(ExplorerError) as refused:
        draw_all(tmp_path / "cdktf.out", tmp_path / "html", ("html",))
    assert isinstance(refused.value, OutputError)  # the main job prints it in one line, exit 2
    assert str(refused.value) == (
        f"{tmp_path / 'nowhere.js'}: Cytoscape.js is missing; run ./scripts/bootstrap "
        f"(npm ci --prefix tools/explorer) or set {CYTOSCAPE_ENV}"
    )
