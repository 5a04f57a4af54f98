"""``ZonalAksCluster``: a private, zone-spread AKS cluster with system and application pools (K-1 … K-9)."""

from __future__ import annotations

from ._cdk import Construct, azurerm
from .config.aks import (  # the props and defaults live in the config layer
    ALL_ZONES as ALL_ZONES,
    APPLICATION_POOL_MAX as APPLICATION_POOL_MAX,
    APPLICATION_POOL_MIN as APPLICATION_POOL_MIN,
    APPLICATION_POOL_VM_SIZE as APPLICATION_POOL_VM_SIZE,
    APPLICATION_TAINT as APPLICATION_TAINT,
    DEFAULT_APPLICATION_POOL as DEFAULT_APPLICATION_POOL,
    DEFAULT_SYSTEM_POOL as DEFAULT_SYSTEM_POOL,
    DNS_SERVICE_IP_OFFSET as DNS_SERVICE_IP_OFFSET,
    EPHEMERAL_OS_DISK_MAX_GB as EPHEMERAL_OS_DISK_MAX_GB,
    HOST_ENCRYPTION as HOST_ENCRYPTION,
    ISTIO_REVISIONS as ISTIO_REVISIONS,
    KUBERNETES_VERSION as KUBERNETES_VERSION,
    MAINTENANCE_HOURS as MAINTENANCE_HOURS,
    MAX_PODS as MAX_PODS,
    MAX_SURGE_PERCENT as MAX_SURGE_PERCENT,
    NODE_OS_UPGRADE_CHANNEL as NODE_OS_UPGRADE_CHANNEL,
    OS_DISK_SIZE_GB as OS_DISK_SIZE_GB,
    SECRET_ROTATION_INTERVAL as SECRET_ROTATION_INTERVAL,
    SKU_TIER as SKU_TIER,
    SUPPORTED_KUBERNETES_VERSIONS as SUPPORTED_KUBERNETES_VERSIONS,
    SYSTEM_POOL_MAX as SYSTEM_POOL_MAX,
    SYSTEM_POOL_MIN as SYSTEM_POOL_MIN,
    SYSTEM_POOL_VM_SIZE as SYSTEM_POOL_VM_SIZE,
    UPGRADE_CHANNEL as UPGRADE_CHANNEL,
    NodePoolProps as NodePoolProps,
    Taint as Taint,
    ZonalAksClusterProps as ZonalAksClusterProps,
)
from .config.naming import Naming
from .config.props import refusal
from .encryption import CustomerManagedKey


