"""Monthly cost of a synthesized stack: quantities from the JSON, prices from a table (T-6).

Every quantity comes from the resource that carries it (construct path per line), at minimum and
at maximum scale (node pools at min and max count, the gateway at min and max capacity). Prices
come from ``config.price_table.PRICE_TABLE`` or from a file in the Azure Retail Prices API's JSON
format (``load_price_file``). A line whose meter has no price, or whose quantity the synthesized JSON
does not hold (data transfer, storage used), is "not priced": it is listed, never counted as USD 0.
Standard library only; the stack is read through ``synthesized``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config.price_table import PRICE_TABLE, Meter, Price
from .synthesized import Resource, Stack, of_type, where

HOURS = 730
"""Hours in a month, as the Azure pricing calculator counts them (8,760 / 12)."""
DAYS = HOURS / 24
CAPACITY_UNITS_PER_INSTANCE = 10
"""Application Gateway v2: "Each instance is roughly equivalent to 10 more reserved Capacity Units"
(https://learn.microsoft.com/azure/application-gateway/application-gateway-autoscaling-zone-redundant,
read 2026-12-01)."""


class PriceFileError(ValueError):
    """A price file that cannot be used: the message names the file, the item and the field."""


@dataclass(frozen=True)
class Line:
    """One billed quantity: ``minimum``..``maximum`` units of ``meter`` for the resource at ``path``."""

    component: str
    """The row of the design's section 11 table this line belongs to."""
    item: str
    path: str
    region: str
    meter: Meter | None
    """``None``: no meter prices this line from the synthesized JSON alone (see ``note``)."""
    unit: str
    minimum: float
    maximum: float
    note: str = ""


@dataclass(frozen=True)
class PricedLine:
    line: Line
    price: Price | None
    why_not: str = ""

    @property
    def usd_min(self) -> float | None:
        return None if self.price is None else self.price.usd * self.line.minimum

    @property
    def usd_max(self) -> float | None:
        return None if self.price is None else self.price.usd * self.line.maximum


# The design's section 11 table (T-6): component, specification, USD per month.
SEED_TABLE = (
    ("AKS nodes", "D8s_v3 × 6", 2400),
    ("PostgreSQL", "GP Standard_D8s_v3", 900),
    ("Redis", "Premium P4", 500),
    ("Application Gateway", "Standard_v2", 300),
    ("Service Bus", "Premium", 300),
    ("Front Door", "Standard", 200),
    ("Load Balancer", "Standard", 100),
    ("Storage", "Premium SSD", 200),
    ("Networking", "data transfer", 400),
    ("Monitoring", "Log Analytics", 200),
)
SEED_TOTAL = 5600
SEED_OPTIMISED = 4200
SEED_RESERVED_NOTE = "Reserved Instances (30 % saving) on the AKS nodes"
OTHER = "Other (not in section 11)"


@dataclass(frozen=True)
class CostReport:
    environment: str
    lines: tuple[PricedLine, ...]
    price_source: str

    @property
    def not_priced(self) -> tuple[PricedLine, ...]:
        return tuple(p for p in self.lines if p.price is None)

    @property
    def total_min(self) -> float:
        """Sum of the priced lines at minimum scale (the not-priced lines come on top)."""
        return sum(p.usd_min or 0.0 for p in self.lines)

    @property
    def total_max(self) -> float:
        return sum(p.usd_max or 0.0 for p in self.lines)

    def component(self, name: str) -> tuple[float | None, float | None, int]:
        """USD at min and max of one section-11 component (``None`` if nothing of it is priced), and
        how many of its lines are not priced."""
        lines = [p for p in self.lines if p.line.component == name]
        priced = [p for p in lines if p.price is not None]
        if not priced:
            return None, None, len(lines)
        return (
            sum(p.usd_min or 0.0 for p in priced),
            sum(p.usd_max or 0.0 for p in priced),
            len(lines) - len(priced),
        )


