"""Layer 1: a stack as the diagrams see it, read through the one reader (``tripgen_constructs.reader``).

Works on any cdktf stack using the azurerm provider. The ``"//"`` metadata (construct path,
unique id) is used where present; without it (e.g. ``Testing.synth`` output) a resource is known
by its Terraform address ``type.name``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..reader import (
    STACK_FILE,
    Block,
    ExprKind,
    Mode,
    Module,
    ReaderError,
    Reference,
    StackDocument,
    expression,
    find_stacks,
    read_document,
    read_stack,
    references,
)

DiagramInputError = ReaderError
"""The diagrams' input error is the reader's: one line naming file, JSON path and what was expected."""

Resource = Block
"""A resource or data source of the stack (``data.`` addresses for data sources)."""


@dataclass
class Stack:
    """A read stack: blocks and modules by address, and the references between them."""

    name: str
    file: Path
    resources: dict[str, Resource]
    """Resources and data sources by address (``azurerm_subnet.a``, ``data.azurerm_subnet.hub``)."""
    references: list[Reference]
    dangling: list[Reference] = field(default_factory=list)
    """References to addresses that are not in the stack (reported and skipped)."""
    modules: dict[str, Module] = field(default_factory=dict)
    """Module calls by address (``module.hub``)."""
    document: StackDocument | None = None
    _from: dict[str, list[Reference]] = field(default_factory=dict, repr=False)
    _to: dict[str, list[Reference]] = field(default_factory=dict, repr=False)

    @property
    def environment(self) -> str:
        """The environment the stack was built for: ``<env>`` for a stack named ``<workload>-<env>``
        whose resources carry the tags ``workload`` and ``environment`` with those values (the tags
        ``EnvironmentStack`` puts on every resource); the whole stack name for any other stack."""
        workload, dash, environment = self.name.partition("-")
        expected = {"workload": workload, "environment": environment}
        tagged = (r.body.get("tags") for r in self.resources.values())
        if dash and any(isinstance(t, dict) and all(t.get(k) == v for k, v in expected.items()) for t in tagged):
            return environment
        return self.name

    def __post_init__(self) -> None:
        by_source, by_target = defaultdict(list), defaultdict(list)
        for ref in self.references:
            by_source[ref.source].append(ref)
            by_target[ref.target].append(ref)
        self._from, self._to = dict(by_source), dict(by_target)

    def refs_from(self, address: str) -> list[Reference]:
        return self._from.get(address, [])

    def refs_to(self, address: str) -> list[Reference]:
        return self._to.get(address, [])

    def resolve(self, value: Any, depth: int = 4) -> Any:
        """A literal for ``value``: follows a whole-string ``${type.name.attr}`` to its target."""
        for _ in range(depth):
            if not isinstance(value, str):
                return value
            expr = expression(value)
            if expr.kind is not ExprKind.REFERENCE or expr.target not in self.resources or not expr.attribute:
                return value
            found = self.resources[expr.target].get(expr.attribute)
            if found is None:
                return value
            value = found
        return value


def load_stack(file: Path) -> Stack:
    """Read one ``cdk.tf.json``; raises ``ReaderError`` naming the file, JSON path and expectation."""
    return stack_of(read_stack(file))


def parse_document(document: Any, file: Path) -> Stack:
    """Resources and references of a synthesized stack document."""
    return stack_of(read_document(document, file))


def stack_of(doc: StackDocument) -> Stack:
    resources = {b.address: b for b in doc.blocks}
    modules = {m.address: m for m in doc.modules}
    known = resources.keys() | modules.keys()
    found: list[Reference] = []
    dangling: list[Reference] = []
    blocks: list[Block | Module] = [*doc.blocks, *doc.modules]
    for block in blocks:
        for ref in references(block):
            if ref.target == block.address:
                continue
            (found if ref.target in known else dangling).append(ref)
    return Stack(doc.name, doc.file, resources, found, dangling, modules, doc)


__all__ = [
    "STACK_FILE",
    "DiagramInputError",
    "Mode",
    "ReaderError",
    "Resource",
    "Service",
    "Stack",
    "Workloads",
    "find_stacks",
    "load_stack",
    "load_workloads",
    "parse_document",
    "stack_of",
    "workloads_file",
]


# --------------------------------------------------------------------------- workloads.json
WORKLOADS_FILE = "workloads.json"
WORKLOADS_FORMAT = 1


@dataclass(frozen=True)
class Service:
    """One service of the workload layer: replicas now and the HPA's min–max."""

    name: str
    replicas: int
    min_replicas: int
    max_replicas: int


@dataclass(frozen=True)
class Workloads:
    """``<outdir>/k8s/<env>/workloads.json``: the services that run in one node pool."""

    file: Path
    namespace: str
    pool_path: str
    """Construct path of the node pool (``aks/application-pool``), relative to the stack."""
    pool_name: str
    services: tuple[Service, ...]


def workloads_file(outdir: Path, stack_name: str) -> Path:
    """``<outdir>/k8s/<stack name>/workloads.json``; for a stack ``<workload>-<env>`` whose own
    folder does not exist, ``k8s/<env>/`` when the main job recorded that stack there (its
    ``"stack"``), as it does for every environment it synthesizes."""
    own = Path(outdir) / "k8s" / stack_name / WORKLOADS_FILE
    _, dash, environment = stack_name.partition("-")
    if own.is_file() or not dash:
        return own
    recorded = Path(outdir) / "k8s" / environment / WORKLOADS_FILE
    try:
        document = json.loads(recorded.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return own  # nothing readable recorded there: the stack has no workloads of its own
    return recorded if isinstance(document, dict) and document.get("stack") == stack_name else own


def load_workloads(outdir: Path, stack_name: str) -> tuple[Workloads | None, list[str]]:
    """The stack's workload summary, or None when absent; a malformed file is a warning, not an error."""
    file = workloads_file(outdir, stack_name)
    if not file.is_file():
        return None, []
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
        return _workloads(document, file), []
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError) as error:
        return None, [f"{file}: {error}; services not drawn"]


def _workloads(document: Any, file: Path) -> Workloads:
    """Validate the fields the diagrams use; raises ``ValueError`` naming the bad one."""
    if not isinstance(document, dict):
        raise ValueError(f"expected a JSON object, got {type(document).__name__}")
    if document.get("format") != WORKLOADS_FORMAT:
        raise ValueError(f"'format' must be {WORKLOADS_FORMAT}, got {document.get('format')!r}")
    pool = document.get("pool")
    if not isinstance(pool, dict) or not isinstance(pool.get("construct_path"), str):
        raise ValueError("'pool.construct_path' must be a string")
    services = document.get("services")
    if not isinstance(services, list):
        raise ValueError(f"'services' must be a list, got {type(services).__name__}")
    parsed = []
    for index, item in enumerate(services):
        fields = ("replicas", "min_replicas", "max_replicas")
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("service"), str)
            or not all(isinstance(item.get(f), int) and not isinstance(item.get(f), bool) for f in fields)
        ):
            raise ValueError(f"'services[{index}]' must have a string 'service' and integer {', '.join(fields)}")
        parsed.append(Service(item["service"], *(item[f] for f in fields)))
    return Workloads(
        file, str(document.get("namespace") or ""), pool["construct_path"], str(pool.get("name") or ""), tuple(parsed)
    )
