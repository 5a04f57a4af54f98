"""Session fixtures: our stacks, then the foreign corpus, synthesized once per session (one jsii load)."""

from __future__ import annotations

import sys
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
    _BINDINGS_OF_OUR_STACKS.update(name for name in sys.modules if name.startswith("cdktf_cdktf_provider_azurerm."))
    return outdir


_BINDINGS_OF_OUR_STACKS: set[str] = set()


@pytest.fixture(scope="session")
def our_bindings(synth_dir: Path) -> frozenset[str]:
    """The azurerm binding modules loaded once our stacks are built (before the corpus loads more)."""
    return frozenset(_BINDINGS_OF_OUR_STACKS)


@pytest.fixture(scope="session")
def corpus_dir(synth_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The foreign stacks of ``tests/diagrams/corpus`` synthesized in the same jsii runtime, after ours."""
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
