"""Session fixtures: every stack is synthesized once per test session (one jsii load)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from tests.synth import Stack


@pytest.fixture(scope="session")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Full synth (keeps the ``//`` construct paths, runs validations) of every environment."""
    from tripgen_constructs import build_app

    from apps import ENVIRONMENTS

    outdir = tmp_path_factory.mktemp("cdktf.out")
    build_app(ENVIRONMENTS, outdir).synth()
    return outdir


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "contoso-westeurope" / "main.py"
"""The example outside TripGen (README "use a construct"), built from the public API only."""


@pytest.fixture(scope="session")
def example_dir(synth_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example synthesized in this same process (one jsii runtime), in its own App and outdir."""
    from cdktf import App

    spec = importlib.util.spec_from_file_location("contoso_westeurope", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    outdir = tmp_path_factory.mktemp("example.out")
    app = App(outdir=str(outdir))
    module.build(app)
    app.synth()
    return outdir


def _load(synth_dir: Path, env: str) -> Stack:
    path = synth_dir / "stacks" / f"tripgen-{env}" / "cdk.tf.json"
    data: dict[str, Any] = json.loads(path.read_text())
    return Stack(data)


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
