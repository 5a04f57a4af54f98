"""Azure resource names derived from the workload and environment (CAF abbreviations)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ENV = re.compile(r"[a-z][a-z0-9]{1,7}")


@dataclass(frozen=True)
class Naming:
    """``Naming("tripgen", "prod").name("law")`` is ``law-tripgen-prod`` (O-1);
    ``.compact()`` is ``tripgenprod`` for services that refuse dashes (R-1)."""

    workload: str
    environment: str

    def __post_init__(self) -> None:
        for field, value in (("workload", self.workload), ("environment", self.environment)):
            if not _ENV.fullmatch(value):
                raise ValueError(
                    f"'{field}' must be 2-8 lowercase letters or digits starting with a letter, got {value!r}"
                )

    def name(self, abbreviation: str, *parts: str) -> str:
        """``<abbreviation>-<workload>[-<part>...]-<environment>``."""
        return "-".join((abbreviation, self.workload, *parts, self.environment))

    def compact(self, *parts: str) -> str:
        """Alphanumeric ``<workload><part...><environment>`` for storage accounts and registries."""
        return "".join((self.workload, *parts, self.environment))
