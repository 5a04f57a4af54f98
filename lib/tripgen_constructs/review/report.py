"""``review.md`` (sized for a pull-request comment) and ``review.json`` (stable order) of a review."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from .consequences import WORDS
from .core import GATES, Review, StackReview
from .diff import ResourceChange

MAX_CHARS = 60_000
"""GitHub refuses comments over 65,536 characters; the cap leaves room for the workflow's header."""
FULL_REPORT = "review-full.md"
NO_CHANGE = "No architectural change."


def _code(text: str) -> str:
    return f"`{text}`" if "`" not in text else text


def _consequence_summary(stack: StackReview) -> str:
    counts = Counter(c.heading for c, _ in stack.consequences)
    order = [heading for pair in WORDS.values() for heading in pair]
    return ", ".join(f"{counts[h]} {h}" for h in order if counts[h]) or "none"


def _resource_line(change: ResourceChange) -> str:
    summary = f": {change.summary}" if change.summary else ""
    return f"- {_code(change.key)} ({change.kind}){summary}"


def stack_section(stack: StackReview, pictures: list[str]) -> list[str]:
    lines = [f"### {stack.name}", ""]
    if stack.hint:
        lines += [f"> Hint: {stack.hint}.", ""]
    if stack.status in ("added", "removed"):
        lines.append(f"Stack {stack.status} with {len(stack.resources)} resources.")
        lines += [f"- open finding: {f}" for f in stack.findings]
        lines.append("")
    elif stack.status == "unchanged":
        lines += [NO_CHANGE, ""]
    if stack.consequences:
        lines += ["**Consequences**", ""]
        for consequence, note in stack.consequences:
            lines.append(f"- {consequence.heading}: {_code(consequence.fact)}" + (f": {note}" if note else ""))
        lines.append("")
    changed = [r for r in stack.architectural if r.change == "changed"]
    if changed:
        lines += [f"<details><summary>{len(changed)} resource{'s' * (len(changed) != 1)} changed</summary>", ""]
        for change in changed:
            lines.append(f"- {_code(change.key)} ({change.kind})")
            lines += [f"  - {a.aspect}: {_code(a.key)} {a.before} → {a.after}" for a in change.attributes]
        lines += ["", "</details>", ""]
    for kind in ("added", "removed"):
        listed = [r for r in stack.architectural if r.change == kind]
        if listed:
            lines += [f"<details><summary>{len(listed)} resource{'s' * (len(listed) != 1)} {kind}</summary>", ""]
            lines += [_resource_line(r) for r in listed]
            lines += ["", "</details>", ""]
    other = stack.other_only
    if other:
        keys = sorted({k for r in other for k in r.other})
        lines += [
            f"{len(other)} more resource{'s' * (len(other) != 1)} differ only in attributes no architect reviews "
            f"({', '.join(keys)}).",
            "",
        ]
    if pictures:
        lines += ["Pictures: " + " · ".join(f"[{p}]({p})" for p in pictures), ""]
    return lines


def markdown(review: Review, pictures: dict[str, list[str]] | None = None, gates: tuple[str, ...] = ()) -> str:
    """The whole report; ``pictures``: stack name → diff picture file names beside the report."""
    pictures = pictures or {}
    lines = [f"## Architecture review: {_code(review.base)} → {_code(review.head)}", ""]
    if not review.changed:
        lines += [NO_CHANGE, ""]
    lines += [
        "| stack | change | resources added | removed | changed | consequences |",
        "|---|---|---:|---:|---:|---|",
    ]
    for stack in review.stacks:
        lines.append(
            f"| {stack.name} | {stack.status} | {stack.count('added')} | {stack.count('removed')} | "
            f"{stack.count('changed')} | {_consequence_summary(stack)} |"
        )
    lines.append("")
    for gate in gates:
        reasons = review.gate_reasons(gate)
        lines.append(f"**Gate `{gate}`: {'failed' if reasons else 'passed'}**" + ("" if reasons else "."))
        lines += [f"- {r}" for r in reasons]
        lines.append("")
    for stack in review.stacks:
        if stack.status != "unchanged":
            lines += stack_section(stack, pictures.get(stack.name, []))
    return "\n".join(lines).rstrip("\n") + "\n"


def capped(text: str, limit: int = MAX_CHARS) -> str | None:
    """``text`` cut at a line boundary to fit ``limit`` with a pointer to the full file, or None if it fits."""
    if len(text) <= limit:
        return None
    note = (
        f"\n… cut to fit a pull-request comment: the whole report is in `{FULL_REPORT}` ({len(text):,} characters).\n"
    )
    kept: list[str] = []
    size, inside = len(note) + len("</details>\n"), False
    for line in text.splitlines():
        if size + len(line) + 1 > limit:
            break
        kept.append(line)
        size += len(line) + 1
        inside = line.startswith("<details>") or (inside and line != "</details>")
    if inside:
        kept.append("</details>")
    return "\n".join(kept) + "\n" + note


def as_json(review: Review, gates: tuple[str, ...] = GATES) -> str:
    """Machine-readable review; keys sorted, lists in the report's order."""

    def resource(r: ResourceChange) -> dict[str, Any]:
        return {
            "change": r.change,
            "key": r.key,
            "type": r.type,
            "kind": r.kind,
            "summary": r.summary,
            "attributes": [
                {"aspect": a.aspect, "key": a.key, "before": a.before, "after": a.after} for a in r.attributes
            ],
            "other": list(r.other),
        }

    document = {
        "format": 1,
        "base": review.base,
        "head": review.head,
        "changed": review.changed,
        "gates": {gate: review.gate_reasons(gate) for gate in gates},
        "stacks": [
            {
                "name": s.name,
                "status": s.status,
                "base": s.base,
                "head": s.head,
                "hint": s.hint,
                "resources": [resource(r) for r in s.resources],
                "consequences": [
                    {"topic": c.topic, "sign": c.sign, "heading": c.heading, "fact": c.fact, "note": note}
                    for c, note in s.consequences
                ],
                "findings": list(s.findings),
            }
            for s in review.stacks
        ],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
