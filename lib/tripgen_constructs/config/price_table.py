"""Azure retail prices as data: the pinned table, and the meters our quantities are priced by.

The pinned table holds only prices read from a citable page, with the page and the date. None of
the pages in reach (Microsoft's pricing pages render their figures client-side; their stored copies
show "$-") stated a Korea Central or any other regional USD price for the meters below, so the
pinned table is empty and every line is "not priced" until a price file is given: a response of
the Azure Retail Prices API (https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices),
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
    read: str


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


PRICE_TABLE: Final[tuple[Price, ...]] = ()
"""Pinned prices: none could be sourced (see the module docstring); a price file replaces it."""
