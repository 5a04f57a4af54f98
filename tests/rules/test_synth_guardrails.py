"""The packs at synth on the real stacks: zero findings, the report, suppressions with reasons, a
failing synth that names path, rule and fix; determinism; no secret literal; checkov."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tripgen_constructs import EnvironmentStack, build_app
from tripgen_constructs._cdk import cdk
from tripgen_constructs.reader import read_stack
from tripgen_constructs.rules import RULE_IDS, secret_like
from tripgen_constructs.rules.security import secret_literals

from apps import ENVIRONMENT_NAMES, ENVIRONMENTS
from apps.dev.config import DEV
from tests.runtimes import RUNTIME


def _report(synth_dir: Path, env: str) -> dict:
    return json.loads((synth_dir / f"tripgen-{env}-rules.json").read_text())


@pytest.mark.parametrize("env", ENVIRONMENT_NAMES)
def test_both_stacks_pass_every_rule_of_both_packs(synth_dir, env):
    report = _report(synth_dir, env)
    assert report["summary"]["non_compliant"] == 0
    assert report["summary"]["compliant"] > 200
    assert sorted(r for rules in report["packs"].values() for r in rules) == sorted(RULE_IDS)


def test_prod_suppresses_only_the_accepted_aprl_findings_and_the_backup_account(synth_dir):
    from apps.accepted import ACCEPTED

    report = _report(synth_dir, "prod")
    suppressed = [r for r in report["results"] if r["status"] == "suppressed"]
    assert {r["rule"] for r in suppressed} == {"TG-PUBLIC-ACCESS"} | {s.rule for s in ACCEPTED}
    public = [r for r in suppressed if r["rule"] == "TG-PUBLIC-ACCESS"]
    assert [r["path"] for r in public] == ["tripgen-prod/data/backup-storage/account"]
    assert "trusted service" in public[0]["reason"]
    # No accepted finding is stale: each suppression still covers a finding.
    used = {(e["rule"], e["path"]): e["suppressed"] for e in report["suppressions"] if "suppressed" in e}
    assert [key for key, count in used.items() if count == 0] == []


def test_dev_report_lists_each_suppression_with_its_reason(synth_dir):
    entries = {(s["rule"], s["path"]): s for s in _report(synth_dir, "dev")["suppressions"]}
    assert (
        entries[("TG-RES-AKS-TIER", "tripgen-dev/aks")]["reason"]
        == "D-1: single-zone node pools, no uptime SLA: dev has no HA by design"
    )
    assert entries[("TG-RES-AKS-TIER", "tripgen-dev/aks")]["suppressed"] == 1
    assert entries[("TG-PUBLIC-ACCESS", "tripgen-dev/messaging/namespace")]["suppressed"] == 1
    assert "tripgen-dev/data/postgres" in {path for rule, path in entries if rule == "CKV2_AZURE_57"}
    assert all(len(s["reason"]) >= 10 for s in entries.values())


def test_synth_fails_on_a_finding_with_path_rule_and_fix(tmp_path):
    app = cdk.App(outdir=str(tmp_path))
    EnvironmentStack(app, "tripgen-bare", config=DEV.model_copy(update={"name": "bare", "suppressions": ()}))
    with pytest.raises(Exception, match=r"Validation failed") as failure:
        app.synth()
    message = str(failure.value)
    assert "[TG-RES-AKS-TIER] tripgen-bare/aks/cluster (azurerm_kubernetes_cluster." in message
    assert "Fix: Set sku_tier 'Standard' (or 'Premium')." in message
    report = json.loads((tmp_path / "tripgen-bare-rules.json").read_text())
    # 13 of the original packs, 6 APRL ones dev suppresses for D-1, 10 every environment accepts.
    assert report["summary"]["non_compliant"] == 29


def test_suppressions_belong_to_their_stack_not_to_a_same_named_stack_of_another_app(tmp_path):
    EnvironmentStack(
        cdk.App(outdir=str(tmp_path / "a")), "tripgen-twin", config=DEV.model_copy(update={"name": "twin"})
    )
    bare = cdk.App(outdir=str(tmp_path / "b"))
    EnvironmentStack(bare, "tripgen-twin", config=DEV.model_copy(update={"name": "twin", "suppressions": ()}))
    with pytest.raises(Exception, match=r"Validation failed"):
        bare.synth()
    report = json.loads((tmp_path / "b" / "tripgen-twin-rules.json").read_text())
    # 13 of the original packs, 6 APRL ones dev suppresses for D-1, 10 every environment accepts.
    assert report["summary"]["non_compliant"] == 29
    assert [s for s in report["suppressions"] if not s["rule"].startswith("CKV")] == []


def test_suppression_on_a_path_that_is_no_construct_is_refused(tmp_path):
    from tripgen_constructs.rules import RuleSuppression

    config = DEV.model_copy(
        update={
            "name": "stale",
            "suppressions": (RuleSuppression(rule="TG-TAGS", path="no/such", reason="a stale suppression"),),
        }
    )
    with pytest.raises(
        ValueError, match=r"'suppressions\[0\]\.path' must name a construct of the stack, got 'no/such'"
    ):
        EnvironmentStack(cdk.App(outdir=str(tmp_path)), "tripgen-stale", config=config)


def test_synthesizing_twice_gives_byte_identical_output(synth_dir, tmp_path):
    build_app(ENVIRONMENTS, tmp_path).synth()
    first = sorted(p.relative_to(synth_dir) for p in (synth_dir / "stacks").rglob("*") if p.is_file())
    second = sorted(p.relative_to(tmp_path) for p in (tmp_path / "stacks").rglob("*") if p.is_file())
    assert first == second
    for name in [*map(str, first), *(f"tripgen-{env}-rules.json" for env in ENVIRONMENT_NAMES)]:
        assert (synth_dir / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_no_secret_looking_literal_in_any_synthesized_file(synth_dir):
    files = [p for p in synth_dir.rglob("*") if p.is_file() and "checkov" not in p.name]
    assert len(files) >= 4
    found = {str(p.relative_to(synth_dir)): secret_like(p.read_text(errors="replace")) for p in files}
    assert {k: v for k, v in found.items() if v} == {}
    for env in ENVIRONMENT_NAMES:
        document = dict(read_stack(synth_dir / "stacks" / f"tripgen-{env}" / "cdk.tf.json").document)
        named = {
            f"{rtype}.{name}": secret_literals(body, rtype)
            for rtype, items in document["resource"].items()
            for name, body in items.items()
        }
        assert {k: v for k, v in named.items() if v} == {}


def test_checkov_passes_both_stacks_with_generated_skips(synth_dir, checkov_results):
    results = checkov_results[RUNTIME.name]
    assert [r.stack for r in results] == sorted(c.stack_name for c in ENVIRONMENTS)
    for result in results:
        assert (result.parsing_errors, result.passed > 0) == (0, True), result.summary()
        assert [f"{f['check_id']} {f['resource']}" for f in result.failures] == [], result.summary()
        assert result.unused_skips == [], result.summary()
        assert all(len(s["reason"]) >= 10 for s in result.skips)
    assert (synth_dir / "tripgen-prod-checkov-skips.json").is_file()
