"""Which sub-folders of a package are environments: standard library only, so a caller can list
them (the main job's cache key, the tests' parameters) without loading pydantic or a config."""

from __future__ import annotations

import importlib
from pathlib import Path


def environment_folders(package: str) -> tuple[str, ...]:
    """Sorted names of the sub-folders of ``package`` that are environments (not ``_x`` or ``.x``)."""
    root = Path(importlib.import_module(package).__path__[0])
    return tuple(
        sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")) and _has_py(p))
    )


def _has_py(folder: Path) -> bool:
    return any(folder.glob("*.py"))


__all__ = ["environment_folders"]
