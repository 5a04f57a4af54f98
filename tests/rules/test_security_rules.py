"""AzureSecurityPack rules on small documents: each rule's compliant, non-compliant and n/a cases."""

from __future__ import annotations

import pytest
from tripgen_constructs.rules import AZURE_SECURITY_PACK, Status, security as s

from tests.rules.helpers import check, doc

OK, BAD, NA = Status.COMPLIANT, Status.NON_COMPLIANT, Status.NOT_APPLICABLE
TAGS = {"tags": {"environment": "prod", "workload": "tripgen"}}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"policy_settings": {"enabled": True, "mode": "Prevention"}}, OK),
        ({"policy_settings": {"mode": "Detection"}}, BAD),
        ({"policy_settings": {"enabled": False, "mode": "Prevention"}}, BAD),
        ({}, OK),  # provider defaults: enabled, Prevention
    ],
)
def test_app_gateway_waf_policy_must_be_enabled_in_prevention(body, expected):
    assert check(s.waf_prevention, doc(("azurerm_web_application_firewall_policy", "p", body)), "p") is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"mode": "Prevention"}, OK),
        ({"mode": "Detection"}, BAD),
        ({"mode": "Prevention", "enabled": False}, BAD),
        ({}, BAD),
    ],
)
def test_front_door_waf_policy_must_be_enabled_in_prevention(body, expected):
    assert check(s.waf_prevention, doc(("azurerm_cdn_frontdoor_firewall_policy", "p", body)), "p") is expected


def test_front_door_profile_without_security_policy_is_flagged():
    assert (
        check(
            s.frontdoor_waf, doc(("azurerm_cdn_frontdoor_profile", "fd", {"sku_name": "Premium_AzureFrontDoor"})), "fd"
        )
        is BAD
    )


def test_standard_front_door_profile_without_waf_is_flagged_too():
    # APRL 1bd2b7e8: an environment relying on the gateway's WAF says so in a suppression.
    assert (
        check(
            s.frontdoor_waf, doc(("azurerm_cdn_frontdoor_profile", "fd", {"sku_name": "Standard_AzureFrontDoor"})), "fd"
        )
        is BAD
    )


def test_front_door_profile_with_waf_security_policy_is_compliant():
    template = doc(
        ("azurerm_cdn_frontdoor_profile", "fd", {"sku_name": "Premium_AzureFrontDoor"}),
        (
            "azurerm_cdn_frontdoor_security_policy",
            "sp",
            {
                "cdn_frontdoor_profile_id": "${azurerm_cdn_frontdoor_profile.fd.id}",
                "security_policies": {
                    "firewall": {"cdn_frontdoor_firewall_policy_id": "${azurerm_cdn_frontdoor_firewall_policy.w.id}"}
                },
            },
        ),
    )
    assert check(s.frontdoor_waf, template, "fd") is OK


def _gateway(listeners, rules, redirects=()):
    return doc(
        (
            "azurerm_application_gateway",
            "agw",
            {
                "sku": {"name": "WAF_v2", "tier": "WAF_v2"},
                "firewall_policy_id": "${azurerm_web_application_firewall_policy.p.id}",
                "http_listener": [{"name": n, "protocol": p} for n, p in listeners],
                "request_routing_rule": [
                    {"name": f"r-{li}", "http_listener_name": li, "redirect_configuration_name": r} for li, r in rules
                ],
                "redirect_configuration": [
                    {"name": n, "target_listener_name": t, "redirect_type": "Permanent"} for n, t in redirects
                ],
            },
        )
    )


def test_http_listener_redirecting_to_https_is_compliant():
    template = _gateway(
        [("https", "Https"), ("http", "Http")], [("https", None), ("http", "to-https")], [("to-https", "https")]
    )
    assert check(s.app_gateway_http_redirect, template, "agw") is OK


def test_second_http_listener_without_redirect_is_flagged_even_when_the_first_redirects():
    template = _gateway(
        [("http", "Http"), ("https", "Https"), ("http-2", "Http")],
        [("http", "to-https"), ("https", None), ("http-2", None)],
        [("to-https", "https")],
    )
    assert check(s.app_gateway_http_redirect, template, "agw") is BAD


def test_http_listener_redirecting_to_another_http_listener_is_flagged():
    template = _gateway([("http", "Http"), ("http-b", "Http")], [("http", "loop")], [("loop", "http-b")])
    assert check(s.app_gateway_http_redirect, template, "agw") is BAD


def test_app_gateway_needs_waf_v2_with_policy():
    bad = doc(("azurerm_application_gateway", "agw", {"sku": {"name": "Standard_v2", "tier": "Standard_v2"}}))
    assert check(s.app_gateway_waf, bad, "agw") is BAD
    assert check(s.app_gateway_waf, _gateway([], []), "agw") is OK


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"non_ssl_port_enabled": False, "minimum_tls_version": "1.2"}, OK),
        ({}, OK),
        ({"non_ssl_port_enabled": True}, BAD),
        ({"enable_non_ssl_port": False}, BAD),  # the 3.x name: not an azurerm 4.x attribute
        ({"minimum_tls_version": "1.0"}, BAD),
    ],
)
def test_redis_tls_uses_the_azurerm_4_attribute_names(body, expected):
    assert check(s.redis_tls, doc(("azurerm_redis_cache", "r", body)), "r") is expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"https_traffic_only_enabled": True, "min_tls_version": "TLS1_2"}, OK),
        ({"https_traffic_only_enabled": False}, BAD),
        ({"enable_https_traffic_only": False}, BAD),
        ({"min_tls_version": "TLS1_0"}, BAD),
    ],
)
def test_storage_https_only_uses_the_azurerm_4_attribute_names(body, expected):
    assert check(s.storage_https, doc(("azurerm_storage_account", "st", body)), "st") is expected


