"""``EgressFirewall``: optional Azure Firewall Premium in the hub for AKS egress (G-5).

Off unless the environment sets ``perimeter.egress_firewall``. When on, the AKS subnet gets a route
table sending 0.0.0.0/0 to the firewall, the cluster uses ``outboundType: userDefinedRouting``, and
the firewall policy allows what AKS needs (the ``AzureKubernetesService`` FQDN tag, NTP, Azure
Monitor) plus the configured application FQDNs; IDPS inspects the rest.
"""

from __future__ import annotations

import re
from ipaddress import IPv4Network
from typing import Final, Literal

from pydantic import field_validator

from ._cdk import Construct, azurerm
from .aks import ZonalAksCluster
from .naming import Naming
from .network import NetworkProps
from .props import Props, Zones, refusal

# --- Spec defaults -------------------------------------------------------------------------------

SKU_TIER = "Premium"  # G-5: Premium for IDPS
IDPS_MODE: Final = "Deny"  # G-5: spec silent on the mode; Alert would only log what IDPS detects
THREAT_INTELLIGENCE_MODE: Final = "Deny"
ZONES = ("1", "2", "3")  # like the gateway (G-2)
FIREWALL_SUBNET = "AzureFirewallSubnet"  # the name Azure requires
MIN_FIREWALL_SUBNET_PREFIX = 26  # Azure requires at least a /26
AKS_FQDN_TAG = "AzureKubernetesService"  # AKS's documented egress FQDNs (MCR, packages, ...)
USER_DEFINED_ROUTING = "userDefinedRouting"

