"""The one place that names the CDK runtime and the azurerm bindings.

Two runtimes run the same constructs (``docs/cdktn.md``):

- ``cdktf`` 0.21.0 with ``cdktf-cdktf-provider-azurerm`` 14.23.1 (azurerm provider 4.55), the default;
- ``cdktn`` 0.24.0 (CDK Terrain, the community fork) with ``cdktn-provider-azurerm`` 18.9.0
  (azurerm provider 5.10).

``TRIPGEN_CDK=cdktf|cdktn`` chooses one. Unset, the runtime an app already imported wins, then the
only one installed, then ``cdktf``. A runtime that is not installed, or its core without its own
bindings, stops the process with one line naming what to install (``RuntimeUnavailable``).
Every construct reaches the bindings through ``azurerm.<module>`` and the core through ``cdk``;
where the two bindings differ, ``_bindings.py`` adapts them, nowhere else.

The azurerm package's ``__init__`` imports all of its 1,510-1,530 submodules (343 MB of generated
Python): 7 of the 10 s a bare app spends loading the bindings, and 2 s more to tear them
down at exit (``bench/results.md``). ``load_package`` registers the package without running that
body, loads the jsii assembly (``_jsii``, which every submodule needs) and imports a submodule
only when it is first used, here or through the package's attributes.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

# Cache the unpacked jsii assemblies between processes; must be set before jsii starts Node.
os.environ.setdefault("JSII_RUNTIME_PACKAGE_CACHE", "enabled")

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


CHOICE = choose()
RUNTIME = CHOICE.runtime
AZURERM_PACKAGE = RUNTIME.bindings


def load_package(name: str) -> ModuleType:
    """``name`` as a lazy package: its jsii assembly loaded, its submodules imported on access.

    A package someone already imported the usual way is returned as it is.
    """
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.submodule_search_locations is None:
        raise ModuleNotFoundError(f"{name!r} is not installed (pip install -e .)", name=name)
    package = importlib.util.module_from_spec(spec)

    def submodule(attribute: str) -> ModuleType:  # PEP 562: `package.subnet` imports it
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        try:
            return importlib.import_module(f"{name}.{attribute}")
        except ModuleNotFoundError as error:
            raise AttributeError(f"module {name!r} has no attribute {attribute!r}") from error

    package.__getattr__ = submodule  # type: ignore[method-assign]
    sys.modules[name] = package
    try:
        importlib.import_module(f"{name}._jsii")
    except BaseException:
        del sys.modules[name]
        raise
    return package


if TYPE_CHECKING:  # type checkers see the cdktf names, and so do the annotations
    import cdktf as cdk
    import cdktf_cdktf_provider_azurerm as azurerm
    from constructs import Construct, IConstruct
else:
    from constructs import Construct, IConstruct

    from ._bindings import LazyBindings

    cdk = importlib.import_module(RUNTIME.core)
    azurerm = LazyBindings(AZURERM_PACKAGE, load_package, RUNTIME.name)

__all__ = [
    "AZURERM_PACKAGE",
    "CHOICE",
    "ENV_VAR",
    "RUNTIME",
    "RUNTIMES",
    "Construct",
    "IConstruct",
    "RuntimeUnavailable",
    "azurerm",
    "cdk",
    "choose",
    "describe",
    "load_package",
]
