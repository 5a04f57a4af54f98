"""A VNet whose subnets are inline ``subnet`` blocks (one with an NSG), a second VNet with no
subnets, and an escape-hatch override, as teams write when the bindings lag the provider.

Written for this corpus, after the azurerm provider's ``virtual_network`` example with inline
subnets (https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network).
Exercises: inline subnets drawn as subnets, the NSG named by an inline ``security_group`` with its
inline rules as flows (an inbound ``*`` source), an empty VNet drawn, ``add_override``.
"""

from __future__ import annotations

from tripgen_constructs._cdk import azurerm, cdk

from ._common import resource_group, stack

STACKS = ["corpus-inline-subnets"]


def build(app: cdk.App) -> None:
    scope = stack(app, STACKS[0])
    rg = resource_group(scope, "rg-inline", "uksouth")
    common = {"location": rg.location, "resource_group_name": rg.name}
    rule = azurerm.network_security_group.NetworkSecurityGroupSecurityRule
    nsg = azurerm.network_security_group.NetworkSecurityGroup(
        scope,
        "web-nsg",
        name="nsg-web",
        security_rule=[
            rule(
                name="http-any",
                priority=100,
                direction="Inbound",
                access="Allow",
                protocol="Tcp",
                source_port_range="*",
                destination_port_range="80",
                source_address_prefix="*",
                destination_address_prefix="*",
            ),
            rule(
                name="db-out",
                priority=200,
                direction="Outbound",
                access="Allow",
                protocol="Tcp",
                source_port_range="*",
                destination_port_range="5432",
                source_address_prefix="*",
                destination_address_prefix="10.40.2.0/24",
            ),
        ],
        **common,
    )
    subnet = azurerm.virtual_network.VirtualNetworkSubnet
    vnet = azurerm.virtual_network.VirtualNetwork(
        scope,
        "app-vnet",
        name="vnet-app",
        address_space=["10.40.0.0/16"],
        subnet=[
            subnet(name="snet-web", address_prefixes=["10.40.1.0/24"], security_group=nsg.id),
            subnet(name="snet-db", address_prefixes=["10.40.2.0/24"]),
        ],
        **common,
    )
    vnet.add_override("dns_servers", ["10.40.0.4"])
    azurerm.virtual_network.VirtualNetwork(
        scope, "reserved-vnet", name="vnet-reserved", address_space=["10.41.0.0/16"], **common
    )
