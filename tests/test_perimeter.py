"""SecurePerimeter (G-1 … G-5, N-3, N-4, N-6, K-2): exact synthesized values for prod and dev, a
Premium/geo-blocking variant, and every refusal of the issue's "Bad input" list."""

from __future__ import annotations

from ipaddress import IPv4Network
from pathlib import Path

import pytest
from tripgen_constructs import EnvironmentConfig, NetworkProps, ZonalAksClusterProps, build_app
from tripgen_constructs.config.errors import ConfigError
from tripgen_constructs.egress_firewall import EgressFirewallProps
from tripgen_constructs.front_door import FrontDoorProps
from tripgen_constructs.network import (
    GATEWAY_NSG_RULES,
    SubnetProps,
    VirtualNetworkProps,
)
from tripgen_constructs.perimeter import AGIC_MANAGED_BLOCKS, SecurePerimeterProps
from tripgen_constructs.reader import read_stack
from tripgen_constructs.security import KeyVaultProps
from tripgen_constructs.waf import WafProps, custom_rules

from apps import spec
from apps.prod.config import PROD
from tests import plan
from tests.synth import Stack

GATEWAY = "azurerm_application_gateway"
WAF = "azurerm_web_application_firewall_policy"
ROLE = "azurerm_role_assignment"
FD_WAF = "azurerm_cdn_frontdoor_firewall_policy"
CERTIFICATE = "azurerm_key_vault_certificate"


def address(stack: Stack, resource_type: str, path: str) -> str:
    """The Terraform address (``type.name``) of the resource at construct ``path``."""
    return ref(stack, resource_type, path).removeprefix("${").removesuffix(".id}")


def ref(stack: Stack, resource_type: str, path: str, attribute: str = "id") -> str:
    """The Terraform reference to the resource at construct ``path``."""
    for logical_id, body in stack.resources[resource_type].items():
        if body["//"]["metadata"]["path"].split("/", 1)[1] == path:
            return f"${{{resource_type}.{logical_id}.{attribute}}}"
    raise KeyError(path)


def by_name(blocks: list[dict]) -> dict[str, dict]:
    return {block["name"]: block for block in blocks}


def prod_with(**changes: object) -> EnvironmentConfig:
    """The production config with ``changes``, validated again (as the environment would be)."""
    fields = {name: getattr(PROD, name) for name in type(PROD).model_fields}
    return EnvironmentConfig(**{**fields, **changes})


def _tripgen_perimeter(**fields: object) -> SecurePerimeterProps:
    """A perimeter on TripGen's plan (G-2, N-3: ``apps.spec``) with ``fields``."""
    return SecurePerimeterProps(
        **{
            "private_ip": spec.PRIVATE_FRONTEND_IP,
            "certificate_name": spec.CERTIFICATE_NAME,
            "domain": spec.DOMAIN,
            **fields,
        }
    )


def _tripgen_network(hub: VirtualNetworkProps) -> NetworkProps:
    """TripGen's network (``apps.spec``) with ``hub``."""
    return NetworkProps(hub=hub, spoke=spec.SPOKE, dr_spoke=spec.DR_SPOKE)


def hub_with_gateway_subnet(**subnet: object) -> NetworkProps:
    """TripGen's network with the hub's gateway subnet replaced by ``subnet`` settings."""
    settings = {
        "name": "snet-appgw",
        "cidr": "10.0.1.0/24",
        "nsg_rules": GATEWAY_NSG_RULES,
        **subnet,
    }
    return _tripgen_network(
        VirtualNetworkProps(address_space=spec.HUB.address_space, subnets=(SubnetProps(**settings),))
    )


# --- prod: Application Gateway (G-2, N-3) --------------------------------------------------------


def test_prod_gateway_is_waf_v2_autoscaling_from_3_in_zones_1_2_3(prod):
    gw = prod.by_path(GATEWAY, "perimeter/gateway")
    assert gw["name"] == "agw-tripgen-prod"
    assert gw["location"] == "koreacentral"
    assert gw["sku"] == {"name": "WAF_v2", "tier": "WAF_v2"}
    assert gw["autoscale_configuration"] == {"min_capacity": 3, "max_capacity": 10}
    assert gw["zones"] == ["1", "2", "3"]
    assert gw["enable_http2"] is True


def test_prod_gateway_has_static_public_ip_and_private_frontend_10_0_1_10(prod):
    gw = prod.by_path(GATEWAY, "perimeter/gateway")
    frontends = by_name(gw["frontend_ip_configuration"])
    assert frontends["public"] == {
        "name": "public",
        "public_ip_address_id": ref(prod, "azurerm_public_ip", "perimeter/public-ip"),
    }
    assert frontends["private"] == {
        "name": "private",
        "private_ip_address": "10.0.1.10",
        "private_ip_address_allocation": "Static",
        "subnet_id": ref(prod, "azurerm_subnet", "network/hub/subnet-snet-appgw"),
    }
    assert gw["gateway_ip_configuration"] == [
        {
            "name": "gateway",
            "subnet_id": ref(prod, "azurerm_subnet", "network/hub/subnet-snet-appgw"),
        }
    ]
    pip = prod.by_path("azurerm_public_ip", "perimeter/public-ip")
    assert (pip["name"], pip["sku"], pip["allocation_method"]) == (
        "pip-tripgen-agw-prod",
        "Standard",
        "Static",
    )
    assert pip["zones"] == ["1", "2", "3"]


