"""``GatewayWafPolicy``: the Application Gateway's WAF policy (G-3, G-4), and the custom rules that
the gateway and the Front Door WAF share.

The custom rules are described once (``custom_rules``) and rendered for each WAF flavour: the
gateway's policy here, the edge policy in ``front_door``.
"""

from __future__ import annotations

from ._cdk import Construct, azurerm
from .config.naming import Naming
from .config.waf import (  # the props and defaults live in the config layer
    ANY_ADDRESS_EXCEPT as ANY_ADDRESS_EXCEPT,
    BOT_MANAGER_VERSION as BOT_MANAGER_VERSION,
    FILE_UPLOAD_LIMIT_MB as FILE_UPLOAD_LIMIT_MB,
    FRONT_DOOR_ID_HEADER as FRONT_DOOR_ID_HEADER,
    GEO_BLOCK_COUNTRIES as GEO_BLOCK_COUNTRIES,
    MAX_REQUEST_BODY_KB as MAX_REQUEST_BODY_KB,
    OWASP_VERSION as OWASP_VERSION,
    RATE_LIMIT_PER_MINUTE as RATE_LIMIT_PER_MINUTE,
    WAF_MODE as WAF_MODE,
    CountryCode as CountryCode,
    CustomRule as CustomRule,
    WafProps as WafProps,
    custom_rules as custom_rules,
)


def _gateway_rule(
    rule: CustomRule,
) -> azurerm.web_application_firewall_policy.WebApplicationFirewallPolicyCustomRules:
    waf = azurerm.web_application_firewall_policy
    rate = rule.rate_limit_per_minute is not None
    return waf.WebApplicationFirewallPolicyCustomRules(
        name=rule.name,
        priority=rule.priority,
        rule_type="RateLimitRule" if rate else "MatchRule",
        action="Block",
        enabled=True,
        rate_limit_duration="OneMin" if rate else None,
        rate_limit_threshold=rule.rate_limit_per_minute,
        group_rate_limit_by="ClientAddr" if rate else None,
        match_conditions=[
            waf.WebApplicationFirewallPolicyCustomRulesMatchConditions(
                match_variables=[
                    waf.WebApplicationFirewallPolicyCustomRulesMatchConditionsMatchVariables(
                        variable_name=rule.variable, selector=rule.selector
                    )
                ],
                operator=rule.operator,
                match_values=list(rule.values),
                negation_condition=rule.negate,
            )
        ],
    )


class GatewayWafPolicy(Construct):
    """WAF policy of the Application Gateway: OWASP 3.2 and Microsoft Bot Manager managed rules,
    request-body inspection, the custom rules of ``custom_rules`` and, first of all, a rule that
    blocks every request not stamped with our Front Door's id (G-1: the edge cannot be bypassed
    through another tenant's Front Door, which the ``AzureFrontDoor.Backend`` tag would let in).

    Typed attribute: ``policy``.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: WafProps,
        naming: Naming,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        tags: dict[str, str],
        front_door_id: str,
    ) -> None:
        super().__init__(scope, id)
        waf = azurerm.web_application_firewall_policy
        front_door_only = CustomRule(
            name="FrontDoorOnly",
            priority=1,
            variable="RequestHeaders",
            selector=FRONT_DOOR_ID_HEADER,
            operator="Equal",
            values=(front_door_id,),
            negate=True,
        )
        self.policy = waf.WebApplicationFirewallPolicy(
            self,
            "policy",
            name=naming.name("waf", "agw"),
            location=location,
            resource_group_name=resource_group.name,
            policy_settings=waf.WebApplicationFirewallPolicyPolicySettings(
                enabled=True,
                mode=props.mode,
                request_body_check=True,
                max_request_body_size_in_kb=props.max_request_body_kb,
                file_upload_limit_in_mb=props.file_upload_limit_mb,
            ),
            managed_rules=waf.WebApplicationFirewallPolicyManagedRules(
                managed_rule_set=[
                    waf.WebApplicationFirewallPolicyManagedRulesManagedRuleSet(type="OWASP", version=OWASP_VERSION),
                    waf.WebApplicationFirewallPolicyManagedRulesManagedRuleSet(
                        type="Microsoft_BotManagerRuleSet", version=BOT_MANAGER_VERSION
                    ),
                ]
            ),
            custom_rules=[_gateway_rule(r) for r in (front_door_only, *custom_rules(props))],
            tags=tags,
        )
