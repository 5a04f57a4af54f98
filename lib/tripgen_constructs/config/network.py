"""Hub-and-spoke network: VNets, subnets, NSGs, peering and private DNS zones (N-1 … N-7)."""

from __future__ import annotations

import re
from collections import Counter
from ipaddress import IPv4Network
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from .props import DR, Props, RegionRef, overlapping, refusal

# --- Platform facts and the library's names ------------------------------------------------------
#
# No address plan: the CIDRs of every VNet and subnet are the user's choice (``NetworkProps.hub``
# and ``spoke`` are required); ``hub_network``, ``spoke_network`` and ``dr_spoke_network`` build the
# topology the stack wires from them.

POSTGRES_DELEGATION = "Microsoft.DBforPostgreSQL/flexibleServers"  # N-2
ACR_SERVICE_ENDPOINT = "Microsoft.ContainerRegistry"  # N-2

GATEWAY_SUBNET = "snet-appgw"
AKS_SUBNET = "snet-aks"
AKS_POD_SUBNET = "snet-aks-pods"
DATABASE_SUBNET = "snet-database"
CACHE_SUBNET = "snet-cache"
PRIVATE_ENDPOINT_SUBNET = "snet-private-endpoints"

PRIVATE_DNS_ZONES: tuple[str, ...] = (  # N-7, plus the registry's zone
    "privatelink.postgres.database.azure.com",
    "privatelink.redis.cache.windows.net",
    "privatelink.servicebus.windows.net",
    "privatelink.vaultcore.azure.net",
    "privatelink.blob.core.windows.net",
    "privatelink.azurecr.io",
)

# Subnet roles: how the library finds a subnet (the gateway's, the database's...), whatever its name.
GATEWAY = "gateway"
AKS = "aks"
AKS_POD = "aks-pods"
DATABASE = "database"
CACHE = "cache"
PRIVATE_ENDPOINT = "private-endpoints"
FIREWALL = "firewall"
VNET_ROLES = ("hub", "spoke", "dr_spoke")
DEFAULT_ROLES = {
    GATEWAY_SUBNET: GATEWAY,
    AKS_SUBNET: AKS,
    AKS_POD_SUBNET: AKS_POD,
    DATABASE_SUBNET: DATABASE,
    CACHE_SUBNET: CACHE,
    PRIVATE_ENDPOINT_SUBNET: PRIVATE_ENDPOINT,
}
"""The role a subnet named like one of the library's defaults plays when none is given."""

# Subnets that Azure refuses an NSG on.
NSG_FORBIDDEN_SUBNETS = frozenset({"GatewaySubnet", "AzureFirewallSubnet", "AzureFirewallManagementSubnet"})

# --- Props ---------------------------------------------------------------------------------------

_PORT = re.compile(r"\*|([0-9]{1,5})(?:-([0-9]{1,5}))?")
_RULE_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?")
_SUBNET_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?")
_SERVICE_TAG = re.compile(r"\*|[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)?")
_ROLE = re.compile(r"[a-z][a-z0-9-]{0,39}")
SUBNET_REF = "subnet:"
_SUBNET_REF = re.compile(rf"{SUBNET_REF}({'|'.join(VNET_ROLES)})\.([a-z][a-z0-9-]{{0,39}})")


def subnet_ref(vnet: str, role: str) -> str:
    """An NSG rule address naming the subnet of ``role`` in VNet ``vnet`` (``subnet:spoke.aks``),
    resolved to its CIDR against the network it is part of."""
    return f"{SUBNET_REF}{vnet}.{role}"


def _check_port(value: str) -> str:
    match = _PORT.fullmatch(value)
    ok = match is not None
    if ok and value != "*":
        low = int(match.group(1))  # type: ignore[union-attr]
        high = int(match.group(2) or low)  # type: ignore[union-attr]
        ok = 0 <= low <= high <= 65535
    if not ok:
        raise refusal("destination_ports", value, "'*', a port 0-65535 or a range 'low-high'")
    return value


PortRange = Annotated[str, AfterValidator(_check_port)]


def _check_address(value: str) -> str:
    if _SERVICE_TAG.fullmatch(value) or _SUBNET_REF.fullmatch(value):
        return value
    try:
        return str(IPv4Network(value))
    except ValueError:
        raise refusal("address", value, "'*', a service tag, an IPv4 CIDR or 'subnet:<vnet>.<role>'") from None


