"""The diagram command on bad arguments: one line on stderr, exit 2, no traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest
from tripgen_constructs.diagrams.__main__ import main

from .stacks import hub_spoke, write_outdir


def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("error: ")
    return err[0]


def test_output_naming_an_existing_file_is_one_line_and_exit_2(tmp_path, capsys):
    outdir = write_outdir(tmp_path, {"demo": hub_spoke()})
    taken = tmp_path / "diagram.png"
    taken.write_bytes(b"x")
    assert main([str(outdir), "-o", str(taken), "--format", "mmd"]) == 2
    assert _one_error_line(capsys) == f"error: {taken}: expected a directory for the diagrams, found a file"
    assert taken.read_bytes() == b"x"


def test_output_below_a_file_is_one_line_and_exit_2(tmp_path, capsys):
    outdir = write_outdir(tmp_path, {"demo": hub_spoke()})
    (tmp_path / "file").write_text("")
    target = tmp_path / "file" / "diagrams"
    assert main([str(outdir), "-o", str(target), "--format", "mmd"]) == 2
    assert _one_error_line(capsys).startswith(f"error: {target}: cannot create the diagram directory: ")


def test_missing_output_directories_are_created(tmp_path, capsys):
    outdir = write_outdir(tmp_path, {"demo": hub_spoke()})
    target = tmp_path / "a" / "b" / "c"
    assert main([str(outdir), "-o", str(target), "--format", "mmd"]) == 0
    assert sorted(p.name for p in target.iterdir()) == ["network-demo.mmd", "physical-architecture-demo.mmd"]


@pytest.mark.parametrize("shape", ["missing", "no stacks"])
def test_missing_input_directory_or_stacks_is_one_line_and_exit_2(tmp_path, capsys, shape):
    source = tmp_path / "cdktf.out"
    if shape == "no stacks":
        source.mkdir()
    assert main([str(source), "-o", str(tmp_path / "out")]) == 2
    assert str(source) in _one_error_line(capsys)


def test_the_module_command_prints_no_traceback(tmp_path):
    taken = tmp_path / "taken"
    taken.write_text("")
    done = subprocess.run(
        [sys.executable, "-m", "tripgen_constructs.diagrams", str(tmp_path / "nowhere"), "-o", str(taken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_missing_vendored_cytoscape_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TRIPGEN_CYTOSCAPE_JS", str(tmp_path / "nowhere.js"))
    outdir = write_outdir(tmp_path, {"demo": hub_spoke()})
    assert main([str(outdir), "-o", str(tmp_path / "out"), "--format", "html"]) == 2
    assert capsys.readouterr().err == (
        f"error: {tmp_path / 'nowhere.js'}: Cytoscape.js is missing; run ./scripts/bootstrap "
        "(npm ci --prefix tools/explorer) or set TRIPGEN_CYTOSCAPE_JS\n"
    )
