"""Azure's values that configs are checked against, as data with their source and the date read.
Every check that needs one of these tables imports it from here (standard library only)."""

from __future__ import annotations

from ipaddress import IPv4Network
from typing import Final

VM_SIZES: Final[dict[str, tuple[int, int]]] = {
    **{f"Standard_D{n}s_v3": (n, 4 * n) for n in (2, 4, 8, 16, 32, 48, 64)},
    **{f"Standard_D{n}s_v4": (n, 4 * n) for n in (2, 4, 8, 16, 32, 48, 64)},
    **{f"Standard_D{n}s_v5": (n, 4 * n) for n in (2, 4, 8, 16, 32, 48, 64, 96)},
    **{f"Standard_D{n}ds_v5": (n, 4 * n) for n in (2, 4, 8, 16, 32, 48, 64, 96)},
    **{f"Standard_E{n}s_v5": (n, 8 * n) for n in (2, 4, 8, 16, 32, 48, 64)},
}
"""VM size → (vCPUs, memory GiB) of the sizes node pools may use. Source: the Azure VM size pages
(learn.microsoft.com/azure/virtual-machines/sizes: Dsv3, Dsv4, Dsv5, Ddsv5, Esv5 series), read
2026-11 (issue 9). A size missing here is refused: add it with its figures to use it."""

POSTGRES_SKUS: Final[dict[str, frozenset[str]]] = {
    "B": frozenset({"B1ms", "B2s", "B2ms", "B4ms", "B8ms", "B12ms", "B16ms", "B20ms"}),
    "GP": frozenset(
        {
            *(f"D{n}s_v3" for n in (2, 4, 8, 16, 32, 48, 64)),
            *(f"D{n}ds_v4" for n in (2, 4, 8, 16, 32, 48, 64)),
            *(f"D{n}ds_v5" for n in (2, 4, 8, 16, 32, 48, 64, 96)),
            *(f"D{n}ads_v5" for n in (2, 4, 8, 16, 32, 48, 64, 96)),
        }
    ),
    "MO": frozenset(
        {
            *(f"E{n}s_v3" for n in (2, 4, 8, 16, 32, 48, 64)),
            *(f"E{n}ds_v4" for n in (2, 4, 8, 16, 20, 32, 48, 64)),
            *(f"E{n}ds_v5" for n in (2, 4, 8, 16, 20, 32, 48, 64, 96)),
            *(f"E{n}ads_v5" for n in (2, 4, 8, 16, 20, 32, 48, 64, 96)),
        }
    ),
}
"""PostgreSQL Flexible Server compute per tier (``<tier>_Standard_<size>``: B Burstable, GP General
Purpose, MO Memory Optimized). Source: "Compute options in Azure Database for PostgreSQL - Flexible
Server", MicrosoftDocs/azure-databases-docs articles/postgresql/flexible-server/concepts-compute.md
(ms.date 05/01/2024), read 2026-12-01."""

AKS_RESERVED_RANGES: Final[tuple[IPv4Network, ...]] = tuple(
    IPv4Network(n) for n in ("169.254.0.0/16", "172.30.0.0/16", "172.31.0.0/16", "192.0.2.0/24")
)
"""Ranges AKS refuses for the service CIDR. Source: AKS network configuration docs ("the service
address range must not be within 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16, or 192.0.2.0/24"),
as quoted in issue 19, 2026-12-01."""

SERVICE_BUS_MIN_AUTO_DELETE_ON_IDLE_S: Final = 5 * 60
SERVICE_BUS_MAX_LOCK_DURATION_S: Final = 5 * 60
SERVICE_BUS_DUPLICATE_DETECTION_WINDOW_S: Final = (20, 7 * 24 * 3600)
"""Service Bus entity limits: auto-delete-on-idle at least 5 minutes, a message lock at most 5
minutes, a duplicate-detection window of 20 seconds to 7 days. Source: learn.microsoft.com
azure/service-bus-messaging (message-transfers-locks-settlement, duplicate-detection,
message-expiration "auto-delete on idle"), read 2026-12-01 (issue 19)."""

MAX_TAGS: Final = 50
MAX_TAG_NAME_LENGTH: Final = 512
MAX_TAG_VALUE_LENGTH: Final = 256
"""Azure Resource Manager tag limits per resource. Source: learn.microsoft.com/azure/
azure-resource-manager/management/tag-resources ("Limitations"), read 2026-12-01."""

__all__ = [
    "AKS_RESERVED_RANGES",
    "MAX_TAGS",
    "MAX_TAG_NAME_LENGTH",
    "MAX_TAG_VALUE_LENGTH",
    "POSTGRES_SKUS",
    "SERVICE_BUS_DUPLICATE_DETECTION_WINDOW_S",
    "SERVICE_BUS_MAX_LOCK_DURATION_S",
    "SERVICE_BUS_MIN_AUTO_DELETE_ON_IDLE_S",
    "VM_SIZES",
]