def test_prod_https_listener_on_443_uses_the_key_vault_wildcard_certificate_versionless(prod):
    gw = prod.by_path(GATEWAY, "perimeter/gateway")
    ports = {p["name"]: p["port"] for p in gw["frontend_port"]}
    listener = by_name(gw["http_listener"])["https-listener"]
    assert listener["protocol"] == "Https"
    assert ports[listener["frontend_port_name"]] == 443
    assert listener["frontend_ip_configuration_name"] == "public"
    assert listener["ssl_certificate_name"] == "wildcard-tripgen"
    # The vault's declared certificate, versionless; never a certificate body or password.
    secret_id = ref(prod, CERTIFICATE, "key-vault/certificate-wildcard-tripgen", "versionless_secret_id")
    assert gw["ssl_certificate"] == [{"name": "wildcard-tripgen", "key_vault_secret_id": secret_id}]


def test_gateway_addresses_an_imported_certificate_by_name_in_the_vault(variant):
    # The variant's vault declares no certificate: operators import it under the listener's name.
    gw = variant.by_path(GATEWAY, "perimeter/gateway")
    vault_uri = ref(variant, "azurerm_key_vault", "key-vault/vault", "vault_uri")
    assert gw["ssl_certificate"] == [
        {"name": "wildcard-tripgen", "key_vault_secret_id": f"{vault_uri}secrets/wildcard-tripgen"}
    ]
    assert gw["depends_on"] == [address(variant, ROLE, "perimeter/key-vault-secrets-user/assignment")]


def test_prod_gateway_reads_key_vault_through_its_own_identity_granted_secrets_user(prod):
    gw = prod.by_path(GATEWAY, "perimeter/gateway")
    identity = prod.by_path("azurerm_user_assigned_identity", "perimeter/identity")
    assert identity["name"] == "id-tripgen-agw-prod"
    assert gw["identity"] == {
        "type": "UserAssigned",
        "identity_ids": [ref(prod, "azurerm_user_assigned_identity", "perimeter/identity")],
    }
    grant = prod.by_path(ROLE, "perimeter/key-vault-secrets-user/assignment")
    assert grant["role_definition_name"] == "Key Vault Secrets User"
    assert grant["scope"] == ref(prod, "azurerm_key_vault", "key-vault/vault")
    assert grant["principal_id"] == ref(prod, "azurerm_user_assigned_identity", "perimeter/identity", "principal_id")
    # The gateway fetches the certificate at creation: it waits for the grant and the certificate.
    assert gw["depends_on"] == [
        address(prod, ROLE, "perimeter/key-vault-secrets-user/assignment"),
        address(prod, CERTIFICATE, "key-vault/certificate-wildcard-tripgen"),
    ]


def test_prod_port_80_only_redirects_permanently_to_the_https_listener(prod):
    gw = prod.by_path(GATEWAY, "perimeter/gateway")
    ports = {p["name"]: p["port"] for p in gw["frontend_port"]}
    http = by_name(gw["http_listener"])["http-listener"]
    assert (http["protocol"], ports[http["frontend_port_name"]]) == ("Http", 80)
    rule = by_name(gw["request_routing_rule"])["http-redirect"]
    assert rule["http_listener_name"] == "http-listener"
    assert "backend_address_pool_name" not in rule
    redirect = by_name(gw["redirect_configuration"])[rule["redirect_configuration_name"]]
    assert redirect == {
        "name": "http-to-https",
        "redirect_type": "Permanent",
        "target_listener_name": "https-listener",
        "include_path": True,
        "include_query_string": True,
    }


def test_prod_api_routing_sends_api_paths_to_aks_backend_with_health_probe(prod):
    gw = prod.by_path(GATEWAY, "perimeter/gateway")
    assert gw["backend_address_pool"] == [{"name": "aks-backend"}]
    rule = by_name(gw["request_routing_rule"])["api-routing"]
    assert (rule["rule_type"], rule["http_listener_name"], rule["url_path_map_name"]) == (
        "PathBasedRouting",
        "https-listener",
        "api-routing",
    )
    path_map = by_name(gw["url_path_map"])["api-routing"]
    assert path_map["path_rule"] == [
        {
            "name": "api",
            "paths": ["/api/*"],
            "backend_address_pool_name": "aks-backend",
            "backend_http_settings_name": "aks-http",
        }
    ]
    settings = by_name(gw["backend_http_settings"])["aks-http"]
    assert (settings["protocol"], settings["port"], settings["probe_name"]) == (
        "Http",
        8080,
        "aks-health",
    )
    probe = by_name(gw["probe"])["aks-health"]
    assert (probe["protocol"], probe["port"], probe["path"]) == ("Http", 8080, "/actuator/health")
    assert probe["match"] == {"status_code": ["200-399"]}


