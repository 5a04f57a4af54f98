"""Diagrams generated from synthesized Terraform JSON (``cdktf.out/stacks/*/cdk.tf.json``).

Three layers: ``parse`` (JSON → resources and references) → ``model`` (typed graph) →
``render_mermaid`` / ``render_graphviz`` / ``render_drawio`` / ``render_html`` (the last two
placed by ``layout``, Graphviz's positions); ``views`` arranges the network and
physical-architecture pictures and ``catalog`` is the one resource-type table. Nothing here
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

from .model import Model, View, build_model
from .parse import DiagramInputError, find_stacks, load_stack, load_workloads
from .views import VIEWS, build_view, environment_of

if TYPE_CHECKING:
    from .layout import Layout

FORMATS = ("mmd", "png", "svg", "dot", "drawio", "html")
"""Every output format: Mermaid text, Graphviz images, the DOT source they come from, an editable
draw.io file per view, and one HTML explorer per stack (``explorer-<env>.html``, every view)."""
PLACED_FORMATS = frozenset({"drawio", "html"})
"""Formats drawn at the positions of the Graphviz layout."""


@dataclass
class DrawResult:
    """What ``draw_all`` wrote and what it had to say about the input."""

    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    views: list[View] = field(default_factory=list)


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

    Raises ``DiagramInputError`` (naming the file) for a missing or unreadable stack file.
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
            raise DiagramInputError(f"{Path(outdir) / 'stacks'}: no stack {missing}; have {sorted(by_name)}")
        files = [by_name[s] for s in wanted]
    elif not files:
        raise DiagramInputError(f"{Path(outdir) / 'stacks'}: no */cdk.tf.json stack files")
    result = DrawResult()
    target_dir = Path(target_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    models: list[tuple[Model, list[View]]] = []
    for file in files:
        stack = load_stack(file)
        workloads, problems = load_workloads(Path(outdir), stack.name)  # issue 9: services in pools
        model = build_model(stack, workloads)
        result.warnings += [f"{model.stack}: {w}" for w in problems + model.warnings]
        built = [build_view(model, view_name, grants=grants) for view_name in views]
        models.append((model, built))
        result.views += built
    # Graphviz runs as a subprocess per view: draw them side by side, one per core (the
    # ``diagrams`` library keeps its current diagram in a context variable, per thread).
    layouts: dict[int, Layout] = {}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        if PLACED_FORMATS & set(formats):
            from .layout import layout

            layouts = dict(zip(map(id, result.views), pool.map(layout, result.views), strict=True))
        drawn = pool.map(lambda view: write_view(view, target_dir, formats, layouts.get(id(view))), result.views)
        for written, warnings in drawn:
            result.written += written
            result.warnings += warnings
    if "html" in formats:
        from . import render_html

        for model, built in models:
            findings = render_html.load_findings(Path(outdir) / f"{model.stack}-rules.json")
            path = target_dir / f"explorer-{environment_of(model.stack)}.html"
            path.write_text(render_html.render(model, [(v, layouts[id(v)]) for v in built], findings), encoding="utf-8")
            result.written.append(path)
    return result


def write_view(
    view: View, target_dir: Path, formats: tuple[str, ...], placed: Layout | None = None
) -> tuple[list[Path], list[str]]:
    """Write one view in ``formats`` as ``target_dir/<view.name>.<format>`` (``html`` is per stack,
    see ``draw_all``); ``placed`` is its Graphviz layout, needed for ``drawio``. Returns the files
    and what the renderers had to say."""
    written: list[Path] = []
    warnings: list[str] = []
    if "mmd" in formats:
        from . import render_mermaid

        path = target_dir / f"{view.name}.mmd"
        path.write_text(render_mermaid.render(view), encoding="utf-8")
        written.append(path)
    if "drawio" in formats:
        if placed is None:
            raise ValueError("'placed' must be the view's layout for the drawio format, got None")
        from . import render_drawio

        drawio = render_drawio.render(view, placed)
        path = target_dir / f"{view.name}.drawio"
        path.write_text(drawio.xml, encoding="utf-8")
        written.append(path)
        if drawio.unmapped:
            warnings.append(f"{view.name}.drawio: no draw.io shape for {drawio.unmapped}: drawn as labelled boxes")
    graphviz_formats = tuple(f for f in formats if f in ("png", "svg", "dot"))
    if graphviz_formats:
        from . import render_graphviz

        written += render_graphviz.render(view, target_dir / view.name, graphviz_formats)
    return written, warnings


__all__ = [
    "FORMATS",
    "VIEWS",
    "DiagramInputError",
    "DrawResult",
    "build_model",
    "build_view",
    "draw_all",
    "load_stack",
    "load_workloads",
    "write_view",
]
