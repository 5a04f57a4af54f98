"""Session fixtures: our stacks, the example, then the foreign corpus, synthesized once per session
(one jsii load)."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from tripgen_constructs.reader import read_stack

from tests.runtimes import in_cdktf_terms
from tests.synth import Stack


@pytest.fixture(scope="session")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Full synth (keeps the ``//`` construct paths, runs validations) of every environment."""
    from tripgen_constructs import build_app
    from tripgen_constructs._cdk import AZURERM_PACKAGE

    from apps import ENVIRONMENTS

    outdir = tmp_path_factory.mktemp("cdktf.out")
    build_app(ENVIRONMENTS, outdir).synth()
    _BINDINGS_OF_OUR_STACKS.update(name for name in sys.modules if name.startswith(f"{AZURERM_PACKAGE}."))
    return outdir


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "contoso-westeurope" / "main.py"
"""The example outside TripGen (README "use a construct"), built from the public API only."""


@pytest.fixture(scope="session")
def example_dir(synth_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example synthesized in this same process (one jsii runtime), in its own App and outdir;
    on cdktn with the imports docs/cdktn.md tells a cdktn user to change."""
    from tripgen_constructs._cdk import cdk

    from tests.runtimes import example_for_runtime

    module = types.ModuleType("contoso_westeurope")
    module.__file__ = str(EXAMPLE)
    exec(compile(example_for_runtime(EXAMPLE.read_text()), str(EXAMPLE), "exec"), module.__dict__)
    outdir = tmp_path_factory.mktemp("example.out")
    app = cdk.App(outdir=str(outdir))
    module.build(app)
    app.synth()
    return outdir


_BINDINGS_OF_OUR_STACKS: set[str] = set()


@pytest.fixture(scope="session")
def our_bindings(synth_dir: Path) -> frozenset[str]:
    """The azurerm binding modules loaded once our stacks are built (before the corpus loads more)."""
    return frozenset(_BINDINGS_OF_OUR_STACKS)


@pytest.fixture(scope="session")
def corpus_dir(synth_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The foreign stacks of ``tests/diagrams/corpus`` synthesized in the same jsii runtime, after ours.

    Skipped on cdktn: the corpus is other teams' code, written against the azurerm 4.55 bindings
    (cdktf); the diagram code it tests reads JSON and does not depend on the runtime."""
    from tripgen_constructs._cdk import RUNTIME, cdk

    if RUNTIME.name != "cdktf":
        pytest.skip("the corpus apps are written for the cdktf azurerm 4.55 bindings")

    from tests.diagrams.corpus import add_all

    outdir = tmp_path_factory.mktemp("corpus.out")
    app = cdk.App(outdir=str(outdir))
    add_all(app)
    app.synth()
    return outdir


@pytest.fixture(scope="session")
def main_job_outdir(synth_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """As the main job leaves ``cdktf.out``: the stacks, rule reports and each environment's ``k8s/<env>/``."""
    import shutil

    from tripgen_constructs.workloads import synth_manifests

    from apps import ENVIRONMENTS

    outdir = tmp_path_factory.mktemp("with-workloads") / "cdktf.out"
    shutil.copytree(synth_dir / "stacks", outdir / "stacks")
    for report in synth_dir.glob("*-rules.json"):  # the rule reports the explorer lays over nodes
        shutil.copy(report, outdir / report.name)
    for config in ENVIRONMENTS:
        synth_manifests(config, outdir)
    return outdir


def _load(synth_dir: Path, env: str) -> Stack:
    path = synth_dir / "stacks" / f"tripgen-{env}" / "cdk.tf.json"
    return Stack(in_cdktf_terms(dict(read_stack(path).document)))  # the same assertions on both runtimes


@pytest.fixture(scope="session")
def stacks(synth_dir: Path) -> dict[str, Stack]:
    """Every environment discovered in ``apps/`` (``apps.ENVIRONMENT_NAMES``), by folder name."""
    from apps import ENVIRONMENT_NAMES

    return {env: _load(synth_dir, env) for env in ENVIRONMENT_NAMES}


@pytest.fixture(scope="session")
def prod(synth_dir: Path) -> Stack:
    return _load(synth_dir, "prod")


@pytest.fixture(scope="session")
def dev(synth_dir: Path) -> Stack:
    return _load(synth_dir, "dev")
