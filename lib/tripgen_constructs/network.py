"""Hub-and-spoke network: VNets, subnets, NSGs, peering and private DNS zones (N-1 … N-7)."""

from __future__ import annotations

import re
from collections import Counter
from ipaddress import IPv4Network
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from ._cdk import Construct, azurerm
from .naming import Naming
from .props import Props, Region, overlapping, refusal

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
DR_SPOKE_ADDRESS_SPACE = IPv4Network("10.3.0.0/16")  # P-5: the Korea South replica's network
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

_PORT = re.compile(r"\*|(\d{1,5})(?:-(\d{1,5}))?")
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
    location: Region | None = None
    """Region of the VNet; ``None`` is the environment's primary region."""

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
    location="koreasouth",
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


# --- Constructs ----------------------------------------------------------------------------------


class VirtualNetwork(Construct):
    """A VNet with its subnets, one NSG per subnet (where Azure allows) and the associations."""

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: VirtualNetworkProps,
        name: str,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        tags: dict[str, str],
    ) -> None:
        super().__init__(scope, id)
        self.props = props
        self.location = location
        self.vnet = azurerm.virtual_network.VirtualNetwork(
            self,
            "vnet",
            name=name,
            location=location,
            resource_group_name=resource_group.name,
            address_space=[str(s) for s in props.address_space],
            tags=tags,
        )
        self.subnets: dict[str, azurerm.subnet.Subnet] = {}
        self.nsgs: dict[str, azurerm.network_security_group.NetworkSecurityGroup] = {}
        for subnet in props.subnets:
            self.subnets[subnet.name] = self._subnet(subnet)
            if subnet.has_nsg:
                self.nsgs[subnet.name] = self._nsg(subnet, name, resource_group, tags)

    def _subnet(self, subnet: SubnetProps) -> azurerm.subnet.Subnet:
        delegation = None
        if subnet.delegation:
            delegation = [
                azurerm.subnet.SubnetDelegation(
                    name=subnet.delegation.split("/")[-1],
                    service_delegation=azurerm.subnet.SubnetDelegationServiceDelegation(
                        name=subnet.delegation,
                        actions=["Microsoft.Network/virtualNetworks/subnets/join/action"],
                    ),
                )
            ]
        return azurerm.subnet.Subnet(
            self,
            f"subnet-{subnet.name}",
            name=subnet.name,
            resource_group_name=self.vnet.resource_group_name,
            virtual_network_name=self.vnet.name,
            address_prefixes=[str(subnet.cidr)],
            service_endpoints=list(subnet.service_endpoints) or None,
            private_endpoint_network_policies=subnet.private_endpoint_network_policies,
            delegation=delegation,
        )

    def _nsg(
        self,
        subnet: SubnetProps,
        vnet_name: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        tags: dict[str, str],
    ) -> azurerm.network_security_group.NetworkSecurityGroup:
        nsg = azurerm.network_security_group.NetworkSecurityGroup(
            self,
            f"nsg-{subnet.name}",
            name=f"nsg-{subnet.name.removeprefix('snet-')}-{vnet_name.removeprefix('vnet-')}",
            location=self.location,
            resource_group_name=resource_group.name,
            security_rule=[_security_rule(rule) for rule in subnet.nsg_rules],
            tags=tags,
        )
        azurerm.subnet_network_security_group_association.SubnetNetworkSecurityGroupAssociation(
            self,
            f"nsg-association-{subnet.name}",
            subnet_id=self.subnets[subnet.name].id,
            network_security_group_id=nsg.id,
        )
        return nsg


def _security_rule(rule: NsgRule) -> azurerm.network_security_group.NetworkSecurityGroupSecurityRule:
    ports = list(rule.destination_ports)
    return azurerm.network_security_group.NetworkSecurityGroupSecurityRule(
        name=rule.name,
        priority=rule.priority,
        direction=rule.direction,
        access=rule.access,
        protocol=rule.protocol,
        source_address_prefix=rule.source,
        source_port_range="*",
        destination_address_prefix=rule.destination,
        destination_port_range=ports[0] if len(ports) == 1 else None,
        destination_port_ranges=ports if len(ports) > 1 else None,
        description=f"{rule.direction} {rule.protocol} {','.join(ports)}",
    )


