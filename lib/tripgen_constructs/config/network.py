"""Hub-and-spoke network: VNets, subnets, NSGs, peering and private DNS zones (N-1 … N-7)."""

from __future__ import annotations

import re
from collections import Counter
from ipaddress import IPv4Network
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from .props import DR, Props, RegionRef, overlapping, refusal

# --- Spec defaults -------------------------------------------------------------------------------

HUB_ADDRESS_SPACE = IPv4Network("10.0.0.0/16")  # N-3
GATEWAY_SUBNET_CIDR = IPv4Network("10.0.1.0/24")  # N-3
SPOKE_ADDRESS_SPACE = IPv4Network("10.1.0.0/16")  # N-1
AKS_SUBNET_CIDR = IPv4Network("10.1.1.0/24")  # N-2
AKS_POD_SUBNET_CIDR = IPv4Network("10.1.8.0/21")
"""K-2 resolution: pods take VNet addresses (Azure CNI, dynamic IP allocation) so that the
Application Gateway reaches them (AGIC refuses CNI Overlay); 2,048 addresses hold 25 nodes × 50 pods."""
DATABASE_SUBNET_CIDR = IPv4Network("10.1.2.0/24")  # N-2
CACHE_SUBNET_CIDR = IPv4Network("10.1.3.0/24")  # N-2
PRIVATE_ENDPOINT_SUBNET_CIDR = IPv4Network("10.1.4.0/24")  # N-2
DR_SPOKE_ADDRESS_SPACE = IPv4Network("10.3.0.0/16")  # P-5: the DR-region replica's network
DR_DATABASE_SUBNET_CIDR = IPv4Network("10.3.2.0/24")  # P-5
DR_PRIVATE_ENDPOINT_SUBNET_CIDR = IPv4Network("10.3.4.0/24")  # M-2: the DR Service Bus namespace stays private

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

# Subnets that Azure refuses an NSG on.
NSG_FORBIDDEN_SUBNETS = frozenset({"GatewaySubnet", "AzureFirewallSubnet", "AzureFirewallManagementSubnet"})

# --- Props ---------------------------------------------------------------------------------------

_PORT = re.compile(r"\*|([0-9]{1,5})(?:-([0-9]{1,5}))?")
_RULE_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?")
_SUBNET_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?")
_SERVICE_TAG = re.compile(r"\*|[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)?")


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
    if _SERVICE_TAG.fullmatch(value):
        return value
    try:
        return str(IPv4Network(value))
    except ValueError:
        raise refusal("address", value, "'*', a service tag or an IPv4 CIDR") from None


