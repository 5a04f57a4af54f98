"""The main job: synthesize every environment in one process (the Kubernetes manifests in a child
process meanwhile), then draw the diagrams.

``python -m apps`` (or ``cdktf synth``, which runs the same command from cdktf.json).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from tripgen_constructs import build_app
from tripgen_constructs._cdk import CHOICE, describe
from tripgen_constructs.diagrams import draw_all
from tripgen_constructs.diagrams.index import write_index

from . import ENVIRONMENTS
from .manifests import add_output_arguments


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m apps", description=__doc__)
    add_output_arguments(parser)
    parser.add_argument("--diagrams", type=Path, default=Path("docs/diagrams"))
    args = parser.parse_args(argv)
    print(describe(CHOICE), flush=True)  # first line: which runtime synthesized this (docs/cdktn.md)
    args.outdir.mkdir(parents=True, exist_ok=True)  # cdktn's App, unlike cdktf's, makes no parents
    # The Kubernetes manifests (issue 9) come from the config alone: a child process writes them
    # while this one spends seconds in Node loading the azurerm assembly (bench/results.md).
    outputs = ["--outdir", str(args.outdir), "--terraform-outputs", str(args.terraform_outputs)]
    manifests = subprocess.Popen([sys.executable, "-m", "apps.manifests", *outputs])
    try:
        build_app(ENVIRONMENTS, args.outdir).synth()
    finally:
        returncode = manifests.wait()
    if returncode != 0:
        print(f"python -m apps.manifests failed ({returncode})", file=sys.stderr)
        return returncode
    drawn = draw_all(args.outdir, args.diagrams)  # issue 7; services placed from the manifests
    write_index(drawn.views, args.diagrams)
    for warning in drawn.warnings:
        print(f"diagrams: warning: {warning}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
