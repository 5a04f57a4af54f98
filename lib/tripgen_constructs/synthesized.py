"""The seam through which the SLA, cost and design-document outputs read synthesized stacks.

Until the one reader of synthesized output (``tripgen_constructs.reader``, shared-contracts 2)
lands, this delegates to the diagrams' parser; switching is this one file. Standard library only:
no construct, cdktf or jsii import.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .diagrams.parse import DiagramInputError as SynthInputError
from .diagrams.parse import Resource, Stack, Workloads, find_stacks, load_stack, load_workloads

__all__ = [
    "Resource",
    "Stack",
    "SynthInputError",
    "Workloads",
    "environment_of",
    "load_stacks",
    "load_workloads",
    "of_type",
    "where",
]


def load_stacks(outdir: Path) -> list[Stack]:
    """Every stack under ``outdir/stacks``, sorted by name; raises ``SynthInputError`` naming the file."""
    return [load_stack(file) for file in find_stacks(outdir)]


def of_type(stack: Stack, rtype: str) -> Iterator[Resource]:
    """The stack's resources of ``rtype``, in address order."""
    return (r for r in stack.resources.values() if r.type == rtype)


def environment_of(stack: Stack) -> str:
    """``prod`` for stack ``tripgen-prod``; the stack name for any other stack."""
    return stack.name.removeprefix("tripgen-")


def where(resource: Resource) -> str:
    """The construct path that carries a number (the Terraform address without metadata)."""
    return resource.path or resource.address
