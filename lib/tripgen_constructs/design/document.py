"""Render one stack's design document (Markdown) in the design's structure, in English or Korean.

Tables are filled from the synthesized JSON (through ``synthesized``) and the workload layer's
summary; each row names the construct path it was read from. The SLA and cost sections come from
``tripgen_constructs.sla`` and ``tripgen_constructs.cost``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from ..config.sla_table import SlaRow
from ..cost import SEED_OPTIMISED, SEED_RESERVED_NOTE, SEED_TABLE, SEED_TOTAL, CostReport
from ..sla import MONTH_MINUTES, SlaReport
from ..synthesized import Stack, Workloads, of_type, resources, where
from .text import ENV_LABELS_KO, KO_PATTERNS, KO_TERMS, LANGUAGES

Row = Sequence[Any]


class _Doc:
    def __init__(self, lang: str) -> None:
        self.t = LANGUAGES[lang]
        self.lang = lang
        self.out: list[str] = []

    def heading(self, level: int, key: str) -> None:
        self.out += ["#" * level + " " + self.t[key], ""]

    def para(self, text: str) -> None:
        self.out += [text, ""]

    def term(self, text: str) -> str:
        """``text`` in the document's language (fixed phrases of the SLA and cost reports)."""
        if self.lang != "ko":
            return text
        parts = []
        for part in text.split(" + "):
            for pattern, replacement in KO_PATTERNS:
                part = re.sub(pattern, replacement, part)
            parts.append(KO_TERMS.get(part, part))
        return " + ".join(parts)

    def table(self, keys: Sequence[str], rows: Iterable[Row]) -> None:
        rows = list(rows)
        if not rows:
            self.para(f"({self.t['none']})")
            return
        self.out.append("| " + " | ".join(self.t[k] for k in keys) + " |")
        self.out.append("|" + "---|" * len(keys))
        for row in rows:
            self.out.append("| " + " | ".join(_cell(self, v) for v in row) + " |")
        self.out.append("")

    def text(self) -> str:
        return "\n".join(self.out).rstrip() + "\n"


