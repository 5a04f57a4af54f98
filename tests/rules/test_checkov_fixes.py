"""What the checkov run made the AKS construct do (fixes, not skips): host encryption, ephemeral OS
disks, 50 pods per node, Key Vault CSI secret rotation."""

from __future__ import annotations

import pytest
from tripgen_constructs import NodePoolProps
from tripgen_constructs.config.errors import ConfigError

from apps import ENVIRONMENT_NAMES


@pytest.mark.parametrize(("env", "system_gb", "application_gb"), [("prod", 100, 128), ("dev", 50, 100)])
def test_aks_pools_use_ephemeral_os_disks_sized_to_the_vm_cache(request, env, system_gb, application_gb):
    stack = request.getfixturevalue("stacks")[env]
    system = stack.by_path("azurerm_kubernetes_cluster", "aks/cluster")["default_node_pool"]
    application = stack.by_path("azurerm_kubernetes_cluster_node_pool", "aks/application-pool")
    assert (system["os_disk_type"], system["os_disk_size_gb"]) == ("Ephemeral", system_gb)
    assert (application["os_disk_type"], application["os_disk_size_gb"]) == ("Ephemeral", application_gb)


@pytest.mark.parametrize("env", ENVIRONMENT_NAMES)
def test_aks_pools_encrypt_at_host_and_run_50_pods(request, env):
    stack = request.getfixturevalue("stacks")[env]
    system = stack.by_path("azurerm_kubernetes_cluster", "aks/cluster")["default_node_pool"]
    application = stack.by_path("azurerm_kubernetes_cluster_node_pool", "aks/application-pool")
    for pool in (system, application):
        assert (pool["host_encryption_enabled"], pool["max_pods"]) == (True, 50)


def test_aks_key_vault_csi_driver_rotates_secrets(prod):
    cluster = prod.by_path("azurerm_kubernetes_cluster", "aks/cluster")
    assert cluster["key_vault_secrets_provider"] == {"secret_rotation_enabled": True, "secret_rotation_interval": "2m"}


def test_ephemeral_os_disk_on_a_vm_size_without_known_cache_is_refused():
    with pytest.raises(ConfigError, match=r"'apps.os_disk_type' must be 'Managed' for a VM size other than"):
        NodePoolProps(name="apps", vm_size="Standard_E8s_v5", min_count=1, max_count=2, os_disk_type="Ephemeral")


def test_os_disk_defaults_to_managed_on_a_vm_size_without_known_cache():
    pool = NodePoolProps(name="apps", vm_size="Standard_E8s_v5", min_count=1, max_count=2)
    assert (pool.os_disk, pool.os_disk_size_gb) == ("Managed", 128)