def test_prod_tls_policy_is_predefined_tls_1_2_minimum(prod):
    gw = prod.by_path(GATEWAY, "perimeter/gateway")
    assert gw["ssl_policy"] == {
        "policy_type": "Predefined",
        "policy_name": "AppGwSslPolicy20220101S",
    }


def test_terraform_leaves_agic_owned_routing_alone_but_keeps_sku_scale_and_waf(prod):
    ignored = prod.by_path(GATEWAY, "perimeter/gateway")["lifecycle"]["ignore_changes"]
    assert ignored == list(AGIC_MANAGED_BLOCKS)
    for kept in (
        "sku",
        "autoscale_configuration",
        "zones",
        "firewall_policy_id",
        "ssl_policy",
        "identity",
        "frontend_ip_configuration",
    ):
        assert kept not in ignored


# --- prod: WAF policy (G-3, G-4) -----------------------------------------------------------------


def test_prod_waf_policy_is_bound_to_the_gateway_in_prevention_with_body_inspection(prod):
    gw = prod.by_path(GATEWAY, "perimeter/gateway")
    assert gw["firewall_policy_id"] == ref(prod, WAF, "perimeter/waf-policy/policy")
    assert gw["force_firewall_policy_association"] is True
    policy = prod.by_path(WAF, "perimeter/waf-policy/policy")
    assert policy["name"] == "waf-tripgen-agw-prod"
    assert policy["policy_settings"] == {
        "enabled": True,
        "mode": "Prevention",
        "request_body_check": True,
        "max_request_body_size_in_kb": 128,
        "file_upload_limit_in_mb": 100,
    }


def test_prod_waf_runs_owasp_3_2_and_bot_manager(prod):
    policy = prod.by_path(WAF, "perimeter/waf-policy/policy")
    assert policy["managed_rules"]["managed_rule_set"] == [
        {"type": "OWASP", "version": "3.2"},
        {"type": "Microsoft_BotManagerRuleSet", "version": "1.1"},
    ]


def test_prod_waf_rate_limits_1000_per_minute_per_client_address_then_blocks(prod):
    rules = by_name(prod.by_path(WAF, "perimeter/waf-policy/policy")["custom_rules"])
    rate = rules["RateLimiting"]
    assert rate["rule_type"] == "RateLimitRule"
    assert (
        rate["rate_limit_threshold"],
        rate["rate_limit_duration"],
        rate["group_rate_limit_by"],
    ) == (1000, "OneMin", "ClientAddr")
    assert rate["action"] == "Block"
    # Azure's documented "all traffic" condition: not 255.255.255.255/32.
    assert rate["match_conditions"] == [
        {
            "match_variables": [{"variable_name": "RemoteAddr"}],
            "operator": "IPMatch",
            "match_values": ["255.255.255.255/32"],
            "negation_condition": True,
        }
    ]


def test_prod_waf_has_no_geo_rule_while_the_country_list_is_empty(prod):
    rules = by_name(prod.by_path(WAF, "perimeter/waf-policy/policy")["custom_rules"])
    assert sorted(rules) == ["FrontDoorOnly", "RateLimiting"]


def test_prod_gateway_blocks_requests_without_our_front_door_id_first(prod):
    rules = by_name(prod.by_path(WAF, "perimeter/waf-policy/policy")["custom_rules"])
    fdid = rules["FrontDoorOnly"]
    assert (fdid["priority"], fdid["rule_type"], fdid["action"]) == (1, "MatchRule", "Block")
    assert fdid["match_conditions"] == [
        {
            "match_variables": [{"variable_name": "RequestHeaders", "selector": "X-Azure-FDID"}],
            "operator": "Equal",
            "match_values": [
                ref(
                    prod,
                    "azurerm_cdn_frontdoor_profile",
                    "perimeter/front-door/profile",
                    "resource_guid",
                )
            ],
            "negation_condition": True,
        }
    ]


# --- prod: network security group (N-4 resolution) -----------------------------------------------


def test_prod_gateway_nsg_admits_web_traffic_only_from_front_door(prod):
    rules = by_name(prod.by_path("azurerm_network_security_group", "network/hub/nsg-snet-appgw")["security_rule"])
    assert {n: (r["source_address_prefix"], r["destination_port_range"]) for n, r in rules.items()} == {
        "allow-https-inbound": ("AzureFrontDoor.Backend", "443"),
        "allow-http-inbound": ("AzureFrontDoor.Backend", "80"),
        "allow-gateway-manager": ("GatewayManager", "65200-65535"),
        "allow-azure-load-balancer": ("AzureLoadBalancer", "*"),
    }
    assert all(r["access"] == "Allow" and r["direction"] == "Inbound" for r in rules.values())


