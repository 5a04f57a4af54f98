"""The code stays as ruff and mypy want it (settings in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["lib", "apps", "tests", "bench"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_finds_nothing_to_report():
    done = _run("ruff", "check", *SOURCES)
    assert done.returncode == 0, done.stdout


def test_ruff_format_leaves_every_file_as_it_is():
    done = _run("ruff", "format", "--check", *SOURCES)
    assert done.returncode == 0, done.stdout


def test_mypy_finds_no_type_error_in_the_library():
    done = _run("mypy")  # its incremental cache (pyproject.toml) is what makes a second run 0.3 s, not 8 s
    assert done.returncode == 0, done.stdout
