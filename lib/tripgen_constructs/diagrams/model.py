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

from . import catalog
from .catalog import Attach, Category
from .parse import Stack, Workloads


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


@dataclass(frozen=True)
class Edge:
    """A meaningful connection; ``source``/``target`` are node or container ids."""

    source: str
    target: str
    kind: str
    """flow, private-link, peering, origin, ingress, replication, telemetry, secret, grant."""
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


# --------------------------------------------------------------------------- the stack model
@dataclass(frozen=True)
class Subnet:
    id: str
    address: str
    name: str
    vnet: str
    """Address of the VNet."""
    prefixes: tuple[str, ...]
    nsg: str | None = None
    """Name of the associated NSG."""


@dataclass(frozen=True)
class Vnet:
    id: str
    address: str
    name: str
    title: str
    region: str | None
    address_space: tuple[str, ...]


@dataclass
class Model:
    """Everything the views need, derived from one stack."""

    stack: str
    nodes: dict[str, Node]
    """Drawable resources by address."""
    vnets: dict[str, Vnet]
    subnets: dict[str, Subnet]
    placement: dict[str, str]
    """Resource address → subnet address it sits in."""
    edges: list[Edge]
    """Between node ids; flow edges between subnet ids."""
    owner: dict[str, str]
    """Folded resource address → the address of the node it folds into."""
    folded: dict[str, list[str]]
    """Node address → addresses folded into it."""
    warnings: list[str]
    stack_model: Stack
    workloads: dict[str, Workloads] = field(default_factory=dict)
    """Node pool address → the workload services scheduled on it (from ``workloads.json``)."""

    def node_by_id(self) -> dict[str, Node]:
        return {node.id: node for node in self.nodes.values()}

    def of_type(self, resource_type: str) -> list[Node]:
        return [n for a, n in self.nodes.items() if self.stack_model.resources[a].type == resource_type]


def node_id(prefix: str, text: str) -> str:
    """A Mermaid/DOT-safe id: ``prefix`` + the text with every other character as ``_``."""
    return f"{prefix}_{re.sub(r'[^A-Za-z0-9]+', '_', text).strip('_')}"


def region_name(value: Any) -> str | None:
    """``Korea Central`` and ``koreacentral`` are one region."""
    if not isinstance(value, str) or not value or "${" in value:
        return None
    return value.replace(" ", "").lower()


def literal(value: Any) -> str | None:
    """A human string for a label, or None for unresolved expressions and empties."""
    if value is None or value == [] or value == "":
        return None
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, list):
        parts = [literal(v) for v in value]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, dict):
        return None
    text = str(value)
    return None if "${" in text else text


def build_model(stack: Stack, workloads: Workloads | None = None) -> Model:
    """The drawable graph of ``stack``; unknown types and dangling references become warnings.

    ``workloads`` (the stack's ``workloads.json``) attaches services to the node pool resource
    whose construct path is ``workloads.pool_path``.
    """
    resources = stack.resources
    warnings: list[str] = []
    ids = _IdFactory()

    unknown = Counter(r.type for r in resources.values() if catalog.entry(r.type) is None)
    for rtype, count in sorted(unknown.items()):
        warnings.append(f"unmapped resource type {rtype} ({count}x): drawn with the generic icon")
    for ref in stack.dangling:
        warnings.append(f"{ref.source} refers to {ref.target} ({ref.at}), which is not in the stack: skipped")

    owner = _fold_owners(stack)
    region = _regions(stack)

    nodes: dict[str, Node] = {}
    vnets: dict[str, Vnet] = {}
    subnets: dict[str, Subnet] = {}
    for address, res in resources.items():
        entry = catalog.entry(res.type)
        attach = entry.attach if entry else Attach.NODE
        if attach in (Attach.HIDDEN, Attach.LINK) or address in owner:
            continue
        title = _title(res)
        if attach is Attach.VNET:
            short = res.path.split("/")[-2] if res.path and res.path.count("/") >= 1 else title
            vnets[address] = Vnet(
                ids.make("vnet", res.path or address),
                address,
                title,
                short if short != title else title,
                region.get(address),
                tuple(v for v in res.body.get("address_space") or [] if isinstance(v, str)),
            )
            continue
        if attach is Attach.SUBNET:
            vnet = _first_target(stack, address, "azurerm_virtual_network")
            if vnet is None:
                warnings.append(f"{address}: subnet without a VNet in the stack: drawn as a node")
            else:
                subnets[address] = Subnet(
                    ids.make("snet", res.path or address),
                    address,
                    title,
                    vnet,
                    tuple(p for p in res.body.get("address_prefixes") or [] if isinstance(p, str)),
                )
                continue
        nodes[address] = Node(
            id=ids.make("n", res.path or address),
            title=title,
            kind=entry.kind if entry else res.type,
            category=entry.category if entry else Category.OTHER,
            icon=entry.icon if entry else catalog.GENERIC_ICON,
            details=_details(stack, address),
            address=address,
            path=res.path,
            region=region.get(address),
            zones=_zones(res.body),
        )

    folded: dict[str, list[str]] = defaultdict(list)
    for child, parent in sorted(owner.items()):
        if parent in nodes:
            folded[parent].append(child)
    for parent, children in folded.items():
        nodes[parent] = _with_fold_summary(stack, nodes[parent], children)

    _associate_nsgs(stack, subnets)
    placement = _placements(stack, nodes, subnets)
    edges = _link_edges(stack, nodes, owner, vnets)
    edges += _flow_edges(stack, nodes, subnets, placement, region)
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
    )


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


