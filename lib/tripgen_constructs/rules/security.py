"""``AZURE_SECURITY_PACK``: what checkov 3.3 misses or reads wrongly on azurerm 4.x (G-3, S-1, S-3,
N-2, O-3, T-5), plus tags required by the environment config."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from .core import Level, Pack, Resource, RuleContext, Status, Template, rule, verdict

WAF_POLICY_TYPES = ("azurerm_web_application_firewall_policy", "azurerm_cdn_frontdoor_firewall_policy")


@rule(
    "TG-WAF-PREVENTION",
    Level.ERROR,
    "WAF policy is disabled or in Detection mode: attacks are logged, not blocked (G-3).",
    "Set the policy enabled with mode 'Prevention' (Application Gateway: policy_settings; Front Door: mode).",
    WAF_POLICY_TYPES,
)
def waf_prevention(resource: Resource, template: Template, context: RuleContext) -> Status:
    settings = resource.block("policy_settings") if resource.type == WAF_POLICY_TYPES[0] else resource.body
    # Application Gateway policies default to enabled Prevention; Front Door's mode is required.
    default_mode = "Prevention" if resource.type == WAF_POLICY_TYPES[0] else None
    return verdict(settings.get("enabled", True) is not False and settings.get("mode", default_mode) == "Prevention")


@rule(
    "TG-FRONTDOOR-WAF",
    Level.ERROR,
    "Front Door profile has no security policy attaching a WAF policy to its endpoints (G-3).",
    "Add an azurerm_cdn_frontdoor_security_policy for the profile pointing at a Prevention-mode "
    "azurerm_cdn_frontdoor_firewall_policy (Premium: with the managed rule sets), or suppress with "
    "which WAF behind Front Door filters its traffic.",
    ("azurerm_cdn_frontdoor_profile",),
    aprl=("1bd2b7e8-400f-e64a-99a2-c572f7b08a62",),
    psrule=("Azure.FrontDoor.UseWAF",),
)
def frontdoor_waf(resource: Resource, template: Template, context: RuleContext) -> Status:
    for policy in template.referrers(resource, "azurerm_cdn_frontdoor_security_policy"):
        firewall = _first(_first(policy.body.get("security_policies")).get("firewall"))
        if firewall.get("cdn_frontdoor_firewall_policy_id"):
            return Status.COMPLIANT
    return Status.NON_COMPLIANT


@rule(
    "TG-AGW-WAF",
    Level.ERROR,
    "Application Gateway is not WAF_v2 with a WAF policy attached (G-2, G-3).",
    "Use sku name and tier 'WAF_v2' and set firewall_policy_id to the WAF policy.",
    ("azurerm_application_gateway",),
    aprl=("8d9223c4-730d-ca47-af88-a9a024c37270",),
    psrule=("Azure.AppGw.UseWAF",),
)
def app_gateway_waf(resource: Resource, template: Template, context: RuleContext) -> Status:
    sku = resource.block("sku")
    return verdict(sku.get("tier") == "WAF_v2" and bool(resource.get("firewall_policy_id")))


@rule(
    "TG-AGW-HTTP-REDIRECT",
    Level.ERROR,
    "An HTTP listener of the Application Gateway serves plain HTTP instead of redirecting to HTTPS "
    "(checked for every listener; checkov reads only the first).",
    "Route every 'Http' listener through a request_routing_rule whose redirect_configuration targets an "
    "'Https' listener (redirect_type Permanent).",
    ("azurerm_application_gateway",),
    aprl=("233a7008-71e9-e745-923e-1a1c7a0b92f3",),
    psrule=("Azure.AppGw.UseHTTPS",),
)
def app_gateway_http_redirect(resource: Resource, template: Template, context: RuleContext) -> Status:
    listeners = {item.get("name"): item for item in resource.blocks("http_listener")}
    redirects = {item.get("name"): item for item in resource.blocks("redirect_configuration")}
    rules = resource.blocks("request_routing_rule")
    for name, listener in listeners.items():
        if str(listener.get("protocol", "")).lower() != "http":
            continue
        routed = [r for r in rules if r.get("http_listener_name") == name]
        if not routed:
            continue  # a listener no rule uses serves nothing
        for routing in routed:
            redirect = redirects.get(routing.get("redirect_configuration_name"))
            target = listeners.get(redirect.get("target_listener_name")) if redirect else None
            to_https = target is not None and str(target.get("protocol", "")).lower() == "https"
            to_url = redirect is not None and str(redirect.get("target_url", "")).startswith("https://")
            if not (to_https or to_url):
                return Status.NON_COMPLIANT
    return Status.COMPLIANT


@rule(
    "TG-REDIS-TLS",
    Level.ERROR,
    "Redis accepts plain-text connections or TLS below 1.2 (P-6, S-3; azurerm 4.x: non_ssl_port_enabled, "
    "which checkov 3.3 reads under its 3.x name enable_non_ssl_port).",
    "Leave non_ssl_port_enabled false and set minimum_tls_version '1.2'.",
    ("azurerm_redis_cache",),
)
def redis_tls(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(
        resource.get("non_ssl_port_enabled", False) is False
        and "enable_non_ssl_port" not in resource.body
        and resource.get("minimum_tls_version", "1.2") == "1.2"
    )


@rule(
    "TG-STORAGE-HTTPS",
    Level.ERROR,
    "Storage account accepts HTTP or TLS below 1.2 (S-3; azurerm 4.x: https_traffic_only_enabled, "
    "renamed from enable_https_traffic_only).",
    "Leave https_traffic_only_enabled true and set min_tls_version 'TLS1_2'.",
    ("azurerm_storage_account",),
)
def storage_https(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(
        resource.get("https_traffic_only_enabled", True) is not False
        and resource.get("enable_https_traffic_only", True) is not False
        and resource.get("min_tls_version", "TLS1_2") == "TLS1_2"
    )


PRIVATE_SERVICES: Mapping[str, tuple[str, Any]] = {
    # type: (attribute, the value that means "no public network access")
    "azurerm_key_vault": ("public_network_access_enabled", False),
    "azurerm_postgresql_flexible_server": ("public_network_access_enabled", False),
    "azurerm_mysql_flexible_server": ("public_network_access_enabled", False),
    "azurerm_mssql_server": ("public_network_access_enabled", False),
    "azurerm_redis_cache": ("public_network_access_enabled", False),
    "azurerm_servicebus_namespace": ("public_network_access_enabled", False),
    "azurerm_eventhub_namespace": ("public_network_access_enabled", False),
    "azurerm_eventgrid_topic": ("public_network_access_enabled", False),
    "azurerm_storage_account": ("public_network_access_enabled", False),
    "azurerm_container_registry": ("public_network_access_enabled", False),
    "azurerm_cosmosdb_account": ("public_network_access_enabled", False),
    "azurerm_cognitive_account": ("public_network_access_enabled", False),
    "azurerm_app_configuration": ("public_network_access", "Disabled"),
}
"""Data, secret and messaging services: attribute and private value (azurerm defaults are public)."""


@rule(
    "TG-PUBLIC-ACCESS",
    Level.ERROR,
    "A data, secret or messaging service allows public network access (N-6, P-4, M-1, S-1, D-2).",
    "Set public network access off explicitly (the provider default is on) and reach the service "
    "through a private endpoint, or VNet integration for PostgreSQL (which counts as private).",
    PRIVATE_SERVICES,
)
def public_access(resource: Resource, template: Template, context: RuleContext) -> Status:
    attribute, private = PRIVATE_SERVICES[resource.type]
    return verdict(resource.get(attribute) == private)


@rule(
    "TG-SUBNET-NSG",
    Level.ERROR,
    "Subnet has no network security group associated (N-4, N-5).",
    "Associate an NSG (azurerm_subnet_network_security_group_association); only subnets Azure refuses "
    "one on (GatewaySubnet, AzureFirewallSubnet, ...) are exempt.",
    ("azurerm_subnet",),
)
def subnet_nsg(resource: Resource, template: Template, context: RuleContext) -> Status:
    if resource.get("name") in context.nsg_forbidden_subnets:
        return Status.NOT_APPLICABLE
    associations = template.referrers(resource, "azurerm_subnet_network_security_group_association")
    return verdict(any(template.refers_to(a.get("subnet_id"), resource) for a in associations))


@rule(
    "TG-DIAGNOSTICS",
    Level.ERROR,
    "Resource supports diagnostic settings but sends none to the Log Analytics workspace (O-3).",
    "Give it an azurerm_monitor_diagnostic_setting with log_analytics_workspace_id (the observability "
    "construct does this for every type in its diagnosable table).",
    aprl=(
        "1ad74c3c-e3d7-0046-b83f-a2199974ef15",  # Front Door
        "44107155-7a32-9348-89f3-d5aa7e7c5a1d",  # Container Registry
        "5d035919-898d-a047-8d5d-454e199692e5",  # Application Gateway
        "1dc0821d-4f14-7644-bab4-ba208ff5f7fa",  # Key Vault
    ),
    psrule=("Azure.FrontDoor.Logs", "Azure.ACR.Logs", "Azure.KeyVault.Logs"),
)
def diagnostics(resource: Resource, template: Template, context: RuleContext) -> Status:
    if resource.type not in context.diagnosable_types:
        return Status.NOT_APPLICABLE
    settings = template.referrers(resource, "azurerm_monitor_diagnostic_setting")
    return verdict(
        any(
            template.refers_to(s.get("target_resource_id"), resource) and s.get("log_analytics_workspace_id")
            for s in settings
        )
    )


@rule(
    "TG-REGION",
    Level.ERROR,
    "Resource is placed outside the allowed regions (T-5).",
    "Place it in the environment's location or dr_location (EnvironmentConfig).",
)
def region(resource: Resource, template: Template, context: RuleContext) -> Status:
    if "location" not in resource.body:
        return Status.NOT_APPLICABLE
    location = template.resolve(resource.get("location"))
    if isinstance(location, str) and "${" in location:
        return Status.NOT_APPLICABLE  # computed at apply time; its source resource is checked itself
    return verdict(location in context.allowed_regions)


# Attribute names that hold a secret (the value must come from outside Terraform, S-1).
_SECRET_NAME = re.compile(
    r"(^|_)(password|secret|client_secret|access_key|account_key|shared_key|primary_key|secondary_key|"
    r"connection_string|sas_token|private_key|api_key|token|value)(_wo)?$"
)
_SECRET_TYPES_WITH_VALUE = {"azurerm_key_vault_secret", "azurerm_key_vault_certificate"}
# Values that look like a secret whatever their attribute name.
SECRET_VALUE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("password assignment", re.compile(r"(?i)\b(password|pwd)\s*[=:]\s*[^\s;$'\"{]{3,}")),
    ("storage account key", re.compile(r"(?i)AccountKey=[A-Za-z0-9+/=]{20,}")),
    ("shared access key", re.compile(r"(?i)SharedAccessKey=[A-Za-z0-9+/=]{20,}")),
    ("SAS token", re.compile(r"(?i)[?&]sig=[A-Za-z0-9%+/=]{20,}|\bsv=\d{4}-\d{2}-\d{2}&.*\bsig=")),
    ("PEM body", re.compile(r"-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----")),
)
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{40,}={0,2}")


def secret_like(text: str) -> list[str]:
    """Names of the secret patterns ``text`` matches: the scan for literals anywhere."""
    found = [label for label, pattern in SECRET_VALUE_PATTERNS if pattern.search(text)]
    # A random base64 key mixes digits, upper and lower case; paths and names do not.
    if any(
        re.search(r"\d", run) and re.search(r"[A-Z]", run) and re.search(r"[a-z]", run)
        for run in _BASE64_RUN.findall(text)
    ):
        found.append("long base64 key")
    return found


def _is_literal(value: Any) -> bool:
    return (
        isinstance(value, str | int | float)
        and not isinstance(value, bool)
        and not (isinstance(value, str) and value.startswith("${") and value.endswith("}"))
    )


def _walk(value: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, Mapping):
        for k, v in value.items():
            if k != "//":
                yield from _walk(v, k)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _walk(item, key)
    else:
        yield key, value


def secret_literals(body: Mapping[str, Any], resource_type: str = "") -> list[str]:
    """What in ``body`` looks like a literal secret: ``attribute`` or ``attribute: <pattern name>``."""
    found = []
    for key, value in _walk(body):
        named = _SECRET_NAME.search(key) and (key != "value" or resource_type in _SECRET_TYPES_WITH_VALUE)
        if named and _is_literal(value) and value != "":
            found.append(key)
        elif isinstance(value, str):
            found += [f"{key}: {label}" for label in secret_like(value)]
    return found


@rule(
    "TG-SECRET-LITERAL",
    Level.ERROR,
    "A secret, key, connection string or certificate appears as a literal in the configuration (S-1).",
    "Set secret values outside Terraform (Key Vault, set by the operator or a pipeline) and use managed "
    "identities instead of keys; never write them in config or code.",
)
def secret_literal(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(not secret_literals(resource.body, resource.type))


@rule(
    "TG-TAGS",
    Level.ERROR,
    "Resource lacks a tag the environment config requires, or carries another value for it.",
    "Pass the environment's tags (config.all_tags) to every taggable resource.",
)
def tags(resource: Resource, template: Template, context: RuleContext) -> Status:
    if not context.required_tags or not context.taggable(resource.type):
        return Status.NOT_APPLICABLE
    have = resource.get("tags") or {}
    if isinstance(have, str):  # an expression: cannot be read before apply
        return Status.NON_COMPLIANT
    return verdict(all(have.get(k) == v for k, v in context.required_tags.items()))


def _first(value: Any) -> Mapping[str, Any]:
    if isinstance(value, Mapping):
        return value
    if isinstance(value, list) and value and isinstance(value[0], Mapping):
        return value[0]
    return {}


AZURE_SECURITY_PACK = Pack(
    "AzureSecurityPack",
    (
        waf_prevention,
        frontdoor_waf,
        app_gateway_waf,
        app_gateway_http_redirect,
        redis_tls,
        storage_https,
        public_access,
        subnet_nsg,
        diagnostics,
        region,
        secret_literal,
        tags,
    ),
)
