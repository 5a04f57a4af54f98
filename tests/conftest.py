"""Session fixtures: both stacks are synthesized once per test session (one jsii load)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.synth import Stack


@pytest.fixture(scope="session")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Full synth (keeps the ``//`` construct paths, runs validations) of prod and dev."""
    from tripgen_constructs import build_app

    from apps import ENVIRONMENTS

    outdir = tmp_path_factory.mktemp("cdktf.out")
    build_app(ENVIRONMENTS, outdir).synth()
    return outdir


@pytest.fixture(scope="session")
def main_job_outdir(synth_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """As the main job leaves ``cdktf.out``: the stacks plus each environment's ``k8s/<env>/``."""
    import shutil

    from tripgen_constructs.workloads import synth_manifests

    from apps import ENVIRONMENTS

    outdir = tmp_path_factory.mktemp("with-workloads") / "cdktf.out"
    shutil.copytree(synth_dir / "stacks", outdir / "stacks")
    for config in ENVIRONMENTS:
        synth_manifests(config, outdir)
    return outdir


def _load(synth_dir: Path, env: str) -> Stack:
    path = synth_dir / "stacks" / f"tripgen-{env}" / "cdk.tf.json"
    data: dict[str, Any] = json.loads(path.read_text())
    return Stack(data)


@pytest.fixture(scope="session")
def prod(synth_dir: Path) -> Stack:
    return _load(synth_dir, "prod")


@pytest.fixture(scope="session")
def dev(synth_dir: Path) -> Stack:
    return _load(synth_dir, "dev")