def _title(res: Any) -> str:
    name = res.body.get("name")
    if isinstance(name, str) and name and "${" not in name:
        return name
    return res.path.split("/")[-1] if res.path else res.name


def _zones(body: dict[str, Any]) -> tuple[str, ...]:
    zones = body.get("zones")
    if isinstance(zones, list):
        return tuple(str(z) for z in zones)
    zone = body.get("zone")
    return (str(zone),) if isinstance(zone, (str, int)) and "${" not in str(zone) else ()


def _details(stack: Stack, address: str) -> tuple[str, ...]:
    res = stack.resources[address]
    entry = catalog.entry(res.type)
    if entry is None:
        return ()
    lines = []
    for attribute, fmt in entry.details:
        text = literal(stack.resolve(res.get(attribute)))
        if text == "0" and fmt != "{}":
            continue  # "0 MU" on a Standard namespace: a count that does not apply
        if text is not None:
            lines.append(fmt.format(text))
    return tuple(lines)


def _first_target(stack: Stack, address: str, rtype: str, at: str | None = None) -> str | None:
    for ref in stack.refs_from(address):
        if ref.target.startswith(rtype + ".") and (at is None or _under(ref.at, at)):
            return ref.target
    return None


def _under(at: str, prefix: str) -> bool:
    """``at`` is the attribute ``prefix`` or nested in it (block lists included)."""
    plain = re.sub(r"\[\d+\]", "", at)
    return plain == prefix or plain.startswith(prefix + ".")


def _fold_owners(stack: Stack) -> dict[str, str]:
    """Folded resource → the drawn resource it becomes part of (chains followed)."""
    direct: dict[str, str] = {}
    for address, res in stack.resources.items():
        entry = catalog.entry(res.type)
        if entry is None:
            continue
        if entry.attach is Attach.FOLD:
            target = None
            if entry.extra.get("to"):
                refs = [r for r in stack.refs_from(address) if _under(r.at, entry.extra["to"])]
                target = refs[0].target if refs else None
            for into in entry.into:
                target = target or _first_target(stack, address, into)
            if target is not None:
                direct[address] = target
        elif entry.attach is Attach.FOLD_UP:
            referrers = sorted({r.source for r in stack.references if r.target == address})
            if referrers:
                direct[address] = referrers[0]
    owners: dict[str, str] = {}
    for address in direct:
        seen, current = {address}, direct[address]
        while current in direct and current not in seen:
            seen.add(current)
            current = direct[current]
        owners[address] = current
    return owners


