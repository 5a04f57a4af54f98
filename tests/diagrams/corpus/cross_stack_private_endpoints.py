"""Two stacks in one app: shared services (Key Vault, storage) in one, the application network with
private endpoints to them in the other. cdktf turns the cross-stack references into the second
stack's ``terraform_remote_state`` of the first (https://developer.hashicorp.com/terraform/cdktf/concepts/stacks#cross-stack-references).
Written for this corpus, the shape of a two-stack app with private endpoints across stacks.
Exercises: a stub node naming the other stack, private-link edges from the endpoints to it.
"""

from __future__ import annotations

from tripgen_constructs._cdk import azurerm, cdk

from ._common import resource_group, stack

STACKS = ["corpus-shared-services", "corpus-app-network"]


def build(app: cdk.App) -> None:
    shared = stack(app, STACKS[0])
    rg = resource_group(shared, "rg-shared", "centralus")
    vault = azurerm.key_vault.KeyVault(
        shared,
        "vault",
        name="kv-shared-svc",
        location=rg.location,
        resource_group_name=rg.name,
        sku_name="standard",
        tenant_id="${var.tenant_id}",
        public_network_access_enabled=False,
    )
    cdk.TerraformVariable(shared, "tenant_id", type="string")
    storage = azurerm.storage_account.StorageAccount(
        shared,
        "storage",
        name="stsharedsvc",
        location=rg.location,
        resource_group_name=rg.name,
        account_tier="Standard",
        account_replication_type="GZRS",
        public_network_access_enabled=False,
    )

    network = stack(app, STACKS[1])
    app_rg = resource_group(network, "rg-app-network", "centralus")
    vnet = azurerm.virtual_network.VirtualNetwork(
        network,
        "vnet",
        name="vnet-app",
        location=app_rg.location,
        resource_group_name=app_rg.name,
        address_space=["10.70.0.0/16"],
    )
    endpoints = azurerm.subnet.Subnet(
        network,
        "endpoints",
        name="snet-endpoints",
        resource_group_name=app_rg.name,
        virtual_network_name=vnet.name,
        address_prefixes=["10.70.4.0/24"],
    )
    for name, target, subresource in (("vault", vault.id, "vault"), ("blob", storage.id, "blob")):
        azurerm.private_endpoint.PrivateEndpoint(
            network,
            f"pe-{name}",
            name=f"pe-{name}",
            location=app_rg.location,
            resource_group_name=app_rg.name,
            subnet_id=endpoints.id,
            private_service_connection=azurerm.private_endpoint.PrivateEndpointPrivateServiceConnection(
                name=name,
                private_connection_resource_id=target,
                subresource_names=[subresource],
                is_manual_connection=False,
            ),
        )
