"""PNG and SVG of a view through the ``diagrams`` library (Graphviz) with the Azure icons.

The DOT source is kept byte-stable (icon paths relative to the ``diagrams`` resources folder),
and the SVG embeds every icon as a ``data:`` URI, so no file names a path on this machine.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import importlib
import json
import math
import re
import subprocess
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import diagrams
from diagrams import Cluster, Diagram, Edge, Node, setcluster, setdiagram

from .. import outputs
from .highlight import FILLS, STROKES, Highlight
from .labels import container_lines, node_lines
from .model import Container, Edge as ViewEdge, View

RESOURCES = Path(diagrams.__file__).resolve().parent.parent / "resources"
"""Where ``diagrams`` keeps its icons; DOT sources name icons relative to it."""

FORMATS = ("png", "svg", "dot")

ICON_SIZE = 56
"""Icon cell size in points."""

EDGE_STYLES: dict[str, dict[str, str]] = {
    "flow": {"color": "#1f6fb2", "penwidth": "1.6"},
    "origin": {"color": "#2e7d32", "penwidth": "2.4"},
    "ingress": {"color": "#2e7d32", "penwidth": "2.4"},
    "private-link": {"color": "#7a3fb2", "style": "dashed"},
    "peering": {"color": "#555555", "style": "dashed", "dir": "both", "penwidth": "1.6"},
    "replication": {"color": "#b26b00", "style": "dashed", "penwidth": "1.6"},
    "telemetry": {"color": "#2a7f8f", "style": "dotted"},
    "secret": {"color": "#8a7a00", "style": "dotted"},
    "grant": {"color": "#8a7a00", "style": "dotted"},
    "membership": {"color": "#b0b0b0", "style": "dotted", "arrowhead": "none"},
    "connection": {"color": "#555555", "dir": "both", "penwidth": "2.4"},
    "egress": {"color": "#3a7d44", "penwidth": "1.6"},
    "backend": {"color": "#2e7d32", "penwidth": "1.6"},
}
CLUSTER_COLORS = {
    "region": "#FFFFFF",
    "group": "#F7F9FB",
    "vnet": "#EEF5FC",
    "subnet": "#FFFFFF",
    "zone": "#F7F7EE",
}


MAX_SIZE_INCHES = "60,60"

LARGE_VIEW = 400
"""Boxes above which a view is laid out by Graphviz ``osage`` (clusters packed in a grid, edges
straight) instead of ``dot``: dot's layout grows faster than linearly (5,000 resources: dot 25 s,
osage 7 s; bench/results.md). The picture's title says so."""


def engine(view: View) -> str:
    """The Graphviz layout engine for ``view``."""
    return "osage" if len(view.nodes) > LARGE_VIEW else "dot"


def title(view: View) -> str:
    """The picture's title; a large view's says how it was laid out."""
    if engine(view) == "dot":
        return view.title
    return (
        f"{view.title} ({len(view.nodes)} boxes: laid out by Graphviz osage, containers packed, "
        "edges straight; the .mmd keeps the flow layout)"
    )


def icon_class(icon: str) -> type[Node]:
    """The ``diagrams.azure`` node class named ``module.Class``."""
    module, name = icon.rsplit(".", 1)
    cls: type[Node] = getattr(importlib.import_module(f"diagrams.azure.{module}"), name)
    return cls


