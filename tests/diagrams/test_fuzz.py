"""Random JSON mutations of our synthesized stacks: the reader refuses or the diagrams draw; nothing else."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest
from tripgen_constructs.diagrams import build_model, build_view
from tripgen_constructs.diagrams.parse import parse_document
from tripgen_constructs.diagrams.render_mermaid import render
from tripgen_constructs.diagrams.views import VIEWS
from tripgen_constructs.reader import ReaderError

MUTATIONS_PER_STACK = 40
REPLACEMENTS: tuple[Any, ...] = (
    None,
    0,
    -1,
    2.5,
    True,
    "",
    "*",
    "${var.x}",
    "${each.value.priority}",
    "${azurerm_subnet.nowhere.id}",
    "10.0.0.0/33",
    [],
    {},
    [1, "a", None],
    {"a": {"b": []}},
    [[["${count.index}"]]],
)


def _paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [at]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*at, index))
    return found


def _mutate(document: dict[str, Any], paths: list[tuple[Any, ...]], rng: random.Random) -> dict[str, Any]:
    mutated = copy.deepcopy(document)
    for _ in range(rng.randint(1, 3)):
        path, parent = rng.choice(paths), mutated
        try:
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation of this round replaced what held it
        action = rng.random()
        if action < 0.2 and isinstance(parent, dict):
            del parent[path[-1]]
        elif action < 0.3:
            parent[path[-1]] = [parent[path[-1]]]
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(REPLACEMENTS))
    return mutated


@pytest.mark.parametrize("env", ["prod", "dev"])
def test_random_mutations_raise_only_the_readers_error(synth_dir: Path, env: str):
    document = json.loads((synth_dir / "stacks" / f"tripgen-{env}" / "cdk.tf.json").read_text())
    rng = random.Random(f"fuzz-{env}")
    paths = _paths(document)[1:]
    refused = drawn = 0
    for _ in range(MUTATIONS_PER_STACK):
        mutated = _mutate(document, paths, rng)
        try:
            stack = parse_document(mutated, Path("cdk.tf.json"))
        except ReaderError as error:
            assert "\n" not in str(error) and str(error).startswith("cdk.tf.json: at "), str(error)
            refused += 1
            continue
        model = build_model(stack)
        for view in VIEWS:
            assert "\nflowchart " in render(build_view(model, view))
        drawn += 1
    assert refused and drawn  # both sides were exercised
