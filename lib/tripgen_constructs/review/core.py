"""A review: per stack, the resource changes and their derived consequences; the CI gates."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .consequences import Consequence, derive, findings
from .diff import ResourceChange, compare_resources, describe, index, kind
from .source import StackInput

GATES = ("exposure", "zone-redundancy", "findings")
RENAME_SHARE = 0.8
"""Share of construct paths two stacks must have in common to look like one stack renamed."""


@dataclass(frozen=True)
class StackReview:
    name: str
    status: str
    """added, removed, changed, or unchanged (no architectural change)."""
    base: str | None
    head: str | None
    resources: tuple[ResourceChange, ...] = ()
    consequences: tuple[tuple[Consequence, str], ...] = ()
    findings: tuple[str, ...] = ()
    """Open findings of a stack added whole (the findings gate counts them)."""
    hint: str = ""

    @property
    def architectural(self) -> tuple[ResourceChange, ...]:
        """Added, removed, and changed in an attribute an architect reviews."""
        return tuple(r for r in self.resources if r.change != "changed" or r.attributes)

    @property
    def other_only(self) -> tuple[ResourceChange, ...]:
        return tuple(r for r in self.resources if r.change == "changed" and not r.attributes)

    def count(self, change: str) -> int:
        return sum(1 for r in self.architectural if r.change == change)


@dataclass(frozen=True)
class Review:
    base: str
    head: str
    stacks: tuple[StackReview, ...]

    @property
    def changed(self) -> bool:
        return any(s.status != "unchanged" for s in self.stacks)

    def gate_reasons(self, gate: str) -> list[str]:
        """Why ``gate`` (one of ``GATES``) fails; empty when it passes."""
        if gate not in GATES:
            raise ValueError(f"'gate' must be one of {list(GATES)}, got {gate!r}")
        wanted = {
            "exposure": {("exposure", "+"), ("private-endpoint", "-")},
            "zone-redundancy": {("zone-redundancy", "-")},
            "findings": {("finding", "+")},
        }[gate]
        reasons = []
        for stack in self.stacks:
            for consequence, note in stack.consequences:
                if (consequence.topic, consequence.sign) in wanted:
                    reasons.append(
                        f"{stack.name}: {consequence.heading}: {consequence.fact}" + (f" ({note})" * bool(note))
                    )
            if gate == "findings":
                reasons += [f"{stack.name}: finding in added stack: {f}" for f in stack.findings]
        return reasons


def review_stacks(base: StackInput, head: StackInput, name: str | None = None) -> StackReview:
    """``base`` → ``head`` of one stack (or two stacks compared)."""
    resources = tuple(compare_resources(base, head))
    consequences = tuple(derive(base, head))
    architectural = any(r.change != "changed" or r.attributes for r in resources) or bool(consequences)
    return StackReview(
        name or head.name,
        "changed" if architectural else "unchanged",
        base.name,
        head.name,
        resources,
        consequences,
    )


def _whole(si: StackInput, change: str) -> StackReview:
    resources = tuple(
        ResourceChange(change, key, res.type, kind(res.type), describe(si, res))
        for key, res in sorted(index(si.stack).items())
    )
    open_findings: tuple[str, ...] = ()
    if change == "added":
        open_findings = tuple(sorted(findings(si)))
    return StackReview(
        si.name,
        change,
        si.name if change == "removed" else None,
        si.name if change == "added" else None,
        resources,
        findings=open_findings,
    )


def review(base: dict[str, StackInput], head: dict[str, StackInput], base_label: str, head_label: str) -> Review:
    """Every stack in either output, by name; a stack on one side only is added or removed whole."""
    stacks = []
    for name in sorted(base.keys() | head.keys()):
        if name in base and name in head:
            stacks.append(review_stacks(base[name], head[name]))
        else:
            stacks.append(_whole(head[name], "added") if name in head else _whole(base[name], "removed"))
    return Review(base_label, head_label, tuple(_rename_hints(stacks, base, head)))


def _rename_hints(
    stacks: list[StackReview], base: dict[str, StackInput], head: dict[str, StackInput]
) -> list[StackReview]:
    """A removed and an added stack whose construct paths mostly match: say it looks like a rename."""
    added = [s.name for s in stacks if s.status == "added"]
    removed = [s.name for s in stacks if s.status == "removed"]
    hints: dict[str, str] = {}
    for old in removed:
        old_keys = set(index(base[old].stack))
        for new in added:
            new_keys = set(index(head[new].stack))
            share = len(old_keys & new_keys) / max(len(old_keys), len(new_keys), 1)
            if share >= RENAME_SHARE:
                text = f"{old} → {new} looks like a rename: {share:.0%} of their resources match by construct path"
                hints[old] = hints[new] = text
    return [replace(s, hint=hints.get(s.name, "")) for s in stacks]


def compare(outputs: dict[str, StackInput], first: str, second: str) -> Review:
    """Two stacks of one output compared as if ``first`` were BASE and ``second`` HEAD."""
    stack = review_stacks(outputs[first], outputs[second], f"{first} → {second}")
    return Review(first, second, (stack,))
