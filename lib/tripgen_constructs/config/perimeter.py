"""``SecurePerimeter``: Front Door, then the Application Gateway WAF_v2 with its WAF policy, wired
to AKS through AGIC (G-1 … G-4, N-3, N-4, N-6, K-2).

Traffic: Internet → Front Door (``FrontDoorEdge``) → gateway public frontend (NSG: only
``AzureFrontDoor.Backend``; WAF: only our Front Door's ``X-Azure-FDID``) → AKS pods. The gateway's
TLS certificate stays in Key Vault: the gateway reads it through its own user-assigned identity
with the versionless secret id, so a renewed certificate is picked up without a deployment.
"""

from __future__ import annotations

import re
from ipaddress import IPv4Address

from pydantic import Field, field_validator, model_validator

from .egress_firewall import USER_DEFINED_ROUTING, EgressFirewallProps
from .front_door import HEALTH_PROBE_PATH, FrontDoorProps
from .network import GATEWAY, NetworkProps, SubnetProps
from .props import Props, Zones, refusal, usable_host
from .waf import WafProps

# --- Spec defaults -------------------------------------------------------------------------------

SKU_NAME = "WAF_v2"  # G-2 resolution: the design's Standard_v2 cannot carry a WAF
MIN_CAPACITY = 3  # G-2
MAX_CAPACITY = 10  # spec silent: T-2's 10x traffic on top of the 3-instance floor, with room
ZONES = ("1", "2", "3")  # G-2
SSL_POLICY_NAME = "AppGwSslPolicy20220101S"  # G-2, S-3: predefined, TLS 1.2 minimum, modern ciphers
BACKEND_PORT = 8080  # W-1: every service listens on 8080
# Spec silent: AI responses are <= 5 s at p95 (T-3), with room for the tail.
BACKEND_TIMEOUT_SECONDS = 60
PLACEHOLDER_TLD = "example"
"""Where no domain is given: ``<workload>.example``, under RFC 2606's reserved ``.example`` until the
operator sets the real one (the wildcard certificate must be ``*.<domain>``)."""

BACKEND_POOL = "aks-backend"  # G-2
HTTPS_LISTENER = "https-listener"  # G-2
API_RULE = "api-routing"  # G-2
API_PATHS = ("/api/*",)  # G-2

GATEWAY_SKUS = ("Standard_v2", "WAF_v2")
"""Application Gateway v2 SKUs (AGIC supports only these); v1 SKUs are retired."""
MODERN_SSL_POLICIES = ("AppGwSslPolicy20220101", "AppGwSslPolicy20220101S")
"""Predefined policies with TLS 1.2 as minimum and no legacy ciphers."""
MIN_GATEWAY_SUBNET_PREFIX = 26  # Azure's smallest recommended subnet for an autoscaling v2 gateway
GATEWAY_DELEGATION = "Microsoft.Network/applicationGateways"
GATEWAY_MANAGER_PORTS = "65200-65535"  # N-4: v2 gateways fail to deploy if these are blocked

# The AGIC add-on rewrites these blocks from Kubernetes Ingress objects (K-2); Terraform creates the
# spec's routing once and then leaves them to AGIC instead of undoing its changes on every apply.
AGIC_MANAGED_BLOCKS = (
    "backend_address_pool",
    "backend_http_settings",
    "frontend_port",
    "http_listener",
    "probe",
    "redirect_configuration",
    "request_routing_rule",
    "rewrite_rule_set",
    "ssl_certificate",
    "url_path_map",
    "tags",
)

