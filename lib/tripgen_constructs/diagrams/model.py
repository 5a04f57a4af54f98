"""Layer 2: a typed, renderer-independent graph of one stack.

``build_model`` turns a parsed stack into drawable ``Resource`` nodes (plumbing folded into
their owners' details), VNets and subnets with placements, and meaningful edges (NSG-allowed
flows, private links, peering, Front Door origins, AGIC ingress, replication, role grants).
The views (``views.py``) arrange that graph into containers; renderers only draw a ``View``.
"""

from __future__ import annotations

import bisect
import ipaddress
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from ..reader import Mode, Module, expression
from . import catalog, values
from .catalog import Attach, Category, EdgeKind
from .parse import Resource, Stack, Workloads
from .values import Symbolic, shown


# --------------------------------------------------------------------------- the drawable graph
@dataclass(frozen=True)
class Node:
    """A box in a picture."""

    id: str
    """Stable id derived from the construct path (or Terraform address without metadata)."""
    title: str
    kind: str
    category: Category
    icon: str
    details: tuple[str, ...] = ()
    address: str | None = None
    path: str | None = None
    region: str | None = None
    zones: tuple[str, ...] = ()
    inner: tuple[str, ...] = ()
    """A box inside the box: heading then one line each (a node pool's services), unwrapped."""
    existing: bool = False
    """A data source: it exists already, this stack only reads it (drawn in a distinct style)."""


@dataclass(frozen=True)
class Edge:
    """A meaningful connection; ``source``/``target`` are node or container ids."""

    source: str
    target: str
    kind: EdgeKind
    label: str = ""
    both_ways: bool = False


@dataclass
class Container:
    """A group box: region, VNet, subnet, availability zone, construct group."""

    id: str
    title: str
    kind: str
    details: tuple[str, ...] = ()
    nodes: list[str] = field(default_factory=list)
    children: list[Container] = field(default_factory=list)

    def walk(self) -> list[Container]:
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return found

    def all_nodes(self) -> list[str]:
        return [node for container in self.walk() for node in container.nodes]


@dataclass
class View:
    """One picture: containers (with nodes), loose nodes, edges and notes; renderer input."""

    name: str
    title: str
    direction: str
    nodes: dict[str, Node]
    root: Container
    """Unlabelled top level: its ``nodes`` are outside every container."""
    edges: list[Edge]
    notes: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    """Node id → the file its box links to (the parts of a split view, ``split.py``)."""
    parts: list[View] = field(default_factory=list)
    """A split view's parts, each a complete view (``split.py``); this view is then their index."""


# --------------------------------------------------------------------------- the stack model
@dataclass(frozen=True)
class Subnet:
    id: str
    address: str
    """The subnet's address; an inline subnet is ``<vnet address>.subnet[<name>]``."""
    name: str
    vnet: str
    """Address of the VNet."""
    prefixes: tuple[str, ...] | Symbolic
    nsg: str | None = None
    """Name of the associated NSG."""
    existing: bool = False
    """Read from a data source: it exists already and is not managed by this stack."""
    extra: tuple[str, ...] = ()
    """More lines for its label: route table, what is folded into it."""


@dataclass(frozen=True)
class Vnet:
    id: str
    address: str
    name: str
    title: str
    region: str | None
    address_space: tuple[str, ...] | Symbolic
    existing: bool = False


@dataclass
class Model:
    """Everything the views need, derived from one stack."""

    stack: str
    nodes: dict[str, Node]
    """Drawable resources, data sources and modules by address."""
    vnets: dict[str, Vnet]
    subnets: dict[str, Subnet]
    placement: dict[str, str]
    """Resource address → subnet address it sits in."""
    edges: list[Edge]
    """Between node ids; flow edges between subnet ids."""
    owner: dict[str, str]
    """Folded address → the address of the node, VNet or subnet it folds into."""
    folded: dict[str, list[str]]
    """Node, VNet or subnet address → addresses folded into it."""
    warnings: list[str]
    stack_model: Stack
    workloads: dict[str, Workloads] = field(default_factory=dict)
    """Node pool address → the workload services scheduled on it (from ``workloads.json``)."""
    externals: dict[str, Node] = field(default_factory=dict)
    """Endpoints outside the stack that edges name (Internet, service tags, address ranges, on-premises)."""
    edge_of: dict[str, str] = field(default_factory=dict)
    """Address of a link resource (peering, connection, association) → the kind of edge it became."""
    not_drawn: dict[str, list[str]] = field(default_factory=dict)
    """Resource type → addresses neither drawn nor folded (each type named in one warning line)."""

    def node_by_id(self) -> dict[str, Node]:
        return {node.id: node for node in self.nodes.values()}

    def of_type(self, resource_type: str) -> list[Node]:
        resources = self.stack_model.resources
        return [n for a, n in self.nodes.items() if a in resources and resources[a].type == resource_type]

    def disposition(self, address: str) -> str:
        """How ``address`` appears: ``node``, ``vnet``, ``subnet``, ``folded into <owner>``, ``edge``, ``not drawn``."""
        if address in self.nodes:
            return "node"
        if address in self.vnets:
            return "vnet"
        if address in self.subnets:
            return "subnet"
        if address in self.owner:
            return f"folded into {self.owner[address]}"
        if address in self.edge_of:
            return "edge"
        return "not drawn"


