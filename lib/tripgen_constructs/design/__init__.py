"""The generated design document: ``docs/architecture-<env>.md`` per synthesized stack (and a Korean
``architecture-<env>.ko.md`` where asked), with the composite SLA and the monthly cost.

Reads the synthesized JSON and the workload layer's summary only (no construct, cdktf or jsii import).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .. import cost, sla
from ..config.price_table import Price
from ..synthesized import load_stacks, load_workloads
from .document import render


@dataclass
class DesignDocs:
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sla: dict[str, sla.SlaReport] = field(default_factory=dict)
    cost: dict[str, cost.CostReport] = field(default_factory=dict)


def write_design_docs(
    outdir: Path,
    docs_dir: Path,
    diagrams_dir: Path,
    targets: Mapping[str, float | None],
    translations: Mapping[str, Collection[str]] | None = None,
    prices: tuple[Price, ...] | None = None,
    price_source: str = "pinned price table (`config/price_table.py`)",
    published: Path | None = None,
) -> DesignDocs:
    """Write one document per stack under ``outdir``; ``targets`` maps environment → target percent,
    ``translations`` environment → the languages (``text.LANGUAGES``) it is also written in.
    ``published`` is the folder the documents end up in when ``docs_dir`` is a staging folder (the
    diagram links are relative to it); by default ``docs_dir``."""
    result = DesignDocs()
    docs_dir = Path(docs_dir)
    docs_dir.mkdir(parents=True, exist_ok=True)
    images = Path(os.path.relpath(Path(diagrams_dir), published or docs_dir)).as_posix()
    for stack in load_stacks(Path(outdir)):
        env = stack.environment
        workloads, warnings = load_workloads(Path(outdir), stack.name)
        result.warnings += warnings
        report = sla.assess(stack, targets.get(env))
        costs = cost.assess(stack, prices, price_source)
        result.sla[env], result.cost[env] = report, costs
        if (warning := report.warning()) is not None:
            result.warnings.append(warning)
        diagrams = {
            "physical": f"{images}/physical-architecture-{env}.png",
            "network": f"{images}/network-{env}.png",
        }
        for lang in ("en", *(translations or {}).get(env, ())):
            name = f"architecture-{env}.md" if lang == "en" else f"architecture-{env}.{lang}.md"
            file = docs_dir / name
            file.write_text(render(stack, workloads, report, costs, diagrams, lang), encoding="utf-8")
            result.files.append(file)
    return result
