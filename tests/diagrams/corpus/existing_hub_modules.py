"""A spoke that joins an existing hub: the hub VNet and its shared subnet are data sources, the
spoke VNet comes from a registry module, a VM and a private endpoint sit in the hub's subnet.

Sources: joehollings/stuff, azure-owscs-workloads/templates/vpn.tf (resources built on data
sources of an existing gateway and vault, https://github.com/joehollings/stuff) and the public
registry module Azure/vnet/azurerm (https://registry.terraform.io/modules/Azure/vnet/azurerm),
written as a cdktf Python app. Exercises: data sources drawn as existing containers with what
references them inside, a module drawn as a box with its source, a Key Vault data source.
"""

from __future__ import annotations

from tripgen_constructs._cdk import azurerm, cdk

from ._common import resource_group, stack

STACKS = ["corpus-existing-hub-modules"]


def build(app: cdk.App) -> None:
    scope = stack(app, STACKS[0])
    hub = azurerm.data_azurerm_virtual_network.DataAzurermVirtualNetwork(
        scope, "hub", name="vnet-hub", resource_group_name="rg-hub"
    )
    shared = azurerm.data_azurerm_subnet.DataAzurermSubnet(
        scope, "shared", name="snet-shared", virtual_network_name=hub.name, resource_group_name="rg-hub"
    )
    vault = azurerm.data_azurerm_key_vault.DataAzurermKeyVault(
        scope, "vault", name="kv-platform", resource_group_name="rg-hub"
    )
    rg = resource_group(scope, "rg-spoke-app", "northeurope")
    spoke = cdk.TerraformHclModule(
        scope,
        "spoke_vnet",
        source="Azure/vnet/azurerm",
        version="4.1.0",
        variables={
            "resource_group_name": rg.name,
            "vnet_location": rg.location,
            "address_space": ["10.30.0.0/16"],
            "subnet_names": ["app"],
            "subnet_prefixes": ["10.30.1.0/24"],
            "use_for_each": True,
        },
    )
    azurerm.virtual_network_peering.VirtualNetworkPeering(
        scope,
        "spoke-to-hub",
        name="spoke-to-hub",
        resource_group_name=rg.name,
        virtual_network_name=spoke.get_string("vnet_name"),
        remote_virtual_network_id=hub.id,
    )
    nic = azurerm.network_interface.NetworkInterface(
        scope,
        "agent-nic",
        name="nic-agent",
        location=rg.location,
        resource_group_name=rg.name,
        ip_configuration=[
            azurerm.network_interface.NetworkInterfaceIpConfiguration(
                name="internal", subnet_id=shared.id, private_ip_address_allocation="Dynamic"
            )
        ],
    )
    azurerm.windows_virtual_machine.WindowsVirtualMachine(
        scope,
        "agent",
        name="vm-agent",
        location=rg.location,
        resource_group_name=rg.name,
        size="Standard_D2s_v5",
        admin_username="agent",
        admin_password="${var.admin_password}",
        network_interface_ids=[nic.id],
        os_disk=azurerm.windows_virtual_machine.WindowsVirtualMachineOsDisk(
            caching="ReadWrite", storage_account_type="Premium_LRS"
        ),
        source_image_reference=azurerm.windows_virtual_machine.WindowsVirtualMachineSourceImageReference(
            publisher="MicrosoftWindowsServer", offer="WindowsServer", sku="2022-datacenter", version="latest"
        ),
    )
    cdk.TerraformVariable(scope, "admin_password", type="string", sensitive=True)
    azurerm.private_endpoint.PrivateEndpoint(
        scope,
        "vault-pe",
        name="pe-kv-platform",
        location=rg.location,
        resource_group_name=rg.name,
        subnet_id=shared.id,
        private_service_connection=azurerm.private_endpoint.PrivateEndpointPrivateServiceConnection(
            name="kv", private_connection_resource_id=vault.id, subresource_names=["vault"], is_manual_connection=False
        ),
    )
