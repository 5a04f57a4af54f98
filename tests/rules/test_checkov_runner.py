"""The checkov runner on bad input: one line on stderr, exit 2, no traceback (checkov not started)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tripgen_constructs.rules.checkov import main

GOOD_SUPPRESSION = {
    "rule": "CKV_AZURE_1",
    "path": "demo/vm",
    "reason": "a reason",
    "resources": ["azurerm_linux_virtual_machine.vm"],
}


def _outdir(tmp_path: Path, report: str | None) -> Path:
    outdir = tmp_path / "cdktf.out"
    (outdir / "stacks" / "demo").mkdir(parents=True)
    (outdir / "stacks" / "demo" / "cdk.tf.json").write_text('{"resource": {}}')
    if report is not None:
        (outdir / "demo-rules.json").write_text(report)
    return outdir


def _error(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    return err[0]


def test_missing_directory(tmp_path, capsys):
    assert main([str(tmp_path / "nowhere")]) == 2
    assert (
        _error(capsys)
        == f"error: {tmp_path / 'nowhere' / 'stacks'}: missing: expected a cdktf.out directory (python -m apps)"
    )


def test_a_stack_without_its_rules_report_is_named_in_a_warning_and_not_scanned(tmp_path, capsys):
    outdir = _outdir(tmp_path, None)
    assert main([str(outdir)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        f"warning: {outdir / 'stacks' / 'demo'} has no demo-rules.json (not from this synth?): not scanned"
    )


def test_truncated_rules_report(tmp_path, capsys):
    whole = json.dumps({"suppressions": [GOOD_SUPPRESSION]})
    outdir = _outdir(tmp_path, whole[: len(whole) // 2])
    assert main([str(outdir)]) == 2
    assert _error(capsys).startswith(f"error: {outdir / 'demo-rules.json'}: not a JSON rules report (")


@pytest.mark.parametrize(
    ("suppression", "message"),
    [
        (
            {k: v for k, v in GOOD_SUPPRESSION.items() if k != "rule"},
            "at $.suppressions[0].rule: expected a non-empty string, got None",
        ),
        ({**GOOD_SUPPRESSION, "reason": ""}, "at $.suppressions[0].reason: expected a non-empty string, got ''"),
        (
            {**GOOD_SUPPRESSION, "resources": "vm"},
            "at $.suppressions[0].resources: expected a list of 'type.name' addresses, got 'vm'",
        ),
        ("CKV_AZURE_1", "at $.suppressions[0]: expected an object with rule, reason and resources"),
    ],
)
def test_malformed_suppression(tmp_path, capsys, suppression, message):
    outdir = _outdir(tmp_path, json.dumps({"suppressions": [suppression]}))
    assert main([str(outdir)]) == 2
    assert _error(capsys) == f"error: {outdir / 'demo-rules.json'}: {message}"


def test_suppressions_not_a_list(tmp_path, capsys):
    outdir = _outdir(tmp_path, json.dumps({"suppressions": {"rule": "CKV_AZURE_1"}}))
    assert main([str(outdir)]) == 2
    assert _error(capsys) == f"error: {outdir / 'demo-rules.json'}: at $.suppressions: expected a list of suppressions"
