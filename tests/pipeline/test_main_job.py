"""``python -m apps`` as users run it (a subprocess, one jsii load each: few of them).

Fault cases: SIGINT and SIGKILL mid-run leave the previous complete outputs, the children die with
the main job, a refused config or a bad terraform-outputs file is one line and exit 2; a cached run
equals an uncached one byte for byte and removes outputs of environments no longer built.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from apps import manifests
from tests.pipeline.test_outputs import tree

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'lib'}{os.pathsep}{ROOT}",
        "TRIPGEN_CACHE_DIR": str(tmp / "cache"),
        **extra,
    }


def _argv(where: Path) -> list[str]:
    return [
        *(sys.executable, "-m", "apps"),
        *("--outdir", str(where / "out"), "--diagrams", str(where / "diagrams")),
        *("--environments", str(where / "environments.md"), "--docs", str(where / "docs")),
        *("--terraform-outputs", str(where / "tf")),
    ]


def outputs_of(where: Path) -> dict[str, bytes]:
    return {**tree(where / "out"), **{f"diagrams/{k}": v for k, v in tree(where / "diagrams").items()}}


@pytest.fixture(scope="module")
def cold(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A run with an empty cache into directories whose parents do not exist yet, over the outputs of
    an environment no longer built (a stack with its Terraform state, a diagram)."""
    where = tmp_path_factory.mktemp("main-job") / "not" / "yet"
    stale = where / "out" / "stacks" / "tripgen-retired"
    stale.mkdir(parents=True)
    (stale / "cdk.tf.json").write_text("{}")
    (stale / "terraform.tripgen-retired.tfstate").write_text("state")
    (where / "diagrams").mkdir()
    (where / "diagrams" / "network-retired.mmd").write_text("old")
    done = subprocess.run(_argv(where), env=_env(where), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return where, done


@pytest.fixture(scope="module")
def previous(cold: tuple[Path, subprocess.CompletedProcess[str]]) -> dict[str, bytes]:
    """The complete output set of the cold run (Terraform's state file aside)."""
    built = outputs_of(cold[0])
    assert built.pop("stacks/tripgen-retired/terraform.tripgen-retired.tfstate") == b"state"  # kept
    return built


def test_a_run_removes_and_names_outputs_of_environments_no_longer_built(cold):
    where, done = cold
    assert "Traceback" not in done.stderr
    assert done.stdout.splitlines()[-2:] == [
        f"removed {where / 'out' / 'stacks' / 'tripgen-retired'}: not an output of this run"
        " (an environment no longer built)",
        f"removed {where / 'diagrams' / 'network-retired.mmd'}: not an output of this run"
        " (an environment no longer built)",
    ]


def test_a_cached_build_writes_what_an_uncached_synth_writes(previous, synth_dir):
    # synth_dir: the session's uncached synth of the same configs (stacks and rules reports).
    # Without the checkov skip files the checkov tests leave beside the session's stacks (not main-job outputs).
    uncached = {k: v for k, v in tree(synth_dir).items() if not k.endswith("-checkov-skips.json")}
    assert {k: v for k, v in previous.items() if k in uncached} == uncached
    assert {"k8s/prod/workloads.json", "diagrams/README.md", "diagrams/network-prod.svg"} <= set(previous)


def test_a_warm_run_restores_the_complete_outputs_byte_for_byte_without_jsii(cold, previous):
    where, _ = cold
    shutil.rmtree(where / "out")
    shutil.rmtree(where / "diagrams")
    warm = subprocess.run(_argv(where), env=_env(where, PYTHONPROFILEIMPORTTIME="1"), capture_output=True, text=True)
    assert warm.returncode == 0, warm.stderr
    assert warm.stdout.splitlines()[1].startswith("cache: restored the outputs of an identical run (")
    imported = {line.split("|")[-1].strip() for line in warm.stderr.splitlines() if line.startswith("import time:")}
    assert not {m for m in imported if m.split(".")[0] in ("jsii", "cdktf", "cdk8s", "pydantic")}
    assert outputs_of(where) == previous


ORPHAN_GRACE_S = 30
"""How long a child may outlive a killed main job: well above the measured 3.5 s, far below a leak."""


def _descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        try:
            tasks = list(Path(f"/proc/{todo.pop()}/task").glob("*"))
        except (FileNotFoundError, ProcessLookupError):  # it ended meanwhile (a dot run, say)
            continue
        for task in tasks:
            try:
                children = {int(c) for c in (task / "children").read_text().split()}
            except (FileNotFoundError, ProcessLookupError):
                continue
            found |= children
            todo += children
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.parametrize(
    ("signum", "when"),
    [(signal.SIGINT, "manifests staged"), (signal.SIGKILL, "run started")],
)
def test_an_interrupted_run_leaves_the_previous_outputs_and_no_process(previous, tmp_path, signum, when):
    for name, data in previous.items():  # the previous complete run
        target = tmp_path / ("diagrams/" + name[9:] if name.startswith("diagrams/") else f"out/{name}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    staged = tmp_path / ".out.tripgen-new"
    process = subprocess.Popen(
        [*_argv(tmp_path), "--no-cache"],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    # Early points on purpose: the commit's own steps are killed one by one in test_outputs.py.
    ready = (staged / "k8s") if when == "manifests staged" else staged
    while not ready.is_dir() or not _descendants(process.pid):
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.05)
    children = _descendants(process.pid)
    assert children  # the manifests child and Node
    if signum == signal.SIGINT:
        os.killpg(process.pid, signum)  # as a terminal's Ctrl-C: the whole group
    else:
        process.kill()  # the main job only: its children must follow
    out, err = process.communicate(timeout=60)
    # jsii's two Node processes notice their closed pipe only once the assembly is loaded: measured
    # 2.4-3.5 s after a SIGKILL of the main job here (the manifests child goes at once, PDEATHSIG).
    deadline = time.monotonic() + ORPHAN_GRACE_S
    while [pid for pid in children if _alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in children if _alive(pid)]
    if signum == signal.SIGINT:
        assert process.returncode == 130
        assert err == "interrupted (SIGINT): the previous outputs are unchanged\n"
        assert not staged.exists()
    else:
        assert process.returncode == -signal.SIGKILL
    assert outputs_of(tmp_path) == previous


def test_a_refused_config_is_one_line_per_refusal_and_exit_2(tmp_path):
    copy = tmp_path / "apps"
    shutil.copytree(ROOT / "apps", copy, ignore=shutil.ignore_patterns("__pycache__"))
    config = copy / "dev" / "config.py"
    config.write_text(config.read_text().replace("zone_redundant=False,", 'zone_redundant="maybe", shoe_size=44,', 1))
    env = {**_env(tmp_path), "PYTHONPATH": f"{ROOT / 'lib'}{os.pathsep}{tmp_path}"}
    done = subprocess.run(_argv(tmp_path), env=env, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "error: 'apps/dev/config.py: zone_redundant' must be true or false, got 'maybe'",
        "error: 'apps/dev/config.py: shoe_size' must be absent: not a field of this model (check the spelling), got 44",
    ]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ('{"services_identity_client_id": {"val', "not the JSON of `terraform output -json` (Unterminated string"),
        (
            json.dumps({"services_identity_client_id": {"value": "abc"}}),
            "'services_identity_client_id.value' must be a client id (UUID), got 'abc'",
        ),
    ],
)
def test_a_bad_terraform_outputs_file_is_named_with_its_field_in_one_line(tmp_path, capsys, content, said):
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "tripgen-dev.json").write_text(content)
    code = manifests.main(["--outdir", str(tmp_path / "out"), "--terraform-outputs", str(tmp_path / "tf")])
    assert code == 2
    line = capsys.readouterr().err
    assert line.startswith(f"error: {tmp_path / 'tf' / 'tripgen-dev.json'}: {said}")
    assert line.count("\n") == 1
