"""Where Graphviz puts every node and container of a view: the positions the editable and
interactive renderers (draw.io, the HTML explorer) reuse, so they show the picture the PNG shows.

Graphviz's ``-Tjson`` of the view's DOT source (``render_graphviz.dot_source``): ``draw_all`` takes it
from the same ``dot`` run that draws the PNG and SVG (``render_graphviz.draw``), ``layout`` runs it
alone. Coordinates are points with the origin at the top left (Graphviz's y axis points up; it is
flipped here).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from . import render_graphviz
from .model import View

CLUSTER_PREFIX = "cluster_"


@dataclass(frozen=True)
class Box:
    """A rectangle in points: ``x``, ``y`` of the top-left corner, then width and height."""

    x: float
    y: float
    width: float
    height: float

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.width / 2, self.y + self.height / 2)

    def contains(self, other: Box) -> bool:
        return (
            self.x <= other.x
            and self.y <= other.y
            and other.x + other.width <= self.x + self.width
            and other.y + other.height <= self.y + self.height
        )


@dataclass(frozen=True)
class Layout:
    """Boxes of a view's nodes and containers by id, and the size of the whole picture."""

    width: float
    height: float
    nodes: dict[str, Box] = field(default_factory=dict)
    containers: dict[str, Box] = field(default_factory=dict)


def layout(view: View) -> Layout:
    """Lay ``view`` out with Graphviz (``dot``, the engine of the PNG and SVG)."""
    _, placed = render_graphviz.run_dot(view, ["-Tjson"])
    return parse_json(json.loads(placed), view)


def parse_json(graph: dict[str, object], view: View) -> Layout:
    """The boxes of ``view``'s nodes and containers in Graphviz's ``-Tjson`` output ``graph``."""
    _, _, right, top = (float(v) for v in str(graph["bb"]).split(","))
    nodes: dict[str, Box] = {}
    containers: dict[str, Box] = {}
    objects = graph.get("objects", [])
    assert isinstance(objects, list)
    for item in objects:
        name = str(item["name"])
        if name.startswith(CLUSTER_PREFIX) and "bb" in item:
            x0, y0, x1, y1 = (float(v) for v in item["bb"].split(","))
            containers[name.removeprefix(CLUSTER_PREFIX)] = Box(x0, top - y1, x1 - x0, y1 - y0)
        elif name in view.nodes and "pos" in item:
            cx, cy = (float(v) for v in item["pos"].split(","))
            width, height = float(item["width"]) * 72, float(item["height"]) * 72  # inches → points
            nodes[name] = Box(cx - width / 2, top - cy - height / 2, width, height)
    return Layout(width=right, height=top, nodes=nodes, containers=containers)


__all__ = ["Box", "Layout", "layout", "parse_json"]