AddressPrefix = Annotated[str, AfterValidator(_check_address)]
"""``*``, a service tag (``Internet``, ``AzureFrontDoor.Backend``) or an IPv4 CIDR."""


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
    delegation: str | None = None
    """Service the subnet is delegated to (e.g. PostgreSQL Flexible Server, N-2)."""
    service_endpoints: tuple[str, ...] = ()
    private_endpoint_network_policies: Literal["Enabled", "Disabled"] = "Enabled"
    nsg_rules: tuple[NsgRule, ...] = ()
    """Rules of the subnet's NSG; every subnet gets an NSG except those Azure forbids one on."""

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
        pairs = overlapping((s.name, s.cidr) for s in self.subnets)
        if pairs:
            raise refusal("subnets", pairs, "non-overlapping subnets")
        spaces = overlapping((str(s), s) for s in self.address_space)
        if spaces:
            raise refusal("address_space", spaces, "non-overlapping address prefixes")
        return self

    def subnet(self, name: str) -> SubnetProps | None:
        return next((s for s in self.subnets if s.name == name), None)


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
        source=str(GATEWAY_SUBNET_CIDR),
        destination_ports=("80", "443"),
    ),
    NsgRule(
        name="allow-postgresql-outbound",
        priority=100,
        direction="Outbound",
        destination=str(DATABASE_SUBNET_CIDR),
        destination_ports=("5432",),
    ),
    NsgRule(
        name="allow-redis-outbound",
        priority=110,
        direction="Outbound",
        destination=str(CACHE_SUBNET_CIDR),
        destination_ports=("6380", "13000-13999"),
    ),
    NsgRule(
        name="allow-servicebus-outbound",
        priority=120,
        direction="Outbound",
        destination="ServiceBus",
        destination_ports=("5671-5672",),
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
        source=str(GATEWAY_SUBNET_CIDR),
        destination_ports=("80", "443", "8080", "15021"),
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
            source=str(cidr),
            destination_ports=("5432",),
        )
        for i, (label, cidr) in enumerate(
            (
                ("aks-nodes", AKS_SUBNET_CIDR),
                ("aks-pods", AKS_POD_SUBNET_CIDR),
                ("database", DATABASE_SUBNET_CIDR),
                ("dr-database", DR_DATABASE_SUBNET_CIDR),
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

DEFAULT_HUB = VirtualNetworkProps(
    address_space=(HUB_ADDRESS_SPACE,),
    subnets=(SubnetProps(name=GATEWAY_SUBNET, cidr=GATEWAY_SUBNET_CIDR, nsg_rules=GATEWAY_NSG_RULES),),
)
DEFAULT_SPOKE = VirtualNetworkProps(
    address_space=(SPOKE_ADDRESS_SPACE,),
    subnets=(
        SubnetProps(
            name=AKS_SUBNET, cidr=AKS_SUBNET_CIDR, service_endpoints=(ACR_SERVICE_ENDPOINT,), nsg_rules=AKS_NSG_RULES
        ),
        SubnetProps(name=AKS_POD_SUBNET, cidr=AKS_POD_SUBNET_CIDR, nsg_rules=AKS_POD_NSG_RULES),
        SubnetProps(
            name=DATABASE_SUBNET,
            cidr=DATABASE_SUBNET_CIDR,
            delegation=POSTGRES_DELEGATION,
            nsg_rules=DATABASE_NSG_RULES,
        ),
        # N-2 resolution: Microsoft.Cache is no service endpoint; Redis's private endpoint lives here.
        SubnetProps(name=CACHE_SUBNET, cidr=CACHE_SUBNET_CIDR, private_endpoint_network_policies="Disabled"),
        SubnetProps(
            name=PRIVATE_ENDPOINT_SUBNET,
            cidr=PRIVATE_ENDPOINT_SUBNET_CIDR,
            private_endpoint_network_policies="Disabled",
        ),
    ),
)
DEFAULT_DR_SPOKE = VirtualNetworkProps(
    address_space=(DR_SPOKE_ADDRESS_SPACE,),
    location=DR,
    subnets=(
        SubnetProps(name=DATABASE_SUBNET, cidr=DR_DATABASE_SUBNET_CIDR, delegation=POSTGRES_DELEGATION),
        SubnetProps(
            name=PRIVATE_ENDPOINT_SUBNET,
            cidr=DR_PRIVATE_ENDPOINT_SUBNET_CIDR,
            private_endpoint_network_policies="Disabled",
        ),
    ),
)

_REQUIRED_SUBNETS = {
    "hub": (GATEWAY_SUBNET,),
    "spoke": (AKS_SUBNET, AKS_POD_SUBNET, DATABASE_SUBNET, CACHE_SUBNET, PRIVATE_ENDPOINT_SUBNET),
    "dr_spoke": (DATABASE_SUBNET,),
}


class NetworkProps(Props):
    """Hub, spoke and optional DR spoke, all peered, with the private DNS zones linked to each."""

    hub: VirtualNetworkProps = DEFAULT_HUB
    spoke: VirtualNetworkProps = DEFAULT_SPOKE
    dr_spoke: VirtualNetworkProps | None = DEFAULT_DR_SPOKE
    """The DR region's network (P-5); ``None`` for an environment without a DR region (D-1)."""
    private_dns_zones: tuple[str, ...] = PRIVATE_DNS_ZONES

    @model_validator(mode="after")
    def _shape(self) -> NetworkProps:
        for role, names in _REQUIRED_SUBNETS.items():
            vnet: VirtualNetworkProps | None = getattr(self, role)
            if vnet is None:
                continue
            missing = [n for n in names if vnet.subnet(n) is None]
            if missing:
                raise refusal(f"{role}.subnets", [s.name for s in vnet.subnets], f"a list that includes {missing}")
        for role in ("spoke", "dr_spoke"):
            vnet = getattr(self, role)
            db = vnet.subnet(DATABASE_SUBNET) if vnet else None
            if db is not None and db.delegation != POSTGRES_DELEGATION:
                raise refusal(f"{role}.subnets.{DATABASE_SUBNET}.delegation", db.delegation, f"{POSTGRES_DELEGATION!r}")
        pairs = overlapping(
            (f"{role}:{space}", space) for role, vnet in self.vnets.items() for space in vnet.address_space
        )
        if pairs:
            raise refusal("address_space", pairs, "non-overlapping between peered VNets")
        return self

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
