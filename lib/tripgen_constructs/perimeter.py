"""``SecurePerimeter``: Front Door, then the Application Gateway WAF_v2 with its WAF policy, wired
to AKS through AGIC (G-1 … G-4, N-3, N-4, N-6, K-2).

Traffic: Internet → Front Door (``FrontDoorEdge``) → gateway public frontend (NSG: only
``AzureFrontDoor.Backend``; WAF: only our Front Door's ``X-Azure-FDID``) → AKS pods. The gateway's
TLS certificate stays in Key Vault: the gateway reads it through its own user-assigned identity
with the versionless secret id, so a renewed certificate is picked up without a deployment.
"""

from __future__ import annotations

from ._cdk import Construct, azurerm, cdk
from .aks import ZonalAksCluster
from .config.naming import Naming
from .config.perimeter import (  # the props and defaults live in the config layer
    AGIC_MANAGED_BLOCKS as AGIC_MANAGED_BLOCKS,
    API_PATHS as API_PATHS,
    API_RULE as API_RULE,
    BACKEND_POOL as BACKEND_POOL,
    BACKEND_PORT as BACKEND_PORT,
    BACKEND_TIMEOUT_SECONDS as BACKEND_TIMEOUT_SECONDS,
    GATEWAY_DELEGATION as GATEWAY_DELEGATION,
    GATEWAY_MANAGER_PORTS as GATEWAY_MANAGER_PORTS,
    GATEWAY_SKUS as GATEWAY_SKUS,
    HTTPS_LISTENER as HTTPS_LISTENER,
    MAX_CAPACITY as MAX_CAPACITY,
    MIN_CAPACITY as MIN_CAPACITY,
    MIN_GATEWAY_SUBNET_PREFIX as MIN_GATEWAY_SUBNET_PREFIX,
    MODERN_SSL_POLICIES as MODERN_SSL_POLICIES,
    PLACEHOLDER_TLD as PLACEHOLDER_TLD,
    SKU_NAME as SKU_NAME,
    SSL_POLICY_NAME as SSL_POLICY_NAME,
    ZONES as ZONES,
    SecurePerimeterProps as SecurePerimeterProps,
    check_gateway_subnet as check_gateway_subnet,
)
from .config.props import refusal
from .front_door import FrontDoorEdge
from .network import SubnetProps
from .rbac import RoleGrant
from .waf import GatewayWafPolicy


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
        props = props.for_workload(naming.workload)  # the certificate and domain names left out
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
            if certificate.name_input != props.listener_certificate:
                raise refusal(
                    "certificate",
                    certificate.name_input,
                    f"the certificate {props.listener_certificate!r}",
                )
            secret_id = certificate.versionless_secret_id
        else:
            secret_id = f"{key_vault.vault_uri}secrets/{props.listener_certificate}"
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
                ag.ApplicationGatewaySslCertificate(name=props.listener_certificate, key_vault_secret_id=secret_id)
            ],
            http_listener=[
                ag.ApplicationGatewayHttpListener(
                    name=HTTPS_LISTENER,
                    frontend_ip_configuration_name="public",
                    frontend_port_name="https",
                    protocol="Https",
                    ssl_certificate_name=props.listener_certificate,
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
