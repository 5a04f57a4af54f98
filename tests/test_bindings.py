"""The azurerm bindings load lazily: the assembly once, a submodule when first used; where the
runtime's bindings differ from the 4.55 ones, only the listed classes are adapted (_bindings.py)."""

from __future__ import annotations

import re
from types import ModuleType

import pytest
from tripgen_constructs._bindings import ADAPTERS, LazyBindings
from tripgen_constructs._cdk import AZURERM_PACKAGE, RUNTIME, azurerm, load_package


def test_building_the_stacks_imports_only_the_submodules_they_use(our_bindings):
    loaded = {name.split(".")[1] for name in our_bindings if name.startswith(AZURERM_PACKAGE + ".")}
    assert "_jsii" in loaded and "kubernetes_cluster" in loaded
    assert "windows_virtual_machine" not in loaded  # the package has 1,510-1,530; the stacks use < 100
    assert len(loaded) < 100


def test_the_lazy_package_imports_a_submodule_on_attribute_access():
    package = load_package(AZURERM_PACKAGE)
    assert load_package(AZURERM_PACKAGE) is package
    assert package.web_pubsub_hub.WebPubsubHub.__name__ == "WebPubsubHub"
    assert azurerm.virtual_network is package.virtual_network  # no adapter: the runtime's own module


def test_an_adapted_class_is_the_runtimes_class_taking_the_4_55_arguments():
    package = load_package(AZURERM_PACKAGE)
    for module, cls in ADAPTERS[RUNTIME.name]:
        adapted, original = getattr(getattr(azurerm, module), cls), getattr(getattr(package, module), cls)
        assert adapted is not original and issubclass(adapted, original) and adapted.__name__ == cls


def test_a_dunder_probe_of_the_lazy_bindings_loads_nothing():
    """pytest's collector asks every module global for ``__bases__`` and the like: importing
    ``azurerm`` into a test module must not load the 343 MB package at collection."""
    package = ModuleType("some_package")
    package.virtual_network = ModuleType("some_package.virtual_network")  # type: ignore[attr-defined]
    loads: list[str] = []
    bindings = LazyBindings("some_package", lambda name: loads.append(name) or package, RUNTIME.name)
    for name in ("__bases__", "__test__", "__wrapped__"):
        with pytest.raises(AttributeError, match=name):
            getattr(bindings, name)
    assert loads == []
    assert bindings.virtual_network is package.virtual_network  # type: ignore[attr-defined]
    assert loads == ["some_package"]


def test_an_unknown_submodule_is_an_attribute_error():
    with pytest.raises(AttributeError, match=rf"module '{AZURERM_PACKAGE}' has no attribute 'no_such_resource'"):
        _ = load_package(AZURERM_PACKAGE).no_such_resource


def test_a_package_that_is_not_installed_is_named():
    with pytest.raises(ModuleNotFoundError, match=re.escape("'no_such_bindings' is not installed")):
        load_package("no_such_bindings")
