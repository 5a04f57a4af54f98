"""A view over ``SPLIT_OVER`` boxes is drawn in parts (per region, then per VNet) with an index:
every resource in exactly one part, every edge drawn in a part or counted between two, names
derived from region names and container ids."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from tripgen_constructs.diagrams import build_model, build_view, draw_all, load_stack, render_mermaid
from tripgen_constructs.diagrams.index import index_text
from tripgen_constructs.diagrams.parse import parse_document
from tripgen_constructs.diagrams.split import SPLIT_OVER, split
from tripgen_constructs.diagrams.views import VIEWS

from .stacks import many_spokes, write_outdir

LANDING_ZONES = "corpus-regional-landing-zones"


def _ours(node_id: str) -> bool:
    """A node of the stack, not a stub naming a part nor an endpoint outside the stack."""
    return not node_id.startswith(("part_", "ext_"))


def assert_partitioned(view, index) -> None:
    """Each node in one part; each edge in a part with both ends, or counted between two parts
    (the index's labels) and drawn in each of them to the stub of the other."""
    held = Counter(n for part in index.parts for n in part.nodes if _ours(n))
    assert held == Counter(n for n in view.nodes if _ours(n))
    assert max(held.values()) == 1
    assert all(sum(map(_ours, part.nodes)) <= SPLIT_OVER for part in index.parts)
    inside = [{*part.nodes, *(c.id for c in part.root.walk())} for part in index.parts]
    crossing = [
        e for e in view.edges if not any(e.source in ids and e.target in ids for ids in inside) and _ours(e.source)
    ]
    assert sum(int(e.label.split()[0]) for e in index.edges) == len(crossing)
    home = {}
    for part, ids in zip(index.parts, inside, strict=True):
        for item in ids:
            home.setdefault(item, part)
    stub = {part.name: "part_" + part.name.removeprefix(f"{view.name}-").replace("-", "_") for part in index.parts}
    for e in crossing:  # drawn at both ends, each time to the stub of the other end's part
        there, here = home[e.target], home[e.source]
        assert (e.source, stub[there.name], e.kind) in {(x.source, x.target, x.kind) for x in here.edges}
        assert (stub[here.name], e.target, e.kind) in {(x.source, x.target, x.kind) for x in there.edges}
    for part in index.parts:
        present = {*part.nodes, *(c.id for c in part.root.walk())}
        assert {end for e in part.edges for end in (e.source, e.target)} <= present


@pytest.fixture(scope="module")
def landing_zones(corpus_dir: Path):
    return build_model(load_stack(corpus_dir / "stacks" / LANDING_ZONES / "cdk.tf.json"))


def test_a_multi_region_foreign_stack_splits_per_region_then_per_vnet(landing_zones):
    view = build_view(landing_zones, "network")
    index = split(view)
    prefix = f"network-{LANDING_ZONES}-"
    assert [(p.name.removeprefix(prefix), len(p.nodes)) for p in index.parts] == [
        ("westeurope-vnet-westeurope-hub-to-vnet-westeurope-spoke19-vnet", 118),
        ("westeurope-vnet-westeurope-spoke20-vnet", 8),
        ("northeurope", 27),
        ("global", 1),
    ]
    assert index.name == f"network-{LANDING_ZONES}" and len(view.nodes) == 149
    assert sorted((e.source, e.target, e.label) for e in index.edges) == [
        ("part_northeurope", "part_westeurope_vnet_westeurope_hub_to_vnet_westeurope_spoke19_vnet", "1 peering edge"),
        (
            "part_westeurope_vnet_westeurope_hub_to_vnet_westeurope_spoke19_vnet",
            "part_westeurope_vnet_westeurope_spoke20_vnet",
            "1 peering edge",
        ),
    ]
    assert_partitioned(view, index)
    assert split(build_view(landing_zones, "physical-architecture")).parts == []  # 96 boxes


def test_an_edge_across_parts_ends_at_a_stub_naming_the_other_part(landing_zones):
    index = split(build_view(landing_zones, "network"))
    small = index.parts[1]
    stub = small.nodes["part_westeurope_vnet_westeurope_hub_to_vnet_westeurope_spoke19_vnet"]
    assert (stub.title, stub.kind) == (
        "→ West Europe (westeurope): VNet westeurope … VNet spoke19",
        "another part of this view",
    )
    assert (
        small.links[stub.id]
        == f"network-{LANDING_ZONES}-westeurope-vnet-westeurope-hub-to-vnet-westeurope-spoke19-vnet.svg"
    )
    assert [(e.source, e.target, e.kind) for e in small.edges if stub.id in (e.source, e.target)] == [
        (stub.id, "vnet_westeurope_spoke20_vnet", "peering")
    ]
    assert f'click {stub.id} href "{small.links[stub.id]}"' in render_mermaid.render(small)


def test_a_generated_hub_with_eighty_spokes_is_split_and_every_box_is_in_one_part():
    view = build_view(build_model(parse_document(many_spokes(80), Path("cdk.tf.json"))), "network")
    index = split(view)
    assert len(view.nodes) == 161  # 80 VMs, 80 vaults outside every VNet, the hub's "no subnets"
    assert [(p.name, len(p.nodes)) for p in index.parts] == [
        ("network-spokes-westeurope-nodes-to-vnet-spoke45-vnet", 121),  # and the stub of the other
        ("network-spokes-westeurope-vnet-spoke46-vnet-to-vnet-spoke9-vnet", 42),
    ]
    assert index.parts[0].title == "Network: spokes · part West Europe (westeurope): outside VNets … VNet spoke45"
    assert [e.label for e in index.edges] == ["41 peering edges"]  # the hub to its spokes 46 to 80 (and 5 to 9)
    assert_partitioned(view, index)


def test_splitting_is_deterministic():
    def texts():
        view = build_view(build_model(parse_document(many_spokes(80), Path("cdk.tf.json"))), "physical-architecture")
        index = split(view)
        return [render_mermaid.render(v) for v in (index, *index.parts)]

    first = texts()
    assert len(first) > 2 and texts() == first


def test_our_environments_are_not_split(synth_dir):
    for file in sorted(synth_dir.glob("stacks/*/cdk.tf.json")):
        model = build_model(load_stack(file))
        for name in VIEWS:
            view = build_view(model, name)
            assert split(view) is view and len(view.nodes) <= SPLIT_OVER // 4


def test_every_part_is_written_and_listed_in_the_index(tmp_path):
    outdir = write_outdir(tmp_path, {"spokes": many_spokes(80)})
    result = draw_all(outdir, tmp_path / "d", ("mmd", "dot"), views=("network",))
    names = sorted(p.name for p in result.written)
    assert names == sorted(
        f"{name}.{ext}"
        for name in (
            "network-spokes",
            "network-spokes-westeurope-nodes-to-vnet-spoke45-vnet",
            "network-spokes-westeurope-vnet-spoke46-vnet-to-vnet-spoke9-vnet",
        )
        for ext in ("mmd", "dot")
    )
    readme = index_text(result.views)
    listed = re.findall(r"^- (.+?): (\d+) boxes · \[SVG\]\(([^)]+)\.svg\)", readme, re.MULTILINE)
    assert [(boxes, name) for _, boxes, name in listed] == [
        ("121", "network-spokes-westeurope-nodes-to-vnet-spoke45-vnet"),
        ("42", "network-spokes-westeurope-vnet-spoke46-vnet-to-vnet-spoke9-vnet"),
    ]
    assert (
        'URL="network-spokes-westeurope-nodes-to-vnet-spoke45-vnet.svg"'
        in (tmp_path / "d" / "network-spokes.dot").read_text()
    )


def test_the_index_is_drawn_as_png_and_svg_and_each_part_as_svg_only(tmp_path):
    outdir = write_outdir(tmp_path, {"spokes": many_spokes(80)})
    result = draw_all(outdir, tmp_path / "d", ("png", "svg"), views=("network",))
    (index,) = result.views
    assert len(index.parts) == 2
    assert sorted(p.name for p in result.written) == sorted(
        [f"{index.name}.png", f"{index.name}.svg", *(f"{part.name}.svg" for part in index.parts)]
    )