# --- prod: AGIC (K-2) ----------------------------------------------------------------------------


def test_prod_aks_ingress_add_on_points_at_the_gateway(prod):
    cluster = prod.by_path("azurerm_kubernetes_cluster", "aks/cluster")
    assert cluster["ingress_application_gateway"] == {"gateway_id": ref(prod, GATEWAY, "perimeter/gateway")}


def test_prod_agic_identity_gets_exactly_its_roles_on_gateway_subnet_identity_and_ip(prod):
    agic = ref(prod, "azurerm_kubernetes_cluster", "aks/cluster").replace(
        ".id}", ".ingress_application_gateway[0].ingress_application_gateway_identity[0].object_id}"
    )
    grants = {
        path: (body["role_definition_name"], body["scope"])
        for path, body in prod.of_type(ROLE).items()
        if body["principal_id"] == agic
    }
    assert grants == {
        "perimeter/agic-gateway-contributor/assignment": (
            "Contributor",
            ref(prod, GATEWAY, "perimeter/gateway"),
        ),
        "perimeter/agic-subnet-network-contributor/assignment": (
            "Network Contributor",
            ref(prod, "azurerm_subnet", "network/hub/subnet-snet-appgw"),
        ),
        "perimeter/agic-identity-operator/assignment": (
            "Managed Identity Operator",
            ref(prod, "azurerm_user_assigned_identity", "perimeter/identity"),
        ),
        "perimeter/agic-public-ip-reader/assignment": (
            "Reader",
            ref(prod, "azurerm_public_ip", "perimeter/public-ip"),
        ),
    }


# --- prod: Front Door (G-1, N-6) -----------------------------------------------------------------


def test_prod_front_door_is_standard_without_edge_waf(prod):
    profile = prod.by_path("azurerm_cdn_frontdoor_profile", "perimeter/front-door/profile")
    assert (profile["name"], profile["sku_name"], profile["response_timeout_seconds"]) == (
        "afd-tripgen-prod",
        "Standard_AzureFrontDoor",
        60,
    )
    assert prod.count(FD_WAF) == 0
    assert prod.count("azurerm_cdn_frontdoor_security_policy") == 0


def test_prod_front_door_origin_is_the_gateway_public_address_over_https(prod):
    origin = prod.by_path("azurerm_cdn_frontdoor_origin", "perimeter/front-door/origin")
    assert origin["host_name"] == ref(prod, "azurerm_public_ip", "perimeter/public-ip", "ip_address")
    assert origin["origin_host_header"] == "origin.tripgen.example"
    assert (origin["https_port"], origin["certificate_name_check_enabled"]) == (443, True)
    group = prod.by_path("azurerm_cdn_frontdoor_origin_group", "perimeter/front-door/origin-group")
    assert origin["cdn_frontdoor_origin_group_id"] == ref(
        prod, "azurerm_cdn_frontdoor_origin_group", "perimeter/front-door/origin-group"
    )
    assert group["health_probe"] == {
        "protocol": "Https",
        "path": "/healthz",  # answered by the mesh edge (test_istio_ingress.py)
        "request_type": "HEAD",
        "interval_in_seconds": 100,
    }


def test_prod_front_door_caches_static_paths_only_and_redirects_to_https(prod):
    static = prod.by_path("azurerm_cdn_frontdoor_route", "perimeter/front-door/route-static")
    default = prod.by_path("azurerm_cdn_frontdoor_route", "perimeter/front-door/route-default")
    assert static["patterns_to_match"] == ["/static/*", "/assets/*"]
    assert static["cache"]["query_string_caching_behavior"] == "UseQueryString"
    assert static["cache"]["compression_enabled"] is True
    assert default["patterns_to_match"] == ["/*"]
    assert "cache" not in default
    for route in (static, default):
        assert route["https_redirect_enabled"] is True
        assert route["forwarding_protocol"] == "HttpsOnly"
        assert route["supported_protocols"] == ["Http", "Https"]
        assert route["cdn_frontdoor_origin_ids"] == [
            ref(prod, "azurerm_cdn_frontdoor_origin", "perimeter/front-door/origin")
        ]


# --- dev: smaller gateway (D-1) ------------------------------------------------------------------


def test_dev_gateway_scales_1_to_2_in_one_zone_and_keeps_the_waf(dev):
    gw = dev.by_path(GATEWAY, "perimeter/gateway")
    assert gw["name"] == "agw-tripgen-dev"
    assert gw["sku"] == {"name": "WAF_v2", "tier": "WAF_v2"}
    assert gw["autoscale_configuration"] == {"min_capacity": 1, "max_capacity": 2}
    assert gw["zones"] == ["1"]
    assert dev.by_path("azurerm_public_ip", "perimeter/public-ip")["zones"] == ["1"]
    assert dev.by_path(WAF, "perimeter/waf-policy/policy")["policy_settings"]["mode"] == "Prevention"


