"""Diagram fixtures shared by the test modules: the main job's outputs, drawn once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tripgen_constructs.diagrams import DrawResult, draw_all


@pytest.fixture(scope="session")
def main_job_outdir(synth_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``cdktf.out`` as the main job leaves it: stacks, rule reports, ``k8s/<env>/workloads.json``."""
    from tripgen_constructs.workloads import synth_manifests

    from apps import ENVIRONMENTS

    outdir = tmp_path_factory.mktemp("main-job") / "cdktf.out"
    shutil.copytree(synth_dir / "stacks", outdir / "stacks")
    for report in synth_dir.glob("*-rules.json"):
        shutil.copy(report, outdir / report.name)
    for config in ENVIRONMENTS:
        synth_manifests(config, outdir)
    return outdir


@pytest.fixture(scope="session")
def placed(main_job_outdir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DrawResult]:
    """The draw.io files and HTML explorers of every environment, as the main job draws them."""
    target = tmp_path_factory.mktemp("placed-diagrams")
    return target, draw_all(main_job_outdir, target, ("drawio", "html"))
