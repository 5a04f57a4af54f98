"""What a change does, derived from the diagram model and the rule report of each side: traffic
flows, Internet exposure, private endpoints, zone redundancy, DR pairs, findings, suppressions.

Each is a set of facts per stack; a consequence is a fact present on one side only. Facts name
construct paths and subnet names, never resource names, so two environments compare too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..diagrams.model import (
    EXTERNAL_PREFIX,
    Model,
    Node,
    SubnetIndex,
    flow_label,
    nsg_rules,
    prefix_endpoints,
    rule_prefixes,
)
from ..diagrams.views import build_view
from .attributes import flatten, show
from .diff import index, rule_text
from .source import StackInput


@dataclass(frozen=True)
class Consequence:
    """``topic`` gained (``sign`` "+") or lost ("-") ``fact`` between BASE and HEAD."""

    topic: str
    sign: str
    fact: str

    @property
    def heading(self) -> str:
        return WORDS[self.topic][0 if self.sign == "+" else 1]


WORDS = {
    "flow": ("traffic flow opened", "traffic flow closed"),
    "exposure": ("newly reachable from the Internet", "newly private"),
    "private-endpoint": ("private endpoint added", "private endpoint removed"),
    "zone-redundancy": ("zone redundancy gained", "zone redundancy lost"),
    "dr-pair": ("DR pair gained", "DR pair lost"),
    "finding": ("finding added", "finding resolved"),
    "suppression": ("suppression added", "suppression removed"),
}
"""Topic → (heading when gained, heading when lost), in report order."""


def _names(model: Model) -> dict[str, str]:
    """Node, subnet and external ids → the name a reader knows them by (construct path, subnet name)."""
    names = {n.id: n.path or n.address or n.title for n in model.nodes.values()}
    # two VNets may hold a subnet of one name (spoke and DR spoke): say whose
    names.update(
        {s.id: f"{model.vnets[s.vnet].title}/{s.name}" for s in model.subnets.values() if s.vnet in model.vnets}
    )
    names.update({v.id: f"VNet {v.title}" for v in model.vnets.values()})
    return names


def _name(names: dict[str, str], node_id: str) -> str:
    if node_id in names:
        return names[node_id]
    return node_id.removeprefix(EXTERNAL_PREFIX + "_") if node_id.startswith(EXTERNAL_PREFIX + "_") else node_id


def _associations(si: StackInput) -> dict[str, list[str]]:
    """NSG address → the subnet addresses it is associated with."""
    found: dict[str, list[str]] = {}
    for res in si.stack.resources.values():
        if res.type == "azurerm_subnet_network_security_group_association":
            refs = {r.target.split(".")[0]: r.target for r in si.stack.refs_from(res.address)}
            if "azurerm_subnet" in refs and "azurerm_network_security_group" in refs:
                found.setdefault(refs["azurerm_network_security_group"], []).append(refs["azurerm_subnet"])
    return found


def flows(si: StackInput) -> dict[str, str]:
    """``source → subnet TCP 5432`` per allowing rule.

    Azure's default rules let VNet traffic out, so a flow between subnets opens where the
    destination's NSG admits it: inbound rules make the flows, and outbound rules only those to
    destinations outside the VNets (service tags, other addresses). The diagram model's flow
    edges are the union of both directions, which would hide an inbound rule's removal; the
    model's own rule readers (``nsg_rules``, ``rule_prefixes``, ``prefix_endpoints``) map the prefixes.
    """
    model, stack = si.model, si.stack
    names = _names(model)
    externals: dict[str, Node] = {}
    subnet_index = SubnetIndex(model.subnets)
    ends: dict[tuple[str, str | None, bool], list[str]] = {}  # one prefix is looked up once per region
    found = {}
    for nsg, subnets in sorted(_associations(si).items()):
        for rule in nsg_rules(stack, nsg):
            if str(rule.get("access", "")).lower() != "allow":
                continue
            inbound = str(rule.get("direction", "")).lower() == "inbound"
            label = flow_label(rule, stack)
            for subnet in subnets:
                if subnet not in model.subnets:
                    continue
                here = model.subnets[subnet].id
                vnet = model.vnets.get(model.subnets[subnet].vnet)
                region = vnet.region if vnet else None
                for prefix in rule_prefixes(stack, rule, "source" if inbound else "destination"):
                    key = (str(prefix), region, inbound)
                    if key not in ends:
                        ends[key] = prefix_endpoints(
                            prefix, stack, model.nodes, subnet_index, region, externals, inbound
                        )
                    for other in ends[key]:
                        if other == here or (not inbound and other.startswith("snet_")):
                            continue
                        there = externals[other].title if other in externals else _name(names, other)
                        pair = (there, _name(names, here)) if inbound else (_name(names, here), there)
                        found[f"{pair[0]} → {pair[1]} {label}"] = ""
    return found


PUBLIC = (("public_network_access_enabled", True), ("public_network_access", "Enabled"))
INTERNET = frozenset({"*", "Internet", "0.0.0.0/0", "Any"})


def exposure(si: StackInput) -> dict[str, str]:
    """Resource (or subnet) → why it is reachable from the Internet."""
    found: dict[str, str] = {}
    for key, res in index(si.stack).items():
        for attribute, value in PUBLIC:
            if res.body.get(attribute) == value:
                found[key] = f"{attribute} = {show(si.stack, value)}"
        if res.type == "azurerm_kubernetes_cluster" and res.body.get("private_cluster_enabled") is not True:
            found[key] = "public API server (private_cluster_enabled off)"
        if res.type in ("azurerm_public_ip", "azurerm_cdn_frontdoor_endpoint"):
            owner = si.model.owner.get(res.address, res.address)
            owner_res = si.stack.resources[owner]
            found[owner_res.path or owner] = f"public endpoint {res.path or res.address}"
    for nsg, subnets in _associations(si).items():
        for rule in si.stack.resources[nsg].body.get("security_rule") or []:
            sources = rule.get("source_address_prefixes") or [rule.get("source_address_prefix")]
            if (
                str(rule.get("direction")).lower() == "inbound"
                and str(rule.get("access")).lower() == "allow"
                and INTERNET & set(map(str, sources))
            ):
                for subnet in subnets:
                    name = si.model.subnets[subnet].name if subnet in si.model.subnets else subnet
                    found[f"subnet {name}"] = f"NSG allows {rule_text(si.stack, rule)}"
    return found


def private_endpoints(si: StackInput) -> dict[str, str]:
    found = {}
    for res in si.stack.resources.values():
        if res.type != "azurerm_private_endpoint":
            continue
        target = show(si.stack, res.get("private_service_connection.private_connection_resource_id"))
        subresources = res.get("private_service_connection.subresource_names") or []
        found[f"{target} ({', '.join(map(str, subresources))})" if subresources else target] = res.path or ""
    return found


def zone_redundancy(si: StackInput) -> dict[str, str]:
    """Zone-redundant resource (or block of one) → the zones or setting that makes it so."""
    found = {}
    for key, res in index(si.stack).items():
        for attr, value in flatten(res.body).items():
            last = attr.rsplit(".", 1)[-1]
            where = f"{key} ({attr.rsplit('.', 1)[0]})" if "." in attr else key
            if last == "zones" and isinstance(value, list) and len(value) > 1:
                found[where] = "zones " + ", ".join(map(str, value))
            elif last in ("zone_redundancy_enabled", "zone_redundant") and value is True:
                found[where] = f"{last} on"
            elif attr == "high_availability.mode" and value == "ZoneRedundant":
                found[key] = "HA ZoneRedundant"
    return found


def dr_pairs(si: StackInput) -> dict[str, str]:
    """Replication between two regions, as the physical picture draws it."""
    view = build_view(si.model, "physical-architecture")
    names = _names(si.model)
    found = {}
    for edge in view.edges:
        if edge.kind != "replication":
            continue
        a, b = view.nodes.get(edge.source), view.nodes.get(edge.target)
        if a is None or b is None or not a.region or not b.region or a.region == b.region:
            continue
        source = names.get(a.id, a.title)
        target = names.get(b.id, f"{source} {b.kind}")
        found[f"{source} ({a.region}) → {target} ({b.region}) {edge.label}".strip()] = ""
    return found


def _relative(path: str) -> str:
    return path.split("/", 1)[1] if "/" in path else "<stack>"


def findings(si: StackInput) -> dict[str, str]:
    found = {}
    for result in (si.rules or {}).get("results", []):
        if result.get("status") == "non_compliant":
            found[f"{result.get('rule')} on {_relative(str(result.get('path')))}"] = str(result.get("level", ""))
    return found


def suppressions(si: StackInput) -> dict[str, str]:
    found = {}
    for entry in (si.rules or {}).get("suppressions", []):
        found[f"{entry.get('rule')} on {_relative(str(entry.get('path')))}"] = str(entry.get("reason", ""))
    return found


FACTS: dict[str, Callable[[StackInput], dict[str, str]]] = {
    "flow": flows,
    "exposure": exposure,
    "private-endpoint": private_endpoints,
    "zone-redundancy": zone_redundancy,
    "dr-pair": dr_pairs,
    "finding": findings,
    "suppression": suppressions,
}


PER_RESOURCE = frozenset({"exposure", "zone-redundancy"})


def _kept(fact: str, both: set[str]) -> bool:
    """A per-resource fact names a resource on both sides (``key`` or ``key (block)``), or a subnet."""
    return fact.startswith("subnet ") or fact.split(" (", 1)[0] in both


def derive(base: StackInput, head: StackInput) -> list[tuple[Consequence, str]]:
    """Every consequence with its note (why exposed, the zones, a suppression's reason), in
    topic order, then gained before lost, then by fact."""
    found = []
    both = set(index(base.stack)) & set(index(head.stack))
    for topic, facts in FACTS.items():
        before, after = facts(base), facts(head)
        if topic in PER_RESOURCE:
            # a resource added or removed whole is reported as such, not as exposure or redundancy
            before, after = ({f: n for f, n in d.items() if _kept(f, both)} for d in (before, after))
        for fact in sorted(after.keys() - before.keys()):
            found.append((Consequence(topic, "+", fact), after[fact]))
        for fact in sorted(before.keys() - after.keys()):
            note = before[fact]
            if topic in PER_RESOURCE and note:
                note = f"was: {note}"
            found.append((Consequence(topic, "-", fact), note))
    return found