def node_id(prefix: str, text: str) -> str:
    """A Mermaid/DOT-safe id: ``prefix`` + the text with every other character as ``_``."""
    return f"{prefix}_{re.sub(r'[^A-Za-z0-9]+', '_', text).strip('_')}"


def region_name(value: Any) -> str | None:
    """``Korea Central`` and ``koreacentral`` are one region."""
    if not isinstance(value, str) or not value or "${" in value:
        return None
    return value.replace(" ", "").lower()


def literal(value: Any) -> str | None:
    """A human string for a label; an expression is shown as itself (``var.sku``), empties are None."""
    if isinstance(value, str) and "${" in value:
        return expression(value).text
    return shown(value)


def build_model(stack: Stack, workloads: Workloads | None = None) -> Model:
    """The drawable graph of ``stack``: every block is a node, a container, folded into a named
    owner, an edge, or named in a "not drawn" warning (one line per type).

    ``workloads`` (the stack's ``workloads.json``) attaches services to the node pool resource
    whose construct path is ``workloads.pool_path``.
    """
    resources = stack.resources
    warnings: list[str] = []
    ids = _IdFactory()

    unknown = Counter(r.type for r in resources.values() if catalog.entry(r.type) is None and r.type != _REMOTE_STATE)
    for rtype, count in sorted(unknown.items()):
        warnings.append(f"unmapped resource type {rtype} ({count}x): drawn with the generic icon")
    for ref in stack.dangling:
        warnings.append(f"{ref.source} refers to {ref.target} ({ref.at}), which is not in the stack: skipped")

    owner = _fold_owners(stack)
    region = _regions(stack)

    nodes: dict[str, Node] = {}
    vnets: dict[str, Vnet] = {}
    subnets: dict[str, Subnet] = {}
    hidden: dict[str, list[str]] = defaultdict(list)
    for address, res in resources.items():
        entry = catalog.entry(res.type)
        attach = entry.attach if entry else Attach.NODE
        if address in owner or attach is Attach.LINK:
            continue
        if attach is Attach.HIDDEN:
            hidden[res.type].append(address)
            continue
        existing = res.mode is Mode.DATA
        title = _title(stack, res)
        if attach is Attach.VNET:
            short = res.path.split("/")[-2] if res.path and res.path.count("/") >= 1 else title
            vnets[address] = Vnet(
                ids.make("vnet", res.path or address),
                address,
                title,
                short if short != title else title,
                region.get(address),
                values.texts(stack, res.body.get("address_space")),
                existing,
            )
            subnets.update(_inline_subnets(stack, res, vnets[address], ids))
            continue
        if attach is Attach.SUBNET:
            vnet = _subnet_vnet(stack, res, vnets, ids, region)
            if vnet is not None:
                many = values.multiplicity(res)
                subnets[address] = Subnet(
                    ids.make("snet", res.path or address),
                    address,
                    f"{title} {many}" if many else title,
                    vnet,
                    values.texts(stack, res.body.get("address_prefixes")),
                    existing=existing,
                )
                continue
            warnings.append(f"{address}: subnet without a VNet in the stack: drawn as a node")
        nodes[address] = _node(stack, res, entry, title, ids, region.get(address))
    for address, module in stack.modules.items():
        nodes[address] = _module_node(module, ids)

    folded: dict[str, list[str]] = defaultdict(list)
    for child, parent in sorted(owner.items()):
        folded[parent].append(child)
    for parent, children in folded.items():
        if parent in nodes:
            nodes[parent] = _with_fold_summary(stack, nodes[parent], children)

    _associate_nsgs(stack, subnets, owner)
    _subnet_extras(stack, subnets, folded)
    placement = _placements(stack, nodes, subnets, folded)
    externals: dict[str, Node] = {}
    edge_of: dict[str, str] = {}
    edges = _link_edges(stack, nodes, owner, vnets, subnets, edge_of, externals)
    edges += _flow_edges(stack, nodes, subnets, owner, region, externals)
    not_drawn: dict[str, list[str]] = dict(hidden)
    for address, res in resources.items():
        entry = catalog.entry(res.type)
        if entry is not None and entry.attach is Attach.LINK and address not in edge_of and address not in owner:
            not_drawn.setdefault(res.type, []).append(address)
    for rtype, addresses in sorted(not_drawn.items()):
        entry = catalog.entry(rtype)
        why = entry.extra.get("why", "") if entry else ""
        reason = why or ("one of its ends is not drawn" if entry and entry.attach is Attach.LINK else "")
        warnings.append(f"not drawn: {rtype} ({len(addresses)}x){f': {reason}' if reason else ''}")
    return Model(
        stack.name,
        nodes,
        vnets,
        subnets,
        placement,
        edges,
        owner,
        dict(folded),
        warnings,
        stack,
        _services(stack, workloads, warnings),
        externals,
        edge_of,
        not_drawn,
    )


