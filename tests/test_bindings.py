"""The azurerm bindings load lazily: the assembly once, a submodule when first used."""

from __future__ import annotations

import pytest
from tripgen_constructs._cdk import AZURERM_PACKAGE, azurerm, load_package


def test_building_the_stacks_imports_only_the_submodules_they_use(our_bindings):
    loaded = {name.split(".")[1] for name in our_bindings if name.startswith(AZURERM_PACKAGE + ".")}
    assert "_jsii" in loaded and "kubernetes_cluster" in loaded
    assert "windows_virtual_machine" not in loaded  # the package has 1,530; the stacks use < 100
    assert len(loaded) < 100


def test_the_lazy_package_imports_a_submodule_on_attribute_access():
    package = load_package(AZURERM_PACKAGE)
    assert load_package(AZURERM_PACKAGE) is package
    assert package.web_pubsub_hub.WebPubsubHub.__name__ == "WebPubsubHub"
    assert azurerm.subnet is package.subnet


def test_an_unknown_submodule_is_an_attribute_error():
    with pytest.raises(
        AttributeError, match=r"module 'cdktf_cdktf_provider_azurerm' has no attribute 'no_such_resource'"
    ):
        _ = load_package(AZURERM_PACKAGE).no_such_resource


def test_a_package_that_is_not_installed_is_named():
    with pytest.raises(ModuleNotFoundError, match=r"'no_such_bindings' is not installed"):
        load_package("no_such_bindings")
