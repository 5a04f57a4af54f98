"""Every Mermaid diagram rendered in headless Chromium: no subgraph title overlaps a node or a
nested subgraph, no title or label is cut, no subgraph sticks out of its parent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tripgen_constructs.diagrams import build_model, build_view, render_mermaid
from tripgen_constructs.diagrams.parse import parse_document
from tripgen_constructs.diagrams.split import split

from .stacks import document, hub_spoke, many_spokes

DOCS = Path(__file__).resolve().parents[2] / "docs" / "diagrams"


def _mermaid(doc, view):
    return render_mermaid.render(build_view(build_model(parse_document(doc, Path("cdk.tf.json"))), view))


@pytest.mark.parametrize("name", sorted(p.name for p in DOCS.glob("*.mmd")))
def test_our_diagrams_render_without_overlaps_or_cut_labels(mermaid_browser, name):
    rendered = mermaid_browser.render((DOCS / name).read_text())
    assert rendered.problems == ()
    assert rendered.width > 0 and rendered.height > 0


@pytest.mark.parametrize("view", ["network", "physical-architecture"])
def test_hand_written_stack_renders_without_overlaps(mermaid_browser, view):
    doc = hub_spoke()
    doc["resource"]["azurerm_key_vault"]["kv"]["name"] = "kv-with-a-rather-long-name-for-its-subnet"
    assert mermaid_browser.render(_mermaid(doc, view)).problems == ()


def test_empty_stack_renders(mermaid_browser):
    assert mermaid_browser.render(_mermaid(document({}), "network")).problems == ()


def test_a_three_line_title_without_title_margin_is_reported_over_its_node(mermaid_browser):
    text = 'flowchart LR\n  subgraph s["<b>title</b><br/>line two<br/>line three"]\n    n["node"]\n  end\n'
    assert mermaid_browser.render(text).problems == ("title of s overlaps node n",)


def test_a_node_box_narrower_than_its_label_is_reported_as_cut(mermaid_browser):
    text = 'flowchart LR\n  n["<b>a node label</b><br/>second line"]\n'
    rendered = mermaid_browser.render(text)
    assert rendered.problems == ()
    prefix = re.search(r'id="(diagram\d+)"', rendered.svg).group(1)
    narrowed = re.sub(r'(<g class="node[^>]*>\s*<rect[^>]*?) width="[\d.]+"', r'\1 width="20"', rendered.svg, count=1)
    assert narrowed != rendered.svg
    cut = mermaid_browser.measure(narrowed, text, f"{prefix}-")
    assert any(p.startswith("label of") and p.endswith("is cut by its box") for p in cut.problems)


def test_a_subgraph_wider_than_its_parent_is_reported(mermaid_browser):
    text = 'flowchart LR\n  subgraph p["parent"]\n    subgraph s["child"]\n      n["n"]\n    end\n  end\n'
    rendered = mermaid_browser.render(text)
    assert rendered.problems == ()
    prefix = re.search(r'id="(diagram\d+)"', rendered.svg).group(1)
    widened = re.sub(
        rf'(<g class="cluster[^"]*" id="{prefix}-s"[^>]*>\s*<rect[^>]*?) width="[\d.]+"',
        r'\1 width="5000"',
        rendered.svg,
    )
    assert widened != rendered.svg
    assert "subgraph s sticks out of p" in mermaid_browser.measure(widened, text, f"{prefix}-").problems


@pytest.mark.parametrize("name", sorted(p.name for p in DOCS.glob("physical-architecture-*.mmd")))
def test_zones_render_left_to_right_in_number_order(mermaid_browser, name):
    frames = mermaid_browser.render((DOCS / name).read_text()).frames
    zones = sorted((k for k in frames if k.startswith("zone_")), key=lambda k: frames[k][0])
    assert zones
    assert [int(z.rsplit("_", 1)[1]) for z in zones] == sorted(int(z.rsplit("_", 1)[1]) for z in zones)


def test_every_view_of_every_corpus_stack_renders_without_overlaps(mermaid_browser, corpus_dir):
    from tripgen_constructs.diagrams import load_stack

    from .test_corpus import STACKS

    problems = {}
    for name in STACKS:
        model = build_model(load_stack(corpus_dir / "stacks" / name / "cdk.tf.json"))
        for view in ("network", "physical-architecture"):
            drawn = split(build_view(model, view))  # the pictures written: a large view's index and parts
            for picture in (drawn, *drawn.parts):
                found = mermaid_browser.render(render_mermaid.render(picture)).problems
                if found:
                    problems[picture.name] = found
    assert problems == {}


def _forty_vaults() -> str:
    """Forty Key Vaults and forty VMs in one region: two boxes of forty siblings (physical view)."""
    doc = many_spokes(40)
    return _mermaid(doc, "physical-architecture")


def test_a_box_of_forty_siblings_renders_as_a_grid_a_page_can_show(mermaid_browser):
    text = _forty_vaults()
    assert text.count(" ~~~ ") == 2 * (40 - 7)  # rows of 7 (⌈√40⌉), each node linked to the one below
    rendered = mermaid_browser.render(text)
    assert rendered.problems == ()
    assert 1 / 2 <= rendered.width / rendered.height <= 2


def test_without_its_rows_the_same_box_is_a_strip(mermaid_browser):
    """The bound above can fail: the same text without the row links draws one strip."""
    text = "\n".join(line for line in _forty_vaults().splitlines() if " ~~~ " not in line)
    rendered = mermaid_browser.render(text)
    assert rendered.width / rendered.height > 8