# ---------------------------------------------------------------------------------- quantities
def quantities(stack: Stack) -> tuple[Line, ...]:
    """Every billed quantity of the stack, in a stable order."""
    lines: list[Line] = []
    for cluster in of_type(stack, "azurerm_kubernetes_cluster"):
        lines.append(_pool(cluster, cluster.get("default_node_pool") or {}, f"{where(cluster)} (default pool)"))
        tier = str(cluster.get("sku_tier") or "Free")
        if tier != "Free":
            meter = Meter("Azure Kubernetes Service", sku=tier)
            lines.append(
                Line(OTHER, f"AKS {tier} tier", where(cluster), _region(cluster), meter, "1 Hour", HOURS, HOURS)
            )
    for pool in of_type(stack, "azurerm_kubernetes_cluster_node_pool"):
        lines.append(_pool(pool, pool.body, where(pool), _pool_region(stack, pool)))
    for server in of_type(stack, "azurerm_postgresql_flexible_server"):
        lines.extend(_postgres(server))
    for cache in of_type(stack, "azurerm_redis_cache"):
        lines.append(_redis(cache))
    for gateway in of_type(stack, "azurerm_application_gateway"):
        lines.extend(_gateway(gateway))
    for namespace in of_type(stack, "azurerm_servicebus_namespace"):
        lines.append(_service_bus(namespace))
    for profile in of_type(stack, "azurerm_cdn_frontdoor_profile"):
        tier = str(profile.get("sku_name")).split("_", 1)[0]
        meter = Meter("Azure Front Door Service", sku=tier, meter=f"{tier} Base Fees")
        lines.append(
            Line("Front Door", f"Front Door {tier} base fee", where(profile), "global", meter, "1/Month", 1, 1)
        )
    for workspace in of_type(stack, "azurerm_log_analytics_workspace"):
        lines.append(_workspace(workspace))
    for vault in of_type(stack, "azurerm_key_vault"):
        hsm = [k for k in of_type(stack, "azurerm_key_vault_key") if str(k.get("key_type")).endswith("-HSM")]
        if hsm:
            meter = Meter("Key Vault", sku="Premium", meter="Premium HSM-protected RSA 2048-bit key")
            lines.append(
                Line(OTHER, f"{len(hsm)} HSM keys", where(vault), _region(vault), meter, "1/Month", len(hsm), len(hsm))
            )
    for registry in of_type(stack, "azurerm_container_registry"):
        sku = str(registry.get("sku"))
        copies = 1 + len(registry.get("georeplications") or [])
        meter = Meter("Container Registry", sku=sku, meter=f"{sku} Registry Unit")
        item = f"Registry {sku} × {copies} (geo-replicas included)"
        lines.append(
            Line(OTHER, item, where(registry), _region(registry), meter, "1/Day", copies * DAYS, copies * DAYS)
        )
    for firewall in of_type(stack, "azurerm_firewall"):
        tier = str(firewall.get("sku_tier"))
        meter = Meter("Azure Firewall", sku=tier, meter=f"{tier} Deployment")
        lines.append(Line(OTHER, f"Firewall {tier}", where(firewall), _region(firewall), meter, "1 Hour", HOURS, HOURS))
    endpoints = list(of_type(stack, "azurerm_private_endpoint"))
    for endpoint in endpoints:
        meter = Meter("Virtual Network", meter="Standard Private Endpoint")
        lines.append(
            Line("Networking", "Private endpoint", where(endpoint), _region(endpoint), meter, "1 Hour", HOURS, HOURS)
        )
    for address in of_type(stack, "azurerm_public_ip"):
        meter = Meter("Virtual Network", sku=str(address.get("sku")), meter="Static IP Address Usage")
        lines.append(
            Line("Networking", "Public IP (static)", where(address), _region(address), meter, "1 Hour", HOURS, HOURS)
        )
    for account in of_type(stack, "azurerm_storage_account"):
        note = STORAGE_USED
        item = f"Storage {account.get('account_tier')} {account.get('account_replication_type')}"
        lines.append(Line("Storage", item, where(account), _region(account), None, "1 GB/Month", 0, 0, note))
    stack_path = "(stack)"
    lines.append(Line("Load Balancer", "AKS outbound load balancer", stack_path, "", None, "", 0, 0, AKS_MANAGED))
    lines.append(Line("Networking", "Data transfer", stack_path, "", None, "", 0, 0, USAGE))
    return tuple(lines)


STORAGE_USED = "capacity used is not in the synthesized JSON"
USAGE = "usage, not configuration"
AKS_MANAGED = "created by AKS in its node resource group, not in the synthesized JSON"


def _region(resource: Resource) -> str:
    return str(resource.get("location") or "")


def _pool_region(stack: Stack, pool: Resource) -> str:
    cluster = next((r.target for r in stack.refs_from(pool.address) if r.at == "kubernetes_cluster_id"), None)
    return _region(stack.resources[cluster]) if cluster else ""


