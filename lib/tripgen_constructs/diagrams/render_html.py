"""A single-file HTML explorer of one stack: every view, pan and zoom, search, folding, findings.

Graph rendering is Cytoscape.js (vendored from npm by ``scripts/bootstrap`` into
``tools/explorer``, inlined here with its licence); positions are the Graphviz layout of each view
(``layout``), so the explorer shows the picture the PNG shows. Icons are inlined as ``data:``
URIs: the file needs no network and no other file. Clicking a node shows its resource address,
construct path, the details the model keeps, the resource's own settings and those of the
resources folded into it (an AKS cluster's node pools); the findings of the
rule packs (``<stack>-rules.json``) can be laid over the nodes. A view of more than ``FOLD_ABOVE``
nodes opens with containers folded (``start_folded``) so that its first frame stays quick; the
page says so, and unfolding one creates what it holds.
"""

from __future__ import annotations

import base64
import json
import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import outputs
from .labels import container_lines
from .layout import Layout
from .model import Container, Model, View
from .render_graphviz import RESOURCES, icon_file

CYTOSCAPE_ENV = "TRIPGEN_CYTOSCAPE_JS"
"""Path of ``cytoscape.min.js`` when it is not in ``tools/explorer`` of this checkout."""
CYTOSCAPE_JS = Path(__file__).resolve().parents[3] / "tools" / "explorer" / "node_modules" / "cytoscape" / "dist"
MAX_ATTRIBUTES = 60
"""Settings shown per resource: enough for an AKS cluster's pools, short enough to read."""
FOLD_ABOVE = 1000
"""Nodes (resources and containers) of a view above which the explorer opens it with containers
folded (``start_folded``): the network view of a 5,000-resource stack (3,052 nodes) took 8 s to its
first frame unfolded in the test browser, the issue asks for 5 s (bench/explorer-results.md)."""


class ExplorerError(outputs.OutputError):
    """The explorer cannot be built (its vendored script is missing): the main job and the diagram
    command say it in one line, exit 2."""


def cytoscape_source() -> str:
    """The vendored Cytoscape.js (its licence header kept)."""
    path = Path(os.environ.get(CYTOSCAPE_ENV) or CYTOSCAPE_JS / "cytoscape.min.js")
    if not path.is_file():
        raise ExplorerError(
            f"{path}: Cytoscape.js is missing; run ./scripts/bootstrap (npm ci --prefix tools/explorer) "
            f"or set {CYTOSCAPE_ENV}"
        )
    return path.read_text(encoding="utf-8").replace("</script", "<\\/script")


@dataclass(frozen=True)
class Finding:
    """One rule-pack result on a resource that is not plainly compliant."""

    rule: str
    status: str
    level: str
    resource: str
    reason: str


def load_findings(report: Path) -> list[Finding]:
    """Non-compliant and suppressed results of a ``<stack>-rules.json`` (none when it is absent)."""
    if not report.is_file():
        return []
    results = json.loads(report.read_text(encoding="utf-8")).get("results", [])
    return [
        Finding(r["rule"], r["status"], r.get("level", ""), r["resource"], r.get("reason", ""))
        for r in results
        if isinstance(r, dict) and r.get("status") not in (None, "compliant")
    ]