_KV_OBJECT_NAME = re.compile(r"[0-9A-Za-z-]{1,127}")
_DOMAIN = re.compile(r"(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


class SecurePerimeterProps(Props):
    """Settings of the perimeter; every default is the production design's value."""

    sku_name: str = SKU_NAME
    min_capacity: int = Field(default=MIN_CAPACITY, ge=0, le=125)
    max_capacity: int = Field(default=MAX_CAPACITY, ge=2, le=125)
    zones: Zones = ZONES
    private_ip: IPv4Address
    """The gateway's private frontend address, a usable one of the hub gateway subnet (N-3). No
    default: the address plan is the user's choice."""
    certificate_name: str | None = None
    """Name of the Key Vault certificate for the 443 listener (never the certificate itself);
    ``None``: ``wildcard-<workload>`` (``for_workload``)."""
    ssl_policy_name: str = SSL_POLICY_NAME
    domain: str | None = None
    """Domain of the wildcard certificate; Front Door reaches the gateway as ``origin.<domain>``.
    ``None``: ``<workload>.example`` (``PLACEHOLDER_TLD``, ``for_workload``)."""
    backend_port: int = Field(default=BACKEND_PORT, ge=1, le=65535)
    health_probe_path: str = Field(default=HEALTH_PROBE_PATH, pattern=r"^(?:/[^\s?#]*)$")
    ddos_ip_protection: bool = False
    """Azure DDoS IP Protection on the gateway's public IP. Off: G-5's edge DDoS protection is Front
    Door's, and the gateway's address only admits Front Door."""
    waf: WafProps = WafProps()
    front_door: FrontDoorProps = FrontDoorProps()
    egress_firewall: EgressFirewallProps | None = None
    """G-5: Azure Firewall Premium in the hub for AKS egress; ``None`` (default): no firewall."""

    @field_validator("certificate_name", mode="before")
    @classmethod
    def _certificate(cls, value: object) -> object:
        # Before type coercion, so that a certificate of another type gets this message too.
        if value is not None and (not isinstance(value, str) or not _KV_OBJECT_NAME.fullmatch(value)):
            raise refusal(
                "certificate_name",
                value,
                "the Key Vault certificate name for the 443 listener (1-127 letters, digits, '-')",
            )
        return value

    @field_validator("domain")
    @classmethod
    def _domain(cls, value: str | None) -> str | None:
        if value is not None and not _DOMAIN.fullmatch(value):
            raise refusal("domain", value, "a lowercase DNS domain such as 'contoso.com'")
        return value

    @model_validator(mode="after")
    def _checks(self) -> SecurePerimeterProps:
        if self.sku_name not in GATEWAY_SKUS:
            raise refusal("sku_name", self.sku_name, f"one of {list(GATEWAY_SKUS)}")
        if self.sku_name != "WAF_v2":
            raise refusal(
                "sku_name",
                self.sku_name,
                "'WAF_v2': a WAF policy is attached (G-3) and Azure refuses one on other SKUs",
            )
        if self.min_capacity > self.max_capacity:
            raise refusal("min_capacity", self.min_capacity, f"<= max_capacity ({self.max_capacity})")
        if self.ssl_policy_name not in MODERN_SSL_POLICIES:
            raise refusal(
                "ssl_policy_name",
                self.ssl_policy_name,
                f"a predefined TLS 1.2+ policy, one of {list(MODERN_SSL_POLICIES)}",
            )
        return self

    def for_workload(self, workload: str) -> SecurePerimeterProps:
        """These props with the names left out derived from ``workload``: the certificate
        ``wildcard-<workload>``, the domain ``<workload>.example``."""
        return self.filled(certificate_name=f"wildcard-{workload}", domain=f"{workload}.{PLACEHOLDER_TLD}")

    @property
    def listener_certificate(self) -> str:
        """``certificate_name`` once given or derived (``for_workload``)."""
        if self.certificate_name is None:
            raise refusal("perimeter.certificate_name", None, "a name (set it, or derive it with for_workload)")
        return self.certificate_name

    @property
    def origin_host_name(self) -> str:
        """The host name Front Door sends to the gateway, covered by the wildcard certificate."""
        if self.domain is None:
            raise refusal("perimeter.domain", None, "a domain (set it, or derive it with for_workload)")
        return f"origin.{self.domain}"

    def check_environment(
        self,
        *,
        network: NetworkProps,
        production: bool,
        zone_redundant: bool,
        aks_outbound_type: str,
        vault_certificates: tuple[str, ...] = (),
    ) -> None:
        """Checks that need the rest of the environment; raises the refusal."""
        # Certificates declared in the vault must include the listener's (an imported one is not
        # declared at all).
        if vault_certificates and self.certificate_name not in vault_certificates:
            raise refusal(
                "perimeter.certificate_name",
                self.certificate_name,
                f"one of the vault's declared certificates {sorted(vault_certificates)}",
            )
        if self.egress_firewall is not None:
            self.egress_firewall.check_environment(network=network, aks_outbound_type=aks_outbound_type)
        elif aks_outbound_type == USER_DEFINED_ROUTING:
            raise refusal(
                "aks.outbound_type",
                aks_outbound_type,
                "'loadBalancer' unless perimeter.egress_firewall routes the egress",
            )
        if production and self.waf.mode != "Prevention":
            raise refusal("perimeter.waf.mode", self.waf.mode, "'Prevention' in a production environment")
        if zone_redundant and len(self.zones) < 2:
            raise refusal("perimeter.zones", list(self.zones), "at least 2 zones when zone_redundant is true")
        subnet = network.hub.by_role(GATEWAY)
        if subnet is None:
            raise refusal(
                "network.hub.subnets",
                [s.name for s in network.hub.subnets],
                f"a subnet with role {GATEWAY!r} (the gateway's)",
            )
        check_gateway_subnet(subnet, self.private_ip)


def check_gateway_subnet(subnet: SubnetProps, private_ip: IPv4Address) -> None:
    """Refuse a gateway subnet Azure would reject: too small, shared, or with the private frontend
    address outside it or on an address Azure reserves; also an NSG that blocks GatewayManager."""
    where = f"network.hub.subnets.{subnet.name}"
    if subnet.cidr.prefixlen > MIN_GATEWAY_SUBNET_PREFIX:
        raise refusal(
            f"{where}.cidr",
            str(subnet.cidr),
            f"/{MIN_GATEWAY_SUBNET_PREFIX} or larger for an autoscaling v2 gateway",
        )
    if subnet.delegation not in (None, GATEWAY_DELEGATION):
        raise refusal(
            f"{where}.delegation",
            subnet.delegation,
            f"None or {GATEWAY_DELEGATION!r}: the gateway subnet holds gateways only",
        )
    if subnet.private_endpoint_network_policies == "Disabled":
        raise refusal(
            f"{where}.private_endpoint_network_policies",
            "Disabled",
            "'Enabled': private endpoints do not share the gateway subnet",
        )
    if not usable_host(subnet.cidr, private_ip):
        raise refusal(
            "perimeter.private_ip",
            str(private_ip),
            f"a usable address of {subnet.cidr} (not the first four nor the last)",
        )
    manager = [
        r
        for r in subnet.nsg_rules
        if r.direction == "Inbound"
        and r.access == "Allow"
        and r.source == "GatewayManager"
        and r.protocol in ("Tcp", "*")
        and GATEWAY_MANAGER_PORTS in r.destination_ports
    ]
    if subnet.has_nsg and not manager:
        raise refusal(
            f"{where}.nsg_rules",
            [r.name for r in subnet.nsg_rules],
            f"to allow GatewayManager on {GATEWAY_MANAGER_PORTS} (N-4)",
        )
