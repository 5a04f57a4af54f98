"""The two pictures of an environment, arranged from the model.

- ``network``: Internet → Front Door → gateway (hub) → AKS (spoke); regions → VNets → subnets
  with CIDRs and NSGs; NSG-allowed flows with ports; private endpoints and the services behind
  them; private DNS zones; peering.
- ``physical-architecture``: regions → availability zones → node pools (VM size, min–max, and
  the services scheduled on them from ``workloads.json``: replicas, HPA min–max),
  PostgreSQL primary/standby and replicas, Redis, Service Bus pairing, Key Vault, ACR and its
  replicas, observability; SKUs on the labels.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..config.regions import REGIONS
from . import catalog
from .catalog import Category, EdgeKind
from .model import (
    EXISTING_SUFFIX,
    Container,
    Edge,
    Model,
    Node,
    View,
    external_id,
    literal,
    node_id,
    region_name,
)
from .parse import Resource
from .values import Symbolic, texts

VIEWS = ("network", "physical-architecture")


GROUP_TITLES = {
    Category.EDGE: "Edge",
    Category.COMPUTE: "Compute",
    Category.DATA: "Data",
    Category.MESSAGING: "Messaging",
    Category.SECURITY: "Security",
    Category.IDENTITY: "Identity",
    Category.OBSERVABILITY: "Observability",
    Category.NETWORK: "Network",
    Category.OTHER: "Other",
}

NETWORK_EDGES = frozenset(
    {
        EdgeKind.FLOW,
        EdgeKind.PRIVATE_LINK,
        EdgeKind.PEERING,
        EdgeKind.ORIGIN,
        EdgeKind.INGRESS,
        EdgeKind.CONNECTION,
        EdgeKind.EGRESS,
        EdgeKind.BACKEND,
    }
)
PHYSICAL_EDGES = frozenset(
    {
        EdgeKind.REPLICATION,
        EdgeKind.ORIGIN,
        EdgeKind.INGRESS,
        EdgeKind.TELEMETRY,
        EdgeKind.SECRET,
        EdgeKind.BACKEND,
        EdgeKind.CONNECTION,
    }
)


def build_view(model: Model, view: str, *, grants: bool = False) -> View:
    """``view`` (one of ``VIEWS``) of ``model``; ``grants`` adds role-grant edges."""
    if view == "network":
        built = network_view(model)
    elif view == "physical-architecture":
        built = physical_view(model)
    else:
        raise ValueError(f"'view' must be one of {list(VIEWS)}, got {view!r}")
    if grants:
        built.edges += [
            e for e in model.edges if e.kind == "grant" and e.source in built.nodes and e.target in built.nodes
        ]
    if not built.nodes:
        built.notes.append(f"Stack {model.stack} has no resources to draw in this view.")
    _label_floating(model, built)
    return built


FLOATING_REASONS = ("global:", "region not known:", "existing:", "module:")
"""How every reason ``floating_reason`` writes on a loose node's label begins."""


def floating(view: View) -> list[str]:
    """Ids of the nodes at the top level of ``view`` with no container and no edge."""
    ends = {end for edge in view.edges for end in (edge.source, edge.target)}
    return [loose for loose in view.root.nodes if loose not in ends]


def _label_floating(model: Model, view: View) -> None:
    """A loose node says on its label why it is in no box: nothing else on the page does."""
    for loose in floating(view):
        node = view.nodes[loose]
        view.nodes[loose] = replace(node, details=(*node.details, floating_reason(model, node)))


def floating_reason(model: Model, node: Node) -> str:
    """Why ``node`` sits in no region box, read from the stack: a node lands at the top level
    only when the model found no region for it, neither its own ``location`` nor one inherited
    through its references (``model._regions``). At most 34 characters (one label line,
    ``labels.WIDTH``) but for a symbolic location, which is shown whole."""
    stack = model.stack_model
    if node.address is None:  # made by the view: the private DNS zones' summary
        return "global: DNS zones have no region"
    if node.address in stack.modules:
        return "module: resources not in this JSON"
    resource = stack.resources.get(node.address)
    if resource is not None and resource.type == "terraform_remote_state":
        return "existing: another stack, no region"
    location = resource.body.get("location") if resource is not None else None
    if node.existing and location is None:
        return "existing: data source, no location"
    if node.region == "global":
        return "global: location is global"
    if location is not None:
        return f"region not known: location is {literal(location)}"
    return "global: no location, none inherited"


