"""A web app and a Function App integrated with a VNet, their storage behind a private endpoint,
telemetry to Application Insights: the shape of Microsoft's "App Service with VNet integration"
Terraform quickstart (https://learn.microsoft.com/azure/app-service/quickstart-terraform), written
as a cdktf Python app. Exercises: the web app placed in its subnet by ``virtual_network_subnet_id``,
the Function App placed by a separate ``app_service_virtual_network_swift_connection``, the plan
as a node, a private endpoint to the storage account.
"""

from __future__ import annotations

from tripgen_constructs._cdk import azurerm, cdk

from ._common import resource_group, stack

STACKS = ["corpus-app-service"]


def build(app: cdk.App) -> None:
    scope = stack(app, STACKS[0])
    rg = resource_group(scope, "rg-web", "swedencentral")
    common = {"location": rg.location, "resource_group_name": rg.name}
    vnet = azurerm.virtual_network.VirtualNetwork(
        scope, "vnet", name="vnet-web", address_space=["10.60.0.0/16"], **common
    )
    delegation = [
        azurerm.subnet.SubnetDelegation(
            name="web",
            service_delegation=azurerm.subnet.SubnetDelegationServiceDelegation(
                name="Microsoft.Web/serverFarms", actions=["Microsoft.Network/virtualNetworks/subnets/action"]
            ),
        )
    ]
    integration = azurerm.subnet.Subnet(
        scope,
        "integration",
        name="snet-integration",
        resource_group_name=rg.name,
        virtual_network_name=vnet.name,
        address_prefixes=["10.60.1.0/24"],
        delegation=delegation,
    )
    functions = azurerm.subnet.Subnet(
        scope,
        "functions",
        name="snet-functions",
        resource_group_name=rg.name,
        virtual_network_name=vnet.name,
        address_prefixes=["10.60.2.0/24"],
        delegation=delegation,
    )
    endpoints = azurerm.subnet.Subnet(
        scope,
        "endpoints",
        name="snet-endpoints",
        resource_group_name=rg.name,
        virtual_network_name=vnet.name,
        address_prefixes=["10.60.3.0/24"],
    )
    plan = azurerm.service_plan.ServicePlan(scope, "plan", name="asp-web", os_type="Linux", sku_name="P1v3", **common)
    insights = azurerm.application_insights.ApplicationInsights(
        scope, "insights", name="appi-web", application_type="web", **common
    )
    azurerm.linux_web_app.LinuxWebApp(
        scope,
        "web",
        name="app-web",
        service_plan_id=plan.id,
        virtual_network_subnet_id=integration.id,
        site_config=azurerm.linux_web_app.LinuxWebAppSiteConfig(),
        app_settings={"APPLICATIONINSIGHTS_CONNECTION_STRING": insights.connection_string},
        **common,
    )
    storage = azurerm.storage_account.StorageAccount(
        scope,
        "storage",
        name="stfuncweb",
        account_tier="Standard",
        account_replication_type="ZRS",
        public_network_access_enabled=False,
        **common,
    )
    function = azurerm.linux_function_app.LinuxFunctionApp(
        scope,
        "func",
        name="func-web",
        service_plan_id=plan.id,
        storage_account_name=storage.name,
        storage_account_access_key=storage.primary_access_key,
        site_config=azurerm.linux_function_app.LinuxFunctionAppSiteConfig(),
        **common,
    )
    azurerm.app_service_virtual_network_swift_connection.AppServiceVirtualNetworkSwiftConnection(
        scope, "func-vnet", app_service_id=function.id, subnet_id=functions.id
    )
    azurerm.private_endpoint.PrivateEndpoint(
        scope,
        "storage-pe",
        name="pe-stfuncweb",
        subnet_id=endpoints.id,
        private_service_connection=azurerm.private_endpoint.PrivateEndpointPrivateServiceConnection(
            name="blob",
            private_connection_resource_id=storage.id,
            subresource_names=["blob"],
            is_manual_connection=False,
        ),
        **common,
    )
