"""Read a synthesized stack by construct path, the way tests ask about it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Stack:
    """A ``cdk.tf.json`` document."""

    data: dict[str, Any]

    @property
    def resources(self) -> dict[str, dict[str, Any]]:
        return self.data.get("resource", {})

    def of_type(self, resource_type: str) -> dict[str, dict[str, Any]]:
        """Resources of one type, keyed by construct path relative to the stack."""
        return {_relative_path(body): body for body in self.resources.get(resource_type, {}).values()}

    def by_path(self, resource_type: str, path: str) -> dict[str, Any]:
        """The resource of ``resource_type`` at construct path ``path`` (relative to the stack)."""
        found = self.of_type(resource_type)
        if path not in found:
            raise KeyError(f"no {resource_type} at {path!r}; have {sorted(found)}")
        return found[path]

    def count(self, resource_type: str) -> int:
        return len(self.resources.get(resource_type, {}))

    def ref(self, resource_type: str, path: str, attribute: str = "id") -> str:
        """The Terraform expression ``${type.logical_id.attribute}`` of the resource at ``path``."""
        for logical_id, body in self.resources.get(resource_type, {}).items():
            if _relative_path(body) == path:
                return f"${{{resource_type}.{logical_id}.{attribute}}}"
        raise KeyError(f"no {resource_type} at {path!r}")


def _relative_path(body: dict[str, Any]) -> str:
    path: str = body["//"]["metadata"]["path"]
    return path.split("/", 1)[1]
