"""The one place that names the CDK runtime and the azurerm bindings.

Moving to CDK Terrain (``cdktn``) means changing the package names below, nothing else:
every construct reaches the bindings through ``azurerm.<module>`` and the core through ``cdk``.
The azurerm submodules load lazily, so importing this module costs nothing until a construct
touches a resource class (that first touch loads the 29 MB jsii assembly, once per process).
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

# Cache the unpacked jsii assemblies between processes; must be set before jsii starts Node.
os.environ.setdefault("JSII_RUNTIME_PACKAGE_CACHE", "enabled")

import cdktf as cdk  # noqa: E402
from constructs import Construct, IConstruct  # noqa: E402

AZURERM_PACKAGE = "cdktf_cdktf_provider_azurerm"


class _LazyBindings:
    """``azurerm.virtual_network.VirtualNetwork``: submodules imported on first attribute access."""

    def __init__(self, package: str) -> None:
        self._package = package

    def __getattr__(self, name: str) -> ModuleType:
        module = importlib.import_module(f"{self._package}.{name}")
        setattr(self, name, module)
        return module


azurerm = _LazyBindings(AZURERM_PACKAGE)

__all__ = ["AZURERM_PACKAGE", "Construct", "IConstruct", "azurerm", "cdk"]
