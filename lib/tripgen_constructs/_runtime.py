"""Which CDK runtime runs the constructs: the table of the two, the choice and its one-line
description. Standard library only, so the main job can say which runtime it uses (its first line)
and a cache can key on it without starting jsii; ``_cdk`` imports the chosen one.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "TRIPGEN_CDK"
DEFAULT = "cdktf"


@dataclass(frozen=True)
class Runtime:
    """One CDK runtime: its core module, its azurerm bindings and the pins that install them."""

    name: str
    core: str  # import name of the CDK core
    bindings: str  # import name of the prebuilt azurerm bindings
    core_dist: str  # pip distribution names, pinned in pyproject.toml
    bindings_dist: str
    core_pin: str
    bindings_pin: str
    provider: str  # the azurerm provider version the bindings were generated from
    install: str  # what to run to get it

    def pins(self) -> str:
        return f"{self.core_dist}=={self.core_pin} {self.bindings_dist}=={self.bindings_pin}"


RUNTIMES: Mapping[str, Runtime] = {
    "cdktf": Runtime(
        name="cdktf",
        core="cdktf",
        bindings="cdktf_cdktf_provider_azurerm",
        core_dist="cdktf",
        bindings_dist="cdktf-cdktf-provider-azurerm",
        core_pin="0.21.0",
        bindings_pin="14.23.1",
        provider="4.55.0",
        install="pip install -e . (the default dependencies)",
    ),
    "cdktn": Runtime(
        name="cdktn",
        core="cdktn",
        bindings="cdktn_provider_azurerm",
        core_dist="cdktn",
        bindings_dist="cdktn-provider-azurerm",
        core_pin="0.24.0",
        bindings_pin="18.9.0",
        provider="5.10.0",
        install="./scripts/bootstrap --cdktn (a .venv-cdktn of its own, docs/cdktn.md)",
    ),
}


class RuntimeUnavailable(SystemExit):
    """The chosen runtime cannot run here. A ``SystemExit``: uncaught, Python prints the one-line
    message and exits 1, no traceback, whether the main job or a user's app imported us."""

    def __init__(self, message: str) -> None:
        super().__init__(f"tripgen-constructs: {message}")
        self.message = message


@dataclass(frozen=True)
class Choice:
    runtime: Runtime
    reason: str


def _installed(module: str) -> bool:
    return module in sys.modules or importlib.util.find_spec(module) is not None


def choose(
    environ: Mapping[str, str] = os.environ,
    installed: Callable[[str], bool] = _installed,
    imported: Callable[[str], bool] = sys.modules.__contains__,
) -> Choice:
    """The runtime to use and why; ``RuntimeUnavailable`` when it cannot run here."""
    requested = environ.get(ENV_VAR, "").strip()
    if requested:
        if requested not in RUNTIMES:
            raise RuntimeUnavailable(f"{ENV_VAR} must be one of {sorted(RUNTIMES)}, got {requested!r}")
        choice = Choice(RUNTIMES[requested], f"{ENV_VAR}={requested}")
    else:
        complete = [r for r in RUNTIMES.values() if installed(r.core) and installed(r.bindings)]
        already = [r for r in complete if imported(r.core)]
        if len(already) == 1:
            choice = Choice(already[0], f"{already[0].core} already imported")
        elif len(complete) == 1:
            choice = Choice(complete[0], "the only runtime installed")
        elif not complete and len(cores := [r for r in RUNTIMES.values() if installed(r.core)]) == 1:
            choice = Choice(cores[0], "the only runtime core installed")
        else:
            choice = Choice(RUNTIMES[DEFAULT], "default")
    runtime = choice.runtime
    others = [r for r in RUNTIMES.values() if r is not runtime]
    if not installed(runtime.core):
        raise RuntimeUnavailable(f"the {runtime.name} runtime ({choice.reason}) is not installed: {runtime.install}")
    if not installed(runtime.bindings):
        foreign = [r.bindings_dist for r in others if installed(r.bindings)]
        mixed = f"; {', '.join(foreign)} is for another runtime" if foreign else ""
        raise RuntimeUnavailable(
            f"the {runtime.name} runtime ({choice.reason}) needs {runtime.bindings_dist}=={runtime.bindings_pin}, "
            f"not installed{mixed}: pip install {runtime.bindings_dist}=={runtime.bindings_pin}"
        )
    for other in others:  # one jsii kernel cannot mix the two runtimes' objects
        for module in (other.core, other.bindings):
            if imported(module):
                raise RuntimeUnavailable(
                    f"the runtime is {runtime.name} ({choice.reason}) but {module} is already imported: "
                    f"import {runtime.core} / {runtime.bindings} instead, or set {ENV_VAR}={other.name}"
                )
    return choice


def describe(choice: Choice) -> str:
    """One line: the runtime, its installed versions and why it was chosen."""
    r = choice.runtime

    def version(dist: str) -> str:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return "?"

    return (
        f"CDK runtime: {r.name} {version(r.core_dist)}, {r.bindings_dist} {version(r.bindings_dist)} "
        f"(azurerm provider {r.provider}); chosen: {choice.reason}"
    )


def node_preload(script: Path) -> str:
    """The ``NODE_OPTIONS`` words that have Node preload ``script``: quoted, with the backslashes and
    double quotes Node unescapes inside quotes escaped."""
    quoted = str(script).replace("\\", "\\\\").replace('"', '\\"')
    return f'--require "{quoted}"'


def add_node_option(option: str) -> None:
    """Append ``option`` to ``NODE_OPTIONS`` unless it is there (a child process inherits the
    variable, and the user's own options stay); before jsii starts Node, or Node never sees it."""
    current = os.environ.get("NODE_OPTIONS", "")
    if option not in current:
        os.environ["NODE_OPTIONS"] = f"{current} {option}".strip()


__all__ = [
    "DEFAULT",
    "ENV_VAR",
    "RUNTIMES",
    "Choice",
    "Runtime",
    "RuntimeUnavailable",
    "add_node_option",
    "choose",
    "describe",
    "node_preload",
]
