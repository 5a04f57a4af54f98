"""A landing zone in two regions, written in loops the way platform teams stamp out spokes: per region
a hub VNet and spoke VNets peered to it, the two hubs peered globally; each spoke an application
subnet (NSG allowing the hub in) with two VMs and a data subnet with a Key Vault and a storage
account behind private endpoints. Written for this corpus, the shape of the hub-and-spoke reference
architecture (https://learn.microsoft.com/azure/architecture/networking/architecture/hub-spoke),
stamped per region. Exercises: a view over ``split.SPLIT_OVER`` boxes split per region and, for the
region still too large, per VNet; the global peering and the vaults' DNS zone across parts.
"""

from __future__ import annotations

from tripgen_constructs._cdk import Construct, azurerm, cdk

from ._common import stack

STACKS = ["corpus-regional-landing-zones"]
SPOKES = {"westeurope": 20, "northeurope": 4}
"""Spokes per region: West Europe's network view alone is over the split limit, North Europe's is not."""


def build(app: cdk.App) -> None:
    scope = stack(app, STACKS[0])
    cdk.TerraformVariable(scope, "tenant_id", type="string")
    cdk.TerraformVariable(scope, "ssh_public_key", type="string")
    zone = azurerm.private_dns_zone.PrivateDnsZone(
        scope, "dns-vault", name="privatelink.vaultcore.azure.net", resource_group_name="rg-dns"
    )
    hubs = {
        region: _region(scope, region, number, spokes, zone) for number, (region, spokes) in enumerate(SPOKES.items())
    }
    for here, there in (tuple(hubs), tuple(hubs)[::-1]):  # global peering, both ways
        azurerm.virtual_network_peering.VirtualNetworkPeering(
            scope,
            f"peer-{here}-{there}",
            name=f"peer-hub-{here}-{there}",
            resource_group_name=hubs[here].resource_group_name,
            virtual_network_name=hubs[here].name,
            remote_virtual_network_id=hubs[there].id,
            allow_forwarded_traffic=True,
        )


def _region(
    scope: Construct, region: str, number: int, spokes: int, zone: azurerm.private_dns_zone.PrivateDnsZone
) -> azurerm.virtual_network.VirtualNetwork:
    group = Construct(scope, region)
    rg = azurerm.resource_group.ResourceGroup(group, "rg", name=f"rg-lz-{region}", location=region)
    common = {"location": rg.location, "resource_group_name": rg.name}
    hub = azurerm.virtual_network.VirtualNetwork(
        group, "hub", name=f"vnet-hub-{region}", address_space=[f"10.{number * 64}.0.0/16"], **common
    )
    azurerm.subnet.Subnet(
        group,
        "hub-shared",
        name="snet-shared",
        resource_group_name=rg.name,
        virtual_network_name=hub.name,
        address_prefixes=[f"10.{number * 64}.1.0/24"],
    )
    for spoke in range(1, spokes + 1):
        _spoke(Construct(group, f"spoke{spoke:02d}"), region, f"10.{number * 64 + spoke}", hub, rg, zone)
    return hub


def _spoke(
    scope: Construct,
    region: str,
    prefix: str,
    hub: azurerm.virtual_network.VirtualNetwork,
    rg: azurerm.resource_group.ResourceGroup,
    zone: azurerm.private_dns_zone.PrivateDnsZone,
) -> None:
    common = {"location": rg.location, "resource_group_name": rg.name}
    name = f"{region}-{scope.node.id}"
    vnet = azurerm.virtual_network.VirtualNetwork(
        scope, "vnet", name=f"vnet-{name}", address_space=[f"{prefix}.0.0/16"], **common
    )
    for here, there in ((hub, vnet), (vnet, hub)):
        azurerm.virtual_network_peering.VirtualNetworkPeering(
            scope,
            "peer-to-spoke" if here is hub else "peer-to-hub",
            name=f"peer-{name}-{'out' if here is hub else 'in'}",
            resource_group_name=rg.name,
            virtual_network_name=here.name,
            remote_virtual_network_id=there.id,
        )
    subnets = {
        role: azurerm.subnet.Subnet(
            scope,
            f"snet-{role}",
            name=f"snet-{role}",
            resource_group_name=rg.name,
            virtual_network_name=vnet.name,
            address_prefixes=[f"{prefix}.{index}.0/24"],
        )
        for index, role in enumerate(("app", "data"), 1)
    }
    nsg = azurerm.network_security_group.NetworkSecurityGroup(
        scope,
        "nsg-app",
        name=f"nsg-app-{name}",
        security_rule=[
            azurerm.network_security_group.NetworkSecurityGroupSecurityRule(
                name="from-hub",
                priority=100,
                direction="Inbound",
                access="Allow",
                protocol="Tcp",
                source_port_range="*",
                destination_port_range="443",
                source_address_prefixes=hub.address_space,
                destination_address_prefix="*",
            )
        ],
        **common,
    )
    azurerm.subnet_network_security_group_association.SubnetNetworkSecurityGroupAssociation(
        scope, "nsg-app-association", subnet_id=subnets["app"].id, network_security_group_id=nsg.id
    )
    vm = azurerm.linux_virtual_machine
    for index in (1, 2):
        nic = azurerm.network_interface.NetworkInterface(
            scope,
            f"nic{index}",
            name=f"nic-{name}-{index}",
            ip_configuration=[
                azurerm.network_interface.NetworkInterfaceIpConfiguration(
                    name="internal", subnet_id=subnets["app"].id, private_ip_address_allocation="Dynamic"
                )
            ],
            **common,
        )
        vm.LinuxVirtualMachine(
            scope,
            f"vm{index}",
            name=f"vm-{name}-{index}",
            size="Standard_D2s_v5",
            admin_username="azureuser",
            network_interface_ids=[nic.id],
            admin_ssh_key=[vm.LinuxVirtualMachineAdminSshKey(username="azureuser", public_key="${var.ssh_public_key}")],
            os_disk=vm.LinuxVirtualMachineOsDisk(caching="ReadWrite", storage_account_type="Premium_LRS"),
            source_image_reference=vm.LinuxVirtualMachineSourceImageReference(
                publisher="Canonical", offer="ubuntu-24_04-lts", sku="server", version="latest"
            ),
            **common,
        )
    vault = azurerm.key_vault.KeyVault(
        scope,
        "vault",
        name=f"kv-{name}"[:24],
        sku_name="standard",
        tenant_id="${var.tenant_id}",
        public_network_access_enabled=False,
        **common,
    )
    storage = azurerm.storage_account.StorageAccount(
        scope,
        "storage",
        name=f"st{name.replace('-', '')}"[:24],
        account_tier="Standard",
        account_replication_type="ZRS",
        public_network_access_enabled=False,
        **common,
    )
    for service, target, subresource in (("vault", vault.id, "vault"), ("blob", storage.id, "blob")):
        azurerm.private_endpoint.PrivateEndpoint(
            scope,
            f"pe-{service}",
            name=f"pe-{service}-{name}",
            subnet_id=subnets["data"].id,
            private_service_connection=azurerm.private_endpoint.PrivateEndpointPrivateServiceConnection(
                name=service,
                private_connection_resource_id=target,
                subresource_names=[subresource],
                is_manual_connection=False,
            ),
            private_dns_zone_group=azurerm.private_endpoint.PrivateEndpointPrivateDnsZoneGroup(
                name="dns", private_dns_zone_ids=[zone.id]
            )
            if service == "vault"
            else None,
            **common,
        )
