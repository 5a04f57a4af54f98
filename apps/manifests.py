"""Kubernetes manifests of every environment into ``<outdir>/k8s/<env>/`` (issue 9).

    python -m apps.manifests [--outdir cdktf.out] [--terraform-outputs terraform-outputs]

The main job runs this in a child process: the manifests need no Terraform, so they are written on
the second core while the main process loads the azurerm assembly.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tripgen_constructs.workloads import read_client_id, synth_manifests

from . import environments


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """``--outdir`` and ``--terraform-outputs``, shared with the main job (``python -m apps``)."""
    parser.add_argument("--outdir", type=Path, default=Path("cdktf.out"))
    parser.add_argument(
        "--terraform-outputs",
        type=Path,
        default=Path("terraform-outputs"),
        help="directory of `terraform output -json` files, tripgen-<env>.json: the workload identity's client id",
    )


def write_manifests(outdir: Path, terraform_outputs: Path) -> None:
    for config in environments():
        client_id = read_client_id(terraform_outputs / f"{config.stack_name}.json")
        synth_manifests(config, outdir, client_id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m apps.manifests", description=__doc__)
    add_output_arguments(parser)
    args = parser.parse_args(argv)
    write_manifests(args.outdir, args.terraform_outputs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
