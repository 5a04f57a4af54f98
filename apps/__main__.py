"""The main job: synthesize every environment in one process, then draw the diagrams.

``python -m apps`` (or ``cdktf synth``, which runs the same command from cdktf.json).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tripgen_constructs import build_app
from tripgen_constructs.diagrams import draw_all
from tripgen_constructs.diagrams.index import write_index
from tripgen_constructs.workloads import read_client_id, synth_manifests

from . import ENVIRONMENTS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m apps", description=__doc__)
    parser.add_argument("--outdir", type=Path, default=Path("cdktf.out"))
    parser.add_argument("--diagrams", type=Path, default=Path("docs/diagrams"))
    parser.add_argument(
        "--terraform-outputs",
        type=Path,
        default=Path("terraform-outputs"),
        help="directory of `terraform output -json` files, tripgen-<env>.json: the workload identity's client id",
    )
    args = parser.parse_args(argv)
    build_app(ENVIRONMENTS, args.outdir).synth()
    for config in ENVIRONMENTS:  # Kubernetes manifests into <outdir>/k8s/<env>/ (issue 9)
        client_id = read_client_id(args.terraform_outputs / f"tripgen-{config.name}.json")
        synth_manifests(config, args.outdir, client_id)
    drawn = draw_all(args.outdir, args.diagrams)  # issue 7
    write_index(drawn.views, args.diagrams)
    for warning in drawn.warnings:
        print(f"diagrams: warning: {warning}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
