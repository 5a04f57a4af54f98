"""Parse and model layers on hand-written stacks (no jsii, no synth)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from tripgen_constructs.diagrams import build_model, build_view
from tripgen_constructs.diagrams.parse import parse_document

from .stacks import document, hub_spoke, ref, resource, write_outdir

FILE = Path("cdk.tf.json")


def model_of(doc):
    return build_model(parse_document(doc, FILE))


def edges(model_or_view, kind):
    return sorted((e.source, e.target, e.label) for e in model_or_view.edges if e.kind == kind)


def test_references_are_found_in_nested_blocks_and_lists():
    stack = parse_document(hub_spoke(), FILE)
    found = {(r.source, r.target, r.at) for r in stack.references}
    assert ("azurerm_kubernetes_cluster.aks", "azurerm_subnet.aks", "default_node_pool.vnet_subnet_id") in found
    assert (
        "azurerm_private_endpoint.kv",
        "azurerm_key_vault.kv",
        "private_service_connection[0].private_connection_resource_id",
    ) in found
    assert stack.dangling == []


def test_construct_paths_come_from_metadata_relative_to_the_stack():
    stack = parse_document(hub_spoke(), FILE)
    assert stack.resources["azurerm_kubernetes_cluster.aks"].path == "aks/cluster"
    assert stack.name == "demo"


def test_node_ids_derive_from_construct_paths():
    model = model_of(hub_spoke())
    assert model.nodes["azurerm_kubernetes_cluster.aks"].id == "n_aks_cluster"
    assert model.subnets["azurerm_subnet.aks"].id == "snet_net_spoke_snet_aks"


def test_without_metadata_ids_fall_back_to_type_and_name():
    model = model_of(hub_spoke(with_metadata=False))
    assert model.nodes["azurerm_kubernetes_cluster.aks"].id == "n_azurerm_kubernetes_cluster_aks"
    assert model.vnets["azurerm_virtual_network.hub"].id == "vnet_azurerm_virtual_network_hub"
    assert edges(model, "private-link") == [("n_azurerm_private_endpoint_kv", "n_azurerm_key_vault_kv", "private link")]


def test_nsg_allowed_flows_are_edges_labelled_with_protocol_and_ports():
    model = model_of(hub_spoke())
    assert edges(model, "flow") == [
        ("ext_Internet", "snet_net_hub_snet_gw", "TCP 443, TCP 80"),
        ("snet_net_hub_snet_gw", "snet_net_spoke_snet_aks", "TCP 80,443"),
        ("snet_net_spoke_snet_aks", "snet_net_spoke_snet_db", "TCP 5432"),
    ]


def test_a_prefix_spanning_several_subnets_is_one_address_node_not_an_edge_to_each():
    doc = hub_spoke()
    aks_rules = doc["resource"]["azurerm_network_security_group"]["aks"]["security_rule"]
    aks_rules[0]["source_address_prefix"] = "10.0.0.0/8"  # covers every subnet of both VNets
    assert [e for e in edges(model_of(doc), "flow") if e[1] == "snet_net_spoke_snet_aks" and "80" in e[2]] == [
        ("ext_10_0_0_0_8", "snet_net_spoke_snet_aks", "TCP 80,443")
    ]


def test_a_prefix_inside_one_subnet_is_an_edge_from_that_subnet():
    doc = hub_spoke()
    aks_rules = doc["resource"]["azurerm_network_security_group"]["aks"]["security_rule"]
    aks_rules[0]["source_address_prefix"] = "10.0.1.10/32"  # the gateway's private address
    assert ("snet_net_hub_snet_gw", "snet_net_spoke_snet_aks", "TCP 80,443") in edges(model_of(doc), "flow")


def test_peering_both_ways_is_one_two_headed_edge():
    model = model_of(hub_spoke())
    peerings = [e for e in model.edges if e.kind == "peering"]
    assert [(e.source, e.target, e.both_ways) for e in peerings] == [("vnet_net_hub_vnet", "vnet_net_spoke_vnet", True)]


def test_one_way_peering_says_so():
    doc = hub_spoke()
    del doc["resource"]["azurerm_virtual_network_peering"]["spoke-hub"]
    assert edges(model_of(doc), "peering") == [("vnet_net_hub_vnet", "vnet_net_spoke_vnet", "peering (one way)")]


def test_gateway_to_aks_is_an_agic_ingress_edge():
    assert edges(model_of(hub_spoke()), "ingress") == [("n_edge_gateway", "n_aks_cluster", "AGIC ingress")]


def test_plumbing_folds_into_its_owner():
    model = model_of(hub_spoke())
    assert model.owner["azurerm_kubernetes_cluster_node_pool.app"] == "azurerm_kubernetes_cluster.aks"
    assert model.owner["azurerm_private_dns_zone_virtual_network_link.kv-hub"] == ("azurerm_private_dns_zone.kv")
    assert "azurerm_kubernetes_cluster_node_pool.app" not in model.nodes
    assert model.nodes["azurerm_private_dns_zone.kv"].details == ("+ 2 VNet links",)


def test_resources_sit_in_the_subnet_they_reference():
    model = model_of(hub_spoke())
    assert model.placement == {
        "azurerm_application_gateway.gw": "azurerm_subnet.gw",
        "azurerm_kubernetes_cluster.aks": "azurerm_subnet.aks",
        "azurerm_private_endpoint.kv": "azurerm_subnet.pe",
    }


def test_region_is_followed_through_a_reference_to_the_resource_group():
    model = model_of(hub_spoke())
    assert model.vnets["azurerm_virtual_network.hub"].region == "koreacentral"


def test_unknown_type_gets_the_generic_icon_and_one_warning():
    doc = hub_spoke()
    doc["resource"]["azurerm_space_elevator"] = {
        "a": resource("lift/a", name="lift-a", location="Korea Central"),
        "b": resource("lift/b", name="lift-b"),
    }
    model = model_of(doc)
    assert model.nodes["azurerm_space_elevator.a"].icon == "general.Resource"
    assert [w for w in model.warnings if "azurerm_space_elevator" in w] == [
        "unmapped resource type azurerm_space_elevator (2x): drawn with the generic icon"
    ]
    view = build_view(model, "network")
    assert "n_lift_a" in view.root.walk()[1].nodes  # in its region, not lost
    assert "n_lift_b" in view.root.nodes  # no location: outside every region


def test_dangling_reference_is_reported_and_skipped():
    doc = hub_spoke()
    doc["resource"]["azurerm_private_endpoint"]["kv"]["private_service_connection"][0][
        "private_connection_resource_id"
    ] = ref("azurerm_key_vault.gone")
    model = model_of(doc)
    assert [w for w in model.warnings if "not in the stack" in w] == [
        "azurerm_private_endpoint.kv refers to azurerm_key_vault.gone "
        "(private_service_connection[0].private_connection_resource_id), which is not in the stack: skipped"
    ]
    assert edges(model, "private-link") == []


def test_data_sources_and_variables_are_not_dangling():
    doc = hub_spoke()
    doc["resource"]["azurerm_key_vault"]["kv"]["tenant_id"] = "${data.azurerm_client_config.current.tenant_id}"
    doc["resource"]["azurerm_key_vault"]["kv"]["name"] = "${var.vault_name}"
    doc["data"] = {"azurerm_client_config": {"current": {}}}
    assert [w for w in model_of(doc).warnings if "not in the stack" in w] == []


def test_empty_stack_gives_an_empty_view_with_a_note():
    model = model_of(document({}))
    for name in ("network", "physical-architecture"):
        view = build_view(model, name)
        assert view.nodes == {} and view.edges == []
        assert view.notes == ["Stack demo has no resources to draw in this view."]


def test_several_vnets_each_get_a_container_in_their_region():
    doc = hub_spoke()
    doc["resource"]["azurerm_virtual_network"]["dr"] = resource(
        "net/dr/vnet", name="vnet-dr", location="koreasouth", address_space=["10.3.0.0/16"]
    )
    doc["resource"]["azurerm_subnet"]["dr"] = resource(
        "net/dr/snet",
        name="snet-dr",
        address_prefixes=["10.3.1.0/24"],
        virtual_network_name=ref("azurerm_virtual_network.dr", "name"),
    )
    view = build_view(model_of(doc), "network")
    regions = {c.id: [v.id for v in c.children] for c in view.root.children}
    assert regions == {
        "region_koreacentral": ["vnet_net_hub_vnet", "vnet_net_spoke_vnet"],
        "region_koreasouth": ["vnet_net_dr_vnet"],
    }
    assert view.nodes["snet_net_dr_snet_empty"].title == "no resources"


def test_resources_outside_any_subnet_sit_in_their_region():
    view = build_view(model_of(hub_spoke()), "network")
    region = view.root.children[0]
    assert region.nodes == ["n_security_vault"]
    assert "n_private_dns_zones" in view.root.nodes


def test_two_clusters_each_get_their_pools_in_every_zone():
    doc = hub_spoke()
    second = copy.deepcopy(doc["resource"]["azurerm_kubernetes_cluster"]["aks"])
    second["//"]["metadata"]["path"] = "demo/aks2/cluster"
    second["name"] = "aks-two"
    second["default_node_pool"]["zones"] = ["1"]
    del second["ingress_application_gateway"]
    doc["resource"]["azurerm_kubernetes_cluster"]["aks2"] = second
    view = build_view(model_of(doc), "physical-architecture")
    zones = {c.title: c.nodes for c in view.root.walk() if c.kind == "zone"}
    assert zones == {
        "Availability zone 1": [
            "n_aks2_cluster_default_pool_z1",
            "n_aks_cluster_default_pool_z1",
            "n_aks_application_pool_z1",
        ],
        "Availability zone 2": ["n_aks_cluster_default_pool_z2", "n_aks_application_pool_z2"],
        "Availability zone 3": ["n_aks_cluster_default_pool_z3", "n_aks_application_pool_z3"],
    }
    pool = view.nodes["n_aks_application_pool_z2"]
    assert (pool.title, pool.kind, pool.details) == (
        "application pool",
        "AKS node pool (User)",
        ("Standard_D8s_v3", "6–20 nodes", "pool spans zones 1,2,3"),
    )


def test_postgres_ha_standby_and_replica_are_drawn_in_their_zones_and_region():
    doc = document(
        {
            "azurerm_postgresql_flexible_server": {
                "primary": resource(
                    "data/pg",
                    name="psql-demo",
                    location="koreacentral",
                    zone="1",
                    sku_name="GP_Standard_D8s_v3",
                    high_availability={"mode": "ZoneRedundant", "standby_availability_zone": "2"},
                ),
                "replica": resource(
                    "data/pg-replica",
                    name="psql-demo-dr",
                    location="koreasouth",
                    create_mode="Replica",
                    sku_name="GP_Standard_D4s_v3",
                    source_server_id=ref("azurerm_postgresql_flexible_server.primary"),
                ),
            },
        }
    )
    view = build_view(model_of(doc), "physical-architecture")
    placed = {c.title: c.nodes for c in view.root.walk() if c.nodes}
    assert placed == {
        "Availability zone 1": ["n_data_pg"],
        "Availability zone 2": ["n_data_pg_standby"],
        "Data": ["n_data_pg_replica"],
    }
    assert edges(view, "replication") == [
        ("n_data_pg", "n_data_pg_replica", "read replica"),
        ("n_data_pg", "n_data_pg_standby", "synchronous (HA)"),
    ]


def test_network_view_writes_through_the_cli_with_a_named_error(tmp_path, capsys):
    from tripgen_constructs.diagrams.__main__ import main

    outdir = write_outdir(tmp_path, {"demo": hub_spoke()})
    (outdir / "stacks" / "broken").mkdir()
    (outdir / "stacks" / "broken" / "cdk.tf.json").write_text("nope")
    assert main([str(outdir), "-o", str(tmp_path / "d"), "--format", "mmd"]) == 2
    assert "broken/cdk.tf.json: at $: expected JSON (Expecting value at line 1 column 1)" in capsys.readouterr().err
    assert main([str(tmp_path / "missing"), "-o", str(tmp_path / "d")]) == 2
    assert "missing: at $: expected a cdktf.out directory" in capsys.readouterr().err


def test_the_diagram_package_imports_no_constructs_cdktf_or_jsii():
    """It reads JSON only, through the reader, and the region table; nothing of the constructs or CDK
    (besides the standard-library output writer, ``tripgen_constructs.outputs``)."""
    import re

    import tripgen_constructs.diagrams as package

    for module in sorted(Path(package.__file__).parent.glob("*.py")):
        source = module.read_text()
        assert not re.search(
            r"^\s*from \.\.(?!reader import|config\.regions import| import outputs$)|^\s*(import|from) (cdktf|jsii|constructs)\b|"
            r"tripgen_constructs\.(?!diagrams|reader\b)",
            source,
            re.M,
        ), module.name


def test_a_cluster_sits_in_its_node_subnet_and_its_pod_subnet_says_it_holds_pod_addresses():
    doc = hub_spoke()
    spoke = "azurerm_virtual_network.spoke"
    doc["resource"]["azurerm_subnet"]["pods"] = resource(
        "net/spoke/snet-pods",
        name="snet-pods",
        address_prefixes=["10.1.8.0/21"],
        virtual_network_name=ref(spoke, "name"),
    )
    pool = doc["resource"]["azurerm_kubernetes_cluster"]["aks"]["default_node_pool"]
    pool["pod_subnet_id"] = ref("azurerm_subnet.pods")  # sorts before vnet_subnet_id
    model = model_of(doc)
    assert model.placement["azurerm_kubernetes_cluster.aks"] == "azurerm_subnet.aks"
    view = build_view(model, "network")
    placeholder = view.nodes["snet_net_spoke_snet_pods_empty"]
    assert (placeholder.title, placeholder.kind) == ("pod addresses", "of aks-demo")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"resource": []}', "at resource: expected an object of resource types"),
        ('{"//": "x", "resource": {}}', 'at ["//"]: expected an object (cdktf\'s "//" metadata), got a string'),
        ("[" * 100_000 + "]" * 100_000, "at $: expected JSON nested at most 64 levels deep"),
    ],
)
def test_malformed_input_exits_2_with_one_line_and_no_traceback(tmp_path, capsys, body, message):
    from tripgen_constructs.diagrams.__main__ import main

    outdir = write_outdir(tmp_path, {"demo": hub_spoke()})
    (outdir / "stacks" / "demo" / "cdk.tf.json").write_text(body)
    assert main([str(outdir), "-o", str(tmp_path / "d"), "--format", "mmd"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"error: {outdir / 'stacks' / 'demo' / 'cdk.tf.json'}: {message}")


def _tagged_stack(name: str, tags: dict[str, str]):
    from tripgen_constructs.diagrams.parse import parse_document

    document = {
        "//": {"metadata": {"stackName": name}},
        "resource": {"azurerm_resource_group": {"rg": {"name": "rg", "location": "westeurope", "tags": tags}}},
    }
    return parse_document(document, Path(name) / "cdk.tf.json")


def test_a_stack_built_as_workload_env_is_named_by_its_environment_whatever_the_workload():
    assert _tagged_stack("tripgen-prod", {"workload": "tripgen", "environment": "prod"}).environment == "prod"
    assert _tagged_stack("shop-qa", {"workload": "shop", "environment": "qa", "team": "x"}).environment == "qa"


def test_any_other_stack_keeps_its_whole_name():
    assert _tagged_stack("contoso-prod", {"owner": "platform"}).environment == "contoso-prod"
    assert _tagged_stack("shop-qa", {"workload": "shop", "environment": "prod"}).environment == "shop-qa"
    assert _tagged_stack("platform", {"workload": "platform"}).environment == "platform"