def _cell(doc: _Doc, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return doc.t["yes"] if value else doc.t["no"]
    if isinstance(value, list | tuple):
        return ", ".join(_cell(doc, v) for v in value)
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    return str(value).replace("|", "\\|").replace("\n", " ")


def _code(path: str) -> str:
    return f"`{path}`"


def render(
    stack: Stack,
    workloads: Workloads | None,
    sla: SlaReport,
    cost: CostReport,
    diagrams: dict[str, str],
    lang: str = "en",
) -> str:
    """The document for ``stack``; ``diagrams`` maps ``physical``/``network`` to image paths."""
    doc = _Doc(lang)
    env = stack.environment
    title = doc.t["title"].format(env=ENV_LABELS_KO.get(env, env) if lang == "ko" else env)
    doc.out += [f"# {title}", "", doc.t["generated"].format(stack=stack.name), ""]
    _overview(doc, stack, sla, diagrams)
    _compute(doc, stack, workloads, env)
    _network(doc, stack, diagrams)
    _routing(doc, stack)
    _data(doc, stack)
    _messaging(doc, stack)
    _security(doc, stack)
    _observability(doc, stack)
    _dr(doc, stack)
    _cost(doc, cost)
    _sla(doc, sla)
    return doc.text()


def _overview(doc: _Doc, stack: Stack, sla: SlaReport, diagrams: dict[str, str]) -> None:
    doc.heading(2, "overview")
    groups = sorted(of_type(stack, "azurerm_resource_group"), key=lambda g: "dr" in (g.path or ""))
    rows: list[Row] = [(doc.t["environment"], stack.environment, "–"), (doc.t["stack"], stack.name, "–")]
    for group in groups:
        key = "dr_region" if "dr" in (group.path or "") else "region"
        rows.append((doc.t[key], group.get("location"), _code(where(group))))
    if not any(g for g in groups if "dr" in (g.path or "")):
        rows.append((doc.t["dr_region"], doc.t["none"], "–"))
    rows.append((doc.t["resources"], sum(1 for _ in resources(stack)), "–"))
    rows.append(
        (
            doc.t["target"],
            f"{sla.target} %" if sla.target is not None else doc.t["no_target"],
            f"`apps/{stack.environment}/config.py`",
        )
    )
    doc.table(("item", "value", "path"), rows)
    if "physical" in diagrams:
        doc.para(f"![{doc.t['diagram_physical']}]({diagrams['physical']})")


def _compute(doc: _Doc, stack: Stack, workloads: Workloads | None, env: str) -> None:
    doc.heading(2, "compute")
    for cluster in of_type(stack, "azurerm_kubernetes_cluster"):
        doc.heading(3, "cluster")
        path = _code(where(cluster))
        network = cluster.get("network_profile") or {}
        rows: list[Row] = [
            (doc.t["k8s_version"], cluster.get("kubernetes_version"), path),
            (doc.t["service_tier"], cluster.get("sku_tier") or "Free", path),
            (doc.t["network_plugin"], network.get("network_plugin"), path),
            (doc.t["network_policy"], network.get("network_policy"), path),
            (doc.t["private_cluster"], bool(cluster.get("private_cluster_enabled")), path),
            (
                doc.t["entra_rbac"],
                bool(cluster.get("azure_active_directory_role_based_access_control.azure_rbac_enabled")),
                path,
            ),
            (doc.t["ingress"], "AGIC" if cluster.get("ingress_application_gateway") else None, path),
            (doc.t["mesh"], cluster.get("service_mesh_profile.mode"), path),
        ]
        doc.table(("item", "value", "path"), rows)
    doc.heading(3, "pools")
    pools: list[Row] = []
    for cluster in of_type(stack, "azurerm_kubernetes_cluster"):
        pools.append(_pool_row(cluster.get("default_node_pool") or {}, f"{where(cluster)} (default_node_pool)"))
    for pool in of_type(stack, "azurerm_kubernetes_cluster_node_pool"):
        pools.append(_pool_row(pool.body, where(pool)))
    doc.table(("pool", "vm_size", "nodes", "min", "max", "zones", "taints", "path"), pools)
    doc.heading(3, "services")
    if workloads is None:
        doc.para(doc.t["no_workloads"].format(env=env))
        return
    doc.table(
        ("service", "replicas", "hpa", "path"),
        [
            (s.name, s.replicas, f"{s.min_replicas}–{s.max_replicas}", _code(workloads.pool_path))
            for s in workloads.services
        ],
    )
    doc.para(doc.t["workloads_source"].format(file=f"k8s/{env}/{workloads.file.name}"))


def _pool_row(pool: dict[str, Any], path: str) -> Row:
    taints = pool.get("node_taints") or (
        ["CriticalAddonsOnly=true:NoSchedule"] if pool.get("only_critical_addons_enabled") else []
    )
    return (
        pool.get("name"),
        pool.get("vm_size"),
        pool.get("node_count"),
        pool.get("min_count"),
        pool.get("max_count"),
        pool.get("zones") or [],
        taints,
        _code(path),
    )


def _network(doc: _Doc, stack: Stack, diagrams: dict[str, str]) -> None:
    doc.heading(2, "network")
    if "network" in diagrams:
        doc.para(f"![{doc.t['diagram_network']}]({diagrams['network']})")
    doc.heading(3, "vnets")
    doc.table(
        ("vnet", "address_space", "region", "path"),
        [
            (v.get("name"), v.get("address_space"), v.get("location"), _code(where(v)))
            for v in of_type(stack, "azurerm_virtual_network")
        ],
    )
    doc.heading(4, "subnets")
    rows: list[Row] = []
    for subnet in sorted(of_type(stack, "azurerm_subnet"), key=lambda s: s.get("address_prefixes") or []):
        vnet = stack.resolve(subnet.get("virtual_network_name"))
        delegations = [
            d.get("service_delegation", {}).get("name") for d in subnet.get("delegation") or [] if isinstance(d, dict)
        ]
        if isinstance(subnet.body.get("delegation"), dict):
            delegations = [subnet.get("delegation.service_delegation.name")]
        rows.append(
            (
                vnet,
                subnet.get("name"),
                subnet.get("address_prefixes"),
                subnet.get("service_endpoints") or [],
                delegations,
                subnet.get("private_endpoint_network_policies"),
                _code(where(subnet)),
            )
        )
    doc.table(("vnet", "subnet", "prefix", "endpoints", "delegation", "pe_policies", "path"), rows)
    doc.heading(3, "nsgs")
    rules: list[Row] = []
    for nsg in of_type(stack, "azurerm_network_security_group"):
        own = nsg.get("security_rule") or []
        if isinstance(own, dict):
            own = [own]
        if not own:
            rules.append(
                (nsg.get("name"), doc.t["no_rules"], None, None, None, None, None, None, None, _code(where(nsg)))
            )
        for rule in sorted(own, key=lambda r: (r.get("direction") != "Inbound", r.get("priority"))):
            rules.append(
                (
                    nsg.get("name"),
                    rule.get("direction"),
                    rule.get("name"),
                    rule.get("priority"),
                    rule.get("protocol"),
                    rule.get("destination_port_range") or rule.get("destination_port_ranges"),
                    rule.get("source_address_prefix") or rule.get("source_address_prefixes"),
                    rule.get("destination_address_prefix") or rule.get("destination_address_prefixes"),
                    rule.get("access"),
                    _code(where(nsg)),
                )
            )
    doc.table(
        ("nsg", "direction", "rule", "priority", "protocol", "ports", "source", "destination", "access", "path"), rules
    )


def _routing(doc: _Doc, stack: Stack) -> None:
    doc.heading(2, "routing")
    for gateway in of_type(stack, "azurerm_application_gateway"):
        doc.heading(3, "gateway")
        path = _code(where(gateway))
        scale = gateway.get("autoscale_configuration") or {}
        frontends = [
            f"{f.get('name')}: {f.get('private_ip_address') or doc.term('static public IP')}"
            for f in gateway.get("frontend_ip_configuration") or []
        ]
        ports = {p.get("name"): p.get("port") for p in gateway.get("frontend_port") or []}
        listeners = [
            f"{x.get('name')} ({x.get('protocol')} {ports.get(x.get('frontend_port_name'))})"
            for x in gateway.get("http_listener") or []
        ]
        maps = {m.get("name"): m for m in gateway.get("url_path_map") or []}
        rules = []
        for rule in gateway.get("request_routing_rule") or []:
            target = rule.get("backend_address_pool_name") or rule.get("redirect_configuration_name")
            for path_rule in (maps.get(rule.get("url_path_map_name")) or {}).get("path_rule") or []:
                target = f"{','.join(path_rule.get('paths') or [])} → {path_rule.get('backend_address_pool_name')}"
            rules.append(f"{rule.get('name')}: {target}")
        rows: list[Row] = [
            (doc.t["sku"], gateway.get("sku.name"), path),
            (doc.t["capacity"], f"{scale.get('min_capacity')}–{scale.get('max_capacity')}", path),
            (doc.t["zones"], gateway.get("zones") or [], path),
            (doc.t["frontends"], frontends, path),
            (doc.t["listeners"], listeners, path),
            (doc.t["rules"], rules, path),
            (doc.t["backend_pools"], [b.get("name") for b in gateway.get("backend_address_pool") or []], path),
        ]
        doc.table(("item", "value", "path"), rows)
    for policy in of_type(stack, "azurerm_web_application_firewall_policy"):
        doc.heading(3, "waf")
        path = _code(where(policy))
        managed = [f"{m.get('type')} {m.get('version')}" for m in policy.get("managed_rules.managed_rule_set") or []]
        custom = [
            f"{c.get('name')} ({c.get('rule_type')}"
            + (
                f", {c.get('rate_limit_threshold')}/{c.get('rate_limit_duration')}"
                if c.get("rate_limit_threshold")
                else ""
            )
            + f", {c.get('action')})"
            for c in policy.get("custom_rules") or []
        ]
        rows = [
            (doc.t["mode"], policy.get("policy_settings.mode"), path),
            (doc.t["managed_rules"], managed, path),
            (doc.t["custom_rules"], custom, path),
        ]
        doc.table(("item", "value", "path"), rows)
    for profile in of_type(stack, "azurerm_cdn_frontdoor_profile"):
        doc.heading(3, "front_door")
        routes = [
            f"{r.get('name')}: {','.join(r.get('patterns_to_match') or [])}"
            for r in of_type(stack, "azurerm_cdn_frontdoor_route")
        ]
        origins = [o.get("name") for o in of_type(stack, "azurerm_cdn_frontdoor_origin")]
        rows = [
            (doc.t["sku"], profile.get("sku_name"), _code(where(profile))),
            (doc.t["routes"], routes, "`perimeter/front-door/route-*`"),
            (doc.t["origins"], origins, "`perimeter/front-door/origin`"),
        ]
        doc.table(("item", "value", "path"), rows)


def _data(doc: _Doc, stack: Stack) -> None:
    doc.heading(2, "data")
    doc.heading(3, "postgres")
    rows: list[Row] = []
    for server in sorted(
        of_type(stack, "azurerm_postgresql_flexible_server"), key=lambda s: s.get("create_mode") == "Replica"
    ):
        replica = server.get("create_mode") == "Replica"
        rows.append(
            (
                server.get("name"),
                doc.t["replica" if replica else "primary"],
                server.get("location"),
                server.get("sku_name"),
                server.get("storage_mb"),
                server.get("high_availability.mode") or doc.t["none"],
                server.get("zone"),
                server.get("high_availability.standby_availability_zone"),
                server.get("backup_retention_days"),
                server.get("geo_redundant_backup_enabled"),
                _code(where(server)),
            )
        )
    keys = (
        "server",
        "role",
        "region",
        "sku",
        "storage_mb",
        "ha",
        "zone",
        "standby_zone",
        "backup_days",
        "geo_backup",
        "path",
    )
    doc.table(keys, rows)
    doc.heading(3, "redis")
    rows = []
    for cache in of_type(stack, "azurerm_redis_cache"):
        config = cache.get("redis_configuration") or {}
        persistence = (
            f"RDB {config.get('rdb_backup_frequency')} min"
            if config.get("rdb_backup_enabled")
            else ("AOF" if config.get("aof_backup_enabled") else doc.t["none"])
        )
        rows.append(
            (
                cache.get("name"),
                cache.get("sku_name"),
                f"{cache.get('family')}{cache.get('capacity')}",
                cache.get("shard_count"),
                cache.get("replicas_per_primary"),
                cache.get("zones") or [],
                persistence,
                cache.get("minimum_tls_version"),
                _code(where(cache)),
            )
        )
    doc.table(("cache", "sku", "size", "shards", "replicas_per_shard", "zones", "persistence", "tls", "path"), rows)


def _messaging(doc: _Doc, stack: Stack) -> None:
    doc.heading(2, "messaging")
    doc.heading(3, "namespaces")
    doc.table(
        ("namespace", "sku", "units", "partitions", "region", "path"),
        [
            (
                n.get("name"),
                n.get("sku"),
                n.get("capacity"),
                n.get("premium_messaging_partitions"),
                n.get("location"),
                _code(where(n)),
            )
            for n in of_type(stack, "azurerm_servicebus_namespace")
        ],
    )
    doc.heading(3, "queues")
    rows: list[Row] = []
    for queue in of_type(stack, "azurerm_servicebus_queue"):
        rows.append(
            (
                queue.get("name"),
                queue.get("max_size_in_megabytes"),
                bool(queue.get("requires_duplicate_detection")),
                bool(queue.get("requires_session")),
                bool(queue.get("dead_lettering_on_message_expiration")),
                queue.get("max_delivery_count"),
                queue.get("auto_delete_on_idle"),
                bool(queue.get("partitioning_enabled")),
                None,
                _code(where(queue)),
            )
        )
    subscriptions = list(of_type(stack, "azurerm_servicebus_subscription"))
    for topic in of_type(stack, "azurerm_servicebus_topic"):
        subs = [
            s.get("name") for s in subscriptions if any(r.target == topic.address for r in stack.refs_from(s.address))
        ]
        rows.append(
            (
                topic.get("name"),
                topic.get("max_size_in_megabytes"),
                bool(topic.get("requires_duplicate_detection")),
                None,
                None,
                None,
                topic.get("auto_delete_on_idle"),
                bool(topic.get("partitioning_enabled")),
                subs,
                _code(where(topic)),
            )
        )
    keys = (
        "entity",
        "max_size",
        "dedup",
        "sessions",
        "dead_letter",
        "max_delivery",
        "auto_delete",
        "partitions",
        "subscriptions",
        "path",
    )
    doc.table(keys, rows)


def _security(doc: _Doc, stack: Stack) -> None:
    doc.heading(2, "security")
    doc.heading(3, "key_vault")
    doc.table(
        ("vault", "sku", "purge", "rbac", "public", "path"),
        [
            (
                v.get("name"),
                v.get("sku_name"),
                bool(v.get("purge_protection_enabled")),
                bool(v.get("rbac_authorization_enabled")),
                bool(v.get("public_network_access_enabled")),
                _code(where(v)),
            )
            for v in of_type(stack, "azurerm_key_vault")
        ],
    )
    doc.heading(3, "private_endpoints")
    rows: list[Row] = []
    for endpoint in of_type(stack, "azurerm_private_endpoint"):
        targets = [
            stack.resources[r.target]
            for r in stack.refs_from(endpoint.address)
            if r.at.startswith("private_service_connection")
        ]
        subnet = stack.resolve(
            f"${{{next((r.target for r in stack.refs_from(endpoint.address) if r.at == 'subnet_id'), '')}.name}}"
        )
        rows.append((endpoint.get("name"), [t.get("name") for t in targets], subnet, _code(where(endpoint))))
    doc.table(("endpoint", "target_resource", "subnet", "path"), rows)
    doc.heading(3, "identities")
    doc.table(
        ("identity", "path"),
        [(i.get("name"), _code(where(i))) for i in of_type(stack, "azurerm_user_assigned_identity")],
    )


def _observability(doc: _Doc, stack: Stack) -> None:
    doc.heading(2, "observability")
    rows: list[Row] = []
    for workspace in of_type(stack, "azurerm_log_analytics_workspace"):
        path = _code(where(workspace))
        rows += [
            (doc.t["workspace"], workspace.get("name"), path),
            (doc.t["retention"], workspace.get("retention_in_days"), path),
            (doc.t["daily_cap"], workspace.get("daily_quota_gb"), path),
        ]
    for insights in of_type(stack, "azurerm_application_insights"):
        rows += [
            (doc.t["app_insights"], insights.get("name"), _code(where(insights))),
            (doc.t["sampling"], insights.get("sampling_percentage"), _code(where(insights))),
        ]
    doc.table(("item", "value", "path"), rows)
    doc.heading(3, "alerts")
    doc.table(("alert", "kind", "severity", "condition", "window", "path"), list(_alerts(stack)))


def _one(value: Any) -> dict[str, Any]:
    """A single-block attribute (synthesized as a one-item list or an object)."""
    if isinstance(value, list):
        value = value[0] if value else {}
    return value if isinstance(value, dict) else {}


def _alerts(stack: Stack) -> Iterable[Row]:
    for alert in of_type(stack, "azurerm_monitor_scheduled_query_rules_alert_v2"):
        criteria = _one(alert.get("criteria"))
        periods = _one(criteria.get("failing_periods"))
        window = f"{alert.get('window_duration')} × {periods.get('number_of_evaluation_periods', 1)}"
        condition = f"{criteria.get('operator')} {criteria.get('threshold')}"
        yield (alert.get("name"), "log", alert.get("severity"), condition, window, _code(where(alert)))
    for alert in of_type(stack, "azurerm_monitor_metric_alert"):
        criteria = _one(alert.get("criteria"))
        condition = f"{criteria.get('metric_name')} {criteria.get('operator')} {criteria.get('threshold')}"
        yield (
            alert.get("name"),
            "metric",
            alert.get("severity"),
            condition,
            alert.get("window_size"),
            _code(where(alert)),
        )
    for group in of_type(stack, "azurerm_monitor_alert_prometheus_rule_group"):
        rules = group.body.get("rule") or []
        for rule in rules if isinstance(rules, list) else [rules]:
            if rule.get("alert"):
                yield (
                    rule.get("alert"),
                    "prometheus",
                    rule.get("severity"),
                    rule.get("expression"),
                    rule.get("for") or group.get("interval"),
                    _code(where(group)),
                )


def _dr(doc: _Doc, stack: Stack) -> None:
    doc.heading(2, "dr")
    rows: list[Row] = []
    for server in of_type(stack, "azurerm_postgresql_flexible_server"):
        if server.get("create_mode") == "Replica":
            rows.append(
                (
                    doc.t["pg_replica"],
                    f"{server.get('name')} ({server.get('location')}, {server.get('sku_name')})",
                    _code(where(server)),
                )
            )
        elif server.get("geo_redundant_backup_enabled"):
            rows.append(
                (doc.t["pg_geo_backup"], f"{server.get('backup_retention_days')} {doc.t['days']}", _code(where(server)))
            )
    for alias in of_type(stack, "azurerm_servicebus_namespace_disaster_recovery_config"):
        ends = {r.at: stack.resources[r.target].get("name") for r in stack.refs_from(alias.address)}
        pair = [str(ends.get("primary_namespace_id")), str(ends.get("partner_namespace_id"))]
        rows.append((doc.t["geo_dr"], f"{alias.get('name')}: {' → '.join(pair)}", _code(where(alias))))
    for registry in of_type(stack, "azurerm_container_registry"):
        for replica in registry.get("georeplications") or []:
            rows.append(
                (doc.t["geo_replica"], f"{registry.get('name')} → {replica.get('location')}", _code(where(registry)))
            )
    doc.table(("dr_item", "value", "path"), rows)


def _usd(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _cost(doc: _Doc, cost: CostReport) -> None:
    doc.heading(2, "cost")
    doc.para(doc.t["cost_intro"].format(source=cost.price_source))
    rows: list[Row] = []
    for priced in cost.lines:
        line = priced.line
        rows.append(
            (
                doc.term(line.component),
                line.item,
                round(line.minimum, 1) if line.meter else None,
                round(line.maximum, 1) if line.meter else None,
                line.unit,
                _usd(priced.usd_min) if priced.price else f"{doc.t['not_priced']}: {doc.term(priced.why_not)}",
                _usd(priced.usd_max) if priced.price else None,
                _code(line.path),
            )
        )
    doc.table(("component", "line", "quantity_min", "quantity_max", "unit", "usd_min", "usd_max", "path"), rows)
    doc.para(
        doc.t["totals"].format(
            min=_usd(cost.total_min), max=_usd(cost.total_max), n=len(cost.not_priced), all=len(cost.lines)
        )
    )
    doc.heading(3, "seed_compare")
    compare: list[Row] = []
    for component, spec, usd in SEED_TABLE:
        low, high, missing = cost.component(component)
        ours = (
            doc.t["not_priced"]
            if low is None
            else f"{_usd(low)}–{_usd(high)}" + (f" (+{missing} {doc.t['not_priced']})" if missing else "")
        )
        compare.append((doc.term(component), doc.term(spec), usd, ours))
    doc.table(("component", "design_spec", "design_usd", "ours"), compare)
    doc.para(
        doc.t["seed_total"].format(
            total=f"{SEED_TOTAL:,}", optimised=f"{SEED_OPTIMISED:,}", note=doc.term(SEED_RESERVED_NOTE)
        )
    )
    doc.heading(3, "price_sources")
    sources = sorted({(p.price.source, p.price.read) for p in cost.lines if p.price})
    if sources:
        doc.para("; ".join(f"{s} ({r})" for s, r in sources))
    else:
        doc.para(doc.t["prices_none"])


def _percent(row: SlaRow | None, doc: _Doc) -> str:
    return doc.t["not_in_sla"] if row is None or row.percent is None else f"{row.percent:g}"


def _sla(doc: _Doc, sla: SlaReport) -> None:
    doc.heading(2, "sla")
    doc.para(doc.t["sla_intro"])
    rows: list[Row] = []
    for stage in sla.stages:
        availability = stage.availability
        share = None if availability is None else round((1 - availability) * MONTH_MINUTES, 1)
        for hop in stage.hops:
            source = f"{hop.row.source} ({hop.row.read})" if hop.row else doc.term(hop.why_not)
            rows.append((hop.name, hop.configuration, _percent(hop.row, doc), share, source, _code(hop.path)))
    doc.table(("hop", "configuration", "sla_percent", "contribution", "sla_source", "path"), rows)
    bound = ""
    if sla.upper_bound:
        bound = doc.t["upper_bound"].format(hops=", ".join(h.name for h in sla.not_in_sla))
    doc.para(
        doc.t["composite"].format(
            composite=f"{sla.composite * 100:.3f}", minutes=f"{sla.downtime_minutes():.1f}", bound=bound
        )
    )
    if sla.weakest:
        figure = f"{(sla.weakest[0].availability or 0) * 100:g}"
        doc.para(doc.t["weakest"].format(hop=", ".join(s.label for s in sla.weakest), percent=figure))
    if sla.target is not None and sla.gap is not None:
        verdict = {True: doc.t["met"], False: doc.t["missed"], None: doc.t["unconfirmed"]}[sla.meets_target]
        doc.para(doc.t["gap"].format(target=sla.target, verdict=verdict, gap=f"{sla.gap:+.3f}"))
    doc.heading(3, "excluded")
    doc.table(("hop", "reason", "path"), [(e.name, doc.term(e.reason), _code(e.path)) for e in sla.excluded])
    if sla.changes:
        doc.heading(3, "changes")
        doc.table(
            ("change", "new_composite", "azure_cost"),
            [(doc.term(c.description), f"{c.composite * 100:.3f}", doc.term(c.azure_cost)) for c in sla.changes],
        )
        if sla.together is not None:
            figure = f"{sla.together.composite * 100:.3f}"
            bound = doc.t["together_bound"] if sla.upper_bound else ""
            doc.para(
                doc.t["together"].format(changes=doc.term(sla.together.description), composite=figure, bound=bound)
            )
        else:
            doc.para(doc.t["no_together"])
