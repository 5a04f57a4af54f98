"""The one reader of synthesized output: what it reads, and one named line for every bad shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tripgen_constructs.reader import (
    MAX_DEPTH,
    ExprKind,
    Mode,
    ReaderError,
    expression,
    read_document,
    read_stack,
    references,
)

FILE = Path("stacks/demo/cdk.tf.json")


def _doc(**top):
    return {"//": {"metadata": {"stackName": "demo"}}, **top}


def _error(document) -> str:
    with pytest.raises(ReaderError) as caught:
        read_document(document, FILE)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_resources_data_sources_modules_outputs_and_metadata_are_read():
    stack = read_document(
        _doc(
            resource={
                "azurerm_subnet": {
                    "a": {"count": 3, "//": {"metadata": {"path": "demo/net/a"}}, "name": "a"},
                }
            },
            data={"azurerm_virtual_network": {"hub": {"name": "hub-vnet"}}},
            module={"spoke": {"source": "Azure/vnet/azurerm", "vnet_name": "${var.name}"}},
            output={"vnet_id": {"value": "${module.spoke.vnet_id}"}},
            variable={"name": {"type": "string"}},
            locals={"tags": {}},
        ),
        FILE,
    )
    assert stack.name == "demo"
    (subnet,) = stack.resources
    assert (subnet.address, subnet.path, subnet.count, subnet.mode) == ("azurerm_subnet.a", "net/a", 3, Mode.RESOURCE)
    assert [b.address for b in stack.data] == ["data.azurerm_virtual_network.hub"]
    assert [(m.address, m.source) for m in stack.modules] == [("module.spoke", "Azure/vnet/azurerm")]
    assert [(o.name, o.value) for o in stack.outputs] == [("vnet_id", "${module.spoke.vnet_id}")]
    assert (stack.variables, stack.locals) == (("name",), ("tags",))


def test_stack_name_falls_back_to_the_folder():
    assert read_document({}, FILE).name == "demo"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "at $: expected a JSON object (a Terraform JSON document), got a list"),
        (
            _doc(resource=[]),
            "at resource: expected an object of resource types, each an object of blocks by name, got a list",
        ),
        ({"//": "x"}, 'at ["//"]: expected an object (cdktf\'s "//" metadata), got a string'),
        ({"//": {"metadata": []}}, 'at ["//"].metadata: expected an object, got a list'),
        (
            _doc(resource={"azurerm_subnet": []}),
            "at resource.azurerm_subnet: expected an object of azurerm_subnet blocks",
        ),
        (_doc(resource={"azurerm_subnet": {"a": 1}}), "at resource.azurerm_subnet.a: expected an object (the resource"),
        (
            _doc(resource={"azurerm_subnet": {"a": {"//": "path"}}}),
            'at resource.azurerm_subnet.a["//"]: expected an object (cdktf\'s "//" metadata), got a string',
        ),
        (
            _doc(resource={"azurerm_subnet": {"a": {"//": {"metadata": {"path": 3}}}}}),
            'at resource.azurerm_subnet.a["//"].metadata.path: expected a string, got a number',
        ),
        (
            _doc(resource={"azurerm_subnet": {"a": {"count": -1}}}),
            "at resource.azurerm_subnet.a.count: expected a whole",
        ),
        (_doc(resource={"azurerm_subnet": {"a": {"count": True}}}), "count: expected a whole number"),
        (_doc(resource={"azurerm_subnet": {"a": {"for_each": 3}}}), "for_each: expected an object, a list or an expr"),
        (_doc(resource={"azurerm_subnet": {"a": {"count": 1, "for_each": {}}}}), "expected either count or for_each"),
        (
            _doc(resource={"azurerm_subnet": {"a": {"depends_on": "x"}}}),
            "depends_on: expected a list of address strings",
        ),
        (_doc(resource={"bad type!": {}}), 'at resource["bad type!"]: expected a resource type name'),
        (_doc(data={"azurerm_subnet": {"a": []}}), "at data.azurerm_subnet.a: expected an object (the data block"),
        (_doc(module={"m": {}}), "at module.m.source: expected a non-empty string (the module source)"),
        (_doc(output={"o": {}}), "at output.o.value: expected an output value"),
        (_doc(provider={"azurerm": [1]}), "at provider.azurerm[0]: expected an object (a provider configuration)"),
        (_doc(resources={}), "at resources: expected a Terraform top-level block"),
        (_doc(locals=3), "at locals: expected an object or a list of objects, got a number"),
    ],
)
def test_every_malformed_shape_is_one_line_naming_file_path_and_expectation(document, message):
    found = _error(document)
    assert found.startswith(f"{FILE}: at ")
    assert message in found


def test_nesting_deeper_than_the_limit_is_refused_without_recursing(tmp_path):
    deep = tmp_path / "cdk.tf.json"
    deep.write_text('{"resource": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(ReaderError, match=rf"^{deep}: at \$: expected JSON nested at most {MAX_DEPTH} levels deep$"):
        read_stack(deep)
    nested: dict = {}
    inner = nested
    for _ in range(MAX_DEPTH + 5):
        inner["x"] = {}
        inner = inner["x"]
    assert "expected JSON nested at most" in _error(_doc(resource={"t_a": {"a": nested}}))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "at $: expected a file (there is none)"),
        (b"{not json", "at $: expected JSON (Expecting property name enclosed in double quotes at line 1 column 2)"),
        (b"\xff\xfe", "at $: expected UTF-8 text (invalid start byte at byte 0)"),
    ],
)
def test_unreadable_files_are_named(tmp_path, content, message):
    file = tmp_path / "cdk.tf.json"
    if content is not None:
        file.write_bytes(content)
    with pytest.raises(ReaderError) as caught:
        read_stack(file)
    assert str(caught.value) == f"{file}: {message}"


@pytest.mark.parametrize(
    ("text", "kind", "shown", "target"),
    [
        ("Standard", ExprKind.LITERAL, "Standard", None),
        ("${azurerm_subnet.a.id}", ExprKind.REFERENCE, "azurerm_subnet.a.id", "azurerm_subnet.a"),
        ("${data.azurerm_subnet.hub.id}", ExprKind.REFERENCE, "data.azurerm_subnet.hub.id", "data.azurerm_subnet.hub"),
        ("${module.hub.vnet_id}", ExprKind.REFERENCE, "module.hub.vnet_id", "module.hub"),
        ("${var.aks_zones}", ExprKind.SYMBOLIC, "var.aks_zones", None),
        ("${each.value.priority}", ExprKind.SYMBOLIC, "each.value.priority", None),
        ("${count.index}", ExprKind.SYMBOLIC, "count.index", None),
        ("${local.tags}", ExprKind.SYMBOLIC, "local.tags", None),
        ("${toset(var.subnets)}", ExprKind.SYMBOLIC, "toset(var.subnets)", None),
        ("vm-${count.index}", ExprKind.SYMBOLIC, "vm-${count.index}", None),
    ],
)
def test_an_expression_is_a_literal_a_reference_or_symbolic(text, kind, shown, target):
    found = expression(text)
    assert (found.kind, found.text, found.target) == (kind, shown, target)


def test_references_are_found_inside_functions_and_nested_blocks_but_not_in_symbolic_roots():
    stack = read_document(
        _doc(
            resource={
                "azurerm_linux_virtual_machine": {
                    "vm": {
                        "network_interface_ids": ["${azurerm_network_interface.nic[count.index].id}"],
                        "os_disk": [{"name": '${lookup(var.names, "disk")}'}],
                        "tags": "${merge(local.tags, {name = data.azurerm_resource_group.rg.name})}",
                    }
                }
            }
        ),
        FILE,
    )
    assert [(r.target, r.at) for r in references(stack.resources[0])] == [
        ("azurerm_network_interface.nic", "network_interface_ids[0]"),
        ("data.azurerm_resource_group.rg", "tags"),
    ]


def test_our_synthesized_stacks_read_cleanly(synth_dir):
    from tripgen_constructs.reader import find_stacks

    files = find_stacks(synth_dir)
    assert [f.parent.name for f in files] == sorted(f.parent.name for f in files) and files
    for file in files:
        stack = read_stack(file)
        assert stack.name == file.parent.name
        assert all(block.path for block in stack.resources)
        assert len(stack.resources) == sum(len(v) for v in json.loads(file.read_text())["resource"].values())
