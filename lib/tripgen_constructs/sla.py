"""Composite SLA of a synthesized stack along the user request path (N-6), from published figures.

Internet → Front Door → Application Gateway (WAF) → AKS (API server, node VMs) → the data services a
request needs (PostgreSQL, Redis and Service Bus, each with the private endpoint it is reached
through). Hops are in series; alternatives form a parallel stage (``1 − Π(1 − a)``) only where one
really takes over without an operator. A hop without a published figure is "not in the SLA": it is
listed, never counted as 100 %, and it turns the composite into an upper bound. Figures come from
``config.sla_table``; the stack is read through ``synthesized`` (no construct, cdktf or jsii import).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from .config import sla_table as t
from .synthesized import Resource, Stack, of_type, where

MONTH_MINUTES = 30 * 24 * 60
"""Minutes in the 30-day month in which the design states T-1's 43 minutes of downtime."""


@dataclass(frozen=True)
class Hop:
    """One resource on the request path and the published figure that covers it."""

    name: str
    path: str
    """Construct path of the resource that carries the configuration."""
    configuration: str
    row: t.SlaRow | None
    """``None``: no published figure for this configuration ("not in the SLA")."""
    role: str
    """``edge``, ``gateway``, ``cluster``, ``nodes``, ``database``, ``cache``, ``queue``, ``egress``;
    a private endpoint has the role of the service behind it."""
    why_not: str = ""
    """Why there is no figure, for hops without a row."""

    @property
    def availability(self) -> float | None:
        return None if self.row is None else self.row.availability


@dataclass(frozen=True)
class Stage:
    """A step of the path: one hop, or alternatives of which any one serves (parallel)."""

    hops: tuple[Hop, ...]

    @property
    def availability(self) -> float | None:
        """``1 − Π(1 − a)`` over the alternatives; ``None`` when any of them has no figure."""
        figures = [h.availability for h in self.hops]
        if any(a is None for a in figures):
            return None
        return 1 - math.prod(1 - a for a in figures if a is not None)

    @property
    def role(self) -> str:
        return self.hops[0].role

    @property
    def label(self) -> str:
        names = " ∥ ".join(h.name for h in self.hops)
        return names if len(self.hops) == 1 else f"{names} (parallel)"


@dataclass(frozen=True)
class Excluded:
    """A resource left off the path, and why (a read replica, a manual geo-DR pair, ...)."""

    name: str
    path: str
    reason: str


@dataclass(frozen=True)
class Change:
    """A change to the design and the composite it would give."""

    description: str
    composite: float
    azure_cost: str
    """``none`` for an application-level change; otherwise what it adds to the bill."""


@dataclass(frozen=True)
class SlaReport:
    environment: str
    stages: tuple[Stage, ...]
    excluded: tuple[Excluded, ...]
    target: float | None
    """The environment's availability target in percent (T-1: 99.9 for prod); ``None``: no target."""
    changes: tuple[Change, ...] = field(default=())
    together: Change | None = None
    """The cheapest changes of ``changes`` that together reach the target, if any set does."""

    @property
    def composite(self) -> float:
        """Product of the stages that have a figure (an upper bound when ``not_in_sla`` is not empty)."""
        return composite(self.stages)

    @property
    def not_in_sla(self) -> tuple[Hop, ...]:
        return tuple(h for s in self.stages for h in s.hops if h.availability is None)

    @property
    def upper_bound(self) -> bool:
        return bool(self.not_in_sla)

    @property
    def weakest(self) -> tuple[Stage, ...]:
        """The stages with the lowest published figure (all of them when several tie)."""
        known = [s for s in self.stages if s.availability is not None]
        if not known:
            return ()
        lowest = min(s.availability or 0.0 for s in known)
        return tuple(s for s in known if s.availability == lowest)

    @property
    def gap(self) -> float | None:
        """Composite minus target, in percentage points (negative: short of the target)."""
        return None if self.target is None else self.composite * 100 - self.target

    @property
    def meets_target(self) -> bool | None:
        """False when even the upper bound misses; None when only an upper bound reaches it."""
        if self.target is None or self.gap is None:
            return None
        if self.gap < 0:
            return False
        return None if self.upper_bound else True

    def downtime_minutes(self, availability: float | None = None) -> float:
        return (1 - (self.composite if availability is None else availability)) * MONTH_MINUTES

    def warning(self) -> str | None:
        """What the main job prints when the target is not confirmed as met."""
        if self.target is None or self.meets_target:
            return None
        shown = f"{self.composite * 100:.3f} %"
        if self.meets_target is False:
            return f"{self.environment}: composite SLA {shown} misses the target {self.target} %"
        missing = ", ".join(h.name for h in self.not_in_sla)
        return (
            f"{self.environment}: composite SLA is at most {shown}; the target {self.target} % cannot be "
            f"confirmed ({missing} not in the SLA table)"
        )


def composite(stages: Iterable[Stage]) -> float:
    """Series composite of the stages that have a figure."""
    return math.prod(a for s in stages if (a := s.availability) is not None)


