"""What every corpus stack starts with: the azurerm provider and a resource group."""

from __future__ import annotations

from tripgen_constructs._cdk import Construct, azurerm, cdk


def stack(app: cdk.App, name: str) -> cdk.TerraformStack:
    scope = cdk.TerraformStack(app, name)
    azurerm.provider.AzurermProvider(scope, "azurerm", features=[azurerm.provider.AzurermProviderFeatures()])
    return scope


def resource_group(scope: Construct, name: str, location: str) -> azurerm.resource_group.ResourceGroup:
    return azurerm.resource_group.ResourceGroup(scope, "rg", name=name, location=location)
