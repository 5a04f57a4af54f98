"""Kubernetes manifests of every environment into ``<outdir>/k8s/<env>/`` (issue 9).

    python -m apps.manifests [--outdir cdktf.out] [--terraform-outputs terraform-outputs]

The main job runs this in a child process: the manifests need no Terraform, so they are written on
the second core while the main process loads the azurerm assembly. Exit 2 with one line for a
refused config or a bad ``terraform-outputs`` file, 130 on SIGINT.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tripgen_constructs.config.errors import ConfigError

from . import environments

USER_ERROR = 2
"""Exit status for a user's mistake (said on stderr, one line per problem)."""


class TerraformOutputsError(ValueError):
    """A ``terraform-outputs/*.json`` file that is not what ``terraform output -json`` writes."""


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """``--outdir`` and ``--terraform-outputs``, shared with the main job (``python -m apps``)."""
    parser.add_argument("--outdir", type=Path, default=Path("cdktf.out"))
    parser.add_argument(
        "--terraform-outputs",
        type=Path,
        default=Path("terraform-outputs"),
        help="directory of `terraform output -json` files, <stack>.json: the workload identity's client id",
    )


def write_manifests(outdir: Path, terraform_outputs: Path) -> None:
    from tripgen_constructs.workloads import read_client_id, synth_manifests

    configs = environments()
    try:
        client_ids = {c.name: read_client_id(terraform_outputs / f"{c.stack_name}.json") for c in configs}
    except ValueError as error:  # the file and the field
        raise TerraformOutputsError(str(error)) from None
    for config in configs:
        synth_manifests(config, outdir, client_ids[config.name])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m apps.manifests", description=__doc__)
    add_output_arguments(parser)
    args = parser.parse_args(argv)
    try:
        write_manifests(args.outdir, args.terraform_outputs)
    except ConfigError:
        return USER_ERROR  # the main job prints the refusals itself
    except TerraformOutputsError as error:
        print(f"error: {error}", file=sys.stderr)
        return USER_ERROR
    except KeyboardInterrupt:  # the parent says it; no atexit: jsii's would write to the dead Node
        sys.stderr.flush()
        os._exit(130)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
