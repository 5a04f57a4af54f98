"""Diagrams generated from synthesized Terraform JSON (``cdktf.out/stacks/*/cdk.tf.json``).

Three layers: ``parse`` (the stack through ``tripgen_constructs.reader``, with its references) →
``model`` (typed graph; ``values`` resolves expressions, keeping plan-time ones symbolic) →
``render_mermaid`` / ``render_graphviz`` / ``render_drawio`` / ``render_html`` (the last two
placed by ``layout``, Graphviz's positions); ``views`` arranges the network and
physical-architecture pictures, ``split`` draws one too large for a page as parts with an index,
and ``catalog`` is the one resource-type table. Nothing here
imports the constructs, cdktf or jsii: it reads JSON only (the stacks, and the workload layer's
``k8s/<env>/workloads.json`` beside them when present: services drawn in their node pool).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import outputs
from .highlight import Highlight
from .model import Model, View, build_model
from .parse import DiagramInputError, find_stacks, load_stack, load_workloads
from .split import split
from .views import VIEWS, build_view

if TYPE_CHECKING:
    from .layout import Layout

FORMATS = ("mmd", "png", "svg", "dot", "drawio", "html")
"""Every output format: Mermaid text, Graphviz images, the DOT source they come from, an editable
draw.io file per view, and one HTML explorer per stack (``explorer-<env>.html``, every view)."""
PLACED_FORMATS = frozenset({"drawio", "html"})
"""Formats drawn at the positions of the Graphviz layout."""
PART_FORMATS = frozenset(FORMATS) - {"png"}
"""A part of a split view is drawn in every format but PNG: its SVG is the same picture and scales,
where rasterizing a part cost about 8x its SVG (1.0 s against 0.11 s for a 113-box part) and made
20,000 resources miss 60 s (``bench/scale.py``). The index of the parts keeps its PNG."""


class DiagramOutputError(Exception):
    """The diagrams cannot be written where asked: one line naming the path and why."""


@dataclass
class DrawResult:
    """What ``draw_all`` wrote and what it had to say about the input."""

    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    views: list[View] = field(default_factory=list)
    """Each view as drawn: itself, or when split (``split.py``) its index, holding the parts."""


def draw_all(
    outdir: Path,
    target_dir: Path,
    formats: Iterable[str] = FORMATS,
    *,
    stacks: Iterable[str] | None = None,
    views: Iterable[str] = VIEWS,
    grants: bool = False,
) -> DrawResult:
    """Draw ``views`` of every stack (or the named ``stacks``) in ``outdir`` into ``target_dir``.

    Raises ``DiagramInputError`` (naming the file) for a missing or unreadable stack file and
    ``DiagramOutputError`` when ``target_dir`` is a file or cannot be created.
    """
    formats = tuple(formats)
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ValueError(f"'formats' must be among {list(FORMATS)}, got {unknown}")
    files = find_stacks(Path(outdir))
    if stacks is not None:
        wanted = list(stacks)
        by_name = {f.parent.name: f for f in files}
        missing = [s for s in wanted if s not in by_name]
        if missing:
            raise DiagramInputError(Path(outdir) / "stacks", "", f"stack(s) {missing}; have {sorted(by_name)}")
        files = [by_name[s] for s in wanted]
    elif not files:
        raise DiagramInputError(Path(outdir) / "stacks", "", "*/cdk.tf.json stack files (there are none)")
    result = DrawResult()
    target_dir = _output_dir(Path(target_dir))
    models: list[tuple[Model, list[View]]] = []
    for file in files:
        stack = load_stack(file)
        workloads, problems = load_workloads(Path(outdir), stack.name)  # issue 9: services in pools
        model = build_model(stack, workloads)
        result.warnings += [f"{model.stack}: {w}" for w in problems + model.warnings]
        built = [build_view(model, view_name, grants=grants) for view_name in views]
        models.append((model, built))
        result.views += [split(view) for view in built]  # issue 15: a view too large for a page
    pictures = [picture for view in result.views for picture in (view, *view.parts)]
    parts = {id(part) for view in result.views for part in view.parts}
    part_formats = tuple(f for f in formats if f in PART_FORMATS)
    placed = bool(PLACED_FORMATS & set(formats))
    # Graphviz runs as a subprocess per picture: one per core (the ``diagrams`` library keeps its
    # current diagram in a context variable, per thread), the largest first so that no large one
    # starts last. Each run draws the picture's images and returns the layout the placed formats
    # use; draw.io gets a file per picture, the explorer each view whole (it pans and zooms), so a
    # split view's whole is laid out without being drawn.
    by_size = sorted(pictures, key=lambda view: -len(view.nodes))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        drawing = {
            id(view): pool.submit(_draw_view, view, target_dir, part_formats if id(view) in parts else formats, placed)
            for view in by_size
        }
        if placed:
            from .layout import layout

            wholes = {id(v): pool.submit(layout, v) for _, built in models for v in built if id(v) not in drawing}

            def placed_of(view: View) -> Layout:
                done = drawing[id(view)].result()[1] if id(view) in drawing else wholes[id(view)].result()
                assert done is not None  # _draw_view lays out whenever ``placed``
                return done

            if "drawio" in formats:
                _write_drawio([(view, placed_of(view)) for view in pictures], target_dir, result)
            if "html" in formats:
                for model, built in models:
                    views_placed = [(view, placed_of(view)) for view in built]
                    _write_explorer(Path(outdir), model, views_placed, target_dir, result)
    images = [path for view in pictures for path in drawing[id(view)].result()[0]]
    result.written[:0] = images  # the images first, then draw.io and the explorers, as before
    return result


def _draw_view(
    view: View, target_dir: Path, formats: tuple[str, ...], placed: bool
) -> tuple[list[Path], Layout | None]:
    """``write_view`` and, with ``placed``, the layout of the same Graphviz run (never None then)."""
    if not placed:
        return write_view(view, target_dir, formats), None
    from . import render_graphviz
    from .layout import parse_json

    written = _write_mermaid(view, target_dir, formats, None)
    drawn = render_graphviz.draw(view, target_dir / view.name, _graphviz_formats(formats), layout=True)
    assert drawn.layout is not None
    return written + drawn.written, parse_json(drawn.layout, view)


def _write_drawio(views: list[tuple[View, Layout]], target_dir: Path, result: DrawResult) -> None:
    """The draw.io file of each picture, at the positions of its Graphviz layout."""
    from . import render_drawio

    for view, placed in views:
        drawio = render_drawio.render(view, placed)
        result.written.append(outputs.write_text(target_dir / f"{view.name}.drawio", drawio.xml))
        if drawio.unmapped:
            result.warnings.append(
                f"{view.name}.drawio: no draw.io shape for {drawio.unmapped}: drawn as labelled boxes"
            )


def _write_explorer(
    outdir: Path, model: Model, views: list[tuple[View, Layout]], target_dir: Path, result: DrawResult
) -> None:
    """The stack's HTML explorer: every view, with the stack's rule findings."""
    from . import render_html

    findings = render_html.load_findings(outdir / f"{model.stack}-rules.json")
    path = target_dir / f"explorer-{model.stack_model.environment}.html"
    result.written.append(outputs.write_text(path, render_html.render(model, views, findings)))


def _output_dir(target_dir: Path) -> Path:
    if target_dir.exists() and not target_dir.is_dir():
        raise DiagramOutputError(f"{target_dir}: expected a directory for the diagrams, found a file")
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a parent is a file, or no permission
        raise DiagramOutputError(f"{target_dir}: cannot create the diagram directory: {error.strerror}") from None
    return target_dir


def write_view(
    view: View, target_dir: Path, formats: tuple[str, ...], highlight: Highlight | None = None
) -> list[Path]:
    """Write one view in ``formats`` as ``target_dir/<view.name>.<format>`` (``highlight``: the
    change states to draw, for the review's diff pictures); the placed formats (draw.io, HTML)
    are written by ``draw_all``, which lays every view out once."""
    written = _write_mermaid(view, target_dir, formats, highlight)
    graphviz_formats = _graphviz_formats(formats)
    if graphviz_formats:
        from . import render_graphviz

        written += render_graphviz.render(view, target_dir / view.name, graphviz_formats, highlight)
    return written


def _graphviz_formats(formats: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f for f in formats if f in ("png", "svg", "dot"))


def _write_mermaid(view: View, target_dir: Path, formats: tuple[str, ...], highlight: Highlight | None) -> list[Path]:
    if "mmd" not in formats:
        return []
    from . import render_mermaid

    return [outputs.write_text(target_dir / f"{view.name}.mmd", render_mermaid.render(view, highlight))]


__all__ = [
    "FORMATS",
    "VIEWS",
    "DiagramInputError",
    "DiagramOutputError",
    "DrawResult",
    "Highlight",
    "build_model",
    "build_view",
    "draw_all",
    "load_stack",
    "load_workloads",
    "write_view",
]
