"""A networking lab: site-to-site VPN to an on-premises network, NAT for outbound, a route table,
and a VM behind a NIC-level NSG with separate rules.

Sources: ipv6tech/cloud-networking-101, lab/azure/5-vng.tf (the gateway and its ip_configuration,
https://github.com/ipv6tech/cloud-networking-101/blob/main/lab/azure/5-vng.tf) and
fabian-born/vpn-multicloud-connect, terraform/azure.tf (local network gateway and connection,
https://github.com/fabian-born/vpn-multicloud-connect/blob/master/terraform/azure.tf), ported to
cdktf Python; NAT, route table and VM added the way such labs continue.
Exercises: VPN gateway in GatewaySubnet, connection edge to an on-premises node, NAT gateway on its
subnet, route table on its subnet, VM placed through its NIC, NIC NSG with separate rules (a CIDR
source and a ``*`` source).
"""

from __future__ import annotations

from tripgen_constructs._cdk import azurerm, cdk

from ._common import resource_group, stack

STACKS = ["corpus-vpn-nat-lab"]


def build(app: cdk.App) -> None:
    scope = stack(app, STACKS[0])
    rg = resource_group(scope, "i2lab-rg", "eastus")
    common = {"location": rg.location, "resource_group_name": rg.name}
    vnet = azurerm.virtual_network.VirtualNetwork(
        scope, "vnet", name="i2lab-vnet", address_space=["10.10.0.0/16"], **common
    )
    gw_subnet = azurerm.subnet.Subnet(
        scope,
        "gw-subnet",
        name="GatewaySubnet",
        resource_group_name=rg.name,
        virtual_network_name=vnet.name,
        address_prefixes=["10.10.255.0/27"],
    )
    vm_subnet = azurerm.subnet.Subnet(
        scope,
        "vm-subnet",
        name="vm-subnet",
        resource_group_name=rg.name,
        virtual_network_name=vnet.name,
        address_prefixes=["10.10.1.0/24"],
    )
    vng_ip = azurerm.public_ip.PublicIp(
        scope, "vng_public_ip", name="i2lab-vng-pip", allocation_method="Static", sku="Standard", **common
    )
    vng = azurerm.virtual_network_gateway.VirtualNetworkGateway(
        scope,
        "i2lab-vng",
        name="i2lab-vng",
        type="Vpn",
        vpn_type="RouteBased",
        sku="VpnGw2",
        ip_configuration=[
            azurerm.virtual_network_gateway.VirtualNetworkGatewayIpConfiguration(
                name="i2lab-vng-ipconfig",
                public_ip_address_id=vng_ip.id,
                private_ip_address_allocation="Dynamic",
                subnet_id=gw_subnet.id,
            )
        ],
        **common,
    )
    onprem = azurerm.local_network_gateway.LocalNetworkGateway(
        scope, "onpremise", name="onpremise", gateway_address="168.62.225.23", address_space=["10.1.1.0/24"], **common
    )
    azurerm.virtual_network_gateway_connection.VirtualNetworkGatewayConnection(
        scope,
        "s2s",
        name="i2lab-to-onpremise",
        type="IPsec",
        virtual_network_gateway_id=vng.id,
        local_network_gateway_id=onprem.id,
        shared_key="${var.shared_key}",
        **common,
    )
    cdk.TerraformVariable(scope, "shared_key", type="string", sensitive=True)

    nat_ip = azurerm.public_ip.PublicIp(
        scope, "nat_public_ip", name="i2lab-nat-pip", allocation_method="Static", sku="Standard", **common
    )
    nat = azurerm.nat_gateway.NatGateway(scope, "nat", name="i2lab-nat", sku_name="Standard", **common)
    azurerm.nat_gateway_public_ip_association.NatGatewayPublicIpAssociation(
        scope, "nat-ip", nat_gateway_id=nat.id, public_ip_address_id=nat_ip.id
    )
    azurerm.subnet_nat_gateway_association.SubnetNatGatewayAssociation(
        scope, "vm-subnet-nat", subnet_id=vm_subnet.id, nat_gateway_id=nat.id
    )
    routes = azurerm.route_table.RouteTable(scope, "rt", name="i2lab-rt", **common)
    azurerm.route.Route(
        scope,
        "to-onprem",
        name="to-onprem",
        resource_group_name=rg.name,
        route_table_name=routes.name,
        address_prefix="10.1.1.0/24",
        next_hop_type="VirtualNetworkGateway",
    )
    azurerm.subnet_route_table_association.SubnetRouteTableAssociation(
        scope, "vm-subnet-rt", subnet_id=vm_subnet.id, route_table_id=routes.id
    )

    nic = azurerm.network_interface.NetworkInterface(
        scope,
        "vm-nic",
        name="i2lab-vm-nic",
        ip_configuration=[
            azurerm.network_interface.NetworkInterfaceIpConfiguration(
                name="internal", subnet_id=vm_subnet.id, private_ip_address_allocation="Dynamic"
            )
        ],
        **common,
    )
    nsg = azurerm.network_security_group.NetworkSecurityGroup(scope, "vm-nsg", name="i2lab-vm-nsg", **common)
    for name, priority, source, port in (("ssh-onprem", 100, "10.10.10.0/24", "22"), ("icmp-any", 110, "*", "*")):
        azurerm.network_security_rule.NetworkSecurityRule(
            scope,
            name,
            name=name,
            priority=priority,
            direction="Inbound",
            access="Allow",
            protocol="Tcp" if port != "*" else "Icmp",
            source_port_range="*",
            destination_port_range=port,
            source_address_prefix=source,
            destination_address_prefix="*",
            resource_group_name=rg.name,
            network_security_group_name=nsg.name,
        )
    azurerm.network_interface_security_group_association.NetworkInterfaceSecurityGroupAssociation(
        scope, "vm-nic-nsg", network_interface_id=nic.id, network_security_group_id=nsg.id
    )
    azurerm.linux_virtual_machine.LinuxVirtualMachine(
        scope,
        "vm",
        name="i2lab-vm",
        size="Standard_B2s",
        admin_username="azureuser",
        network_interface_ids=[nic.id],
        admin_ssh_key=[
            azurerm.linux_virtual_machine.LinuxVirtualMachineAdminSshKey(
                username="azureuser", public_key="${var.ssh_public_key}"
            )
        ],
        os_disk=azurerm.linux_virtual_machine.LinuxVirtualMachineOsDisk(
            caching="ReadWrite", storage_account_type="Standard_LRS"
        ),
        source_image_reference=azurerm.linux_virtual_machine.LinuxVirtualMachineSourceImageReference(
            publisher="Canonical", offer="ubuntu-24_04-lts", sku="server", version="latest"
        ),
        **common,
    )
    cdk.TerraformVariable(scope, "ssh_public_key", type="string")
