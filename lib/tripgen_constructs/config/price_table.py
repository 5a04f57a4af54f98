"""Azure retail prices as data: the pinned table, and the meters our quantities are priced by.

The pinned table holds only prices read from a citable source, with the source and its date; a
price stated for one region is never used for another (Front Door's base fee is billed per global
profile, so its row is ``global``). What could be sourced (searched 2026-12-02):

- Linux pay-as-you-go VM prices in Korea Central, from Microsoft's own snapshot of the Retail
  Prices API in ``Azure/karpenter-provider-azure`` (``pkg/providers/pricing/zz_generated.pricing.go``
  at commit 0499866a0874e27363395146ad4ecf5dac208e6d, "generated at 2023-12-18T14:34:50Z"). Its
  generator (``hack/code/prices_gen.go``) asks the API for ``priceType eq 'Consumption'``, USD,
  ``serviceName eq 'Virtual Machines'`` per ``armRegionName`` and keys each price by
  ``armSkuName``, leaving out products ending " Windows", meters ending " Low Priority" and SKUs
  ending " Spot" (``pkg/providers/pricing/pricing.go``, read at commit
  00493fcc6b81ce5eff84598ba0e0322d1c783abc). Cross-check: the snapshot's northcentralus
  Standard_D8s_v3 (0.400) equals skypilot-org/skypilot-catalog ``catalogs/v6/azure/vms.csv``
  (commit 098741e70562f65d7af1cceb81e33b284f742604). The snapshot is three years old: a price
  file replaces it.
- Front Door Standard's monthly base fee, from Microsoft Learn's "Compare the pricing of Azure CDN
  Standard Microsoft and Azure Front Door" (``MicrosoftDocs/azure-docs``
  ``articles/frontdoor/compare-cdn-front-door-price.md`` at commit
  0b8729eaf7eb0aabc6390cb17348d19761285f12, ms.date 2026-05-04), which gives the base fee as one
  figure while the usage meters "vary" by zone; the page calls its prices examples.

Not sourced, so "not priced": every other meter (AKS Standard tier, PostgreSQL, Redis, Application
Gateway, Service Bus, Log Analytics, Key Vault, Container Registry, private endpoints, public IPs):
Microsoft's pricing pages render their figures client-side (stored copies show "$-") and no stored
dataset or Microsoft text states a Korea Central (or region-independent) USD figure for them.

Replace the table with a response of the Azure Retail Prices API
(https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices),
e.g. ``curl -s "https://prices.azure.com/api/retail/prices?\\$filter=armRegionName eq 'koreacentral'"``
(follow ``NextPageLink`` for more pages, concatenate the ``Items``). Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Price:
    """One retail price: ``usd`` per ``unit`` of a meter in ``region`` (the API's field names)."""

    region: str
    """``armRegionName`` (``koreacentral``; ``global`` for Front Door's base fee)."""
    service: str
    """``serviceName``."""
    product: str
    """``productName``."""
    sku: str
    """``skuName``."""
    arm_sku: str
    """``armSkuName`` (empty for most non-compute meters)."""
    meter: str
    """``meterName``."""
    unit: str
    """``unitOfMeasure`` (``1 Hour``, ``1 GB/Month``, ``1/Month``, ``1 GB``, ``1/Day``)."""
    usd: float
    source: str
    """Where the figure is stated: a file with its commit, a page's URL, or a price file."""
    read: str
    """The date the source states the figure for (a snapshot's generation date, a page's date, a
    price's ``effectiveStartDate``)."""


@dataclass(frozen=True)
class Meter:
    """Which prices apply to a quantity: fields left ``None`` match anything.

    The names follow the Retail Prices API's documented fields; they were not checked against a live
    response (no network here). A selector that matches no price, or several, leaves its line
    "not priced", never at USD 0.
    """

    service: str
    meter: str | None = None
    product: str | None = None
    sku: str | None = None
    arm_sku: str | None = None
    linux: bool = False
    """Leave out Windows products (``productName`` containing ``Windows``)."""

    def matches(self, price: Price) -> bool:
        wanted = (
            (self.service, price.service),
            (self.meter, price.meter),
            (self.product, price.product),
            (self.sku, price.sku),
            (self.arm_sku, price.arm_sku),
        )
        if any(want is not None and want != have for want, have in wanted):
            return False
        if any(x in price.sku for x in ("Spot", "Low Priority")):
            return False  # preemptible capacity is not what a node pool or server runs on
        return not (self.linux and "Windows" in price.product)

    def label(self) -> str:
        parts = (self.service, self.product, self.arm_sku or self.sku, self.meter)
        return " / ".join(x for x in parts if x)


KARPENTER_SNAPSHOT: Final = (
    "github.com/Azure/karpenter-provider-azure/blob/0499866a0874e27363395146ad4ecf5dac208e6d/"
    "pkg/providers/pricing/zz_generated.pricing.go (Microsoft's Retail Prices API snapshot, Linux pay-as-you-go)"
)
KARPENTER_SNAPSHOT_DATE: Final = "2023-12-18"
FRONT_DOOR_PRICING: Final = (
    "github.com/MicrosoftDocs/azure-docs/blob/0b8729eaf7eb0aabc6390cb17348d19761285f12/articles/frontdoor/"
    "compare-cdn-front-door-price.md (learn.microsoft.com/azure/frontdoor/compare-cdn-front-door-price: "
    "monthly base fee, the page's prices are examples)"
)
FRONT_DOOR_PRICING_DATE: Final = "2026-05-04"


def _vm(region: str, size: str, usd: float) -> Price:
    """A VM price as the snapshot states it: ``armSkuName`` → USD per hour (no product, SKU or meter
    name in the source)."""
    return Price(
        region, "Virtual Machines", "", "", size, "", "1 Hour", usd, KARPENTER_SNAPSHOT, KARPENTER_SNAPSHOT_DATE
    )


PRICE_TABLE: Final[tuple[Price, ...]] = (
    _vm("koreacentral", "Standard_D2s_v3", 0.123),
    _vm("koreacentral", "Standard_D4s_v3", 0.246),
    _vm("koreacentral", "Standard_D8s_v3", 0.492),
    # service/sku/meter are the selector's names in cost.py (the page states the figure, not the meter).
    Price(
        "global",
        "Azure Front Door Service",
        "",
        "Standard",
        "",
        "Standard Base Fees",
        "1/Month",
        35.0,
        FRONT_DOOR_PRICING,
        FRONT_DOOR_PRICING_DATE,
    ),
)
"""Pinned prices, each with its source and date (see the module docstring); a price file replaces them."""
