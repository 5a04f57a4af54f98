"""Services from ``<outdir>/k8s/<env>/workloads.json`` inside their node pool (issue 9); zone order."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import pytest
from tripgen_constructs.diagrams import draw_all, render_graphviz
from tripgen_constructs.diagrams.parse import load_workloads, workloads_file

from .mermaid_check import mermaid_errors
from .stacks import document, hub_spoke, ref, resource, write_outdir
from .test_render import view_of

POOL_LINE = (
    '      n_aks_application_pool_z1["<b>application pool</b><br/>AKS node pool (User)<br/>'
    "Standard_D8s_v3 · 6–20 nodes<br/>pool spans zones 1,2,3<br/>"
    'namespace production · pods across all zones<br/>user-service ×3 (3–10)<br/>ai-service ×2 (2–8)"]'
)


def summary(**changes) -> dict:
    """A ``workloads.json`` shaped like the workload layer's, for the demo stack's pool."""
    doc = {
        "format": 1,
        "environment": "demo",
        "kubernetes_version": "1.34",
        "namespace": "production",
        "identity_client_id": None,
        "pool": {
            "name": "application",
            "construct_path": "aks/application-pool",
            "vm_size": "Standard_D8s_v3",
            "min_count": 6,
            "max_count": 20,
        },
        "capacity": {},
        "services": [
            {
                "service": "user-service",
                "replicas": 3,
                "min_replicas": 3,
                "max_replicas": 10,
                "pool": "application",
                "port": 8080,
                "cpu_request": "500m",
                "memory_request": "1Gi",
                "manifest": "user-service.k8s.yaml",
            },
            {
                "service": "ai-service",
                "replicas": 2,
                "min_replicas": 2,
                "max_replicas": 8,
                "pool": "application",
                "port": 8080,
                "cpu_request": "2000m",
                "memory_request": "4Gi",
                "manifest": "ai-service.k8s.yaml",
            },
        ],
    }
    doc.update(changes)
    return doc


def outdir_with(tmp_path: Path, workloads: str | None) -> Path:
    outdir = write_outdir(tmp_path, {"demo": hub_spoke()})
    if workloads is not None:
        (outdir / "k8s" / "demo").mkdir(parents=True)
        (outdir / "k8s" / "demo" / "workloads.json").write_text(workloads)
    return outdir


def physical(tmp_path: Path, workloads: str | None, fmt: str = "mmd"):
    """The physical view's text in ``fmt`` and the draw result."""
    result = draw_all(outdir_with(tmp_path, workloads), tmp_path / "out", (fmt,), views=("physical-architecture",))
    return (tmp_path / "out" / f"physical-architecture-demo.{fmt}").read_text(), result


def test_workloads_file_is_the_stack_folder_or_the_environment_folder_recording_the_stack(tmp_path):
    for env, stack in (("prod", "tripgen-prod"), ("qa", "shop-qa")):
        (tmp_path / "k8s" / env).mkdir(parents=True)
        (tmp_path / "k8s" / env / "workloads.json").write_text(json.dumps(summary(environment=env, stack=stack)))
    assert workloads_file(tmp_path, "tripgen-prod") == tmp_path / "k8s/prod/workloads.json"
    assert workloads_file(tmp_path, "shop-qa") == tmp_path / "k8s/qa/workloads.json"
    # another stack ending in -prod does not take TripGen's prod workloads
    assert workloads_file(tmp_path, "contoso-prod") == tmp_path / "k8s/contoso-prod/workloads.json"
    assert workloads_file(tmp_path, "other-stack") == tmp_path / "k8s/other-stack/workloads.json"


def test_services_are_label_lines_of_the_pool_at_the_construct_path(tmp_path):
    text, result = physical(tmp_path, json.dumps(summary()))
    assert _problems(result) == []
    assert POOL_LINE in text.splitlines()
    pools = sorted(line.split("[")[0].strip() for line in text.splitlines() if "user-service" in line)
    assert pools == [
        "n_aks_application_pool_z1",
        "n_aks_application_pool_z2",
        "n_aks_application_pool_z3",
    ]  # never the system pool
    assert mermaid_errors([tmp_path / "out" / "physical-architecture-demo.mmd"]) == []