def _regions(stack: Stack) -> dict[str, str]:
    """Address → region: own ``location``, else the region of what it references (subnet → VNet)."""
    found: dict[str, str] = {}
    for address, res in stack.resources.items():
        value = region_name(stack.resolve(res.body.get("location")))
        if value:
            found[address] = value
    for _ in range(3):
        for address in stack.resources:
            if address in found:
                continue
            for ref in stack.refs_from(address):
                if ref.target in found and not ref.target.startswith("azurerm_resource_group."):
                    found[address] = found[ref.target]
                    break
    return found


def _with_fold_summary(stack: Stack, node: Node, children: list[str]) -> Node:
    kinds: Counter[str] = Counter()
    for child in children:
        entry = catalog.entry(stack.resources[child].type)
        if entry is not None and entry.extra.get("summary") == "no":
            continue  # said elsewhere (the workspace counts its diagnostic sources)
        kinds[entry.kind if entry else stack.resources[child].type] += 1
    if not kinds:
        return node
    summary = ", ".join(
        f"{count} {kind}{'s' if count > 1 and not kind.endswith('s') else ''}" for kind, count in sorted(kinds.items())
    )
    return replace(node, details=(*node.details, f"+ {summary}"))


def _associate_nsgs(stack: Stack, subnets: dict[str, Subnet]) -> None:
    for address, res in stack.resources.items():
        if res.type != "azurerm_subnet_network_security_group_association":
            continue
        subnet = _first_target(stack, address, "azurerm_subnet")
        nsg = _first_target(stack, address, "azurerm_network_security_group")
        if subnet in subnets and nsg is not None:
            subnets[subnet] = replace(subnets[subnet], nsg=_title(stack.resources[nsg]))


def _placements(stack: Stack, nodes: dict[str, Node], subnets: dict[str, Subnet]) -> dict[str, str]:
    placement = {}
    for address in nodes:
        refs = [r for r in stack.refs_from(address) if r.target in subnets]
        placing = [r for r in refs if not r.at.endswith(catalog.NON_PLACING_SUBNET_REFS)] or refs
        if placing:
            placement[address] = placing[0].target
    return placement


def _endpoint(address: str | None, nodes: dict[str, Node], owner: dict[str, str], vnets: dict[str, Vnet]) -> str | None:
    if address is None:
        return None
    address = owner.get(address, address)
    if address in nodes:
        return nodes[address].id
    if address in vnets:
        return vnets[address].id
    return None


def _link_edges(stack: Stack, nodes: dict[str, Node], owner: dict[str, str], vnets: dict[str, Vnet]) -> list[Edge]:
    edges: list[Edge] = []
    peerings: dict[tuple[str, str], int] = Counter()
    for address, res in stack.resources.items():
        entry = catalog.entry(res.type)
        if entry is None or not entry.extra.get("edge"):
            continue
        refs = stack.refs_from(address)
        to_refs = [r.target for r in refs if _under(r.at, entry.extra["to"])]
        if "from" in entry.extra:
            from_refs = [r.target for r in refs if _under(r.at, entry.extra["from"])]
            source = _endpoint(from_refs[0] if from_refs else None, nodes, owner, vnets)
        else:
            source = _endpoint(address, nodes, owner, vnets)
        target = _endpoint(to_refs[0] if to_refs else None, nodes, owner, vnets)
        if source is None or target is None or source == target:
            continue
        if entry.extra["edge"] == "peering":
            peerings[(source, target)] += 1
            continue
        label = entry.extra.get("label", "")
        if "{role_definition_name}" in label:
            label = literal(res.body.get("role_definition_name")) or "role"
        edges.append(Edge(source, target, entry.extra["edge"], label))
    for a, b in sorted(peerings):
        if a < b or (b, a) not in peerings:
            both = (b, a) in peerings
            edges.append(Edge(a, b, "peering", "peering" if both else "peering (one way)", both))
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
                edges.append(Edge(a, b, relation.edge, relation.label))
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
def _rules(stack: Stack, nsg: str) -> list[dict[str, Any]]:
    rules = [r for r in stack.resources[nsg].body.get("security_rule") or [] if isinstance(r, dict)]
    for address in dict.fromkeys(r.source for r in stack.refs_to(nsg)):  # not a scan per NSG
        if stack.resources[address].type == "azurerm_network_security_rule":
            rules.append(stack.resources[address].body)
    return sorted(rules, key=lambda r: (str(r.get("direction")), int(r.get("priority") or 0)))


