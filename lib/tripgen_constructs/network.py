"""Hub-and-spoke network: VNets, subnets, NSGs, peering and private DNS zones (N-1 … N-7)."""

from __future__ import annotations

from collections.abc import Iterable

from ._cdk import Construct, azurerm
from .config.naming import Naming
from .config.network import (  # the props and defaults live in the config layer
    ACR_SERVICE_ENDPOINT as ACR_SERVICE_ENDPOINT,
    AKS,
    AKS_NSG_RULES as AKS_NSG_RULES,
    AKS_POD,
    AKS_POD_NSG_RULES as AKS_POD_NSG_RULES,
    AKS_POD_SUBNET as AKS_POD_SUBNET,
    AKS_SUBNET as AKS_SUBNET,
    CACHE,
    CACHE_SUBNET as CACHE_SUBNET,
    DATABASE,
    DATABASE_NSG_RULES as DATABASE_NSG_RULES,
    DATABASE_SUBNET as DATABASE_SUBNET,
    GATEWAY,
    GATEWAY_NSG_RULES as GATEWAY_NSG_RULES,
    GATEWAY_SUBNET as GATEWAY_SUBNET,
    NSG_FORBIDDEN_SUBNETS as NSG_FORBIDDEN_SUBNETS,
    POSTGRES_DELEGATION as POSTGRES_DELEGATION,
    PRIVATE_DNS_ZONES as PRIVATE_DNS_ZONES,
    PRIVATE_ENDPOINT,
    PRIVATE_ENDPOINT_SUBNET as PRIVATE_ENDPOINT_SUBNET,
    AddressPrefix as AddressPrefix,
    NetworkProps as NetworkProps,
    NsgRule as NsgRule,
    PortRange as PortRange,
    SubnetProps as SubnetProps,
    VirtualNetworkProps as VirtualNetworkProps,
    dr_spoke_network as dr_spoke_network,
    hub_network as hub_network,
    spoke_network as spoke_network,
)
from .config.props import PRIMARY, refusal, resolve_region

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
    if rule.refs():  # a VirtualNetwork alone has no topology to resolve a role against
        raise refusal(f"nsg_rules.{rule.name}", [rule.source, rule.destination], "CIDRs outside a HubSpokeNetwork")
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
        dr_location: str | None = None,
        capabilities: Iterable[str] = (),
        tags: dict[str, str],
    ) -> None:
        """``capabilities``: the parts of the stack beside the network (``'messaging'``); an NSG
        rule that ``requires`` a missing one is left out (no Service Bus egress without Service Bus)."""
        super().__init__(scope, id)
        self.props = props
        parts = frozenset(capabilities)
        self.vnets: dict[str, VirtualNetwork] = {}
        for role, vnet_props in props.vnets.items():
            vnet_location = resolve_region(vnet_props.location or PRIMARY, location=location, dr_location=dr_location)
            is_dr = vnet_location != location
            if is_dr and (dr_resource_group is None or vnet_location is None):
                raise refusal(
                    f"network.{role}.location",
                    vnet_props.location,
                    "the primary region unless the environment has a DR region",
                )
            subnets = tuple(s.model_copy(update={"nsg_rules": props.rules_of(s, parts)}) for s in vnet_props.subnets)
            self.vnets[role] = VirtualNetwork(
                self,
                role.replace("_", "-"),
                props=vnet_props.model_copy(update={"subnets": subnets}),
                name=naming.name("vnet", role.replace("_", "")),
                location=vnet_location or location,
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

    def _subnet(self, vnet: str, role: str) -> azurerm.subnet.Subnet:
        """The subnet playing ``role`` in ``vnet`` (found by role: names are configurable)."""
        subnet = self.props.vnets[vnet].by_role(role)
        if subnet is None:
            raise refusal(
                f"network.{vnet}.subnets",
                [s.name for s in self.props.vnets[vnet].subnets],
                f"a subnet with role {role!r}",
            )
        return self.vnets[vnet].subnets[subnet.name]

    @property
    def gateway_subnet(self) -> azurerm.subnet.Subnet:
        return self._subnet("hub", GATEWAY)

    @property
    def aks_subnet(self) -> azurerm.subnet.Subnet:
        return self._subnet("spoke", AKS)

    @property
    def aks_pod_subnet(self) -> azurerm.subnet.Subnet:
        return self._subnet("spoke", AKS_POD)

    @property
    def database_subnet(self) -> azurerm.subnet.Subnet:
        return self._subnet("spoke", DATABASE)

    @property
    def cache_subnet(self) -> azurerm.subnet.Subnet:
        return self._subnet("spoke", CACHE)

    @property
    def private_endpoint_subnet(self) -> azurerm.subnet.Subnet:
        return self._subnet("spoke", PRIVATE_ENDPOINT)

    @property
    def dr_database_subnet(self) -> azurerm.subnet.Subnet | None:
        return self._subnet("dr_spoke", DATABASE) if "dr_spoke" in self.vnets else None

    @property
    def dr_private_endpoint_subnet(self) -> azurerm.subnet.Subnet | None:
        """The DR spoke's private-endpoint subnet, or ``None`` if the environment has none."""
        if "dr_spoke" not in self.vnets:
            return None
        subnet = self.props.vnets["dr_spoke"].by_role(PRIVATE_ENDPOINT)
        return self.vnets["dr_spoke"].subnets[subnet.name] if subnet is not None else None

    def dns_zone(self, zone: str) -> azurerm.private_dns_zone.PrivateDnsZone:
        """The private DNS zone named ``zone``; a clear error if the config did not declare it."""
        if zone not in self.dns_zones:
            raise refusal("network.private_dns_zones", sorted(self.dns_zones), f"a list that includes {zone!r}")
        return self.dns_zones[zone]
