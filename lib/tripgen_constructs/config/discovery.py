"""Environments discovered from a folder of packages: ``<apps>/<env>/config.py`` defines ``CONFIG``.

Adding an environment is adding one folder; nothing lists them by hand. Every problem of every
folder is reported together (``ConfigError``), not one per run.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path

from .environment import EnvironmentConfig
from .errors import ConfigError, Problem, problems_of
from .folders import environment_folders

CONFIG_MODULE = "config"
CONFIG_ATTRIBUTE = "CONFIG"


def discover_environments(package: str, folders: Sequence[str] | None = None) -> tuple[EnvironmentConfig, ...]:
    """The validated ``CONFIG`` of every environment folder of ``package``, sorted by folder name.

    Raises ``ConfigError`` listing every folder without ``config.py``, every ``CONFIG`` missing or
    not an ``EnvironmentConfig``, every config that does not validate, and every two environments
    whose resource names would collide (same naming prefix and name)."""
    problems: list[Problem] = []
    configs: dict[str, EnvironmentConfig] = {}
    for folder in environment_folders(package) if folders is None else folders:
        where = f"{package.replace('.', '/')}/{folder}"
        if not (Path(importlib.import_module(package).__path__[0]) / folder / f"{CONFIG_MODULE}.py").exists():
            problems.append(Problem(where, "no config.py", f"a {CONFIG_MODULE}.py defining {CONFIG_ATTRIBUTE}"))
            continue
        try:
            module = importlib.import_module(f"{package}.{folder}.{CONFIG_MODULE}")
        except ConfigError as error:  # every props model refuses in this form
            problems.extend(p.under(f"{where}/{CONFIG_MODULE}.py") for p in problems_of(error))
            continue
        config = getattr(module, CONFIG_ATTRIBUTE, None)
        if not isinstance(config, EnvironmentConfig):
            problems.append(
                Problem(
                    f"{where}/{CONFIG_MODULE}.py",
                    f"{CONFIG_ATTRIBUTE} = {type(config).__name__}",
                    "an EnvironmentConfig",
                )
            )
            continue
        configs[folder] = config
    seen: dict[str, str] = {}
    for folder, config in configs.items():
        stem = config.stack_name
        if stem in seen:
            problems.append(
                Problem(
                    f"{package}/{folder}/config.py",
                    f"stack name {stem!r} (naming prefix {config.naming.workload!r}, name {config.name!r})",
                    f"a name prefix and name no other environment uses (also used by {seen[stem]!r})",
                )
            )
        seen.setdefault(stem, folder)
    if problems:
        raise ConfigError(problems)
    return tuple(configs.values())
