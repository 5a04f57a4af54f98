"""A view too large for one page, split into parts (per region, then per VNet or zone) and an index.

``split`` leaves a view of at most ``SPLIT_OVER`` boxes as it is. A larger one becomes an index
view under the view's own name, whose ``parts`` are complete views of their own:

- one part per region (``<view>-<region>``), and one for what sits in no region (``-global``);
- a region (or the no-region rest) still over the limit is split along its boxes, recursively
  (VNets, then subnets, in the network view; zones and service groups in the physical one),
  and consecutive pieces are packed into parts of at most ``SPLIT_OVER`` boxes, named after
  the first and last piece (``<view>-<region>-<first box id>`` or ``...-to-<last box id>``);
- every node of the view is in exactly one part, with the boxes around it; an edge whose ends
  share a part is drawn there, one that crosses parts is drawn in each of its two home parts to
  a stub box naming the other part (``part_<key>``), and the index counts it;
- endpoints outside the stack (Internet, service tags: ``ext_`` ids) are not resources: each
  part that has an edge to one draws it.

The index holds a box per part (grouped by region) with its size and file name, linked to the
part's SVG, and one edge per pair of parts that edges cross between, labelled with their count.
Names derive from region names and container ids only, so the same stack gives the same files.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .catalog import Category, EdgeKind
from .model import Container, Edge, Node, View

SPLIT_OVER = 120
"""Boxes (nodes) above which a view is split. The same as ``render_graphviz.WRAP_BOXES_UP_TO``: a
part of at most this many boxes gets Graphviz's full near-square grid (boxes of boxes wrapped
too), where a larger view keeps rows only inside its innermost boxes; and it stays far from
``render_graphviz.LARGE_VIEW`` (400), where Graphviz gives up the flow layout for osage. Our own
environments' views have at most 29 boxes."""

KIND_NAMES = {"vnet": "VNets", "subnet": "subnets", "zone": "zones", "group": "service groups", "region": "regions"}
"""How a part's title names the inner boxes its nodes are outside of."""

EXTERNAL_PREFIX = "ext_"
"""Ids of endpoints outside the stack (``model.external_id``), drawn in every part that needs them."""


@dataclass
class _Piece:
    """A unit of a part: a whole box (``box``) under its ``chain`` of ancestors, or some of the
    direct nodes (``nodes``) of the last box of the chain."""

    chain: tuple[Container, ...]
    box: Container | None
    nodes: list[str] = field(default_factory=list)
    size: int = 0
    key: str = ""
    title: str = ""
    beside: list[tuple[tuple[Container, ...], str]] = field(default_factory=list)
    """Direct nodes of a box split around this piece that travel with it, each under its chain."""


@dataclass
class Part:
    """One part of a split view while it is assembled."""

    key: str
    title: str
    """What it holds within its region (``Korea Central (koreacentral)``, ``VNet a … VNet f``)."""
    group: Container
    pieces: list[_Piece] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(p.size for p in self.pieces)


def split(view: View, limit: int = SPLIT_OVER) -> View:
    """``view`` itself when it has at most ``limit`` boxes; else its index, with the parts."""
    if len(view.nodes) <= limit:
        return view
    parts = {part.key: part for part in _parts(view, limit)}
    built = {key: _assemble(view, part) for key, part in parts.items()}
    holders: dict[str, list[str]] = {}  # node or container id → keys of the parts that draw it
    for key, part_view in built.items():
        for item in (*part_view.nodes, *(c.id for c in part_view.root.walk()[1:])):
            holders.setdefault(item, []).append(key)
    crossing: dict[tuple[str, str], Counter[str]] = {}  # (source part, target part) → edge kinds
    for edge in view.edges:
        ends = [end for end in (edge.source, edge.target) if not end.startswith(EXTERNAL_PREFIX)]
        if len(ends) < 2:  # an edge to the Internet or a service tag: drawn where its stack end is
            for key in holders[ends[0]] if ends else [next(iter(built))]:
                for end in (edge.source, edge.target):
                    _add_external(view, built[key], end)
                built[key].edges.append(edge)
            continue
        both = [key for key in holders[edge.source] if key in holders[edge.target]]
        for key in both:
            built[key].edges.append(edge)
        if both:
            continue
        source_part, target_part = holders[edge.source][0], holders[edge.target][0]
        crossing.setdefault((source_part, target_part), Counter())[edge.kind] += 1
        built[source_part].edges.append(_redirect(edge, target=_stub(view, parts, built, source_part, target_part)))
        built[target_part].edges.append(_redirect(edge, source=_stub(view, parts, built, target_part, source_part)))
    for part_view in built.values():
        part_view.edges = list(dict.fromkeys(part_view.edges))  # edges of many boxes to one stub: each once
    return _index(view, limit, parts, built, crossing)


