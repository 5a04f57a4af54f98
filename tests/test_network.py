"""Hub-and-spoke network: exact N-1 … N-7 values in the synthesized stacks, and every refusal."""

from __future__ import annotations

from ipaddress import IPv4Network

import pytest
from tripgen_constructs.config.errors import ConfigError
from tripgen_constructs.network import (
    PRIVATE_DNS_ZONES,
    NetworkProps,
    NsgRule,
    SubnetProps,
    VirtualNetworkProps,
)

from tests import plan


def _rules(nsg: dict) -> dict[str, dict]:
    return {rule["name"]: rule for rule in nsg["security_rule"]}


# --- synthesized prod -----------------------------------------------------------------------------


def test_hub_vnet_is_10_0_0_0_16_with_gateway_subnet_10_0_1_0_24(prod):
    hub = prod.by_path("azurerm_virtual_network", "network/hub/vnet")
    assert hub["address_space"] == ["10.0.0.0/16"]
    assert hub["name"] == "vnet-tripgen-hub-prod"
    gateway = prod.by_path("azurerm_subnet", "network/hub/subnet-snet-appgw")
    assert gateway["address_prefixes"] == ["10.0.1.0/24"]


def test_spoke_vnet_is_10_1_0_0_16_in_korea_central(prod):
    spoke = prod.by_path("azurerm_virtual_network", "network/spoke/vnet")
    assert spoke["address_space"] == ["10.1.0.0/16"]
    assert spoke["location"] == "koreacentral"


def test_spoke_subnets_carry_n2_prefixes_delegation_endpoints_and_policies(prod):
    subnet = lambda name: prod.by_path("azurerm_subnet", f"network/spoke/subnet-{name}")  # noqa: E731
    aks = subnet("snet-aks")
    assert aks["address_prefixes"] == ["10.1.1.0/24"]
    assert aks["service_endpoints"] == ["Microsoft.ContainerRegistry"]
    database = subnet("snet-database")
    assert database["address_prefixes"] == ["10.1.2.0/24"]
    assert database["delegation"][0]["service_delegation"]["name"] == "Microsoft.DBforPostgreSQL/flexibleServers"
    assert subnet("snet-cache")["address_prefixes"] == ["10.1.3.0/24"]
    endpoints = subnet("snet-private-endpoints")
    assert endpoints["address_prefixes"] == ["10.1.4.0/24"]
    assert endpoints["private_endpoint_network_policies"] == "Disabled"


def test_hub_and_spoke_are_peered_both_ways_and_spoke_with_dr_spoke(prod):
    peerings = prod.of_type("azurerm_virtual_network_peering")
    assert sorted(peerings) == [
        "network/peering-dr-spoke-to-spoke",
        "network/peering-hub-to-spoke",
        "network/peering-spoke-to-dr-spoke",
        "network/peering-spoke-to-hub",
    ]
    hub_to_spoke = peerings["network/peering-hub-to-spoke"]
    assert hub_to_spoke["virtual_network_name"].startswith("${azurerm_virtual_network.network_hub_vnet_")
    assert "azurerm_virtual_network.network_spoke_vnet" in hub_to_spoke["remote_virtual_network_id"]


def test_gateway_nsg_allows_gateway_manager_65200_65535_inbound(prod):
    rules = _rules(prod.by_path("azurerm_network_security_group", "network/hub/nsg-snet-appgw"))
    manager = rules["allow-gateway-manager"]
    assert (manager["direction"], manager["access"], manager["protocol"]) == ("Inbound", "Allow", "Tcp")
    assert manager["source_address_prefix"] == "GatewayManager"
    assert manager["destination_port_range"] == "65200-65535"


def test_gateway_nsg_allows_443_and_80_inbound(prod):
    rules = _rules(prod.by_path("azurerm_network_security_group", "network/hub/nsg-snet-appgw"))
    ports = {r["destination_port_range"] for r in rules.values() if r["direction"] == "Inbound"}
    assert {"443", "80"} <= ports


def test_aks_nsg_has_exactly_the_n5_flows(prod):
    rules = _rules(prod.by_path("azurerm_network_security_group", "network/spoke/nsg-snet-aks"))
    flows = {
        name: (
            r["direction"],
            r["protocol"],
            r["source_address_prefix"],
            r["destination_address_prefix"],
            r["destination_port_range"] or tuple(r["destination_port_ranges"]),
        )
        for name, r in rules.items()
    }
    assert flows == {
        "allow-gateway-http": ("Inbound", "Tcp", "10.0.1.0/24", "*", ("80", "443")),
        "allow-postgresql-outbound": ("Outbound", "Tcp", "*", "10.1.2.0/24", "5432"),
        "allow-redis-outbound": ("Outbound", "Tcp", "*", "10.1.3.0/24", ("6380", "13000-13999")),
        "allow-servicebus-outbound": ("Outbound", "Tcp", "*", "ServiceBus", "5671-5672"),
    }


