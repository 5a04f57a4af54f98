"""Port of HashiCorp's Python example: a resource group and a VNet without subnets, its id as output.

Source: hashicorp/terraform-cdk, examples/python/azure/main.py
(https://github.com/hashicorp/terraform-cdk/blob/main/examples/python/azure/main.py), ported to the
prebuilt bindings. Exercises: a VNet with no subnets (drawn, not pruned), ``depends_on``, an output.
"""

from __future__ import annotations

from tripgen_constructs._cdk import azurerm, cdk

from ._common import resource_group, stack

STACKS = ["corpus-hashicorp-azure"]


def build(app: cdk.App) -> None:
    scope = stack(app, STACKS[0])
    location = "West Europe"
    tags = {"ENV": "Dev", "PROJECT": "AZ_TF"}
    rg = resource_group(scope, "example-rg", location)
    vnet = azurerm.virtual_network.VirtualNetwork(
        scope,
        "example_vnet",
        depends_on=[rg],
        name="example_vnet",
        location=location,
        address_space=["10.12.0.0/27"],
        resource_group_name=rg.name,
        tags=tags,
    )
    cdk.TerraformOutput(scope, "vnet_id", value=vnet.id)