def part_name(view: View, key: str) -> str:
    """The file name of part ``key`` of ``view``."""
    return f"{view.name}-{key}"


def _slug(text: str) -> str:
    return text.lower().replace("_", "-")


def _parts(view: View, limit: int) -> list[Part]:
    """The parts: one per region box at the top level, one for the rest, each split further
    when over ``limit``."""
    neighbours: dict[str, list[str]] = {}
    for edge in view.edges:
        neighbours.setdefault(edge.source, []).append(edge.target)
        neighbours.setdefault(edge.target, []).append(edge.source)
    regions = [c for c in view.root.children if c.kind == "region"]
    rest = Container(
        view.root.id,
        "No region",
        "root",
        nodes=[n for n in view.root.nodes if not n.startswith(EXTERNAL_PREFIX)],
        children=[c for c in view.root.children if c.kind != "region"],
    )
    groups = [(r.id.removeprefix("region_").lower(), r) for r in regions]
    if rest.nodes or rest.children:
        groups.append(("global", rest))
    parts: list[Part] = []
    for key, group in groups:
        pieces = _pieces(group, (), limit, neighbours)
        if len(pieces) == 1:
            parts.append(Part(key, group.title, group, pieces))
            continue
        packed: list[list[_Piece]] = [[]]
        for piece in pieces:
            if packed[-1] and sum(p.size for p in packed[-1]) + piece.size > limit:
                packed.append([])
            packed[-1].append(piece)
        for chunk in packed:
            first, last = chunk[0], chunk[-1]
            name = first.key if first is last else f"{first.key}-to-{last.key}"
            title = first.title if first is last else f"{first.title} … {last.title}"
            parts.append(Part(f"{key}-{name}", title, group, chunk))
    return parts


def _pieces(box: Container, chain: tuple[Container, ...], limit: int, neighbours: dict[str, list[str]]) -> list[_Piece]:
    """``box`` whole if it fits in ``limit``; else the pieces of each box inside it, in drawing
    order, and its direct nodes: each one with an edge into an inner box travels with that box's
    first piece (a vault beside its private endpoint's VNet) while that piece has room, the rest
    in slices of ``limit``. ``chain`` is empty for the region (or the no-region rest) itself,
    whose name the part's key and title already carry."""
    size = len(box.all_nodes())
    if size <= limit:
        return [_Piece(chain, box, size=size, key=_slug(box.id), title=box.title)]
    inside = (*chain, box)
    child_of = {item: index for index, child in enumerate(box.children) for item in _items(child)}
    pieces = [_pieces(child, inside, limit, neighbours) for child in box.children]
    loose = []
    for node in box.nodes:
        into = next((child_of[n] for n in neighbours.get(node, ()) if n in child_of), None)
        first = pieces[into][0] if into is not None else None
        if first is not None and first.size < limit:
            first.beside.append((inside, node))
            first.size += 1
        else:
            loose.append(node)
    slices = [loose[start : start + limit] for start in range(0, len(loose), limit)]
    prefix = f"{_slug(box.id)}-" if chain else ""
    outside = " and ".join(sorted({KIND_NAMES.get(c.kind, "boxes") for c in box.children}))
    where = f"{box.title}: " if chain else ""
    return [
        *(
            _Piece(
                inside,
                None,
                nodes,
                len(nodes),
                f"{prefix}nodes" + (f"-{number}" if len(slices) > 1 else ""),
                f"{where}outside {outside}" + (f" ({number} of {len(slices)})" if len(slices) > 1 else ""),
            )
            for number, nodes in enumerate(slices, 1)
        ),
        *(piece for child in pieces for piece in child),
    ]


def _items(box: Container) -> list[str]:
    """The ids of ``box``, every box inside it and every node in them."""
    return [item for inner in box.walk() for item in (inner.id, *inner.nodes)]


