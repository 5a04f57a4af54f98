"""The seam through which the SLA, cost and design-document outputs read synthesized stacks.

Stacks are read by the one reader of synthesized output (``tripgen_constructs.reader``): its
blocks and errors, with the resolved references of the diagrams' ``Stack`` built on it. Standard
library only: no construct, cdktf or jsii import.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .diagrams.parse import Stack, Workloads, load_stack, load_workloads
from .reader import Block as Resource, Mode, ReaderError as SynthInputError, find_stacks

__all__ = [
    "Resource",
    "Stack",
    "SynthInputError",
    "Workloads",
    "load_stacks",
    "load_workloads",
    "of_type",
    "resources",
    "where",
]


def load_stacks(outdir: Path) -> list[Stack]:
    """Every stack under ``outdir/stacks``, sorted by name; raises ``SynthInputError`` naming the file."""
    return [load_stack(file) for file in find_stacks(outdir)]


def resources(stack: Stack) -> Iterator[Resource]:
    """The stack's resources (not its data sources), in address order."""
    return (r for r in stack.resources.values() if r.mode is Mode.RESOURCE)


def of_type(stack: Stack, rtype: str) -> Iterator[Resource]:
    """The stack's resources of ``rtype``, in address order."""
    return (r for r in resources(stack) if r.type == rtype)


def where(resource: Resource) -> str:
    """The construct path that carries a number (the Terraform address without metadata)."""
    return resource.path or resource.address
