"""``ZonalAksCluster``: a private, zone-spread AKS cluster with system and application pools (K-1 … K-9)."""

from __future__ import annotations

import re
from ipaddress import IPv4Address, IPv4Network
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AfterValidator, Field, model_validator

from ._cdk import Construct, azurerm
from .naming import Naming
from .props import Props, Zones, refusal

# --- Spec defaults -------------------------------------------------------------------------------

KUBERNETES_VERSION = "1.34"
"""K-1 resolution: the design's 1.29 is out of AKS support; a supported minor, patched automatically."""
SUPPORTED_KUBERNETES_VERSIONS = frozenset({"1.32", "1.33", "1.34", "1.35"})
"""Minors AKS offers (standard or LTS) as of 2026-11; widen as AKS releases new ones."""
SKU_TIER = "Standard"  # K-2
SYSTEM_POOL_VM_SIZE = "Standard_D4s_v3"  # K-3
SYSTEM_POOL_MIN, SYSTEM_POOL_MAX = 3, 5  # K-3
APPLICATION_POOL_VM_SIZE = "Standard_D8s_v3"  # K-4
APPLICATION_POOL_MIN, APPLICATION_POOL_MAX = 6, 20  # K-4
APPLICATION_TAINT = "application-workload=true:NoSchedule"  # K-4
ALL_ZONES = ("1", "2", "3")  # K-3, K-4
SERVICE_CIDR = IPv4Network("10.2.0.0/16")  # outside every VNet of N-1/N-3
DNS_SERVICE_IP = IPv4Address("10.2.0.10")
POD_CIDR = IPv4Network("10.244.0.0/16")  # overlay: pods do not consume the /24 AKS subnet (N-2)
ISTIO_REVISIONS = ("asm-1-26",)  # K-7: an AKS-supported Istio add-on revision
UPGRADE_CHANNEL = "patch"  # K-1 resolution
NODE_OS_UPGRADE_CHANNEL = "NodeImage"
MAINTENANCE_DAY = "Sunday"  # the design's Sunday 02:00 KST maintenance slot
MAINTENANCE_START = "02:00"
MAINTENANCE_UTC_OFFSET = "+09:00"  # KST
MAINTENANCE_HOURS = 4  # AKS refuses planned-maintenance windows shorter than 4 hours
MAX_PODS = 30

_TAINT = re.compile(
    r"(?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?"
    r"=[A-Za-z0-9]?([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?:(NoSchedule|PreferNoSchedule|NoExecute)"
)
_POOL_NAME = re.compile(r"[a-z][a-z0-9]{0,11}")


def _check_taint(value: str) -> str:
    if not _TAINT.fullmatch(value):
        raise refusal("taints", value, "'key=value:Effect' with Effect NoSchedule, PreferNoSchedule or NoExecute")
    return value


Taint = Annotated[str, AfterValidator(_check_taint)]


class NodePoolProps(Props):
    """An autoscaled node pool spread over zones."""

    name: str
    vm_size: str
    min_count: int = Field(ge=0, le=1000)
    max_count: int = Field(ge=1, le=1000)
    node_count: int | None = None
    """Initial node count; ``None`` starts at ``min_count``."""
    zones: Zones = ALL_ZONES
    taints: tuple[Taint, ...] = ()
    max_pods: int = Field(default=MAX_PODS, ge=10, le=250)

    @model_validator(mode="after")
    def _counts(self) -> NodePoolProps:
        if not _POOL_NAME.fullmatch(self.name):
            raise refusal("name", self.name, "1-12 lowercase letters or digits starting with a letter")
        if self.min_count > self.max_count:
            raise refusal(f"{self.name}.min_count", self.min_count, f"<= max_count ({self.max_count})")
        if self.node_count is not None and not self.min_count <= self.node_count <= self.max_count:
            raise refusal(
                f"{self.name}.node_count", self.node_count, f"within [min_count, max_count] = [{self.min_count}, {self.max_count}]"
            )
        return self

    @property
    def initial_count(self) -> int:
        return self.min_count if self.node_count is None else self.node_count


DEFAULT_SYSTEM_POOL = NodePoolProps(
    name="system", vm_size=SYSTEM_POOL_VM_SIZE, min_count=SYSTEM_POOL_MIN, max_count=SYSTEM_POOL_MAX, node_count=3
)
DEFAULT_APPLICATION_POOL = NodePoolProps(
    name="application",
    vm_size=APPLICATION_POOL_VM_SIZE,
    min_count=APPLICATION_POOL_MIN,
    max_count=APPLICATION_POOL_MAX,
    node_count=6,
    taints=(APPLICATION_TAINT,),
)