AddressPrefix = Annotated[str, AfterValidator(_check_address)]
"""``*``, a service tag (``Internet``, ``AzureFrontDoor.Backend``), an IPv4 CIDR, or a subnet of
the topology by role (``subnet:spoke.aks``, see ``subnet_ref``)."""


class NsgRule(Props):
    """One NSG security rule."""

    name: str
    priority: int = Field(ge=100, le=4096)
    direction: Literal["Inbound", "Outbound"]
    access: Literal["Allow", "Deny"] = "Allow"
    protocol: Literal["Tcp", "Udp", "Icmp", "*"] = "Tcp"
    source: AddressPrefix = "*"
    destination: AddressPrefix = "*"
    destination_ports: tuple[PortRange, ...] = Field(min_length=1)
    optional: bool = False
    """Dropped, rather than refused, when the subnet it references is not in the topology (the
    library's defaults: a rule for the DR spoke only where there is one)."""
    requires: str | None = None
    """A part of the stack the rule serves (``'messaging'``): dropped in a stack without it."""

    def refs(self) -> list[tuple[str, str, str]]:
        """``(field, vnet role, subnet role)`` of each address naming a subnet by role."""
        found = []
        for field in ("source", "destination"):
            match = _SUBNET_REF.fullmatch(getattr(self, field))
            if match:
                found.append((field, match[1], match[2]))
        return found

    @field_validator("priority", mode="wrap")
    @classmethod
    def _priority(cls, value, handler):  # type: ignore[no-untyped-def]
        try:
            return handler(value)
        except Exception:
            raise refusal("priority", value, "an integer within 100-4096") from None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _RULE_NAME.fullmatch(value):
            raise refusal("name", value, "1-80 letters, digits, '_', '.', '-' (Azure rule names)")
        return value


class SubnetProps(Props):
    """A subnet and the NSG guarding it."""

    name: str
    cidr: IPv4Network
    role: str | None = None
    """What the subnet is for (``GATEWAY``, ``AKS``, ``DATABASE``...): the library finds subnets by
    role, so names are free. ``None``: the role of the default subnet of that name
    (``DEFAULT_ROLES``: ``snet-appgw`` is the gateway's), or no role for any other name."""
    delegation: str | None = None
    """Service the subnet is delegated to (e.g. PostgreSQL Flexible Server, N-2)."""
    service_endpoints: tuple[str, ...] = ()
    private_endpoint_network_policies: Literal["Enabled", "Disabled"] = "Enabled"
    nsg_rules: tuple[NsgRule, ...] = ()
    """Rules of the subnet's NSG; every subnet gets an NSG except those Azure forbids one on."""

    @model_validator(mode="after")
    def _default_role(self) -> SubnetProps:
        if self.role is None and self.name in DEFAULT_ROLES:
            object.__setattr__(self, "role", DEFAULT_ROLES[self.name])  # frozen: part of validation
        return self

    @field_validator("role")
    @classmethod
    def _role(cls, value: str | None) -> str | None:
        if value is not None and not _ROLE.fullmatch(value):
            raise refusal("role", value, "1-40 lowercase letters, digits or '-' starting with a letter")
        return value

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not _SUBNET_NAME.fullmatch(value):
            raise refusal("name", value, "1-80 letters, digits, '_', '.', '-' (Azure subnet names)")
        return value

    @model_validator(mode="after")
    def _unique_rules(self) -> SubnetProps:
        names = [r.name for r in self.nsg_rules]
        dup = sorted(n for n, c in Counter(names).items() if c > 1)
        if dup:
            raise refusal(f"nsg_rules of {self.name}", dup, "unique rule names")
        prios = [(r.direction, r.priority) for r in self.nsg_rules]
        dup_p = sorted(f"{d} {p}" for (d, p), c in Counter(prios).items() if c > 1)
        if dup_p:
            raise refusal(f"nsg_rules of {self.name}", dup_p, "unique priorities per direction")
        if self.nsg_rules and not self.has_nsg:
            raise refusal(f"nsg_rules of {self.name}", len(self.nsg_rules), "empty: Azure refuses an NSG here")
        return self

    @property
    def has_nsg(self) -> bool:
        return self.name not in NSG_FORBIDDEN_SUBNETS


