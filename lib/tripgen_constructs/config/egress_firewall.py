"""``EgressFirewall``: optional Azure Firewall Premium in the hub for AKS egress (G-5).

Off unless the environment sets ``perimeter.egress_firewall``. When on, the AKS subnet gets a route
table sending 0.0.0.0/0 to the firewall, the cluster uses ``outboundType: userDefinedRouting``, and
the firewall policy allows what AKS needs (the ``AzureKubernetesService`` FQDN tag, NTP, Azure
Monitor) plus the configured application FQDNs; IDPS inspects the rest.
"""

from __future__ import annotations

import re
from typing import Final, Literal

from pydantic import field_validator

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
