"""The review on pairs of real synthesized outputs, each with one change (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.diagrams.mermaid_check import mermaid_errors
from tripgen_constructs.review.__main__ import main

from .conftest import PUBLIC_CACHE_REASON, read_json


def run(tmp_path: Path, base: Path, head: Path, *gates: str, pictures: bool = False) -> tuple[int, str]:
    out = tmp_path / "review"
    args = [str(base), str(head), "-o", str(out), *(f"--fail-on={g}" for g in gates)]
    code = main(args + ([] if pictures else ["--no-pictures"]))
    return code, (out / "review.md").read_text()


def test_prod_example_pool_six_to_eight_and_public_cache(output, tmp_path, capsys):
    base, head = output(tripgen_prod="tripgen-prod"), output(tripgen_prod="tripgen-prod-example")
    code, md = run(tmp_path, base, head, "exposure", pictures=True)
    print(md)
    assert code == 1
    assert False
