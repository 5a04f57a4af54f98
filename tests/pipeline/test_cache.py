"""The synth cache: each class of input rebuilds; hits restore byte for byte; damage is rebuilt.

The build here is a stand-in writing into the run (the real main job is in test_main_job.py): these
tests are about when the pipeline builds and what it restores, without a jsii load each.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import shutil
import time
import types
from pathlib import Path

import pytest
from tripgen_constructs import outputs
from tripgen_constructs._runtime import choose, describe
from tripgen_constructs.synth_cache import Cache

import apps.__main__ as main_job
from tests.pipeline.test_outputs import tree

ROOT = Path(__file__).resolve().parents[2]
RUNTIME_LINE = describe(choose())
"""The main job's first line: the CDK runtime."""


@pytest.fixture
def job(tmp_path, monkeypatch):
    """Run the main job's pipeline in ``tmp_path`` with a stand-in build; returns (run, builds)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRIPGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TRIPGEN_CACHE", raising=False)
    builds: list[int] = []

    def build(args: argparse.Namespace, run: outputs.Run) -> list[str]:
        builds.append(1)
        out = run.directory(args.outdir)
        outputs.write_text(out / "stacks" / "tripgen-dev" / "cdk.tf.json", '{"n": 1}')
        outputs.write_bytes(run.directory(args.diagrams) / "network-dev.png", bytes(range(256)) * 40)
        tf = args.terraform_outputs / "tripgen-dev.json"
        outputs.write_text(out / "k8s" / "dev" / "client.txt", tf.read_text() if tf.exists() else "none")
        return ["diagrams: warning: something to say"]

    monkeypatch.setattr(main_job, "build", build)

    def run(*argv: str) -> dict[str, bytes]:
        args = ["--outdir", "out", "--diagrams", "docs/diagrams", "--terraform-outputs", "tf", *argv]
        assert main_job.main(args) == 0
        return {**tree(tmp_path / "out"), **{f"docs/{k}": v for k, v in tree(tmp_path / "docs").items()}}

    return run, builds


def test_an_identical_run_restores_the_outputs_byte_for_byte_without_building(job, capsys):
    run, builds = job
    first = run()
    assert capsys.readouterr().out == f"{RUNTIME_LINE}\ndiagrams: warning: something to say\n"
    second = run()
    assert builds == [1]
    assert second == first
    runtime, restored, warning = capsys.readouterr().out.splitlines()
    assert runtime == RUNTIME_LINE  # the first line, whether built or restored
    assert restored.startswith("cache: restored the outputs of an identical run (")
    assert warning == "diagrams: warning: something to say"  # said again, as the build said it


def test_the_cache_is_off_with_no_cache_or_the_environment_variable(job, monkeypatch, tmp_path):
    run, builds = job
    run("--no-cache")
    assert not (tmp_path / "cache").exists()
    monkeypatch.setenv("TRIPGEN_CACHE", "off")
    run()
    run()
    assert builds == [1, 1, 1]


@pytest.mark.parametrize("damage", ["flip a byte", "truncate a file", "delete a file", "truncate the manifest"])
def test_a_damaged_entry_is_detected_deleted_and_rebuilt_never_restored(job, tmp_path, capsys, damage):
    run, builds = job
    first = run()
    (entry,) = (tmp_path / "cache").iterdir()
    png = entry / "files" / "1" / "network-dev.png"
    if damage == "flip a byte":
        data = bytearray(png.read_bytes())
        data[100] ^= 1
        png.write_bytes(bytes(data))
    elif damage == "truncate a file":
        png.write_bytes(png.read_bytes()[:10])
    elif damage == "delete a file":
        png.unlink()
    else:
        (entry / "manifest.json").write_text((entry / "manifest.json").read_text()[:50])
    capsys.readouterr()
    assert run() == first
    assert builds == [1, 1]
    assert capsys.readouterr().out.startswith(f"{RUNTIME_LINE}\ncache: entry {entry.name[:12]} damaged (")
    assert run() == first and builds == [1, 1]  # the rebuilt entry is sound


def test_a_changed_terraform_outputs_file_rebuilds(job, tmp_path):
    run, builds = job
    run()
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "tripgen-dev.json").write_text('{"services_identity_client_id": {"value": "x"}}')
    assert run()["k8s/dev/client.txt"] == b'{"services_identity_client_id": {"value": "x"}}'
    assert builds == [1, 1]


def test_eviction_keeps_the_cache_under_its_bound_least_recently_used_first(tmp_path):
    cache = Cache(tmp_path / "cache", max_bytes=2500)
    for name, age in (("a", 30), ("b", 20), ("c", 10)):
        entry = tmp_path / "cache" / name
        entry.mkdir(parents=True)
        (entry / "manifest.json").write_bytes(b"x" * 1000)
        os.utime(entry / "manifest.json", (time.time() - age, time.time() - age))
    assert [p.name for p in cache.evict()] == ["a"]
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["b", "c"]


# --- Each class of input the issue lists changes the key (so the job rebuilds), and only it. ---


def _args(tmp_path: Path) -> argparse.Namespace:
    return argparse.Namespace(
        outdir=Path("out"),
        diagrams=Path("d"),
        environments=Path("e.md"),
        docs=Path("docs"),
        terraform_outputs=tmp_path / "tf",
    )


def _copy(tmp_path: Path, package: str) -> Path:
    copy = tmp_path / package
    shutil.copytree(ROOT / ("lib/tripgen_constructs" if package == "lib" else "apps"), copy)
    return copy


def test_the_key_is_stable_for_the_same_inputs(tmp_path):
    assert main_job.cache_key(_args(tmp_path)).digest == main_job.cache_key(_args(tmp_path)).digest


def test_one_config_value_changes_the_key(tmp_path, monkeypatch):
    before = main_job.cache_key(_args(tmp_path))
    copy = _copy(tmp_path, "apps")
    config = copy / "dev" / "config.py"
    config.write_text(config.read_text().replace('name="dev"', 'name="dev2"', 1))
    monkeypatch.setattr(main_job, "__file__", str(copy / "__main__.py"))
    after = main_job.cache_key(_args(tmp_path))
    assert [k for k in after.inputs if after.inputs[k] != before.inputs[k]] == ["apps"]


def test_one_library_line_changes_the_key(tmp_path, monkeypatch):
    before = main_job.cache_key(_args(tmp_path))
    copy = _copy(tmp_path, "lib")
    with (copy / "naming.py").open("a") as f:
        f.write("# one more line\n")
    monkeypatch.setattr(main_job, "tripgen_constructs", types.SimpleNamespace(__file__=str(copy / "__init__.py")))
    after = main_job.cache_key(_args(tmp_path))
    assert [k for k in after.inputs if after.inputs[k] != before.inputs[k]] == ["lib"]


def test_one_package_version_reported_differently_changes_the_key(tmp_path, monkeypatch):
    before = main_job.cache_key(_args(tmp_path))
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda d: "9.9.9" if d == "cdk8s" else real(d))
    after = main_job.cache_key(_args(tmp_path))
    assert [k for k in after.inputs if after.inputs[k] != before.inputs[k]] == ["package cdk8s"]


@pytest.mark.parametrize("variable", ["TF_VAR_alert_webhook_teams", "JSII_NODE", "TRIPGEN_RUNTIME"])
def test_one_environment_variable_changes_the_key(tmp_path, monkeypatch, variable):
    before = main_job.cache_key(_args(tmp_path))
    monkeypatch.setenv(variable, "/somewhere/else")
    after = main_job.cache_key(_args(tmp_path))
    changed = [k for k in after.inputs if after.inputs[k] != before.inputs[k]]
    assert changed == (["node", "environment variables"] if variable == "JSII_NODE" else ["environment variables"])


def test_the_cache_settings_are_not_part_of_the_key(tmp_path, monkeypatch):
    before = main_job.cache_key(_args(tmp_path)).digest
    monkeypatch.setenv("TRIPGEN_CACHE_MAX_MB", "1")
    assert main_job.cache_key(_args(tmp_path)).digest == before


def test_one_outputs_file_changes_the_key(tmp_path):
    before = main_job.cache_key(_args(tmp_path))
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "tripgen-dev.json").write_text("{}")
    after = main_job.cache_key(_args(tmp_path))
    assert [k for k in after.inputs if after.inputs[k] != before.inputs[k]] == ["terraform-outputs"]


def test_a_key_names_each_input_class(tmp_path):
    assert set(main_job.cache_key(_args(tmp_path)).inputs) == {
        "lib",
        "apps",
        "terraform-outputs",
        "arguments",
        "python",
        "node",
        "graphviz",
        "environment variables",
        *(f"package {d}" for d in main_job.PACKAGES),
    }