def _pool(owner: Resource, pool: dict[str, Any], path: str, region: str | None = None) -> Line:
    size = str(pool.get("vm_size"))
    if pool.get("auto_scaling_enabled"):
        low, high = int(pool.get("min_count") or 0), int(pool.get("max_count") or 0)
    else:
        low = high = int(pool.get("node_count") or 0)
    meter = Meter("Virtual Machines", arm_sku=size, linux=True)
    item = f"{pool.get('name')} pool: {size} × {low}–{high}"
    return Line(
        "AKS nodes",
        item,
        path,
        region if region is not None else _region(owner),
        meter,
        "1 Hour",
        low * HOURS,
        high * HOURS,
    )


_VCORES = re.compile(r"^(?:GP|MO)_Standard_[DE](\d+)")


def _postgres(server: Resource) -> list[Line]:
    sku = str(server.get("sku_name"))
    ha = server.get("high_availability.mode")
    copies = 2 if ha else 1  # the HA standby is billed like the primary
    role = "replica" if server.get("create_mode") == "Replica" else "primary"
    name = f"PostgreSQL {role} {server.get('name')}" + (" + HA standby" if ha else "")
    region = _region(server)
    match = _VCORES.match(sku)
    lines = []
    if match:
        vcores = int(match.group(1)) * copies
        product = "Az DB for PostgreSQL Flexible Server General Purpose Dsv3 Series Compute"
        meter = Meter("Azure Database for PostgreSQL", product=product, meter="vCore")
        lines.append(
            Line(
                "PostgreSQL",
                f"{name}: {sku}, {vcores} vCores",
                where(server),
                region,
                meter,
                "1 Hour",
                vcores * HOURS,
                vcores * HOURS,
            )
        )
    else:
        note = f"no vCore meter for SKU {sku}"
        lines.append(Line("PostgreSQL", f"{name}: {sku}", where(server), region, None, "1 Hour", HOURS, HOURS, note))
    gb = int(server.get("storage_mb") or 0) / 1024 * copies
    meter = Meter(
        "Azure Database for PostgreSQL",
        product="Az DB for PostgreSQL Flexible Server Storage",
        meter="Storage Data Stored",
    )
    lines.append(Line("Storage", f"{name}: storage {gb:g} GB", where(server), region, meter, "1 GB/Month", gb, gb))
    return lines


def _redis(cache: Resource) -> Line:
    size = f"{cache.get('family')}{cache.get('capacity')}"
    shards = int(cache.get("shard_count") or 1)
    replicas = int(cache.get("replicas_per_primary") or 1)
    nodes = shards * (1 + replicas)
    meter = Meter("Redis Cache", sku=size, meter=f"{size} Cache Instance")
    item = f"Redis {cache.get('sku_name')} {size}: {shards} shards × {1 + replicas} nodes"
    note = "counted per cache node (primary or replica)"
    return Line("Redis", item, where(cache), _region(cache), meter, "1 Hour", nodes * HOURS, nodes * HOURS, note)


def _gateway(gateway: Resource) -> list[Line]:
    sku = str(gateway.get("sku.name"))  # WAF_v2 / Standard_v2
    label = sku.replace("_", " ")
    region = _region(gateway)
    autoscale = gateway.get("autoscale_configuration") or {}
    low = int(autoscale.get("min_capacity", gateway.get("sku.capacity") or 0))
    high = int(autoscale.get("max_capacity", low))
    fixed = Meter("Application Gateway", sku=label, meter=f"{label} Fixed Cost")
    units = Meter("Application Gateway", sku=label, meter=f"{label} Capacity Unit")
    per = CAPACITY_UNITS_PER_INSTANCE * HOURS
    return [
        Line("Application Gateway", f"Gateway {sku} fixed", where(gateway), region, fixed, "1 Hour", HOURS, HOURS),
        Line(
            "Application Gateway",
            f"Gateway capacity units: {low}–{high} instances × {CAPACITY_UNITS_PER_INSTANCE}",
            where(gateway),
            region,
            units,
            "1 Hour",
            low * per,
            high * per,
            "reserved at min capacity; max if traffic holds it at max",
        ),
    ]


def _service_bus(namespace: Resource) -> Line:
    sku = str(namespace.get("sku"))
    region = _region(namespace)
    if sku == "Premium":
        units = int(namespace.get("capacity") or 1)
        meter = Meter("Service Bus", sku="Premium", meter="Premium Messaging Unit")
        item = f"Service Bus {namespace.get('name')}: {units} messaging units"
        return Line("Service Bus", item, where(namespace), region, meter, "1 Hour", units * HOURS, units * HOURS)
    meter = Meter("Service Bus", sku=sku, meter=f"{sku} Base Unit")
    note = "operations are usage, not configuration"
    return Line(
        "Service Bus",
        f"Service Bus {namespace.get('name')}: {sku} base",
        where(namespace),
        region,
        meter,
        "1 Hour",
        HOURS,
        HOURS,
        note,
    )


