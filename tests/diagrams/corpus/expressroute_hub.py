"""A hub with an ExpressRoute circuit and gateway, Azure Firewall and Bastion, and a spoke peered to
it with its default route through the firewall: the hub-spoke reference architecture
(https://learn.microsoft.com/azure/architecture/networking/architecture/hub-spoke) as a cdktf
Python app, written for this corpus. Exercises: an ExpressRoute connection to an on-premises node,
the gateway in GatewaySubnet, firewall and bastion in their subnets, route table on the spoke
subnet, peering both ways, a NAT gateway, private DNS zone.
"""

from __future__ import annotations

from tripgen_constructs._cdk import azurerm, cdk

from ._common import resource_group, stack

STACKS = ["corpus-expressroute-hub"]


def _subnet(scope, cid: str, vnet, rg, name: str, prefix: str):
    return azurerm.subnet.Subnet(
        scope, cid, name=name, resource_group_name=rg.name, virtual_network_name=vnet.name, address_prefixes=[prefix]
    )


def _public_ip(scope, cid: str, common: dict):
    return azurerm.public_ip.PublicIp(
        scope, cid, name=f"pip-{cid}", allocation_method="Static", sku="Standard", zones=["1", "2", "3"], **common
    )


def build(app: cdk.App) -> None:
    scope = stack(app, STACKS[0])
    rg = resource_group(scope, "rg-hub", "germanywestcentral")
    common = {"location": rg.location, "resource_group_name": rg.name}
    hub = azurerm.virtual_network.VirtualNetwork(scope, "hub", name="vnet-hub", address_space=["10.0.0.0/22"], **common)
    spoke = azurerm.virtual_network.VirtualNetwork(
        scope, "spoke", name="vnet-spoke", address_space=["10.1.0.0/22"], **common
    )
    gateway_subnet = _subnet(scope, "gateway-subnet", hub, rg, "GatewaySubnet", "10.0.0.0/27")
    firewall_subnet = _subnet(scope, "firewall-subnet", hub, rg, "AzureFirewallSubnet", "10.0.0.64/26")
    bastion_subnet = _subnet(scope, "bastion-subnet", hub, rg, "AzureBastionSubnet", "10.0.0.128/26")
    workload = _subnet(scope, "workload-subnet", spoke, rg, "snet-workload", "10.1.1.0/24")
    for cid, local, remote in (("hub-to-spoke", hub, spoke), ("spoke-to-hub", spoke, hub)):
        azurerm.virtual_network_peering.VirtualNetworkPeering(
            scope,
            cid,
            name=cid,
            resource_group_name=rg.name,
            virtual_network_name=local.name,
            remote_virtual_network_id=remote.id,
            allow_forwarded_traffic=True,
        )
    circuit = azurerm.express_route_circuit.ExpressRouteCircuit(
        scope,
        "circuit",
        name="erc-hub",
        service_provider_name="Equinix",
        peering_location="Frankfurt",
        bandwidth_in_mbps=1000,
        sku=azurerm.express_route_circuit.ExpressRouteCircuitSku(tier="Standard", family="MeteredData"),
        **common,
    )
    azurerm.express_route_circuit_peering.ExpressRouteCircuitPeering(
        scope,
        "private-peering",
        peering_type="AzurePrivatePeering",
        express_route_circuit_name=circuit.name,
        resource_group_name=rg.name,
        peer_asn=65010,
        primary_peer_address_prefix="192.168.10.0/30",
        secondary_peer_address_prefix="192.168.10.4/30",
        vlan_id=100,
    )
    gateway_ip = _public_ip(scope, "ergw", common)
    gateway = azurerm.virtual_network_gateway.VirtualNetworkGateway(
        scope,
        "ergw-gateway",
        name="ergw-hub",
        type="ExpressRoute",
        sku="ErGw1AZ",
        ip_configuration=[
            azurerm.virtual_network_gateway.VirtualNetworkGatewayIpConfiguration(
                public_ip_address_id=gateway_ip.id, subnet_id=gateway_subnet.id
            )
        ],
        **common,
    )
    azurerm.virtual_network_gateway_connection.VirtualNetworkGatewayConnection(
        scope,
        "er-connection",
        name="con-erc-hub",
        type="ExpressRoute",
        virtual_network_gateway_id=gateway.id,
        express_route_circuit_id=circuit.id,
        **common,
    )
    azurerm.firewall.Firewall(
        scope,
        "firewall",
        name="afw-hub",
        sku_name="AZFW_VNet",
        sku_tier="Premium",
        zones=["1", "2", "3"],
        ip_configuration=[
            azurerm.firewall.FirewallIpConfiguration(
                name="ip", subnet_id=firewall_subnet.id, public_ip_address_id=_public_ip(scope, "afw", common).id
            )
        ],
        **common,
    )
    azurerm.bastion_host.BastionHost(
        scope,
        "bastion",
        name="bas-hub",
        sku="Standard",
        ip_configuration=azurerm.bastion_host.BastionHostIpConfiguration(
            name="ip", subnet_id=bastion_subnet.id, public_ip_address_id=_public_ip(scope, "bas", common).id
        ),
        **common,
    )
    routes = azurerm.route_table.RouteTable(
        scope,
        "spoke-routes",
        name="rt-spoke",
        route=[
            azurerm.route_table.RouteTableRoute(
                name="default",
                address_prefix="0.0.0.0/0",
                next_hop_type="VirtualAppliance",
                next_hop_in_ip_address="${azurerm_firewall.firewall.ip_configuration[0].private_ip_address}",
            )
        ],
        **common,
    )
    azurerm.subnet_route_table_association.SubnetRouteTableAssociation(
        scope, "workload-routes", subnet_id=workload.id, route_table_id=routes.id
    )
    zone = azurerm.private_dns_zone.PrivateDnsZone(
        scope, "blob-zone", name="privatelink.blob.core.windows.net", resource_group_name=rg.name
    )
    for cid, vnet in (("hub-link", hub), ("spoke-link", spoke)):
        azurerm.private_dns_zone_virtual_network_link.PrivateDnsZoneVirtualNetworkLink(
            scope,
            cid,
            name=cid,
            resource_group_name=rg.name,
            private_dns_zone_name=zone.name,
            virtual_network_id=vnet.id,
        )
