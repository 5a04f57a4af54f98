"""checkov on the synthesized stacks, with skips generated from the same suppression list as the
rule packs (checkov reads no skip comments in Terraform JSON).

``python -m tripgen_constructs.rules.checkov [cdktf.out]`` runs ``checkov --framework terraform_json
--skip-download -o json`` on the stack directories (one process, ``-d`` per stack), writes
``<stack>-checkov-skips.json`` (checkov's baseline format, plus the reason of each finding) from the
suppressions in ``<stack>-rules.json``,
counts a failed check that the skip file lists as skipped, and exits non-zero unless every stack has
``parsing_errors == 0``, ``passed > 0`` and ``failed == 0``.

The skips are applied here rather than through ``--baseline`` because checkov then also drops every
passed check that is not in the baseline, which would hide the passed count.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import outputs


class CheckovInputError(Exception):
    """The runner's input is missing or malformed: one line naming the file and what was expected."""


CHECKOV_ARGS = ("--framework", "terraform_json", "--skip-download", "-o", "json", "--compact")


@dataclass
class StackResult:
    """checkov's figures for one stack after the skips."""

    stack: str
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    parsing_errors: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    """``check_id``, ``resource``, ``path``, ``check_name`` of each failed check."""
    skips: list[dict[str, str]] = field(default_factory=list)
    """``check_id``, ``resource``, ``reason`` of each skipped check."""
    unused_skips: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.parsing_errors == 0 and self.passed > 0 and self.failed == 0

    def summary(self) -> str:
        return (
            f"{self.stack}: passed {self.passed}, failed {self.failed}, skipped {self.skipped}, "
            f"parsing errors {self.parsing_errors}"
        )


def skip_file(rules_report: dict[str, Any]) -> dict[str, Any]:
    """checkov's baseline document built from the checkov suppressions of a rules report. Each
    resource is listed under both names checkov uses (``type.name`` and ``resource.name``)."""
    findings: dict[str, dict[str, Any]] = {}
    for s in rules_report.get("suppressions", []):
        if not s["rule"].startswith("CKV"):
            continue
        for address in s.get("resources", []):
            name = address.split(".", 1)[1]
            for resource in (address, f"resource.{name}"):
                entry = findings.setdefault(resource, {"resource": resource, "check_ids": [], "reasons": {}})
                entry["check_ids"] = sorted({*entry["check_ids"], s["rule"]})
                entry["reasons"][s["rule"]] = s["reason"]
    return {
        "failed_checks": [{"file": "/cdk.tf.json", "findings": [findings[k] for k in sorted(findings)]}]
        if findings
        else []
    }


def _checkov_command() -> list[str]:
    found = shutil.which("checkov")
    return [found] if found else [sys.executable, "-m", "checkov.main"]


def _reports(stdout: str) -> list[dict[str, Any]]:
    """checkov prints one JSON document per ``-d`` (an object, or a list of them per framework)."""
    decoder, reports, index = json.JSONDecoder(), [], 0
    while index < len(stdout):
        if stdout[index].isspace():
            index += 1
            continue
        document, index = decoder.raw_decode(stdout, index)
        reports += document if isinstance(document, list) else [document]
    return reports


def _stack_of(path: str, stack_dirs: Sequence[Path]) -> Path | None:
    resolved = Path(path).resolve()
    return next((d for d in stack_dirs if resolved.is_relative_to(d.resolve())), None)


def scan(stack_dirs: Sequence[Path], skips: dict[Path, dict[str, Any]]) -> list[StackResult]:
    """One checkov process over every ``stacks/<name>`` directory (its start-up dominates the run);
    results are split per stack directory and that directory's ``skips`` applied."""
    command = [*_checkov_command(), *(arg for d in stack_dirs for arg in ("-d", str(d))), *CHECKOV_ARGS]
    process = subprocess.run(command, capture_output=True, text=True, check=False)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"checkov failed (exit {process.returncode}): {process.stderr[-2000:]}")
    results = {d: StackResult(d.name) for d in stack_dirs}
    reasons = {
        stack_dir: {
            (finding["resource"], check_id): finding["reasons"][check_id]
            for group in document["failed_checks"]
            for finding in group["findings"]
            for check_id in finding["check_ids"]
        }
        for stack_dir, document in skips.items()
    }
    used: dict[Path, set[str]] = {d: set() for d in stack_dirs}
    seen: set[tuple[str, ...]] = set()  # checkov repeats earlier directories' results in later reports
    for report in _reports(process.stdout):
        checks = report.get("results", {})
        for path in checks.get("parsing_errors", []):
            if ("parse", path) in seen:
                continue
            seen.add(("parse", path))
            stack = _stack_of(path, stack_dirs)
            if stack is None:
                raise RuntimeError(f"checkov could not parse {path}")
            results[stack].parsing_errors += 1
        for outcome in ("passed_checks", "skipped_checks", "failed_checks"):
            for check in checks.get(outcome, []):
                identity = (outcome, check["file_abs_path"], check["resource"], check["check_id"])
                stack = _stack_of(check["file_abs_path"], stack_dirs)
                if stack is None or identity in seen:
                    continue
                seen.add(identity)
                result, key = results[stack], (check["resource"], check["check_id"])
                if outcome == "passed_checks":
                    result.passed += 1
                elif outcome == "skipped_checks":
                    result.skipped += 1
                elif key in reasons[stack]:
                    used[stack].add(key[1])
                    result.skipped += 1
                    result.skips.append({"check_id": key[1], "resource": key[0], "reason": reasons[stack][key]})
                else:
                    result.failed += 1
                    result.failures.append(
                        {"check_id": key[1], "resource": key[0], "check_name": check.get("check_name", "")}
                    )
    for stack_dir, result in results.items():
        # A suppression covers every resource under its construct: unused when no check matched it.
        result.unused_skips = sorted({cid for _, cid in reasons[stack_dir]} - used[stack_dir])
    return [results[d] for d in stack_dirs]


