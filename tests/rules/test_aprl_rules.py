"""Every rule carrying an APRL GUID, on small documents: one compliant and one non-compliant case each,
plus the catalogue's coverage and its table in docs/guardrails.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tripgen_constructs.rules import AZURE_SECURITY_PACK, RESILIENCY_PACK, Rule, Status, resiliency as r, security as s
from tripgen_constructs.rules.aprl import APRL, SOURCES, coverage_markdown, rules_for
from tripgen_constructs.rules.workloads import WORKLOAD_PACK

from tests.rules.helpers import check, doc

OK, BAD, NA = Status.COMPLIANT, Status.NON_COMPLIANT, Status.NOT_APPLICABLE
PACKS = (RESILIENCY_PACK, AZURE_SECURITY_PACK, WORKLOAD_PACK)
ZONES = ["1", "2", "3"]
CLUSTER = "azurerm_kubernetes_cluster"
POOL = "azurerm_kubernetes_cluster_node_pool"
ORIGIN_GROUP_ID = "${azurerm_cdn_frontdoor_origin_group.og.id}"


def one(rtype: str, body: dict[str, Any], *others: tuple[str, str, dict[str, Any]]):
    """A document with the resource under test, called ``x``, and ``others``."""
    return doc((rtype, "x", body), *others)


def _subnet(prefix: str):
    return ("azurerm_subnet", "snet", {"address_prefixes": [prefix]})


def _cluster_on(subnet_pool: dict[str, Any]):
    return (CLUSTER, "aks", {"network_profile": {"network_plugin": "azure"}, "default_node_pool": subnet_pool})


NODES_IN_SNET = {"vnet_subnet_id": "${azurerm_subnet.snet.id}", "auto_scaling_enabled": True, "max_count": 20}
_GATEWAY_ORIGIN = (
    ("azurerm_cdn_frontdoor_profile", "fd", {}),
    (
        "azurerm_cdn_frontdoor_origin_group",
        "og",
        {"cdn_frontdoor_profile_id": "${azurerm_cdn_frontdoor_profile.fd.id}"},
    ),
    ("azurerm_public_ip", "ip", {}),
    (
        "azurerm_application_gateway",
        "agw",
        {
            "frontend_ip_configuration": [{"public_ip_address_id": "${azurerm_public_ip.ip.id}"}],
            "firewall_policy_id": "${azurerm_web_application_firewall_policy.waf.id}",
        },
    ),
)
ORIGIN = {"cdn_frontdoor_origin_group_id": ORIGIN_GROUP_ID, "host_name": "${azurerm_public_ip.ip.ip_address}"}


def _waf(negated: bool):
    rule = {
        "action": "Block",
        "match_conditions": [
            {
                "match_values": ["${azurerm_cdn_frontdoor_profile.fd.resource_guid}"],
                "match_variables": [{"selector": "X-Azure-FDID", "variable_name": "RequestHeaders"}],
                "negation_condition": negated,
                "operator": "Equal",
            }
        ],
    }
    return ("azurerm_web_application_firewall_policy", "waf", {"custom_rules": [rule]})


def _server(body: dict[str, Any]):
    return one("azurerm_postgresql_flexible_server", {"create_mode": "Default", **body})


CASES: dict[Rule, tuple[Any, Any]] = {
    r.aks_user_nodes: (
        one(POOL, {"auto_scaling_enabled": True, "min_count": 2}),
        one(POOL, {"auto_scaling_enabled": True, "min_count": 1, "node_count": 3}),
    ),
    r.aks_system_isolation: (
        one(CLUSTER, {"default_node_pool": {"only_critical_addons_enabled": True}}),
        one(CLUSTER, {"default_node_pool": {}}),
    ),
    r.aks_local_accounts: (one(CLUSTER, {"local_account_disabled": True}), one(CLUSTER, {})),
    r.aks_cni: (
        one(
            CLUSTER,
            {"network_profile": {"network_plugin": "azure"}, "default_node_pool": {"pod_subnet_id": "${a.b.id}"}},
        ),
        one(CLUSTER, {"network_profile": {"network_plugin": "kubenet"}}),
    ),
    r.aks_backup: (
        one(
            CLUSTER,
            {},
            (
                "azurerm_data_protection_backup_instance_kubernetes_cluster",
                "b",
                {"kubernetes_cluster_id": "${azurerm_kubernetes_cluster.x.id}"},
            ),
        ),
        one(CLUSTER, {}),
    ),
    r.aks_monitoring: (
        one(CLUSTER, {"oms_agent": {"log_analytics_workspace_id": "${azurerm_log_analytics_workspace.w.id}"}}),
        one(CLUSTER, {}),
    ),
    r.aks_ephemeral_os: (one(POOL, {"os_disk_type": "Ephemeral"}), one(POOL, {"os_disk_type": "Managed"})),
    r.aks_azure_policy: (one(CLUSTER, {"azure_policy_enabled": True}), one(CLUSTER, {"azure_policy_enabled": False})),
    r.aks_virtual_nodes: (one(CLUSTER, {"aci_connector_linux": {"subnet_name": "snet-aci"}}), one(CLUSTER, {})),
    r.aks_azure_linux: (one(POOL, {"os_sku": "AzureLinux"}), one(POOL, {"os_sku": "Ubuntu"})),
    # 20 nodes + 1 surge node, flat CNI with 30 pods each in the node subnet: 651 addresses.
    r.aks_subnet_size: (
        doc(
            ("azurerm_subnet", "x", {"address_prefixes": ["10.1.0.0/22"]}),
            _cluster_on({**NODES_IN_SNET, "vnet_subnet_id": "${azurerm_subnet.x.id}"}),
        ),
        doc(
            ("azurerm_subnet", "x", {"address_prefixes": ["10.1.0.0/23"]}),
            _cluster_on({**NODES_IN_SNET, "vnet_subnet_id": "${azurerm_subnet.x.id}"}),
        ),
    ),
    r.front_door_classic: (one("azurerm_cdn_frontdoor_profile", {}), one("azurerm_frontdoor", {})),
    r.front_door_traffic_manager: (
        one("azurerm_cdn_frontdoor_endpoint", {}),
        one(
            "azurerm_cdn_frontdoor_endpoint",
            {},
            (
                "azurerm_traffic_manager_external_endpoint",
                "tm",
                {"target": "${azurerm_cdn_frontdoor_endpoint.x.host_name}"},
            ),
        ),
    ),
    r.front_door_origin_lockdown: (
        one("azurerm_cdn_frontdoor_origin", ORIGIN, *_GATEWAY_ORIGIN, _waf(negated=True)),
        one("azurerm_cdn_frontdoor_origin", ORIGIN, *_GATEWAY_ORIGIN, _waf(negated=False)),
    ),
    r.front_door_private_link: (
        one("azurerm_cdn_frontdoor_origin", {"private_link": {"location": "koreacentral"}}),
        one("azurerm_cdn_frontdoor_origin", {}),
    ),
    r.front_door_https_origin: (
        one("azurerm_cdn_frontdoor_route", {"forwarding_protocol": "HttpsOnly"}),
        one("azurerm_cdn_frontdoor_route", {"forwarding_protocol": "MatchRequest"}),
    ),
    r.front_door_https_redirect: (
        one("azurerm_cdn_frontdoor_route", {"supported_protocols": ["Http", "Https"]}),
        one("azurerm_cdn_frontdoor_route", {"supported_protocols": ["Http", "Https"], "https_redirect_enabled": False}),
    ),
    r.front_door_managed_cert: (
        one("azurerm_cdn_frontdoor_custom_domain", {"tls": {"certificate_type": "ManagedCertificate"}}),
        one("azurerm_cdn_frontdoor_custom_domain", {"tls": {"certificate_type": "CustomerCertificate"}}),
    ),
    r.front_door_cert_latest: (
        one(
            "azurerm_cdn_frontdoor_secret",
            {
                "secret": {
                    "customer_certificate": [
                        {"key_vault_certificate_id": "${azurerm_key_vault_certificate.c.versionless_id}"}
                    ]
                }
            },
        ),
        one(
            "azurerm_cdn_frontdoor_secret",
            {
                "secret": {
                    "customer_certificate": [
                        {"key_vault_certificate_id": "https://kv.vault.azure.net/certificates/c/0a1b"}
                    ]
                }
            },
        ),
    ),
    r.front_door_host_name: (
        one(
            "azurerm_cdn_frontdoor_origin",
            {"cdn_frontdoor_origin_group_id": ORIGIN_GROUP_ID, "origin_host_header": "www.example.com"},
            *_GATEWAY_ORIGIN[:2],
            (
                "azurerm_cdn_frontdoor_custom_domain",
                "cd",
                {"cdn_frontdoor_profile_id": "${azurerm_cdn_frontdoor_profile.fd.id}", "host_name": "www.example.com"},
            ),
        ),
        one(
            "azurerm_cdn_frontdoor_origin",
            {"cdn_frontdoor_origin_group_id": ORIGIN_GROUP_ID, "origin_host_header": "origin.example.com"},
            *_GATEWAY_ORIGIN[:2],
            (
                "azurerm_cdn_frontdoor_custom_domain",
                "cd",
                {"cdn_frontdoor_profile_id": "${azurerm_cdn_frontdoor_profile.fd.id}", "host_name": "www.example.com"},
            ),
        ),
    ),
    r.front_door_single_origin_probe: (
        one(
            "azurerm_cdn_frontdoor_origin_group",
            {},
            (
                "azurerm_cdn_frontdoor_origin",
                "o",
                {"cdn_frontdoor_origin_group_id": "${azurerm_cdn_frontdoor_origin_group.x.id}"},
            ),
        ),
        one(
            "azurerm_cdn_frontdoor_origin_group",
            {"health_probe": {"path": "/"}},
            (
                "azurerm_cdn_frontdoor_origin",
                "o",
                {"cdn_frontdoor_origin_group_id": "${azurerm_cdn_frontdoor_origin_group.x.id}"},
            ),
        ),
    ),
    r.front_door_probe_head: (
        one("azurerm_cdn_frontdoor_origin_group", {"health_probe": {"request_type": "HEAD"}}),
        one("azurerm_cdn_frontdoor_origin_group", {"health_probe": {"request_type": "GET"}}),
    ),
    r.front_door_geo_filter: (
        one(
            "azurerm_cdn_frontdoor_profile",
            {},
            (
                "azurerm_cdn_frontdoor_firewall_policy",
                "p",
                {"custom_rule": [{"match_condition": [{"operator": "GeoMatch"}]}]},
            ),
        ),
        one("azurerm_cdn_frontdoor_profile", {}, ("azurerm_cdn_frontdoor_firewall_policy", "p", {"custom_rule": []})),
    ),
    r.registry_premium: (
        one("azurerm_container_registry", {"sku": "Premium"}),
        one("azurerm_container_registry", {"sku": "Standard"}),
    ),
    r.registry_zones: (
        one(
            "azurerm_container_registry",
            {
                "sku": "Premium",
                "location": "koreacentral",
                "zone_redundancy_enabled": True,
                "georeplications": [{"location": "koreasouth"}],
            },
        ),
        one(
            "azurerm_container_registry",
            {
                "sku": "Premium",
                "location": "koreasouth",
                "georeplications": [{"location": "koreacentral", "zone_redundancy_enabled": False}],
            },
        ),
    ),
    r.registry_geo_replica: (
        one("azurerm_container_registry", {"georeplications": [{"location": "koreasouth"}]}),
        one("azurerm_container_registry", {}),
    ),
    r.registry_dedicated_group: (
        one(
            "azurerm_container_registry",
            {"resource_group_name": "rg-acr"},
            (CLUSTER, "aks", {"resource_group_name": "rg-app"}),
        ),
        one(
            "azurerm_container_registry",
            {"resource_group_name": "rg-app"},
            (CLUSTER, "aks", {"resource_group_name": "rg-app"}),
        ),
    ),
    r.registry_retention: (
        one("azurerm_container_registry", {"sku": "Premium", "retention_policy_in_days": 7}),
        one("azurerm_container_registry", {"sku": "Premium"}),
    ),
    r.registry_anonymous_pull: (
        one("azurerm_container_registry", {"anonymous_pull_enabled": False}),
        one("azurerm_container_registry", {"anonymous_pull_enabled": True}),
    ),
    r.app_gateway_autoscale: (
        one("azurerm_application_gateway", {"autoscale_configuration": {"min_capacity": 2}}),
        one("azurerm_application_gateway", {"sku": {"capacity": 2}}),
    ),
    r.app_gateway_v2: (
        one("azurerm_application_gateway", {"sku": {"tier": "WAF_v2"}}),
        one("azurerm_application_gateway", {"sku": {"tier": "WAF"}}),
    ),
    r.app_gateway_probes: (
        one("azurerm_application_gateway", {"probe": [{"name": "p"}], "backend_http_settings": [{"probe_name": "p"}]}),
        one("azurerm_application_gateway", {"probe": [{"name": "p"}], "backend_http_settings": [{"name": "s"}]}),
    ),
    r.app_gateway_draining: (
        one("azurerm_application_gateway", {"backend_http_settings": [{"connection_draining": {"enabled": True}}]}),
        one("azurerm_application_gateway", {"backend_http_settings": [{"name": "s"}]}),
    ),
    r.app_gateway_subnet_size: (
        one(
            "azurerm_application_gateway",
            {"gateway_ip_configuration": {"subnet_id": "${azurerm_subnet.snet.id}"}},
            _subnet("10.0.1.0/24"),
        ),
        one(
            "azurerm_application_gateway",
            {"gateway_ip_configuration": {"subnet_id": "${azurerm_subnet.snet.id}"}},
            _subnet("10.0.1.0/26"),
        ),
    ),
    r.postgres_maintenance: (_server({"maintenance_window": {"day_of_week": 6}}), _server({})),
    r.postgres_read_replica: (
        doc(
            ("azurerm_postgresql_flexible_server", "x", {"create_mode": "Default"}),
            (
                "azurerm_postgresql_flexible_server",
                "replica",
                {"create_mode": "Replica", "source_server_id": "${azurerm_postgresql_flexible_server.x.id}"},
            ),
        ),
        _server({}),
    ),
    r.postgres_auto_grow: (_server({"auto_grow_enabled": True}), _server({})),
    r.key_vault_purge_protection: (
        one("azurerm_key_vault", {"purge_protection_enabled": True}),
        one("azurerm_key_vault", {}),
    ),
    r.private_endpoint: (
        one(
            "azurerm_redis_cache",
            {},
            (
                "azurerm_private_endpoint",
                "pe",
                {"private_service_connection": {"private_connection_resource_id": "${azurerm_redis_cache.x.id}"}},
            ),
        ),
        one("azurerm_key_vault", {}),
    ),
    r.redis_maintenance: (
        one("azurerm_redis_cache", {"patch_schedule": [{"day_of_week": "Saturday"}]}),
        one("azurerm_redis_cache", {}),
    ),
    r.servicebus_zones: (
        one("azurerm_servicebus_namespace", {"location": "koreacentral", "sku": "Premium"}),
        one("azurerm_servicebus_namespace", {"location": "koreacentral", "sku": "Standard"}),
    ),
    r.servicebus_autoscale: (
        one(
            "azurerm_servicebus_namespace",
            {"sku": "Premium"},
            ("azurerm_monitor_autoscale_setting", "a", {"target_resource_id": "${azurerm_servicebus_namespace.x.id}"}),
        ),
        one("azurerm_servicebus_namespace", {"sku": "Premium"}),
    ),
    r.servicebus_tls: (
        one("azurerm_servicebus_namespace", {"minimum_tls_version": "1.2"}),
        one("azurerm_servicebus_namespace", {"minimum_tls_version": "1.1"}),
    ),
}


@pytest.mark.parametrize("rule", list(CASES), ids=lambda rule: rule.id)
def test_aprl_rule_passes_its_compliant_case_and_flags_its_faulty_one(rule):
    ok, bad = CASES[rule]
    assert (check(rule, ok, "x"), check(rule, bad, "x")) == (OK, BAD)


def test_every_rule_carrying_an_aprl_guid_has_both_cases_here_or_in_its_pack_tests():
    # The ten original resiliency rules and the security rules are tested in their own files.
    elsewhere = {r.aks_pool_zones, r.aks_autoscaler, r.aks_system_nodes, r.aks_tier}
    elsewhere |= {r.app_gateway_zones, r.postgres_ha, r.postgres_geo_backup, r.redis_zones}
    elsewhere |= {s.frontdoor_waf, s.app_gateway_waf, s.app_gateway_http_redirect, s.diagnostics}
    elsewhere |= set(WORKLOAD_PACK.rules)
    carrying = {rule for pack in PACKS for rule in pack.rules if rule.aprl}
    assert carrying - elsewhere - set(CASES) == set()


def test_subnet_size_counts_pods_in_the_pod_subnet_when_the_pool_has_one():
    pool = {**NODES_IN_SNET, "vnet_subnet_id": "${azurerm_subnet.x.id}", "pod_subnet_id": "${azurerm_subnet.pods.id}"}
    template = doc(
        ("azurerm_subnet", "x", {"address_prefixes": ["10.1.1.0/27"]}),
        ("azurerm_subnet", "pods", {"address_prefixes": ["10.1.8.0/23"]}),
        _cluster_on(pool),
    )
    # Nodes: 21 of 27 usable in the /27; pods: 21 × 30 = 630 > 507 usable in the /23.
    assert (check(r.aks_subnet_size, template, "x"), check(r.aks_subnet_size, template, "pods")) == (OK, BAD)


def test_zone_rules_do_not_apply_in_a_region_without_zones():
    namespace = one("azurerm_servicebus_namespace", {"location": "koreasouth", "sku": "Standard"})
    registry = one("azurerm_container_registry", {"sku": "Premium", "location": "koreasouth"})
    assert (check(r.servicebus_zones, namespace, "x"), check(r.registry_zones, registry, "x")) == (NA, NA)


def test_origin_lockdown_does_not_judge_an_origin_outside_the_document():
    template = one("azurerm_cdn_frontdoor_origin", {"host_name": "api.example.com"})
    assert check(r.front_door_origin_lockdown, template, "x") is NA


def test_draining_is_left_to_the_ingress_when_agic_owns_the_backend_settings():
    body = {"lifecycle": {"ignore_changes": ["backend_http_settings"]}, "backend_http_settings": [{"name": "s"}]}
    assert check(r.app_gateway_draining, one("azurerm_application_gateway", body), "x") is NA


def test_every_recommendation_is_either_ruled_or_says_why_not():
    ruled = rules_for(PACKS)
    assert [rec.guid for rec in APRL if (rec.guid in ruled) == bool(rec.not_checkable)] == []
    assert set(ruled) - {rec.guid for rec in APRL} == set()
    assert len({rec.guid for rec in APRL}) == len(APRL)
    assert {rec.type for rec in APRL} == set(SOURCES)


def test_aprl_counts_per_type():
    ruled = rules_for(PACKS)
    counts = {
        t: (
            sum(1 for a in APRL if a.type == t and a.guid in ruled),
            sum(1 for a in APRL if a.type == t and a.guid not in ruled),
        )
        for t in SOURCES
    }
    assert counts == {
        "Microsoft.ContainerService/managedClusters": (21, 4),
        "Microsoft.Cdn/profiles": (14, 2),
        "Microsoft.ContainerRegistry/registries": (7, 3),
        "Microsoft.Network/applicationGateways": (9, 0),
        "Microsoft.DBforPostgreSQL/flexibleServers": (5, 0),
        "Microsoft.KeyVault/vaults": (3, 2),
        "Microsoft.Cache/Redis": (3, 0),
        "Microsoft.ServiceBus/namespaces": (3, 0),
    }


def test_guardrails_doc_carries_the_generated_coverage_table():
    text = (Path(__file__).parents[2] / "docs" / "guardrails.md").read_text()
    assert coverage_markdown(PACKS) in text
