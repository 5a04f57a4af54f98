"""The rule engine: a synthesized stack as plain dicts, rules as pure functions over one resource.

Nothing here touches jsii: a rule sees the ``cdk.tf.json`` document (``Template``), one resource
of it and the environment's ``RuleContext``, and answers compliant, non-compliant or not
applicable. ``evaluate`` applies packs and suppressions and returns the report rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from ..reader import ExprKind, expression, read_document, references_in, strings


class Status(StrEnum):
    COMPLIANT = "compliant"
    NON_COMPLIANT = "non_compliant"
    NOT_APPLICABLE = "not_applicable"
    SUPPRESSED = "suppressed"
    """A non-compliant result that a suppression with a reason accepts."""


class Level(StrEnum):
    ERROR = "error"
    """Fails the synth."""
    WARNING = "warning"
    """Reported, does not fail the synth."""


def verdict(ok: bool) -> Status:
    return Status.COMPLIANT if ok else Status.NON_COMPLIANT


@dataclass(frozen=True)
class Resource:
    """One resource of a synthesized stack."""

    type: str
    name: str
    """Terraform logical id (unique within the stack)."""
    body: Mapping[str, Any]

    @property
    def address(self) -> str:
        return f"{self.type}.{self.name}"

    @property
    def path(self) -> str:
        """Construct path (``tripgen-prod/aks/cluster``); the address when the metadata is absent."""
        meta = self.body.get("//", {}).get("metadata", {})
        return str(meta.get("path", self.address))

    def get(self, key: str, default: Any = None) -> Any:
        return self.body.get(key, default)

    def blocks(self, key: str) -> list[Mapping[str, Any]]:
        """A nested block as a list: cdktf writes single blocks as an object, repeated ones as a list."""
        value = self.body.get(key)
        if value is None:
            return []
        return [value] if isinstance(value, Mapping) else list(value)

    def block(self, key: str) -> Mapping[str, Any]:
        """The first (usually only) nested block ``key``; empty when absent."""
        found = self.blocks(key)
        return found[0] if found else {}

    @property
    def references(self) -> frozenset[str]:
        """Addresses (``type.name``) this resource refers to anywhere in its body."""
        return frozenset(
            target for _, text in strings(dict(self.body)) if "${" in text for target, _ in references_in(text)
        )


@dataclass(frozen=True)
class Template:
    """A synthesized stack (``cdk.tf.json`` as a dict) with the look-ups rules need."""

    data: Mapping[str, Any]

    @cached_property
    def resources(self) -> tuple[Resource, ...]:
        """Read through the one reader: a document that is not Terraform JSON raises ``ReaderError``."""
        document = read_document(self.data, "<synthesized stack>")
        return tuple(Resource(block.type, block.name, block.body) for block in document.resources)

    @cached_property
    def _by_address(self) -> dict[str, Resource]:
        return {r.address: r for r in self.resources}

    @cached_property
    def _referrers(self) -> dict[str, tuple[Resource, ...]]:
        out: dict[str, list[Resource]] = {}
        for resource in self.resources:
            for address in resource.references:
                out.setdefault(address, []).append(resource)
        return {k: tuple(v) for k, v in out.items()}

    def of_type(self, *types: str) -> list[Resource]:
        return [r for r in self.resources if r.type in types]

    def get(self, address: str) -> Resource | None:
        return self._by_address.get(address)

    def referrers(self, resource: Resource, *types: str) -> list[Resource]:
        """Resources of ``types`` (any type when empty) that refer to ``resource``."""
        return [r for r in self._referrers.get(resource.address, ()) if not types or r.type in types]

    def target(self, value: Any) -> Resource | None:
        """The resource an expression ``${type.name.attr}`` names; ``None`` for a literal or an unknown one."""
        if not isinstance(value, str):
            return None
        return next((self.get(target) for target, _ in references_in(value)), None)

    def refers_to(self, value: Any, resource: Resource) -> bool:
        """Whether ``value`` is an expression naming ``resource`` (``${type.name.attr}``)."""
        return isinstance(value, str) and f"${{{resource.address}." in value

    def resolve(self, value: Any) -> Any:
        """``${type.name.attr}`` to the literal ``attr`` of that resource when it is one; else ``value``."""
        if isinstance(value, str):
            expr = expression(value)
            if expr.kind is ExprKind.REFERENCE and expr.target and "." not in expr.attribute:
                target = self.get(expr.target)
                if target is not None and not _is_expression(target.get(expr.attribute)):
                    return target.get(expr.attribute, value)
        return value


def _is_expression(value: Any) -> bool:
    return isinstance(value, str) and "${" in value


@dataclass(frozen=True)
class RuleContext:
    """What the rules know about the environment beyond the synthesized document."""

    allowed_regions: frozenset[str] = frozenset()
    required_tags: Mapping[str, str] = field(default_factory=dict)
    diagnosable_types: frozenset[str] = frozenset()
    """Resource types that have diagnostic settings (the observability table)."""
    nsg_forbidden_subnets: frozenset[str] = frozenset()
    """Subnet names Azure refuses an NSG on (the network table)."""
    taggable: Callable[[str], bool] = lambda _type: True
    """Whether a resource type takes ``tags``."""
    zonal_regions: frozenset[str] = frozenset()
    """Regions with availability zones (``config.regions``); a zone rule does not apply elsewhere."""


Check = Callable[[Resource, Template, RuleContext], Status]


@dataclass(frozen=True)
class Rule:
    """One concern: ``finding`` says what is wrong in one line, ``fix`` how to put it right."""

    id: str
    level: Level
    finding: str
    fix: str
    check: Check
    types: frozenset[str] | None = None
    """Resource types the rule reads; ``None`` for every type."""
    aprl: tuple[str, ...] = ()
    """GUIDs of the Azure Proactive Resiliency Library recommendations the rule decides (``aprl.APRL``)."""
    psrule: tuple[str, ...] = ()
    """Names of the PSRule for Azure rules checking the same concern, where one exists."""

    def evaluate(self, resource: Resource, template: Template, context: RuleContext) -> Status:
        if self.types is not None and resource.type not in self.types:
            return Status.NOT_APPLICABLE
        return self.check(resource, template, context)


def rule(
    id: str,
    level: Level,
    finding: str,
    fix: str,
    types: Iterable[str] | None = None,
    *,
    aprl: Iterable[str] = (),
    psrule: Iterable[str] = (),
) -> Callable[[Check], Rule]:
    """Decorator turning a check function into a ``Rule``."""

    def wrap(check: Check) -> Rule:
        return Rule(
            id, level, finding, fix, check, frozenset(types) if types is not None else None, tuple(aprl), tuple(psrule)
        )

    return wrap


@dataclass(frozen=True)
class Pack:
    """A named group of rules applied together."""

    name: str
    rules: tuple[Rule, ...]

    def __post_init__(self) -> None:
        ids = [r.id for r in self.rules]
        if len(ids) != len(set(ids)):
            raise ValueError(f"pack {self.name} has duplicate rule ids")


@dataclass(frozen=True)
class Suppression:
    """Accepts findings of ``rule`` on the resources at or under construct ``path``."""

    rule: str
    path: str
    reason: str

    def covers(self, resource: Resource) -> bool:
        return resource.path == self.path or resource.path.startswith(self.path + "/")


@dataclass(frozen=True)
class Result:
    """A report row."""

    rule: Rule
    resource: Resource
    status: Status
    suppression: Suppression | None = None
    """The suppression that accepted a non-compliant result (status ``SUPPRESSED``)."""

    @property
    def reason(self) -> str:
        return self.suppression.reason if self.suppression else ""

    @property
    def message(self) -> str:
        return (
            f"[{self.rule.id}] {self.resource.path} ({self.resource.address}): {self.rule.finding} Fix: {self.rule.fix}"
        )

    def as_row(self) -> dict[str, str]:
        return {
            "rule": self.rule.id,
            "level": self.rule.level.value,
            "path": self.resource.path,
            "resource": self.resource.address,
            "status": self.status.value,
            "reason": self.reason,
        }


def closest(suppressions: Iterable[Suppression], resource: Resource) -> Suppression | None:
    """The suppression nearest ``resource`` (deepest construct path) among those covering it; the
    first added wins a tie."""
    covering = [s for s in suppressions if s.covers(resource)]
    return max(covering, key=lambda s: s.path.count("/"), default=None)


def evaluate(
    template: Template,
    packs: Iterable[Pack],
    context: RuleContext,
    suppressions: Iterable[Suppression] = (),
) -> list[Result]:
    """Every applicable (rule, resource) pair, with non-compliant ones turned into suppressed ones
    where a suppression covers them."""
    by_rule: dict[str, list[Suppression]] = {}
    for suppression in suppressions:
        by_rule.setdefault(suppression.rule, []).append(suppression)
    results = []
    for pack in packs:
        for r in pack.rules:
            for resource in template.resources:
                status = r.evaluate(resource, template, context)
                if status is Status.NOT_APPLICABLE:
                    continue
                cover = closest(by_rule.get(r.id, ()), resource) if status is Status.NON_COMPLIANT else None
                results.append(Result(r, resource, Status.SUPPRESSED if cover else status, cover))
    return results
