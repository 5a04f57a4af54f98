"""Azure's public regions as data: display name, availability zones, paired region, geography.

Source: "Azure regions list", https://learn.microsoft.com/azure/reliability/regions-list
(MicrosoftDocs/reliability-docs ``articles/reliability/regions-list.md``, ms.date 09/23/2025),
read 2026-12-01. Every region with availability zone support has three zones. Regions marked
restricted there need an access request (they serve in-geography disaster recovery); regions
"coming soon" are left out. A pair is as Microsoft lists it, which is not always symmetric
(West US 3's pair is East US, whose pair is West US).

Standard library only: the diagram reader and the rules read this table too.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

SOURCE: Final = "https://learn.microsoft.com/azure/reliability/regions-list (ms.date 2025-09-23, read 2026-12-01)"
ZONES: Final = ("1", "2", "3")
"""The zones of a region that has availability zones."""


@dataclass(frozen=True)
class Region:
    """One Azure region; ``zones`` is empty where the region has no availability zones."""

    name: str
    """Programmatic name, as Azure Resource Manager and the azurerm provider spell it."""
    display_name: str
    zones: tuple[str, ...]
    paired: str | None
    """Programmatic name of the paired region; ``None`` where Microsoft lists none."""
    geography: str
    restricted: bool = False
    """Access is by request only (in-geography disaster recovery)."""

    @property
    def has_zones(self) -> bool:
        return bool(self.zones)


# (programmatic name, display name, availability zones, paired region or None, geography, restricted)
_ROWS: Final[tuple[tuple[str, str, bool, str | None, str, bool], ...]] = (
    ("australiacentral", "Australia Central", False, "australiacentral2", "Australia", False),
    ("australiacentral2", "Australia Central 2", False, "australiacentral", "Australia", True),
    ("australiaeast", "Australia East", True, "australiasoutheast", "Australia", False),
    ("australiasoutheast", "Australia Southeast", False, "australiaeast", "Australia", False),
    ("austriaeast", "Austria East", True, None, "Austria", False),
    ("belgiumcentral", "Belgium Central", True, None, "Belgium", False),
    ("brazilsouth", "Brazil South", True, "southcentralus", "Brazil", False),
    ("brazilsoutheast", "Brazil Southeast", False, "brazilsouth", "Brazil", True),
    ("canadacentral", "Canada Central", True, "canadaeast", "Canada", False),
    ("canadaeast", "Canada East", False, "canadacentral", "Canada", False),
    ("centralindia", "Central India", True, "southindia", "India", False),
    ("centralus", "Central US", True, "eastus2", "United States", False),
    ("chilecentral", "Chile Central", True, None, "Chile", False),
    ("eastasia", "East Asia", True, "southeastasia", "Asia Pacific", False),
    ("eastus", "East US", True, "westus", "United States", False),
    ("eastus2", "East US 2", True, "centralus", "United States", False),
    ("francecentral", "France Central", True, "francesouth", "France", False),
    ("francesouth", "France South", False, "francecentral", "France", True),
    ("germanynorth", "Germany North", False, "germanywestcentral", "Germany", True),
    ("germanywestcentral", "Germany West Central", True, "germanynorth", "Germany", False),
    ("indonesiacentral", "Indonesia Central", True, None, "Indonesia", False),
    ("israelcentral", "Israel Central", True, None, "Israel", False),
    ("italynorth", "Italy North", True, None, "Italy", False),
    ("japaneast", "Japan East", True, "japanwest", "Japan", False),
    ("japanwest", "Japan West", True, "japaneast", "Japan", False),
    ("koreacentral", "Korea Central", True, "koreasouth", "Korea", False),
    ("koreasouth", "Korea South", False, "koreacentral", "Korea", False),
    ("malaysiawest", "Malaysia West", True, None, "Malaysia", False),
    ("mexicocentral", "Mexico Central", True, None, "Mexico", False),
    ("newzealandnorth", "New Zealand North", True, None, "New Zealand", False),
    ("northcentralus", "North Central US", False, "southcentralus", "United States", False),
    ("northeurope", "North Europe", True, "westeurope", "Europe", False),
    ("norwayeast", "Norway East", True, "norwaywest", "Norway", False),
    ("norwaywest", "Norway West", False, "norwayeast", "Norway", True),
    ("polandcentral", "Poland Central", True, None, "Poland", False),
    ("qatarcentral", "Qatar Central", True, None, "Qatar", False),
    ("southafricanorth", "South Africa North", True, "southafricawest", "South Africa", False),
    ("southafricawest", "South Africa West", False, "southafricanorth", "South Africa", True),
    ("southcentralus", "South Central US", True, "northcentralus", "United States", False),
    ("southindia", "South India", False, "centralindia", "India", False),
    ("southeastasia", "Southeast Asia", True, "eastasia", "Asia Pacific", False),
    ("spaincentral", "Spain Central", True, None, "Spain", False),
    ("swedencentral", "Sweden Central", True, "swedensouth", "Sweden", False),
    ("switzerlandnorth", "Switzerland North", True, "switzerlandwest", "Switzerland", False),
    ("switzerlandwest", "Switzerland West", False, "switzerlandnorth", "Switzerland", True),
    ("uaecentral", "UAE Central", False, "uaenorth", "UAE", True),
    ("uaenorth", "UAE North", True, "uaecentral", "UAE", False),
    ("uksouth", "UK South", True, "ukwest", "United Kingdom", False),
    ("ukwest", "UK West", False, "uksouth", "United Kingdom", False),
    ("westcentralus", "West Central US", False, "westus2", "United States", False),
    ("westeurope", "West Europe", True, "northeurope", "Europe", False),
    ("westindia", "West India", False, "southindia", "India", False),
    ("westus", "West US", False, "eastus", "United States", False),
    ("westus2", "West US 2", True, "westcentralus", "United States", False),
    ("westus3", "West US 3", True, "eastus", "United States", False),
)
# Sweden South is listed only as Sweden Central's (restricted) pair, without a row of its own.
_PAIR_ONLY: Final = (("swedensouth", "Sweden South", False, "swedencentral", "Sweden", True),)

REGIONS: Final[Mapping[str, Region]] = MappingProxyType(
    {
        name: Region(name, display, ZONES if zonal else (), paired, geography, restricted)
        for name, display, zonal, paired, geography, restricted in (*_ROWS, *_PAIR_ONLY)
    }
)
"""Every region by programmatic name."""


def _folded(text: str) -> str:
    return "".join(text.lower().split())


def nearest(name: str) -> str | None:
    """The region name closest to ``name`` (``West Europe`` and ``westeurop`` give ``westeurope``)."""
    folded = _folded(name)
    by_display = {_folded(r.display_name): r.name for r in REGIONS.values()}
    if folded in REGIONS or folded in by_display:
        return by_display.get(folded, folded)
    close = difflib.get_close_matches(folded, [*REGIONS, *by_display], n=1, cutoff=0.6)
    return by_display.get(close[0], close[0]) if close else None


def region(name: str) -> Region:
    """The region named ``name``; an unknown name raises ``ValueError`` suggesting the nearest one."""
    try:
        return REGIONS[name]
    except KeyError:
        suggestion = nearest(name)
        hint = f"; did you mean {suggestion!r}?" if suggestion else ""
        raise ValueError(f"{name!r} is not an Azure region (programmatic names, e.g. 'westeurope'){hint}") from None


def display_name(name: str) -> str:
    """``Korea Central`` for ``koreacentral``; a name outside the table is returned as written
    (diagrams of a foreign stack may name a region we do not know, or an expression)."""
    known = REGIONS.get(name) or REGIONS.get(_folded(name))
    return known.display_name if known else name


__all__ = ["REGIONS", "SOURCE", "ZONES", "Region", "display_name", "nearest", "region"]