def dot_source(view: View, wrap: bool = True, highlight: Highlight | None = None) -> str:
    """Byte-stable DOT text of ``view`` (icon paths relative to ``RESOURCES``); ``wrap`` adds
    the grid constraints of ``_wrap_rows``; ``highlight`` outlines changed nodes, containers and
    edges in their state's colour (the review's diff pictures)."""
    highlight = highlight or Highlight()
    layout = engine(view)
    diagram = Diagram(
        title(view),
        show=False,
        direction=view.direction,
        outformat="png",
        graph_attr={
            "layout": layout,
            "splines": "spline" if layout == "dot" else "false",
            "compound": "true",
            "pad": "0.5",
            "nodesep": "0.6",
            "ranksep": "1.0",
            "fontsize": "20",
            "labelloc": "t",
            # Caps the bitmap: rasterizing a 1,000-resource view at full size takes Cairo
            # ~13 s, capped 0.5 s (bench/results.md); our views are well under the cap.
            "size": MAX_SIZE_INCHES,
            # 72 dpi keeps the PNG readable (2,700 px wide for prod's network) and halves
            # Cairo's rasterizing time against the default 96.
            "dpi": "72",
        },
        node_attr={"fontsize": "11"},
        edge_attr={"fontsize": "11"},
    )
    setdiagram(diagram)
    try:
        anchors: dict[str, str] = {}
        drawn: dict[str, Node] = {}
        for node_id in view.root.nodes:
            drawn[node_id] = _node(view, node_id, highlight.items.get(node_id))
        for child in view.root.children:
            _cluster(view, child, drawn, anchors, highlight)
        if layout == "dot":
            _zones_in_a_row(view, diagram)
            if wrap:
                _wrap_rows(view, diagram)
        for index, note in enumerate(view.notes):
            drawn[f"note_{index}"] = Node(
                note, nodeid=f"note_{index}", shape="note", width="4", height="1", fixedsize="false"
            )
        zone_of = _owners(view, "zone")
        region_of = _owners(view, "region")
        for edge in view.edges:
            attrs = dict(EDGE_STYLES.get(edge.kind, {}))
            if _crosses(zone_of, edge) or _crosses(region_of, edge):
                # zone to zone: keeps zones 1, 2, 3 in one row; region to region (DR): keeps the
                # DR region's boxes together instead of each a rank below its primary
                attrs["constraint"] = "false"
            if edge.both_ways:
                attrs["dir"] = "both"
            state = highlight.edges.get(edge)
            if state:
                attrs.update(color=STROKES[state], fontcolor=STROKES[state], penwidth="3")
                if state == "removed":
                    # drawn from BASE into HEAD's layout: it must not move HEAD's ranks (Graphviz
                    # fails with "trouble in init_rank" against the zones-in-a-row ranks)
                    attrs.update(style="dashed", constraint="false")
            source, target = edge.source, edge.target
            if source in anchors:
                attrs["ltail"] = f"cluster_{source}"
                source = anchors[source]
            if target in anchors:
                attrs["lhead"] = f"cluster_{target}"
                target = anchors[target]
            if source not in drawn or target not in drawn:
                continue
            drawn[source].connect(drawn[target], Edge(label=edge.label, **attrs))
    finally:
        setdiagram(None)  # type: ignore[arg-type]
        setcluster(None)  # type: ignore[arg-type]
    return diagram.dot.source.replace(str(RESOURCES) + "/", "")


def _owners(view: View, kind: str) -> dict[str, str]:
    """Node id → id of the ``kind`` container it sits in (at any depth)."""
    return {n: c.id for c in view.root.walk() if c.kind == kind for n in c.all_nodes()}


def _crosses(owner: dict[str, str], edge: ViewEdge) -> bool:
    """Both ends sit in ``owner`` containers, different ones."""
    return edge.source in owner and edge.target in owner and owner[edge.source] != owner[edge.target]


def _zones_in_a_row(view: View, diagram: Diagram) -> None:
    """Zones 1, 2, 3 of a region side by side, in order: every zonal node shares one rank
    (``newrank`` lets a rank cross clusters) and an invisible chain orders them left to right."""
    for parent in view.root.walk():
        zones = [c for c in parent.children if c.kind == "zone"]  # sorted 1, 2, 3 by the view
        if len(zones) < 2:
            continue
        row = [node for zone in zones for node in zone.nodes]
        diagram.dot.graph_attr["newrank"] = "true"
        diagram.dot.body.append(f"\t{{rank=same; {'; '.join(row)}}}\n")
        for left, right in pairwise(row):
            diagram.dot.edge(left, right, style="invis")


WRAP = 4
"""Side-by-side nodes in a box before ``_wrap_rows`` starts a new row (a new column in LR)."""


WRAP_BOXES_UP_TO = 120
"""Nodes of a view up to which boxes of boxes are wrapped too (a 390-node view made dot fail)."""


