"""``docs/diagrams/README.md``: the index page that embeds every generated diagram."""

from __future__ import annotations

from pathlib import Path

from .. import outputs
from .model import View

HEADER = """# Diagrams

Generated from the synthesized stacks (`cdktf.out/stacks/*/cdk.tf.json`) by `python -m apps`
(or `python -m tripgen_constructs.diagrams cdktf.out -o docs/diagrams`). Do not edit by hand:
CI fails when these files differ from what the code generates.

Each picture exists as Mermaid (`.mmd`, rendered by GitHub), PNG and SVG (Azure icons), the
Graphviz source (`.dot`) and an editable draw.io file (`.drawio`: open it in diagrams.net or the
draw.io desktop app; regions, VNets, subnets and zones are containers, icons are draw.io's own Azure
shapes). Each environment also has a single-file explorer (`explorer-<env>.html`, works offline):
pan and zoom, click a resource for its address, construct path and settings, search, fold a
container (double-click it), and lay the rule-pack findings over the nodes.

Edges: solid = traffic allowed by NSG rules (protocol and ports),
thick = user traffic path (Front Door origin, AGIC ingress), dashed = private link, peering
or replication, dotted = telemetry.

The physical views show the services of the workload layer inside the node pool they run on
(`user-service ×3 (3–10)`: replicas, then the HPA's min–max) when the main job wrote
`cdktf.out/k8s/<stack name>/workloads.json`, or `k8s/<env>/workloads.json` recording the stack
`<workload>-<env>`.
"""


def index_text(views: list[View]) -> str:
    lines = [HEADER]
    environments = sorted({view.name.split("-")[-1] for view in views})
    lines += [
        "Explorers: " + " · ".join(f"[{env}](explorer-{env}.html)" for env in environments),
        "",
    ]
    for view in sorted(views, key=lambda v: (v.name.split("-")[-1], v.name)):
        lines += [
            f"## {view.title}",
            "",
            f"![{view.title}]({view.name}.png)",
            "",
            f"Files: [Mermaid]({view.name}.mmd) · [SVG]({view.name}.svg) · "
            f"[PNG]({view.name}.png) · [DOT]({view.name}.dot) · [draw.io]({view.name}.drawio)",
            "",
            *_parts(view),
        ]
    return "\n".join(lines)


def _parts(view: View) -> list[str]:
    """A split view's parts (``split.py``): the picture above is their index."""
    if not view.parts:
        return []
    return [
        f"Too large for one page, drawn in {len(view.parts)} parts (the picture above shows them and "
        "the edges between them; in each part an edge to another part ends at a box naming it; "
        "parts are SVG, not PNG: it scales and costs an eighth of the PNG to draw):",
        "",
        *(
            f"- {part.title}: {len(part.nodes)} box{'es' * (len(part.nodes) != 1)} · [SVG]({part.name}.svg) · "
            f"[Mermaid]({part.name}.mmd) · [DOT]({part.name}.dot) · "
            f"[draw.io]({part.name}.drawio)"
            for part in view.parts
        ),
        "",
    ]


def write_index(views: list[View], target_dir: Path) -> Path:
    return outputs.write_text(Path(target_dir) / "README.md", index_text(views))
