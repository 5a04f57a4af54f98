"""The engine: evaluation, suppressions (code and config), refusals, report rows and messages."""

from __future__ import annotations

import subprocess
import sys

import pytest
from tripgen_constructs.config.errors import ConfigError
from tripgen_constructs.rules import (
    AZURE_SECURITY_PACK,
    PACKS,
    RULE_IDS,
    Pack,
    RuleSuppression,
    Status,
    Suppression,
    Template,
    evaluate,
    security as s,
)

from tests.rules.helpers import CONTEXT, doc

BAD_REDIS = ("azurerm_redis_cache", "redis", {"non_ssl_port_enabled": True, "public_network_access_enabled": False})


def _statuses(template, suppressions=()):
    return {
        (r.rule.id, r.resource.name): r.status
        for r in evaluate(template, [Pack("p", (s.redis_tls,))], CONTEXT, suppressions)
    }


def test_non_compliant_result_names_path_rule_and_fix():
    [result] = evaluate(doc(BAD_REDIS), [Pack("p", (s.redis_tls,))], CONTEXT)
    assert result.status is Status.NON_COMPLIANT
    assert result.message.startswith("[TG-REDIS-TLS] stack/redis (azurerm_redis_cache.redis): Redis accepts")
    assert "Fix: Leave non_ssl_port_enabled false" in result.message


def test_suppression_on_an_ancestor_path_covers_the_resource_and_keeps_the_reason():
    template = Template(
        {
            "resource": {
                "azurerm_redis_cache": {
                    "redis": {"//": {"metadata": {"path": "stack/data/redis/cache"}}, "non_ssl_port_enabled": True}
                }
            }
        }
    )
    [result] = evaluate(
        template,
        [Pack("p", (s.redis_tls,))],
        CONTEXT,
        [Suppression("TG-REDIS-TLS", "stack/data", "legacy client needs it")],
    )
    assert (result.status, result.reason) == (Status.SUPPRESSED, "legacy client needs it")
    assert result.as_row() == {
        "rule": "TG-REDIS-TLS",
        "level": "error",
        "path": "stack/data/redis/cache",
        "resource": "azurerm_redis_cache.redis",
        "status": "suppressed",
        "reason": "legacy client needs it",
    }


def test_suppression_of_another_rule_or_sibling_path_does_not_apply():
    assert _statuses(doc(BAD_REDIS), [Suppression("TG-STORAGE-HTTPS", "stack", "not this rule")]) == {
        ("TG-REDIS-TLS", "redis"): Status.NON_COMPLIANT
    }
    assert _statuses(doc(BAD_REDIS), [Suppression("TG-REDIS-TLS", "stack/red", "a prefix, not a parent")]) == {
        ("TG-REDIS-TLS", "redis"): Status.NON_COMPLIANT
    }


def test_the_deepest_covering_suppression_gives_the_reason():
    template = Template(
        {
            "resource": {
                "azurerm_redis_cache": {
                    "redis": {"//": {"metadata": {"path": "stack/data/redis/cache"}}, "non_ssl_port_enabled": True}
                }
            }
        }
    )
    outer = Suppression("TG-REDIS-TLS", "stack", "the whole stack is a lab")
    inner = Suppression("TG-REDIS-TLS", "stack/data/redis", "legacy client needs it")
    for order in ([outer, inner], [inner, outer]):
        [result] = evaluate(template, [Pack("p", (s.redis_tls,))], CONTEXT, order)
        assert (result.status, result.reason) == (Status.SUPPRESSED, "legacy client needs it")


def test_not_applicable_results_are_left_out():
    assert evaluate(doc(("azurerm_subnet", "sn", {})), [Pack("p", (s.redis_tls,))], CONTEXT) == []


def test_pack_refuses_duplicate_rule_ids():
    with pytest.raises(ValueError, match="duplicate rule ids"):
        Pack("dup", (s.redis_tls, s.redis_tls))


def test_rule_ids_are_unique_across_packs():
    assert len(RULE_IDS) == sum(len(p.rules) for p in PACKS) == 66


def test_config_suppression_accepts_pack_and_checkov_ids():
    assert RuleSuppression(rule="TG-RES-AKS-TIER", reason="dev runs the Free tier (D-1)").path == ""
    assert (
        RuleSuppression(rule="CKV_AZURE_170", reason="dev runs the Free tier (D-1)", path="aks/cluster").rule
        == "CKV_AZURE_170"
    )


@pytest.mark.parametrize(
    ("fields", "match"),
    [
        ({"rule": "TG-RES-AKS-TIER", "reason": "because"}, "'reason' must be at least 10 characters"),
        ({"rule": "TG-RES-AKS-TIER", "reason": "          x"}, "'reason' must be at least 10 characters"),
        ({"rule": "TG-NOPE", "reason": "a good long reason"}, "'rule' must be a rule id of the packs"),
        ({"rule": "CKV_AWS_1", "reason": "a good long reason"}, "'rule' must be a rule id"),
        ({"rule": "TG-TAGS", "reason": "a good long reason", "path": "/aks"}, "'path' must be a construct path"),
        ({"rule": "TG-TAGS", "reason": "a good long reason", "extra": 1}, "extra"),
    ],
)
def test_config_suppression_refusals(fields, match):
    with pytest.raises(ConfigError, match=match):
        RuleSuppression(**fields)


def test_security_pack_reports_every_rule_on_a_clean_vault():
    template = doc(
        (
            "azurerm_key_vault",
            "kv",
            {
                "location": "koreacentral",
                "public_network_access_enabled": False,
                "tags": {"environment": "prod", "workload": "tripgen"},
            },
        ),
        (
            "azurerm_monitor_diagnostic_setting",
            "diag",
            {
                "target_resource_id": "${azurerm_key_vault.kv.id}",
                "log_analytics_workspace_id": "${azurerm_log_analytics_workspace.w.id}",
            },
        ),
    )
    results = [r for r in evaluate(template, [AZURE_SECURITY_PACK], CONTEXT) if r.resource.name == "kv"]
    assert {r.rule.id: r.status for r in results} == {
        "TG-PUBLIC-ACCESS": Status.COMPLIANT,
        "TG-DIAGNOSTICS": Status.COMPLIANT,
        "TG-REGION": Status.COMPLIANT,
        "TG-SECRET-LITERAL": Status.COMPLIANT,
        "TG-TAGS": Status.COMPLIANT,
    }


def test_guardrails_doc_lists_every_rule():
    from pathlib import Path

    text = (Path(__file__).parents[2] / "docs" / "guardrails.md").read_text()
    assert [rule for rule in sorted(RULE_IDS) if f"`{rule}`" not in text] == []


def test_the_rule_engine_and_the_checkov_runner_start_no_jsii_runtime():
    code = (
        "import sys, tripgen_constructs.rules, tripgen_constructs.rules.checkov; "
        "print(sorted(m for m in ('jsii', 'cdktf', 'constructs') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