_FQDN = re.compile(r"(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


class EgressFirewallProps(Props):
    """Settings of the hub's egress firewall."""

    idps_mode: Literal["Alert", "Deny"] = IDPS_MODE
    threat_intelligence_mode: Literal["Alert", "Deny"] = THREAT_INTELLIGENCE_MODE
    zones: Zones = ZONES
    allowed_fqdns: tuple[str, ...] = ()
    """HTTPS destinations the services may reach beyond Azure (e.g. the AI provider's API)."""

    @field_validator("allowed_fqdns")
    @classmethod
    def _fqdns(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            if not _FQDN.fullmatch(value):
                raise refusal(
                    "egress_firewall.allowed_fqdns",
                    value,
                    "a lowercase FQDN, optionally '*.'-prefixed",
                )
        return values

    def check_environment(self, *, network: NetworkProps, aks_outbound_type: str) -> None:
        """The hub must have the firewall's subnet and AKS must send its egress by route table."""
        subnet = network.hub.subnet(FIREWALL_SUBNET)
        if subnet is None:
            raise refusal(
                "network.hub.subnets",
                [s.name for s in network.hub.subnets],
                f"a list that includes {FIREWALL_SUBNET!r} when egress_firewall is set",
            )
        if subnet.cidr.prefixlen > MIN_FIREWALL_SUBNET_PREFIX:
            raise refusal(
                f"network.hub.subnets.{FIREWALL_SUBNET}.cidr",
                str(subnet.cidr),
                f"/{MIN_FIREWALL_SUBNET_PREFIX} or larger",
            )
        if aks_outbound_type != USER_DEFINED_ROUTING:
            raise refusal(
                "aks.outbound_type",
                aks_outbound_type,
                f"{USER_DEFINED_ROUTING!r} when egress_firewall is set",
            )


class EgressFirewall(Construct):
    """Azure Firewall Premium ``afw-<workload>-<env>`` with IDPS; the AKS subnet's default route.

    Typed attributes: ``firewall``, ``policy``, ``route_table``, ``private_ip_address``.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: EgressFirewallProps,
        naming: Naming,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        tags: dict[str, str],
        firewall_subnet: azurerm.subnet.Subnet,
        aks_subnet: azurerm.subnet.Subnet,
        aks_subnet_cidr: IPv4Network,
        aks: ZonalAksCluster,
    ) -> None:
        super().__init__(scope, id)
        if aks.props.outbound_type != USER_DEFINED_ROUTING:
            raise refusal(
                "aks.outbound_type",
                aks.props.outbound_type,
                f"{USER_DEFINED_ROUTING!r} when egress_firewall is set",
            )
        public_ip = azurerm.public_ip.PublicIp(
            self,
            "public-ip",
            name=naming.name("pip", "afw"),
            location=location,
            resource_group_name=resource_group.name,
            sku="Standard",
            allocation_method="Static",
            zones=list(props.zones),
            tags=tags,
        )
        fp = azurerm.firewall_policy
        self.policy = fp.FirewallPolicy(
            self,
            "policy",
            name=naming.name("afwp"),
            location=location,
            resource_group_name=resource_group.name,
            sku=SKU_TIER,
            threat_intelligence_mode=props.threat_intelligence_mode,
            intrusion_detection=fp.FirewallPolicyIntrusionDetection(mode=props.idps_mode),
            tags=tags,
        )
        self._rules(props, str(aks_subnet_cidr))
        self.firewall = azurerm.firewall.Firewall(
            self,
            "firewall",
            name=naming.name("afw"),
            location=location,
            resource_group_name=resource_group.name,
            sku_name="AZFW_VNet",
            sku_tier=SKU_TIER,
            firewall_policy_id=self.policy.id,
            zones=list(props.zones),
            ip_configuration=[
                azurerm.firewall.FirewallIpConfiguration(
                    name="egress", subnet_id=firewall_subnet.id, public_ip_address_id=public_ip.id
                )
            ],
            tags=tags,
        )
        rt = azurerm.route_table
        self.route_table = rt.RouteTable(
            self,
            "route-table",
            name=naming.name("rt", "aks"),
            location=location,
            resource_group_name=resource_group.name,
            bgp_route_propagation_enabled=False,
            route=[
                rt.RouteTableRoute(
                    name="default-via-firewall",
                    address_prefix="0.0.0.0/0",
                    next_hop_type="VirtualAppliance",
                    next_hop_in_ip_address=self.private_ip_address,
                )
            ],
            tags=tags,
        )
        association = azurerm.subnet_route_table_association.SubnetRouteTableAssociation(
            self,
            "route-table-association",
            subnet_id=aks_subnet.id,
            route_table_id=self.route_table.id,
        )
        # With userDefinedRouting AKS checks the route at creation: the cluster waits for it. A
        # plain address, as Terraform wants in depends_on (``fqn`` would render as "${...}").
        address = f"{association.terraform_resource_type}.{association.friendly_unique_id}"
        aks.cluster.depends_on = [*(aks.cluster.depends_on or []), address]

    def _rules(self, props: EgressFirewallProps, aks_cidr: str) -> None:
        g = azurerm.firewall_policy_rule_collection_group
        https = g.FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRuleProtocols(type="Https", port=443)
        http = g.FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRuleProtocols(type="Http", port=80)
        app_rules = [
            g.FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRule(
                name="aks-required",
                source_addresses=[aks_cidr],
                destination_fqdn_tags=[AKS_FQDN_TAG],
                protocols=[https, http],
            )
        ]
        if props.allowed_fqdns:
            app_rules.append(
                g.FirewallPolicyRuleCollectionGroupApplicationRuleCollectionRule(
                    name="services",
                    source_addresses=[aks_cidr],
                    destination_fqdns=list(props.allowed_fqdns),
                    protocols=[https],
                )
            )
        net = g.FirewallPolicyRuleCollectionGroupNetworkRuleCollectionRule
        g.FirewallPolicyRuleCollectionGroup(
            self,
            "aks-egress",
            name="aks-egress",
            firewall_policy_id=self.policy.id,
            priority=100,
            network_rule_collection=[
                g.FirewallPolicyRuleCollectionGroupNetworkRuleCollection(
                    name="aks-network",
                    action="Allow",
                    priority=100,
                    rule=[
                        net(
                            name="ntp",
                            protocols=["UDP"],
                            source_addresses=[aks_cidr],
                            destination_addresses=["*"],
                            destination_ports=["123"],
                        ),
                        net(
                            name="azure-monitor",
                            protocols=["TCP"],
                            source_addresses=[aks_cidr],
                            destination_addresses=["AzureMonitor"],
                            destination_ports=["443"],
                        ),
                    ],
                )
            ],
            application_rule_collection=[
                g.FirewallPolicyRuleCollectionGroupApplicationRuleCollection(
                    name="aks-application", action="Allow", priority=200, rule=app_rules
                )
            ],
        )

    @property
    def private_ip_address(self) -> str:
        return self.firewall.ip_configuration.get(0).private_ip_address
