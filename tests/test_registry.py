"""Container registry (R-1): exact synthesized values for prod and dev, and every refusal."""

from __future__ import annotations

import pytest
from tripgen_constructs.config.errors import ConfigError
from tripgen_constructs.registry import ContainerRegistryProps

REGISTRY = "azurerm_container_registry"
ENDPOINT = "azurerm_private_endpoint"
ROLE = "azurerm_role_assignment"
STANDARD = {
    "sku": "Standard",
    "replica_locations": (),
    "zone_redundant": False,
    "private_endpoint": False,
    "untagged_retention_days": None,
}


# --- prod: R-1 -----------------------------------------------------------------------------------


def test_prod_registry_is_premium_tripgenprod_private_and_without_shared_credentials(prod):
    registry = prod.by_path(REGISTRY, "registry/registry")
    assert registry["name"] == "tripgenprod"
    assert registry["location"] == "koreacentral"
    assert registry["sku"] == "Premium"
    assert registry["admin_enabled"] is False
    assert registry["anonymous_pull_enabled"] is False
    assert registry["public_network_access_enabled"] is False  # R-1 private
    assert registry["export_policy_enabled"] is False
    assert registry["data_endpoint_enabled"] is True
    assert registry["network_rule_bypass_option"] == "AzureServices"
    assert registry["zone_redundancy_enabled"] is True
    assert registry["retention_policy_in_days"] == 7  # untagged manifests
    assert registry["tags"]["environment"] == "prod"


def test_prod_registry_replicates_to_korea_south_which_has_no_zones(prod):
    registry = prod.by_path(REGISTRY, "registry/registry")
    assert [
        (r["location"], r["zone_redundancy_enabled"], r["regional_endpoint_enabled"])
        for r in registry["georeplications"]
    ] == [("koreasouth", False, True)]  # R-1, T-5


def test_prod_registry_private_endpoint_is_subresource_registry_with_the_azurecr_zone(prod):
    endpoint = prod.by_path(ENDPOINT, "registry/private-endpoint/endpoint")
    assert endpoint["name"] == "pe-tripgen-cr-prod"
    assert endpoint["subnet_id"] == prod.ref("azurerm_subnet", "network/spoke/subnet-snet-private-endpoints")
    assert endpoint["private_service_connection"]["subresource_names"] == ["registry"]
    assert endpoint["private_service_connection"]["private_connection_resource_id"] == prod.ref(
        REGISTRY, "registry/registry"
    )
    assert endpoint["private_dns_zone_group"]["private_dns_zone_ids"] == [
        prod.ref("azurerm_private_dns_zone", "network/dns-azurecr")
    ]
    assert prod.by_path("azurerm_private_dns_zone", "network/dns-azurecr")["name"] == "privatelink.azurecr.io"


def test_aks_kubelet_gets_acr_pull_on_the_registry_only(stacks):
    for stack in stacks.values():
        grant = stack.by_path(ROLE, "registry/aks-kubelet-acr-pull/assignment")
        assert grant["role_definition_name"] == "AcrPull"
        assert grant["scope"] == stack.ref(REGISTRY, "registry/registry")
        assert grant["principal_id"] == stack.ref(
            "azurerm_kubernetes_cluster", "aks/cluster", "kubelet_identity[0].object_id"
        )
        assert [g for g in stack.of_type(ROLE).values() if g["role_definition_name"] == "AcrPull"] == [grant]


# --- dev (D-1 over D-2, documented in docs/security.md) ------------------------------------------


def test_dev_registry_is_standard_public_entra_only_without_premium_features(dev):
    registry = dev.by_path(REGISTRY, "registry/registry")
    assert registry["name"] == "tripgendev"
    assert registry["sku"] == "Standard"
    assert registry["admin_enabled"] is False
    assert registry["anonymous_pull_enabled"] is False
    assert registry["public_network_access_enabled"] is True  # Standard cannot close it
    assert registry["zone_redundancy_enabled"] is False
    for premium_only in (
        "georeplications",
        "retention_policy_in_days",
        "export_policy_enabled",
        "data_endpoint_enabled",
    ):
        assert premium_only not in registry
    assert "registry/private-endpoint/endpoint" not in dev.of_type(ENDPOINT)


# --- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("replica_locations", ("koreasouth",), r"\('koreasouth',\)"),
        ("zone_redundant", True, "True"),
        ("private_endpoint", True, "True"),
        ("untagged_retention_days", 7, "7"),
    ],
)
@pytest.mark.parametrize("sku", ["Basic", "Standard"])
def test_premium_features_on_a_non_premium_registry_are_refused(sku, field, value, shown):
    with pytest.raises(
        ConfigError, match=rf"'{field}' must be .* on a {sku} registry \(a Premium feature\), got {shown}"
    ):
        ContainerRegistryProps(**{**STANDARD, "sku": sku, field: value})


def test_a_standard_registry_with_premium_features_off_is_accepted():
    assert ContainerRegistryProps(**STANDARD).sku == "Standard"


@pytest.mark.parametrize("name", ["acr", "tripgen-prod", "tripgen_prod", "a" * 51])
def test_registry_names_breaking_azure_rules_are_refused(name):
    with pytest.raises(ConfigError, match=r"'registry.name' must be 5-50 letters or digits"):
        ContainerRegistryProps(name=name)


def test_duplicate_replica_regions_are_refused():
    with pytest.raises(ConfigError, match=r"'replica_locations' must be free of duplicates"):
        ContainerRegistryProps(replica_locations=("koreasouth", "koreasouth"))


def test_a_replica_outside_the_region_table_is_refused():
    with pytest.raises(
        ConfigError,
        match=r"'replica_locations.0' must be 'primary', 'dr' or an Azure region, .*\(did you mean 'westeurope'\?\), got 'westeurop'",
    ):
        ContainerRegistryProps(replica_locations=("westeurop",))


def test_a_replica_in_the_home_region_is_refused():
    from tripgen_constructs._cdk import azurerm, cdk
    from tripgen_constructs.config.naming import Naming
    from tripgen_constructs.registry import ContainerRegistry

    stack = cdk.TerraformStack(cdk.App(), "scratch")
    group = azurerm.resource_group.ResourceGroup(stack, "rg", name="rg", location="koreasouth")
    subnet = azurerm.subnet.Subnet(
        stack, "s", name="s", resource_group_name="rg", virtual_network_name="v", address_prefixes=["10.0.0.0/24"]
    )
    zone = azurerm.private_dns_zone.PrivateDnsZone(stack, "z", name="privatelink.azurecr.io", resource_group_name="rg")
    with pytest.raises(
        ValueError, match=r"'replica_locations' must be regions other than the home region 'koreasouth'"
    ):
        ContainerRegistry(
            stack,
            "registry",
            props=ContainerRegistryProps(replica_locations=("koreasouth",)),
            naming=Naming("tripgen", "prod"),
            location="koreasouth",
            resource_group=group,
            tags={},
            subnet=subnet,
            dns_zone=zone,
        )
