"""Foreign stacks (``corpus/``): nothing crashes, nothing is dropped without a word, and the
specific shapes of issue 15 come out as exact properties."""

from __future__ import annotations

import dataclasses
from importlib import import_module
from pathlib import Path

import pytest
from tripgen_constructs.diagrams import build_model, build_view, load_stack
from tripgen_constructs.diagrams.render_mermaid import render
from tripgen_constructs.diagrams.values import Symbolic
from tripgen_constructs.diagrams.views import VIEWS

from .corpus import MODULES
from .mermaid_check import mermaid_errors

STACKS = sorted(name for module in MODULES for name in import_module(f"{__package__}.corpus.{module}").STACKS)


@pytest.fixture(scope="module")
def models(corpus_dir: Path):
    return {name: build_model(load_stack(corpus_dir / "stacks" / name / "cdk.tf.json")) for name in STACKS}


def edges(model_or_view, kind: str) -> list[tuple[str, str, str]]:
    return sorted((e.source, e.target, e.label) for e in model_or_view.edges if e.kind == kind)


def by_title(model, title: str):
    [node] = [n for n in model.nodes.values() if n.title == title]
    return node


def assert_drawn_or_folded(model) -> None:
    """Every block and module is a node, a container, folded into one, an edge, or its type is
    named in a "not drawn" warning; nothing else is warned about (no unmapped type, no dangling)."""
    stack = model.stack_model
    assert [w for w in model.warnings if not w.startswith("not drawn: ")] == []
    warned = {w.split()[2] for w in model.warnings if w.startswith("not drawn: ")}
    for address in [*stack.resources, *stack.modules]:
        how = model.disposition(address)
        if how == "not drawn":
            assert stack.resources[address].type in warned, address
        elif how.startswith("folded into "):
            owner = how.removeprefix("folded into ")
            assert owner in model.nodes or owner in model.vnets or owner in model.subnets, (address, owner)
    assert sorted(warned) == sorted(model.not_drawn)


@pytest.mark.parametrize("name", STACKS)
def test_every_block_is_a_node_a_container_folded_an_edge_or_named_in_a_warning(models, name):
    assert_drawn_or_folded(models[name])


def test_every_view_of_every_corpus_stack_parses_with_mermaids_parser(models, tmp_path):
    files = []
    for name, model in sorted(models.items()):
        for view in VIEWS:
            file = tmp_path / f"{view}-{name}.mmd"
            file.write_text(render(build_view(model, view)))
            files.append(file)
    assert mermaid_errors(files) == []  # one parser process for all of them


@pytest.mark.parametrize("name", STACKS)
def test_model_and_mermaid_of_each_corpus_stack_match_their_snapshots(models, name, snapshot):
    model = models[name]
    fields = {f.name: getattr(model, f.name) for f in dataclasses.fields(model) if f.name != "stack_model"}
    assert _plain(fields) == snapshot(name="model")
    for view in VIEWS:
        assert render(build_view(model, view)) == snapshot(name=view)


