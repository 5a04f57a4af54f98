"""TripGen's own environments: each folder ``apps/<env>/`` holds one environment, its
``config.py`` defines ``CONFIG`` (settings only). Environments are discovered, never listed:
adding one is adding a folder (``tripgen_constructs.config.discovery``).

The configs load on first use (``environments()``, ``ENVIRONMENTS``), so the main job can answer
from its cache, or print a refused config's problems, before pydantic or a construct is imported.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from tripgen_constructs.config.folders import environment_folders

from . import runtime  # noqa: F401  (must run before the jsii kernel starts)

if TYPE_CHECKING:
    from tripgen_constructs.config.environment import EnvironmentConfig

    ENVIRONMENTS: tuple[EnvironmentConfig, ...]

ENVIRONMENT_NAMES: tuple[str, ...] = environment_folders(__name__)
"""The environment folders, sorted: what tests parametrize over."""


@cache
def environments() -> tuple[EnvironmentConfig, ...]:
    """Every environment's validated config, in ``ENVIRONMENT_NAMES`` order; a ``ConfigError``
    lists every problem of every folder at once."""
    from tripgen_constructs.config.discovery import discover_environments

    return discover_environments(__name__)


def environment(name: str) -> EnvironmentConfig:
    """The config of the environment folder ``name``."""
    return environments()[ENVIRONMENT_NAMES.index(name)]


def __getattr__(name: str) -> Any:
    if name == "ENVIRONMENTS":  # loaded on first use, so `python -m apps` can report a ConfigError
        return environments()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["ENVIRONMENTS", "ENVIRONMENT_NAMES", "environment", "environments"]
