"""``ZonalAksCluster``: a private, zone-spread AKS cluster with system and application pools (K-1 … K-9)."""

from __future__ import annotations

import math
import re
from ipaddress import IPv4Address, IPv4Network
from typing import Annotated, Final, Literal
from uuid import UUID

from pydantic import AfterValidator, Field, model_validator

from .azure_limits import AKS_RESERVED_RANGES, VM_SIZES
from .maintenance import MaintenanceSlot
from .network import AKS, AKS_POD, NetworkProps
from .props import Props, Zones, refusal

# --- Spec defaults -------------------------------------------------------------------------------

KUBERNETES_VERSION = "1.34"
"""K-1 resolution: the design's 1.29 is out of AKS support; a supported minor, patched automatically."""
SUPPORTED_KUBERNETES_VERSIONS = frozenset({"1.32", "1.33", "1.34", "1.35"})
"""Minors AKS offers (standard or LTS) as of 2026-11; widen as AKS releases new ones."""
SKU_TIER: Final = "Standard"  # K-2
SYSTEM_POOL_VM_SIZE = "Standard_D4s_v3"  # K-3
SYSTEM_POOL_MIN, SYSTEM_POOL_MAX = 3, 5  # K-3
APPLICATION_POOL_VM_SIZE = "Standard_D8s_v3"  # K-4
APPLICATION_POOL_MIN, APPLICATION_POOL_MAX = 6, 20  # K-4
APPLICATION_TAINT = "application-workload=true:NoSchedule"  # K-4
ALL_ZONES = ("1", "2", "3")  # K-3, K-4
DNS_SERVICE_IP_OFFSET = 10
"""The cluster DNS service's address within ``service_cidr`` when none is given: the tenth, as in
AKS's own defaults (``10.0.0.10`` in ``10.0.0.0/16``)."""
ISTIO_REVISIONS = ("asm-1-26",)  # K-7: an AKS-supported Istio add-on revision
UPGRADE_CHANNEL: Final = "patch"  # K-1 resolution
NODE_OS_UPGRADE_CHANNEL: Final = "NodeImage"
MAX_SURGE_PERCENT = 33  # extra nodes during an upgrade: a third of a pool at a time
MAINTENANCE_HOURS = 4  # AKS refuses planned-maintenance windows shorter than 4 hours
MAX_PODS = 50  # Azure's security baseline asks for at least 50 per node; the pod subnet holds them
HOST_ENCRYPTION = True  # S-3: temp disks, caches and disk traffic encrypted on the host
SECRET_ROTATION_INTERVAL = "2m"  # S-2: the Key Vault CSI driver picks up rotated secrets
EPHEMERAL_OS_DISK_MAX_GB = {  # the VM size's cache, where an ephemeral OS disk lives (Dsv3 series)
    "Standard_D2s_v3": 50,
    "Standard_D4s_v3": 100,
    "Standard_D8s_v3": 200,
    "Standard_D16s_v3": 400,
    "Standard_D32s_v3": 800,
}
OS_DISK_SIZE_GB = 128  # AKS's default OS disk size, capped by the cache for ephemeral disks

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
    os_disk_type: Literal["Ephemeral", "Managed"] | None = None
    """``None``: Ephemeral where the VM size's cache is known (``EPHEMERAL_OS_DISK_MAX_GB``), else
    Managed. Ephemeral OS disks live in the VM cache: faster, no storage cost, re-imaged with the node."""

    @model_validator(mode="after")
    def _counts(self) -> NodePoolProps:
        if self.vm_size not in VM_SIZES:
            raise refusal(
                f"{self.name}.vm_size", self.vm_size, f"a VM size of config.azure_limits.VM_SIZES {sorted(VM_SIZES)}"
            )
        if self.os_disk_type == "Ephemeral" and self.vm_size not in EPHEMERAL_OS_DISK_MAX_GB:
            raise refusal(
                f"{self.name}.os_disk_type",
                self.os_disk_type,
                f"'Managed' for a VM size other than {sorted(EPHEMERAL_OS_DISK_MAX_GB)}",
            )
        if not _POOL_NAME.fullmatch(self.name):
            raise refusal("name", self.name, "1-12 lowercase letters or digits starting with a letter")
        if self.min_count > self.max_count:
            raise refusal(f"{self.name}.min_count", self.min_count, f"<= max_count ({self.max_count})")
        if self.node_count is not None and not self.min_count <= self.node_count <= self.max_count:
            raise refusal(
                f"{self.name}.node_count",
                self.node_count,
                f"within [min_count, max_count] = [{self.min_count}, {self.max_count}]",
            )
        return self

    @property
    def initial_count(self) -> int:
        return self.min_count if self.node_count is None else self.node_count

    @property
    def os_disk(self) -> str:
        """The OS disk type the pool gets."""
        if self.os_disk_type is not None:
            return self.os_disk_type
        return "Ephemeral" if self.vm_size in EPHEMERAL_OS_DISK_MAX_GB else "Managed"

    @property
    def os_disk_size_gb(self) -> int:
        if self.os_disk == "Managed":
            return OS_DISK_SIZE_GB
        return min(OS_DISK_SIZE_GB, EPHEMERAL_OS_DISK_MAX_GB[self.vm_size])


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
    service_cidr: IPv4Network
    """Kubernetes service addresses, disjoint from every VNet and subnet. No default: the address
    plan is the user's choice."""
    dns_service_ip: IPv4Address | None = None
    """The cluster DNS service's address in ``service_cidr``; ``None``: its address at
    ``DNS_SERVICE_IP_OFFSET`` (``.10``)."""
    pod_cidr: IPv4Network | None = None
    """``None``: Azure CNI with pods in their own VNet subnet (dynamic IP allocation), which the
    Application Gateway can reach (K-2). A CIDR: Azure CNI Overlay, which AGIC does not support."""
    outbound_type: Literal["loadBalancer", "userDefinedRouting"] = "loadBalancer"
    """Egress path; ``userDefinedRouting`` when the hub's Azure Firewall takes the egress (G-5)."""
    automatic_upgrade_channel: Literal["patch", "stable", "rapid", "node-image"] = UPGRADE_CHANNEL
    node_os_upgrade_channel: Literal["NodeImage", "SecurityPatch", "Unmanaged", "None"] = NODE_OS_UPGRADE_CHANNEL
    maintenance: MaintenanceSlot = MaintenanceSlot()
    """Weekly slot for cluster and node-image upgrades (the design's Sunday 02:00 KST)."""
    istio_revisions: tuple[str, ...] = Field(default=ISTIO_REVISIONS, min_length=1, max_length=2)
    host_encryption: bool = HOST_ENCRYPTION
    """Encryption at host on every node (S-3); the subscription needs the ``EncryptionAtHost`` feature."""
    admin_group_object_ids: tuple[UUID, ...] = ()
    """Entra groups given cluster-admin through Azure RBAC (K-2)."""

    @model_validator(mode="after")
    def _checks(self) -> ZonalAksClusterProps:
        if self.dns_service_ip is None:  # frozen: part of validation
            object.__setattr__(self, "dns_service_ip", self.service_cidr.network_address + DNS_SERVICE_IP_OFFSET)
        if self.kubernetes_version not in SUPPORTED_KUBERNETES_VERSIONS:
            raise refusal(
                "kubernetes_version", self.kubernetes_version, f"one of {sorted(SUPPORTED_KUBERNETES_VERSIONS)}"
            )
        if self.system_pool.min_count < 1:
            raise refusal(
                "system_pool.min_count", self.system_pool.min_count, ">= 1 (the system pool cannot scale to zero)"
            )
        if self.system_pool.taints:
            raise refusal(
                "system_pool.taints",
                list(self.system_pool.taints),
                "empty: critical add-ons only is set by the construct",
            )
        if self.dns_service_ip not in self.service_cidr:
            raise refusal("dns_service_ip", str(self.dns_service_ip), f"inside service_cidr {self.service_cidr}")
        if self.dns_service_ip == self.service_cidr.network_address:
            raise refusal("dns_service_ip", str(self.dns_service_ip), "not the network address of service_cidr")
        if self.dns_service_ip == self.service_cidr.network_address + 1:
            raise refusal(
                "dns_service_ip",
                str(self.dns_service_ip),
                "another address than the first of service_cidr (the Kubernetes API service's ClusterIP)",
            )
        reserved = [str(r) for r in AKS_RESERVED_RANGES if self.service_cidr.overlaps(r)]
        if reserved:
            raise refusal("service_cidr", str(self.service_cidr), f"outside the ranges AKS reserves {reserved}")
        if self.pod_cidr is not None and self.service_cidr.overlaps(self.pod_cidr):
            raise refusal("service_cidr", str(self.service_cidr), f"disjoint from pod_cidr {self.pod_cidr}")
        return self

    def check_environment(self, *, network: NetworkProps, application_gateway_ingress: bool) -> None:
        """Checks against the environment's network: CIDR overlaps, subnet sizes at full scale plus
        upgrade surge, and the CNI mode AGIC supports (K-2)."""
        for field, prefix in (("aks.service_cidr", self.service_cidr), ("aks.pod_cidr", self.pod_cidr)):
            clash = [name for name, net in network.all_cidrs if prefix is not None and net.overlaps(prefix)]
            if clash:
                raise refusal(field, str(prefix), f"disjoint from every VNet and subnet, overlaps {clash}")
        if application_gateway_ingress and self.pod_cidr is not None:
            raise refusal(
                "aks.pod_cidr",
                str(self.pod_cidr),
                "None: the Application Gateway ingress controller does not support Azure CNI Overlay",
            )
        nodes = sum(pool.max_count + math.ceil(pool.max_count * MAX_SURGE_PERCENT / 100) for pool in self.pools)
        needs = {AKS: nodes}
        if self.pod_cidr is None:
            needs[AKS_POD] = sum(
                (pool.max_count + math.ceil(pool.max_count * MAX_SURGE_PERCENT / 100)) * pool.max_pods
                for pool in self.pools
            )
        for role, addresses in needs.items():
            subnet = network.spoke.by_role(role)
            name = subnet.name if subnet else role
            usable = subnet.cidr.num_addresses - 5 if subnet else 0  # Azure reserves 5 per subnet
            if usable < addresses:
                raise refusal(
                    f"network.spoke.subnets.{name}.cidr",
                    str(subnet.cidr) if subnet else None,
                    f"a subnet with at least {addresses} usable addresses for the node pools at max_count plus surge",
                )

    @property
    def pools(self) -> tuple[NodePoolProps, NodePoolProps]:
        return (self.system_pool, self.application_pool)

    @property
    def zones(self) -> tuple[str, ...]:
        """Zones that every pool spans."""
        return tuple(sorted(set(self.system_pool.zones) & set(self.application_pool.zones)))
