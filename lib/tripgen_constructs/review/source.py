"""The review's one way in: a ``cdktf.out`` folder as stacks (read by ``tripgen_constructs.reader``,
the one reader), their diagram models and their rule reports."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagrams.model import Model, build_model
from ..diagrams.parse import Stack, load_workloads, stack_of
from ..reader import ReaderError, find_stacks, read_stack


class ReviewInputError(Exception):
    """BASE or HEAD cannot be reviewed: the message is one line naming the folder or file."""


@dataclass(frozen=True)
class StackInput:
    """One synthesized stack: the parsed JSON, its diagram model and its rule report (if any)."""

    name: str
    stack: Stack
    model: Model
    rules: dict[str, Any] | None
    """``<outdir>/<stack>-rules.json``; None when absent."""


def load_output(outdir: Path, names: tuple[str, ...] | None = None) -> dict[str, StackInput]:
    """Every stack of ``outdir`` (or the named ones) by stack name; raises ``ReviewInputError``."""
    outdir = Path(outdir)
    if not outdir.exists():
        raise ReviewInputError(f"{outdir}: no such directory")
    if not (outdir / "stacks").is_dir():
        raise ReviewInputError(f"{outdir}: not a cdktf.out folder (no stacks/ directory)")
    try:
        files = find_stacks(outdir)
        if not files:
            raise ReviewInputError(f"{outdir / 'stacks'}: no stacks (no */cdk.tf.json)")
        by_dir = {file.parent.name: file for file in files}
        if names is not None:
            missing = [n for n in names if n not in by_dir]
            if missing:
                raise ReviewInputError(f"{outdir}: no stack {', '.join(missing)}; have {', '.join(sorted(by_dir))}")
            by_dir = {n: by_dir[n] for n in names}
        found = {}
        for name, file in by_dir.items():
            stack = stack_of(read_stack(file))
            stack.name = name  # the folder names the stack, as cdktf deploy does
            workloads, _ = load_workloads(outdir, name)
            found[name] = StackInput(name, stack, build_model(stack, workloads), _rules(outdir, name))
        return found
    except ReaderError as error:
        raise ReviewInputError(str(error)) from None


def _rules(outdir: Path, name: str) -> dict[str, Any] | None:
    file = outdir / f"{name}-rules.json"
    if not file.is_file():
        return None
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReviewInputError(f"{file}: not a rules report ({error})") from None
    if not isinstance(document, dict) or not isinstance(document.get("results"), list):
        raise ReviewInputError(f"{file}: not a rules report (expected an object with a 'results' list)")
    return document
