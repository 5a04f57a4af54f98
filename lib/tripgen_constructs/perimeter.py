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

from ._cdk import Construct, azurerm, cdk
from .aks import ZonalAksCluster
from .egress_firewall import USER_DEFINED_ROUTING, EgressFirewallProps
from .front_door import HEALTH_PROBE_PATH, FrontDoorEdge, FrontDoorProps
from .naming import Naming
from .network import GATEWAY_SUBNET, NetworkProps, SubnetProps
from .props import Props, Zones, refusal, usable_host
from .rbac import RoleGrant
from .waf import GatewayWafPolicy, WafProps

# --- Spec defaults -------------------------------------------------------------------------------

SKU_NAME = "WAF_v2"  # G-2 resolution: the design's Standard_v2 cannot carry a WAF
MIN_CAPACITY = 3  # G-2
MAX_CAPACITY = 10  # spec silent: T-2's 10x traffic on top of the 3-instance floor, with room
ZONES = ("1", "2", "3")  # G-2
PRIVATE_FRONTEND_IP = IPv4Address("10.0.1.10")  # N-3
CERTIFICATE_NAME = "wildcard-tripgen"  # G-2: the wildcard certificate's name in Key Vault
SSL_POLICY_NAME = "AppGwSslPolicy20220101S"  # G-2, S-3: predefined, TLS 1.2 minimum, modern ciphers
BACKEND_PORT = 8080  # W-1: every service listens on 8080
# Spec silent: AI responses are <= 5 s at p95 (T-3), with room for the tail.
BACKEND_TIMEOUT_SECONDS = 60
DOMAIN = "tripgen.example"
"""Spec silent: the design names no domain. RFC 2606's reserved ``.example`` until the operator sets
the real one; the wildcard certificate must be ``*.<domain>``."""

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
    private_ip: IPv4Address = PRIVATE_FRONTEND_IP
    """The gateway's private frontend address, inside the hub gateway subnet (N-3)."""
    certificate_name: str = CERTIFICATE_NAME
    """Name of the Key Vault certificate for the 443 listener (never the certificate itself)."""
    ssl_policy_name: str = SSL_POLICY_NAME
    domain: str = DOMAIN
    """Domain of the wildcard certificate; Front Door reaches the gateway as ``origin.<domain>``."""
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
        # Before type coercion, so that a missing certificate (None) gets this message too.
        if not isinstance(value, str) or not _KV_OBJECT_NAME.fullmatch(value):
            raise refusal(
                "certificate_name",
                value,
                "the Key Vault certificate name for the 443 listener (1-127 letters, digits, '-')",
            )
        return value

    @field_validator("domain")
    @classmethod
    def _domain(cls, value: str) -> str:
        if not _DOMAIN.fullmatch(value):
            raise refusal("domain", value, "a lowercase DNS domain such as 'tripgen.example'")
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

    @property
    def origin_host_name(self) -> str:
        """The host name Front Door sends to the gateway, covered by the wildcard certificate."""
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
        subnet = network.hub.subnet(GATEWAY_SUBNET)
        assert subnet is not None  # NetworkProps requires it
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


