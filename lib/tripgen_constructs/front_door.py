"""``FrontDoorEdge``: Azure Front Door in front of the Application Gateway (G-1, N-6).

Profile, endpoint, origin group with a health probe, one origin (the gateway's public address,
over HTTPS only), a cached route for static paths and an uncached route for the rest, both
redirecting HTTP to HTTPS. With a WAF policy SKU (always on Premium, where managed rule sets are
available), a Front Door WAF policy runs the shared custom rules at the edge, where the client's
own address is known.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from ._cdk import Construct, azurerm
from .naming import Naming
from .props import Props, refusal
from .waf import BOT_MANAGER_VERSION, CustomRule, WafProps, custom_rules

# --- Spec defaults -------------------------------------------------------------------------------

FrontDoorSku = Literal["Standard_AzureFrontDoor", "Premium_AzureFrontDoor"]

SKU_NAME: FrontDoorSku = "Standard_AzureFrontDoor"  # G-1: Standard in the design's cost table
PREMIUM: FrontDoorSku = "Premium_AzureFrontDoor"
# G-1: CDN caching for static content (P-8 `static:` keys, 24 h)
CACHED_PATHS = ("/static/*", "/assets/*")
HEALTH_PROBE_PATH = "/actuator/health"  # K-6: each service's health (the gateway's bootstrap probe)
EDGE_HEALTH_PATH = "/healthz"
"""Front Door's probe path (spec silent). The mesh edge answers it itself (``IstioIngressRoute``),
so the probe covers the whole origin path (gateway, AGIC's Ingress, Istio's ingress gateway)
without depending on one service; K-6's path exists only behind ``/api/<service>``."""
PROBE_PATH = re.compile(r"(/[A-Za-z0-9._~-]+)+")
PROBE_PATH_RULE = "an exact path such as '/healthz' (letters, digits, '.', '_', '~', '-')"
"""What a probe path may be: an Ingress and a ``VirtualService`` must match it exactly."""
HEALTH_PROBE_INTERVAL_SECONDS = 100  # spec silent: Azure's default
# Spec silent: AI responses are <= 5 s at p95 (T-3); 60 s covers the tail.
RESPONSE_TIMEOUT_SECONDS = 60
DEFAULT_RULE_SET_VERSION = "2.1"  # Front Door Premium's managed default rule set (OWASP-based)
COMPRESSED_CONTENT_TYPES = (
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "text/css",
    "text/html",
    "text/javascript",
    "text/plain",
)


class FrontDoorProps(Props):
    """Settings of the Front Door edge."""

    sku_name: FrontDoorSku = SKU_NAME
    waf_sku_name: FrontDoorSku | None = None
    """SKU of the Front Door WAF policy. ``None``: none on Standard, the profile's SKU on Premium.
    Azure accepts only a policy of the profile's own SKU, so any other value is refused."""
    cached_paths: tuple[str, ...] = Field(default=CACHED_PATHS, min_length=1)
    health_probe_path: str = EDGE_HEALTH_PATH
    health_probe_interval_seconds: int = Field(default=HEALTH_PROBE_INTERVAL_SECONDS, ge=5, le=31536000)
    response_timeout_seconds: int = Field(default=RESPONSE_TIMEOUT_SECONDS, ge=16, le=240)

    @field_validator("health_probe_path")
    @classmethod
    def _health_probe_path(cls, value: str) -> str:
        if not PROBE_PATH.fullmatch(value):
            raise refusal("front_door.health_probe_path", value, PROBE_PATH_RULE)
        return value

    @field_validator("cached_paths")
    @classmethod
    def _cached_paths(cls, paths: tuple[str, ...]) -> tuple[str, ...]:
        for path in paths:
            if not path.startswith("/") or path in ("/", "/*") or path.startswith("/api"):
                raise refusal(
                    "front_door.cached_paths",
                    path,
                    "a static path pattern such as '/static/*' (never '/*' or the API)",
                )
        return paths

    @model_validator(mode="after")
    def _waf_sku(self) -> FrontDoorProps:
        if self.waf_sku_name is not None and self.waf_sku_name != self.sku_name:
            raise refusal("front_door.waf_sku_name", self.waf_sku_name, f"the profile's SKU {self.sku_name!r}")
        return self

    @property
    def waf_policy_sku(self) -> str | None:
        """The Front Door WAF policy's SKU, or ``None`` when the edge has none."""
        return self.sku_name if self.sku_name == PREMIUM else self.waf_sku_name


def _edge_rule(
    rule: CustomRule,
) -> azurerm.cdn_frontdoor_firewall_policy.CdnFrontdoorFirewallPolicyCustomRule:
    fd = azurerm.cdn_frontdoor_firewall_policy
    rate = rule.rate_limit_per_minute is not None
    return fd.CdnFrontdoorFirewallPolicyCustomRule(
        name=rule.name,
        priority=rule.priority,
        type="RateLimitRule" if rate else "MatchRule",
        action="Block",
        enabled=True,
        rate_limit_duration_in_minutes=1 if rate else None,
        rate_limit_threshold=rule.rate_limit_per_minute,
        match_condition=[
            fd.CdnFrontdoorFirewallPolicyCustomRuleMatchCondition(
                match_variable=rule.variable,
                operator=rule.operator,
                match_values=list(rule.values),
                negation_condition=rule.negate,
                selector=rule.selector,
            )
        ],
    )