# ---------------------------------------------------------------------------------- the path
def assess(stack: Stack, target: float | None = None) -> SlaReport:
    """The composite SLA of ``stack`` along the request path, compared with ``target`` (percent)."""
    stages: list[Stage] = []
    excluded: list[Excluded] = []
    origins = len(list(of_type(stack, "azurerm_cdn_frontdoor_origin")))

    def regional(hops: list[Hop]) -> None:
        # Several gateways or clusters are alternatives only when Front Door has an origin for each.
        if len(hops) > 1 and origins >= len(hops):
            stages.append(Stage(tuple(hops)))
        else:
            stages.extend(Stage((h,)) for h in hops)

    stages.extend(Stage((_front_door(r),)) for r in of_type(stack, "azurerm_cdn_frontdoor_profile"))
    regional([_gateway(r) for r in of_type(stack, "azurerm_application_gateway")])
    clusters = list(of_type(stack, "azurerm_kubernetes_cluster"))
    regional([_cluster(r) for r in clusters])
    regional([_nodes(r) for r in clusters])
    for server in of_type(stack, "azurerm_postgresql_flexible_server"):
        if server.get("create_mode") == "Replica":
            excluded.append(Excluded(f"PostgreSQL replica {server.get('name')}", where(server), REPLICA))
        else:
            stages.append(Stage((_postgres(server),)))
    for cache in of_type(stack, "azurerm_redis_cache"):
        stages.append(Stage((_redis(cache),)))
        stages.extend(Stage((pe,)) for pe in _endpoints(stack, cache, "cache"))
    partners = {
        ref.target
        for dr in of_type(stack, "azurerm_servicebus_namespace_disaster_recovery_config")
        for ref in stack.refs_from(dr.address)
        if ref.at == "partner_namespace_id"
    }
    for namespace in of_type(stack, "azurerm_servicebus_namespace"):
        if namespace.address in partners:
            excluded.append(Excluded(f"Service Bus {namespace.get('name')}", where(namespace), GEO_DR))
            continue
        stages.append(Stage((Hop("Service Bus", where(namespace), str(namespace.get("sku")), t.SERVICE_BUS, "queue"),)))
        stages.extend(Stage((pe,)) for pe in _endpoints(stack, namespace, "queue"))
    for firewall in of_type(stack, "azurerm_firewall"):
        stages.append(Stage((Hop("Azure Firewall", where(firewall), "egress", None, "egress", NO_FIGURE),)))
    for rtype, name in OFF_PATH.items():
        excluded.extend(Excluded(name, where(r), OFF_PATH_REASON[rtype]) for r in of_type(stack, rtype))
    report = SlaReport(stack.environment, tuple(stages), tuple(excluded), target)
    return _with_changes(report)


REPLICA = "a read replica serves reads only and is no failover target until an operator promotes it"
GEO_DR = "the Geo-DR alias fails over to this namespace only when an operator triggers it (manual failover)"
GATEWAY_ELIGIBLE = "eligible for the SLA (≥ 2 instances with autoscale or zones)"
GATEWAY_NOT_ELIGIBLE = "not eligible for the SLA (needs ≥ 2 instances with autoscale or zones)"
BASIC = "no SLA for the Basic tier"
NO_FIGURE = "no published figure for this configuration was found in a citable page"
OFF_PATH = {
    "azurerm_key_vault": "Key Vault",
    "azurerm_container_registry": "Container Registry",
    "azurerm_storage_account": "Storage account",
    "azurerm_log_analytics_workspace": "Log Analytics workspace",
}
OFF_PATH_REASON = {
    "azurerm_key_vault": "secrets reach pods through the CSI driver at start and rotation, not per request",
    "azurerm_container_registry": "images are pulled when pods start, not per request",
    "azurerm_storage_account": "configuration backups and Redis snapshots only",
    "azurerm_log_analytics_workspace": "telemetry; a request does not wait for it",
}


def _front_door(profile: Resource) -> Hop:
    sku = str(profile.get("sku_name"))
    row = t.FRONT_DOOR if sku in ("Standard_AzureFrontDoor", "Premium_AzureFrontDoor") else None
    return Hop("Front Door", where(profile), sku, row, "edge", "" if row else NO_FIGURE)


def _gateway(gateway: Resource) -> Hop:
    autoscale = gateway.get("autoscale_configuration") or {}
    config = f"{gateway.get('sku.name')}, min {autoscale.get('min_capacity', gateway.get('sku.capacity'))}"
    zones = gateway.get("zones") or []
    config += f", zones {','.join(zones)}" if zones else ", no zones"
    low = int(autoscale.get("min_capacity", gateway.get("sku.capacity") or 0))
    eligible = low >= 2 and bool(autoscale or zones)  # PSRule Azure.AppGw.MinInstance reads min capacity too
    why = f"{NO_FIGURE}; {GATEWAY_ELIGIBLE if eligible else GATEWAY_NOT_ELIGIBLE} ({t.GATEWAY_ELIGIBILITY})"
    return Hop("Application Gateway", where(gateway), config, None, "gateway", why)


