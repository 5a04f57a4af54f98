"""tripgen_constructs.outputs: atomic files, a staged run swapped in whole, interrupted commits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from tripgen_constructs import outputs


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative path → bytes)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_write_text_replaces_the_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "a" / "b" / "x.txt"
    outputs.write_text(path, "one")
    outputs.write_text(path, "two")
    assert path.read_text() == "two"
    assert sorted(p.name for p in path.parent.iterdir()) == ["x.txt"]


def test_a_failed_write_keeps_the_previous_file(tmp_path):
    path = tmp_path / "x.txt"
    outputs.write_text(path, "old")
    with pytest.raises(RuntimeError), outputs.replacing(path) as tmp:
        tmp.write_text("half")
        raise RuntimeError("interrupted")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


def test_an_output_below_a_file_is_refused_in_one_line(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(outputs.OutputError, match=r"/file/out/x: cannot create its directory, .*/file is a file"):
        outputs.write_text(tmp_path / "file" / "out" / "x", "")


def _previous(tmp_path: Path) -> tuple[Path, Path]:
    out, docs = tmp_path / "out", tmp_path / "docs"
    outputs.write_text(out / "stacks" / "a" / "cdk.tf.json", "old a")
    outputs.write_text(out / "stacks" / "gone" / "cdk.tf.json", "old gone")
    outputs.write_text(out / "stacks" / "gone" / "terraform.gone.tfstate", "state of gone")
    outputs.write_text(out / "stacks" / "a" / "terraform.a.tfstate", "state of a")
    outputs.write_text(docs / "architecture-a.md", "old doc a")
    outputs.write_text(docs / "architecture-gone.md", "old doc gone")
    outputs.write_text(docs / "hand-written.md", "mine")
    return out, docs


def _stage_new(run: outputs.Run, out: Path, docs: Path) -> None:
    run.owns(docs, "architecture-*.md")
    staged = run.directory(out)
    outputs.write_text(staged / "stacks" / "a" / "cdk.tf.json", "new a")
    outputs.write_text(staged / "stacks" / "b" / "cdk.tf.json", "new b")
    outputs.write_text(run.file(docs / "architecture-a.md"), "new doc a")


NEW = {
    "out": {
        "stacks/a/cdk.tf.json": b"new a",
        "stacks/a/terraform.a.tfstate": b"state of a",
        "stacks/b/cdk.tf.json": b"new b",
        "stacks/gone/terraform.gone.tfstate": b"state of gone",
    },
    "docs": {"architecture-a.md": b"new doc a", "hand-written.md": b"mine"},
}


def test_a_commit_swaps_the_run_in_removes_what_it_no_longer_builds_and_keeps_terraform_state(tmp_path):
    out, docs = _previous(tmp_path)
    with outputs.Run(tmp_path / ".run.json") as run:
        _stage_new(run, out, docs)
        assert tree(out)["stacks/a/cdk.tf.json"] == b"old a"  # nothing visible before the commit
        removed = run.commit()
    assert removed == [str(out / "stacks" / "gone"), str(docs / "architecture-gone.md")]
    assert {"out": tree(out), "docs": tree(docs)} == NEW
    assert sorted(p.name for p in tmp_path.iterdir()) == [".run.json.lock", "docs", "out"]


def test_a_failed_build_keeps_the_previous_outputs_and_staging_goes(tmp_path):
    out, docs = _previous(tmp_path)
    before = {"out": tree(out), "docs": tree(docs)}
    with pytest.raises(RuntimeError), outputs.Run(tmp_path / ".run.json") as run:
        _stage_new(run, out, docs)
        raise RuntimeError("synth failed")
    assert {"out": tree(out), "docs": tree(docs)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".run.json.lock", "docs", "out"]


def test_a_second_run_on_the_same_outputs_is_refused_while_one_runs(tmp_path):
    with (
        outputs.Run(tmp_path / ".run.json"),
        pytest.raises(outputs.OutputError, match="another run is writing these outputs"),
    ):
        outputs.Run(tmp_path / ".run.json")


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from tripgen_constructs import outputs
    from tests.pipeline.test_outputs import _stage_new

    tmp, point = Path(sys.argv[1]), sys.argv[2]
    renames, rename = [0], os.rename

    def counting_rename(a, b):
        renames[0] += 1
        if point == f"rename-{renames[0]}":
            os.kill(os.getpid(), signal.SIGKILL)
        rename(a, b)

    os.rename = counting_rename
    run = outputs.Run(tmp / ".run.json")
    _stage_new(run, tmp / "out", tmp / "docs")
    if point == "build":
        os.kill(os.getpid(), signal.SIGKILL)
    run.commit()
    if point == "cleanup":
        os.kill(os.getpid(), signal.SIGKILL)
    """
)


# The commit's renames: a carried-over state file each (2), then old -> .old and new -> final per
# entry (4); "build" is before the journal, "cleanup" after the last rename.
@pytest.mark.parametrize("point", ["build", "rename-1", "rename-2", "rename-3", "rename-4", "rename-5", "rename-6"])
def test_sigkill_at_any_point_leaves_the_previous_or_the_new_complete_output(tmp_path, point):
    out, docs = _previous(tmp_path)
    before = {"out": tree(out), "docs": tree(docs)}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", KILLER, str(tmp_path), point], env=env, check=False)
    assert done.returncode == -signal.SIGKILL
    outputs.Run(tmp_path / ".run.json").close()  # the next run recovers first
    after = {"out": tree(out), "docs": tree(docs)}
    assert after == (before if point == "build" else NEW)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".run.json.lock", "docs", "out"]


def test_the_checkov_cli_warns_about_a_stack_without_its_rules_report_and_does_not_fail(tmp_path, capsys):
    from tripgen_constructs.rules import checkov

    (tmp_path / "stacks" / "tripgen-staging").mkdir(parents=True)
    (tmp_path / "stacks" / "tripgen-staging" / "cdk.tf.json").write_text("{}")
    assert checkov.main([str(tmp_path)]) == 0
    assert capsys.readouterr().out == (
        f"warning: {tmp_path / 'stacks' / 'tripgen-staging'} has no tripgen-staging-rules.json"
        " (not from this synth?): not scanned\n"
    )


def test_sigint_during_the_commit_waits_for_the_renames(tmp_path, monkeypatch):
    out, docs = _previous(tmp_path)
    rename = os.rename

    def interrupted_rename(a, b):
        os.kill(os.getpid(), signal.SIGINT)  # delivered only when the commit's renames are done
        rename(a, b)

    run = outputs.Run(tmp_path / ".run.json")
    _stage_new(run, out, docs)
    monkeypatch.setattr(os, "rename", interrupted_rename)
    with pytest.raises(KeyboardInterrupt):
        run.commit()
    assert run.committed
    assert {"out": tree(out), "docs": tree(docs)} == NEW