# --- variant: Premium Front Door, geo-blocking, egress firewall ---------------------------------


def hub_with_firewall_subnet(cidr: str = "10.0.2.0/26") -> NetworkProps:
    subnets = (*spec.HUB.subnets, SubnetProps(name="AzureFirewallSubnet", cidr=cidr))
    return _tripgen_network(VirtualNetworkProps(address_space=spec.HUB.address_space, subnets=subnets))


@pytest.fixture(scope="module")
def variant(tmp_path_factory: pytest.TempPathFactory) -> Stack:
    """Prod defaults plus: Premium Front Door, geo-blocking, DDoS IP Protection and the egress
    firewall (G-5)."""
    config = prod_with(
        name="edge",
        backend=None,
        key_vault=KeyVaultProps(),
        network=hub_with_firewall_subnet(),
        aks=ZonalAksClusterProps(service_cidr=spec.SERVICE_CIDR, outbound_type="userDefinedRouting"),
        perimeter=_tripgen_perimeter(
            waf=WafProps(geo_block_countries=("KP", "ZZ")),
            front_door=FrontDoorProps(sku_name="Premium_AzureFrontDoor"),
            egress_firewall=EgressFirewallProps(allowed_fqdns=("api.openai.com",)),
            ddos_ip_protection=True,
        ),
    )
    outdir = tmp_path_factory.mktemp("variant")
    build_app([config], outdir).synth()
    return Stack(dict(read_stack(Path(outdir) / "stacks" / "tripgen-edge" / "cdk.tf.json").document))


def test_ddos_ip_protection_is_enabled_on_the_gateway_address_only_when_configured(prod, variant):
    assert prod.by_path("azurerm_public_ip", "perimeter/public-ip")["ddos_protection_mode"] == "VirtualNetworkInherited"
    assert variant.by_path("azurerm_public_ip", "perimeter/public-ip")["ddos_protection_mode"] == "Enabled"


def test_geo_blocking_rule_blocks_the_configured_countries_before_the_rate_limit(variant):
    rules = by_name(variant.by_path(WAF, "perimeter/waf-policy/policy")["custom_rules"])
    geo = rules["GeoBlocking"]
    assert (geo["rule_type"], geo["action"], geo["priority"]) == ("MatchRule", "Block", 10)
    assert geo["match_conditions"][0]["operator"] == "GeoMatch"
    assert geo["match_conditions"][0]["match_values"] == ["KP", "ZZ"]
    assert rules["FrontDoorOnly"]["priority"] < geo["priority"] < rules["RateLimiting"]["priority"]


def test_premium_front_door_gets_a_premium_waf_with_managed_rules_and_the_same_custom_rules(
    variant,
):
    policy = variant.by_path(FD_WAF, "perimeter/front-door/waf-policy")
    assert (policy["name"], policy["sku_name"], policy["mode"]) == (
        "tripgenwafafdedge",
        "Premium_AzureFrontDoor",
        "Prevention",
    )
    assert policy["managed_rule"] == [
        {"type": "Microsoft_DefaultRuleSet", "version": "2.1", "action": "Block"},
        {"type": "Microsoft_BotManagerRuleSet", "version": "1.1", "action": "Block"},
    ]
    rules = by_name(policy["custom_rule"])
    assert (
        rules["RateLimiting"]["rate_limit_threshold"],
        rules["RateLimiting"]["rate_limit_duration_in_minutes"],
    ) == (1000, 1)
    assert rules["GeoBlocking"]["match_condition"][0]["match_values"] == ["KP", "ZZ"]
    binding = variant.by_path("azurerm_cdn_frontdoor_security_policy", "perimeter/front-door/security-policy")
    firewall = binding["security_policies"]["firewall"]
    assert firewall["cdn_frontdoor_firewall_policy_id"] == ref(variant, FD_WAF, "perimeter/front-door/waf-policy")
    assert firewall["association"]["domain"] == [
        {"cdn_frontdoor_domain_id": ref(variant, "azurerm_cdn_frontdoor_endpoint", "perimeter/front-door/endpoint")}
    ]


def test_standard_front_door_with_an_explicit_standard_waf_gets_custom_rules_only():
    props = FrontDoorProps(waf_sku_name="Standard_AzureFrontDoor")
    assert props.waf_policy_sku == "Standard_AzureFrontDoor"
    assert FrontDoorProps().waf_policy_sku is None
    assert FrontDoorProps(sku_name="Premium_AzureFrontDoor").waf_policy_sku == "Premium_AzureFrontDoor"


def test_custom_rules_emit_no_geo_rule_for_an_empty_country_list():
    assert [r.name for r in custom_rules(WafProps())] == ["RateLimiting"]
    assert [r.name for r in custom_rules(WafProps(geo_block_countries=("KP",)))] == [
        "GeoBlocking",
        "RateLimiting",
    ]