class FrontDoorEdge(Construct):
    """Front Door profile ``afd-<workload>-<env>`` sending everything to one HTTPS origin.

    Typed attributes: ``profile``, ``endpoint``, ``origin_group``, ``origin``, ``routes`` by name,
    ``firewall_policy`` (or ``None``), ``front_door_id`` (the ``X-Azure-FDID`` value).
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: FrontDoorProps,
        waf: WafProps,
        naming: Naming,
        resource_group: azurerm.resource_group.ResourceGroup,
        tags: dict[str, str],
        origin_address: str,
        origin_host_header: str,
    ) -> None:
        super().__init__(scope, id)
        self.props = props
        self.profile = azurerm.cdn_frontdoor_profile.CdnFrontdoorProfile(
            self,
            "profile",
            name=naming.name("afd"),
            resource_group_name=resource_group.name,
            sku_name=props.sku_name,
            response_timeout_seconds=props.response_timeout_seconds,
            tags=tags,
        )
        self.endpoint = azurerm.cdn_frontdoor_endpoint.CdnFrontdoorEndpoint(
            self,
            "endpoint",
            name=naming.name("fde"),
            cdn_frontdoor_profile_id=self.profile.id,
            enabled=True,
            tags=tags,
        )
        og = azurerm.cdn_frontdoor_origin_group
        self.origin_group = og.CdnFrontdoorOriginGroup(
            self,
            "origin-group",
            name="application-gateway",
            cdn_frontdoor_profile_id=self.profile.id,
            session_affinity_enabled=False,
            load_balancing=og.CdnFrontdoorOriginGroupLoadBalancing(sample_size=4, successful_samples_required=3),
            health_probe=og.CdnFrontdoorOriginGroupHealthProbe(
                protocol="Https",
                path=props.health_probe_path,
                request_type="HEAD",
                interval_in_seconds=props.health_probe_interval_seconds,
            ),
        )
        # Front Door checks the gateway's certificate against the host header (the wildcard's).
        self.origin = azurerm.cdn_frontdoor_origin.CdnFrontdoorOrigin(
            self,
            "origin",
            name="application-gateway",
            cdn_frontdoor_origin_group_id=self.origin_group.id,
            host_name=origin_address,
            origin_host_header=origin_host_header,
            certificate_name_check_enabled=True,
            http_port=80,
            https_port=443,
            priority=1,
            weight=1000,
            enabled=True,
        )
        route = azurerm.cdn_frontdoor_route
        common = {
            "cdn_frontdoor_endpoint_id": self.endpoint.id,
            "cdn_frontdoor_origin_group_id": self.origin_group.id,
            "cdn_frontdoor_origin_ids": [self.origin.id],
            "supported_protocols": ["Http", "Https"],
            "https_redirect_enabled": True,
            "forwarding_protocol": "HttpsOnly",
            "link_to_default_domain": True,
            "enabled": True,
        }
        self.routes = {
            "static": route.CdnFrontdoorRoute(
                self,
                "route-static",
                name="static",
                patterns_to_match=list(props.cached_paths),
                cache=route.CdnFrontdoorRouteCache(
                    query_string_caching_behavior="UseQueryString",
                    compression_enabled=True,
                    content_types_to_compress=list(COMPRESSED_CONTENT_TYPES),
                ),
                **common,
            ),
            # The API and everything else: never cached.
            "default": route.CdnFrontdoorRoute(
                self, "route-default", name="default", patterns_to_match=["/*"], **common
            ),
        }
        self.firewall_policy = None
        if props.waf_policy_sku is not None:
            self.firewall_policy = self._firewall(props, waf, naming, resource_group, tags)

    def _firewall(
        self,
        props: FrontDoorProps,
        waf: WafProps,
        naming: Naming,
        resource_group: azurerm.resource_group.ResourceGroup,
        tags: dict[str, str],
    ) -> azurerm.cdn_frontdoor_firewall_policy.CdnFrontdoorFirewallPolicy:
        fd = azurerm.cdn_frontdoor_firewall_policy
        managed = None
        if props.waf_policy_sku == PREMIUM:  # managed rule sets exist on Premium only
            managed = [
                fd.CdnFrontdoorFirewallPolicyManagedRule(
                    type="Microsoft_DefaultRuleSet",
                    version=DEFAULT_RULE_SET_VERSION,
                    action="Block",
                ),
                fd.CdnFrontdoorFirewallPolicyManagedRule(
                    type="Microsoft_BotManagerRuleSet", version=BOT_MANAGER_VERSION, action="Block"
                ),
            ]
        policy = fd.CdnFrontdoorFirewallPolicy(
            self,
            "waf-policy",
            name=naming.compact("waf", "afd"),  # Front Door WAF names are letters and digits only
            resource_group_name=resource_group.name,
            sku_name=props.waf_policy_sku,
            mode=waf.mode,
            enabled=True,
            request_body_check_enabled=True,
            managed_rule=managed,
            custom_rule=[_edge_rule(r) for r in custom_rules(waf)],
            tags=tags,
        )
        sp = azurerm.cdn_frontdoor_security_policy
        sp.CdnFrontdoorSecurityPolicy(
            self,
            "security-policy",
            name="waf",
            cdn_frontdoor_profile_id=self.profile.id,
            security_policies=sp.CdnFrontdoorSecurityPolicySecurityPolicies(
                firewall=sp.CdnFrontdoorSecurityPolicySecurityPoliciesFirewall(
                    cdn_frontdoor_firewall_policy_id=policy.id,
                    association=sp.CdnFrontdoorSecurityPolicySecurityPoliciesFirewallAssociation(
                        domain=[
                            sp.CdnFrontdoorSecurityPolicySecurityPoliciesFirewallAssociationDomain(
                                cdn_frontdoor_domain_id=self.endpoint.id
                            )
                        ],
                        patterns_to_match=["/*"],
                    ),
                )
            ),
        )
        return policy

    @property
    def front_door_id(self) -> str:
        """The profile's resource GUID, which Front Door sends in ``X-Azure-FDID``."""
        return self.profile.resource_guid

    @property
    def host_name(self) -> str:
        return self.endpoint.host_name
