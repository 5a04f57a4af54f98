"""The one reader of synthesized Terraform JSON (``cdktf.out/stacks/*/cdk.tf.json``).

Diagrams, rules, review and the design documents read a stack through this module; nothing else
opens a ``cdk.tf.json``. Standard library only (no cdktf, no jsii). It checks the shape Terraform's
JSON syntax gives each top-level block (https://developer.hashicorp.com/terraform/language/syntax/json)
and the cdktf ``"//"`` metadata, and stops at the first thing that is not that shape with one
``ReaderError``: a single line naming the file, the JSON path and what was expected there.

The body of a resource is left as JSON: an attribute may be any JSON value, and an expression is a
string (``"${var.zones}"``); ``expression`` classifies such a string. What the reader knows:

- ``resource`` and ``data`` blocks as ``Block`` (mode, type, name, address, construct path,
  ``count`` / ``for_each`` as written), ``module`` calls as ``Module`` (with ``source``),
  ``output`` values, ``variable`` and ``locals`` names, and the stack's own ``"//"`` metadata.
- The references of every string in a body (``references``): ``azurerm_subnet.a.id``,
  ``data.azurerm_subnet.hub.id``, ``module.hub.vnet_id``; ``var.``/``local.``/``each.``/``count.``
  are symbolic, not references.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Final

STACK_FILE: Final = "cdk.tf.json"
MAX_DEPTH: Final = 64
"""Deepest JSON nesting accepted; synthesized azurerm stacks stay under 15 levels."""

TOP_LEVEL: Final = frozenset(
    {
        "//",
        "resource",
        "data",
        "module",
        "output",
        "variable",
        "locals",
        "provider",
        "terraform",
        "moved",
        "import",
        "check",
        "removed",
        "ephemeral",
    }
)
"""Top-level keys Terraform's JSON syntax allows (``//`` is cdktf's metadata comment)."""


class ReaderError(Exception):
    """Synthesized output that is not Terraform JSON: one line, ``file: at path: expected ...``."""

    def __init__(self, file: Path | str, path: str, expected: str) -> None:
        self.file, self.path, self.expected = str(file), path, expected
        super().__init__(f"{file}: at {path or '$'}: expected {expected}")


class Mode(StrEnum):
    RESOURCE = "resource"
    DATA = "data"
    """A data source: something that exists already and is only read."""


@dataclass(frozen=True)
class Block:
    """One ``resource`` or ``data`` block."""

    mode: Mode
    type: str
    name: str
    body: dict[str, Any]
    path: str | None
    """Construct path relative to the stack (``network/hub/vnet``); None without ``//`` metadata."""

    @property
    def address(self) -> str:
        """``azurerm_subnet.a``; data sources ``data.azurerm_subnet.a`` (as Terraform writes them)."""
        return f"{self.type}.{self.name}" if self.mode is Mode.RESOURCE else f"data.{self.type}.{self.name}"

    @property
    def count(self) -> Any:
        """``count`` as written (a number or an expression string), None when absent."""
        return self.body.get("count")

    @property
    def for_each(self) -> Any:
        """``for_each`` as written (an object, a list or an expression string), None when absent."""
        return self.body.get("for_each")

    def get(self, dotted: str) -> Any:
        """Attribute at ``dotted`` path (``sku.name``); a single-item block list is looked into."""
        value: Any = self.body
        for part in dotted.split("."):
            if isinstance(value, list) and len(value) == 1:
                value = value[0]
            if not isinstance(value, Mapping) or part not in value:
                return None
            value = value[part]
        return value


@dataclass(frozen=True)
class Module:
    """One ``module`` call: ``source`` and the inputs it is given."""

    name: str
    source: str
    body: dict[str, Any]
    path: str | None

    @property
    def address(self) -> str:
        return f"module.{self.name}"


@dataclass(frozen=True)
class Output:
    name: str
    value: Any
    path: str | None


@dataclass(frozen=True)
class Reference:
    """``source`` refers to ``target`` (an address) for ``attribute``, at attribute path ``at``."""

    source: str
    target: str
    attribute: str
    at: str