# --- refusals: the "Bad input" list ------------------------------------------------------


def test_refuses_a_waf_on_a_non_waf_sku():
    with pytest.raises(
        ConfigError,
        match=r"'sku_name' must be 'WAF_v2': a WAF policy is attached.*got 'Standard_v2'",
    ):
        plan.perimeter(sku_name="Standard_v2")


def test_refuses_retired_v1_skus():
    with pytest.raises(
        ConfigError,
        match=r"'sku_name' must be one of \['Standard_v2', 'WAF_v2'\], got 'WAF_Medium'",
    ):
        plan.perimeter(sku_name="WAF_Medium")


def test_refuses_waf_detection_mode_in_production_even_with_the_flag():
    waf = WafProps(mode="Detection", allow_detection_mode=True)
    with pytest.raises(
        ConfigError,
        match=r"'perimeter.waf.mode' must be 'Prevention' in a production environment, got "
        r"'Detection'",
    ):
        prod_with(perimeter=_tripgen_perimeter(waf=waf))


def test_refuses_waf_detection_mode_without_the_explicit_flag():
    with pytest.raises(
        ConfigError,
        match=r"'waf.mode' must be 'Prevention' unless allow_detection_mode is true.*got "
        r"'Detection'",
    ):
        WafProps(mode="Detection")


def test_accepts_waf_detection_mode_in_dev_with_the_explicit_flag():
    config = prod_with(
        production=False,
        perimeter=_tripgen_perimeter(waf=WafProps(mode="Detection", allow_detection_mode=True)),
    )
    assert config.perimeter.waf.mode == "Detection"


def test_refuses_min_capacity_above_max_capacity():
    with pytest.raises(ConfigError, match=r"'min_capacity' must be <= max_capacity \(4\), got 5"):
        plan.perimeter(min_capacity=5, max_capacity=4)


@pytest.mark.parametrize("zones", [("4",), ("0", "1"), (1, 5)])
def test_refuses_zones_outside_1_2_3(zones):
    with pytest.raises(ConfigError, match=r"'zones' must be a subset of \{'1','2','3'\}"):
        plan.perimeter(zones=zones)


def test_refuses_a_single_zone_gateway_in_a_zone_redundant_environment():
    with pytest.raises(
        ConfigError,
        match=r"'perimeter.zones' must be at least 2 zones when zone_redundant is true, got "
        r"\['1'\]",
    ):
        prod_with(perimeter=_tripgen_perimeter(zones=("1",)))


def test_refuses_a_private_frontend_ip_outside_the_gateway_subnet():
    with pytest.raises(
        ConfigError,
        match=r"'perimeter.private_ip' must be a usable address of 10.0.1.0/24.*got '10.0.2.10'",
    ):
        prod_with(perimeter=_tripgen_perimeter(private_ip="10.0.2.10"))


@pytest.mark.parametrize("address", ["10.0.1.0", "10.0.1.1", "10.0.1.2", "10.0.1.3", "10.0.1.255"])
def test_refuses_a_private_frontend_ip_that_azure_reserves(address):
    with pytest.raises(ConfigError, match=rf"'perimeter.private_ip' must be a usable address.*got '{address}'"):
        prod_with(perimeter=_tripgen_perimeter(private_ip=address))


def test_accepts_the_first_and_last_usable_gateway_addresses():
    for address in ("10.0.1.4", "10.0.1.254"):
        assert str(prod_with(perimeter=_tripgen_perimeter(private_ip=address)).perimeter.private_ip) == address


def test_refuses_a_gateway_subnet_smaller_than_a_26():
    network = hub_with_gateway_subnet(cidr="10.0.1.0/27")
    with pytest.raises(
        ConfigError,
        match=r"'network.hub.subnets.snet-appgw.cidr' must be /26 or larger.*got '10.0.1.0/27'",
    ):
        prod_with(network=network)


def test_accepts_a_26_gateway_subnet():
    config = prod_with(network=hub_with_gateway_subnet(cidr="10.0.1.0/26"))
    assert config.network.hub.subnet("snet-appgw").cidr == IPv4Network("10.0.1.0/26")


def test_refuses_a_gateway_subnet_delegated_to_another_service():
    network = hub_with_gateway_subnet(delegation="Microsoft.Web/serverFarms")
    with pytest.raises(
        ConfigError,
        match=r"'network.hub.subnets.snet-appgw.delegation' must be None or "
        r"'Microsoft.Network/applicationGateways'",
    ):
        prod_with(network=network)


def test_refuses_a_gateway_subnet_prepared_for_private_endpoints():
    network = hub_with_gateway_subnet(private_endpoint_network_policies="Disabled")
    with pytest.raises(
        ConfigError,
        match=r"'network.hub.subnets.snet-appgw.private_endpoint_network_policies' must be "
        r"'Enabled'",
    ):
        prod_with(network=network)


