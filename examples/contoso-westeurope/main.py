"""Contoso's platform: West Europe with disaster recovery in North Europe, addresses in
172.16.0.0/12, two availability zones, no Front Door: network, AKS, data tier and observability.

Built from the public API of ``tripgen_constructs`` only (and cdktf itself), as any project would.
``python examples/contoso-westeurope/main.py`` synthesizes it to ``cdktf.out/stacks/contoso-prod``;
the tests add ``build(app)`` to their one App instead.
"""

from __future__ import annotations

from ipaddress import IPv4Network

from cdktf import App, TerraformStack
from cdktf_cdktf_provider_azurerm import data_azurerm_client_config, provider, resource_group
from tripgen_constructs import (
    HubSpokeNetwork,
    Naming,
    NetworkProps,
    NodePoolProps,
    Observability,
    ObservabilityProps,
    PostgresProps,
    PrivateDataTier,
    PrivateDataTierProps,
    RedisProps,
    ReplicaProps,
    SubnetProps,
    VirtualNetworkProps,
    ZonalAksCluster,
    ZonalAksClusterProps,
)
from tripgen_constructs.config.network import AKS_NSG_RULES, AKS_POD_NSG_RULES, DATABASE_NSG_RULES

STACK = "contoso-prod"
LOCATION = "westeurope"
DR_LOCATION = "northeurope"  # West Europe's pair
ZONES = ("1", "2")
TAGS = {"owner": "platform", "cost-center": "contoso"}


def network_props() -> NetworkProps:
    """A hub (no gateway: no Front Door, no Application Gateway), a spoke and a DR spoke in 172.16/12.
    Subnet names are Contoso's own; the roles tell the library which is which."""
    hub = VirtualNetworkProps(address_space=(IPv4Network("172.16.0.0/16"),))
    spoke = VirtualNetworkProps(
        address_space=(IPv4Network("172.17.0.0/16"),),
        subnets=(
            # The library's rules name subnets by role: here they resolve to Contoso's CIDRs, the
            # gateway rules drop out (no gateway) and so does Service Bus egress (no messaging).
            SubnetProps(name="nodes", role="aks", cidr="172.17.0.0/22", nsg_rules=AKS_NSG_RULES),
            SubnetProps(name="pods", role="aks-pods", cidr="172.17.8.0/21", nsg_rules=AKS_POD_NSG_RULES),
            SubnetProps(
                name="postgres",
                role="database",
                cidr="172.17.4.0/24",
                delegation="Microsoft.DBforPostgreSQL/flexibleServers",
                nsg_rules=DATABASE_NSG_RULES,
            ),
            SubnetProps(name="redis", role="cache", cidr="172.17.5.0/24", private_endpoint_network_policies="Disabled"),
            SubnetProps(
                name="endpoints",
                role="private-endpoints",
                cidr="172.17.6.0/24",
                private_endpoint_network_policies="Disabled",
            ),
        ),
    )
    dr_spoke = VirtualNetworkProps(
        address_space=(IPv4Network("172.19.0.0/16"),),
        location=DR_LOCATION,
        subnets=(
            SubnetProps(
                name="postgres",
                role="database",
                cidr="172.19.4.0/24",
                delegation="Microsoft.DBforPostgreSQL/flexibleServers",
            ),
        ),
    )
    return NetworkProps(
        hub=hub,
        spoke=spoke,
        dr_spoke=dr_spoke,
        private_dns_zones=(
            "privatelink.postgres.database.azure.com",
            "privatelink.redis.cache.windows.net",
            "privatelink.blob.core.windows.net",
        ),
    )


def build(app: App) -> TerraformStack:
    """Add Contoso's stack to ``app``."""
    stack = TerraformStack(app, STACK)
    provider.AzurermProvider(stack, "azurerm", features=[{}])
    naming = Naming("contoso", "prod")
    rg = resource_group.ResourceGroup(stack, "rg", name=naming.name("rg"), location=LOCATION, tags=TAGS)
    dr_rg = resource_group.ResourceGroup(stack, "dr-rg", name=naming.name("rg", "dr"), location=DR_LOCATION, tags=TAGS)
    common = {"naming": naming, "location": LOCATION, "resource_group": rg, "tags": TAGS}

    observability = Observability(stack, "observability", props=ObservabilityProps(retention_days=30), **common)
    network = HubSpokeNetwork(
        stack, "network", props=network_props(), dr_resource_group=dr_rg, dr_location=DR_LOCATION, **common
    )
    pool = {"vm_size": "Standard_D4s_v3", "min_count": 2, "max_count": 4, "zones": ZONES}
    ZonalAksCluster(
        stack,
        "aks",
        props=ZonalAksClusterProps(
            service_cidr=IPv4Network("172.18.0.0/16"),
            dns_service_ip="172.18.0.10",
            system_pool=NodePoolProps(name="system", **pool),
            application_pool=NodePoolProps(name="apps", **pool),
        ),
        subnet=network.aks_subnet,
        pod_subnet=network.aks_pod_subnet,
        workspace=observability.workspace,
        **common,
    )
    PrivateDataTier(
        stack,
        "data",
        props=PrivateDataTierProps(
            postgres=PostgresProps(zone="1", standby_zone="2", replicas=(ReplicaProps(location="dr"),)),
            redis=RedisProps(zones=ZONES),
        ),
        network=network,
        client_config=data_azurerm_client_config.DataAzurermClientConfig(stack, "client-config"),
        dr_location=DR_LOCATION,
        dr_resource_group=dr_rg,
        **common,
    )
    return stack


if __name__ == "__main__":
    application = App()
    build(application)
    application.synth()