class SecurePerimeter(Construct):
    """Front Door → Application Gateway WAF_v2 (zonal, autoscaling, Key Vault certificate) → AKS.

    Typed attributes: ``gateway``, ``gateway_id``, ``public_ip``, ``identity`` (the gateway's,
    for Key Vault), ``waf_policy``, ``front_door`` (the ``FrontDoorEdge``),
    ``ingress_identity_object_id``.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: SecurePerimeterProps,
        naming: Naming,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        tags: dict[str, str],
        gateway_subnet: azurerm.subnet.Subnet,
        gateway_subnet_props: SubnetProps | None,
        key_vault: azurerm.key_vault.KeyVault,
        certificate: azurerm.key_vault_certificate.KeyVaultCertificate | None = None,
        aks: ZonalAksCluster,
    ) -> None:
        """``certificate``: the listener certificate when the vault declares it (the gateway then
        waits for it); ``None`` when operators import it, addressed by name in ``key_vault``."""
        super().__init__(scope, id)
        if gateway_subnet_props is None:
            raise refusal("gateway_subnet_props", None, "the props of the hub's gateway subnet")
        check_gateway_subnet(gateway_subnet_props, props.private_ip)
        self.props = props
        name = naming.name("agw")
        self.identity = azurerm.user_assigned_identity.UserAssignedIdentity(
            self,
            "identity",
            name=naming.name("id", "agw"),
            location=location,
            resource_group_name=resource_group.name,
            tags=tags,
        )
        certificate_reader = RoleGrant(
            self,
            "key-vault-secrets-user",
            target=key_vault,
            role="Key Vault Secrets User",
            principal_id=self.identity.principal_id,
        )
        self.public_ip = azurerm.public_ip.PublicIp(
            self,
            "public-ip",
            name=naming.name("pip", "agw"),
            location=location,
            resource_group_name=resource_group.name,
            sku="Standard",
            allocation_method="Static",
            zones=list(props.zones),
            ddos_protection_mode="Enabled" if props.ddos_ip_protection else "VirtualNetworkInherited",
            tags=tags,
        )
        self.front_door = FrontDoorEdge(
            self,
            "front-door",
            props=props.front_door,
            waf=props.waf,
            naming=naming,
            resource_group=resource_group,
            tags=tags,
            origin_address=self.public_ip.ip_address,
            origin_host_header=props.origin_host_name,
        )
        self.waf_policy = GatewayWafPolicy(
            self,
            "waf-policy",
            props=props.waf,
            naming=naming,
            location=location,
            resource_group=resource_group,
            tags=tags,
            front_door_id=self.front_door.front_door_id,
        ).policy
        # Versionless: the gateway follows the certificate's current version in Key Vault.
        if certificate is not None:
            if certificate.name_input != props.certificate_name:
                raise refusal(
                    "certificate",
                    certificate.name_input,
                    f"the certificate {props.certificate_name!r}",
                )
            secret_id = certificate.versionless_secret_id
        else:
            secret_id = f"{key_vault.vault_uri}secrets/{props.certificate_name}"
        # The gateway reads its certificate at creation: the grant and the certificate come first.
        after: list[cdk.ITerraformDependable] = [certificate_reader.assignment]
        if certificate is not None:
            after.append(certificate)
        self.gateway = self._gateway(name, props, location, resource_group, tags, gateway_subnet, secret_id, after)
        self.ingress_identity_object_id = aks.attach_application_gateway(self.gateway.id)
        self._grant_ingress_controller(gateway_subnet)

    def _gateway(
        self,
        name: str,
        props: SecurePerimeterProps,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        tags: dict[str, str],
        subnet: azurerm.subnet.Subnet,
        secret_id: str,
        after: list[cdk.ITerraformDependable],
    ) -> azurerm.application_gateway.ApplicationGateway:
        ag = azurerm.application_gateway
        settings, probe, redirect = "aks-http", "aks-health", "http-to-https"
        return ag.ApplicationGateway(
            self,
            "gateway",
            name=name,
            location=location,
            resource_group_name=resource_group.name,
            sku=ag.ApplicationGatewaySku(name=props.sku_name, tier=props.sku_name),
            autoscale_configuration=ag.ApplicationGatewayAutoscaleConfiguration(
                min_capacity=props.min_capacity, max_capacity=props.max_capacity
            ),
            zones=list(props.zones),
            enable_http2=True,
            identity=ag.ApplicationGatewayIdentity(type="UserAssigned", identity_ids=[self.identity.id]),
            firewall_policy_id=self.waf_policy.id,
            force_firewall_policy_association=True,
            ssl_policy=ag.ApplicationGatewaySslPolicy(policy_type="Predefined", policy_name=props.ssl_policy_name),
            gateway_ip_configuration=[ag.ApplicationGatewayGatewayIpConfiguration(name="gateway", subnet_id=subnet.id)],
            frontend_ip_configuration=[
                ag.ApplicationGatewayFrontendIpConfiguration(name="public", public_ip_address_id=self.public_ip.id),
                ag.ApplicationGatewayFrontendIpConfiguration(
                    name="private",
                    subnet_id=subnet.id,
                    private_ip_address=str(props.private_ip),
                    private_ip_address_allocation="Static",
                ),
            ],
            frontend_port=[
                ag.ApplicationGatewayFrontendPort(name="https", port=443),
                ag.ApplicationGatewayFrontendPort(name="http", port=80),
            ],
            ssl_certificate=[
                ag.ApplicationGatewaySslCertificate(name=props.certificate_name, key_vault_secret_id=secret_id)
            ],
            http_listener=[
                ag.ApplicationGatewayHttpListener(
                    name=HTTPS_LISTENER,
                    frontend_ip_configuration_name="public",
                    frontend_port_name="https",
                    protocol="Https",
                    ssl_certificate_name=props.certificate_name,
                ),
                ag.ApplicationGatewayHttpListener(
                    name="http-listener",
                    frontend_ip_configuration_name="public",
                    frontend_port_name="http",
                    protocol="Http",
                ),
            ],
            backend_address_pool=[ag.ApplicationGatewayBackendAddressPool(name=BACKEND_POOL)],
            backend_http_settings=[
                ag.ApplicationGatewayBackendHttpSettings(
                    name=settings,
                    port=props.backend_port,
                    protocol="Http",
                    cookie_based_affinity="Disabled",
                    request_timeout=BACKEND_TIMEOUT_SECONDS,
                    probe_name=probe,
                    pick_host_name_from_backend_address=False,
                )
            ],
            probe=[
                ag.ApplicationGatewayProbe(
                    name=probe,
                    protocol="Http",
                    host="127.0.0.1",
                    port=props.backend_port,
                    path=props.health_probe_path,
                    interval=30,
                    timeout=30,
                    unhealthy_threshold=3,
                    match=ag.ApplicationGatewayProbeMatch(status_code=["200-399"]),
                )
            ],
            url_path_map=[
                ag.ApplicationGatewayUrlPathMap(
                    name=API_RULE,
                    default_backend_address_pool_name=BACKEND_POOL,
                    default_backend_http_settings_name=settings,
                    path_rule=[
                        ag.ApplicationGatewayUrlPathMapPathRule(
                            name="api",
                            paths=list(API_PATHS),
                            backend_address_pool_name=BACKEND_POOL,
                            backend_http_settings_name=settings,
                        )
                    ],
                )
            ],
            # Port 80 only redirects to HTTPS.
            redirect_configuration=[
                ag.ApplicationGatewayRedirectConfiguration(
                    name=redirect,
                    redirect_type="Permanent",
                    target_listener_name=HTTPS_LISTENER,
                    include_path=True,
                    include_query_string=True,
                )
            ],
            request_routing_rule=[
                ag.ApplicationGatewayRequestRoutingRule(
                    name=API_RULE,
                    rule_type="PathBasedRouting",
                    http_listener_name=HTTPS_LISTENER,
                    url_path_map_name=API_RULE,
                    priority=100,
                ),
                ag.ApplicationGatewayRequestRoutingRule(
                    name="http-redirect",
                    rule_type="Basic",
                    http_listener_name="http-listener",
                    redirect_configuration_name=redirect,
                    priority=200,
                ),
            ],
            lifecycle=cdk.TerraformResourceLifecycle(ignore_changes=list(AGIC_MANAGED_BLOCKS)),
            depends_on=after,
            tags=tags,
        )

    def _grant_ingress_controller(self, subnet: azurerm.subnet.Subnet) -> None:
        """AGIC's identity (K-2): it rewrites the gateway, joins its subnet, assigns the gateway's
        identity when it writes the gateway back, and reads the public IP of the frontend."""
        principal = self.ingress_identity_object_id
        for construct_id, target, role in (
            ("agic-gateway-contributor", self.gateway, "Contributor"),
            ("agic-subnet-network-contributor", subnet, "Network Contributor"),
            ("agic-identity-operator", self.identity, "Managed Identity Operator"),
            ("agic-public-ip-reader", self.public_ip, "Reader"),
        ):
            RoleGrant(self, construct_id, target=target, role=role, principal_id=principal)

    @property
    def gateway_id(self) -> str:
        return self.gateway.id
