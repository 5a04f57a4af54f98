"""Label text shared by the renderers (title, kind, details wrapped to a readable width)."""

from __future__ import annotations

from .model import Container, Node

WIDTH = 34
"""Characters per label line: keeps boxes narrow enough to sit side by side."""


def wrap(parts: tuple[str, ...] | list[str], width: int = WIDTH) -> list[str]:
    """Join ``parts`` with `` · `` into lines of at most ``width`` characters (never split a part)."""
    lines: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current} · {part}" if current else part
        if current and len(candidate) > width:
            lines.append(current)
            current = part
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def node_lines(node: Node, inner: bool = True) -> list[str]:
    """Title, kind, the details, then (``inner``) the inner box's lines: the same words everywhere."""
    return [node.title, node.kind, *wrap(list(node.details)), *(node.inner if inner else ())]


def container_lines(container: Container) -> list[str]:
    return [container.title, *wrap(list(container.details), 48)]
