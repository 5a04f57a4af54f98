"""``EgressFirewall``: optional Azure Firewall Premium in the hub for AKS egress (G-5).

Off unless the environment sets ``perimeter.egress_firewall``. When on, the AKS subnet gets a route
table sending 0.0.0.0/0 to the firewall, the cluster uses ``outboundType: userDefinedRouting``, and
the firewall policy allows what AKS needs (the ``AzureKubernetesService`` FQDN tag, NTP, Azure
Monitor) plus the configured application FQDNs; IDPS inspects the rest.
"""

from __future__ import annotations

from ipaddress import IPv4Network

from ._cdk import Construct, azurerm
from .aks import ZonalAksCluster
from .config.egress_firewall import (  # the props and defaults live in the config layer
    AKS_FQDN_TAG as AKS_FQDN_TAG,
    FIREWALL_SUBNET as FIREWALL_SUBNET,
    IDPS_MODE as IDPS_MODE,
    MIN_FIREWALL_SUBNET_PREFIX as MIN_FIREWALL_SUBNET_PREFIX,
    SKU_TIER as SKU_TIER,
    THREAT_INTELLIGENCE_MODE as THREAT_INTELLIGENCE_MODE,
    USER_DEFINED_ROUTING as USER_DEFINED_ROUTING,
    ZONES as ZONES,
    EgressFirewallProps as EgressFirewallProps,
)
from .config.naming import Naming
from .config.props import refusal


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
