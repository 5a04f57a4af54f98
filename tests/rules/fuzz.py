"""Near-valid environment configs: the real prod/dev configs with a few leaves changed.

Mutations are plain functions of a ``random.Random`` so hypothesis (``st.randoms()``) and the
seeded synth sample draw from the same generator. They walk the config document, so props that
constructs add later are fuzzed without changes here.
"""

from __future__ import annotations

import ipaddress
import random
from collections.abc import Callable, Iterator
from typing import Any

Path = tuple[Any, ...]

ZONE_VALUES = ["1", "2", "3", 1, 2, 3, "4", "0", ""]
SKU_VALUES = [
    "Free",
    "Standard",
    "Premium",
    "Basic",
    "WAF_v2",
    "Standard_v2",
    "Premium_AzureFrontDoor",
    "Standard_AzureFrontDoor",
    "GP_Standard_D8s_v3",
    "GP_Standard_D4s_v3",
    "B_Standard_B1ms",
    "P4",
    "P1",
    "C1",
    "Standard_D2s_v3",
    "Standard_D4s_v3",
    "Standard_D8s_v3",
    "LRS",
    "ZRS",
    "GZRS",
    "bogus",
    "",
]
STRING_VALUES = ["", "x", "koreacentral", "koreasouth", "eastus", "Prevention", "Detection", "P14D", "14d", "A" * 90]


def leaves(node: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, (*path, key))
    elif isinstance(node, list) and node and all(isinstance(v, dict | list) for v in node):
        for index, value in enumerate(node):
            yield from leaves(value, (*path, index))
    else:
        yield path, node


def _replaced(node: Any, path: Path, value: Any) -> Any:
    """``node`` with the leaf at ``path`` replaced; only the containers along the path are copied."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    copy_ = list(node) if isinstance(node, list) else dict(node)
    copy_[head] = _replaced(node[head], rest, value)
    return copy_


def _is_cidr(value: Any) -> bool:
    if not isinstance(value, str) or "/" not in value:
        return False
    try:
        ipaddress.IPv4Network(value)
    except ValueError:
        return False
    return True


def _cidr(rng: random.Random) -> str:
    prefix = rng.choice([8, 12, 16, 20, 23, 24, 26, 28, 29, 30, 33])
    address = f"10.{rng.choice([0, 1, 2, 3, 244, 255])}.{rng.choice([0, 1, 2, 3, 4, 128])}.{rng.choice([0, 10, 64])}"
    return f"{address}/{prefix}"


def _key(path: Path) -> str:
    return str(next((k for k in reversed(path) if isinstance(k, str)), ""))


MUTATIONS: dict[str, tuple[Callable[[Path, Any], bool], Callable[[random.Random, Any], Any]]] = {
    "zones": (
        lambda p, v: "zone" in _key(p),
        lambda rng, v: rng.choice([None, rng.choice(ZONE_VALUES), rng.sample(ZONE_VALUES, rng.randint(0, 4))]),
    ),
    "cidr": (
        lambda p, v: _is_cidr(v) or (isinstance(v, list) and any(_is_cidr(x) for x in v)),
        lambda rng, v: [_cidr(rng)] if isinstance(v, list) else _cidr(rng),
    ),
    "count": (
        lambda p, v: isinstance(v, int) and not isinstance(v, bool),
        lambda rng, v: rng.choice([-1, 0, 1, 2, 3, v - 1, v + 1, v * 2, 10**6]),
    ),
    "sku": (
        lambda p, v: isinstance(v, str) and any(w in _key(p) for w in ("sku", "tier", "size", "replication", "mode")),
        lambda rng, v: rng.choice(SKU_VALUES),
    ),
    "flag": (lambda p, v: isinstance(v, bool), lambda rng, v: not v),
    "string": (lambda p, v: isinstance(v, str), lambda rng, v: rng.choice(STRING_VALUES)),
    "type": (lambda p, v: True, lambda rng, v: rng.choice([None, 0, "1", [], {}, 1.5])),
}


_CANDIDATES: dict[tuple[int, str], list[tuple[Path, Any]]] = {}
"""The leaves each mutation applies to, per base document (by id: the bases live for the session).
Computed once: walking and filtering every leaf on each call took most of a fuzz example's time."""


def _candidates(base: dict[str, Any], kind: str) -> list[tuple[Path, Any]]:
    key = (id(base), kind)
    if key not in _CANDIDATES:
        applies = MUTATIONS[kind][0]
        _CANDIDATES[key] = [(p, v) for p, v in leaves(base) if p and applies(p, v)]
    return _CANDIDATES[key]


def mutate(base: dict[str, Any], rng: random.Random, count: int) -> dict[str, Any]:
    """``base`` with ``count`` leaves changed by mutations chosen by ``rng`` (``base`` is not touched)."""
    doc = base
    for _ in range(count):
        kind = rng.choice(sorted(MUTATIONS))
        candidates = _candidates(base, kind)
        if candidates:
            path, value = rng.choice(candidates)
            doc = _replaced(doc, path, MUTATIONS[kind][1](rng, value))
    return doc