def test_refuses_a_gateway_subnet_nsg_that_blocks_gateway_manager():
    rules = tuple(r for r in GATEWAY_NSG_RULES if r.source != "GatewayManager")
    with pytest.raises(
        ConfigError,
        match=r"'network.hub.subnets.snet-appgw.nsg_rules' must be to allow GatewayManager on "
        r"65200-65535",
    ):
        prod_with(network=hub_with_gateway_subnet(nsg_rules=rules))


def test_refuses_a_front_door_waf_sku_other_than_the_profiles():
    with pytest.raises(
        ConfigError,
        match=r"'front_door.waf_sku_name' must be the profile's SKU 'Standard_AzureFrontDoor', "
        r"got 'Premium_AzureFrontDoor'",
    ):
        FrontDoorProps(sku_name="Standard_AzureFrontDoor", waf_sku_name="Premium_AzureFrontDoor")


@pytest.mark.parametrize("name", ["", "wildcard_tripgen", 443])
def test_refuses_a_listener_certificate_name_key_vault_would_not_take(name):
    with pytest.raises(
        ConfigError,
        match=r"'certificate_name' must be the Key Vault certificate name for the 443 listener",
    ):
        plan.perimeter(certificate_name=name)


def test_a_perimeter_without_certificate_or_domain_derives_them_from_the_workload():
    config = EnvironmentConfig(**plan.environment(workload="shop"))
    assert (config.perimeter.certificate_name, config.perimeter.domain) == ("wildcard-shop", "shop.example")
    assert config.perimeter.origin_host_name == "origin.shop.example"


def test_the_gateway_private_address_has_no_default():
    with pytest.raises(ConfigError, match=r"'private_ip' must be given \(the field is required\), got \(nothing\)"):
        SecurePerimeterProps()


def test_refuses_a_certificate_body_in_config():
    with pytest.raises(ConfigError, match=r"'certificate_data' must be absent: not a field of this model"):
        plan.perimeter(certificate_data="MIIKXAIBAzCCChgGCSqGSIb3DQEHAaCCCg...")


# --- refusals: further settings Azure or the design would reject ---------------------------------


def test_refuses_a_tls_policy_older_than_the_modern_predefined_ones():
    with pytest.raises(
        ConfigError,
        match=r"'ssl_policy_name' must be a predefined TLS 1.2\+ policy.*got "
        r"'AppGwSslPolicy20150501'",
    ):
        plan.perimeter(ssl_policy_name="AppGwSslPolicy20150501")


def test_refuses_a_country_that_is_not_an_iso_code():
    with pytest.raises(
        ConfigError,
        match=r"'geo_block_countries' must be an ISO 3166-1 alpha-2 code.*got 'kor'",
    ):
        WafProps(geo_block_countries=("kor",))


def test_refuses_caching_the_api_or_everything_at_the_edge():
    for path in ("/*", "/api/*"):
        with pytest.raises(ConfigError, match=r"'front_door.cached_paths' must be a static path pattern"):
            FrontDoorProps(cached_paths=(path,))


def test_refuses_a_front_door_probe_path_the_ingress_cannot_match_exactly():
    # Refused with the config, not later when the manifests are written (the mesh edge answers it).
    for path in ("/", "/health/*", "healthz", "/health z"):
        with pytest.raises(ConfigError, match=r"'front_door.health_probe_path' must be an exact path such as"):
            FrontDoorProps(health_probe_path=path)


def test_refuses_a_domain_that_is_not_a_dns_name():
    with pytest.raises(ConfigError, match=r"'domain' must be a lowercase DNS domain.*got 'https://tripgen.kr'"):
        plan.perimeter(domain="https://tripgen.kr")


# --- egress firewall (G-5) -----------------------------------------------------------------------


def test_prod_has_no_egress_firewall_and_aks_keeps_load_balancer_egress(prod):
    assert prod.count("azurerm_firewall") == 0
    assert prod.count("azurerm_route_table") == 0
    assert (
        prod.by_path("azurerm_kubernetes_cluster", "aks/cluster")["network_profile"]["outbound_type"] == "loadBalancer"
    )


def test_egress_firewall_is_premium_with_idps_deny_in_the_hub_firewall_subnet(variant):
    firewall = variant.by_path("azurerm_firewall", "egress-firewall/firewall")
    assert (firewall["name"], firewall["sku_name"], firewall["sku_tier"]) == (
        "afw-tripgen-edge",
        "AZFW_VNet",
        "Premium",
    )
    assert firewall["zones"] == ["1", "2", "3"]
    assert firewall["ip_configuration"][0]["subnet_id"] == ref(
        variant, "azurerm_subnet", "network/hub/subnet-AzureFirewallSubnet"
    )
    policy = variant.by_path("azurerm_firewall_policy", "egress-firewall/policy")
    assert firewall["firewall_policy_id"] == ref(variant, "azurerm_firewall_policy", "egress-firewall/policy")
    assert (policy["sku"], policy["intrusion_detection"], policy["threat_intelligence_mode"]) == (
        "Premium",
        {"mode": "Deny"},
        "Deny",
    )