def _wrap_rows(view: View, diagram: Diagram) -> None:
    """A box's contents in a near-square grid rather than one row: an invisible edge from each
    item to the one a row further on puts that item a rank below (TB) or to the right (LR). A
    hub with many spokes otherwise draws as a strip no page can show (4,320 × 391 px). Items are
    the box's nodes and, in a view without zones of at most ``WRAP_BOXES_UP_TO`` nodes, its
    boxes; zones keep their one row (``_zones_in_a_row``: with its ``newrank``, edges between
    clusters make dot fail in init_rank, as they can in large views: ``render`` then redraws
    without the grid)."""
    boxes_too = len(view.nodes) <= WRAP_BOXES_UP_TO and not any(c.kind == "zone" for c in view.root.walk())
    beside = {view.root.id: 1}  # container id → boxes in one row with it (their parents not wrapped)
    for container in view.root.walk():
        if container.kind == "zone":
            continue
        items = [[n] for n in container.nodes]
        if boxes_too:
            items += [inside for inside in (c.all_nodes() for c in container.children) if inside]
        for child in container.children:
            # a box among others left in one row shares the page's width with them
            beside[child.id] = beside.get(container.id, 1) * (len(container.children) if len(items) <= WRAP else 1)
        if not boxes_too and container.children:
            continue
        if len(items) <= WRAP:
            continue
        per_row = max(WRAP, math.ceil(math.sqrt(len(items) / beside.get(container.id, 1))))
        for above, below in zip(items, items[per_row:], strict=False):
            diagram.dot.edge(above[-1], below[0], style="invis")


def _node(view: View, node_id: str, state: str | None = None) -> Node:
    """Icon above the label lines in one HTML-like table, so Graphviz sizes the box to its text;
    a highlight ``state`` frames the table in its colour."""
    node = view.nodes[node_id]
    title, *rest = node_lines(node, inner=False)
    rows = [f"<TR><TD><B>{escape(title)}</B></TD></TR>", *(f"<TR><TD>{escape(line)}</TD></TR>" for line in rest)]
    if node.inner:
        heading, *lines = node.inner
        cells = "".join(
            [
                f'<TR><TD ALIGN="LEFT"><I>{escape(heading)}</I></TD></TR>',
                *(f'<TR><TD ALIGN="LEFT">{escape(line)}</TD></TR>' for line in lines),
            ]
        )
        rows.append(
            '<TR><TD><TABLE BORDER="1" STYLE="ROUNDED" COLOR="#B26B00" BGCOLOR="#FFF4E0" '
            f'CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">{cells}</TABLE></TD></TR>'
        )
    if node.icon:
        rows.insert(
            0,
            f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{ICON_SIZE}" HEIGHT="{ICON_SIZE}">'
            f'<IMG SRC="{icon_file(node.icon)}" SCALE="TRUE"/></TD></TR>',
        )
        table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
    if state:
        table = (
            f'<TABLE BORDER="3" STYLE="ROUNDED" COLOR="{STROKES[state]}" BGCOLOR="{FILLS[state]}" '
            'CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">'
        )
    elif not node.icon:
        table = (
            '<TABLE BORDER="1" STYLE="ROUNDED,DASHED" COLOR="#9AA5B1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4">'
        )
    label = f"<{table}{''.join(rows)}</TABLE>>"
    link = {"URL": view.links[node_id]} if node_id in view.links else {}  # a split view's parts, in the SVG
    return Node(label, nodeid=node_id, shape="plain", fixedsize="false", width="0", height="0", **link)


def escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def icon_file(icon: str) -> str:
    """The icon's file relative to ``RESOURCES`` (``azure/network/private-endpoint.png``)."""
    cls = icon_class(icon)
    return f"{str(cls._icon_dir).removeprefix('resources/')}/{cls._icon}"


def _cluster(
    view: View, container: Container, drawn: dict[str, Node], anchors: dict[str, str], highlight: Highlight
) -> None:
    attrs = {
        "bgcolor": CLUSTER_COLORS.get(container.kind, "#FFFFFF"),
        "fontsize": "13" if container.kind in ("subnet", "zone") else "15",
        "style": "rounded,dashed" if container.kind in ("subnet", "zone") else "rounded",
        "margin": "16",
    }
    state = highlight.items.get(container.id)
    if state:
        attrs.update(bgcolor=FILLS[state], pencolor=STROKES[state], penwidth="3")
    cluster = Cluster("\n".join(container_lines(container)), graph_attr=attrs)
    cluster.dot.name = f"cluster_{container.id}"
    with cluster:
        for node_id in container.nodes:
            drawn[node_id] = _node(view, node_id, highlight.items.get(node_id))
        for child in container.children:
            _cluster(view, child, drawn, anchors, highlight)
    inside = container.all_nodes()
    if inside:
        anchors[container.id] = inside[0]