def test_every_subnet_has_an_nsg_association(stacks):
    for stack in stacks.values():
        subnets = {p.replace("/subnet-", "/") for p in stack.of_type("azurerm_subnet")}
        associated = {
            p.replace("/nsg-association-", "/")
            for p in stack.of_type("azurerm_subnet_network_security_group_association")
        }
        assert subnets == associated


def test_private_dns_zones_of_n7_exist_and_link_to_every_vnet(prod):
    zones = {z["name"] for z in prod.of_type("azurerm_private_dns_zone").values()}
    assert zones == set(PRIVATE_DNS_ZONES)
    assert {
        "privatelink.postgres.database.azure.com",
        "privatelink.redis.cache.windows.net",
        "privatelink.servicebus.windows.net",
        "privatelink.vaultcore.azure.net",
        "privatelink.blob.core.windows.net",
    } <= zones
    links = prod.of_type("azurerm_private_dns_zone_virtual_network_link")
    assert len(links) == len(zones) * 3  # hub, spoke, DR spoke
    assert all(link["registration_enabled"] is False for link in links.values())


def test_dr_spoke_lives_in_korea_south_in_the_dr_resource_group(prod):
    dr = prod.by_path("azurerm_virtual_network", "network/dr-spoke/vnet")
    assert dr["location"] == "koreasouth"
    assert dr["resource_group_name"].startswith("${azurerm_resource_group.dr-resource-group")


def test_dev_has_the_same_topology_without_the_dr_spoke(dev):
    assert dev.by_path("azurerm_virtual_network", "network/spoke/vnet")["address_space"] == ["10.1.0.0/16"]
    assert "network/dr-spoke/vnet" not in dev.of_type("azurerm_virtual_network")
    assert dev.count("azurerm_virtual_network_peering") == 2


# --- refusals ---------------------------------------------------------------------------------------


def test_subnet_outside_its_vnet_is_refused():
    with pytest.raises(ConfigError, match=r"'subnets.snet-x.cidr' must be inside the VNet address space"):
        VirtualNetworkProps(
            address_space=(IPv4Network("10.1.0.0/16"),), subnets=(SubnetProps(name="snet-x", cidr="10.9.0.0/24"),)
        )


def test_overlapping_subnets_are_refused():
    with pytest.raises(ConfigError, match=r"'subnets' must be non-overlapping subnets"):
        VirtualNetworkProps(
            address_space=(IPv4Network("10.1.0.0/16"),),
            subnets=(SubnetProps(name="a", cidr="10.1.0.0/24"), SubnetProps(name="b", cidr="10.1.0.128/25")),
        )


def test_duplicate_subnet_names_are_refused():
    with pytest.raises(ConfigError, match=r"'subnets' must be unique subnet names, got \['a'\]"):
        VirtualNetworkProps(
            address_space=(IPv4Network("10.1.0.0/16"),),
            subnets=(SubnetProps(name="a", cidr="10.1.0.0/24"), SubnetProps(name="a", cidr="10.1.1.0/24")),
        )


def test_overlapping_peered_vnets_are_refused():
    clash = plan.SPOKE.model_copy(update={"address_space": (IPv4Network("172.16.0.0/12"),)})  # holds the hub
    with pytest.raises(ConfigError, match=r"'address_space' must be non-overlapping between peered VNets"):
        NetworkProps(hub=plan.HUB, spoke=VirtualNetworkProps.model_validate(clash.model_dump()))


def test_database_subnet_without_postgres_delegation_is_refused():
    subnets = tuple(
        s.model_copy(update={"delegation": None}) if s.name == "snet-database" else s for s in plan.SPOKE.subnets
    )
    spoke = VirtualNetworkProps(address_space=plan.SPOKE.address_space, subnets=subnets)
    with pytest.raises(ConfigError, match=r"'spoke.subnets.snet-database.delegation' must be"):
        NetworkProps(hub=plan.HUB, spoke=spoke)


def test_spoke_without_a_required_subnet_is_refused():
    spoke = VirtualNetworkProps(address_space=plan.SPOKE.address_space, subnets=plan.SPOKE.subnets[:3])
    with pytest.raises(
        ConfigError,
        match=r"'spoke.subnets' must be subnets with the roles \['cache', 'private-endpoints'\]",
    ):
        NetworkProps(hub=plan.HUB, spoke=spoke)


