"""Run Mermaid's own parser (tools/mermaid-check, npm) over .mmd files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

TOOL = Path(__file__).resolve().parents[2] / "tools" / "mermaid-check"


def mermaid_errors(files: list[Path]) -> list[str]:
    """Parser errors per file ('' when every file parses). Fails loudly if the tool is missing."""
    node = shutil.which("node")
    assert node, "node is required to check Mermaid files"
    assert (TOOL / "node_modules" / "mermaid").is_dir(), (
        f"run `npm ci --prefix {TOOL}` first: Mermaid's parser is needed to check .mmd files"
    )
    done = subprocess.run(
        [node, str(TOOL / "check.mjs"), *map(str, files)], capture_output=True, text=True, check=False
    )
    return [line for line in done.stdout.splitlines() if line.startswith("error")] + (
        [done.stderr] if done.returncode not in (0, 1) else []
    )