_REMOTE_STATE = "terraform_remote_state"
"""cdktf's cross-stack references read the other stack's outputs through this data source."""


def _node(
    stack: Stack, res: Resource, entry: catalog.Entry | None, title: str, ids: _IdFactory, region: str | None
) -> Node:
    existing = res.mode is Mode.DATA
    if res.type == _REMOTE_STATE:
        return _remote_state_node(stack, res, ids)
    kind = entry.kind if entry else res.type
    zones = values.texts(stack, res.body.get("zones"))
    details = _details(stack, res.address)
    if isinstance(zones, Symbolic):
        details = (*details, f"zones: {zones}")
        zones = ()
    elif not zones:
        zone = values.number(stack, res.body.get("zone"))
        zones = (str(zone),) if isinstance(zone, int) else ()
        if isinstance(zone, Symbolic):
            details = (*details, f"zone: {zone}")
    many = values.multiplicity(res)
    return Node(
        id=ids.make("n", res.path or res.address),
        title=f"{title} {many}" if many else title,
        kind=f"existing {kind}" if existing else kind,
        category=entry.category if entry else Category.OTHER,
        icon=entry.icon if entry else catalog.GENERIC_ICON,
        details=details,
        address=res.address,
        path=res.path,
        region=region,
        zones=zones,
        existing=existing,
    )


def _remote_state_node(stack: Stack, res: Resource, ids: _IdFactory) -> Node:
    """Another stack whose outputs this one reads: named by the stack, listing the outputs used."""
    other = res.name.removeprefix("cross-stack-reference-input-")
    used = sorted(
        {
            r.attribute.removeprefix("outputs.").removeprefix("cross-stack-output-")
            for r in stack.refs_to(res.address)
            if r.attribute
        }
    )
    return Node(
        id=ids.make("stack", res.path or res.address),
        title=f"stack {other}",
        kind="other stack (remote state)",
        category=Category.OTHER,
        icon="general.Resource",
        details=tuple(f"output {o}" for o in used),
        address=res.address,
        path=res.path,
        existing=True,
    )


def _module_node(module: Module, ids: _IdFactory) -> Node:
    many = values.multiplicity(module)
    version = module.body.get("version")
    return Node(
        id=ids.make("mod", module.path or module.address),
        title=f"{module.name} {many}" if many else module.name,
        kind="module",
        category=Category.MODULE,
        icon="general.Module",
        details=(module.source, *((f"version {version}",) if isinstance(version, str) else ())),
        address=module.address,
        path=module.path,
    )


def _inline_subnets(stack: Stack, vnet: Resource, box: Vnet, ids: _IdFactory) -> dict[str, Subnet]:
    """A VNet's inline ``subnet`` blocks: containers like separate subnets, NSG named where set."""
    blocks = vnet.body.get("subnet")
    found = {}
    for index, block in enumerate(blocks if isinstance(blocks, list) else [blocks] if isinstance(blocks, dict) else []):
        if not isinstance(block, dict):
            continue
        name = values.shown(values.resolve(stack, block.get("name"))) or f"subnet {index + 1}"
        address = f"{vnet.address}.subnet[{name}]"
        nsg = _reference_target(block.get("security_group"))
        found[address] = Subnet(
            ids.make("snet", f"{vnet.path or vnet.address}/{name}"),
            address,
            name,
            vnet.address,
            values.texts(stack, block.get("address_prefixes") or block.get("address_prefix")),
            _title(stack, stack.resources[nsg]) if nsg in stack.resources else None,
            box.existing,
        )
    return found


