"""Resources of two versions of a stack matched by construct path (falling back to the Terraform
address): added, removed, and changed in the attributes an architect reviews."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..diagrams import catalog
from ..diagrams.model import flow_label
from ..diagrams.parse import Resource, Stack
from ..reader import Mode
from .attributes import aspect, flatten, show
from .source import StackInput

NSG_RULES = "NSG rules"


@dataclass(frozen=True)
class AttributeChange:
    aspect: str
    key: str
    before: str
    after: str

    def line(self) -> str:
        return f"{self.aspect}: {self.key} {self.before} → {self.after}"


@dataclass(frozen=True)
class ResourceChange:
    """One resource added, removed or changed; ``key`` is its construct path (or address)."""

    change: str
    key: str
    type: str
    kind: str
    summary: str = ""
    """What it is or does: the diagram label's details, a grant's who/role/what, an NSG rule."""
    attributes: tuple[AttributeChange, ...] = ()
    other: tuple[str, ...] = ()
    """Other changed attributes (names, tags, wiring): named, not shown."""


def index(stack: Stack) -> dict[str, Resource]:
    """Resources by construct path; the address where a resource has none or shares its path.

    Data sources are left out: they read what exists and change nothing (a reference to one
    still reads as its construct path)."""
    by_path: dict[str, list[Resource]] = {}
    for res in stack.resources.values():
        if res.mode is not Mode.RESOURCE:
            continue
        by_path.setdefault(res.path or res.address, []).append(res)
    found: dict[str, Resource] = {}
    for key, group in by_path.items():
        for res in group:
            found[key if len(group) == 1 else res.address] = res
    return found


def kind(resource_type: str) -> str:
    entry = catalog.entry(resource_type)
    return entry.kind if entry and entry.kind else resource_type


def rule_text(stack: Stack, rule: dict[str, Any]) -> str:
    """``Inbound Allow TCP 5432 from 10.1.0.0/20 to * (priority 100)``."""

    def side(name: str) -> str:
        many = rule.get(f"{name}_address_prefixes") or [rule.get(f"{name}_address_prefix") or "*"]
        return ",".join(show(stack, p) for p in many)

    return (
        f"{rule.get('direction')} {rule.get('access')} {flow_label(rule)} from {side('source')} "
        f"to {side('destination')} (priority {rule.get('priority')})"
    )


def describe(si: StackInput, res: Resource) -> str:
    """One line on what a resource is: a grant's who/role/what, an NSG rule, else its label details."""
    stack = si.stack
    if res.type == "azurerm_role_assignment":
        role = show(stack, res.body.get("role_definition_name") or res.body.get("role_definition_id"))
        principal = show(stack, res.body.get("principal_id"))
        return f"{principal} gains {role} on {show(stack, res.body.get('scope'))}"
    if res.type == "azurerm_network_security_rule":
        return rule_text(stack, res.body)
    node = si.model.nodes.get(res.address)
    return " · ".join(node.details) if node else ""


def _rules(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    rules = body.get("security_rule") or []
    return {str(r.get("name")): r for r in rules if isinstance(r, dict)}


def _nsg_changes(base: StackInput, head: StackInput, old: Resource, new: Resource) -> list[AttributeChange]:
    before, after = _rules(old.body), _rules(new.body)
    changes = []
    for name in sorted(before.keys() | after.keys()):
        was = rule_text(base.stack, before[name]) if name in before else "none"
        now = rule_text(head.stack, after[name]) if name in after else "none"
        if was != now:
            changes.append(AttributeChange(NSG_RULES, name, was, now))
    return changes


def compare_resources(base: StackInput, head: StackInput) -> list[ResourceChange]:
    """Added, removed and changed resources, in key order."""
    old_index, new_index = index(base.stack), index(head.stack)
    changes: list[ResourceChange] = []
    for key in sorted(old_index.keys() | new_index.keys()):
        old, new = old_index.get(key), new_index.get(key)
        if old is None or new is None:
            res, si = (new, head) if old is None else (old, base)
            assert res is not None
            change = "added" if old is None else "removed"
            changes.append(ResourceChange(change, key, res.type, kind(res.type), describe(si, res)))
            continue
        if _strip(old.body) == _strip(new.body):
            continue
        before, after = flatten(old.body), flatten(new.body)
        attributes, other = [], set()
        for attr in sorted(before.keys() | after.keys()):
            if attr.startswith("security_rule["):
                continue
            was, now = show(base.stack, before.get(attr)), show(head.stack, after.get(attr))
            if was == now:
                continue
            name = aspect(attr)
            if name is None:
                other.add(attr.split(".", 1)[0].split("[", 1)[0])
            else:
                attributes.append(AttributeChange(name, attr, was, now))
        if new.type == "azurerm_network_security_group":
            attributes += _nsg_changes(base, head, old, new)
        changes.append(
            ResourceChange(
                "changed", key, new.type, kind(new.type), describe(head, new), tuple(attributes), tuple(sorted(other))
            )
        )
    return changes


def _strip(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != "//"}