@dataclass(frozen=True)
class StackDocument:
    """A read ``cdk.tf.json``."""

    file: Path
    name: str
    """``//.metadata.stackName``; else the folder name."""
    resources: tuple[Block, ...]
    data: tuple[Block, ...]
    modules: tuple[Module, ...]
    outputs: tuple[Output, ...]
    variables: tuple[str, ...]
    locals: tuple[str, ...]
    document: Mapping[str, Any] = field(repr=False)

    @property
    def blocks(self) -> tuple[Block, ...]:
        """Resources then data sources, each sorted by address."""
        return self.resources + self.data

    def of_type(self, *types: str, mode: Mode = Mode.RESOURCE) -> list[Block]:
        return [b for b in self.blocks if b.mode is mode and b.type in types]


# --------------------------------------------------------------------------- reading
def find_stacks(outdir: Path | str) -> list[Path]:
    """Every ``stacks/*/cdk.tf.json`` under ``outdir`` (a ``cdktf.out`` folder), sorted by stack."""
    outdir = Path(outdir)
    if not outdir.is_dir():
        raise ReaderError(outdir, "", "a cdktf.out directory (holding stacks/*/cdk.tf.json)")
    return sorted((outdir / "stacks").glob(f"*/{STACK_FILE}"))


def read_stack(file: Path | str) -> StackDocument:
    """Read and check one ``cdk.tf.json``."""
    file = Path(file)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReaderError(file, "", "a file (there is none)") from None
    except IsADirectoryError:
        raise ReaderError(file, "", "a file, found a directory") from None
    except UnicodeDecodeError as error:
        raise ReaderError(file, "", f"UTF-8 text ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise ReaderError(file, "", f"a readable file ({error.strerror})") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReaderError(file, "", f"JSON ({error.msg} at line {error.lineno} column {error.colno})") from None
    except RecursionError:
        raise ReaderError(file, "", f"JSON nested at most {MAX_DEPTH} levels deep") from None
    return read_document(document, file)


def read_document(document: Any, file: Path | str = "<document>") -> StackDocument:
    """Check a parsed ``cdk.tf.json`` document and index it; ``file`` names it in errors."""
    file = Path(file)
    _check_depth(document, file)
    top = _object(document, file, "", "a JSON object (a Terraform JSON document)")
    for key in top:
        if key not in TOP_LEVEL:
            raise ReaderError(file, _join("", key), f"a Terraform top-level block ({', '.join(sorted(TOP_LEVEL))})")
    name = _stack_name(top, file)
    resources = _blocks(top, "resource", Mode.RESOURCE, file)
    data = _blocks(top, "data", Mode.DATA, file)
    modules = []
    for mname, body in _labelled(top, "module", file):
        source = body.get("source")
        if not isinstance(source, str) or not source:
            raise ReaderError(file, _join(_join("module", mname), "source"), "a non-empty string (the module source)")
        modules.append(Module(mname, source, body, _construct_path(body, file, _join("module", mname))))
    outputs = []
    for oname, body in _labelled(top, "output", file):
        if "value" not in body:
            raise ReaderError(file, _join(_join("output", oname), "value"), "an output value")
        outputs.append(Output(oname, body["value"], _construct_path(body, file, _join("output", oname))))
    variables = tuple(vname for vname, _ in _labelled(top, "variable", file))
    local_names = [name for block in _one_or_many(top, "locals", file) for name in sorted(block)]
    _one_or_many(top, "terraform", file)
    _check_providers(top, file)
    return StackDocument(
        file, name, resources, data, tuple(modules), tuple(outputs), variables, tuple(local_names), top
    )


def _check_depth(document: Any, file: Path) -> None:
    """Iteratively: deeper than ``MAX_DEPTH`` is refused before anything recurses into it."""
    stack: list[tuple[Any, int, str]] = [(document, 0, "")]
    while stack:
        value, depth, at = stack.pop()
        if depth > MAX_DEPTH:
            raise ReaderError(file, at, f"JSON nested at most {MAX_DEPTH} levels deep")
        if isinstance(value, dict):
            stack.extend((v, depth + 1, _join(at, k)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, depth + 1, f"{at}[{i}]") for i, v in enumerate(value))


def _join(at: str, key: str) -> str:
    """JSON path segment: ``resource.azurerm_subnet.a`` (keys that are not identifiers quoted)."""
    if re.fullmatch(r"[A-Za-z_][\w-]*", key):
        return f"{at}.{key}" if at else key
    return f"{at}[{json.dumps(key)}]"


def _object(value: Any, file: Path, at: str, expected: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ReaderError(file, at, f"{expected}, got {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


def _stack_name(top: dict[str, Any], file: Path) -> str:
    meta = _metadata(top, file, "")
    name = meta.get("stackName")
    if name is not None and (not isinstance(name, str) or not name):
        raise ReaderError(file, "//.metadata.stackName", f"a non-empty string, got {_kind(name)}")
    return name or file.parent.name or file.stem


def _metadata(body: dict[str, Any], file: Path, at: str) -> dict[str, Any]:
    if "//" not in body:
        return {}
    comment = _object(body["//"], file, _join(at, "//"), 'an object (cdktf\'s "//" metadata)')
    if "metadata" not in comment:
        return {}
    return _object(comment["metadata"], file, _join(_join(at, "//"), "metadata"), "an object")


def _construct_path(body: dict[str, Any], file: Path, at: str) -> str | None:
    meta = _metadata(body, file, at)
    path = meta.get("path")
    if path is None:
        return None
    if not isinstance(path, str) or not path:
        raise ReaderError(file, _join(_join(_join(at, "//"), "metadata"), "path"), f"a string, got {_kind(path)}")
    return path.split("/", 1)[1] if "/" in path else None


def _labelled(top: dict[str, Any], key: str, file: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """``key.<label>`` objects, sorted by label (``module``, ``output``, ``variable``)."""
    if key not in top:
        return
    by_label = _object(top[key], file, key, f"an object of {key} blocks by name")
    for label in sorted(by_label):
        yield label, _object(by_label[label], file, _join(key, label), f"an object (the {key}'s body)")


def _one_or_many(top: dict[str, Any], key: str, file: Path) -> list[dict[str, Any]]:
    """``locals`` / ``terraform`` / ``provider``: one object, or a list of objects (both allowed)."""
    if key not in top:
        return []
    value = top[key]
    if isinstance(value, list):
        return [_object(item, file, f"{key}[{i}]", "an object") for i, item in enumerate(value)]
    return [_object(value, file, key, "an object or a list of objects")]


def _check_providers(top: dict[str, Any], file: Path) -> None:
    """``provider.<name>``: an object, or a list of objects (aliased configurations)."""
    for block in _one_or_many(top, "provider", file):
        for label, value in block.items():
            items = value if isinstance(value, list) else [value]
            for index, item in enumerate(items):
                at = _join("provider", label) + (f"[{index}]" if isinstance(value, list) else "")
                _object(item, file, at, "an object (a provider configuration)")


def _blocks(top: dict[str, Any], key: str, mode: Mode, file: Path) -> tuple[Block, ...]:
    if key not in top:
        return ()
    by_type = _object(top[key], file, key, f"an object of {key} types, each an object of blocks by name")
    found = []
    for rtype in sorted(by_type):
        at_type = _join(key, rtype)
        if not re.fullmatch(r"[A-Za-z][\w-]*", rtype):
            raise ReaderError(file, at_type, f"a {key} type name (letters, digits, '_', '-')")
        by_name = _object(by_type[rtype], file, at_type, f"an object of {rtype} blocks by name")
        for name in sorted(by_name):
            at = _join(at_type, name)
            body = _object(by_name[name], file, at, f"an object (the {key} block's arguments)")
            _check_meta_arguments(body, file, at)
            found.append(Block(mode, rtype, name, body, _construct_path(body, file, at)))
    return tuple(found)


def _check_meta_arguments(body: dict[str, Any], file: Path, at: str) -> None:
    """``count``, ``for_each``, ``depends_on``, ``provider``, ``lifecycle`` as Terraform allows them."""
    if "count" in body:
        count = body["count"]
        if isinstance(count, bool) or not isinstance(count, (int, str)) or (isinstance(count, int) and count < 0):
            raise ReaderError(file, _join(at, "count"), f"a whole number ≥ 0 or an expression, got {_kind(count)}")
    if "for_each" in body:
        each = body["for_each"]
        if not isinstance(each, (dict, list, str)):
            raise ReaderError(file, _join(at, "for_each"), f"an object, a list or an expression, got {_kind(each)}")
    if "count" in body and "for_each" in body:
        raise ReaderError(file, _join(at, "for_each"), "either count or for_each, not both")
    depends = body.get("depends_on")
    if depends is not None and (not isinstance(depends, list) or not all(isinstance(d, str) for d in depends)):
        raise ReaderError(file, _join(at, "depends_on"), "a list of address strings")
    if "provider" in body and not isinstance(body["provider"], str):
        raise ReaderError(file, _join(at, "provider"), f"a provider reference string, got {_kind(body['provider'])}")
    if "lifecycle" in body and not isinstance(body["lifecycle"], (dict, list)):
        raise ReaderError(file, _join(at, "lifecycle"), f"an object, got {_kind(body['lifecycle'])}")


# --------------------------------------------------------------------------- expressions
INTERPOLATION: Final = re.compile(r"\$\{((?:[^{}]|\{[^{}]*\})*)\}")
"""``${...}`` (one level of braces inside, as in ``${{for k, v in x : k => v}}``)."""
_TRAVERSAL = re.compile(r"(?<![\w.\"'])((?:data\.)?[A-Za-z][\w-]*\.[A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*)*)")
SYMBOLIC_ROOTS: Final = frozenset({"var", "local", "each", "count", "path", "self", "terraform"})
"""Expression roots that name no block: their values are known only at plan time."""


class ExprKind(StrEnum):
    LITERAL = "literal"
    """No interpolation: the string is the value."""
    REFERENCE = "reference"
    """The whole string is one traversal of a block (``${azurerm_subnet.a.id}``)."""
    SYMBOLIC = "symbolic"
    """Anything else: ``var.``, ``local.``, ``each.``, functions, templates, module outputs."""


@dataclass(frozen=True)
class Expression:
    kind: ExprKind
    text: str
    """The literal, or the expression without ``${}`` (``var.aks_zones``)."""
    target: str | None = None
    """For a reference: the address (``azurerm_subnet.a``, ``data.x.y``, ``module.m``)."""
    attribute: str = ""
    """For a reference: what of the target (``id``, ``outputs.vnet_id``)."""


def expression(text: str) -> Expression:
    """Classify one string value."""
    if "${" not in text:
        return Expression(ExprKind.LITERAL, text)
    whole = INTERPOLATION.fullmatch(text)
    if whole:
        inner = whole.group(1).strip()
        match = _TRAVERSAL.fullmatch(inner)
        if match:
            target, attribute = _target(match.group(1), match.group(2))
            if target is not None:
                return Expression(ExprKind.REFERENCE, inner, target, attribute)
        return Expression(ExprKind.SYMBOLIC, inner)
    return Expression(ExprKind.SYMBOLIC, text)


def _target(head: str, rest: str) -> tuple[str | None, str]:
    """Address and attribute of a traversal ``head`` + ``rest``; None for symbolic roots."""
    parts = head.split(".") + [p for p in rest.split(".") if p]
    if parts[0] in SYMBOLIC_ROOTS:
        return None, ""
    if parts[0] == "data":
        if len(parts) < 3:
            return None, ""
        return ".".join(parts[:3]), ".".join(parts[3:])
    if parts[0] == "module":
        return ".".join(parts[:2]), ".".join(parts[2:])
    if "_" not in parts[0]:
        return None, ""  # a function name or a plain word, not a resource type
    return ".".join(parts[:2]), ".".join(parts[2:])


def references_in(text: str) -> Iterator[tuple[str, str]]:
    """(address, attribute) of every block traversal inside the ``${}`` of ``text``."""
    for inner in INTERPOLATION.findall(text):
        for match in _TRAVERSAL.finditer(inner):
            target, attribute = _target(match.group(1), match.group(2))
            if target is not None:
                yield target, attribute


def strings(value: Any, at: str = "") -> Iterator[tuple[str, str]]:
    """(attribute path, string) of every string in ``value``; ``//`` metadata skipped."""
    pending: list[tuple[Any, str]] = [(value, at)]
    while pending:
        item, where = pending.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, dict):
            pending.extend((item[k], f"{where}.{k}" if where else k) for k in sorted(item, reverse=True) if k != "//")
        elif isinstance(item, list):
            pending.extend((v, f"{where}[{i}]") for i, v in reversed(list(enumerate(item))))


def references(block: Block | Module) -> list[Reference]:
    """Every block traversal in ``block``'s body, in attribute order."""
    return [
        Reference(block.address, target, attribute, at)
        for at, text in strings(block.body)
        if "${" in text
        for target, attribute in references_in(text)
    ]


__all__ = [
    "MAX_DEPTH",
    "STACK_FILE",
    "Block",
    "ExprKind",
    "Expression",
    "Mode",
    "Module",
    "Output",
    "ReaderError",
    "Reference",
    "StackDocument",
    "expression",
    "find_stacks",
    "read_document",
    "read_stack",
    "references",
    "references_in",
    "strings",
]
