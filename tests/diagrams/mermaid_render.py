"""Mermaid rendered in headless Chromium (Debian's ``chromium``, driven by Playwright) and measured.

One browser per test session (``mermaid_browser`` fixture): ``tools/mermaid-check/render.html``
loads the ``mermaid`` npm package, renders each text and reports, from the SVG's boxes, every
subgraph title that overlaps a node or a nested subgraph or sticks out of its box, and every
label cut by its node's box or its frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

PAGE = Path(__file__).resolve().parents[2] / "tools" / "mermaid-check" / "render.html"


@dataclass(frozen=True)
class Rendered:
    svg: str
    width: float
    height: float
    problems: tuple[str, ...]
    frames: dict[str, tuple[float, float, float, float]]
    """Subgraph id → its box (x, y, width, height) in the SVG's pixels."""


class MermaidBrowser:
    """A headless Chromium with the render page open; ``render`` may be called many times."""

    def __init__(self, browser: Any) -> None:
        """``browser``: the session's one Chromium (Playwright's sync API allows one per thread)."""
        assert (PAGE.parent / "node_modules" / "mermaid").is_dir(), f"run `npm ci --prefix {PAGE.parent}` first"
        self._page = browser.new_page(viewport={"width": 1600, "height": 1200})
        self._page.goto(PAGE.as_uri())
        self._page.wait_for_function("typeof window.renderAndMeasure === 'function'")

    def render(self, text: str) -> Rendered:
        """Mermaid's SVG of ``text``, its natural size and the problems measured on it."""
        return self._rendered(self._page.evaluate("text => window.renderAndMeasure(text)", text))

    def measure(self, svg: str, text: str, prefix: str) -> Rendered:
        """The problems of an SVG Mermaid drew from ``text`` (its element ids start with ``prefix``)."""
        return self._rendered(self._page.evaluate("([s, t, p]) => window.measure(s, t, p)", [svg, text, prefix]))

    @staticmethod
    def _rendered(result: dict[str, Any]) -> Rendered:
        frames = {k: (b["x"], b["y"], b["w"], b["h"]) for k, b in result["frames"].items()}
        return Rendered(result["svg"], result["width"], result["height"], tuple(result["problems"]), frames)

    def close(self) -> None:
        self._page.close()