class ZonalAksCluster(Construct):
    """Private AKS cluster, Standard tier, Azure CNI (pods in their own subnet) with Azure network policy, Entra ID
    RBAC without local accounts, workload identity, Istio add-on and Container Insights.

    Typed attributes: ``cluster``, ``cluster_id``, ``kubelet_identity_object_id``, ``oidc_issuer_url``,
    ``node_resource_group``; ``attach_application_gateway`` wires AGIC (K-2) and returns the
    add-on's identity.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: ZonalAksClusterProps,
        naming: Naming,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        subnet: azurerm.subnet.Subnet,
        pod_subnet: azurerm.subnet.Subnet | None,
        disk_encryption: CustomerManagedKey | None = None,
        double_encryption: bool = True,
        workspace: azurerm.log_analytics_workspace.LogAnalyticsWorkspace,
        tags: dict[str, str],
    ) -> None:
        super().__init__(scope, id)
        if (props.pod_cidr is None) == (pod_subnet is None):
            raise refusal("pod_subnet", pod_subnet, "given exactly when pod_cidr is None (pods in a VNet subnet)")
        self.props = props
        kc = azurerm.kubernetes_cluster
        pod_subnet_id = pod_subnet.id if pod_subnet is not None else None
        self.disk_encryption_set = None
        if disk_encryption is not None:  # S-3: OS and data disks under our key, rotated with it
            self.disk_encryption_set = azurerm.disk_encryption_set.DiskEncryptionSet(
                self,
                "disk-encryption-set",
                name=naming.name("des"),
                location=location,
                resource_group_name=resource_group.name,
                key_vault_key_id=disk_encryption.key.versionless_id,
                auto_key_rotation_enabled=True,
                encryption_type=(
                    "EncryptionAtRestWithPlatformAndCustomerKeys"
                    if double_encryption
                    else "EncryptionAtRestWithCustomerKey"
                ),
                identity=azurerm.disk_encryption_set.DiskEncryptionSetIdentity(
                    type="UserAssigned", identity_ids=[disk_encryption.identity.id]
                ),
                depends_on=[disk_encryption.grant],
                tags=tags,
            )
        system = props.system_pool
        name = naming.name("aks")
        window = {
            "day_of_week": props.maintenance.day,
            "start_time": f"{props.maintenance.start_hour:02d}:00",
            "utc_offset": props.maintenance.utc_offset,
            "duration": MAINTENANCE_HOURS,
            "frequency": "Weekly",
            "interval": 1,
        }
        self.cluster = kc.KubernetesCluster(
            self,
            "cluster",
            name=name,
            location=location,
            resource_group_name=resource_group.name,
            node_resource_group=f"{resource_group.name}-aks-nodes",
            dns_prefix=name,
            kubernetes_version=props.kubernetes_version,
            sku_tier=props.sku_tier,
            disk_encryption_set_id=self.disk_encryption_set.id if self.disk_encryption_set else None,
            private_cluster_enabled=True,
            private_cluster_public_fqdn_enabled=False,
            private_dns_zone_id="System",
            local_account_disabled=True,
            role_based_access_control_enabled=True,
            azure_active_directory_role_based_access_control=kc.KubernetesClusterAzureActiveDirectoryRoleBasedAccessControl(
                azure_rbac_enabled=True,
                admin_group_object_ids=[str(g) for g in props.admin_group_object_ids] or None,
            ),
            oidc_issuer_enabled=True,
            workload_identity_enabled=True,
            azure_policy_enabled=True,
            automatic_upgrade_channel=props.automatic_upgrade_channel,
            node_os_upgrade_channel=props.node_os_upgrade_channel,
            maintenance_window_auto_upgrade=kc.KubernetesClusterMaintenanceWindowAutoUpgrade(**window),
            maintenance_window_node_os=kc.KubernetesClusterMaintenanceWindowNodeOs(**window),
            identity=kc.KubernetesClusterIdentity(type="SystemAssigned"),
            default_node_pool=kc.KubernetesClusterDefaultNodePool(
                name=system.name,
                vm_size=system.vm_size,
                auto_scaling_enabled=True,
                min_count=system.min_count,
                max_count=system.max_count,
                node_count=system.initial_count,
                zones=list(system.zones),
                max_pods=system.max_pods,
                os_disk_type=system.os_disk,
                os_disk_size_gb=system.os_disk_size_gb,
                host_encryption_enabled=props.host_encryption,
                only_critical_addons_enabled=True,
                vnet_subnet_id=subnet.id,
                pod_subnet_id=pod_subnet_id,
                temporary_name_for_rotation=f"{system.name[:8]}tmp",
                upgrade_settings=kc.KubernetesClusterDefaultNodePoolUpgradeSettings(max_surge=f"{MAX_SURGE_PERCENT}%"),
            ),
            network_profile=kc.KubernetesClusterNetworkProfile(
                network_plugin="azure",
                network_plugin_mode="overlay" if props.pod_cidr else None,
                network_policy="azure",
                pod_cidr=str(props.pod_cidr) if props.pod_cidr else None,
                service_cidr=str(props.service_cidr),
                dns_service_ip=str(props.dns_service_ip),
                load_balancer_sku="standard",
                outbound_type=props.outbound_type,
            ),
            service_mesh_profile=kc.KubernetesClusterServiceMeshProfile(
                mode="Istio",
                revisions=list(props.istio_revisions),
                internal_ingress_gateway_enabled=True,
                external_ingress_gateway_enabled=False,
            ),
            oms_agent=kc.KubernetesClusterOmsAgent(
                log_analytics_workspace_id=workspace.id, msi_auth_for_monitoring_enabled=True
            ),
            key_vault_secrets_provider=kc.KubernetesClusterKeyVaultSecretsProvider(
                secret_rotation_enabled=True, secret_rotation_interval=SECRET_ROTATION_INTERVAL
            ),
            tags=tags,
        )
        app = props.application_pool
        self.application_pool = azurerm.kubernetes_cluster_node_pool.KubernetesClusterNodePool(
            self,
            "application-pool",
            name=app.name[:12],
            kubernetes_cluster_id=self.cluster.id,
            vm_size=app.vm_size,
            mode="User",
            auto_scaling_enabled=True,
            min_count=app.min_count,
            max_count=app.max_count,
            node_count=app.initial_count,
            zones=list(app.zones),
            max_pods=app.max_pods,
            os_disk_type=app.os_disk,
            os_disk_size_gb=app.os_disk_size_gb,
            host_encryption_enabled=props.host_encryption,
            node_taints=list(app.taints) or None,
            vnet_subnet_id=subnet.id,
            pod_subnet_id=pod_subnet_id,
            upgrade_settings=azurerm.kubernetes_cluster_node_pool.KubernetesClusterNodePoolUpgradeSettings(
                max_surge=f"{MAX_SURGE_PERCENT}%"
            ),
            tags=tags,
        )

    @property
    def cluster_id(self) -> str:
        return self.cluster.id

    @property
    def kubelet_identity_object_id(self) -> str:
        return self.cluster.kubelet_identity.object_id

    @property
    def oidc_issuer_url(self) -> str:
        return self.cluster.oidc_issuer_url

    @property
    def node_resource_group(self) -> str:
        return self.cluster.node_resource_group

    def attach_application_gateway(self, gateway_id: str) -> str:
        """Turn on the AGIC add-on for ``gateway_id`` (K-2); returns the add-on identity's object id."""
        self.cluster.put_ingress_application_gateway(gateway_id=gateway_id)
        return self.cluster.ingress_application_gateway.ingress_application_gateway_identity.get(0).object_id