@pytest.mark.parametrize("priority", [99, 4097, 0])
def test_nsg_priority_outside_100_4096_is_refused(priority):
    with pytest.raises(ConfigError, match=rf"'priority' must be an integer within 100-4096, got {priority}"):
        NsgRule(name="r", priority=priority, direction="Inbound", destination_ports=("443",))


@pytest.mark.parametrize("port", ["65536", "443-80", "http", "1-2-3", "", "-1"])
def test_malformed_port_ranges_are_refused(port):
    with pytest.raises(ConfigError, match=r"'destination_ports' must be '\*', a port 0-65535 or a range"):
        NsgRule(name="r", priority=100, direction="Inbound", destination_ports=(port,))


@pytest.mark.parametrize("port", ["*", "443", "65200-65535", "0"])
def test_well_formed_port_ranges_are_accepted(port):
    assert NsgRule(name="r", priority=100, direction="Inbound", destination_ports=(port,)).destination_ports == (port,)


def test_duplicate_nsg_rule_names_are_refused():
    rule = NsgRule(name="same", priority=100, direction="Inbound", destination_ports=("443",))
    other = rule.model_copy(update={"priority": 200})
    with pytest.raises(ConfigError, match=r"'nsg_rules of s' must be unique rule names, got \['same'\]"):
        SubnetProps(name="s", cidr="10.1.0.0/24", nsg_rules=(rule, other))


def test_duplicate_nsg_priorities_in_one_direction_are_refused():
    a = NsgRule(name="a", priority=100, direction="Inbound", destination_ports=("443",))
    b = NsgRule(name="b", priority=100, direction="Inbound", destination_ports=("80",))
    with pytest.raises(ConfigError, match=r"must be unique priorities per direction, got \['Inbound 100'\]"):
        SubnetProps(name="s", cidr="10.1.0.0/24", nsg_rules=(a, b))


def test_same_priority_in_opposite_directions_is_accepted():
    a = NsgRule(name="a", priority=100, direction="Inbound", destination_ports=("443",))
    b = NsgRule(name="b", priority=100, direction="Outbound", destination_ports=("443",))
    assert len(SubnetProps(name="s", cidr="10.1.0.0/24", nsg_rules=(a, b)).nsg_rules) == 2


def test_nsg_rules_on_a_subnet_azure_forbids_an_nsg_on_are_refused():
    rule = NsgRule(name="a", priority=100, direction="Inbound", destination_ports=("443",))
    with pytest.raises(ConfigError, match=r"Azure refuses an NSG here"):
        SubnetProps(name="GatewaySubnet", cidr="10.0.2.0/24", nsg_rules=(rule,))


def test_malformed_address_prefix_is_refused():
    with pytest.raises(
        ConfigError,
        match=r"'source' must be '\*', a service tag, an IPv4 CIDR or 'subnet:<vnet>.<role>', got '10.0.0.300/24'",
    ):
        NsgRule(name="a", priority=100, direction="Inbound", source="10.0.0.300/24", destination_ports=("443",))


def test_database_subnet_admits_postgresql_only_from_aks_itself_and_the_dr_replica(prod):
    rules = _rules(prod.by_path("azurerm_network_security_group", "network/spoke/nsg-snet-database"))
    allowed = {
        (r["source_address_prefix"], r["destination_port_range"]) for r in rules.values() if r["access"] == "Allow"
    }
    assert allowed == {
        ("10.1.1.0/24", "5432"),
        ("10.1.8.0/21", "5432"),
        ("10.1.2.0/24", "5432"),
        ("10.3.2.0/24", "5432"),
    }
    deny = rules["deny-vnet-inbound"]
    assert (deny["access"], deny["priority"], deny["source_address_prefix"], deny["destination_port_range"]) == (
        "Deny",
        4000,
        "VirtualNetwork",
        "*",
    )


def test_pod_subnet_is_a_slash_21_with_the_aks_outbound_rules(prod):
    assert prod.by_path("azurerm_subnet", "network/spoke/subnet-snet-aks-pods")["address_prefixes"] == ["10.1.8.0/21"]
    rules = _rules(prod.by_path("azurerm_network_security_group", "network/spoke/nsg-snet-aks-pods"))
    assert sorted(rules) == [
        "allow-gateway-http",
        "allow-postgresql-outbound",
        "allow-redis-outbound",
        "allow-servicebus-outbound",
    ]
    # the Istio ingress gateway's HTTP port and the status port AGIC probes (15021)
    assert rules["allow-gateway-http"]["destination_port_ranges"] == ["80", "443", "8080", "15021"]
