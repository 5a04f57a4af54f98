"""Small synthesized documents for rule unit tests (no synth, no jsii)."""

from __future__ import annotations

from typing import Any

from tripgen_constructs.rules import Resource, Rule, RuleContext, Status, Template

CONTEXT = RuleContext(
    allowed_regions=frozenset({"koreacentral", "koreasouth"}),
    required_tags={"environment": "prod", "workload": "tripgen"},
    diagnosable_types=frozenset({"azurerm_key_vault"}),
    nsg_forbidden_subnets=frozenset({"GatewaySubnet"}),
    taggable=lambda t: t != "azurerm_subnet",
    zonal_regions=frozenset({"koreacentral"}),
)


def doc(*resources: tuple[str, str, dict[str, Any]]) -> Template:
    """A template of ``(type, name, body)``; each body gets construct path ``stack/<name>``."""
    data: dict[str, Any] = {"resource": {}}
    for rtype, name, body in resources:
        data["resource"].setdefault(rtype, {})[name] = {"//": {"metadata": {"path": f"stack/{name}"}}, **body}
    return Template(data)


def check(rule: Rule, template: Template, name: str, context: RuleContext = CONTEXT) -> Status:
    """The status of ``rule`` on the resource called ``name`` in ``template``."""
    resource: Resource = next(r for r in template.resources if r.name == name)
    return rule.evaluate(resource, template, context)