def region_title(region: str) -> str:
    """``Korea Central (koreacentral)`` from the region table; a name it does not know as written."""
    known = REGIONS.get(region)
    return f"{known.display_name} ({region})" if known else region


def zone_order(zone: str) -> tuple[int, int | str]:
    """Zones sort as numbers (``2`` before ``10``); a symbolic zone (``var.zones``) after them."""
    return (0, int(zone)) if zone.isdigit() else (1, zone)


def _addresses(value: tuple[str, ...] | Symbolic, what: str) -> tuple[str, ...]:
    """CIDRs as one line; a plan-time value as ``address space: var.x``."""
    if isinstance(value, Symbolic):
        return (f"{what}: {value}",)
    return (", ".join(value),) if value else ()


def _existing(title: str, existing: bool) -> str:
    return f"{title}{EXISTING_SUFFIX}" if existing else title


def _region_order(model: Model) -> list[str]:
    counts = Counter(n.region for n in model.nodes.values() if n.region)
    counts.update(v.region for v in model.vnets.values() if v.region)
    counts.pop("global", None)
    return sorted(counts, key=lambda r: (-counts[r], r))


def _regions(model: Model, root: Container) -> dict[str, Container]:
    found = {}
    for region in _region_order(model):
        container = Container(node_id("region", region), region_title(region), "region")
        root.children.append(container)
        found[region] = container
    return found


def _place(container_for_region: dict[str, Container], root: Container, node: Node) -> Container:
    if node.region and node.region in container_for_region:
        return container_for_region[node.region]
    return root


def _type(model: Model, node: Node) -> str | None:
    """Resource type of a node; None for modules and view-made nodes."""
    res = model.stack_model.resources.get(node.address or "")
    return res.type if res is not None else None


def _entry_shows(model: Model, node: Node, view: str) -> bool:
    entry = catalog.entry(_type(model, node) or "")
    if entry is None:
        return True
    return entry.network if view == "network" else entry.physical


def _external(model: Model, name: str) -> Node:
    if external_id(name) in model.externals:
        return model.externals[external_id(name)]
    return Node(
        id=external_id(name),
        title=name,
        kind="public network" if name == "Internet" else "service tag",
        category=Category.OTHER,
        icon=catalog.EXTERNAL_ICONS.get(name, catalog.GENERIC_ICON),
    )


def _keep_edges(edges: list[Edge], kinds: frozenset[str], present: set[str]) -> list[Edge]:
    return [e for e in edges if e.kind in kinds and e.source in present and e.target in present]


def _front_doors(model: Model, view_nodes: dict[str, Node]) -> list[Node]:
    return [n for n in view_nodes.values() if _type(model, n) == "azurerm_cdn_frontdoor_profile"]


