"""Run Mermaid's own parser (tools/mermaid-check, npm) over .mmd files: one Node process per test
process (``check.mjs --serve``), started at the first check: loading Mermaid and jsdom takes longer
than parsing every file a session checks."""

from __future__ import annotations

import atexit
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import IO

TOOL = Path(__file__).resolve().parents[2] / "tools" / "mermaid-check"
_PARSER: list[tuple[subprocess.Popen[str], IO[str]]] = []
"""The running parser and the file its stderr goes to (read only if it dies: a pipe could fill up)."""


def _parser() -> tuple[subprocess.Popen[str], IO[str]]:
    if _PARSER and _PARSER[0][0].poll() is None:
        return _PARSER[0]
    node = shutil.which("node")
    assert node, "node is required to check Mermaid files"
    assert (TOOL / "node_modules" / "mermaid").is_dir(), (
        f"run `npm ci --prefix {TOOL}` first: Mermaid's parser is needed to check .mmd files"
    )
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (open while the parser runs)
    process = subprocess.Popen(
        [node, str(TOOL / "check.mjs"), "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True
    )
    _PARSER[:] = [(process, log)]
    atexit.register(process.kill)
    return process, log


def mermaid_errors(files: list[Path]) -> list[str]:
    """Parser errors per file ('' when every file parses). Fails loudly if the tool is missing."""
    process, log = _parser()
    assert process.stdin and process.stdout
    process.stdin.write("".join(f"{file}\n" for file in files) + "\n")
    process.stdin.flush()
    errors = []
    while (line := process.stdout.readline().rstrip("\n")) != "done":
        if not line:  # the parser died: its stderr is the error
            process.wait()
            log.seek(0)
            return [*errors, f"mermaid parser exited {process.returncode}: {log.read()}"]
        if line.startswith("error"):
            errors.append(line)
    return errors
