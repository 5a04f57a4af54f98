"""The packs at synth: suppressions attached to constructs and a stack validation that runs the rules
on the stack's Terraform document and fails ``app.synth()`` on error-level findings."""

from __future__ import annotations

import importlib.util
import re
import weakref
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import jsii
from constructs import IValidation

from .. import outputs
from .._cdk import AZURERM_PACKAGE, IConstruct, cdk
from ..config.props import AZURE_REGIONS
from .core import Level, Pack, Result, RuleContext, Status, Suppression, Template, evaluate
from .suppressions import PACKS, RuleSuppression, check_reason, check_rule_id


class Suppressions:
    """``Suppressions.of(construct).add(rule_id, reason)``: accept a finding on a construct and
    everything under it, recorded against the construct's stack.

    The record lives on the Python side, keyed by stack: reading it back at synth then costs no
    call into the jsii kernel (walking every construct's node metadata cost 0.6 s per synth).
    """

    _by_stack: weakref.WeakKeyDictionary[cdk.TerraformStack, list[Suppression]] = weakref.WeakKeyDictionary()

    def __init__(self, scope: IConstruct) -> None:
        self._scope = scope

    @classmethod
    def of(cls, scope: IConstruct) -> Suppressions:
        return cls(scope)

    def add(self, rule: str, reason: str) -> None:
        entry = Suppression(check_rule_id(rule), self._scope.node.path, check_reason(reason))
        self._by_stack.setdefault(cdk.TerraformStack.of(self._scope), []).append(entry)


def attached(stack: cdk.TerraformStack) -> list[Suppression]:
    """Every suppression added on ``stack`` or a construct under it, in the order added."""
    return list(Suppressions._by_stack.get(stack, ()))


def find_construct(stack: cdk.TerraformStack, path: str) -> IConstruct:
    """The construct at ``path`` relative to ``stack`` ("" is the stack)."""
    node: IConstruct = stack
    for part in filter(None, path.split("/")):
        child = node.node.try_find_child(part)
        if child is None:
            have = sorted(c.node.id for c in node.node.children)
            raise ValueError(
                f"'suppressions.path' must name a construct of the stack, got {path!r} "
                f"(under {node.node.path!r}: {have})"
            )
        node = child
    return node


@cache
def taggable(resource_type: str) -> bool:
    """Whether ``resource_type`` takes ``tags``, read from the azurerm bindings' source text (no jsii)."""
    spec = importlib.util.find_spec(AZURERM_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return True
    module = resource_type.removeprefix("azurerm_")
    source = Path(spec.submodule_search_locations[0], module, "__init__.py")
    if not source.exists():
        return True
    config = "".join(part.capitalize() for part in module.split("_")) + "Config("
    text = source.read_text()
    start = text.find(f"class {config}")
    if start < 0:
        return True
    end = text.find("\nclass ", start + 1)
    return re.search(r"def tags\(self\)", text[start : end if end > 0 else None]) is not None


def context_for(required_tags: dict[str, str], allowed_regions: Iterable[str] = AZURE_REGIONS) -> RuleContext:
    """The rule context of a TripGen stack: the library's own tables, no copies."""
    from ..config.diagnostics import DIAGNOSABLE
    from ..config.network import NSG_FORBIDDEN_SUBNETS
    from ..config.regions import REGIONS

    return RuleContext(
        allowed_regions=frozenset(allowed_regions),
        required_tags=dict(required_tags),
        diagnosable_types=frozenset(DIAGNOSABLE),
        nsg_forbidden_subnets=frozenset(NSG_FORBIDDEN_SUBNETS),
        taggable=taggable,
        zonal_regions=frozenset(name for name, r in REGIONS.items() if r.zones),
    )


def report(
    stack_name: str, template: Template, results: list[Result], suppressions: list[Suppression]
) -> dict[str, Any]:
    """The report document: every non-applicable-free result and every suppression with its reason
    and the resources it covers (the checkov baseline is generated from these)."""
    rows = sorted((r.as_row() for r in results), key=lambda row: (row["rule"], row["path"], row["resource"]))
    used = Counter((r.suppression.rule, r.suppression.path) for r in results if r.suppression)
    entries = []
    for s in sorted(set(suppressions), key=lambda s: (s.rule, s.path, s.reason)):
        entry: dict[str, Any] = {"rule": s.rule, "path": s.path, "reason": s.reason}
        if s.rule.startswith("CKV"):
            entry["resources"] = sorted(r.address for r in template.resources if s.covers(r))
        else:
            entry["suppressed"] = used.get((s.rule, s.path), 0)
        entries.append(entry)
    return {
        "stack": stack_name,
        "packs": {p.name: [r.id for r in p.rules] for p in PACKS},
        "summary": {
            status.value: sum(1 for r in results if r.status is status)
            for status in Status
            if status is not Status.NOT_APPLICABLE
        },
        "results": rows,
        "suppressions": entries,
    }


def report_path(outdir: str | Path, stack_name: str) -> Path:
    return Path(outdir) / f"{stack_name}-rules.json"


@jsii.implements(IValidation)
class RulePackValidation:
    """Runs the packs on the stack's Terraform document once per synth; error-level findings are
    returned as validation errors (cdktf then fails the synth), the report goes next to the stacks."""

    def __init__(self, stack: cdk.TerraformStack, packs: Iterable[Pack], context: RuleContext) -> None:
        self._stack = stack
        self._packs = tuple(packs)
        self._context = context

    def validate(self) -> list[str]:
        stack = self._stack
        template = Template(stack.to_terraform())
        suppressions = attached(stack)
        results = evaluate(template, self._packs, self._context, suppressions)
        outdir = Path(cdk.App.of(stack).outdir)
        document = report(stack.node.id, template, results, suppressions)
        outputs.write_json(report_path(outdir, stack.node.id), document, sort_keys=True)
        return [r.message for r in results if r.status is Status.NON_COMPLIANT and r.rule.level is Level.ERROR]


def apply_rule_packs(
    stack: cdk.TerraformStack,
    *,
    suppressions: Iterable[RuleSuppression],
    required_tags: dict[str, str],
    allowed_regions: Iterable[str] = AZURE_REGIONS,
    packs: Iterable[Pack] = PACKS,
) -> RulePackValidation:
    """Attach the config's suppressions to their constructs and add the rule validation to ``stack``.
    Call it last, once the stack's constructs exist."""
    for index, s in enumerate(suppressions):
        try:
            target = find_construct(stack, s.path)
        except ValueError as error:
            raise ValueError(str(error).replace("'suppressions.path'", f"'suppressions[{index}].path'")) from None
        Suppressions.of(target).add(s.rule, s.reason)
    validation = RulePackValidation(stack, packs, context_for(required_tags, allowed_regions))
    stack.node.add_validation(validation)
    return validation


__all__ = ["RulePackValidation", "Suppressions", "apply_rule_packs", "attached", "context_for", "taggable"]
