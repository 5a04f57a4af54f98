"""Which attributes of a resource matter to an architect, and how a value reads in the report.

A resource body is flattened to dotted keys (``default_node_pool.zones``; a block list keyed by
its items' ``name`` or ``location``: ``georeplications[koreasouth].zone_redundancy_enabled``).
A key belongs to the first aspect whose pattern matches its last part; keys of no aspect
(names, tags, wiring) count as "other changes" only.
"""

from __future__ import annotations

import re
from typing import Any

from ..diagrams.model import literal
from ..diagrams.parse import Stack
from ..reader import ExprKind, expression, references_in

ASPECTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("TLS", r"tls|ssl"),
        (
            "public access",
            r"public_network_access\w*|private_cluster_enabled|anonymous_pull_enabled|default_action"
            r"|ip_rules|authorized_ip_ranges|allow_nested_items_to_be_public|local_auth\w*|admin_enabled",
        ),
        ("SKU/tier", r"sku|sku_name|sku_tier|tier|family|vm_size|account_tier|storage_tier|account_kind"),
        (
            "capacity",
            r"capacity|node_count|min_count|max_count|min_capacity|max_capacity|shard_count"
            r"|replicas_per_primary|storage_mb|max_pods|premium_messaging_partitions|daily_quota_gb",
        ),
        ("zones", r"zones|zone|standby_availability_zone|zone_redundan\w*"),
        ("backup/retention", r"\w*backup\w*|\w*retention\w*|soft_delete\w*|purge_protection\w*"),
        (
            "replication",
            r"\w*replication\w*|georeplications|geo_redundant\w*|create_mode|source_server_id"
            r"|partner_namespace_id",
        ),
        ("region", r"location"),
        ("version", r"\w*version"),
        ("identity", r"type|identity_ids|principal_id|role_definition_name|scope"),
    )
)
"""(aspect, pattern on a key's last part), first match wins: ``minimum_tls_version`` is TLS."""

SKIP = frozenset({"//", "tags", "depends_on", "lifecycle", "provider", "timeouts"})
_KEY_PART = re.compile(r"\[[^\]]*\]")


def aspect(key: str) -> str | None:
    """The aspect of a flattened key, None for keys no architect reviews."""
    parts = _KEY_PART.sub("", key).split(".")
    last = parts[-1]
    if "high_availability" in parts:
        return "zones"  # HA mode and standby zone decide zone redundancy
    if last in ("type", "identity_ids") and "identity" not in parts[:-1]:
        return None  # only an identity block's type says who the resource is
    for name, pattern in ASPECTS:
        if pattern.fullmatch(last):
            return name
    return None


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Dotted key → scalar or list of scalars; single blocks looked into, block lists keyed."""
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict):
        value = value[0]
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key in sorted(value):
            if key not in SKIP:
                flat.update(flatten(value[key], f"{prefix}.{key}" if prefix else key))
        return flat
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        flat = {}
        for index, item in enumerate(value):
            name = item.get("name") or item.get("location") or index
            flat.update(flatten(item, f"{prefix}[{name}]"))
        return flat
    return {prefix: value}


def show(stack: Stack, value: Any) -> str:
    """A value as the report prints it: literals plain, a reference as the construct path it names
    when it does not resolve to a literal, other expressions as written."""
    if isinstance(value, list):
        return "[" + ", ".join(show(stack, v) for v in value) + "]"
    resolved = stack.resolve(value)
    if isinstance(resolved, str) and "${" in resolved:
        expr = expression(resolved)
        # ``${azurerm_redis_cache.c.identity[0].principal_id}`` names one block too
        targets = {t for t, _ in references_in(resolved) if t in stack.resources}
        if expr.kind is ExprKind.REFERENCE and expr.target in stack.resources:
            targets = {expr.target}
        if len(targets) == 1:
            target = stack.resources[targets.pop()]
            return target.path or target.address
    if isinstance(resolved, list):
        return show(stack, resolved)
    text = literal(resolved) if not isinstance(resolved, dict) else None
    return text if text is not None else "none"
