"""Suppressions as config: which finding an environment accepts, where, and why."""

from __future__ import annotations

import re

from pydantic import field_validator

from ..config.props import Props, refusal
from .resiliency import RESILIENCY_PACK
from .security import AZURE_SECURITY_PACK

PACKS = (AZURE_SECURITY_PACK, RESILIENCY_PACK)
RULE_IDS = frozenset(r.id for pack in PACKS for r in pack.rules)
CHECKOV_ID = re.compile(r"CKV2?_AZURE_[0-9]+")
"""checkov's Azure check ids: suppressed through the generated baseline (checkov reads no skip
comments in JSON)."""
MIN_REASON = 10
_PATH = re.compile(r"([A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*)?")


def check_reason(reason: str) -> str:
    """A reason is what a reviewer reads: refuse placeholders shorter than ``MIN_REASON``."""
    if len(reason.strip()) < MIN_REASON:
        raise refusal("reason", reason, f"at least {MIN_REASON} characters saying why the finding is accepted")
    return reason.strip()


def check_rule_id(rule: str) -> str:
    if rule not in RULE_IDS and not CHECKOV_ID.fullmatch(rule):
        raise refusal(
            "rule", rule, f"a rule id of the packs ({', '.join(sorted(RULE_IDS))}) or a checkov id CKV_AZURE_n"
        )
    return rule


class RuleSuppression(Props):
    """Accept the findings of ``rule`` on the resources at or under construct ``path``."""

    rule: str
    """A rule id of the packs (``TG-...``) or a checkov check id (``CKV_AZURE_170``)."""
    reason: str
    """Why the finding is accepted (at least 10 characters); shown in the report and the baseline."""
    path: str = ""
    """Construct path relative to the stack (``aks/cluster``); ``""`` is the whole stack."""

    @field_validator("rule")
    @classmethod
    def _rule(cls, value: str) -> str:
        return check_rule_id(value)

    @field_validator("reason")
    @classmethod
    def _reason(cls, value: str) -> str:
        return check_reason(value)

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        if not _PATH.fullmatch(value):
            raise refusal("path", value, "a construct path relative to the stack such as 'aks/cluster', or ''")
        return value