# --------------------------------------------------------------------------- network
def network_view(model: Model) -> View:
    root = Container("root", "", "root")
    regions = _regions(model, root)
    nodes: dict[str, Node] = {}
    vnet_box: dict[str, Container] = {}
    for address, vnet in sorted(model.vnets.items(), key=lambda kv: kv[1].id):
        space = _addresses(vnet.address_space, "address space")
        box = Container(
            vnet.id,
            _existing(f"VNet {vnet.title}", vnet.existing),
            "vnet",
            (vnet.name, *space) if vnet.title != vnet.name else space,
        )
        (regions.get(vnet.region or "") or root).children.append(box)
        vnet_box[address] = box
    subnet_box: dict[str, Container] = {}
    for address, subnet in sorted(model.subnets.items(), key=lambda kv: kv[1].id):
        details = (
            *_addresses(subnet.prefixes, "prefixes"),
            *((f"NSG {subnet.nsg}",) if subnet.nsg else ()),
            *subnet.extra,
        )
        box = Container(subnet.id, _existing(subnet.name, subnet.existing), "subnet", details)
        vnet_box[subnet.vnet].children.append(box)
        subnet_box[address] = box

    dns_zones: list[Node] = []
    for address, node in sorted(model.nodes.items(), key=lambda kv: kv[1].id):
        if not _entry_shows(model, node, "network"):
            continue
        if _type(model, node) == "azurerm_private_dns_zone":
            dns_zones.append(node)
            continue
        nodes[node.id] = node
        if address in model.placement:
            subnet_box[model.placement[address]].nodes.append(node.id)
        else:
            _place(regions, root, node).nodes.append(node.id)
    if dns_zones:
        links = len(
            [
                a
                for a, o in model.owner.items()
                if o in {n.address for n in dns_zones}
                and model.stack_model.resources[a].type == "azurerm_private_dns_zone_virtual_network_link"
            ]
        )
        summary = Node(
            id="n_private_dns_zones",
            title="Private DNS zones",
            kind="private DNS zone",
            category=Category.NETWORK,
            icon=catalog.CATALOG["azurerm_private_dns_zone"].icon,
            details=(*sorted(z.title for z in dns_zones), f"{links} VNet links" if links != 1 else "1 VNet link"),
        )
        nodes[summary.id] = summary
        root.nodes.append(summary.id)

    # A subnet referenced only as a pod subnet holds the cluster's pod addresses: say so.
    pods_of = {
        ref.target: ref.source
        for ref in model.stack_model.references
        if ref.at.endswith(catalog.NON_PLACING_SUBNET_REFS)
    }
    for address, box in subnet_box.items():
        if not box.nodes:
            owner = model.owner.get(pods_of.get(address, ""), pods_of.get(address, ""))
            title, kind = (
                ("pod addresses", f"of {model.nodes[owner].title}")
                if owner in model.nodes
                else ("no resources", "reserved subnet")
            )
            placeholder = Node(f"{box.id}_empty", title, kind, Category.NETWORK, icon="")
            nodes[placeholder.id] = placeholder
            box.nodes.append(placeholder.id)
    for box in vnet_box.values():  # drawn, not pruned: a VNet the stack declares without subnets
        if not box.nodes and not box.children:
            placeholder = Node(f"{box.id}_empty", "no subnets", "in this stack", Category.NETWORK, icon="")
            nodes[placeholder.id] = placeholder
            box.nodes.append(placeholder.id)

    edges = list(model.edges)
    front_doors = _front_doors(model, nodes)
    for front_door in front_doors:
        edges.append(Edge(external_id("Internet"), front_door.id, EdgeKind.ORIGIN, "HTTPS"))
    present = set(nodes) | {c.id for c in root.walk()}
    for edge in edges:
        for end in (edge.source, edge.target):
            if end.startswith("ext_") and end not in present:
                name = end.removeprefix("ext_")
                if edge.kind in NETWORK_EDGES:
                    external = _external(model, name)
                    nodes[external.id] = external
                    root.nodes.insert(0, external.id)
                    present.add(external.id)
    view_edges = _keep_edges(edges, NETWORK_EDGES, present)
    return View(
        f"network-{model.stack_model.environment}", f"Network: {model.stack}", "LR", nodes, _prune(root), view_edges
    )


