"""The same architecture on both runtimes: the main job on cdktn (``.venv-cdktn``) against this
session's cdktf synthesis and the committed diagrams.

Runs in the cdktf leg: one jsii load per runtime, each in its own interpreter (cdktn needs
constructs<10.8, the cdktf environment has 10.8). ``./scripts/bootstrap --cdktn`` makes the
environment; without it the module is skipped, except under ``.ci/run`` (TRIPGEN_REQUIRE_CDKTN=1),
where that is a failure.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest
from tripgen_constructs._cdk import RUNTIME
from tripgen_constructs.diagrams.model import build_model
from tripgen_constructs.diagrams.parse import load_stack, load_workloads
from tripgen_constructs.rules.checkov import StackResult

from apps import ENVIRONMENTS
from tests.runtimes import CDKTF, CDKTN, DIFFERENCES, as_cdktf

ROOT = Path(__file__).resolve().parent.parent
STACKS = [f"tripgen-{config.name}" for config in ENVIRONMENTS]

pytestmark = pytest.mark.skipif(RUNTIME is not CDKTF, reason="the cdktf leg compares the runtimes")


def _document(outdir: Path, stack: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((outdir / "stacks" / stack / "cdk.tf.json").read_text())
    return document


def test_the_main_job_on_cdktn_says_so_in_its_first_line(cdktn_run):
    first = cdktn_run[2].splitlines()[0]
    assert re.fullmatch(
        r"CDK runtime: cdktn 0\.24\.0, cdktn-provider-azurerm 18\.9\.0 \(azurerm provider 5\.10\.0\); "
        r"chosen: TRIPGEN_CDK=cdktn",
        first,
    ), first


@pytest.mark.parametrize("stack", STACKS)
def test_the_terraform_json_differs_only_as_docs_cdktn_lists(stack, cdktn_run, synth_dir):
    rewritten, used = as_cdktf(_document(cdktn_run[0], stack))
    assert rewritten == _document(synth_dir, stack)
    assert {"core-version", "provider-version", "dns-link-zone-id", "aks-node-provisioning"} <= used


def test_every_listed_difference_occurs_and_docs_cdktn_lists_each(cdktn_run):
    used = set().union(*(as_cdktf(_document(cdktn_run[0], stack))[1] for stack in STACKS))
    assert used == {d.id for d in DIFFERENCES}  # none stale
    doc = (ROOT / "docs" / "cdktn.md").read_text()
    table = doc.partition("## What the newer provider changes")[2].partition("\n## ")[0]
    rows = set(re.findall(r"^\| `([a-z0-9-]+)` \|", table, re.M))
    assert rows == {d.id for d in DIFFERENCES}
    for difference in DIFFERENCES:
        assert difference.reason and difference.kind


@pytest.mark.parametrize("stack", STACKS)
def test_the_diagram_models_are_equal(stack, cdktn_run, synth_dir):
    workloads, _ = load_workloads(cdktn_run[0], stack)
    on_cdktn = build_model(load_stack(cdktn_run[0] / "stacks" / stack / "cdk.tf.json"), workloads)
    on_cdktf = build_model(load_stack(synth_dir / "stacks" / stack / "cdk.tf.json"), workloads)
    # Everything the views are drawn from; the model also keeps its input (the parsed JSON, its path).
    assert dataclasses.replace(on_cdktn, stack_model=None) == dataclasses.replace(on_cdktf, stack_model=None)


def test_the_main_job_on_cdktn_writes_the_committed_diagrams(cdktn_run):
    committed = ROOT / "docs" / "diagrams"
    texts = sorted(p.name for p in committed.iterdir() if p.suffix in {".mmd", ".dot", ".md"})
    assert len(texts) == 2 * 2 * len(STACKS) + 1  # two views, two text formats, the index
    assert {name: (cdktn_run[1] / name).read_text() for name in texts} == {
        name: (committed / name).read_text() for name in texts
    }


@pytest.mark.parametrize("stack", STACKS)
def test_the_rule_pack_reports_are_equal(stack, cdktn_run, synth_dir):
    def report(outdir: Path) -> Any:
        return json.loads((outdir / f"{stack}-rules.json").read_text())

    assert report(cdktn_run[0]) == report(synth_dir)


def _sorted(rows: list[dict[str, str]]) -> list[tuple[tuple[str, str], ...]]:
    """checkov's order of findings varies from run to run (and ``path`` names the outdir); their content must not."""
    return sorted(tuple(sorted((k, v) for k, v in row.items() if k != "path")) for row in rows)


def test_checkov_finds_the_same_on_both(cdktn_run, checkov_results):
    # cdktn_run: skipped without .venv-cdktn, failed when the cdktn main job fails; checkov_results
    # then holds that run's output scanned in the same checkov process as the session's synth.
    def figures(results: list[StackResult]) -> list[tuple[Any, ...]]:
        return [
            (
                r.stack,
                r.passed,
                r.failed,
                r.skipped,
                r.parsing_errors,
                _sorted(r.failures),
                _sorted(r.skips),
                r.unused_skips,
            )
            for r in results
        ]

    on_cdktn = figures(checkov_results["cdktn"])
    assert on_cdktn == figures(checkov_results["cdktf"])
    assert all(passed > 0 for _, passed, *_ in on_cdktn)


def test_the_cdktn_pins_match_pyproject():
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert (
        f'cdktn = ["{CDKTN.core_dist}=={CDKTN.core_pin}", "{CDKTN.bindings_dist}=={CDKTN.bindings_pin}"]' in pyproject
    )
    assert f'"{CDKTF.core_dist}=={CDKTF.core_pin}"' in pyproject
    assert f'"{CDKTF.bindings_dist}=={CDKTF.bindings_pin}"' in pyproject
