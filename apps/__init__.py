"""TripGen's own environments: ``apps/<env>/config.py`` holds each one's settings only.

The configs load on first use (``ENVIRONMENTS``, ``PROD``, ``DEV``, ``load_environments``), so the
main job can answer from its cache, or print a refused config's errors, before anything imports
the library's constructs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import runtime  # noqa: F401  (must run before the jsii kernel starts)

if TYPE_CHECKING:
    from pydantic import ValidationError
    from tripgen_constructs import EnvironmentConfig

    from .dev.config import DEV
    from .prod.config import PROD

    ENVIRONMENTS: tuple[EnvironmentConfig, ...]

CONFIGS = {"PROD": "prod", "DEV": "dev"}
"""Config name → its environment's package under ``apps/``, in the order the stacks are built."""


class ConfigRefused(Exception):
    """A config the validators refused: ``lines`` holds one refusal per line (file, field, why)."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def refusal_lines(error: ValidationError, where: str) -> list[str]:
    """One line per refusal in ``error``: ``<where>: <field>: <why>``."""
    lines = []
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"])
        lines.append(f"{where}: {field + ': ' if field else ''}{problem['msg'].removeprefix('Value error, ')}")
    return lines


def load_environments() -> tuple[EnvironmentConfig, ...]:
    """Every environment's validated config; raises ``ConfigRefused`` listing all refusals."""
    from pydantic import ValidationError

    configs, refused = [], []
    for name, package in CONFIGS.items():
        try:
            configs.append(getattr(importlib.import_module(f"{__name__}.{package}.config"), name))
        except ValidationError as error:
            refused += refusal_lines(error, f"apps/{package}/config.py")
    if refused:
        raise ConfigRefused(refused)
    return tuple(configs)


def __getattr__(name: str) -> Any:
    if name == "ENVIRONMENTS":
        return load_environments()
    if name in CONFIGS:
        return getattr(importlib.import_module(f"{__name__}.{CONFIGS[name]}.config"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["CONFIGS", "DEV", "ENVIRONMENTS", "PROD", "ConfigRefused", "load_environments"]