class VirtualNetworkProps(Props):
    """A VNet and its subnets."""

    address_space: tuple[IPv4Network, ...] = Field(min_length=1)
    subnets: tuple[SubnetProps, ...] = ()
    location: RegionRef | None = None
    """Region of the VNet: ``None`` or ``'primary'`` is the environment's primary region, ``'dr'`` its DR region."""

    @model_validator(mode="after")
    def _subnets_fit(self) -> VirtualNetworkProps:
        for subnet in self.subnets:
            if not any(subnet.cidr.subnet_of(space) for space in self.address_space):
                raise refusal(
                    f"subnets.{subnet.name}.cidr",
                    str(subnet.cidr),
                    f"inside the VNet address space {[str(s) for s in self.address_space]}",
                )
        dup = sorted(n for n, c in Counter(s.name for s in self.subnets).items() if c > 1)
        if dup:
            raise refusal("subnets", dup, "unique subnet names")
        roles = Counter(s.role for s in self.subnets if s.role is not None)
        twice = sorted(
            f"{r} ({', '.join(s.name for s in self.subnets if s.role == r)})" for r, c in roles.items() if c > 1
        )
        if twice:
            raise refusal("subnets.role", twice, "each role on one subnet of a VNet")
        pairs = overlapping((s.name, s.cidr) for s in self.subnets)
        if pairs:
            raise refusal("subnets", pairs, "non-overlapping subnets")
        spaces = overlapping((str(s), s) for s in self.address_space)
        if spaces:
            raise refusal("address_space", spaces, "non-overlapping address prefixes")
        return self

    def subnet(self, name: str) -> SubnetProps | None:
        return next((s for s in self.subnets if s.name == name), None)

    def by_role(self, role: str) -> SubnetProps | None:
        """The subnet playing ``role`` (see ``SubnetProps.role``)."""
        return next((s for s in self.subnets if s.role == role), None)


# N-4: the gateway subnet's inbound rules.
# N-4 resolution: G-1 puts Front Door in front of the gateway, so 443/80 come from
# AzureFrontDoor.Backend instead of Internet and the edge cannot be bypassed (the gateway's WAF also
# checks X-Azure-FDID, see perimeter.py). GatewayManager (v2 control plane) and AzureLoadBalancer
# (health probes; explicit so that a later deny rule cannot cut it) are required by Azure.
GATEWAY_NSG_RULES = (
    NsgRule(
        name="allow-https-inbound",
        priority=100,
        direction="Inbound",
        source="AzureFrontDoor.Backend",
        destination_ports=("443",),
    ),
    NsgRule(
        name="allow-http-inbound",
        priority=110,
        direction="Inbound",
        source="AzureFrontDoor.Backend",
        destination_ports=("80",),
    ),
    NsgRule(
        name="allow-gateway-manager",
        priority=120,
        direction="Inbound",
        source="GatewayManager",
        destination_ports=("65200-65535",),
    ),
    NsgRule(
        name="allow-azure-load-balancer",
        priority=130,
        direction="Inbound",
        protocol="*",
        source="AzureLoadBalancer",
        destination_ports=("*",),
    ),
)

# N-5: the AKS subnet's rules. Redis listens on 6380 (TLS, N-8) and, clustered, on 13000-13999
# per shard (TLS); 6379 is the non-TLS port, off by P-6, so the design's 6379 becomes these.
AKS_NSG_RULES = (
    NsgRule(
        name="allow-gateway-http",
        priority=100,
        direction="Inbound",
        source=subnet_ref("hub", GATEWAY),
        destination_ports=("80", "443"),
        optional=True,  # gateway rules only with a gateway
    ),
    NsgRule(
        name="allow-postgresql-outbound",
        priority=100,
        direction="Outbound",
        destination=subnet_ref("spoke", DATABASE),
        destination_ports=("5432",),
    ),
    NsgRule(
        name="allow-redis-outbound",
        priority=110,
        direction="Outbound",
        destination=subnet_ref("spoke", CACHE),
        destination_ports=("6380", "13000-13999"),
    ),
    NsgRule(
        name="allow-servicebus-outbound",
        priority=120,
        direction="Outbound",
        destination="ServiceBus",
        destination_ports=("5671-5672",),
        requires="messaging",
    ),
)

# Pods reach the data tier from their own subnet (the N-5 outbound rules apply there), and the
# gateway reaches them directly: the Istio ingress gateway pods listen on 8080 and AGIC probes
# their status port 15021 (K-2, K-7); named so a later deny rule cannot cut the probe.
AKS_POD_NSG_RULES = (
    NsgRule(
        name="allow-gateway-http",
        priority=100,
        direction="Inbound",
        source=subnet_ref("hub", GATEWAY),
        destination_ports=("80", "443", "8080", "15021"),
        optional=True,
    ),
    *AKS_NSG_RULES[1:],
)

