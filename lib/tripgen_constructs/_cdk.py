"""The one place that names the CDK runtime and the azurerm bindings.

Moving to CDK Terrain (``cdktn``) means changing the package names below, nothing else:
every construct reaches the bindings through ``azurerm.<module>`` and the core through ``cdk``.

The azurerm package's ``__init__`` imports all of its 1,530 submodules (343 MB of generated
Python): 7 of the 10 s a bare cdktf app spends loading the bindings, and 2 s more to tear them
down at exit (``bench/results.md``). ``load_package`` registers the package without running that
body, loads the jsii assembly (``_jsii``, which every submodule needs) and imports a submodule
only when it is first used, here or through the package's attributes.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from types import ModuleType
from typing import TYPE_CHECKING

# Cache the unpacked jsii assemblies between processes; must be set before jsii starts Node.
os.environ.setdefault("JSII_RUNTIME_PACKAGE_CACHE", "enabled")

import cdktf as cdk  # noqa: E402
from constructs import Construct, IConstruct  # noqa: E402

AZURERM_PACKAGE = "cdktf_cdktf_provider_azurerm"


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


class _LazyBindings:
    """``azurerm.virtual_network.VirtualNetwork``: the package and each submodule load on first use."""

    def __init__(self, package: str) -> None:
        self._package = package

    def __getattr__(self, name: str) -> ModuleType:
        module: ModuleType = getattr(load_package(self._package), name)
        setattr(self, name, module)
        return module


if TYPE_CHECKING:  # type checkers see the bindings' names, and so do the annotations
    import cdktf_cdktf_provider_azurerm as azurerm
else:
    azurerm = _LazyBindings(AZURERM_PACKAGE)

__all__ = ["AZURERM_PACKAGE", "Construct", "IConstruct", "azurerm", "cdk", "load_package"]
