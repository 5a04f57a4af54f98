"""Azure's published availability figures, as data: one row per service and configuration.

Every figure was read on the date in its row from the page in its row; nothing is derived or
remembered. Where no page in reach stated a figure for a configuration we deploy (Application
Gateway v2, the node pools' virtual machines), there is no row: ``tripgen_constructs.sla`` lists
such a hop as "not in the SLA" and never counts it as 100 %. The figures are Microsoft's
financially backed monthly uptime commitments; the governing text is the "Service Level
Agreements (SLA) for Online Services" document
(https://www.microsoft.com/licensing/docs/view/Service-Level-Agreements-SLA-for-Online-Services),
which this table follows through the pages cited. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

READ: Final = "2026-12-01"

# Sources (each a Microsoft page or a Microsoft-maintained reference architecture).
AKS_TIERS: Final = (
    "https://learn.microsoft.com/dotnet/api/azure.resourcemanager.containerservice.models.managedclusterskutier"
)
"""ManagedClusterSkuTier.Standard: "Guarantees 99.95% availability of the Kubernetes API server
endpoint for clusters that use Availability Zones and 99.9% of availability for clusters that don't
use Availability Zones"; Free: "Not recommended for production use cases"."""
AKS_UPTIME_RULE: Final = "https://azure.github.io/PSRule.Rules.Azure/en/rules/Azure.AKS.UptimeSLA"
"""Microsoft's PSRule for Azure: the Standard tier "enables Uptime SLA"; the Free tier has none."""
POSTGRES_HA: Final = "https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/postgresql/flexible-server/concepts-high-availability.md"
"""Zone-redundant HA: "Uptime SLA of 99.99% is offered"; same-zone HA: "SLA of 99.95% offered"."""
RELIABLE_WEB_APP: Final = "https://github.com/Azure/reliable-web-app-pattern-java/blob/main/sla-calculation.md"
"""Microsoft's Reliable Web App reference: Front Door 99.99 %, Redis 99.9 %, PostgreSQL Flexible
Server without HA 99.9 % (development table), Key Vault 99.99 %, Private Link 99.99 %."""
GATEWAY_ELIGIBILITY: Final = (
    "https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/reliability/reliability-application-gateway-v2.md"
)
"""Application Gateway v2: "to be eligible for the availability SLA, you must deploy a minimum of two
instances, and you must configure autoscale, zone redundancy, or both" (no figure stated)."""
MODERN_WEB_APP: Final = "https://github.com/Azure/modern-web-app-pattern-java/blob/main/slo-calculation.md"
"""Microsoft's Modern Web App reference: Service Bus 99.9 %, Container Registry 99.9 %, Storage 99.9 %."""


@dataclass(frozen=True)
class SlaRow:
    """One published figure: ``service`` in ``configuration`` is available ``percent`` % of a month."""

    service: str
    configuration: str
    percent: float | None
    """``None``: the service has no SLA in this configuration (e.g. AKS Free tier)."""
    source: str
    read: str = READ
    note: str = ""

    @property
    def availability(self) -> float | None:
        """The figure as a fraction (0.9995), ``None`` without an SLA."""
        return None if self.percent is None else self.percent / 100


AKS_STANDARD_ZONES: Final = SlaRow(
    "AKS API server", "Standard tier, availability zones", 99.95, AKS_TIERS, note="the API server only, not the nodes"
)
AKS_STANDARD: Final = SlaRow("AKS API server", "Standard tier, no availability zones", 99.9, AKS_TIERS)
AKS_FREE: Final = SlaRow("AKS API server", "Free tier", None, AKS_UPTIME_RULE, note="no financially backed SLA")
POSTGRES_ZONE_REDUNDANT: Final = SlaRow(
    "PostgreSQL Flexible Server", "zone-redundant HA", 99.99, POSTGRES_HA, note="automatic failover to the standby"
)
POSTGRES_SAME_ZONE: Final = SlaRow("PostgreSQL Flexible Server", "same-zone HA", 99.95, POSTGRES_HA)
POSTGRES_NO_HA: Final = SlaRow("PostgreSQL Flexible Server", "no HA", 99.9, RELIABLE_WEB_APP)
FRONT_DOOR: Final = SlaRow("Front Door", "Standard or Premium", 99.99, RELIABLE_WEB_APP)
REDIS: Final = SlaRow(
    "Azure Cache for Redis",
    "Standard or Premium",
    99.9,
    RELIABLE_WEB_APP,
    note="a higher figure for zone-redundant Premium was not found in a citable page; 99.9 % is used",
)
SERVICE_BUS: Final = SlaRow(
    "Service Bus",
    "namespace",
    99.9,
    MODERN_WEB_APP,
    note="a higher Premium figure was found only on third-party pages; 99.9 % is used",
)
KEY_VAULT: Final = SlaRow("Key Vault", "Standard or Premium", 99.99, RELIABLE_WEB_APP)
PRIVATE_LINK: Final = SlaRow("Private Link", "private endpoint", 99.99, RELIABLE_WEB_APP)
CONTAINER_REGISTRY: Final = SlaRow("Container Registry", "any SKU", 99.9, MODERN_WEB_APP)
STORAGE: Final = SlaRow("Storage", "read/write", 99.9, MODERN_WEB_APP)

SLA_TABLE: Final = (
    AKS_STANDARD_ZONES,
    AKS_STANDARD,
    AKS_FREE,
    POSTGRES_ZONE_REDUNDANT,
    POSTGRES_SAME_ZONE,
    POSTGRES_NO_HA,
    FRONT_DOOR,
    REDIS,
    SERVICE_BUS,
    KEY_VAULT,
    PRIVATE_LINK,
    CONTAINER_REGISTRY,
    STORAGE,
)
