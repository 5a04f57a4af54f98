"""The main job: synthesize every environment in one process (the Kubernetes manifests in a child
process meanwhile), then draw the diagrams and write the design documents (SLA, cost).

``python -m apps`` (or ``cdktf synth``, which runs the same command from cdktf.json).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from tripgen_constructs import build_app
from tripgen_constructs.config.errors import ConfigError
from tripgen_constructs.design import write_design_docs
from tripgen_constructs.diagrams import draw_all
from tripgen_constructs.diagrams.index import write_index
from tripgen_constructs.config.environment import EnvironmentConfig
from tripgen_constructs.review import write_environments

from . import environments
from .manifests import add_output_arguments


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m apps", description=__doc__)
    add_output_arguments(parser)
    parser.add_argument("--diagrams", type=Path, default=Path("docs/diagrams"))
    parser.add_argument("--environments", type=Path, default=Path("docs/environments.md"))
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="where architecture-<env>.md go")
    args = parser.parse_args(argv)
    try:
        configs = environments()
    except ConfigError as error:  # every problem of every environment, in the one refusal form
        print(error, file=sys.stderr)
        return 2
    # The Kubernetes manifests (issue 9) come from the config alone: a child process writes them
    # while this one spends seconds in Node loading the azurerm assembly (bench/results.md).
    outputs = ["--outdir", str(args.outdir), "--terraform-outputs", str(args.terraform_outputs)]
    manifests = subprocess.Popen([sys.executable, "-m", "apps.manifests", *outputs])
    try:
        build_app(configs, args.outdir).synth()
    finally:
        returncode = manifests.wait()
    if returncode != 0:
        print(f"python -m apps.manifests failed ({returncode})", file=sys.stderr)
        return returncode
    drawn = draw_all(args.outdir, args.diagrams)  # issue 7; services placed from the manifests
    write_index(drawn.views, args.diagrams)
    for warning in drawn.warnings:
        print(f"diagrams: warning: {warning}")
    write_environments(args.outdir, args.environments, *environment_stacks(configs))  # issue 16: D-1 as a table
    # Issue 17: the design document per environment; a missed availability target warns only.
    targets = {env.name: env.availability_target for env in configs}
    korean = [env.name for env in configs if env.production]
    design = write_design_docs(args.outdir, args.docs, args.diagrams, targets, korean)
    for warning in design.warnings:
        print(f"design: warning: {warning}")
    return 0


def environment_stacks(configs: tuple[EnvironmentConfig, ...]) -> tuple[str, tuple[str, ...]]:
    """The reference stack (the first production environment) and every other environment's stack."""
    stacks = [(config.stack_name, config.production) for config in configs]
    reference = next((name for name, production in stacks if production), stacks[0][0])
    return reference, tuple(name for name, _ in stacks if name != reference)


if __name__ == "__main__":
    raise SystemExit(main())