def _assemble(view: View, part: Part) -> View:
    """The part as a complete view: its pieces under copies of the boxes around them."""
    root = Container("root", "", "root")
    copies: dict[str, Container] = {}

    def parent_of(chain: tuple[Container, ...]) -> Container:
        parent = root
        for box in chain:
            if box.kind == "root":
                continue
            if box.id not in copies:
                copies[box.id] = Container(box.id, box.title, box.kind, box.details)
                parent.children.append(copies[box.id])
            parent = copies[box.id]
        return parent

    for piece in part.pieces:
        for chain, travelling in piece.beside:
            parent_of(chain).nodes.append(travelling)
        if piece.box is None:
            parent_of(piece.chain).nodes.extend(piece.nodes)
        elif piece.box.kind == "root":
            root.nodes.extend(piece.box.nodes)
            root.children.extend(piece.box.children)
        else:
            parent_of(piece.chain).children.append(piece.box)
    nodes = {n: view.nodes[n] for n in root.all_nodes()}
    return View(part_name(view, part.key), f"{view.title} · part {_full_title(part)}", view.direction, nodes, root, [])


def _full_title(part: Part) -> str:
    """The part's title with its region's: what a stub in another part calls it."""
    return part.title if part.title == part.group.title else f"{part.group.title}: {part.title}"


def _add_external(view: View, part: View, end: str) -> None:
    if end.startswith(EXTERNAL_PREFIX) and end not in part.nodes:
        part.nodes[end] = view.nodes[end]
        part.root.nodes.insert(0, end)


def _stub_id(key: str) -> str:
    return "part_" + key.replace("-", "_")


def _stub(view: View, parts: dict[str, Part], built: dict[str, View], here: str, other: str) -> str:
    """The box in part ``here`` standing for part ``other`` (made on first use)."""
    stub = _stub_id(other)
    part = built[here]
    if stub not in part.nodes:
        part.nodes[stub] = Node(
            stub,
            f"→ {_full_title(parts[other])}",
            "another part of this view",
            Category.OTHER,
            icon="",
            details=(f"{part_name(view, other)}.svg",),
        )
        part.root.nodes.append(stub)
        part.links[stub] = f"{part_name(view, other)}.svg"
    return stub


def _redirect(edge: Edge, source: str | None = None, target: str | None = None) -> Edge:
    return Edge(source or edge.source, target or edge.target, edge.kind, edge.label, edge.both_ways)


def _index(
    view: View,
    limit: int,
    parts: dict[str, Part],
    built: dict[str, View],
    crossing: dict[tuple[str, str], Counter[str]],
) -> View:
    """One box per part, in a box per region, and the count of edges between each pair of parts."""
    root = Container("root", "", "root")
    boxes: dict[str, Container] = {}
    nodes: dict[str, Node] = {}
    links: dict[str, str] = {}
    for key, part in parts.items():
        if part.group.id not in boxes:
            boxes[part.group.id] = Container(part.group.id, part.group.title, "region")
            root.children.append(boxes[part.group.id])
        stub, name = _stub_id(key), part_name(view, key)
        drawn = len(built[key].nodes)  # with its stubs: the boxes the part draws
        nodes[stub] = Node(
            stub, part.title, f"{drawn} box{'es' * (drawn != 1)}", Category.OTHER, icon="", details=(f"{name}.svg",)
        )
        boxes[part.group.id].nodes.append(stub)
        links[stub] = f"{name}.svg"
    pairs: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for direction in crossing:
        pairs.setdefault(tuple(sorted(direction)), []).append(direction)
    edges = []
    for directions in (pairs[pair] for pair in sorted(pairs)):
        kinds = sum((crossing[d] for d in directions), Counter[str]())
        ordered = sorted(kinds, key=lambda k: (-kinds[k], k))
        count = sum(kinds.values())
        label = (
            f"{count} {ordered[0]} edge{'s' * (count != 1)}"
            if len(ordered) == 1
            else f"{count} edges: " + ", ".join(f"{kinds[k]} {k}" for k in ordered)
        )
        source, target = directions[0]
        edges.append(Edge(_stub_id(source), _stub_id(target), EdgeKind(ordered[0]), label, len(directions) > 1))
    return View(
        view.name,
        f"{view.title}: {len(view.nodes)} boxes in {len(parts)} parts (a view over {limit} boxes is split)",
        "LR",
        nodes,
        root,
        edges,
        list(view.notes),
        links,
        [built[key] for key in parts],
    )


__all__ = ["SPLIT_OVER", "Part", "part_name", "split"]