# --------------------------------------------------------------------------- physical
def physical_view(model: Model) -> View:
    root = Container("root", "", "root")
    regions = _regions(model, root)
    nodes: dict[str, Node] = {}
    zone_box: dict[tuple[str, str], Container] = {}
    zone_of_box: dict[str, str] = {}
    edges: list[Edge] = []

    def order(child: Container) -> tuple[bool, tuple[int, int | str], str]:
        """Zones first, in number order; then the other boxes by id."""
        return (child.kind != "zone", zone_order(zone_of_box.get(child.id, "")), child.id)

    def zone(region: str | None, zone_name: str) -> Container:
        key = (region or "", zone_name)
        if key not in zone_box:
            box = Container(
                node_id("zone", f"{region or 'global'}_{zone_name}"), f"Availability zone {zone_name}", "zone"
            )
            zone_box[key] = box
            zone_of_box[box.id] = zone_name
            parent = regions.get(region or "") or root
            parent.children.append(box)
            parent.children.sort(key=order)
        return zone_box[key]

    def group(node: Node) -> Container:
        """Regional (not zonal) services sit in a box per category inside their region."""
        region = regions.get(node.region or "")
        if region is None:
            return root
        gid = node_id("group", f"{node.region}_{node.category}")
        for child in region.children:
            if child.id == gid:
                return child
        box = Container(gid, GROUP_TITLES.get(node.category, str(node.category)), "group")
        region.children.append(box)
        region.children.sort(key=order)
        return box

    def add(node: Node, where: Container) -> None:
        nodes[node.id] = node
        where.nodes.append(node.id)

    resources = model.stack_model.resources
    workspaces_fed = Counter(
        ref.target
        for a, r in resources.items()
        if r.type == "azurerm_monitor_diagnostic_setting"
        for ref in model.stack_model.refs_from(a)
        if ref.at == "log_analytics_workspace_id"
    )
    for address, node in sorted(model.nodes.items(), key=lambda kv: kv[1].id):
        if not _entry_shows(model, node, "physical"):
            continue
        rtype = _type(model, node)
        if workspaces_fed.get(address):
            count = workspaces_fed[address]
            node = replace(node, details=(*node.details, f"diagnostics from {count} resource{'s' * (count > 1)}"))
        if rtype == "azurerm_kubernetes_cluster":
            for pool in _node_pools(model, address):
                for zone_name in pool.zones or ("",):
                    pool_node = replace(
                        pool,
                        id=f"{pool.id}_z{zone_name}" if zone_name else pool.id,
                        zones=(zone_name,) if zone_name else pool.zones,
                    )
                    add(pool_node, zone(node.region, zone_name) if zone_name else group(node))
                    edges.append(Edge(node.id, pool_node.id, EdgeKind.POOL, ""))
            node = replace(node, details=tuple(d for d in node.details if "node pool" not in d))
            add(node, group(node))
            continue
        if rtype == "azurerm_postgresql_flexible_server":
            _postgres(node, model.stack_model.resources[address], add, zone, group, edges)
            continue
        if len(node.zones) == 1:
            add(node, zone(node.region, node.zones[0]))
        else:
            add(node, group(node))
        if rtype == "azurerm_container_registry":
            _acr_replicas(model.stack_model.resources[address].body, node, add, group, edges)

    edges += model.edges
    present = set(nodes) | {c.id for c in root.walk()}
    kept = _keep_edges(edges, PHYSICAL_EDGES | {EdgeKind.POOL}, present)
    # Pools sit in zone boxes under their cluster's region: an edge to each says whose they are.
    # Zone-major order (zone 1 first), so the text output reads zone by zone.
    pools = sorted(
        (e for e in kept if e.kind is EdgeKind.POOL),
        key=lambda e: (tuple(map(zone_order, nodes[e.target].zones)), e.target),
    )
    kept = [replace(e, kind=EdgeKind.MEMBERSHIP) for e in pools] + [e for e in kept if e.kind is not EdgeKind.POOL]
    return View(
        f"physical-architecture-{model.stack_model.environment}",
        f"Physical architecture: {model.stack}",
        "TB",
        nodes,
        _prune(root),
        kept,
    )


