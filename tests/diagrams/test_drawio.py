"""The draw.io renderer: the XML parses, edges join cells that exist, containers hold their
children, nodes wear draw.io's Azure shapes, and the committed files are what the code draws."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tripgen_constructs.diagrams import build_model, build_view, draw_all, load_stack, render_drawio
from tripgen_constructs.diagrams.catalog import Category
from tripgen_constructs.diagrams.layout import Box, Layout, layout
from tripgen_constructs.diagrams.model import Container, Node, View

from apps import ENVIRONMENT_NAMES
from tests.runtimes import default_runtime_only

from .stacks import hub_spoke, write_outdir

DOCS = Path(__file__).resolve().parents[2] / "docs" / "diagrams"


def cells(path: Path) -> dict[str, ET.Element]:
    root = ET.parse(path).getroot()
    return {cell.get("id"): cell for cell in root.iter("mxCell")}


def geometry(cell: ET.Element) -> Box:
    g = cell.find("mxGeometry")
    assert g is not None
    return Box(float(g.get("x", 0)), float(g.get("y", 0)), float(g.get("width", 0)), float(g.get("height", 0)))


@default_runtime_only("the committed documents carry the default runtime's attribute names")
def test_committed_drawio_and_explorer_files_equal_the_generated_ones(placed):
    """Regenerate with `python -m apps` when this fails."""
    target, _ = placed
    generated = sorted(p.name for p in target.iterdir())
    assert [n for n in generated if n.endswith(".html")] == [f"explorer-{env}.html" for env in ENVIRONMENT_NAMES]
    for name in generated:
        committed = DOCS / name
        assert committed.is_file(), f"{committed} missing: run python -m apps"
        assert committed.read_text() == (target / name).read_text(), f"{name} is stale: run python -m apps"


def test_every_drawio_edge_joins_two_cells_of_the_file(placed):
    target, _ = placed
    files = sorted(target.glob("*.drawio"))
    assert [f.name for f in files] == sorted(
        f"{view}-{env}.drawio" for view in ("network", "physical-architecture") for env in ENVIRONMENT_NAMES
    )
    for path in files:
        found = cells(path)
        edges = [c for c in found.values() if c.get("edge") == "1"]
        assert edges, path.name
        dangling = [
            (e.get("source"), e.get("target")) for e in edges if {e.get("source"), e.get("target")} - found.keys()
        ]
        assert dangling == [], path.name


def test_every_drawio_container_holds_its_children_geometrically(placed):
    """Child geometry is relative to its parent: it must fit inside the parent's box."""
    target, _ = placed
    for path in sorted(target.glob("*.drawio")):
        found = cells(path)
        containers = {i for i, c in found.items() if "container=1" in (c.get("style") or "")}
        assert containers, path.name
        outside = []
        for cell_id, cell in found.items():
            parent = cell.get("parent")
            if cell.get("vertex") == "1" and parent in containers:
                box, frame = geometry(cell), geometry(found[parent])
                if not Box(0, 0, frame.width, frame.height).contains(box):
                    outside.append((cell_id, parent))
        assert outside == [], path.name


def test_prod_nodes_wear_drawio_azure_shapes_and_nest_in_their_subnet(placed):
    target, result = placed
    found = cells(target / "network-prod.drawio")
    aks = found["n_aks_cluster"]
    assert "image=img/lib/azure2/containers/Kubernetes_Services.svg;" in aks.get("style")
    assert "image=img/lib/azure2/security/Key_Vaults.svg;" in found["n_key_vault_vault"].get("style")
    assert aks.get("parent") == "snet_network_spoke_subnet_snet_aks"
    assert found["snet_network_spoke_subnet_snet_aks"].get("parent") == "vnet_network_spoke_vnet"
    assert not [w for w in result.warnings if ".drawio" in w]  # every icon of our stacks has a shape


def test_drawio_edges_keep_their_label_and_line_style(placed):
    target, _ = placed
    found = cells(target / "network-prod.drawio")
    flow = found["edge_snet_network_spoke_subnet_snet_aks_snet_network_spoke_subnet_snet_database_flow"]
    assert (flow.get("source"), flow.get("target"), flow.get("value")) == (
        "snet_network_spoke_subnet_snet_aks",
        "snet_network_spoke_subnet_snet_database",
        "TCP 5432",
    )
    assert "strokeColor=#1f6fb2;" in flow.get("style")
    assert "dashed" not in flow.get("style")
    link = found["edge_n_key_vault_private_endpoint_endpoint_n_key_vault_vault_private-link"]
    assert link.get("style") == (
        "html=1;rounded=1;edgeStyle=orthogonalEdgeStyle;strokeColor=#7a3fb2;strokeWidth=1;fontSize=10;"
        "labelBackgroundColor=#FFFFFF;dashed=1;"
    )


def _view_with_icon(icon: str) -> tuple[View, Layout]:
    nodes = {
        f"n{i}": Node(id=f"n{i}", title=f"thing {i}", kind="thing", category=Category.OTHER, icon=icon) for i in (1, 2)
    }
    root = Container("root", "", "root", nodes=["n1", "n2"])
    view = View("network-x", "Network: x", "LR", nodes, root, [])
    return view, Layout(200, 100, {"n1": Box(0, 0, 60, 60), "n2": Box(100, 0, 60, 60)}, {})


def test_an_icon_without_a_drawio_shape_is_a_labelled_box_listed_once():
    view, placed = _view_with_icon("general.Tag")
    drawn = render_drawio.render(view, placed)
    assert drawn.unmapped == ["general.Tag"]
    found = {c.get("id"): c for c in ET.fromstring(drawn.xml).iter("mxCell")}
    assert found["n1"].get("style") == render_drawio.GENERIC_STYLE
    assert found["n1"].get("value") == "<b>thing 1</b><br>thing"
    assert geometry(found["n1"]) == Box(0, 0, 60, 60)


def test_draw_all_warns_once_per_view_about_icons_without_a_shape(tmp_path: Path, monkeypatch):
    monkeypatch.delitem(render_drawio.DRAWIO_SHAPES, "compute.KubernetesServices")
    result = draw_all(write_outdir(tmp_path, {"demo": hub_spoke()}), tmp_path / "out", ("drawio",))
    assert [w for w in result.warnings if "drawio" in w] == [
        "network-demo.drawio: no draw.io shape for ['compute.KubernetesServices']: drawn as labelled boxes",
        "physical-architecture-demo.drawio: no draw.io shape for ['compute.KubernetesServices']: drawn as labelled boxes",
    ]


def test_drawio_bytes_depend_only_on_the_view_and_its_layout(tmp_path: Path):
    outdir = write_outdir(tmp_path, {"demo": hub_spoke()})
    view = build_view(build_model(load_stack(outdir / "stacks" / "demo" / "cdk.tf.json")), "network")
    first, second = (render_drawio.render(view, layout(view)).xml for _ in range(2))
    assert first == second
    assert first.startswith('<mxfile host="tripgen-constructs" type="device">\n  <diagram id="network-demo"')
