"""Session fixtures: both stacks are synthesized once per test session (one jsii load)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.runtimes import in_cdktf_terms
from tests.synth import Stack


@pytest.fixture(scope="session")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Full synth (keeps the ``//`` construct paths, runs validations) of prod and dev."""
    from tripgen_constructs import build_app

    from apps import ENVIRONMENTS

    outdir = tmp_path_factory.mktemp("cdktf.out")
    build_app(ENVIRONMENTS, outdir).synth()
    return outdir


def _load(synth_dir: Path, env: str) -> Stack:
    path = synth_dir / "stacks" / f"tripgen-{env}" / "cdk.tf.json"
    data: dict[str, Any] = json.loads(path.read_text())
    return Stack(in_cdktf_terms(data))  # the same assertions on both runtimes (tests/runtimes.py)


@pytest.fixture(scope="session")
def prod(synth_dir: Path) -> Stack:
    return _load(synth_dir, "prod")


@pytest.fixture(scope="session")
def dev(synth_dir: Path) -> Stack:
    return _load(synth_dir, "dev")
