"""The one expression resolver of the diagrams: an attribute is a literal, a node, or symbolic.

A reference to a block of the stack is followed to the value it names where that value is written
in the stack (``${azurerm_resource_group.rg.location}`` → ``koreacentral``); anything known only at
plan time (``var.``, ``local.``, ``each.``, ``count.``, functions, module outputs, an attribute the
stack does not write) stays a ``Symbolic`` value and is shown as its expression (``var.aks_zones``),
never split into characters nor read as a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..reader import Block, ExprKind, expression
from .parse import Stack

_FOLLOW = 4
"""References followed in a row (a name that names a name ...) before the value counts as symbolic."""


@dataclass(frozen=True)
class Symbolic:
    """A value known only at plan time."""

    text: str
    """The expression without ``${}``: ``var.aks_zones``, ``each.value.priority``."""

    def __str__(self) -> str:
        return self.text


Scalar = str | int | float | bool


def resolve(stack: Stack | None, raw: Any, depth: int = _FOLLOW) -> Any:
    """``raw`` with references followed (in ``stack``, when given); a string that stays an
    expression becomes ``Symbolic``."""
    if isinstance(raw, str):
        expr = expression(raw)
        if expr.kind is ExprKind.LITERAL:
            return raw
        if (
            stack is not None
            and expr.kind is ExprKind.REFERENCE
            and depth > 0
            and expr.target in stack.resources
            and expr.attribute
        ):
            found = stack.resources[expr.target].get(expr.attribute)
            if found is not None:
                return resolve(stack, found, depth - 1)
        return Symbolic(expr.text)
    if isinstance(raw, list):
        return [resolve(stack, item, depth) for item in raw]
    return raw


def texts(stack: Stack | None, raw: Any) -> tuple[str, ...] | Symbolic:
    """A list of strings (``zones``, ``address_space``): one string is a list of one; symbolic stays whole."""
    value = resolve(stack, raw)
    if isinstance(value, Symbolic):
        return value
    items = value if isinstance(value, list) else [value]
    found: list[str] = []
    for item in items:
        if isinstance(item, Symbolic):
            return Symbolic(", ".join(str(i) for i in items if isinstance(i, Symbolic | str | int)))
        if isinstance(item, str | int) and not isinstance(item, bool) and str(item):
            found.append(str(item))
    return tuple(found)


def number(stack: Stack | None, raw: Any) -> int | Symbolic | None:
    """A whole number (``priority``, ``count``); an expression is symbolic; anything else is None."""
    value = resolve(stack, raw)
    if isinstance(value, Symbolic):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def shown(value: Any) -> str | None:
    """A label text: literals as written, symbolic values as their expression, lists joined."""
    if value is None or value == [] or value == "":
        return None
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, Symbolic):
        return value.text
    if isinstance(value, list):
        parts = [shown(v) for v in value]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, dict):
        return None
    return str(value)


def multiplicity(block: Block | Any) -> str:
    """``×3`` for ``count = 3``, ``× for_each(var.subnets)``; empty for a single instance."""
    body = block.body
    if "count" in body:
        count = body["count"]
        if isinstance(count, int) and not isinstance(count, bool):
            return "" if count == 1 else f"×{count}"
        return f"× count({expression(str(count)).text})"
    if "for_each" in body:
        each = body["for_each"]
        if isinstance(each, dict | list):
            return f"×{len(each)}"
        return f"× for_each({expression(str(each)).text})"
    return ""
