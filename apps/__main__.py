"""The main job: synthesize every environment in one process (the Kubernetes manifests in a child
process meanwhile), then draw the diagrams and write the documents generated from the stacks
(``docs/environments.md``, the design documents with SLA and cost).

``python -m apps [--no-cache]`` (or ``cdktf synth``, which runs the same command from cdktf.json).

Every output is staged and swapped in together (``tripgen_constructs.outputs.Run``): an interrupted
or failed run leaves the previous outputs as they were, and outputs of environments no longer built
go (and are named). When nothing the outputs depend on changed (``cache_key``), the run restores the
stored outputs byte for byte instead of starting jsii (``tripgen_constructs.synth_cache``).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

import tripgen_constructs
from tripgen_constructs import outputs
from tripgen_constructs._runtime import choose, describe
from tripgen_constructs.config.errors import ConfigError
from tripgen_constructs.synth_cache import Cache, Key

from . import environments
from .manifests import USER_ERROR, add_output_arguments

if TYPE_CHECKING:
    from tripgen_constructs.config.environment import EnvironmentConfig

CACHE_DIR = Path(".cache/tripgen")
CACHE_MAX_MB = 512
"""Default bound of the cache; ``TRIPGEN_CACHE_MAX_MB`` overrides it (an entry is about 8 MB)."""
CACHE_OFF = ("0", "off", "false", "no")
PACKAGES = (
    "cdktf",
    "cdktn",
    "cdktf-cdktf-provider-azurerm",
    "constructs",
    "jsii",
    "cdk8s",
    "pydantic",
    "pydantic-core",
    "diagrams",
    "graphviz",
    "PyYAML",
)
"""Distributions whose code takes part in the outputs (a version not installed keys as absent)."""
ENV_PREFIXES = ("TF_VAR_", "CDKTF_", "JSII_", "NODE_OPTIONS", "TRIPGEN_")
"""Environment variables the run (or the jsii kernel, Node, cdktf) reads; the cache's own are not
inputs."""


class Interrupted(Exception):
    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _interrupt(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signum)


def _tool_version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=30)
    except OSError:
        return "absent"
    return (done.stdout + done.stderr).strip()


def cache_key(args: argparse.Namespace) -> Key:
    """Everything the outputs depend on. The environment configs are Python in ``apps/``: their
    validated values follow from the bytes of ``apps/`` and ``lib/`` and the package versions, so
    hashing those covers them without importing pydantic or jsii."""
    key = Key()
    key.tree("lib", Path(tripgen_constructs.__file__).parent)
    key.tree("apps", Path(__file__).parent)
    key.tree("terraform-outputs", args.terraform_outputs, "*.json")
    places = (args.outdir, args.diagrams, args.environments, args.docs, args.terraform_outputs)
    key.value("arguments", json.dumps([str(p) for p in places]))
    for dist in PACKAGES:
        try:
            key.value(f"package {dist}", importlib.metadata.version(dist))
        except importlib.metadata.PackageNotFoundError:
            key.value(f"package {dist}", "absent")
    key.value("python", f"{sys.implementation.name} {sys.version}")
    key.value("node", _tool_version([os.environ.get("JSII_NODE", "node"), "--version"]))
    key.value("graphviz", _tool_version(["dot", "-V"]))
    read = {
        k: v for k, v in sorted(os.environ.items()) if k.startswith(ENV_PREFIXES) and not k.startswith("TRIPGEN_CACHE")
    }
    key.value("environment variables", json.dumps(read))
    return key


def build(args: argparse.Namespace, run: outputs.Run) -> list[str]:
    """Every output of the main job, staged in ``run``; returns the lines to print.

    A new output is one call here: ``run.directory(path)`` (a tree replaced whole), ``run.file(path)``
    (one file, written with ``outputs.write_text``), and ``run.owns(dir, glob)`` for per-environment
    files, so those of an environment no longer built are removed. The cache stores what was staged.
    """
    from tripgen_constructs import build_app
    from tripgen_constructs.design import write_design_docs
    from tripgen_constructs.diagrams import draw_all
    from tripgen_constructs.diagrams.index import write_index
    from tripgen_constructs.review import write_environments

    configs = environments()
    outdir = run.directory(args.outdir)
    diagrams = run.directory(args.diagrams)
    environments_doc = run.file(args.environments)
    run.owns(args.docs, "architecture-*.md")
    # The Kubernetes manifests (issue 9) come from the config alone: a child process writes them
    # while this one spends seconds in Node loading the azurerm assembly (bench/results.md).
    manifests = subprocess.Popen(
        [
            sys.executable,
            *("-m", "apps.manifests", "--outdir", str(outdir), "--terraform-outputs", str(args.terraform_outputs)),
        ],
        preexec_fn=_die_with_parent,
    )
    try:
        build_app(configs, outdir).synth()
        returncode = manifests.wait()
    finally:
        if manifests.poll() is None:
            manifests.kill()
            manifests.wait()
    if returncode == USER_ERROR:
        raise UserError()  # the child said what, one line
    if returncode != 0:
        raise RuntimeError(f"python -m apps.manifests failed ({returncode})")
    drawn = draw_all(outdir, diagrams)  # issue 7; services placed from the manifests
    write_index(drawn.views, diagrams)
    log = [f"diagrams: warning: {warning}" for warning in drawn.warnings]
    write_environments(outdir, environments_doc, *environment_stacks(configs))  # issue 16: D-1 as a table
    # Issue 17: the design document per environment; a missed availability target warns only.
    targets = {env.name: env.availability_target for env in configs}
    translations = {env.name: ("ko",) for env in configs if env.production}  # T-5: Korean operators
    with tempfile.TemporaryDirectory() as scratch:
        design = write_design_docs(outdir, Path(scratch), args.diagrams, targets, translations, published=args.docs)
        for file in design.files:
            shutil.move(file, run.file(args.docs / file.name))
    return log + [f"design: warning: {warning}" for warning in design.warnings]


def environment_stacks(configs: tuple[EnvironmentConfig, ...]) -> tuple[str, tuple[str, ...]]:
    """The reference stack (the first production environment) and every other environment's stack."""
    stacks = [(config.stack_name, config.production) for config in configs]
    reference = next((name for name, production in stacks if production), stacks[0][0])
    return reference, tuple(name for name, _ in stacks if name != reference)


