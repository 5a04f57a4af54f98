"""The committed docs/architecture-<env>.md equal what the code generates, for every environment of
apps/, and the prod document's tables match the design's (seed) values or a documented resolution."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tripgen_constructs.design import write_design_docs

from tests.runtimes import default_runtime_only

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
ENVIRONMENTS_ON_DISK = sorted(p.parent.name for p in (ROOT / "apps").glob("*/config.py"))


@pytest.fixture(scope="module")
def generated(main_job_outdir: Path, tmp_path_factory: pytest.TempPathFactory):
    """As the main job writes them (same targets and languages as ``apps/__main__.py``)."""
    from apps import ENVIRONMENTS

    target = tmp_path_factory.mktemp("docs")
    targets = {env.name: env.availability_target for env in ENVIRONMENTS}
    translations = {env.name: ("ko",) for env in ENVIRONMENTS if env.production}
    return target, write_design_docs(main_job_outdir, target, target / "diagrams", targets, translations)


@default_runtime_only("the committed documents carry the default runtime's attribute names")
def test_committed_design_documents_equal_the_generated_ones(generated):
    """Regenerate with `python -m apps` when this fails."""
    target, result = generated
    assert result.files, "no document generated"
    for file in result.files:
        committed = DOCS / file.name
        assert committed.is_file(), f"{committed} missing: run python -m apps"
        assert committed.read_text(encoding="utf-8") == file.read_text(encoding="utf-8"), f"{file.name} is stale"
    stale = {p.name for p in DOCS.glob("architecture-*.md")} - {f.name for f in result.files}
    assert not stale, f"documents of no environment: {sorted(stale)}"


def test_every_environment_of_apps_has_its_document(generated):
    _, result = generated
    assert ENVIRONMENTS_ON_DISK, "no apps/<env>/config.py found"
    assert {f"architecture-{env}.md" for env in ENVIRONMENTS_ON_DISK} <= {f.name for f in result.files}
    assert "architecture-prod.ko.md" in {f.name for f in result.files}


def test_every_environment_has_both_figures(generated):
    _, result = generated
    for env in ENVIRONMENTS_ON_DISK:
        text = (DOCS / f"architecture-{env}.md").read_text(encoding="utf-8")
        assert re.search(r"Composite: \*\*\d+\.\d{3} %\*\*", text), env
        assert re.search(
            r"Total of the priced lines: USD [\d,]+ at minimum scale, USD [\d,]+ at maximum scale", text
        ), env


def test_the_main_job_warns_when_prod_misses_its_target(generated):
    _, result = generated
    assert any(w.startswith("prod: composite SLA") and "misses the target 99.9 %" in w for w in result.warnings)


def test_korean_document_keeps_the_originals_section_titles():
    text = (DOCS / "architecture-prod.ko.md").read_text(encoding="utf-8")
    titles = re.findall(r"^## (.+)$", text, flags=re.M)
    assert titles == [
        "1. 개요",
        "3. 컴퓨팅 아키텍처",
        "4. 네트워크 아키텍처",
        "4.2 트래픽 라우팅",
        "5. 데이터 아키텍처",
        "6. 메시징 아키텍처",
        "7. 보안 아키텍처",
        "8. 모니터링 및 관측 가능성",
        "10. 재해복구 및 고가용성",
        "11. 비용 최적화",
        "12. 가용성 (SLA)",
    ]
    assert text.startswith("# 물리 아키텍처 설계서 - 운영환경\n")


# ------------------------------------------------------------------------------------ seed check
def _tables(text: str) -> dict[str, list[dict[str, str]]]:
    """Every table of the document under the heading above it, rows as header → cell."""
    tables: dict[str, list[dict[str, str]]] = {}
    heading, lines = "", text.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif line.startswith("| ") and index + 1 < len(lines) and lines[index + 1].startswith("|---"):
            header = [c.strip() for c in line.strip("|").split(" | ")]
            rows = []
            for row in lines[index + 2 :]:
                if not row.startswith("|"):
                    break
                rows.append(dict(zip(header, (c.strip() for c in row.strip().strip("|").split(" | ")), strict=True)))
            tables[heading] = rows
    return tables


def _row(rows: list[dict[str, str]], **match: str) -> dict[str, str]:
    found = [r for r in rows if all(r.get(k) == v for k, v in match.items())]
    assert len(found) == 1, f"{match}: {len(found)} rows"
    return found[0]


# The design's values of the tables we implement: (spec ID, table, row, field) → design value.
SEED = {
    ("K-3", "Node pools", "system", "VM size"): "Standard_D4s_v3",
    ("K-3", "Node pools", "system", "Nodes"): "3",
    ("K-3", "Node pools", "system", "Min"): "3",
    ("K-3", "Node pools", "system", "Max"): "5",
    ("K-3", "Node pools", "system", "Zones"): "1, 2, 3",
    ("K-4", "Node pools", "application", "VM size"): "Standard_D8s_v3",
    ("K-4", "Node pools", "application", "Nodes"): "6",
    ("K-4", "Node pools", "application", "Min"): "6",
    ("K-4", "Node pools", "application", "Max"): "20",
    ("K-4", "Node pools", "application", "Zones"): "1, 2, 3",
    ("K-4", "Node pools", "application", "Taints"): "application-workload=true:NoSchedule",
    ("N-1", "Virtual networks", "vnet-tripgen-spoke-prod", "Address space"): "10.1.0.0/16",
    ("N-3", "Virtual networks", "vnet-tripgen-hub-prod", "Address space"): "10.0.0.0/16",
    ("N-2", "Subnets", "vnet-tripgen-spoke-prod/snet-aks", "Address prefix"): "10.1.1.0/24",
    ("N-2", "Subnets", "vnet-tripgen-spoke-prod/snet-aks", "Service endpoints"): "Microsoft.ContainerRegistry",
    ("N-2", "Subnets", "vnet-tripgen-spoke-prod/snet-database", "Address prefix"): "10.1.2.0/24",
    (
        "N-2",
        "Subnets",
        "vnet-tripgen-spoke-prod/snet-database",
        "Delegation",
    ): "Microsoft.DBforPostgreSQL/flexibleServers",
    ("N-2", "Subnets", "vnet-tripgen-spoke-prod/snet-cache", "Address prefix"): "10.1.3.0/24",
    ("N-2", "Subnets", "vnet-tripgen-spoke-prod/snet-cache", "Service endpoints"): "Microsoft.Cache",
    ("N-2", "Subnets", "vnet-tripgen-spoke-prod/snet-private-endpoints", "Address prefix"): "10.1.4.0/24",
    (
        "N-2",
        "Subnets",
        "vnet-tripgen-spoke-prod/snet-private-endpoints",
        "Private endpoint network policies",
    ): "Disabled",
    ("N-3", "Subnets", "vnet-tripgen-hub-prod/snet-appgw", "Address prefix"): "10.0.1.0/24",
    ("N-4", "Network security groups", "nsg-appgw-tripgen-hub-prod/allow-https-inbound", "Ports"): "443",
    ("N-4", "Network security groups", "nsg-appgw-tripgen-hub-prod/allow-https-inbound", "Source"): "Internet",
    ("N-4", "Network security groups", "nsg-appgw-tripgen-hub-prod/allow-http-inbound", "Ports"): "80",
    ("N-4", "Network security groups", "nsg-appgw-tripgen-hub-prod/allow-http-inbound", "Source"): "Internet",
    ("N-4", "Network security groups", "nsg-appgw-tripgen-hub-prod/allow-gateway-manager", "Ports"): "65200-65535",
    ("N-4", "Network security groups", "nsg-appgw-tripgen-hub-prod/allow-gateway-manager", "Source"): "GatewayManager",
    ("N-5", "Network security groups", "nsg-aks-tripgen-spoke-prod/allow-gateway-http", "Ports"): "80, 443",
    ("N-5", "Network security groups", "nsg-aks-tripgen-spoke-prod/allow-gateway-http", "Source"): "10.0.1.0/24",
    ("N-5", "Network security groups", "nsg-aks-tripgen-spoke-prod/allow-postgresql-outbound", "Ports"): "5432",
    (
        "N-5",
        "Network security groups",
        "nsg-aks-tripgen-spoke-prod/allow-postgresql-outbound",
        "Destination",
    ): "10.1.2.0/24",
    ("N-5", "Network security groups", "nsg-aks-tripgen-spoke-prod/allow-redis-outbound", "Ports"): "6379",
    ("N-5", "Network security groups", "nsg-aks-tripgen-spoke-prod/allow-redis-outbound", "Destination"): "10.1.3.0/24",
    ("N-5", "Network security groups", "nsg-aks-tripgen-spoke-prod/allow-servicebus-outbound", "Ports"): "5671-5672",
    (
        "N-5",
        "Network security groups",
        "nsg-aks-tripgen-spoke-prod/allow-servicebus-outbound",
        "Destination",
    ): "ServiceBus",
    ("P-1", "PostgreSQL", "tripgen-prod", "SKU"): "GP_Standard_D8s_v3",
    ("P-1", "PostgreSQL", "tripgen-prod", "Storage (MB)"): "524,288",
    ("P-2", "PostgreSQL", "tripgen-prod", "HA"): "ZoneRedundant",
    ("P-3", "PostgreSQL", "tripgen-prod", "Backup retention (days)"): "35",
    ("P-3", "PostgreSQL", "tripgen-prod", "Geo-redundant backup"): "yes",
    ("P-5", "PostgreSQL", "tripgen-prod-replica-koreasouth", "SKU"): "GP_Standard_D4s_v3",
    ("P-5", "PostgreSQL", "tripgen-prod-replica-koreasouth", "Region"): "koreasouth",
    ("P-5", "PostgreSQL", "tripgen-prod-replica-koreacentral", "SKU"): "GP_Standard_D4s_v3",
    ("P-5", "PostgreSQL", "tripgen-prod-replica-koreacentral", "Region"): "koreacentral",
    ("P-6", "Redis", "tripgen-prod", "SKU"): "Premium",
    ("P-6", "Redis", "tripgen-prod", "Size"): "P4",
    ("P-6", "Redis", "tripgen-prod", "Shards"): "6",
    ("P-6", "Redis", "tripgen-prod", "Replicas per shard"): "1",
    ("P-6", "Redis", "tripgen-prod", "Zones"): "1, 2, 3",
    ("M-1", "Service Bus namespaces", "sbns-tripgen-prod", "SKU"): "Premium",
    ("M-1", "Service Bus namespaces", "sbns-tripgen-prod", "Messaging units"): "4",
    ("M-2", "Service Bus namespaces", "sbns-tripgen-dr-prod", "Region"): "koreasouth",
    ("M-3", "Queues and topics", "ai-schedule-generation", "Max size (MB)"): "81,920",
    ("M-3", "Queues and topics", "ai-schedule-generation", "Duplicate detection"): "yes",
    ("M-3", "Queues and topics", "ai-schedule-generation", "Sessions"): "yes",
    ("M-3", "Queues and topics", "ai-schedule-generation", "Dead-lettering"): "yes",
    ("M-3", "Queues and topics", "ai-schedule-generation", "Max deliveries"): "3",
    ("M-3", "Queues and topics", "ai-schedule-generation", "Partitions"): "yes",
    ("M-4", "Queues and topics", "location-search", "Max size (MB)"): "81,920",
    ("M-4", "Queues and topics", "location-search", "Duplicate detection"): "no",
    ("M-4", "Queues and topics", "location-search", "Auto-delete when idle"): "P14D",
    ("M-4", "Queues and topics", "location-search", "Partitions"): "yes",
    ("M-5", "Queues and topics", "notification", "Max size (MB)"): "81,920",
    ("M-5", "Queues and topics", "notification", "Duplicate detection"): "yes",
    ("M-5", "Queues and topics", "notification", "Partitions"): "yes",
    ("M-6", "Queues and topics", "trip-events", "Max size (MB)"): "81,920",
    ("M-6", "Queues and topics", "trip-events", "Duplicate detection"): "yes",
    ("M-6", "Queues and topics", "trip-events", "Subscriptions"): "analytics, audit, monitoring",
    ("O-4", "Alerts", "alert-tripgen-service-unavailable-prod", "Condition"): "LessThan 99.9",
    ("O-4", "Alerts", "alert-tripgen-service-unavailable-prod", "Window"): "PT5M × 1",
    ("O-4", "Alerts", "alert-tripgen-high-error-rate-prod", "Condition"): "GreaterThan 1",
    ("O-4", "Alerts", "alert-tripgen-high-error-rate-prod", "Window"): "PT5M × 1",
    ("O-4", "Alerts", "alert-tripgen-ai-response-time-prod", "Condition"): "GreaterThan 5000",
    ("O-4", "Alerts", "alert-tripgen-ai-response-time-prod", "Window"): "PT2M",
    (
        "O-4",
        "Alerts",
        "alert-tripgen-high-node-memory-prod",
        "Condition",
    ): "node_memory_working_set_percentage GreaterThan 85",
    ("O-4", "Alerts", "alert-tripgen-high-node-memory-prod", "Window"): "PT5M",
    ("O-4", "Alerts", "alert-tripgen-database-connections-prod", "Condition"): "active_connections GreaterThan 80 %",
    ("O-4", "Alerts", "alert-tripgen-database-connections-prod", "Window"): "PT5M",
}
KEYS = {
    "Node pools": "Pool",
    "Virtual networks": "VNet",
    "Subnets": "Subnet",
    "PostgreSQL": "Server",
    "Redis": "Cache",
    "Service Bus namespaces": "Namespace",
    "Queues and topics": "Queue / topic",
    "Alerts": "Alert",
}
HEADINGS = {
    "Node pools": "3.1.2 Node pools",
    "Virtual networks": "4.1.1 Virtual networks",
    "Subnets": "Subnets",
    "Network security groups": "4.1.2 Network security groups",
    "PostgreSQL": "5.1 PostgreSQL",
    "Redis": "5.2 Redis",
    "Service Bus namespaces": "6.1 Service Bus namespaces",
    "Queues and topics": "6.1.2 Queues and topics",
    "Alerts": "8.1.2 Alerts",
}


def _generated_value(tables: dict[str, list[dict[str, str]]], table: str, row: str, field: str) -> str:
    rows = tables[HEADINGS[table]]
    if table == "Network security groups":
        nsg, rule = row.split("/")
        found = _row(rows, NSG=nsg, Rule=rule)
    elif table == "Subnets":
        vnet, subnet = row.split("/")
        found = _row(rows, VNet=vnet, Subnet=subnet)
    else:
        found = _row(rows, **{KEYS[table]: row})
    return found[field]


def _documented_resolutions() -> set[tuple[str, str, str, str, str, str]]:
    text = (DOCS / "spec-coverage.md").read_text(encoding="utf-8")
    section = text.split("## Seed check", 1)[1]
    rows = _tables(section)[next(iter(_tables(section)))]
    return {
        (r["ID"], r["Table"], r["Row"], r["Field"], r["Design"].strip("`"), r["Generated"].strip("`")) for r in rows
    }


def test_prod_document_tables_match_the_design_or_a_documented_resolution():
    tables = _tables((DOCS / "architecture-prod.md").read_text(encoding="utf-8"))
    differences = set()
    for (spec_id, table, row, field), design in SEED.items():
        ours = _generated_value(tables, table, row, field)
        if ours != design:
            differences.add((spec_id, table, row, field, design, ours))
    documented = _documented_resolutions()
    assert differences - documented == set(), "undocumented differences from the design (add to spec-coverage.md)"
    assert documented - differences == set(), "documented resolutions that no longer differ (remove them)"


def test_prod_has_the_seven_alerts_of_o4():
    tables = _tables((DOCS / "architecture-prod.md").read_text(encoding="utf-8"))
    assert len(tables["8.1.2 Alerts"]) == 7


def test_the_design_outputs_load_no_construct_cdktf_or_jsii_module():
    import subprocess
    import sys

    code = (
        "import sys, tripgen_constructs.design, tripgen_constructs.sla, tripgen_constructs.cost\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('cdktf', 'jsii', 'constructs', 'cdktf_cdktf_provider_azurerm')"
        " or m in ('tripgen_constructs._cdk', 'tripgen_constructs.environment')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_design_command_refuses_a_translation_it_has_no_text_for(capsys):
    from tripgen_constructs.design.__main__ import main

    with pytest.raises(SystemExit) as raised:
        main(["cdktf.out", "--translate", "prod=fr"])
    assert raised.value.code == 2
    assert "expected ENV=LANG with LANG one of ['ko'] (prod=ko), got 'prod=fr'" in capsys.readouterr().err