def render(
    view: View, target: Path, formats: tuple[str, ...] = FORMATS, highlight: Highlight | None = None
) -> list[Path]:
    """Write ``target.<format>`` for each format; one Graphviz run makes every image."""
    return draw(view, target, formats, highlight).written


@dataclass(frozen=True)
class Drawn:
    """What ``draw`` wrote, and Graphviz's ``-Tjson`` of the layout the images show when asked."""

    written: list[Path]
    layout: dict[str, Any] | None = None


def draw(
    view: View,
    target: Path,
    formats: tuple[str, ...] = FORMATS,
    highlight: Highlight | None = None,
    *,
    layout: bool = False,
) -> Drawn:
    """Write ``target.<format>`` for each format, and with ``layout`` return the positions (``-Tjson``)
    for the placed formats: ONE Graphviz run lays the view out once and writes every image and the
    JSON from that layout (a layout per format cost a process, a DOT source and a layout each).

    Should ``dot`` fail on the grid constraints (its ``init_rank`` and compound-edge code can,
    on large views with edges into clusters), the view is drawn again without them and the
    ``.dot`` file is the source that drew.
    """
    target = Path(target).resolve()  # Graphviz runs in RESOURCES, so icon paths resolve
    images = [f for f in formats if f in ("png", "svg")]
    written: list[Path] = []
    placed = None
    if images or layout:
        # Graphviz writes temporary names; the SVG reaches its own name only with its icons embedded.
        with contextlib.ExitStack() as stack:
            tmp = {fmt: stack.enter_context(outputs.replacing(target.with_suffix(f".{fmt}"))) for fmt in images}
            options = [arg for fmt in images for arg in (f"-T{fmt}", "-o", str(tmp[fmt]))]
            source, json_out = run_dot(view, options + (["-Tjson"] if layout else []), highlight)
            if "svg" in tmp:
                tmp["svg"].write_text(embed_icons(tmp["svg"].read_text(encoding="utf-8")), encoding="utf-8")
        written += [target.with_suffix(f".{fmt}") for fmt in images]
        placed = json.loads(json_out) if layout else None
    else:
        source = dot_source(view, highlight=highlight)
    if "dot" in formats:  # after the images: the source they were drawn from (a fallback may change it)
        written.insert(0, outputs.write_text(target.with_suffix(".dot"), source))
    return Drawn(written, placed)


def run_dot(view: View, options: list[str], highlight: Highlight | None = None) -> tuple[str, bytes]:
    """Run ``dot options`` on ``view``'s DOT source in ``RESOURCES``: the source that drew and the
    standard output; without the grid constraints when dot fails on them."""
    source = dot_source(view, highlight=highlight)
    command = ["dot", *options]
    done = subprocess.run(command, input=source.encode(), cwd=RESOURCES, capture_output=True, check=False)
    if done.returncode != 0 and engine(view) == "dot":
        source = dot_source(view, wrap=False, highlight=highlight)
        done = subprocess.run(command, input=source.encode(), cwd=RESOURCES, capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"Graphviz failed on {view.name}: {done.stderr.decode().strip()[-2000:]}")
    return source, done.stdout


_HREF = re.compile(r'xlink:href="([^"]+\.png)"')


def embed_icons(svg: str) -> str:
    """Replace each icon file reference with a ``data:image/png;base64`` URI."""
    return _HREF.sub(lambda match: f'xlink:href="{_data_uri(match.group(1))}"', svg)


@functools.cache
def _data_uri(name: str) -> str:
    """An icon file as a ``data:`` URI, encoded once per process (every view repeats the same icons)."""
    data = (RESOURCES / name).read_bytes() if not Path(name).is_absolute() else Path(name).read_bytes()
    return "data:image/png;base64," + base64.b64encode(data).decode()