class UserError(Exception):
    """A mistake already reported to the user (one line each)."""


def _die_with_parent() -> None:
    """In the child: SIGKILL when the main job dies, however it dies (Linux ``PR_SET_PDEATHSIG``)."""
    import ctypes

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def job(args: argparse.Namespace) -> int:
    cache = None
    if not args.no_cache and os.environ.get("TRIPGEN_CACHE", "on").lower() not in CACHE_OFF:
        max_mb = int(os.environ.get("TRIPGEN_CACHE_MAX_MB", CACHE_MAX_MB))
        cache = Cache(Path(os.environ.get("TRIPGEN_CACHE_DIR", CACHE_DIR)), max_mb * 2**20)
    journal = args.outdir.parent / f".{args.outdir.name}.tripgen-run.json"
    with outputs.Run(journal) as run:
        args.run = run  # main() tells an interrupt before the commit from one after it
        key = cache_key(args) if cache else None
        log, why = cache.restore(key, run) if cache and key else ([], "off")
        if why:
            if why not in ("miss", "off"):
                print(f"cache: {why}")
            log = build(args, run)
            if cache and key:
                cache.store(key, run, log)
        else:
            print(f"cache: restored the outputs of an identical run ({key.digest[:12] if key else ''})")
        removed = run.commit()
    for line in log:
        print(line)
    for path in removed:
        print(f"removed {path}: not an output of this run (an environment no longer built)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m apps", description=__doc__)
    add_output_arguments(parser)
    parser.add_argument("--diagrams", type=Path, default=Path("docs/diagrams"))
    parser.add_argument("--environments", type=Path, default=Path("docs/environments.md"))
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="where architecture-<env>.md go")
    parser.add_argument(
        "--no-cache", action="store_true", help="build even when a stored run matches (also TRIPGEN_CACHE=off)"
    )
    args = parser.parse_args(argv)
    print(describe(choose()), flush=True)  # first line: which runtime builds the outputs (docs/cdktn.md)
    args.run = None
    previous = {handled: signal.signal(handled, _interrupt) for handled in (signal.SIGINT, signal.SIGTERM)}
    try:
        return job(args)
    except (Interrupted, KeyboardInterrupt, BrokenPipeError) as error:
        # BrokenPipeError: Node got the terminal's SIGINT first and the jsii pipe broke.
        signum = error.signum if isinstance(error, Interrupted) else int(signal.SIGINT)
        committed = args.run is not None and args.run.committed
        kept = "the new outputs are in place" if committed else "the previous outputs are unchanged"
        print(f"interrupted ({signal.Signals(signum).name}): {kept}", file=sys.stderr)
        sys.stderr.flush()
        os._exit(128 + signum)  # no atexit: the jsii kernel's shutdown would write to the dead Node
    except ConfigError as error:  # every problem of every environment, in the one refusal form
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        return USER_ERROR
    except outputs.OutputError as error:
        print(f"error: {error}", file=sys.stderr)
        return USER_ERROR
    except UserError:
        return USER_ERROR
    finally:  # main() called in-process (tests) leaves the caller's handlers as they were
        for handled, handler in previous.items():
            signal.signal(handled, signal.SIG_DFL if handler is None else handler)


if __name__ == "__main__":
    code = main()
    # Every output is committed (or the run said why not) and the children are waited for: skip the
    # interpreter's teardown of the loaded binding modules and jsii's kernel shutdown at exit (Node
    # ends when its pipe closes). bench/results.md, "Cold main job".
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