def attributes(body: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The scalar settings of a resource body as ``(dotted.name, value)``, nested blocks flattened
    (a one-item block list read as the block), metadata and tags left out."""
    found: list[tuple[str, str]] = []

    def walk(prefix: str, value: Any) -> None:
        if len(found) >= MAX_ATTRIBUTES:
            return
        if isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict):
            value = value[0]
        if isinstance(value, dict):
            for key in sorted(value):
                if key not in ("//", "tags", "lifecycle", "depends_on", "provider", "timeouts"):
                    walk(f"{prefix}.{key}" if prefix else key, value[key])
        elif isinstance(value, list):
            if all(not isinstance(v, (dict, list)) for v in value):
                found.append((prefix, ", ".join(_text(v) for v in value)))
            else:
                for index, item in enumerate(value):
                    walk(f"{prefix}[{index}]", item)
        else:
            found.append((prefix, _text(value)))

    walk("", dict(body))
    return found


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = "null" if value is None else str(value)
    return text if len(text) <= 160 else text[:157] + "..."


def _icon_png(icon: str) -> str:
    """The icon's PNG, base64: the page turns each into a ``blob:`` URL once (Cytoscape styles
    thousands of nodes far faster from a short URL than from a data URI)."""
    return base64.b64encode((RESOURCES / icon_file(icon)).read_bytes()).decode()


def _owner_nodes(model: Model, view: View) -> dict[str, str]:
    """Resource address → id of the view node that draws it (itself, or the node it is folded into)."""
    by_address = {n.address: n.id for n in view.nodes.values() if n.address}
    found = dict(by_address)
    for address, owner in model.owner.items():
        while owner in model.owner and owner not in by_address:  # folded into something folded
            owner = model.owner[owner]
        if owner in by_address:
            found.setdefault(address, by_address[owner])
    return found


def elements(model: Model, view: View, placed: Layout, icons: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    """Cytoscape elements of ``view``, every one at its Graphviz place.

    Containers are plain boxes at their Graphviz cluster size, drawn under what they hold, and
    each node lists the containers around it (``inside``): Cytoscape's compound nodes would
    recompute their bounds from the children, which takes seconds at a thousand subnets.
    """
    nodes: list[dict[str, Any]] = []
    around: dict[str, list[str]] = {}

    def add_container(container: Container, outer: list[str]) -> None:
        box = placed.containers.get(container.id)
        if box is None:
            return
        lines = container_lines(container)
        x, y = box.center
        nodes.append(
            {
                "data": {
                    "id": container.id,
                    "label": "\n".join(lines),
                    "kind": container.kind,
                    "container": True,
                    "inside": outer,
                    "w": round(box.width, 1),
                    "h": round(box.height, 1),
                    "depth": len(outer),
                    "labelMargin": 8 + 15 * len(lines),
                },
                "position": {"x": round(x, 1), "y": round(y, 1)},
                "classes": f"container {container.kind}",
            }
        )
        for node_id in container.nodes:
            around[node_id] = [*outer, container.id]
        for child in container.children:
            add_container(child, [*outer, container.id])

    for child in view.root.children:
        add_container(child, [])
    resources = model.stack_model.resources
    for node_id in sorted(view.nodes):
        node = view.nodes[node_id]
        box = placed.nodes.get(node_id)
        if box is None:
            continue
        classes = [str(node.category)]
        if node.icon:
            classes.append(f"icon-{icons.setdefault(node.icon, len(icons))}")
        resource = resources.get(node.address) if node.address else None
        data: dict[str, Any] = {
            "id": node_id,
            "label": f"{node.title}\n{node.kind}",
            "title": node.title,
            "kind": node.kind,
            "category": str(node.category),
            "address": node.address or "",
            "path": node.path or "",
            "type": resource.type if resource else "",
            "region": node.region or "",
            "zones": list(node.zones),
            "details": [*node.details, *node.inner],
            "attributes": attributes(resource.body) if resource else [],
            "folded": [
                {"address": child, "attributes": attributes(resources[child].body)}
                for child in model.folded.get(node.address or "", [])
                if child in resources
            ],
            "inside": around.get(node_id, []),
        }
        x, y = box.center
        nodes.append({"data": data, "position": {"x": round(x, 1), "y": round(y, 1)}, "classes": " ".join(classes)})
    present = {n["data"]["id"] for n in nodes}
    edges = []
    for index, edge in enumerate(view.edges):
        if edge.source in present and edge.target in present:
            kind = str(getattr(edge.kind, "value", edge.kind))
            edges.append(
                {
                    "data": {
                        "id": f"e{index}",
                        "source": edge.source,
                        "target": edge.target,
                        "label": edge.label,
                        "kind": kind,
                    },
                    "classes": f"edge-{kind}" + (" both" if edge.both_ways else ""),
                }
            )
    return {"nodes": nodes, "edges": edges}


def start_folded(nodes: list[dict[str, Any]], limit: int = FOLD_ABOVE) -> list[str]:
    """Ids of the containers a view of these Cytoscape ``nodes`` opens folded.

    None when the view has at most ``limit`` nodes. Otherwise one level of containers: the
    deepest whose folding leaves at most ``limit`` nodes drawn, or the level under the top
    (the VNets of a region) when none does; the top level stays open so the picture keeps its
    shape. What a folded container holds is created in the page only when it is unfolded.
    """
    if len(nodes) <= limit:
        return []
    depth = {n["data"]["id"]: n["data"]["depth"] for n in nodes if n["data"].get("container")}
    held = Counter(outer for n in nodes for outer in n["data"]["inside"])
    for level in sorted({d for d in depth.values() if d > 0}, reverse=True):
        folded = sorted(c for c, d in depth.items() if d == level)
        if level == 1 or len(nodes) - sum(held[c] for c in folded) <= limit:
            return folded
    return []


def render(model: Model, views: list[tuple[View, Layout]], findings: list[Finding]) -> str:
    """The explorer's HTML for ``model``'s ``views`` (each with its layout) and rule ``findings``."""
    icons: dict[str, int] = {}
    payload_views = []
    by_node: dict[str, list[dict[str, str]]] = {}
    for view, placed in views:
        drawn = elements(model, view, placed, icons)
        payload_views.append(
            {
                "name": view.name,
                "title": view.title,
                "size": [round(placed.width, 1), round(placed.height, 1)],
                "folded": start_folded(drawn["nodes"]),
                "elements": drawn,
            }
        )
        owners = _owner_nodes(model, view)
        for finding in findings:
            node_id = owners.get(finding.resource)
            if node_id is not None:
                entry = {
                    "rule": finding.rule,
                    "status": finding.status,
                    "level": finding.level,
                    "resource": finding.resource,
                    "reason": finding.reason,
                }
                if entry not in by_node.setdefault(node_id, []):
                    by_node[node_id].append(entry)
    payload = json.dumps(
        {
            "stack": model.stack,
            "views": payload_views,
            "findings": by_node,
            "icons": [_icon_png(icon) for icon, _ in sorted(icons.items(), key=lambda kv: kv[1])],
        },
        sort_keys=True,
        separators=(",", ":"),
    ).replace("</", "<\\/")
    return (
        _TEMPLATE.replace("@@TITLE@@", _html(model.stack))
        .replace("@@CYTOSCAPE@@", cytoscape_source())
        .replace("@@DATA@@", payload)
    )


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>@@TITLE@@: architecture explorer</title>
<meta name="generator" content="python -m tripgen_constructs.diagrams --format html; do not edit">
<style>
  html, body { margin: 0; height: 100%; font: 13px/1.4 system-ui, sans-serif; color: #1b1f24; }
  body { display: flex; flex-direction: column; }
  header { display: flex; gap: 8px; align-items: center; padding: 6px 10px; border-bottom: 1px solid #d0d7de;
           background: #f6f8fa; flex-wrap: wrap; }
  header h1 { font-size: 15px; margin: 0 12px 0 0; }
  header button.view[aria-pressed="true"] { font-weight: bold; background: #dbe9f7; }
  #search { width: 220px; }
  main { flex: 1; display: flex; min-height: 0; }
  #cy { flex: 1; min-width: 0; }
  #panel { width: 340px; overflow: auto; border-left: 1px solid #d0d7de; padding: 8px 12px; background: #fff; }
  #panel h2 { font-size: 14px; margin: 4px 0; }
  #panel table { border-collapse: collapse; width: 100%; }
  #panel td { border-top: 1px solid #eaeef2; padding: 2px 4px; vertical-align: top; word-break: break-all; }
  #panel td:first-child { color: #57606a; white-space: nowrap; word-break: normal; }
  .finding-non_compliant { color: #b42318; } .finding-suppressed { color: #8a6100; }
  #status { color: #57606a; }
</style>
</head>
<body>
<header>
  <h1>@@TITLE@@</h1>
  <span id="views"></span>
  <input id="search" type="search" placeholder="Search name, type, address" aria-label="Search">
  <span id="status"></span>
  <span id="note" hidden><span></span> <button id="unfold-all" type="button">Unfold all</button></span>
  <label><input id="findings" type="checkbox"> rule findings</label>
  <button id="fit" type="button">Fit</button>
</header>
<main>
  <div id="cy" role="img" aria-label="architecture diagram"></div>
  <aside id="panel"><p>Click a resource to see its settings; double-click a region, VNet, subnet
  or zone to fold it.</p></aside>
</main>
<script>
@@CYTOSCAPE@@
</script>
<script id="data" type="application/json">@@DATA@@</script>
<script>
(function () {
  "use strict";
  const DATA = JSON.parse(document.getElementById("data").textContent);
  const STYLE = [
    {selector: "node", style: {"width": 48, "height": 48, "shape": "round-rectangle", "background-color": "#ffffff",
      "background-opacity": 0, "background-fit": "contain", "border-width": 0, "label": "data(label)",
      "text-valign": "bottom", "text-halign": "center", "text-wrap": "wrap", "text-max-width": 180,
      "font-size": 11, "text-margin-y": 4}},
    {selector: "node", style: {"z-index-compare": "manual", "z-index": 100}},
    {selector: "node.container", style: {"label": "data(label)", "text-valign": "top", "text-halign": "center",
      "width": "data(w)", "height": "data(h)", "z-index": "data(depth)", "background-opacity": 1,
      "border-width": 1, "border-color": "#555555", "font-size": 12, "font-weight": "bold",
      "text-margin-y": "data(labelMargin)", "shape": "round-rectangle"}},
    {selector: "node.region", style: {"background-color": "#ffffff"}},
    {selector: "node.vnet", style: {"background-color": "#eef5fc", "border-color": "#1f6fb2"}},
    {selector: "node.subnet", style: {"background-color": "#ffffff", "border-style": "dashed",
      "border-color": "#7fa7c9"}},
    {selector: "node.zone", style: {"background-color": "#f7f7ee", "border-style": "dashed",
      "border-color": "#8a8a5c"}},
    {selector: "node.group", style: {"background-color": "#f7f9fb", "border-color": "#b0b8c0"}},
    {selector: "node.container.folded", style: {"width": 200, "height": 60, "border-width": 2,
      "text-valign": "center", "text-margin-y": 0, "label": "data(foldedLabel)"}},
    {selector: "edge", style: {"z-index-compare": "manual", "z-index": 200}},
    {selector: "node.match, node.holds-match", style: {"border-width": 3, "border-color": "#0969da",
      "background-opacity": 0.15, "background-color": "#0969da"}},
    {selector: "node.dim", style: {"opacity": 0.25}},
    {selector: "node:selected", style: {"border-width": 3, "border-color": "#cf222e"}},
    {selector: "node.has-finding.show-findings", style: {"border-width": 4, "border-color": "#b42318",
      "background-opacity": 0.1, "background-color": "#b42318"}},
    {selector: "node.suppressed-only.show-findings", style: {"border-color": "#bf8700", "background-color": "#bf8700"}},
    {selector: "edge", style: {"width": 1.5, "curve-style": "bezier", "target-arrow-shape": "triangle",
      "line-color": "#1f6fb2", "target-arrow-color": "#1f6fb2", "label": "data(label)", "font-size": 10,
      "text-background-color": "#ffffff", "text-background-opacity": 1, "text-wrap": "wrap"}},
    {selector: "edge.both", style: {"source-arrow-shape": "triangle", "source-arrow-color": "#555555"}},
    {selector: "edge.edge-origin, edge.edge-ingress", style: {"width": 3, "line-color": "#2e7d32",
      "target-arrow-color": "#2e7d32"}},
    {selector: "edge.edge-private-link", style: {"line-style": "dashed", "line-color": "#7a3fb2",
      "target-arrow-color": "#7a3fb2"}},
    {selector: "edge.edge-peering", style: {"line-style": "dashed", "line-color": "#555555",
      "target-arrow-color": "#555555"}},
    {selector: "edge.edge-replication", style: {"line-style": "dashed", "line-color": "#b26b00",
      "target-arrow-color": "#b26b00"}},
    {selector: "edge.edge-telemetry", style: {"line-style": "dotted", "line-color": "#2a7f8f",
      "target-arrow-color": "#2a7f8f"}},
    {selector: "edge.edge-secret, edge.edge-grant", style: {"line-style": "dotted", "line-color": "#8a7a00",
      "target-arrow-color": "#8a7a00"}},
    {selector: "edge.edge-membership", style: {"line-style": "dotted", "line-color": "#b0b0b0",
      "target-arrow-shape": "none"}},
  ];
  DATA.icons.forEach((png, index) => {
    const bytes = Uint8Array.from(atob(png), c => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], {type: "image/png"}));
    STYLE.push({selector: "node.icon-" + index, style: {"background-image": url}});
  });
  const panel = document.getElementById("panel");
  const status = document.getElementById("status");
  const note = document.getElementById("note");
  const search = document.getElementById("search");
  const findingsBox = document.getElementById("findings");
  let cy = null;
  let current = 0;
  let drawn = -1;  // the view whose first frame Cytoscape has drawn: the tests' and the bench's signal
  // elements inside the containers a large view opens folded, by id, created when one is unfolded:
  // Cytoscape styles every element it holds, drawn or not, before its first frame
  let pending = new Map();
  let pendingEdges = [];
  let held = new Map();  // container id → resources inside it, created or not

  function text(value) {
    const span = document.createElement("span");
    span.textContent = value;
    return span.innerHTML;
  }
  function row(name, value) {
    return "<tr><td>" + text(name) + "</td><td>" + text(value) + "</td></tr>";
  }
  function inside(container) {
    return cy.nodes().filter(n => n.data("inside").includes(container.id()));
  }
  function foldedLabel(data) {
    return data.label.split("\\n")[0] + "\\n(" + (held.get(data.id) || 0) + " folded)";
  }
  function showNode(node) {
    const d = node.data();
    if (d.container) {
      panel.innerHTML = "<h2>" + text(d.label.split("\\n")[0]) + "</h2><p>" + text(d.kind) + " · " +
        (held.get(d.id) || 0) + " resources inside</p>" +
        "<button id='fold' type='button'>" + (node.hasClass("folded") ? "Unfold" : "Fold") + "</button>";
      document.getElementById("fold").onclick = () => { toggleFold(node); showNode(node); };
      return;
    }
    let html = "<h2>" + text(d.title) + "</h2><table>" + row("kind", d.kind) + row("type", d.type) +
      row("address", d.address) + row("construct path", d.path) + row("region", d.region) +
      row("zones", d.zones.join(", ")) + "</table>";
    if (d.details.length) {
      html += "<h3>Model</h3><table>" + d.details.map(line => row("", line)).join("") + "</table>";
    }
    if (d.attributes.length) {
      html += "<h3>Settings</h3><table>" + d.attributes.map(([k, v]) => row(k, v)).join("") + "</table>";
    }
    d.folded.forEach(child => {
      html += "<h3>" + text(child.address) + "</h3><table>" +
        child.attributes.map(([k, v]) => row(k, v)).join("") + "</table>";
    });
    const findings = DATA.findings[d.id] || [];
    if (findings.length) {
      html += "<h3>Rule findings</h3><ul>" + findings.map(f => "<li class='finding-" + text(f.status) + "'>" +
        text(f.rule) + " (" + text(f.status) + "): " + text(f.reason || f.resource) + "</li>").join("") + "</ul>";
    }
    panel.innerHTML = html;
  }
  function create(within) {
    // the pending elements inside `within` (all of them when it is null), with the edges now complete
    const nodes = [];
    pending.forEach((element, id) => {
      if (within === null || element.data.inside.includes(within)) { nodes.push(element); pending.delete(id); }
    });
    if (!nodes.length) { return false; }
    const ready = e => !pending.has(e.data.source) && !pending.has(e.data.target);
    cy.add(nodes.concat(pendingEdges.filter(ready)));
    pendingEdges = pendingEdges.filter(e => !ready(e));
    return true;
  }
  function refresh(created) {
    // new elements get the findings and search marks; the note counts what is still folded
    if (created) { applyFindings(); runSearch(search.value); }
    const count = [...pending.values()].filter(e => !e.data.container).length;
    note.hidden = count === 0;
    note.querySelector("span").textContent = count.toLocaleString("en") + " of " +
      held.get(null).toLocaleString("en") + " resources are in folded containers so that this large view " +
      "opens quickly: double-click one to unfold it.";
  }
  function toggleFold(container) {
    const inner = inside(container);
    let created = false;
    cy.batch(() => {
      if (container.hasClass("folded")) {
        container.removeClass("folded");
        inner.removeClass("folded").style("display", "element");
        created = create(container.id());
      } else {
        container.data("foldedLabel", foldedLabel(container.data()));
        inner.style("display", "none");
        container.addClass("folded");
      }
    });
    refresh(created);
  }
  function unfoldAll() {
    let created = false;
    cy.batch(() => {
      cy.nodes(".folded").removeClass("folded");
      cy.nodes().style("display", "element");
      created = create(null);
    });
    refresh(created);
  }
  function runSearch(query) {
    // ids of the resources that match, in the view's order: those in folded containers too
    const q = query.trim().toLowerCase();
    cy.batch(() => cy.nodes(".match, .dim, .holds-match").removeClass("match dim holds-match"));
    if (!q) {
      status.textContent = "";
      return [];
    }
    const found = DATA.views[current].elements.nodes.filter(n => !n.data.container && [n.data.title, n.data.kind,
      n.data.type, n.data.address, n.data.path].join(" ").toLowerCase().includes(q)).map(n => n.data.id);
    const ids = new Set(found);
    const resources = cy.nodes("[!container]");
    const hits = resources.filter(n => ids.has(n.id()));
    const waiting = found.filter(id => pending.has(id));
    cy.batch(() => {
      resources.difference(hits).addClass("dim");
      hits.addClass("match");
      waiting.forEach(id => pending.get(id).data.inside.forEach(
        c => cy.$id(c).filter(".folded").addClass("holds-match")));
    });
    status.textContent = found.length + (found.length === 1 ? " match" : " matches") +
      (waiting.length ? " (" + waiting.length + " in folded containers)" : "");
    return found;
  }
  function applyFindings() {
    const on = findingsBox.checked;
    cy.batch(() => {
      Object.entries(DATA.findings).forEach(([id, list]) => {
        const n = cy.$id(id);
        n.addClass("has-finding");
        n.toggleClass("suppressed-only", list.every(f => f.status === "suppressed"));
      });
      cy.nodes(".has-finding").toggleClass("show-findings", on);
    });
  }
  function showView(index) {
    current = index;
    if (cy) { cy.destroy(); }
    const view = DATA.views[index];
    const folded = new Set(view.folded);
    const nodes = [];
    pending = new Map();
    held = new Map([[null, 0]]);
    view.elements.nodes.forEach(n => {
      if (!n.data.container) {
        held.set(null, held.get(null) + 1);
        n.data.inside.forEach(c => held.set(c, (held.get(c) || 0) + 1));
      }
    });
    view.elements.nodes.forEach(n => {
      const element = {data: n.data, position: {x: n.position.x, y: n.position.y}, classes: n.classes};
      if (n.data.inside.some(c => folded.has(c))) {
        pending.set(n.data.id, element);
      } else {
        if (folded.has(n.data.id)) { element.classes += " folded"; n.data.foldedLabel = foldedLabel(n.data); }
        nodes.push(element);
      }
    });
    const edges = view.elements.edges.filter(e => !pending.has(e.data.source) && !pending.has(e.data.target));
    pendingEdges = view.elements.edges.filter(e => pending.has(e.data.source) || pending.has(e.data.target));
    const large = view.elements.nodes.length > 1000;  // keep panning smooth: draw a texture while moving
    // thousands of labels too small to read cost more than the rest of the picture
    const style = large ? STYLE.concat([{selector: "node", style: {"min-zoomed-font-size": 7}}]) : STYLE;
    // the first viewport is the Graphviz picture's own size: cy.fit would measure every element and
    // label before the first frame
    const box = document.getElementById("cy").getBoundingClientRect();
    const [width, height] = view.size;
    const zoom = Math.min(4, Math.max(0.02, Math.min((box.width - 60) / width, (box.height - 60) / height)));
    cy = cytoscape({container: document.getElementById("cy"), elements: {nodes, edges},
      layout: {name: "preset", fit: false}, style, zoom, pan: {x: (box.width - zoom * width) / 2,
      y: (box.height - zoom * height) / 2}, minZoom: 0.02, maxZoom: 4, boxSelectionEnabled: false,
      textureOnViewport: large, hideEdgesOnViewport: large});
    cy.one("render", () => { drawn = index; performance.mark("explorer-drawn"); });
    cy.on("tap", "node", event => showNode(event.target));
    cy.on("dbltap", "node.container", event => toggleFold(event.target));
    document.querySelectorAll("button.view").forEach((b, i) => b.setAttribute("aria-pressed", String(i === index)));
    refresh(true);
  }
  const bar = document.getElementById("views");
  DATA.views.forEach((view, index) => {
    const button = document.createElement("button");
    button.className = "view";
    button.type = "button";
    button.textContent = view.title;
    button.onclick = () => showView(index);
    bar.appendChild(button);
  });
  search.addEventListener("input", () => runSearch(search.value));
  search.addEventListener("keydown", event => {
    if (event.key !== "Enter") { return; }
    const first = runSearch(search.value)[0];
    if (first === undefined) { return; }
    if (pending.has(first)) {
      toggleFold(cy.$id(pending.get(first).data.inside.find(c => cy.$id(c).hasClass("folded"))));
    }
    const hit = cy.$id(first);
    cy.$(":selected").unselect();
    hit.select();
    cy.center(hit);
    showNode(hit);
  });
  findingsBox.addEventListener("change", applyFindings);
  document.getElementById("fit").onclick = () => cy.fit(undefined, 30);
  document.getElementById("unfold-all").onclick = unfoldAll;
  window.explorer = {cy: () => cy, showView, toggleFold, unfoldAll, runSearch, inside: id => inside(cy.$id(id)),
    current: () => current, drawn: () => drawn, pending: () => [...pending.keys()]};
  showView(0);
})();
</script>
</body>
</html>
"""

__all__ = [
    "CYTOSCAPE_ENV",
    "FOLD_ABOVE",
    "ExplorerError",
    "Finding",
    "attributes",
    "elements",
    "load_findings",
    "render",
    "start_folded",
]