def test_without_workloads_json_the_pool_has_no_services_and_no_warning(tmp_path):
    text, result = physical(tmp_path, None)
    assert _problems(result) == []
    assert "service" not in text and "namespace" not in text


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "Expecting property name"),
        ("[]", "expected a JSON object, got list"),
        (json.dumps(summary(format=2)), "'format' must be 1, got 2"),
        (json.dumps(summary(pool={"name": "application"})), "'pool.construct_path' must be a string"),
        (json.dumps(summary(services={})), "'services' must be a list, got dict"),
        (
            json.dumps(summary(services=[{"service": "x", "replicas": "3", "min_replicas": 1, "max_replicas": 2}])),
            "'services[0]' must have a string 'service' and integer replicas, min_replicas, max_replicas",
        ),
    ],
)
def test_malformed_workloads_json_is_a_warning_naming_the_file_not_a_crash(tmp_path, content, problem):
    text, result = physical(tmp_path, content)
    file = tmp_path / "cdktf.out" / "k8s" / "demo" / "workloads.json"
    assert len(_problems(result)) == 1
    assert _problems(result)[0].startswith(f"demo: {file}: ")
    assert problem in _problems(result)[0] and _problems(result)[0].endswith("; services not drawn")
    assert "namespace production" not in text


def test_a_pool_path_not_in_the_stack_is_a_warning(tmp_path):
    pool = dict(summary()["pool"], construct_path="aks/batch-pool")
    _, result = physical(tmp_path, json.dumps(summary(pool=pool)))
    file = tmp_path / "cdktf.out" / "k8s" / "demo" / "workloads.json"
    assert _problems(result) == [f"demo: {file}: no resource at construct path 'aks/batch-pool': services not drawn"]


def test_load_workloads_reads_the_services(tmp_path):
    outdir = outdir_with(tmp_path, json.dumps(summary()))
    workloads, problems = load_workloads(outdir, "demo")
    assert problems == [] and workloads is not None
    assert (workloads.namespace, workloads.pool_path, workloads.pool_name) == (
        "production",
        "aks/application-pool",
        "application",
    )
    assert [(s.name, s.replicas, s.min_replicas, s.max_replicas) for s in workloads.services] == [
        ("user-service", 3, 3, 10),
        ("ai-service", 2, 2, 8),
    ]


def test_graphviz_draws_the_services_in_a_box_inside_the_pool(tmp_path):
    dot, _ = physical(tmp_path, json.dumps(summary()), "dot")
    pool = next(line for line in dot.splitlines() if line.strip().startswith("n_aks_application_pool_z2 "))
    assert '<TR><TD><TABLE BORDER="1"' in pool
    assert '<TD ALIGN="LEFT"><I>namespace production · pods across all zones</I></TD>' in pool
    assert '<TD ALIGN="LEFT">ai-service ×2 (2–8)</TD>' in pool


def test_graphviz_lays_zones_one_two_three_in_one_row_in_order(tmp_path):
    dot, _ = physical(tmp_path, None, "dot")
    row = [
        "n_aks_cluster_default_pool_z1",
        "n_aks_application_pool_z1",
        "n_aks_cluster_default_pool_z2",
        "n_aks_application_pool_z2",
        "n_aks_cluster_default_pool_z3",
        "n_aks_application_pool_z3",
    ]
    assert "newrank=true" in dot
    assert f"{{rank=same; {'; '.join(row)}}}" in dot
    chain = re.findall(r"^\t(\w+) -> (\w+) \[style=invis\]$", dot, re.M)
    assert chain == list(pairwise(row))


def test_zone_to_zone_and_cross_region_edges_do_not_push_ranks(tmp_path):
    doc = document(
        {
            "azurerm_postgresql_flexible_server": {
                "primary": resource(
                    "data/pg",
                    name="psql",
                    location="koreacentral",
                    zone="1",
                    high_availability={"mode": "ZoneRedundant", "standby_availability_zone": "2"},
                ),
                "dr": resource(
                    "data/pg-dr",
                    name="psql-dr",
                    location="koreasouth",
                    create_mode="Replica",
                    source_server_id=ref("azurerm_postgresql_flexible_server.primary"),
                ),
            }
        }
    )
    dot = render_graphviz.dot_source(view_of(doc, "physical-architecture"))
    edges = {m[0]: "constraint=false" in m[1] for m in re.findall(r"^\t(n_data_pg -> \w+) \[(.*)\]$", dot, re.M)}
    assert edges == {"n_data_pg -> n_data_pg_standby": True, "n_data_pg -> n_data_pg_dr": True}


def _problems(result) -> list[str]:
    """Warnings other than the resource group the sample stack does not draw."""
    return [w for w in result.warnings if "not drawn: azurerm_resource_group" not in w]