def flow_label(rule: dict[str, Any]) -> str:
    """``TCP 5432``, ``TCP 80,443``, ``any protocol``."""
    protocol = str(rule.get("protocol") or "*")
    protocol = "any protocol" if protocol == "*" else protocol.upper()
    ports = rule.get("destination_port_ranges") or [rule.get("destination_port_range") or "*"]
    ports = [str(p) for p in ports if p is not None]
    port_text = "" if ports == ["*"] else ",".join(ports)
    return f"{protocol} {port_text}".strip()


def _prefixes(rule: dict[str, Any], side: str) -> list[str]:
    many = rule.get(f"{side}_address_prefixes")
    if many:
        return [str(p) for p in many]
    one = rule.get(f"{side}_address_prefix")
    return [str(one)] if one else []


def _flow_edges(
    stack: Stack, nodes: dict[str, Node], subnets: dict[str, Subnet], placement: dict[str, str], region: dict[str, str]
) -> list[Edge]:
    by_nsg: dict[str, list[str]] = defaultdict(list)
    for address, res in stack.resources.items():
        if res.type == "azurerm_subnet_network_security_group_association":
            subnet = _first_target(stack, address, "azurerm_subnet")
            nsg = _first_target(stack, address, "azurerm_network_security_group")
            if subnet in subnets and nsg is not None:
                by_nsg[nsg].append(subnet)
    edges: list[Edge] = []
    index = _SubnetIndex(subnets)
    for nsg, attached in sorted(by_nsg.items()):
        for rule in _rules(stack, nsg):
            if str(rule.get("access", "")).lower() != "allow":
                continue
            inbound = str(rule.get("direction", "")).lower() == "inbound"
            label = flow_label(rule)
            for subnet in sorted(attached):
                here = subnets[subnet].id
                subnet_region = region.get(subnets[subnet].vnet)
                others = [
                    end
                    for prefix in _prefixes(rule, "source" if inbound else "destination")
                    for end in _prefix_endpoints(prefix, stack, nodes, index, subnet_region)
                ]
                for other in others:
                    if other != here:
                        edges.append(Edge(other, here, "flow", label) if inbound else Edge(here, other, "flow", label))
    return _unique(edges)


EXTERNAL_PREFIX = "ext"


def external_id(name: str) -> str:
    return node_id(EXTERNAL_PREFIX, name)


class _SubnetIndex:
    """Subnet prefixes parsed once, looked up by supernet (``within``) and by address range
    (``covered``), and drawn nodes by type for service tags: an NSG prefix costs
    O(prefix lengths + log subnets), not O(subnets) (bench/results.md)."""

    def __init__(self, subnets: dict[str, Subnet]) -> None:
        self.by_net: dict[tuple[int, int, int], set[str]] = defaultdict(set)
        starts: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        for subnet in subnets.values():
            for own in subnet.prefixes:
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
                self._by_type[stack.resources[address].type].append(node)
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


def _prefix_endpoints(
    prefix: str, stack: Stack, nodes: dict[str, Node], index: _SubnetIndex, subnet_region: str | None
) -> list[str]:
    """Node/subnet ids (or an external id) an NSG address prefix stands for; ``*`` stands for none."""
    if prefix in ("*", "VirtualNetwork", "AzureLoadBalancer"):
        return []
    try:
        network = ipaddress.ip_network(prefix, strict=False)
    except ValueError:
        rtype = catalog.SERVICE_TAGS.get(prefix)
        if rtype:
            matches = sorted(n.id for n in index.of_type(rtype, stack, nodes) if n.region in (subnet_region, None))
            if matches:
                return matches
        return [external_id(prefix)]
    within, covered = index.within(network), index.covered(network)
    if within:
        return sorted(within)
    # A prefix spanning several subnets is drawn as one address node, not an edge to each of
    # them: a 10.0.0.0/8 rule would otherwise draw subnets × subnets edges.
    return sorted(covered) if len(covered) == 1 else [external_id(prefix)]