# P-4 "firewall: AKS subnet only": a VNet-integrated server has no firewall, so its subnet's NSG
# admits PostgreSQL from the AKS nodes and pods, the subnet itself (HA standby) and the DR replica's
# subnet (P-5) and nothing else from the VNets.
DATABASE_NSG_RULES = (
    *(
        NsgRule(
            name=f"allow-postgresql-from-{label}",
            priority=100 + 10 * i,
            direction="Inbound",
            source=subnet_ref(vnet, role),
            destination_ports=("5432",),
            optional=vnet == "dr_spoke",
        )
        for i, (label, vnet, role) in enumerate(
            (
                ("aks-nodes", "spoke", AKS),
                ("aks-pods", "spoke", AKS_POD),
                ("database", "spoke", DATABASE),
                ("dr-database", "dr_spoke", DATABASE),
            )
        )
    ),
    NsgRule(
        name="deny-vnet-inbound",
        priority=4000,
        direction="Inbound",
        access="Deny",
        protocol="*",
        source="VirtualNetwork",
        destination_ports=("*",),
    ),
)


def hub_network(address_space: IPv4Network, *, gateway: IPv4Network) -> VirtualNetworkProps:
    """The hub (N-3) in ``address_space``: the gateway subnet ``snet-appgw`` at ``gateway`` with its
    N-4 rules."""
    return VirtualNetworkProps(
        address_space=(address_space,),
        subnets=(SubnetProps(name=GATEWAY_SUBNET, role=GATEWAY, cidr=gateway, nsg_rules=GATEWAY_NSG_RULES),),
    )


def spoke_network(
    address_space: IPv4Network,
    *,
    aks: IPv4Network,
    aks_pods: IPv4Network,
    database: IPv4Network,
    cache: IPv4Network,
    private_endpoints: IPv4Network,
) -> VirtualNetworkProps:
    """The spoke (N-1, N-2) in ``address_space``: a subnet per role at the given CIDRs, with the
    library's names, delegation, service endpoint and NSG rules (N-5, P-4). ``aks_pods`` holds the
    pods (Azure CNI, dynamic IP allocation, K-2): at least every pool's ``max_count`` plus surge
    times ``max_pods`` addresses (``ZonalAksClusterProps.check_environment`` counts them)."""
    return VirtualNetworkProps(
        address_space=(address_space,),
        subnets=(
            SubnetProps(
                name=AKS_SUBNET,
                role=AKS,
                cidr=aks,
                service_endpoints=(ACR_SERVICE_ENDPOINT,),
                nsg_rules=AKS_NSG_RULES,
            ),
            SubnetProps(name=AKS_POD_SUBNET, role=AKS_POD, cidr=aks_pods, nsg_rules=AKS_POD_NSG_RULES),
            SubnetProps(
                name=DATABASE_SUBNET,
                role=DATABASE,
                cidr=database,
                delegation=POSTGRES_DELEGATION,
                nsg_rules=DATABASE_NSG_RULES,
            ),
            # N-2 resolution: Microsoft.Cache is no service endpoint; Redis's private endpoint lives here.
            SubnetProps(name=CACHE_SUBNET, role=CACHE, cidr=cache, private_endpoint_network_policies="Disabled"),
            SubnetProps(
                name=PRIVATE_ENDPOINT_SUBNET,
                role=PRIVATE_ENDPOINT,
                cidr=private_endpoints,
                private_endpoint_network_policies="Disabled",
            ),
        ),
    )


def dr_spoke_network(
    address_space: IPv4Network, *, database: IPv4Network, private_endpoints: IPv4Network
) -> VirtualNetworkProps:
    """The DR region's spoke (P-5) in ``address_space``: the replica's delegated database subnet
    and a private-endpoint subnet (M-2: the DR Service Bus namespace stays private)."""
    return VirtualNetworkProps(
        address_space=(address_space,),
        location=DR,
        subnets=(
            SubnetProps(name=DATABASE_SUBNET, role=DATABASE, cidr=database, delegation=POSTGRES_DELEGATION),
            SubnetProps(
                name=PRIVATE_ENDPOINT_SUBNET,
                role=PRIVATE_ENDPOINT,
                cidr=private_endpoints,
                private_endpoint_network_policies="Disabled",
            ),
        ),
    )


_REQUIRED_ROLES = {
    "hub": (),  # the gateway subnet only where there is a gateway (SecurePerimeterProps checks it)
    "spoke": (AKS, AKS_POD, DATABASE, CACHE, PRIVATE_ENDPOINT),
    "dr_spoke": (DATABASE,),
}
"""The subnet roles each VNet of the hub-spoke topology must have (the stack wires them)."""