def _workspace(workspace: Resource) -> Line:
    cap = workspace.get("daily_quota_gb")
    meter = Meter("Log Analytics", meter="Analytics Logs Data Ingestion")
    if cap is None or float(cap) < 0:
        return Line(
            "Monitoring",
            "Log Analytics ingestion",
            where(workspace),
            _region(workspace),
            None,
            "1 GB",
            0,
            0,
            "no daily cap: ingestion is usage",
        )
    gb = float(cap) * DAYS
    item = f"Log Analytics ingestion at the daily cap {cap} GB × {DAYS:.1f} days"
    return Line(
        "Monitoring", item, where(workspace), _region(workspace), meter, "1 GB", gb, gb, "at the cap, both scales"
    )


# ---------------------------------------------------------------------------------- prices
def price_lines(lines: tuple[Line, ...], prices: tuple[Price, ...]) -> tuple[PricedLine, ...]:
    """Each line with the one price that matches its meter, region and unit, or why none does."""
    out = []
    for line in lines:
        if line.meter is None:
            out.append(PricedLine(line, None, line.note or "no quantity in the synthesized JSON"))
            continue
        meter = line.meter
        found = [p for p in prices if p.region == line.region and meter.matches(p)]
        same_unit = [p for p in found if p.unit == line.unit]
        if len(same_unit) == 1:
            out.append(PricedLine(line, same_unit[0]))
        elif not found:
            out.append(PricedLine(line, None, f"no price for {meter.label()} in {line.region or 'any region'}"))
        elif not same_unit:
            units = ", ".join(sorted({p.unit for p in found}))
            out.append(PricedLine(line, None, f"price unit {units}, quantity in {line.unit}"))
        else:
            out.append(PricedLine(line, None, f"{len(same_unit)} prices match {meter.label()}"))
    return tuple(out)


def assess(stack: Stack, prices: tuple[Price, ...] | None = None, source: str = "pinned table") -> CostReport:
    """The monthly cost of ``stack`` with ``prices`` (default: the pinned table)."""
    table = PRICE_TABLE if prices is None else prices
    return CostReport(stack.environment, price_lines(quantities(stack), table), source)


# ---------------------------------------------------------------------------------- price file
_TEXT_FIELDS = ("armRegionName", "serviceName", "productName", "skuName", "meterName", "unitOfMeasure")


def load_price_file(file: Path) -> tuple[Price, ...]:
    """Consumption prices in USD from a Retail Prices API response; raises ``PriceFileError``."""
    file = Path(file)
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PriceFileError(f"{file}: cannot read a JSON document ({error})") from None
    return parse_prices(document, file.name)


def parse_prices(document: Any, name: str) -> tuple[Price, ...]:
    """The ``Items`` of a Retail Prices API response as prices (reservations, savings plans and
    dev/test rates are left out: the totals are pay-as-you-go)."""
    if not isinstance(document, dict) or not isinstance(document.get("Items"), list):
        raise PriceFileError(f"{name}: expected an object with a list 'Items' (Azure Retail Prices API format)")
    prices = []
    for index, item in enumerate(document["Items"]):
        at = f"{name}: Items[{index}]"
        if not isinstance(item, dict):
            raise PriceFileError(f"{at}: expected an object, got {type(item).__name__}")
        for key in _TEXT_FIELDS:
            if not isinstance(item.get(key), str) or not item[key]:
                raise PriceFileError(f"{at}.{key}: expected a non-empty string, got {item.get(key)!r}")
        usd = item.get("unitPrice", item.get("retailPrice"))
        if isinstance(usd, bool) or not isinstance(usd, int | float) or usd < 0:
            raise PriceFileError(f"{at}.unitPrice: expected a number ≥ 0, got {usd!r}")
        if item.get("currencyCode", "USD") != "USD":
            raise PriceFileError(f"{at}.currencyCode: expected 'USD', got {item.get('currencyCode')!r}")
        if item.get("type", "Consumption") != "Consumption":
            continue
        read = str(item.get("effectiveStartDate") or "")[:10]
        prices.append(
            Price(
                item["armRegionName"],
                item["serviceName"],
                item["productName"],
                item["skuName"],
                str(item.get("armSkuName") or ""),
                item["meterName"],
                item["unitOfMeasure"],
                float(usd),
                f"{name} (Azure Retail Prices API)",
                read,
            )
        )
    return tuple(prices)
