"""The one refusal form: ``'<field path>' must be <allowed>, got <value>``, all of a config at once.

Pydantic's own messages ("Input should be a valid dictionary...") and raw regexes never reach a
user: ``problems_of`` turns a ``ValidationError`` into ``Problem`` lines in that form, and
``ConfigError`` carries every problem of a config (or of every environment) together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when a pydantic error is read: the main job's cache hit loads no pydantic
    from pydantic import ValidationError

_REFUSAL = re.compile(r"'(?P<field>[^']+)' must be (?P<allowed>.*), got (?P<value>.*)", re.DOTALL)


@dataclass(frozen=True)
class Problem:
    """One refused value: where it is (a dotted field path), what it was, what is allowed."""

    path: str
    value: str
    allowed: str

    def under(self, prefix: str) -> Problem:
        """The same problem, its path prefixed by ``prefix`` (a file or an enclosing field)."""
        return Problem(f"{prefix}: {self.path}" if "/" in prefix else f"{prefix}.{self.path}", self.value, self.allowed)

    def __str__(self) -> str:
        return f"'{self.path}' must be {self.allowed}, got {self.value}"


class ConfigError(ValueError):
    """Every problem of a config (or of a set of environments), reported together."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        count = len(self.problems)
        return f"{count} problem{'s' * (count != 1)} in the config:\n" + "\n".join(f"  {p}" for p in self.problems)


def _join(loc: tuple[Any, ...], field: str, *, of_field: bool = False) -> str:
    """``loc`` (where pydantic was) + ``field`` (what the refusal names), without repeating a step.

    A model's check (``of_field`` false) names a field of the model at ``loc``: the two join. A
    field's check (``of_field``: ``loc`` ends at the field) may name it by a generic name its type
    uses (``memory`` for ``memory_request``), or with a key (``suppressions[W-3]``): ``loc`` wins,
    with the key. Either may name the path from one of ``loc``'s steps on (``aks.system_pool.zones``)."""
    parts = [str(p) for p in loc]
    head = field.split(".", 1)[0].split("[", 1)[0]
    if head in parts:
        return ".".join([*parts[: parts.index(head)], field])
    if parts and field.rsplit(".", 1)[-1].split("[", 1)[0] == parts[-1]:
        return ".".join([*parts[:-1], field])  # the refusal's own path to the field loc ends at
    if of_field and parts:
        last = parts[-1]
        if "." not in field:
            return ".".join([*parts[:-1], field if field.startswith(last) else last])
        return ".".join([*parts[:-1], field])
    return ".".join([*parts, field])


_PYDANTIC_ALLOWED = {
    "missing": "given (the field is required)",
    "extra_forbidden": "absent: not a field of this model (check the spelling)",
    "frozen_instance": "left unchanged (configs are frozen)",
    "model_type": "a {class_name} (a mapping of its fields)",
    "model_attributes_type": "a mapping of the model's fields",
    "dict_type": "a mapping",
    "literal_error": "one of {expected}",
    "int_parsing": "an integer",
    "int_type": "an integer",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "string_type": "a string",
    "float_parsing": "a number",
    "greater_than_equal": ">= {ge}",
    "less_than_equal": "<= {le}",
    "greater_than": "> {gt}",
    "less_than": "< {lt}",
    "too_short": "at least {min_length} item(s)",
    "too_long": "at most {max_length} item(s)",
    "tuple_type": "a list",
    "string_too_short": "at least {min_length} character(s)",
    "string_too_long": "at most {max_length} character(s)",
    "ip_v4_network": "an IPv4 network such as '192.168.0.0/16'",
    "ip_v4_address": "an IPv4 address",
    "ip_v4_interface": "an IPv4 address",
    "string_pattern_mismatch": "a value of the documented form (see the field's docstring)",
}


def problems_of(error: ValidationError | ConfigError | ValueError) -> list[Problem]:
    """``error`` as problems in the one refusal form."""
    if isinstance(error, ConfigError):
        return list(error.problems)
    from pydantic import ValidationError

    if not isinstance(error, ValidationError):
        return _from_message((), str(error))
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        loc = tuple(item.get("loc", ()))
        if item["type"] == "value_error":
            cause = item.get("ctx", {}).get("error")
            if isinstance(cause, ConfigError):  # a props model built inside a validator
                problems.extend(Problem(_join(loc, p.path), p.value, p.allowed) for p in cause.problems)
                continue
            given = item.get("input")
            of_field = not (isinstance(given, Mapping) or hasattr(given, "model_fields"))  # not a model's check
            problems.extend(_from_message(loc, str(cause) if cause is not None else item["msg"], of_field=of_field))
            continue
        ctx = dict(item.get("ctx") or {})
        if item["type"] == "model_type":
            ctx.setdefault("class_name", ctx.get("class_name", "model"))
        template = _PYDANTIC_ALLOWED.get(item["type"])
        try:
            allowed = template.format(**ctx) if template else f"valid ({item['type']})"
        except (KeyError, IndexError):
            allowed = template or item["type"]
        value = "(nothing)" if item["type"] == "missing" else repr(item.get("input"))
        problems.append(Problem(".".join(str(p) for p in loc) or "<config>", value, allowed))
    return problems


def _from_message(loc: tuple[Any, ...], message: str, *, of_field: bool = False) -> list[Problem]:
    problems = []
    for line in message.splitlines() or [message]:
        match = _REFUSAL.fullmatch(line.strip())
        if match:
            problems.append(Problem(_join(loc, match["field"], of_field=of_field), match["value"], match["allowed"]))
        elif line.strip():
            problems.append(Problem(".".join(str(p) for p in loc) or "<config>", "(see message)", line.strip()))
    return problems