class NetworkProps(Props):
    """Hub, spoke and optional DR spoke, all peered, with the private DNS zones linked to each."""

    hub: VirtualNetworkProps
    """The hub VNet (N-3; ``hub_network``). No default: the address plan is the user's choice."""
    spoke: VirtualNetworkProps
    """The workload spoke (N-1, N-2; ``spoke_network``). No default: the address plan is the user's choice."""
    dr_spoke: VirtualNetworkProps | None = None
    """The DR region's network (P-5; ``dr_spoke_network``); ``None`` (default) for an environment
    without a DR region (D-1) or without a DR replica."""
    private_dns_zones: tuple[str, ...] = PRIVATE_DNS_ZONES

    @model_validator(mode="after")
    def _shape(self) -> NetworkProps:
        for role, roles in _REQUIRED_ROLES.items():
            vnet: VirtualNetworkProps | None = getattr(self, role)
            if vnet is None:
                continue
            missing = [r for r in roles if vnet.by_role(r) is None]
            if missing:
                raise refusal(
                    f"{role}.subnets",
                    {s.name: s.role for s in vnet.subnets},
                    f"subnets with the roles {missing} (SubnetProps.role)",
                )
        for role in ("spoke", "dr_spoke"):
            vnet = getattr(self, role)
            db = vnet.by_role(DATABASE) if vnet else None
            if db is not None and db.delegation != POSTGRES_DELEGATION:
                raise refusal(f"{role}.subnets.{db.name}.delegation", db.delegation, f"{POSTGRES_DELEGATION!r}")
        for vnet_role, vnet in self.vnets.items():
            for subnet in vnet.subnets:
                for rule in subnet.nsg_rules:
                    for field, ref_vnet, ref_role in rule.refs():
                        if not rule.optional and self.role_cidr(ref_vnet, ref_role) is None:
                            raise refusal(
                                f"{vnet_role}.subnets.{subnet.name}.nsg_rules.{rule.name}.{field}",
                                getattr(rule, field),
                                f"a subnet role of the topology, one of {self.roles}",
                            )
        pairs = overlapping(
            (f"{role}:{space}", space) for role, vnet in self.vnets.items() for space in vnet.address_space
        )
        if pairs:
            raise refusal("address_space", pairs, "non-overlapping between peered VNets")
        return self

    @property
    def roles(self) -> list[str]:
        """Every ``<vnet>.<role>`` of the topology, for messages."""
        return [f"{v}.{s.role}" for v, vnet in self.vnets.items() for s in vnet.subnets if s.role]

    def role_cidr(self, vnet: str, role: str) -> IPv4Network | None:
        """The CIDR of the subnet playing ``role`` in VNet ``vnet``; ``None`` if there is none."""
        props = self.vnets.get(vnet)
        subnet = props.by_role(role) if props is not None else None
        return subnet.cidr if subnet is not None else None

    def rules_of(self, subnet: SubnetProps, capabilities: frozenset[str]) -> tuple[NsgRule, ...]:
        """``subnet``'s NSG rules as Azure gets them: subnet roles made CIDRs; an optional rule
        whose subnet is absent, or one that ``requires`` a part outside ``capabilities``, dropped."""
        rules = []
        for rule in subnet.nsg_rules:
            if rule.requires is not None and rule.requires not in capabilities:
                continue
            update = {field: self.role_cidr(vnet, role) for field, vnet, role in rule.refs()}
            if None in update.values():
                continue  # optional (a required one was refused by the validator)
            rules.append(rule.model_copy(update={k: str(v) for k, v in update.items()}))
        return tuple(rules)

    @property
    def vnets(self) -> dict[str, VirtualNetworkProps]:
        """The VNets by role, hub first."""
        roles = {"hub": self.hub, "spoke": self.spoke}
        if self.dr_spoke is not None:
            roles["dr_spoke"] = self.dr_spoke
        return roles

    @property
    def all_cidrs(self) -> list[tuple[str, IPv4Network]]:
        """Every VNet and subnet prefix, named, for overlap checks elsewhere (AKS service CIDR)."""
        out: list[tuple[str, IPv4Network]] = []
        for role, vnet in self.vnets.items():
            out += [(f"{role}", space) for space in vnet.address_space]
            out += [(f"{role}.{s.name}", s.cidr) for s in vnet.subnets]
        return out