class ZonalAksClusterProps(Props):
    """Settings of a ``ZonalAksCluster``; every default is the production design's value."""

    kubernetes_version: str = KUBERNETES_VERSION
    sku_tier: Literal["Free", "Standard", "Premium"] = SKU_TIER
    system_pool: NodePoolProps = DEFAULT_SYSTEM_POOL
    application_pool: NodePoolProps = DEFAULT_APPLICATION_POOL
    service_cidr: IPv4Network = SERVICE_CIDR
    dns_service_ip: IPv4Address = DNS_SERVICE_IP
    pod_cidr: IPv4Network = POD_CIDR
    outbound_type: Literal["loadBalancer", "userDefinedRouting"] = "loadBalancer"
    """Egress path; ``userDefinedRouting`` when the hub's Azure Firewall takes the egress (G-5)."""
    automatic_upgrade_channel: Literal["patch", "stable", "rapid", "node-image"] = UPGRADE_CHANNEL
    node_os_upgrade_channel: Literal["NodeImage", "SecurityPatch", "Unmanaged", "None"] = NODE_OS_UPGRADE_CHANNEL
    maintenance_day: Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] = MAINTENANCE_DAY
    maintenance_start: str = Field(default=MAINTENANCE_START, pattern=r"([01]\d|2[0-3]):[0-5]\d")
    istio_revisions: tuple[str, ...] = Field(default=ISTIO_REVISIONS, min_length=1, max_length=2)
    admin_group_object_ids: tuple[UUID, ...] = ()
    """Entra groups given cluster-admin through Azure RBAC (K-2)."""

    @model_validator(mode="after")
    def _checks(self) -> ZonalAksClusterProps:
        if self.kubernetes_version not in SUPPORTED_KUBERNETES_VERSIONS:
            raise refusal("kubernetes_version", self.kubernetes_version, f"one of {sorted(SUPPORTED_KUBERNETES_VERSIONS)}")
        if self.system_pool.min_count < 1:
            raise refusal("system_pool.min_count", self.system_pool.min_count, ">= 1 (the system pool cannot scale to zero)")
        if self.system_pool.taints:
            raise refusal("system_pool.taints", list(self.system_pool.taints), "empty: critical add-ons only is set by the construct")
        if self.dns_service_ip not in self.service_cidr:
            raise refusal("dns_service_ip", str(self.dns_service_ip), f"inside service_cidr {self.service_cidr}")
        if self.dns_service_ip == self.service_cidr.network_address:
            raise refusal("dns_service_ip", str(self.dns_service_ip), "not the network address of service_cidr")
        if self.service_cidr.overlaps(self.pod_cidr):
            raise refusal("service_cidr", str(self.service_cidr), f"disjoint from pod_cidr {self.pod_cidr}")
        return self

    @property
    def pools(self) -> tuple[NodePoolProps, NodePoolProps]:
        return (self.system_pool, self.application_pool)

    @property
    def zones(self) -> tuple[str, ...]:
        """Zones that every pool spans."""
        return tuple(sorted(set(self.system_pool.zones) & set(self.application_pool.zones)))


class ZonalAksCluster(Construct):
    """Private AKS cluster, Standard tier, Azure CNI (overlay) with Azure network policy, Entra ID
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
        workspace: azurerm.log_analytics_workspace.LogAnalyticsWorkspace,
        tags: dict[str, str],
    ) -> None:
        super().__init__(scope, id)
        self.props = props
        kc = azurerm.kubernetes_cluster
        system = props.system_pool
        name = naming.name("aks")
        window = {
            "day_of_week": props.maintenance_day,
            "start_time": props.maintenance_start,
            "utc_offset": MAINTENANCE_UTC_OFFSET,
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
                only_critical_addons_enabled=True,
                vnet_subnet_id=subnet.id,
                temporary_name_for_rotation=f"{system.name[:8]}tmp",
                upgrade_settings=kc.KubernetesClusterDefaultNodePoolUpgradeSettings(max_surge="33%"),
            ),
            network_profile=kc.KubernetesClusterNetworkProfile(
                network_plugin="azure",
                network_plugin_mode="overlay",
                network_policy="azure",
                pod_cidr=str(props.pod_cidr),
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
            node_taints=list(app.taints) or None,
            vnet_subnet_id=subnet.id,
            upgrade_settings=azurerm.kubernetes_cluster_node_pool.KubernetesClusterNodePoolUpgradeSettings(max_surge="33%"),
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
        return (
            self.cluster.ingress_application_gateway.ingress_application_gateway_identity.get(0).object_id
        )
