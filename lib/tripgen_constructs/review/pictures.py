"""HEAD's network and physical views with the change drawn on them: added green, removed red
(taken from BASE), changed amber, and a legend. The diagram renderers draw them; this module only
merges the two views and says which ids are in which state."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

from ..diagrams import write_view
from ..diagrams.catalog import Category
from ..diagrams.highlight import STATES, Highlight
from ..diagrams.model import Container, Edge, Node, View
from ..diagrams.views import VIEWS, build_view
from .core import StackReview
from .diff import index
from .source import StackInput

LEGEND = "legend"


def _containers(root: Container) -> dict[str, tuple[Container, str]]:
    """Container id → (container, parent id); the root's parent is ''."""
    found = {root.id: (root, "")}
    for container in root.walk():
        for child in container.children:
            found[child.id] = (child, container.id)
    return found


def _node_home(root: Container) -> dict[str, str]:
    return {node: c.id for c in root.walk() for node in c.nodes}


def _looks(node: Node) -> tuple[object, ...]:
    return (node.title, node.kind, node.details, node.inner, node.zones)


def diff_view(
    base: View | None, head: View | None, name: str, title: str, changed: dict[str, tuple[str, ...]] | None = None
) -> tuple[View, Highlight]:
    """One picture of both: HEAD's view (BASE's when the stack was removed) plus BASE's removed parts.

    ``changed``: node or container id → lines on what changed in it (from the resource review),
    for changes its label does not show (public access, TLS, NSG rules); it is drawn changed too.
    """
    changed = changed or {}
    shown = copy.deepcopy(head or base)
    assert shown is not None
    shown = replace(shown, name=name, title=title)
    items: dict[str, str] = {}
    edges: dict[Edge, str] = {}
    if base is None or head is None:
        state = "added" if base is None else "removed"
        items = {n: state for n in shown.nodes}
        edges = {e: state for e in shown.edges}
    else:
        old_boxes, new_boxes = _containers(base.root), _containers(shown.root)
        for box_id, (box, _) in new_boxes.items():
            if box_id not in old_boxes:
                items[box_id] = "added"
            elif (box.title, box.details) != (old_boxes[box_id][0].title, old_boxes[box_id][0].details):
                items[box_id] = "changed"
        for box_id, (box, _) in new_boxes.items():
            if box_id in changed and box_id not in items:
                box.details = (*box.details, *changed[box_id])
                items[box_id] = "changed"
        for box_id, (box, parent) in old_boxes.items():  # parents before children (walk order)
            if box_id not in new_boxes:
                shell = Container(box.id, box.title, box.kind, box.details)
                new_boxes[parent][0].children.append(shell)
                new_boxes[box_id] = (shell, parent)
                items[box_id] = "removed"
        for node_id, node in shown.nodes.items():
            if node_id not in base.nodes:
                items[node_id] = "added"
            elif _looks(node) != _looks(base.nodes[node_id]):
                was = tuple(d for d in base.nodes[node_id].details if d not in node.details)
                shown.nodes[node_id] = replace(node, details=(*node.details, *(f"was {d}" for d in was)))
                items[node_id] = "changed"
            elif node_id in changed:
                shown.nodes[node_id] = replace(node, details=(*node.details, *changed[node_id]))
                items[node_id] = "changed"
        homes = _node_home(base.root)
        for node_id, node in base.nodes.items():
            if node_id not in shown.nodes:
                shown.nodes[node_id] = node
                new_boxes[homes.get(node_id, "root")][0].nodes.append(node_id)
                items[node_id] = "removed"
        present = set(shown.nodes) | set(new_boxes)
        old_edges = set(base.edges)
        for edge in shown.edges:
            if edge not in old_edges:
                edges[edge] = "added"
        new_edges = set(shown.edges)
        for edge in base.edges:
            # a removed pool's membership line adds nothing to its red box
            if edge not in new_edges and edge.kind != "membership" and {edge.source, edge.target} <= present:
                shown.edges.append(edge)
                edges[edge] = "removed"
    legend = Container(LEGEND, "Legend: the change", LEGEND)
    for state in STATES:
        key = f"{LEGEND}_{state}"
        shown.nodes[key] = Node(key, state, "in this change", Category.OTHER, icon="")
        legend.nodes.append(key)
        items[key] = state
    shown.root.children.append(legend)
    return shown, Highlight(items, edges)


MAX_NOTES = 3
"""Changed attributes written on a node at most; the report has the rest."""


def changed_nodes(head: StackInput, stack: StackReview) -> dict[str, tuple[str, ...]]:
    """HEAD node id → ``key: before → after`` lines of the resources drawn as (or folded into) it."""
    by_key = index(head.stack)
    found: dict[str, list[str]] = {}
    for change in stack.architectural:
        if change.change != "changed" or change.key not in by_key:
            continue
        address = head.model.owner.get(by_key[change.key].address, by_key[change.key].address)
        drawn = head.model.nodes.get(address) or head.model.subnets.get(address)  # an NSG folds into its subnet
        if drawn is not None:
            lines = found.setdefault(drawn.id, [])
            lines += [f"{a.key.rsplit('.', 1)[-1]}: {a.before} → {a.after}" for a in change.attributes]
    return {node: tuple(lines[:MAX_NOTES]) for node, lines in found.items()}


def write_pictures(
    base: StackInput | None,
    head: StackInput | None,
    stack: StackReview,
    name: str,
    target: Path,
    formats: tuple[str, ...],
) -> list[Path]:
    """``<view>-<name>-diff.<format>`` for each view into ``target``."""
    written: list[Path] = []
    changed = changed_nodes(head, stack) if head else {}
    for view_name in VIEWS:
        before = build_view(base.model, view_name) if base else None
        after = build_view(head.model, view_name) if head else None
        view, highlight = diff_view(
            before, after, f"{view_name}-{name}-diff", f"Change to {view_name}: {name}", changed
        )
        written += write_view(view, target, formats, highlight)
    return written
