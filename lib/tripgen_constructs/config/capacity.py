"""Does the workload fit its node pool? Requests at HPA max against the pool's allocatable at
max nodes.

Allocatable follows AKS's node resource reservations for Kubernetes 1.29+ (learn.microsoft.com,
"Node resource reservations"): kube-reserved CPU by core count; kube-reserved memory is the lesser
of 20 MiB × max pods + 50 MiB and 25 % of the VM's memory, plus the 100 Mi eviction threshold.
Every pod also carries the Istio sidecar (K-7), whose requests count too. DaemonSets (Container
Insights, CNI) are not counted: the check is a necessary condition, not a scheduler simulation.
"""

from __future__ import annotations

from dataclasses import dataclass

from .aks import NodePoolProps
from .azure_limits import VM_SIZES
from .props import refusal
from .workloads import WorkloadsProps, memory_bytes, millicores

MiB = 2**20
GiB = 2**30


_KUBE_RESERVED_CPU_M = ((1, 60), (2, 100), (4, 140), (8, 180), (16, 260), (32, 420), (64, 740))
"""(cores, kube-reserved millicores) from AKS's table; a size between two rows takes the larger."""
EVICTION_THRESHOLD = 100 * MiB  # AKS 1.29+: memory.available<100Mi
SIDECAR_CPU_M = 100  # AKS Istio add-on default istio-proxy request (K-7)
SIDECAR_MEMORY = 128 * MiB


@dataclass(frozen=True)
class NodeAllocatable:
    cpu_m: int
    memory: int
    pods: int


def allocatable(pool: NodePoolProps) -> NodeAllocatable:
    """What one node of ``pool`` offers to pods."""
    cores, memory_gib = VM_SIZES[pool.vm_size]
    reserved_cpu = next((m for c, m in _KUBE_RESERVED_CPU_M if c >= cores), _KUBE_RESERVED_CPU_M[-1][1])
    memory = memory_gib * GiB
    reserved_memory = min(20 * MiB * pool.max_pods + 50 * MiB, memory // 4) + EVICTION_THRESHOLD
    return NodeAllocatable(cpu_m=cores * 1000 - reserved_cpu, memory=memory - reserved_memory, pods=pool.max_pods)


@dataclass(frozen=True)
class Capacity:
    """Requests of every service at HPA max (sidecars included) against the pool at max nodes."""

    pool: str
    vm_size: str
    max_nodes: int
    requested_cpu_m: int
    allocatable_cpu_m: int
    requested_memory: int
    allocatable_memory: int
    requested_pods: int
    allocatable_pods: int


def check_capacity(workloads: WorkloadsProps, pool: NodePoolProps) -> Capacity:
    """Refuse a workload whose pods at HPA max cannot fit ``pool`` at ``max_count`` nodes, or whose
    single pod exceeds one node."""
    node = allocatable(pool)
    for s in workloads.services:
        cpu, mem = (
            millicores(s.cpu_request) + SIDECAR_CPU_M,
            memory_bytes(s.memory_request) + SIDECAR_MEMORY,
        )
        if cpu > node.cpu_m or mem > node.memory:
            raise refusal(
                f"workloads.{s.name}.requests",
                f"{s.cpu_request}/{s.memory_request} (+ sidecar)",
                f"within one {pool.vm_size} node's allocatable ({node.cpu_m}m/{node.memory // MiB}Mi)",
            )
    capacity = Capacity(
        pool=pool.name,
        vm_size=pool.vm_size,
        max_nodes=pool.max_count,
        requested_cpu_m=sum(s.max_replicas * (millicores(s.cpu_request) + SIDECAR_CPU_M) for s in workloads.services),
        allocatable_cpu_m=pool.max_count * node.cpu_m,
        requested_memory=sum(
            s.max_replicas * (memory_bytes(s.memory_request) + SIDECAR_MEMORY) for s in workloads.services
        ),
        allocatable_memory=pool.max_count * node.memory,
        requested_pods=sum(s.max_replicas for s in workloads.services),
        allocatable_pods=pool.max_count * node.pods,
    )
    for what, need, have, unit in (
        ("cpu", capacity.requested_cpu_m, capacity.allocatable_cpu_m, "m"),
        ("memory", capacity.requested_memory // MiB, capacity.allocatable_memory // MiB, "Mi"),
        ("pods", capacity.requested_pods, capacity.allocatable_pods, ""),
    ):
        if need > have:
            raise refusal(
                "workloads.services",
                f"{need}{unit} {what} requested at HPA max",
                f"<= {have}{unit}, the allocatable {what} of {pool.max_count} × {pool.vm_size} "
                f"(aks.{pool.name}_pool.max_count); raise max_count or lower max_replicas/requests",
            )
    return capacity
