"""Pictures a page can show: grids instead of strips, region display names, zones in number order."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from tripgen_constructs.diagrams import build_model, build_view
from tripgen_constructs.diagrams.parse import parse_document
from tripgen_constructs.diagrams.render_graphviz import RESOURCES, dot_source
from tripgen_constructs.diagrams.split import split
from tripgen_constructs.diagrams.views import region_title, zone_order

from .stacks import many_spokes


def _aspect(view) -> float:
    """Width / height of the layout Graphviz makes of the view's DOT."""
    plain = subprocess.run(
        ["dot", "-Tplain"], input=dot_source(view).encode(), cwd=RESOURCES, capture_output=True, check=True
    ).stdout.decode()
    _, _, width, height = plain.splitlines()[0].split()
    return float(width) / float(height)


@pytest.mark.parametrize("view", ["network", "physical-architecture"])
def test_a_hub_with_twelve_spokes_draws_as_a_grid_not_a_strip(view):
    model = build_model(parse_document(many_spokes(12), Path("cdk.tf.json")))
    assert 1 / 2.5 <= _aspect(build_view(model, view)) <= 2.5


def test_region_titles_come_from_the_region_table():
    assert region_title("westeurope") == "West Europe (westeurope)"
    assert region_title("koreasouth") == "Korea South (koreasouth)"
    assert region_title("marsnorth") == "marsnorth"


def test_zones_sort_as_numbers_and_symbolic_zones_last():
    assert sorted(["10", "var.zones", "2", "1"], key=zone_order) == ["1", "2", "10", "var.zones"]


def test_zone_boxes_of_a_region_are_in_number_order():
    doc = many_spokes(1)
    vms = doc["resource"]["azurerm_linux_virtual_machine"]
    for zone in ("3", "1", "2"):
        vms[f"z{zone}"] = {**vms["vm1"], "name": f"vm-z{zone}", "zone": zone}
    view = build_view(build_model(parse_document(doc, Path("cdk.tf.json"))), "physical-architecture")
    (region,) = view.root.children
    assert [c.title for c in region.children if c.kind == "zone"] == [f"Availability zone {z}" for z in "123"]


def test_every_corpus_picture_keeps_an_aspect_ratio_a_page_can_show(corpus_dir):
    from tripgen_constructs.diagrams import load_stack

    from .test_corpus import STACKS

    ratios = {}
    for name in STACKS:
        model = build_model(load_stack(corpus_dir / "stacks" / name / "cdk.tf.json"))
        for view in ("network", "physical-architecture"):
            drawn = split(build_view(model, view))  # the pictures written: a large view's index and parts
            for built in (drawn, *drawn.parts):
                if built.nodes:  # an empty view is one note saying so
                    ratios[built.name] = round(_aspect(built), 2)
    assert len(ratios) > len(STACKS)
    assert {k: r for k, r in ratios.items() if not 1 / 4 <= r <= 4} == {}
