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
only when it is first used, here or through the package's attributes. In Node, likewise,
``_lazy_exports.js`` has the package's ``index.js`` require a submodule when jsii first uses it.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from ._runtime import ENV_VAR, RUNTIMES, RuntimeUnavailable, add_node_option, choose, describe, node_preload

# Both must be set before jsii starts Node: cache the unpacked jsii assemblies between processes,
# and have Node load a provider's submodules when first used, not all ~1,500 at once.
os.environ.setdefault("JSII_RUNTIME_PACKAGE_CACHE", "enabled")
LAZY_EXPORTS = Path(__file__).with_name("_lazy_exports.js")
add_node_option(node_preload(LAZY_EXPORTS))

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