def _reference_target(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return expression(value).target


def _subnet_vnet(
    stack: Stack, res: Resource, vnets: dict[str, Vnet], ids: _IdFactory, region: dict[str, str]
) -> str | None:
    """The VNet a subnet is in: a reference, else (a data source) the VNet of that name, else an
    existing VNet known only by name."""
    vnet = _first_target(stack, res.address, "azurerm_virtual_network")
    if vnet is not None:
        return vnet
    name = values.resolve(stack, res.body.get("virtual_network_name"))
    if not isinstance(name, str) or not name:
        return None
    for address, other in stack.resources.items():
        if other.type == "azurerm_virtual_network" and values.resolve(stack, other.body.get("name")) == name:
            return address
    address = f"data.azurerm_virtual_network.{name}"
    if address not in vnets:
        vnets[address] = Vnet(
            ids.make("vnet", f"existing/{name}"), address, name, name, region.get(res.address), (), True
        )
    return address


def _services(stack: Stack, workloads: Workloads | None, warnings: list[str]) -> dict[str, Workloads]:
    if workloads is None:
        return {}
    pools = [a for a, r in stack.resources.items() if r.path == workloads.pool_path]
    if not pools:
        warnings.append(f"{workloads.file}: no resource at construct path {workloads.pool_path!r}: services not drawn")
        return {}
    return {pools[0]: workloads}


class _IdFactory:
    """Unique ids; a clash (``a-b`` vs ``a_b``) gets a numbered suffix in sorted-input order."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def make(self, prefix: str, text: str) -> str:
        base = node_id(prefix, text)
        candidate, number = base, 2
        while candidate in self.seen:
            candidate, number = f"{base}_{number}", number + 1
        self.seen.add(candidate)
        return candidate


def _title(stack: Stack, res: Resource) -> str:
    name = values.resolve(stack, res.body.get("name"))
    if isinstance(name, str) and name:
        return name
    return res.path.split("/")[-1] if res.path else res.name


def _details(stack: Stack, address: str) -> tuple[str, ...]:
    res = stack.resources[address]
    entry = catalog.entry(res.type)
    if entry is None:
        return ()
    lines = []
    for attribute, fmt in entry.details:
        value = values.resolve(stack, res.get(attribute))
        text = values.shown(value)
        if text == "0" and fmt != "{}":
            continue  # "0 MU" on a Standard namespace: a count that does not apply
        if isinstance(value, Symbolic):
            text = f"{attribute.split('.')[-1]}: {text}"  # "sku: var.sku": which setting it is
            fmt = "{}"
        if text is not None:
            lines.append(fmt.format(text))
    return tuple(lines)


def _type_of(stack: Stack, address: str) -> str | None:
    res = stack.resources.get(address)
    return res.type if res is not None else None


def _first_target(stack: Stack, address: str, rtype: str, at: str | None = None) -> str | None:
    for ref in stack.refs_from(address):
        if _type_of(stack, ref.target) == rtype and (at is None or _under(ref.at, at)):
            return ref.target
    return None


def _under(at: str, prefix: str) -> bool:
    """``at`` is the attribute ``prefix`` or nested in it (block lists included)."""
    plain = re.sub(r"\[\d+\]", "", at)
    return plain == prefix or plain.startswith(prefix + ".")


def _fold_owners(stack: Stack) -> dict[str, str]:
    """Folded address → the drawn resource or container it becomes part of (chains followed)."""
    direct: dict[str, str] = {}
    for address, res in stack.resources.items():
        entry = catalog.entry(res.type)
        if entry is None:
            continue
        if entry.attach is Attach.FOLD:
            target = None
            if entry.extra.get("to"):
                refs = [r for r in stack.refs_from(address) if _under(r.at, entry.extra["to"])]
                target = refs[0].target if refs and refs[0].target in stack.resources else None
            for into in entry.into:
                target = target or _first_target(stack, address, into)
            if target is not None:
                direct[address] = target
        elif entry.attach is Attach.FOLD_UP:
            referrers = sorted({r.source for r in stack.refs_to(address) if r.source in stack.resources})
            if entry.into:
                rank = {t: i for i, t in enumerate(entry.into)}
                referrers = sorted(
                    (r for r in referrers if stack.resources[r].type in rank),
                    key=lambda r: (rank[stack.resources[r].type], r),
                )
            if referrers:
                direct[address] = referrers[0]
        if address not in direct:
            inline = _inline_owner(stack, address)
            if inline is not None:
                direct[address] = inline
    owners: dict[str, str] = {}
    for address in direct:
        seen, current = {address}, direct[address]
        while current in direct and current not in seen:
            seen.add(current)
            current = direct[current]
        if current not in seen:
            owners[address] = current
    return owners


def _inline_owner(stack: Stack, address: str) -> str | None:
    """An NSG or route table named by a VNet's inline subnet folds into that subnet."""
    res = stack.resources[address]
    if res.type not in ("azurerm_network_security_group", "azurerm_route_table"):
        return None
    for ref in stack.refs_to(address):
        match = re.fullmatch(r"subnet\[(\d+)\]\.(security_group|route_table_id)", ref.at)
        vnet = stack.resources.get(ref.source)
        if match and vnet is not None and vnet.type == "azurerm_virtual_network":
            blocks = vnet.body.get("subnet")
            block = blocks[int(match.group(1))] if isinstance(blocks, list) else None
            name = values.shown(values.resolve(stack, block.get("name"))) if isinstance(block, dict) else None
            if name:
                return f"{vnet.address}.subnet[{name}]"
    return None


def _regions(stack: Stack) -> dict[str, str]:
    """Address → region: own ``location``, else the region of what it references (subnet → VNet)."""
    found: dict[str, str] = {}
    for address, res in stack.resources.items():
        value = region_name(values.resolve(stack, res.body.get("location")))
        if value:
            found[address] = value
    for _ in range(3):
        for address in stack.resources:
            if address in found:
                continue
            for ref in stack.refs_from(address):
                if ref.target in found and _type_of(stack, ref.target) != "azurerm_resource_group":
                    found[address] = found[ref.target]
                    break
    return found


def _kind_of(stack: Stack, address: str) -> str:
    entry = catalog.entry(stack.resources[address].type)
    return entry.kind if entry else stack.resources[address].type


def _summarised(stack: Stack, address: str) -> bool:
    """False where the owner's label says it otherwise (the workspace counts its diagnostic sources)."""
    entry = catalog.entry(stack.resources[address].type)
    return entry is None or entry.extra.get("summary") != "no"


def _with_fold_summary(stack: Stack, node: Node, children: list[str]) -> Node:
    kinds = Counter(_kind_of(stack, child) for child in children if _summarised(stack, child))
    if not kinds:
        return node
    return replace(node, details=(*node.details, f"+ {_count_phrase(kinds)}"))


def _count_phrase(kinds: Counter[str]) -> str:
    return ", ".join(
        f"{count} {kind}{'s' if count > 1 and not kind.endswith('s') else ''}" for kind, count in sorted(kinds.items())
    )


_SUBNET_SAYS = frozenset(
    {
        "azurerm_subnet_network_security_group_association",
        "azurerm_subnet_route_table_association",
        "azurerm_network_security_group",
        "azurerm_network_security_rule",
        "azurerm_network_watcher_flow_log",
        "azurerm_route",
    }
)
"""Folded into a subnet and said by its ``NSG`` / ``route table`` line (rules become flow edges)."""


def _associate_nsgs(stack: Stack, subnets: dict[str, Subnet], owner: dict[str, str]) -> None:
    for address, res in stack.resources.items():
        if res.type != "azurerm_subnet_network_security_group_association":
            continue
        subnet = owner.get(address)
        nsg = _first_target(stack, address, "azurerm_network_security_group")
        if subnet in subnets and nsg is not None:
            subnets[subnet] = replace(subnets[subnet], nsg=_title(stack, stack.resources[nsg]))


def _subnet_extras(stack: Stack, subnets: dict[str, Subnet], folded: dict[str, list[str]]) -> None:
    """A subnet's route table by name (and its routes), and a count of anything else folded into it."""
    for address, subnet in subnets.items():
        children = folded.get(address, [])
        lines = []
        for child in children:
            res = stack.resources[child]
            if res.type == "azurerm_route_table":
                routes = [r for r in stack.refs_to(child) if _type_of(stack, r.source) == "azurerm_route"]
                inline = res.body.get("route")
                count = len({r.source for r in routes}) + (len(inline) if isinstance(inline, list) else 0)
                routes_text = f" ({count} route{'s' * (count != 1)})" if count else ""
                lines.append(f"route table {_title(stack, res)}{routes_text}")
        said = _SUBNET_SAYS | {"azurerm_route_table"}
        rest = Counter(
            _kind_of(stack, c) for c in children if stack.resources[c].type not in said and _summarised(stack, c)
        )
        if rest:
            lines.append(f"+ {_count_phrase(rest)}")
        if lines:
            subnets[address] = replace(subnet, extra=tuple(lines))


def _placements(
    stack: Stack, nodes: dict[str, Node], subnets: dict[str, Subnet], folded: dict[str, list[str]]
) -> dict[str, str]:
    """The subnet a node sits in: its own subnet reference, else one of what is folded into it (a
    VM through its NIC, a web app through its VNet integration)."""
    placement = {}
    for address in nodes:
        for source in (address, *folded.get(address, [])):
            refs = [r for r in stack.refs_from(source) if r.target in subnets]
            placing = [r for r in refs if not r.at.endswith(catalog.NON_PLACING_SUBNET_REFS)] or refs
            if placing:
                placement[address] = placing[0].target
                break
    return placement


def _endpoint(
    address: str | None,
    nodes: dict[str, Node],
    owner: dict[str, str],
    vnets: dict[str, Vnet],
    subnets: dict[str, Subnet] | None = None,
) -> str | None:
    if address is None:
        return None
    address = owner.get(address, address)
    if address in nodes:
        return nodes[address].id
    if address in vnets:
        return vnets[address].id
    if subnets and address in subnets:
        return subnets[address].id
    return None


ON_PREMISES = "on-premises"


def _link_edges(
    stack: Stack,
    nodes: dict[str, Node],
    owner: dict[str, str],
    vnets: dict[str, Vnet],
    subnets: dict[str, Subnet],
    edge_of: dict[str, str],
    externals: dict[str, Node],
) -> list[Edge]:
    edges: list[Edge] = []
    peerings: dict[tuple[str, str], int] = Counter()
    for address, res in stack.resources.items():
        entry = catalog.entry(res.type)
        if entry is None or not entry.extra.get("edge"):
            continue
        refs = stack.refs_from(address)
        to_paths = entry.extra["to"].split("|")
        to_refs = [r.target for path in to_paths for r in refs if _under(r.at, path)]
        if "from" in entry.extra:
            from_refs = [r.target for r in refs if _under(r.at, entry.extra["from"])]
            source = _endpoint(from_refs[0] if from_refs else None, nodes, owner, vnets, subnets)
        else:
            source = _endpoint(address, nodes, owner, vnets, subnets)
        target = _endpoint(to_refs[0] if to_refs else None, nodes, owner, vnets, subnets)
        if source is None or target is None or source == target:
            continue
        kind = EdgeKind(entry.extra["edge"])
        edge_of[address] = kind
        if kind is EdgeKind.PEERING:
            peerings[(source, target)] += 1
            continue
        label = entry.extra.get("label", "")
        if label.startswith("{"):
            label = literal(res.body.get(label.strip("{}"))) or entry.kind
        edges.append(Edge(source, target, kind, label))
    for a, b in sorted(peerings):
        if a < b or (b, a) not in peerings:
            both = (b, a) in peerings
            edges.append(Edge(a, b, EdgeKind.PEERING, "peering" if both else "peering (one way)", both))
    for relation in catalog.RELATIONS:
        for address, res in stack.resources.items():
            if res.type != relation.source_type or address not in nodes:
                continue
            for ref in stack.refs_from(address):
                if not _under(ref.at, relation.attribute):
                    continue
                other = _endpoint(ref.target, nodes, owner, vnets)
                if other is None or other == nodes[address].id:
                    continue
                a, b = (other, nodes[address].id) if relation.reverse else (nodes[address].id, other)
                edges.append(Edge(a, b, EdgeKind(relation.edge), relation.label))
    for address, node in nodes.items():
        if _type_of(stack, address) == "azurerm_express_route_circuit":
            premises = _external(ON_PREMISES, externals)
            provider = literal(stack.resources[address].body.get("service_provider_name")) or "ExpressRoute"
            edges.append(Edge(premises, node.id, EdgeKind.CONNECTION, provider))
    return _unique(edges)


def _unique(edges: list[Edge]) -> list[Edge]:
    """One edge per (source, target, kind); labels of merged edges joined in order."""
    seen: dict[tuple[str, str, str], Edge] = {}
    for edge in edges:
        key = (edge.source, edge.target, edge.kind)
        if key not in seen:
            seen[key] = edge
        elif edge.label and edge.label not in seen[key].label.split(", "):
            seen[key] = replace(seen[key], label=f"{seen[key].label}, {edge.label}".strip(", "))
    return list(seen.values())


# --------------------------------------------------------------------------- NSG-allowed flows
def nsg_rules(stack: Stack, nsg: str) -> list[dict[str, Any]]:
    inline = stack.resources[nsg].body.get("security_rule")
    rules = [r for r in (inline if isinstance(inline, list) else [inline]) if isinstance(r, dict)]
    for ref in stack.refs_to(nsg):
        res = stack.resources.get(ref.source)
        if res is not None and res.type == "azurerm_network_security_rule" and res.body not in rules:
            rules.append(res.body)
    return sorted(rules, key=lambda r: (str(r.get("direction")), _priority(stack, r)))


def _priority(stack: Stack, rule: dict[str, Any]) -> tuple[int, int, str]:
    """Numbers in order; a priority known only at plan time (``each.value.priority``) after them."""
    value = values.number(stack, rule.get("priority"))
    if isinstance(value, int):
        return (0, value, "")
    return (1, 0, str(value or ""))


def flow_label(rule: dict[str, Any], stack: Stack | None = None) -> str:
    """``TCP 5432``, ``TCP 80,443``, ``any protocol``; an expression is shown as itself."""
    protocol = literal(rule.get("protocol")) or "*"
    protocol = "any protocol" if protocol == "*" else protocol.upper()
    ports: list[str] = []
    for key in ("destination_port_ranges", "destination_port_range"):
        raw = rule.get(key)
        found = values.texts(stack, raw)
        if isinstance(found, Symbolic):
            ports = [found.text]
            break
        if found:
            ports = list(found)
            break
    port_text = "" if ports in ([], ["*"]) else ",".join(ports)
    return f"{protocol} {port_text}".strip()


def rule_prefixes(stack: Stack, rule: dict[str, Any], side: str) -> list[str | Symbolic]:
    for key in (f"{side}_address_prefixes", f"{side}_address_prefix"):
        found = values.texts(stack, rule.get(key))
        if isinstance(found, Symbolic):
            return [found]
        if found:
            return list(found)
    return []


def _flow_edges(
    stack: Stack,
    nodes: dict[str, Node],
    subnets: dict[str, Subnet],
    owner: dict[str, str],
    region: dict[str, str],
    externals: dict[str, Node],
) -> list[Edge]:
    """Edges of what each NSG allows, from or to the subnets and NICs (their VMs) it is on."""
    by_nsg: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for address, res in stack.resources.items():
        nsg = _first_target(stack, address, "azurerm_network_security_group")
        if res.type == "azurerm_subnet_network_security_group_association":
            subnet = owner.get(address)
            if subnet in subnets and nsg is not None:
                by_nsg[nsg].append((subnets[subnet].id, region.get(subnets[subnet].vnet)))
        elif res.type == "azurerm_network_interface_security_group_association":
            holder = owner.get(address)
            if holder in nodes and nsg is not None:
                by_nsg[nsg].append((nodes[holder].id, nodes[holder].region))
    for child, parent in owner.items():  # NSGs named by inline subnet blocks
        if ".subnet[" in parent and parent in subnets and _type_of(stack, child) == "azurerm_network_security_group":
            by_nsg[child].append((subnets[parent].id, region.get(subnets[parent].vnet)))
    edges: list[Edge] = []
    index = SubnetIndex(subnets)
    for nsg, attached in sorted(by_nsg.items()):
        for rule in nsg_rules(stack, nsg):
            if str(rule.get("access", "")).lower() != "allow":
                continue
            inbound = str(rule.get("direction", "")).lower() == "inbound"
            label = flow_label(rule, stack)
            for here, here_region in sorted(attached):
                others = [
                    end
                    for prefix in rule_prefixes(stack, rule, "source" if inbound else "destination")
                    for end in prefix_endpoints(prefix, stack, nodes, index, here_region, externals, inbound)
                ]
                for other in others:
                    if other != here:
                        edges.append(
                            Edge(other, here, EdgeKind.FLOW, label)
                            if inbound
                            else Edge(here, other, EdgeKind.FLOW, label)
                        )
    return _unique(edges)


EXTERNAL_PREFIX = "ext"
EXISTING_SUFFIX = " (existing)"
"""Title suffix of a VNet or subnet read from a data source."""
ANY_SOURCE = "any source"
"""What an inbound rule's ``*`` source allows: every address, the Internet included."""


def external_id(name: str) -> str:
    return node_id(EXTERNAL_PREFIX, name)


def _external(name: str, externals: dict[str, Node], kind: str = "") -> str:
    """The id of the external endpoint ``name``, recorded with its title and kind."""
    eid = external_id(name)
    if eid not in externals:
        if not kind:
            kind = {"Internet": "public network", ON_PREMISES: "on-premises network", ANY_SOURCE: "any address"}.get(
                name, "service tag"
            )
        externals[eid] = Node(
            id=eid,
            title=name,
            kind=kind,
            category=Category.OTHER,
            icon=catalog.EXTERNAL_ICONS.get(name, catalog.GENERIC_ICON),
        )
    return eid


class SubnetIndex:
    """Subnet prefixes parsed once, looked up by supernet (``within``) and by address range
    (``covered``), and drawn nodes by type for service tags: an NSG prefix costs
    O(prefix lengths + log subnets), not O(subnets) (bench/results.md)."""

    def __init__(self, subnets: dict[str, Subnet]) -> None:
        self.by_net: dict[tuple[int, int, int], set[str]] = defaultdict(set)
        starts: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        for subnet in subnets.values():
            for own in () if isinstance(subnet.prefixes, Symbolic) else subnet.prefixes:
                try:
                    net = ipaddress.ip_network(own, strict=False)
                except ValueError:
                    continue
                self.by_net[(net.version, net.prefixlen, int(net.network_address))].add(subnet.id)
                starts[net.version].append((int(net.network_address), net.prefixlen, subnet.id))
        self.lengths = {v: sorted({p for (ver, p, _) in self.by_net if ver == v}) for v in (4, 6)}
        self.starts = {v: sorted(rows) for v, rows in starts.items()}
        self.addresses = {v: [row[0] for row in rows] for v, rows in self.starts.items()}
        self._by_type: dict[str, list[Node]] | None = None

    def of_type(self, rtype: str, stack: Stack, nodes: dict[str, Node]) -> list[Node]:
        """Drawn nodes of ``rtype`` (grouped once, on first use)."""
        if self._by_type is None:
            self._by_type = defaultdict(list)
            for address, node in nodes.items():
                self._by_type[_type_of(stack, address) or ""].append(node)
        return self._by_type.get(rtype, [])

    def within(self, network: ipaddress.IPv4Network | ipaddress.IPv6Network) -> set[str]:
        """Subnets whose prefix contains ``network``."""
        found: set[str] = set()
        for length in self.lengths[network.version]:
            if length > network.prefixlen:
                break
            outer = network.supernet(new_prefix=length)
            found |= self.by_net.get((network.version, length, int(outer.network_address)), set())
        return found

    def covered(self, network: ipaddress.IPv4Network | ipaddress.IPv6Network, limit: int = 2) -> set[str]:
        """Up to ``limit`` subnets inside ``network`` (callers only need to know whether it is one)."""
        addresses = self.addresses.get(network.version, [])
        start = bisect.bisect_left(addresses, int(network.network_address))
        end = bisect.bisect_right(addresses, int(network.broadcast_address))
        found: set[str] = set()
        for _, length, subnet in self.starts[network.version][start:end] if end > start else ():
            if length >= network.prefixlen:
                found.add(subnet)
                if len(found) >= limit:
                    break
        return found


def prefix_endpoints(
    prefix: str | Symbolic,
    stack: Stack,
    nodes: dict[str, Node],
    index: SubnetIndex,
    subnet_region: str | None,
    externals: dict[str, Node],
    inbound: bool,
) -> list[str]:
    """Node/subnet ids (or an external id) an NSG address prefix stands for.

    ``*`` as an inbound source is every address (drawn as one "any source" node); as an outbound
    destination it is left out: the default allows it and the picture would gain nothing.
    """
    if isinstance(prefix, Symbolic):
        return [_external(prefix.text, externals, "address (plan time)")]
    if prefix in ("VirtualNetwork", "AzureLoadBalancer"):
        return []
    if prefix in ("*", "0.0.0.0/0", "Any"):
        return [_external(ANY_SOURCE, externals)] if inbound else []
    try:
        network = ipaddress.ip_network(prefix, strict=False)
    except ValueError:
        rtype = catalog.SERVICE_TAGS.get(prefix)
        if rtype:
            matches = sorted(n.id for n in index.of_type(rtype, stack, nodes) if n.region in (subnet_region, None))
            if matches:
                return matches
        return [_external(prefix, externals)]
    within, covered = index.within(network), index.covered(network)
    if within:
        return sorted(within)
    # A prefix spanning several subnets is drawn as one address node, not an edge to each of
    # them: a 10.0.0.0/8 rule would otherwise draw subnets × subnets edges.
    if len(covered) == 1:
        return sorted(covered)
    return [_external(str(network), externals, "address range")]