def read_rules_report(path: Path) -> dict[str, Any]:
    """A ``<stack>-rules.json``; ``CheckovInputError`` when it is missing, not JSON, or a
    suppression lacks its rule, reason or resources."""
    if not path.is_file():
        raise CheckovInputError(f"{path}: missing: synthesize with the rule packs first (python -m apps)")
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CheckovInputError(f"{path}: not a JSON rules report ({error}): synthesize again") from None
    if not isinstance(report, dict) or not isinstance(report.get("suppressions", []), list):
        raise CheckovInputError(f"{path}: at $.suppressions: expected a list of suppressions")
    for index, entry in enumerate(report.get("suppressions", [])):
        at = f"{path}: at $.suppressions[{index}]"
        if not isinstance(entry, dict):
            raise CheckovInputError(f"{at}: expected an object with rule, reason and resources")
        for key in ("rule", "reason"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise CheckovInputError(f"{at}.{key}: expected a non-empty string, got {entry.get(key)!r}")
        resources = entry.get("resources", [])
        if not isinstance(resources, list) or not all(isinstance(r, str) and "." in r for r in resources):
            raise CheckovInputError(f"{at}.resources: expected a list of 'type.name' addresses, got {resources!r}")
    return report


def _stack_dirs(outdir: Path) -> list[Path]:
    if not (outdir / "stacks").is_dir():
        raise CheckovInputError(f"{outdir / 'stacks'}: missing: expected a cdktf.out directory (python -m apps)")
    stack_dirs = sorted(p for p in (outdir / "stacks").iterdir() if (p / "cdk.tf.json").is_file())
    if not stack_dirs:
        raise CheckovInputError(f"{outdir / 'stacks'}: no synthesized stacks (*/cdk.tf.json)")
    return stack_dirs


def without_report(outdir: Path) -> list[Path]:
    """Stacks under ``outdir`` with no rules report beside them (not from this synth): ``run`` skips them."""
    return [d for d in _stack_dirs(outdir) if not (outdir / f"{d.name}-rules.json").is_file()]


def run(outdir: Path) -> list[StackResult]:
    """checkov on every synthesized stack under ``outdir`` that has its rules report (the skips are
    generated from it, next to it); stacks without one: ``without_report``."""
    return run_each([outdir])[0]


def run_each(outdirs: Sequence[Path]) -> list[list[StackResult]]:
    """``run`` on each of several ``cdktf.out`` folders (other apps', or another runtime's) in ONE
    checkov process: its start-up, about 6 s, is most of a run. The results of each, in order."""
    scanned: list[list[Path]] = []
    skips = {}
    for outdir in outdirs:
        missing = set(without_report(outdir))
        scanned.append([d for d in _stack_dirs(outdir) if d not in missing])
        for stack_dir in scanned[-1]:
            skips[stack_dir] = skip_file(read_rules_report(outdir / f"{stack_dir.name}-rules.json"))
            outputs.write_json(outdir / f"{stack_dir.name}-checkov-skips.json", skips[stack_dir], sort_keys=True)
    every = [d for dirs in scanned for d in dirs]
    found = iter(scan(every, skips) if every else [])
    return [[next(found) for _ in dirs] for dirs in scanned]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tripgen_constructs.rules.checkov", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("outdir", nargs="?", type=Path, default=Path("cdktf.out"))
    args = parser.parse_args(argv)
    try:
        for stack_dir in without_report(args.outdir):
            print(f"warning: {stack_dir} has no {stack_dir.name}-rules.json (not from this synth?): not scanned")
        results = run(args.outdir)
    except CheckovInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for result in results:
        print(result.summary())
        for skip in result.skips:
            print(f"  skipped {skip['check_id']} {skip['resource']}: {skip['reason']}")
        for failure in result.failures:
            print(f"  FAILED {failure['check_id']} {failure['resource']}: {failure['check_name']}")
        for unused in result.unused_skips:
            print(f"  unused skip: {unused}")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