def test_egress_firewall_takes_the_aks_default_route_and_aks_uses_user_defined_routing(variant):
    table = variant.by_path("azurerm_route_table", "egress-firewall/route-table")
    firewall_ip = ref(variant, "azurerm_firewall", "egress-firewall/firewall").replace(
        ".id}", ".ip_configuration[0].private_ip_address}"
    )
    assert table["route"] == [
        {
            "name": "default-via-firewall",
            "address_prefix": "0.0.0.0/0",
            "next_hop_type": "VirtualAppliance",
            "next_hop_in_ip_address": firewall_ip,
        }
    ]
    association = variant.by_path("azurerm_subnet_route_table_association", "egress-firewall/route-table-association")
    assert association["subnet_id"] == ref(variant, "azurerm_subnet", "network/spoke/subnet-snet-aks")
    cluster = variant.by_path("azurerm_kubernetes_cluster", "aks/cluster")
    assert cluster["network_profile"]["outbound_type"] == "userDefinedRouting"
    association_address = ref(
        variant, "azurerm_subnet_route_table_association", "egress-firewall/route-table-association"
    )
    assert association_address.removeprefix("${").removesuffix(".id}") in cluster["depends_on"]


def test_egress_firewall_allows_aks_requirements_and_the_configured_fqdns_only(variant):
    group = variant.by_path("azurerm_firewall_policy_rule_collection_group", "egress-firewall/aks-egress")
    app = by_name(group["application_rule_collection"][0]["rule"])
    assert app["aks-required"]["destination_fqdn_tags"] == ["AzureKubernetesService"]
    assert app["aks-required"]["source_addresses"] == ["10.1.1.0/24"]
    assert app["services"]["destination_fqdns"] == ["api.openai.com"]
    assert app["services"]["protocols"] == [{"type": "Https", "port": 443}]
    network = by_name(group["network_rule_collection"][0]["rule"])
    assert (network["ntp"]["protocols"], network["ntp"]["destination_ports"]) == (["UDP"], ["123"])
    assert network["azure-monitor"]["destination_addresses"] == ["AzureMonitor"]


def test_refuses_the_egress_firewall_without_an_azure_firewall_subnet():
    with pytest.raises(
        ConfigError,
        match=r"'network.hub.subnets' must be a list that includes 'AzureFirewallSubnet' when "
        r"egress_firewall is set",
    ):
        prod_with(
            aks=ZonalAksClusterProps(service_cidr=spec.SERVICE_CIDR, outbound_type="userDefinedRouting"),
            perimeter=_tripgen_perimeter(egress_firewall=EgressFirewallProps()),
        )


def test_refuses_an_azure_firewall_subnet_smaller_than_a_26():
    with pytest.raises(
        ConfigError,
        match=r"'network.hub.subnets.AzureFirewallSubnet.cidr' must be /26 or larger, got "
        r"'10.0.2.0/27'",
    ):
        prod_with(
            network=hub_with_firewall_subnet("10.0.2.0/27"),
            aks=ZonalAksClusterProps(service_cidr=spec.SERVICE_CIDR, outbound_type="userDefinedRouting"),
            perimeter=_tripgen_perimeter(egress_firewall=EgressFirewallProps()),
        )


def test_refuses_the_egress_firewall_while_aks_sends_egress_through_its_load_balancer():
    with pytest.raises(
        ConfigError,
        match=r"'aks.outbound_type' must be 'userDefinedRouting' when egress_firewall is set, got "
        r"'loadBalancer'",
    ):
        prod_with(
            network=hub_with_firewall_subnet(),
            perimeter=_tripgen_perimeter(egress_firewall=EgressFirewallProps()),
        )


def test_refuses_user_defined_routing_without_the_egress_firewall():
    with pytest.raises(
        ConfigError,
        match=r"'aks.outbound_type' must be 'loadBalancer' unless perimeter.egress_firewall "
        r"routes the egress",
    ):
        prod_with(aks=ZonalAksClusterProps(service_cidr=spec.SERVICE_CIDR, outbound_type="userDefinedRouting"))


def test_refuses_an_allowed_egress_destination_that_is_not_an_fqdn():
    with pytest.raises(
        ConfigError,
        match=r"'egress_firewall.allowed_fqdns' must be a lowercase FQDN.*got "
        r"'https://api.openai.com'",
    ):
        EgressFirewallProps(allowed_fqdns=("https://api.openai.com",))


def test_refuses_a_listener_certificate_the_vault_does_not_declare():
    with pytest.raises(
        ConfigError,
        match=r"'perimeter.certificate_name' must be one of the vault's declared certificates "
        r"\['wildcard-tripgen'\], got 'wildcard-other'",
    ):
        prod_with(perimeter=_tripgen_perimeter(certificate_name="wildcard-other"))
