"""Nothing floats without a reason written on it: every node at the top level of a view, in no
container and on no edge, says on its label why (computed from the stack, not one blanket line)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tripgen_constructs.diagrams import build_model, build_view, load_stack
from tripgen_constructs.diagrams.parse import parse_document
from tripgen_constructs.diagrams.views import FLOATING_REASONS, VIEWS, floating

from .stacks import document, resource


def _reasons(outdir: Path) -> dict[str, str]:
    """``<stack> <view> <node id>`` → the last label line of every floating node in ``outdir``."""
    found = {}
    for file in sorted(outdir.glob("stacks/*/cdk.tf.json")):
        model = build_model(load_stack(file))
        for name in VIEWS:
            view = build_view(model, name)
            for node_id in floating(view):
                found[f"{model.stack} {name} {node_id}"] = view.nodes[node_id].details[-1]
    return found


def test_every_floating_node_of_our_environments_says_why(synth_dir):
    assert _reasons(synth_dir) == {
        f"tripgen-{env} {view} {node}": reason
        for env in ("dev", "prod", "staging")
        for view, node, reason in (
            ("network", "n_private_dns_zones", "global: DNS zones have no region"),
            ("physical-architecture", "n_alerts_action_group", "global: no location, none inherited"),
        )
    }


def test_every_floating_node_of_the_corpus_says_why(corpus_dir):
    reasons = _reasons(corpus_dir)
    assert {k: r for k, r in reasons.items() if not r.startswith(FLOATING_REASONS)} == {}
    assert reasons == {
        "corpus-app-network physical-architecture "
        "stack_data_terraform_remote_state_cross_stack_reference_input_corpus_shared_services": (
            "existing: another stack, no region"
        ),
        "corpus-existing-hub-modules physical-architecture mod_spoke_vnet": "module: resources not in this JSON",
        "corpus-existing-hub-modules physical-architecture n_vault": "existing: data source, no location",
        "corpus-expressroute-hub network n_private_dns_zones": "global: DNS zones have no region",
        "corpus-regional-landing-zones network n_private_dns_zones": "global: DNS zones have no region",
    }


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("${var.location}", "region not known: location is var.location"),
        ("global", "global: location is global"),
        (None, "global: no location, none inherited"),
    ],
)
def test_a_loose_resource_says_what_its_location_is(location, reason):
    body = {"name": "kv-loose", "sku_name": "standard"} | ({"location": location} if location else {})
    model = build_model(parse_document(document({"azurerm_key_vault": {"kv": resource("kv", **body)}}), Path("x")))
    view = build_view(model, "physical-architecture")
    assert floating(view) == ["n_kv"]
    assert view.nodes["n_kv"].details == ("standard", reason)


def test_a_node_on_an_edge_or_in_a_box_gets_no_reason():
    doc = document({"azurerm_key_vault": {"kv": resource("kv", name="kv-boxed", location="westeurope")}})
    view = build_view(build_model(parse_document(doc, Path("x"))), "physical-architecture")
    assert floating(view) == []
    assert not any(d.startswith(FLOATING_REASONS) for node in view.nodes.values() for d in node.details)
