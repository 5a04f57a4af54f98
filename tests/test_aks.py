"""``ZonalAksCluster``: exact K-1 … K-9 values in the synthesized stacks, and every refusal."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Network

import pytest
from tripgen_constructs.aks import DEFAULT_APPLICATION_POOL, NodePoolProps, ZonalAksClusterProps
from tripgen_constructs.config.errors import ConfigError

from apps import spec
from tests import plan


@pytest.fixture(scope="module")
def cluster(prod):
    return prod.by_path("azurerm_kubernetes_cluster", "aks/cluster")


@pytest.fixture(scope="module")
def application_pool(prod):
    return prod.by_path("azurerm_kubernetes_cluster_node_pool", "aks/application-pool")


def test_cluster_is_a_standard_tier_private_cluster(cluster):
    assert cluster["name"] == "aks-tripgen-prod"
    assert cluster["sku_tier"] == "Standard"
    assert cluster["private_cluster_enabled"] is True
    assert cluster["private_cluster_public_fqdn_enabled"] is False


def test_kubernetes_version_is_a_supported_pin_with_automatic_patch_upgrades(cluster):
    assert cluster["kubernetes_version"] == "1.34"
    assert cluster["automatic_upgrade_channel"] == "patch"
    assert cluster["node_os_upgrade_channel"] == "NodeImage"


def test_maintenance_windows_start_sunday_02_00_kst(cluster):
    for window in ("maintenance_window_auto_upgrade", "maintenance_window_node_os"):
        assert cluster[window] == {
            "day_of_week": "Sunday",
            "duration": 4,
            "frequency": "Weekly",
            "interval": 1,
            "start_time": "02:00",
            "utc_offset": "+09:00",
        }


def test_network_is_azure_cni_with_pods_in_their_own_subnet_and_azure_network_policy(cluster, application_pool):
    profile = cluster["network_profile"]
    assert profile["network_plugin"] == "azure"
    assert "network_plugin_mode" not in profile  # flat: AGIC does not support CNI Overlay (K-2)
    assert profile["network_policy"] == "azure"
    assert profile["service_cidr"] == "10.2.0.0/16"
    assert profile["dns_service_ip"] == "10.2.0.10"
    for pool in (cluster["default_node_pool"], application_pool):
        assert pool["pod_subnet_id"].startswith("${azurerm_subnet.network_spoke_subnet-snet-aks-pods_")
        assert pool["max_pods"] == 50


def test_entra_id_rbac_without_local_accounts(cluster):
    assert cluster["local_account_disabled"] is True
    assert cluster["azure_active_directory_role_based_access_control"]["azure_rbac_enabled"] is True


def test_workload_identity_and_oidc_issuer_are_on(cluster):
    assert cluster["oidc_issuer_enabled"] is True
    assert cluster["workload_identity_enabled"] is True


def test_system_pool_is_d4s_v3_3_to_5_over_three_zones_critical_addons_only(cluster, prod):
    pool = cluster["default_node_pool"]
    assert pool["vm_size"] == "Standard_D4s_v3"
    assert (pool["auto_scaling_enabled"], pool["min_count"], pool["max_count"], pool["node_count"]) == (True, 3, 5, 3)
    assert pool["zones"] == ["1", "2", "3"]
    assert pool["only_critical_addons_enabled"] is True
    assert pool["vnet_subnet_id"].startswith("${azurerm_subnet.network_spoke_subnet-snet-aks_")


def test_application_pool_is_d8s_v3_6_to_20_over_three_zones_with_taint(application_pool):
    pool = application_pool
    assert pool["vm_size"] == "Standard_D8s_v3"
    assert (pool["auto_scaling_enabled"], pool["min_count"], pool["max_count"], pool["node_count"]) == (True, 6, 20, 6)
    assert pool["zones"] == ["1", "2", "3"]
    assert pool["node_taints"] == ["application-workload=true:NoSchedule"]
    assert pool["mode"] == "User"


def test_istio_add_on_is_the_service_mesh(cluster):
    mesh = cluster["service_mesh_profile"]
    assert mesh["mode"] == "Istio"
    assert mesh["revisions"] == ["asm-1-26"]


def test_container_insights_sends_to_the_workspace(cluster):
    assert cluster["oms_agent"]["log_analytics_workspace_id"].startswith(
        "${azurerm_log_analytics_workspace.observability_workspace_"
    )
    assert cluster["oms_agent"]["msi_auth_for_monitoring_enabled"] is True


def test_dev_cluster_is_private_single_zone_and_small(dev):
    cluster = dev.by_path("azurerm_kubernetes_cluster", "aks/cluster")
    assert cluster["private_cluster_enabled"] is True
    assert cluster["default_node_pool"]["zones"] == ["1"]
    assert cluster["default_node_pool"]["vm_size"] == "Standard_D2s_v3"
    pool = dev.by_path("azurerm_kubernetes_cluster_node_pool", "aks/application-pool")
    assert (pool["min_count"], pool["max_count"], pool["zones"]) == (1, 3, ["1"])


# --- refusals ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("zones", [("4",), ("1", "0"), ("one",)])
def test_zones_outside_1_2_3_are_refused(zones):
    with pytest.raises(ConfigError, match=r"'zones' must be a subset of \{'1','2','3'\}"):
        NodePoolProps(name="p", vm_size="Standard_D2s_v3", min_count=1, max_count=2, zones=zones)


def test_integer_zones_are_accepted_as_strings():
    assert NodePoolProps(name="p", vm_size="Standard_D2s_v3", min_count=1, max_count=2, zones=(3, 1)).zones == (
        "1",
        "3",
    )


def test_autoscaler_min_above_max_is_refused():
    with pytest.raises(ConfigError, match=r"'p.min_count' must be <= max_count \(2\), got 3"):
        NodePoolProps(name="p", vm_size="Standard_D2s_v3", min_count=3, max_count=2)


@pytest.mark.parametrize("count", [0, 6])
def test_node_count_outside_min_max_is_refused(count):
    with pytest.raises(
        ConfigError, match=rf"'p.node_count' must be within \[min_count, max_count\] = \[1, 5\], got {count}"
    ):
        NodePoolProps(name="p", vm_size="Standard_D2s_v3", min_count=1, max_count=5, node_count=count)


@pytest.mark.parametrize(
    "taint", ["application-workload=true", "application-workload:NoSchedule", "a=b:Sometimes", "=b:NoSchedule"]
)
def test_malformed_taints_are_refused(taint):
    with pytest.raises(ConfigError, match=r"'taints' must be 'key=value:Effect'"):
        NodePoolProps(name="p", vm_size="Standard_D2s_v3", min_count=1, max_count=2, taints=(taint,))


def test_kubernetes_1_29_is_refused():
    with pytest.raises(ConfigError, match=r"'kubernetes_version' must be one of \[.*\], got '1.29'"):
        plan.aks(kubernetes_version="1.29")


def test_dns_service_ip_outside_the_service_cidr_is_refused():
    with pytest.raises(
        ConfigError, match=r"'dns_service_ip' must be inside service_cidr 172.22.0.0/16, got '172.23.0.10'"
    ):
        plan.aks(dns_service_ip=IPv4Address("172.23.0.10"))


def test_the_dns_service_ip_is_the_tenth_address_of_the_service_cidr_unless_given():
    assert plan.aks().dns_service_ip == IPv4Address("172.22.0.10")
    assert plan.aks(dns_service_ip="172.22.0.53").dns_service_ip == IPv4Address("172.22.0.53")


def test_the_service_cidr_has_no_default():
    with pytest.raises(ConfigError, match=r"'service_cidr' must be given \(the field is required\), got \(nothing\)"):
        ZonalAksClusterProps()


def test_service_cidr_overlapping_the_pod_cidr_is_refused():
    with pytest.raises(ConfigError, match=r"'service_cidr' must be disjoint from pod_cidr"):
        plan.aks(pod_cidr=IPv4Network("172.22.0.0/16"))


def test_system_pool_that_can_scale_to_zero_is_refused():
    with pytest.raises(ConfigError, match=r"'system_pool.min_count' must be >= 1"):
        plan.aks(system_pool=NodePoolProps(name="system", vm_size="Standard_D2s_v3", min_count=0, max_count=2))


def test_pool_names_breaking_azure_rules_are_refused():
    with pytest.raises(ConfigError, match=r"'name' must be 1-12 lowercase letters or digits"):
        DEFAULT_APPLICATION_POOL.model_validate({**DEFAULT_APPLICATION_POOL.model_dump(), "name": "Application-Pool"})


def test_overlay_is_refused_where_the_application_gateway_ingress_controller_runs():
    props = plan.aks(pod_cidr=IPv4Network("10.244.0.0/16"))
    with pytest.raises(
        ValueError,
        match=r"'aks.pod_cidr' must be None: the Application Gateway ingress controller does not support Azure CNI Overlay",
    ):
        props.check_environment(network=plan.NETWORK, application_gateway_ingress=True)
    props.check_environment(network=plan.NETWORK, application_gateway_ingress=False)


def test_a_pod_subnet_too_small_for_the_pools_at_max_with_surge_is_refused():
    big = DEFAULT_APPLICATION_POOL.model_copy(update={"max_count": 40})
    props = plan.aks(application_pool=NodePoolProps.model_validate(big.model_dump()))
    # (5 + 2 surge) + (40 + 14 surge) nodes × 50 pods = 3,050 > 2,043 usable addresses of a /21
    with pytest.raises(
        ValueError,
        match=r"'network.spoke.subnets.snet-aks-pods.cidr' must be a subnet with at least 3050 usable addresses",
    ):
        props.check_environment(network=plan.NETWORK, application_gateway_ingress=True)


def test_the_design_pools_fit_the_node_and_pod_subnets():
    ZonalAksClusterProps(service_cidr=spec.SERVICE_CIDR).check_environment(
        network=spec.NETWORK, application_gateway_ingress=True
    )


def test_node_disks_are_encrypted_with_our_rotated_key_and_at_host(cluster, application_pool, prod):
    des = prod.by_path("azurerm_disk_encryption_set", "aks/disk-encryption-set")
    assert des["name"] == "des-tripgen-prod"
    assert des["auto_key_rotation_enabled"] is True
    assert des["encryption_type"] == "EncryptionAtRestWithPlatformAndCustomerKeys"
    assert des["key_vault_key_id"].startswith("${azurerm_key_vault_key.key-vault_key-disks-cmk_")
    assert des["key_vault_key_id"].endswith(".versionless_id}")
    assert des["identity"]["type"] == "UserAssigned"
    assert cluster["disk_encryption_set_id"].startswith("${azurerm_disk_encryption_set.aks_disk-encryption-set_")
    for pool in (cluster["default_node_pool"], application_pool):
        assert pool["host_encryption_enabled"] is True
    grant = prod.by_path("azurerm_role_assignment", "disk-encryption/key-access/assignment")
    assert grant["role_definition_name"] == "Key Vault Crypto Service Encryption User"
    assert grant["scope"].startswith("${azurerm_key_vault.key-vault_")


def test_dev_disks_use_platform_keys(dev):
    assert dev.count("azurerm_disk_encryption_set") == 0
    assert "disk_encryption_set_id" not in dev.by_path("azurerm_kubernetes_cluster", "aks/cluster")


def test_secrets_store_csi_driver_rotates_secrets(cluster):
    assert cluster["key_vault_secrets_provider"] == {"secret_rotation_enabled": True, "secret_rotation_interval": "2m"}
