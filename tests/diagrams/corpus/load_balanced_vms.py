"""Two VMs behind an internal load balancer (backend pool, probe, rule) and a scale set in the same
pool, the way the azurerm provider's ``lb`` and ``network_interface_backend_address_pool_association``
examples combine (https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/lb).
Written for this corpus. Exercises: a load balancer in its subnet with pool members as edges, VMs
placed through NICs (``count = 2``, ``×2``), a scale set placed by its inline NIC and drawn as a
backend of the pool.
"""

from __future__ import annotations

from tripgen_constructs._cdk import azurerm, cdk

from ._common import resource_group, stack

STACKS = ["corpus-load-balanced-vms"]


def build(app: cdk.App) -> None:
    scope = stack(app, STACKS[0])
    rg = resource_group(scope, "rg-lb", "francecentral")
    common = {"location": rg.location, "resource_group_name": rg.name}
    vnet = azurerm.virtual_network.VirtualNetwork(
        scope, "vnet", name="vnet-lb", address_space=["10.50.0.0/16"], **common
    )
    subnet = azurerm.subnet.Subnet(
        scope,
        "backend-subnet",
        name="snet-backend",
        resource_group_name=rg.name,
        virtual_network_name=vnet.name,
        address_prefixes=["10.50.1.0/24"],
    )
    lb = azurerm.lb.Lb(
        scope,
        "lb",
        name="lb-internal",
        sku="Standard",
        frontend_ip_configuration=[
            azurerm.lb.LbFrontendIpConfiguration(
                name="frontend", subnet_id=subnet.id, private_ip_address_allocation="Dynamic", zones=["1", "2", "3"]
            )
        ],
        **common,
    )
    pool = azurerm.lb_backend_address_pool.LbBackendAddressPool(
        scope, "pool", name="pool-backend", loadbalancer_id=lb.id
    )
    probe = azurerm.lb_probe.LbProbe(scope, "probe", name="http", loadbalancer_id=lb.id, port=80)
    azurerm.lb_rule.LbRule(
        scope,
        "http",
        name="http",
        loadbalancer_id=lb.id,
        protocol="Tcp",
        frontend_port=80,
        backend_port=80,
        frontend_ip_configuration_name="frontend",
        backend_address_pool_ids=[pool.id],
        probe_id=probe.id,
    )
    azurerm.network_interface.NetworkInterface(
        scope,
        "nic",
        count=2,
        name="nic-web-${count.index}",
        ip_configuration=[
            azurerm.network_interface.NetworkInterfaceIpConfiguration(
                name="internal", subnet_id=subnet.id, private_ip_address_allocation="Dynamic"
            )
        ],
        **common,
    )
    azurerm.network_interface_backend_address_pool_association.NetworkInterfaceBackendAddressPoolAssociation(
        scope,
        "nic-pool",
        count=2,
        network_interface_id="${element(azurerm_network_interface.nic.*.id, count.index)}",
        ip_configuration_name="internal",
        backend_address_pool_id=pool.id,
    )
    azurerm.linux_virtual_machine.LinuxVirtualMachine(
        scope,
        "web",
        count=2,
        name="vm-web-${count.index}",
        size="Standard_D2s_v5",
        zone="${count.index + 1}",
        admin_username="azureuser",
        network_interface_ids=["${element(azurerm_network_interface.nic.*.id, count.index)}"],
        admin_ssh_key=[
            azurerm.linux_virtual_machine.LinuxVirtualMachineAdminSshKey(
                username="azureuser", public_key="${var.ssh_public_key}"
            )
        ],
        os_disk=azurerm.linux_virtual_machine.LinuxVirtualMachineOsDisk(
            caching="ReadWrite", storage_account_type="Premium_LRS"
        ),
        source_image_reference=azurerm.linux_virtual_machine.LinuxVirtualMachineSourceImageReference(
            publisher="Canonical", offer="ubuntu-24_04-lts", sku="server", version="latest"
        ),
        **common,
    )
    cdk.TerraformVariable(scope, "ssh_public_key", type="string")
    vmss = azurerm.linux_virtual_machine_scale_set
    vmss.LinuxVirtualMachineScaleSet(
        scope,
        "workers",
        name="vmss-workers",
        sku="Standard_D2s_v5",
        instances=3,
        zones=["1", "2", "3"],
        admin_username="azureuser",
        admin_ssh_key=[
            vmss.LinuxVirtualMachineScaleSetAdminSshKey(username="azureuser", public_key="${var.ssh_public_key}")
        ],
        os_disk=vmss.LinuxVirtualMachineScaleSetOsDisk(caching="ReadWrite", storage_account_type="Premium_LRS"),
        source_image_reference=vmss.LinuxVirtualMachineScaleSetSourceImageReference(
            publisher="Canonical", offer="ubuntu-24_04-lts", sku="server", version="latest"
        ),
        network_interface=[
            vmss.LinuxVirtualMachineScaleSetNetworkInterface(
                name="nic",
                primary=True,
                ip_configuration=[
                    vmss.LinuxVirtualMachineScaleSetNetworkInterfaceIpConfiguration(
                        name="internal",
                        primary=True,
                        subnet_id=subnet.id,
                        load_balancer_backend_address_pool_ids=[pool.id],
                    )
                ],
            )
        ],
        **common,
    )
