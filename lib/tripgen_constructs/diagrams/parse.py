"""Layer 1: read ``cdktf.out/stacks/*/cdk.tf.json`` into resources and resolved references.

Works on any cdktf stack using the azurerm provider. The ``"//"`` metadata (construct path,
unique id) is used where present; without it (e.g. ``Testing.synth`` output) a resource is known
by its Terraform address ``type.name``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STACK_FILE = "cdk.tf.json"

# ``${azurerm_subnet.spoke_aks.id}``, also inside larger expressions (``${lookup(x.y.z, ...)}``).
_INTERPOLATION = re.compile(r"\$\{([^}]*)\}")
_ADDRESS = re.compile(r"(?<![\w.])([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)\.([A-Za-z_][\w]*)")
_NOT_RESOURCES = frozenset({"data", "var", "local", "module", "each", "count", "path", "self"})


class DiagramInputError(Exception):
    """A stack file that cannot be read: the message names the file."""


@dataclass(frozen=True)
class Reference:
    """``source`` refers to ``target`` (a Terraform address) at attribute path ``at``."""

    source: str
    target: str
    attribute: str
    at: str


@dataclass(frozen=True)
class Resource:
    """One resource of the stack."""

    address: str
    type: str
    name: str
    path: str | None
    """Construct path relative to the stack, or None without metadata."""
    body: dict[str, Any]

    def get(self, dotted: str) -> Any:
        """Attribute at ``dotted`` path (``sku.name``); single-item block lists are looked into."""
        value: Any = self.body
        for part in dotted.split("."):
            if isinstance(value, list) and len(value) == 1:
                value = value[0]
            if not isinstance(value, dict) or part not in value:
                return None
            value = value[part]
        return value


@dataclass
class Stack:
    """A parsed stack: resources by address and the references between them."""

    name: str
    file: Path
    resources: dict[str, Resource]
    references: list[Reference]
    dangling: list[Reference] = field(default_factory=list)
    """References to addresses that are not in the stack (reported and skipped)."""

    def refs_from(self, address: str) -> list[Reference]:
        return [r for r in self.references if r.source == address]

    def resolve(self, value: Any, depth: int = 4) -> Any:
        """A literal for ``value``: follows a whole-string ``${type.name.attr}`` to its target."""
        for _ in range(depth):
            if not isinstance(value, str):
                return value
            match = re.fullmatch(r"\$\{([\w-]+\.[\w-]+)\.([\w.]+)\}", value)
            if match is None or match.group(1) not in self.resources:
                return value
            value = self.resources[match.group(1)].get(match.group(2))
        return value


def find_stacks(outdir: Path) -> list[Path]:
    """Every ``stacks/*/cdk.tf.json`` under ``outdir``, sorted by stack name."""
    outdir = Path(outdir)
    if not outdir.is_dir():
        raise DiagramInputError(f"{outdir}: not a directory (expected a cdktf.out folder)")
    return sorted((outdir / "stacks").glob(f"*/{STACK_FILE}"))


def load_stack(file: Path) -> Stack:
    """Parse one ``cdk.tf.json``; raises ``DiagramInputError`` naming the file if unreadable."""
    file = Path(file)
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DiagramInputError(f"{file}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise DiagramInputError(f"{file}: cannot read ({error})") from None
    except json.JSONDecodeError as error:
        raise DiagramInputError(f"{file}: not JSON ({error})") from None
    if not isinstance(document, dict):
        raise DiagramInputError(f"{file}: expected a JSON object, got {type(document).__name__}")
    return parse_document(document, file)


def parse_document(document: dict[str, Any], file: Path) -> Stack:
    """Resources and references of a synthesized stack document."""
    stack_name = _stack_name(document, file)
    resources: dict[str, Resource] = {}
    for rtype, by_name in sorted((document.get("resource") or {}).items()):
        if not isinstance(by_name, dict):
            raise DiagramInputError(f"{file}: resource.{rtype} must be an object")
        for name, body in sorted(by_name.items()):
            if not isinstance(body, dict):
                raise DiagramInputError(f"{file}: resource.{rtype}.{name} must be an object")
            address = f"{rtype}.{name}"
            resources[address] = Resource(address, rtype, name, _construct_path(body), body)
    references: list[Reference] = []
    dangling: list[Reference] = []
    for address, resource in resources.items():
        for at, text in _strings(resource.body, ""):
            for target, attribute in _addresses(text):
                ref = Reference(address, target, attribute, at)
                (references if target in resources else dangling).append(ref)
    return Stack(stack_name, file, resources, references, dangling)


def _stack_name(document: dict[str, Any], file: Path) -> str:
    meta = (document.get("//") or {}).get("metadata") or {}
    name = meta.get("stackName")
    return name if isinstance(name, str) and name else file.parent.name


def _construct_path(body: dict[str, Any]) -> str | None:
    path = ((body.get("//") or {}).get("metadata") or {}).get("path")
    if not isinstance(path, str) or "/" not in path:
        return None
    return path.split("/", 1)[1]


def _strings(value: Any, at: str) -> Iterator[tuple[str, str]]:
    """(attribute path, string) for every string in ``value``, nested blocks and lists included."""
    if isinstance(value, str):
        yield at, value
    elif isinstance(value, dict):
        for key in sorted(value):
            if key != "//":
                yield from _strings(value[key], f"{at}.{key}" if at else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{at}[{index}]")


def _addresses(text: str) -> Iterator[tuple[str, str]]:
    for expression in _INTERPOLATION.findall(text):
        for rtype, name, attribute in _ADDRESS.findall(expression):
            if rtype.split("_", 1)[0] in _NOT_RESOURCES:
                continue
            yield f"{rtype}.{name}", attribute


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
    """``<outdir>/k8s/<env>/workloads.json`` for stack ``tripgen-<env>``; ``<stack name>`` otherwise."""
    return Path(outdir) / "k8s" / stack_name.removeprefix("tripgen-") / WORKLOADS_FILE


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
