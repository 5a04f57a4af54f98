"""Environment config: cross-construct refusals, backends and the prod/dev difference."""

from __future__ import annotations

import json
from ipaddress import IPv4Network

import pytest
from tripgen_constructs import EnvironmentConfig, NodePoolProps, ZonalAksClusterProps
from tripgen_constructs.config.errors import ConfigError

from apps import spec
from apps.dev.config import DEV
from apps.prod.config import PROD
from tests import plan


def _prod(**changes) -> EnvironmentConfig:
    return EnvironmentConfig.model_validate({**PROD.model_dump(), **changes})


def test_prod_keeps_state_in_the_azurerm_backend(prod):
    backend = prod.data["terraform"]["backend"]
    assert backend == {
        "azurerm": {
            "container_name": "tfstate",
            "key": "tripgen-prod.tfstate",
            "resource_group_name": "rg-tripgen-tfstate",
            "storage_account_name": "sttripgentfstate",
        }
    }


def test_dev_keeps_state_in_a_relative_local_file(dev):
    assert dev.data["terraform"]["backend"] == {"local": {"path": "terraform.tripgen-dev.tfstate"}}


def test_provider_is_the_azurerm_version_the_runtimes_bindings_pin(synth_dir):
    from tripgen_constructs._cdk import RUNTIME, RUNTIMES

    raw = json.loads((synth_dir / "stacks" / "tripgen-prod" / "cdk.tf.json").read_text())
    assert raw["terraform"]["required_providers"]["azurerm"]["version"] == RUNTIME.provider
    assert (RUNTIMES["cdktf"].provider, RUNTIMES["cdktn"].provider) == ("4.55.0", "5.10.0")


def test_every_resource_group_is_in_korea_central_or_the_dr_region(prod, dev):
    assert {rg["location"] for rg in prod.of_type("azurerm_resource_group").values()} == {"koreacentral", "koreasouth"}
    assert {rg["location"] for rg in dev.of_type("azurerm_resource_group").values()} == {"koreacentral"}


def test_config_is_frozen_and_closed():
    with pytest.raises(ConfigError, match="'unknown' must be absent: not a field of this model"):
        EnvironmentConfig(**plan.environment(location="koreacentral", name="x", unknown=1))
    with pytest.raises(ConfigError, match=r"'name' must be left unchanged \(configs are frozen\), got 'other'"):
        PROD.name = "other"  # type: ignore[misc]


def test_aks_service_cidr_overlapping_a_vnet_is_refused():
    aks = {**PROD.aks.model_dump(), "service_cidr": IPv4Network("10.1.0.0/16"), "dns_service_ip": "10.1.0.10"}
    with pytest.raises(
        ConfigError, match=r"'aks.service_cidr' must be disjoint from every VNet and subnet, overlaps \['spoke'"
    ):
        _prod(aks=aks)


def test_aks_pod_cidr_overlapping_a_subnet_is_refused():
    aks = {**PROD.aks.model_dump(), "pod_cidr": IPv4Network("10.0.1.0/24")}
    with pytest.raises(ConfigError, match=r"'aks.pod_cidr' must be disjoint from every VNet and subnet"):
        _prod(aks=aks)


def test_fewer_than_two_zones_in_a_zone_redundant_environment_is_refused():
    single = NodePoolProps(name="system", vm_size="Standard_D4s_v3", min_count=3, max_count=5, zones=("1",))
    with pytest.raises(
        ConfigError, match=r"'aks.system_pool.zones' must be at least 2 zones when zone_redundant is true"
    ):
        _prod(aks=ZonalAksClusterProps(service_cidr=spec.SERVICE_CIDR, system_pool=single).model_dump())


def test_one_zone_is_accepted_where_zone_redundancy_is_not_claimed():
    assert DEV.zone_redundant is False
    assert DEV.aks.zones == ("1",)


def test_dr_spoke_without_a_dr_region_is_refused():
    with pytest.raises(ConfigError, match=r"'network.dr_spoke' must be None when the environment has no dr_location"):
        _prod(dr_location=None)


def test_dr_region_equal_to_the_primary_region_is_refused():
    with pytest.raises(ConfigError, match=r"'dr_location' must be a region other than location"):
        _prod(dr_location="koreacentral")


def test_an_unknown_region_is_refused_with_the_nearest_match():
    with pytest.raises(
        ConfigError,
        match=r"'location' must be an Azure region, a programmatic name such as 'westeurope' "
        r"\(did you mean 'koreacentral'\?\), got 'koreacentrl'",
    ):
        _prod(location="koreacentrl")


def test_dev_differs_from_prod_only_by_config():
    assert type(DEV) is type(PROD)
    assert (DEV.name, DEV.production, DEV.zone_redundant, DEV.dr_location) == ("dev", False, False, None)


def test_customer_managed_keys_without_a_purge_protected_vault_are_refused():
    vault = {**PROD.key_vault.model_dump(), "purge_protection": False}
    with pytest.raises(
        ConfigError,
        match=r"'key_vault.purge_protection' must be true when encryption.customer_managed_keys is on \(Azure requires it\), got False",
    ):
        _prod(key_vault=vault, production=False)


def test_a_private_endpoint_without_its_private_dns_zone_is_refused_before_synth():
    network = {**PROD.network.model_dump(), "private_dns_zones": ("privatelink.vaultcore.azure.net",)}
    with pytest.raises(
        ConfigError, match=r"'network.private_dns_zones' must be a list that includes \['privatelink.azurecr.io'"
    ):
        _prod(network=network)


@pytest.mark.parametrize("name", ["Prod_X", "prod-1", "p", "production1"])
def test_environment_names_breaking_the_naming_rule_are_refused(name):
    with pytest.raises(
        ConfigError, match=rf"'name' must be 2-8 lowercase letters or digits starting with a letter, got '{name}'"
    ):
        EnvironmentConfig(**plan.environment(location="koreacentral", name=name))


def test_the_same_suppression_twice_is_refused():
    from tripgen_constructs.rules import RuleSuppression

    twice = (RuleSuppression(rule="CKV_AZURE_170", path="aks", reason="no uptime SLA in this environment"),) * 2
    with pytest.raises(
        ConfigError,
        match=r"'suppressions' must be one suppression per rule and construct path, got \['CKV_AZURE_170 at aks'\]",
    ):
        EnvironmentConfig.model_validate({**DEV.model_dump(), "suppressions": twice})


def test_the_stack_refuses_a_config_copied_past_validation(tmp_path):
    from tripgen_constructs import EnvironmentStack
    from tripgen_constructs._cdk import cdk

    copied = PROD.model_copy(update={"aks": PROD.aks.model_copy(update={"kubernetes_version": "latest"})})
    app = cdk.App(outdir=str(tmp_path))
    with pytest.raises(ConfigError, match="'aks.kubernetes_version' must be one of"):
        EnvironmentStack(app, "tripgen-copied", config=copied)
    assert [c.node.id for c in app.node.children] == []  # refused before the stack was added
