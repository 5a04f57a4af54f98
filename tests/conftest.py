"""Session fixtures: both stacks are synthesized once per test session (one jsii load)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tripgen_constructs.reader import read_stack

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
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The foreign stacks of ``tests/diagrams/corpus`` synthesized in the same jsii runtime as ours."""
    from tripgen_constructs._cdk import cdk

    from tests.diagrams.corpus import add_all

    outdir = tmp_path_factory.mktemp("corpus.out")
    app = cdk.App(outdir=str(outdir))
    add_all(app)
    app.synth()
    return outdir


def _load(synth_dir: Path, env: str) -> Stack:
    path = synth_dir / "stacks" / f"tripgen-{env}" / "cdk.tf.json"
    return Stack(dict(read_stack(path).document))


@pytest.fixture(scope="session")
def prod(synth_dir: Path) -> Stack:
    return _load(synth_dir, "prod")


@pytest.fixture(scope="session")
def dev(synth_dir: Path) -> Stack:
    return _load(synth_dir, "dev")
