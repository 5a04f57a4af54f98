"""``FrontDoorEdge``: Azure Front Door in front of the Application Gateway (G-1, N-6).

Profile, endpoint, origin group with a health probe, one origin (the gateway's public address,
over HTTPS only), a cached route for static paths and an uncached route for the rest, both
redirecting HTTP to HTTPS. With a WAF policy SKU (always on Premium, where managed rule sets are
available), a Front Door WAF policy runs the shared custom rules at the edge, where the client's
own address is known.
"""

from __future__ import annotations

from ._cdk import Construct, azurerm
from .config.front_door import (  # the props and defaults live in the config layer
    CACHED_PATHS as CACHED_PATHS,
    COMPRESSED_CONTENT_TYPES as COMPRESSED_CONTENT_TYPES,
    DEFAULT_RULE_SET_VERSION as DEFAULT_RULE_SET_VERSION,
    EDGE_HEALTH_PATH as EDGE_HEALTH_PATH,
    HEALTH_PROBE_INTERVAL_SECONDS as HEALTH_PROBE_INTERVAL_SECONDS,
    HEALTH_PROBE_PATH as HEALTH_PROBE_PATH,
    PREMIUM as PREMIUM,
    PROBE_PATH as PROBE_PATH,
    PROBE_PATH_RULE as PROBE_PATH_RULE,
    RESPONSE_TIMEOUT_SECONDS as RESPONSE_TIMEOUT_SECONDS,
    SKU_NAME as SKU_NAME,
    FrontDoorProps as FrontDoorProps,
    FrontDoorSku as FrontDoorSku,
)
from .config.naming import Naming
from .waf import BOT_MANAGER_VERSION, CustomRule, WafProps, custom_rules


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
