"""A spoke written the way teams write one: variables for the address plan and zones, subnets and
NSG rules from ``for_each`` over variables, a ``count`` of jump hosts, an AKS cluster whose zones
come from a variable.

Written for this corpus (the pattern of HashiCorp's "for_each with TerraformIterator" docs,
https://developer.hashicorp.com/terraform/cdktf/concepts/iterators). Exercises: ``zones =
var.aks_zones`` and ``address_space = var.address_space`` shown symbolically (never characters),
``priority = each.value.priority`` (never a number), ``× for_each(...)`` and ``×2`` multiplicity.
"""

from __future__ import annotations

from tripgen_constructs._cdk import azurerm, cdk

from ._common import resource_group, stack

STACKS = ["corpus-variables-for-each"]


def build(app: cdk.App) -> None:
    scope = stack(app, STACKS[0])
    address_space = cdk.TerraformVariable(scope, "address_space", type="list(string)", default=["10.20.0.0/16"])
    zones = cdk.TerraformVariable(scope, "aks_zones", type="list(string)", default=["1", "2", "3"])
    subnets = cdk.TerraformVariable(
        scope, "subnets", type="map(string)", default={"app": "10.20.1.0/24", "data": "10.20.2.0/24"}
    )
    rules = cdk.TerraformVariable(
        scope,
        "nsg_rules",
        type="map(object({priority=number, port=string, source=string}))",
        default={"https": {"priority": 100, "port": "443", "source": "Internet"}},
    )
    location = cdk.TerraformVariable(scope, "location", type="string", default="westeurope")
    rg = resource_group(scope, "rg-spoke", location.string_value)
    vnet = azurerm.virtual_network.VirtualNetwork(
        scope,
        "spoke",
        name="vnet-spoke",
        location=rg.location,
        resource_group_name=rg.name,
        address_space=address_space.list_value,
    )
    each_subnet = cdk.TerraformIterator.from_map(cdk.Token.as_any_map(subnets.value))
    azurerm.subnet.Subnet(
        scope,
        "subnet",
        for_each=each_subnet,
        name=each_subnet.key,
        resource_group_name=rg.name,
        virtual_network_name=vnet.name,
        address_prefixes=[cdk.Token.as_string(each_subnet.value)],
    )
    nsg = azurerm.network_security_group.NetworkSecurityGroup(
        scope, "nsg", name="nsg-spoke", location=rg.location, resource_group_name=rg.name
    )
    each_rule = cdk.TerraformIterator.from_map(cdk.Token.as_any_map(rules.value))
    azurerm.network_security_rule.NetworkSecurityRule(
        scope,
        "rule",
        for_each=each_rule,
        name=each_rule.key,
        priority=cdk.Token.as_number(each_rule.get_number("priority")),
        direction="Inbound",
        access="Allow",
        protocol="Tcp",
        source_port_range="*",
        destination_port_range=each_rule.get_string("port"),
        source_address_prefix=each_rule.get_string("source"),
        destination_address_prefix="*",
        resource_group_name=rg.name,
        network_security_group_name=nsg.name,
    )
    azurerm.subnet_network_security_group_association.SubnetNetworkSecurityGroupAssociation(
        scope, "app-nsg", subnet_id='${azurerm_subnet.subnet["app"].id}', network_security_group_id=nsg.id
    )
    azurerm.kubernetes_cluster.KubernetesCluster(
        scope,
        "aks",
        name="aks-spoke",
        location=rg.location,
        resource_group_name=rg.name,
        dns_prefix="spoke",
        default_node_pool=azurerm.kubernetes_cluster.KubernetesClusterDefaultNodePool(
            name="system",
            vm_size="Standard_D4s_v5",
            node_count=3,
            zones=zones.list_value,
            vnet_subnet_id='${azurerm_subnet.subnet["app"].id}',
        ),
        identity=azurerm.kubernetes_cluster.KubernetesClusterIdentity(type="SystemAssigned"),
    )
    azurerm.network_interface.NetworkInterface(
        scope,
        "jump-nic",
        count=2,
        name="nic-jump-${count.index}",
        location=rg.location,
        resource_group_name=rg.name,
        ip_configuration=[
            azurerm.network_interface.NetworkInterfaceIpConfiguration(
                name="internal",
                subnet_id='${azurerm_subnet.subnet["data"].id}',
                private_ip_address_allocation="Dynamic",
            )
        ],
    )