def _plain(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain({f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


# --- exact properties of the fixes ------------------------------------------------------------------
def test_variables_stay_symbolic_never_characters_nor_numbers(models):
    model = models["corpus-variables-for-each"]
    [vnet] = model.vnets.values()
    assert vnet.address_space == Symbolic("var.address_space")
    [subnet] = model.subnets.values()
    assert subnet.name == "subnet × for_each(var.subnets)"
    assert subnet.prefixes == Symbolic("each.value")
    physical = build_view(model, "physical-architecture")
    [pool] = [n for n in physical.nodes.values() if n.kind == "AKS node pool (System)"]
    assert pool.zones == () and "zones: var.aks_zones" in pool.details
    assert not [c for c in physical.root.walk() if c.kind == "zone"]
    assert edges(model, "flow") == [("ext_each_value_source", subnet.id, "TCP each.value.port")]
    assert model.externals["ext_each_value_source"].kind == "address (plan time)"
    assert by_title(model, "jump-nic ×2").kind == "NIC"


def test_a_vm_sits_in_its_nics_subnet_and_its_nic_nsg_rules_are_flows_to_it(models):
    model = models["corpus-vpn-nat-lab"]
    vm = "azurerm_linux_virtual_machine.vm"
    assert model.placement[vm] == "azurerm_subnet.vm-subnet"
    assert model.owner["azurerm_network_interface.vm-nic"] == vm
    assert model.owner["azurerm_network_security_rule.ssh-onprem"] == vm
    assert edges(model, "flow") == [
        ("ext_10_10_10_0_24", "n_vm", "TCP 22"),
        ("ext_any_source", "n_vm", "ICMP"),
    ]
    assert (model.externals["ext_10_10_10_0_24"].title, model.externals["ext_10_10_10_0_24"].kind) == (
        "10.10.10.0/24",
        "address range",
    )


def test_vpn_gateway_connects_to_the_on_premises_network_and_nat_and_routes_sit_on_their_subnet(models):
    model = models["corpus-vpn-nat-lab"]
    assert model.placement["azurerm_virtual_network_gateway.i2lab-vng"] == "azurerm_subnet.gw-subnet"
    assert edges(model, "connection") == [("n_i2lab_vng", "n_onpremise", "IPsec")]
    assert model.nodes["azurerm_local_network_gateway.onpremise"].kind == "on-premises network (local gateway)"
    assert edges(model, "egress") == [("snet_vm_subnet", "n_nat", "outbound via NAT")]
    assert model.nodes["azurerm_nat_gateway.nat"].details == ("+ 1 public IP",)
    assert model.subnets["azurerm_subnet.vm-subnet"].extra == ("route table i2lab-rt (1 route)",)


def test_data_sources_are_existing_containers_with_what_references_them_inside_and_modules_are_boxes(models):
    model = models["corpus-existing-hub-modules"]
    hub = model.vnets["data.azurerm_virtual_network.hub"]
    shared = model.subnets["data.azurerm_subnet.shared"]
    assert (hub.existing, shared.existing, shared.vnet) == (True, True, hub.address)
    assert model.placement["azurerm_windows_virtual_machine.agent"] == shared.address
    assert model.placement["azurerm_private_endpoint.vault-pe"] == shared.address
    vault = model.nodes["data.azurerm_key_vault.vault"]
    assert (vault.kind, vault.existing) == ("existing Key Vault", True)
    module = model.nodes["module.spoke_vnet"]
    assert (module.kind, module.details) == ("module", ("Azure/vnet/azurerm", "version 4.1.0"))
    network = build_view(model, "network")
    assert network.root.walk()[1].title == "VNet vnet-hub (existing)"


def test_inline_subnets_are_subnets_their_nsg_rules_are_flows_and_an_empty_vnet_is_drawn(models):
    model = models["corpus-inline-subnets"]
    assert sorted(s.name for s in model.subnets.values()) == ["snet-db", "snet-web"]
    web = model.subnets["azurerm_virtual_network.app-vnet.subnet[snet-web]"]
    assert web.nsg == "nsg-web" and web.prefixes == ("10.40.1.0/24",)
    db = model.subnets["azurerm_virtual_network.app-vnet.subnet[snet-db]"]
    assert edges(model, "flow") == [("ext_any_source", web.id, "TCP 80"), (web.id, db.id, "TCP 5432")]
    network = build_view(model, "network")
    [reserved] = [c for c in network.root.walk() if c.title == "VNet vnet-reserved"]
    assert [network.nodes[n].title for n in reserved.nodes] == ["no subnets"]


def test_load_balancer_pools_are_edges_to_their_members(models):
    model = models["corpus-load-balanced-vms"]
    assert edges(model, "backend") == [("n_lb", "n_web", "backend pool"), ("n_lb", "n_workers", "backend pool")]
    web = model.nodes["azurerm_linux_virtual_machine.web"]
    assert web.title == "web ×2" and "zone: count.index + 1" in web.details
    assert {
        model.placement[a] for a in ("azurerm_lb.lb", web.address, "azurerm_linux_virtual_machine_scale_set.workers")
    } == {"azurerm_subnet.backend-subnet"}


def test_web_and_function_apps_sit_in_their_integration_subnets(models):
    model = models["corpus-app-service"]
    assert model.placement["azurerm_linux_web_app.web"] == "azurerm_subnet.integration"
    assert model.placement["azurerm_linux_function_app.func"] == "azurerm_subnet.functions"


def test_a_private_endpoint_to_another_stack_points_at_a_stub_naming_that_stack(models):
    model = models["corpus-app-network"]
    [stub] = [n for n in model.nodes.values() if n.kind == "other stack (remote state)"]
    assert stub.title == "stack corpus-shared-services"
    assert stub.details == ("output azurerm_key_vaultvaultid", "output azurerm_storage_accountstorageid")
    assert edges(model, "private-link") == [
        ("n_pe_blob", stub.id, "private link"),
        ("n_pe_vault", stub.id, "private link"),
    ]


def test_expressroute_circuit_connects_gateway_and_on_premises(models):
    model = models["corpus-expressroute-hub"]
    assert edges(model, "connection") == [
        ("ext_on_premises", "n_circuit", "Equinix"),
        ("n_ergw_gateway", "n_circuit", "ExpressRoute"),
    ]
    assert model.subnets["azurerm_subnet.workload-subnet"].extra == ("route table rt-spoke (1 route)",)