class HubSpokeNetwork(Construct):
    """Hub (gateway), spoke (AKS and data) and optional DR spoke, peered, with private DNS.

    Typed attributes: ``gateway_subnet``, ``aks_subnet``, ``database_subnet``, ``cache_subnet``,
    ``private_endpoint_subnet``, ``dr_database_subnet`` and ``dr_private_endpoint_subnet`` (or ``None``),
    ``dns_zones`` by zone name.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: NetworkProps,
        naming: Naming,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        dr_resource_group: azurerm.resource_group.ResourceGroup | None = None,
        tags: dict[str, str],
    ) -> None:
        super().__init__(scope, id)
        self.props = props
        self.vnets: dict[str, VirtualNetwork] = {}
        for role, vnet_props in props.vnets.items():
            is_dr = vnet_props.location is not None and vnet_props.location != location
            if is_dr and dr_resource_group is None:
                raise refusal(
                    f"network.{role}.location",
                    vnet_props.location,
                    "the primary region unless the environment has a DR region",
                )
            self.vnets[role] = VirtualNetwork(
                self,
                role.replace("_", "-"),
                props=vnet_props,
                name=naming.name("vnet", role.replace("_", "")),
                location=vnet_props.location or location,
                resource_group=dr_resource_group if is_dr and dr_resource_group else resource_group,
                tags=tags,
            )
        self._peer("hub", "spoke")
        if "dr_spoke" in self.vnets:
            self._peer("spoke", "dr_spoke")

        self.dns_zones: dict[str, azurerm.private_dns_zone.PrivateDnsZone] = {}
        for zone in props.private_dns_zones:
            label = zone.removeprefix("privatelink.").split(".")[0]
            dns = azurerm.private_dns_zone.PrivateDnsZone(
                self, f"dns-{label}", name=zone, resource_group_name=resource_group.name, tags=tags
            )
            self.dns_zones[zone] = dns
            for role, vnet in self.vnets.items():
                azurerm.private_dns_zone_virtual_network_link.PrivateDnsZoneVirtualNetworkLink(
                    self,
                    f"dns-{label}-link-{role.replace('_', '-')}",
                    name=f"link-{vnet.vnet.name}",
                    resource_group_name=resource_group.name,
                    private_dns_zone_name=dns.name,
                    private_dns_zone_id=dns.id,  # azurerm 5 (cdktn) names the zone by id (_bindings.py)
                    virtual_network_id=vnet.vnet.id,
                    registration_enabled=False,
                    tags=tags,
                )

    def _peer(self, a: str, b: str) -> None:
        for src, dst in ((a, b), (b, a)):
            source, target = self.vnets[src], self.vnets[dst]
            azurerm.virtual_network_peering.VirtualNetworkPeering(
                self,
                f"peering-{src}-to-{dst}".replace("_", "-"),
                name=f"peer-{source.vnet.name}-to-{target.vnet.name}",
                resource_group_name=source.vnet.resource_group_name,
                virtual_network_name=source.vnet.name,
                remote_virtual_network_id=target.vnet.id,
                allow_virtual_network_access=True,
                allow_forwarded_traffic=True,
            )

    def _subnet(self, role: str, name: str) -> azurerm.subnet.Subnet:
        return self.vnets[role].subnets[name]

    @property
    def gateway_subnet(self) -> azurerm.subnet.Subnet:
        return self._subnet("hub", GATEWAY_SUBNET)

    @property
    def aks_subnet(self) -> azurerm.subnet.Subnet:
        return self._subnet("spoke", AKS_SUBNET)

    @property
    def aks_pod_subnet(self) -> azurerm.subnet.Subnet:
        return self._subnet("spoke", AKS_POD_SUBNET)

    @property
    def database_subnet(self) -> azurerm.subnet.Subnet:
        return self._subnet("spoke", DATABASE_SUBNET)

    @property
    def cache_subnet(self) -> azurerm.subnet.Subnet:
        return self._subnet("spoke", CACHE_SUBNET)

    @property
    def private_endpoint_subnet(self) -> azurerm.subnet.Subnet:
        return self._subnet("spoke", PRIVATE_ENDPOINT_SUBNET)

    @property
    def dr_database_subnet(self) -> azurerm.subnet.Subnet | None:
        return self._subnet("dr_spoke", DATABASE_SUBNET) if "dr_spoke" in self.vnets else None

    @property
    def dr_private_endpoint_subnet(self) -> azurerm.subnet.Subnet | None:
        """The DR spoke's private-endpoint subnet, or ``None`` if the environment has none."""
        if "dr_spoke" not in self.vnets:
            return None
        return self.vnets["dr_spoke"].subnets.get(PRIVATE_ENDPOINT_SUBNET)

    def dns_zone(self, zone: str) -> azurerm.private_dns_zone.PrivateDnsZone:
        """The private DNS zone named ``zone``; a clear error if the config did not declare it."""
        if zone not in self.dns_zones:
            raise refusal("network.private_dns_zones", sorted(self.dns_zones), f"a list that includes {zone!r}")
        return self.dns_zones[zone]