def _node_pools(model: Model, cluster: str) -> list[Node]:
    """The default pool and every folded ``azurerm_kubernetes_cluster_node_pool`` as nodes."""
    stack = model.stack_model
    aks = model.nodes[cluster]
    bodies = []
    default = stack.resources[cluster].get("default_node_pool")
    if isinstance(default, dict):
        bodies.append((f"{aks.id}_default_pool", default, "System", cluster))
    for child in model.folded.get(cluster, []):
        res = stack.resources[child]
        if res.type == "azurerm_kubernetes_cluster_node_pool":
            bodies.append((model_id(res.path or child), res.body, str(res.body.get("mode") or "User"), child))
    pools = []
    for pid, body, mode, address in bodies:
        name = literal(body.get("name")) or "pool"
        size = literal(body.get("vm_size")) or "?"
        low, high = literal(body.get("min_count")), literal(body.get("max_count"))
        count = f"{low}–{high} nodes" if low and high else f"{literal(body.get('node_count')) or '?'} nodes"
        listed = texts(stack, body.get("zones"))
        zones = () if isinstance(listed, Symbolic) else listed
        spread = f"pool spans zones {','.join(zones)}" if len(zones) > 1 else ""
        if isinstance(listed, Symbolic):
            spread = f"zones: {listed}"
        pools.append(
            Node(
                id=pid,
                title=f"{name} pool",
                kind=f"AKS node pool ({mode})",
                category=Category.COMPUTE,
                icon="compute.VMScaleSets",
                details=tuple(d for d in (size, count, spread) if d),
                region=aks.region,
                zones=zones,
                inner=_service_lines(model, address, zones),
            )
        )
    return pools


def _service_lines(model: Model, pool: str, zones: tuple[str, ...]) -> tuple[str, ...]:
    """``user-service ×3 (3–10)``: replicas now and the HPA's min–max, under a namespace heading."""
    workloads = model.workloads.get(pool)
    if workloads is None or not workloads.services:
        return ()
    where = f"namespace {workloads.namespace}" if workloads.namespace else "services"
    spread = " · pods across all zones" if len(zones) > 1 else ""
    return (
        f"{where}{spread}",
        *(f"{s.name} ×{s.replicas} ({s.min_replicas}–{s.max_replicas})" for s in workloads.services),
    )


def model_id(path: str) -> str:
    return node_id("n", path)


def _postgres(
    node: Node,
    res: Resource,
    add: Callable[[Node, Container], None],
    zone: Callable[[str | None, str], Container],
    group: Callable[[Node], Container],
    edges: list[Edge],
) -> None:
    """Primary (or replica) in its zone; with HA, the standby in its own zone."""
    mode = literal(res.get("high_availability.mode"))
    role = "read replica" if literal(res.body.get("create_mode")) == "Replica" else "primary"
    node = replace(node, kind=f"PostgreSQL {role}")
    add(node, zone(node.region, node.zones[0]) if node.zones else group(node))
    if mode:
        standby_zone = literal(res.get("high_availability.standby_availability_zone"))
        standby = replace(
            node,
            id=f"{node.id}_standby",
            title=f"{node.title} standby",
            kind="PostgreSQL HA standby",
            details=(f"HA {mode}",),
            zones=(standby_zone,) if standby_zone else (),
        )
        add(standby, zone(node.region, standby_zone) if standby_zone else group(node))
        edges.append(Edge(node.id, standby.id, EdgeKind.REPLICATION, "synchronous (HA)"))


def _acr_replicas(
    body: dict[str, Any],
    node: Node,
    add: Callable[[Node, Container], None],
    group: Callable[[Node], Container],
    edges: list[Edge],
) -> None:
    """A registry's ``georeplications`` blocks as replica nodes in their regions."""
    blocks = body.get("georeplications") or []
    for block in blocks if isinstance(blocks, list) else []:
        region = region_name(block.get("location")) if isinstance(block, dict) else None
        if not region:
            continue
        zr = "zone redundant" if block.get("zone_redundancy_enabled") else ""
        replica = replace(
            node,
            id=f"{node.id}_replica_{region}",
            title=f"{node.title} replica",
            kind="registry geo-replica",
            region=region,
            details=tuple(d for d in (zr,) if d),
            zones=(),
        )
        add(replica, group(replica))
        edges.append(Edge(node.id, replica.id, EdgeKind.REPLICATION, "geo-replication"))


def _prune(root: Container) -> Container:
    """Drop containers with nothing inside (a region with only non-drawn resources)."""
    root.children = [c for c in (_prune(child) for child in root.children) if c.nodes or c.children]
    return root