def _zoned(cluster: Resource) -> bool:
    return len(cluster.get("default_node_pool.zones") or []) >= 2


def _cluster(cluster: Resource) -> Hop:
    tier = str(cluster.get("sku_tier") or "Free")  # azurerm's default tier is Free
    zoned = _zoned(cluster)
    if tier in ("Standard", "Premium"):
        row: t.SlaRow | None = t.AKS_STANDARD_ZONES if zoned else t.AKS_STANDARD
    else:
        row = t.AKS_FREE
    config = f"{tier} tier, {'zones ' + ','.join(cluster.get('default_node_pool.zones')) if zoned else 'no zones'}"
    return Hop("AKS API server", where(cluster), config, row, "cluster")


def _nodes(cluster: Resource) -> Hop:
    zones = cluster.get("default_node_pool.zones") or []
    config = f"VM scale sets, zones {','.join(zones)}" if zones else "VM scale sets, no zones"
    path = f"{where(cluster)} (node pools)"
    return Hop("AKS node VMs", path, config, None, "nodes", NO_FIGURE)


POSTGRES_HA = {"ZoneRedundant": t.POSTGRES_ZONE_REDUNDANT, "SameZone": t.POSTGRES_SAME_ZONE}


def _postgres(server: Resource) -> Hop:
    mode = server.get("high_availability.mode")
    row = POSTGRES_HA.get(str(mode), t.POSTGRES_NO_HA)
    config = f"{server.get('sku_name')}, {f'HA {mode}' if mode else 'no HA'}"
    return Hop("PostgreSQL", where(server), config, row, "database")


def _redis(cache: Resource) -> Hop:
    sku = str(cache.get("sku_name"))
    row = t.REDIS if sku in ("Standard", "Premium") else None
    config = f"{sku} {cache.get('family')}{cache.get('capacity')}"
    return Hop("Redis", where(cache), config, row, "cache", "" if row else BASIC)


def _endpoints(stack: Stack, target: Resource, role: str) -> list[Hop]:
    return [
        Hop(f"Private endpoint ({role})", where(pe), "private endpoint", t.PRIVATE_LINK, role)
        for pe in of_type(stack, "azurerm_private_endpoint")
        if any(r.target == target.address for r in stack.refs_from(pe.address))
    ]


# ---------------------------------------------------------------------------------- changes
CACHE_FALLBACK = "serve reads from PostgreSQL when Redis fails (cache-aside with fallback)"
OUTBOX = "write requests to a transactional outbox in PostgreSQL and publish to Service Bus asynchronously"
LEAVES = ": {} and its private endpoint leave the request path"
APP_CHANGES = {"cache": CACHE_FALLBACK + LEAVES.format("Redis"), "queue": OUTBOX + LEAVES.format("Service Bus")}
UPGRADES = {
    t.AKS_FREE: t.AKS_STANDARD,
    t.AKS_STANDARD: t.AKS_STANDARD_ZONES,
    t.POSTGRES_NO_HA: t.POSTGRES_SAME_ZONE,
    t.POSTGRES_SAME_ZONE: t.POSTGRES_ZONE_REDUNDANT,
}


Transform = Callable[[tuple[Stage, ...]], tuple[Stage, ...]]


def _without(role: str) -> Transform:
    return lambda stages: tuple(s for s in stages if s.role != role)


def _upgraded(path: str, row: t.SlaRow) -> Transform:
    def apply(stages: tuple[Stage, ...]) -> tuple[Stage, ...]:
        return tuple(Stage(tuple(replace(h, row=row) if h.path == path else h for h in s.hops)) for s in stages)

    return apply


def _with_changes(report: SlaReport) -> SlaReport:
    """Each change with its figure; application-level changes (no Azure charge) first, by gain.

    Computed only when the target is missed. ``together`` applies them in that order until the
    target is reached: the cheapest set.
    """
    if report.target is None or report.composite * 100 >= report.target:
        return report
    options: list[tuple[str, str, Transform]] = []
    for role, text in APP_CHANGES.items():
        if any(s.role == role for s in report.stages):
            options.append((text, "none", _without(role)))
    options.sort(key=lambda o: -composite(o[2](report.stages)))
    for stage in report.stages:
        for hop in stage.hops:
            better = UPGRADES.get(hop.row) if hop.row else None
            if hop.row and better:
                text = f"{hop.name} ({hop.path}): {hop.row.configuration} → {better.configuration}"
                options.append((text, "more compute (see the cost table)", _upgraded(hop.path, better)))
    changes = tuple(Change(text, composite(apply(report.stages)), cost) for text, cost, apply in options)
    together = None
    stages, applied = report.stages, []
    for text, cost, apply in options:
        stages = apply(stages)
        applied.append((text, cost))
        if composite(stages) * 100 >= report.target:
            total_cost = "none" if all(c == "none" for _, c in applied) else "see the cost table"
            together = Change(" + ".join(x.split(":")[0] for x, _ in applied), composite(stages), total_cost)
            break
    return replace(report, changes=changes, together=together)
