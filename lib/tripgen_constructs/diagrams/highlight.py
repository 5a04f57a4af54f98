"""Change states a renderer can draw on top of a view (the review's diff pictures, issue 16).

A renderer given a ``Highlight`` outlines the nodes, containers and edges it names in the state's
colour; without one it draws the view as always.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .model import Edge

STATES = ("added", "removed", "changed")
STROKES = {"added": "#2e7d32", "removed": "#c62828", "changed": "#ef8f00"}
"""Green, red, amber: the legend's colours."""
FILLS = {"added": "#e6f4ea", "removed": "#fdecea", "changed": "#fff3e0"}


@dataclass(frozen=True)
class Highlight:
    """``items``: node or container id → state; ``edges``: edge → state."""

    items: Mapping[str, str] = field(default_factory=dict)
    edges: Mapping[Edge, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        bad = sorted({*self.items.values(), *self.edges.values()} - set(STATES))
        if bad:
            raise ValueError(f"highlight states must be among {list(STATES)}, got {bad}")