@pytest.mark.parametrize("rtype", sorted(s.PRIVATE_SERVICES))
def test_public_network_access_left_at_the_provider_default_is_flagged(rtype):
    assert check(s.public_access, doc((rtype, "x", {})), "x") is BAD


@pytest.mark.parametrize("rtype", sorted(s.PRIVATE_SERVICES))
def test_public_network_access_off_is_compliant(rtype):
    attribute, private = s.PRIVATE_SERVICES[rtype]
    assert check(s.public_access, doc((rtype, "x", {attribute: private})), "x") is OK


def test_vnet_integrated_postgresql_with_public_access_off_counts_as_private():
    body = {"delegated_subnet_id": "${azurerm_subnet.db.id}", "public_network_access_enabled": False}
    assert check(s.public_access, doc(("azurerm_postgresql_flexible_server", "pg", body)), "pg") is OK


def test_subnet_without_nsg_association_is_flagged_and_forbidden_names_are_exempt():
    template = doc(
        ("azurerm_subnet", "a", {"name": "snet-aks"}),
        ("azurerm_subnet", "b", {"name": "snet-db"}),
        ("azurerm_subnet", "gw", {"name": "GatewaySubnet"}),
        (
            "azurerm_subnet_network_security_group_association",
            "assoc",
            {
                "subnet_id": "${azurerm_subnet.a.id}",
                "network_security_group_id": "${azurerm_network_security_group.n.id}",
            },
        ),
    )
    assert check(s.subnet_nsg, template, "a") is OK
    assert check(s.subnet_nsg, template, "b") is BAD
    assert check(s.subnet_nsg, template, "gw") is NA


def test_diagnosable_resource_needs_a_setting_into_the_workspace():
    vault = ("azurerm_key_vault", "kv", {})
    setting = (
        "azurerm_monitor_diagnostic_setting",
        "diag",
        {
            "target_resource_id": "${azurerm_key_vault.kv.id}",
            "log_analytics_workspace_id": "${azurerm_log_analytics_workspace.w.id}",
        },
    )
    assert check(s.diagnostics, doc(vault), "kv") is BAD
    assert check(s.diagnostics, doc(vault, setting), "kv") is OK
    assert check(s.diagnostics, doc(("azurerm_subnet", "sn", {})), "sn") is NA


def test_region_outside_allowed_is_flagged_including_through_a_resource_group_reference():
    template = doc(
        ("azurerm_resource_group", "rg", {"location": "eastus"}),
        ("azurerm_key_vault", "kv", {"location": "${azurerm_resource_group.rg.location}"}),
        ("azurerm_key_vault", "ok", {"location": "koreasouth"}),
    )
    assert check(s.region, template, "rg") is BAD
    assert check(s.region, template, "kv") is BAD
    assert check(s.region, template, "ok") is OK


@pytest.mark.parametrize(
    "body",
    [
        {"administrator_password": "Sup3rSecret!"},
        {"administrator_password_wo": "Sup3rSecret!"},
        {"connection_string": "${azurerm_x.y.id}extra"},
        {"app_settings": {"DB": "Server=x;Password=hunter22;"}},
        {"storage": "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=" + "A1b2C3d4" * 6},
        {"cert": "-----BEGIN PRIVATE KEY-----\nMIIE"},
        {"url": "https://a.blob.core.windows.net/c?sv=2022-11-02&ss=b&sig=abcdefghijklmnopqrstuvwxyz012345"},
        {"note": "k3Y9" * 12},
    ],
)
def test_secret_literals_are_flagged(body):
    assert check(s.secret_literal, doc(("azurerm_x", "x", body)), "x") is BAD


@pytest.mark.parametrize(
    "body",
    [
        {"administrator_password": "${var.db_password}"},
        {"key_vault_secret_id": "https://kv.vault.azure.net/secrets/cert"},
        {"actions": ["Microsoft.Network/virtualNetworks/subnets/join/action"]},
        {"shared_access_key_enabled": False, "password_auth_enabled": False},
        {"value": "not-a-secret-on-a-tag-like-type"},
    ],
)
def test_references_switches_and_names_are_not_secrets(body):
    assert check(s.secret_literal, doc(("azurerm_x", "x", body)), "x") is OK


def test_key_vault_secret_value_literal_is_flagged():
    assert check(s.secret_literal, doc(("azurerm_key_vault_secret", "x", {"value": "plain"})), "x") is BAD


def test_required_tags_missing_or_different_are_flagged_and_untaggable_types_skipped():
    template = doc(
        ("azurerm_key_vault", "ok", TAGS),
        ("azurerm_key_vault", "missing", {"tags": {"environment": "prod"}}),
        ("azurerm_key_vault", "other", {"tags": {"environment": "dev", "workload": "tripgen"}}),
        ("azurerm_key_vault", "none", {}),
        ("azurerm_subnet", "sn", {}),
    )
    assert [check(s.tags, template, n) for n in ("ok", "missing", "other", "none", "sn")] == [OK, BAD, BAD, BAD, NA]


def test_security_pack_has_one_rule_per_concern_with_finding_and_fix():
    ids = [r.id for r in AZURE_SECURITY_PACK.rules]
    assert len(ids) == len(set(ids)) == 12
    assert all(r.finding.endswith(")") or r.finding.endswith(".") for r in AZURE_SECURITY_PACK.rules)
    assert all(len(r.fix) > 20 for r in AZURE_SECURITY_PACK.rules)
