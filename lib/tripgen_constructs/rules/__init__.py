"""Guardrails at synth (the cdk-nag idea for Azure on cdktf).

Rules are pure functions over one resource of the synthesized document (``core``), grouped in
``AZURE_SECURITY_PACK`` and ``RESILIENCY_PACK``; ``apply_rule_packs`` runs them on a stack as a
construct validation so an error-level finding fails ``app.synth()`` with the construct path, the rule
id and the fix. Suppressions are config (``RuleSuppression``) or attached in code
(``Suppressions.of(construct).add(rule_id, reason)``); both land in ``cdktf.out/<stack>-rules.json``.

The rules, packs and engine are plain Python; the synth-time names (``synth``) load cdktf on first
access, so ``python -m tripgen_constructs.rules.checkov`` starts no jsii runtime.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports
from .core import (
    Level,
    Pack,
    Resource,
    Result,
    Rule,
    RuleContext,
    Status,
    Suppression,
    Template,
    evaluate,
)
from .resiliency import RESILIENCY_PACK
from .security import AZURE_SECURITY_PACK, secret_like
from .suppressions import PACKS, RULE_IDS, RuleSuppression

if TYPE_CHECKING:
    from .synth import RulePackValidation, Suppressions, apply_rule_packs, report_path

__getattr__ = lazy_exports(
    __name__, dict.fromkeys(("RulePackValidation", "Suppressions", "apply_rule_packs", "report_path"), "synth")
)


__all__ = [
    "AZURE_SECURITY_PACK",
    "PACKS",
    "RESILIENCY_PACK",
    "RULE_IDS",
    "Level",
    "Pack",
    "Resource",
    "Result",
    "Rule",
    "RuleContext",
    "RulePackValidation",
    "RuleSuppression",
    "Status",
    "Suppression",
    "Suppressions",
    "Template",
    "apply_rule_packs",
    "evaluate",
    "report_path",
    "secret_like",
]
