"""The committed docs/diagrams/ equal what the code draws from the current synth (session fixture)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from tripgen_constructs.diagrams import build_model, draw_all, load_stack, load_workloads
from tripgen_constructs.diagrams.index import index_text

from apps import ENVIRONMENT_NAMES

from .mermaid_check import mermaid_errors
from .test_corpus import assert_drawn_or_folded

DOCS = Path(__file__).resolve().parents[2] / "docs" / "diagrams"
TEXT_FORMATS = ("mmd", "dot")


@pytest.fixture(scope="module")
def outdir(main_job_outdir: Path) -> Path:
    """As the main job leaves it: the stacks plus each environment's ``k8s/<env>/workloads.json``."""
    return main_job_outdir


@pytest.fixture(scope="module")
def drawn(outdir: Path, tmp_path_factory: pytest.TempPathFactory):
    target = tmp_path_factory.mktemp("diagrams")
    return target, draw_all(outdir, target, TEXT_FORMATS)


def test_committed_text_diagrams_equal_the_generated_ones(drawn):
    """Regenerate with `python -m apps` when this fails."""
    target, result = drawn
    generated = sorted(p.name for p in target.iterdir())
    assert generated == sorted(
        f"{v}-{e}.{f}" for e in ENVIRONMENT_NAMES for v in ("network", "physical-architecture") for f in TEXT_FORMATS
    )
    for name in generated:
        committed = DOCS / name
        assert committed.is_file(), f"{committed} missing: run python -m apps"
        stale = f"{name} is stale: run python -m apps"
        assert committed.read_text() == (target / name).read_text(), stale
    assert (DOCS / "README.md").read_text() == index_text(result.views)
    for view in result.views:
        for fmt in ("png", "svg"):
            assert (DOCS / f"{view.name}.{fmt}").is_file()


def test_generated_mermaid_parses_with_mermaids_parser(drawn):
    target, _ = drawn
    assert mermaid_errors(sorted(target.glob("*.mmd"))) == []


def test_the_real_stacks_map_every_resource_type_and_name_each_type_they_do_not_draw(synth_dir: Path):
    for env in ENVIRONMENT_NAMES:
        model = build_model(load_stack(synth_dir / "stacks" / f"tripgen-{env}" / "cdk.tf.json"))
        assert_drawn_or_folded(model)
        assert sorted(model.not_drawn) == [
            "azurerm_client_config",
            "azurerm_monitor_data_collection_endpoint",
            "azurerm_monitor_data_collection_rule_association",
            "azurerm_resource_group",
            "azurerm_role_assignment",  # the deployer's own grants: the caller is not drawn
        ]


def test_prod_draws_the_dr_region_and_dev_does_not(drawn):
    target, _ = drawn
    prod = (target / "physical-architecture-prod.mmd").read_text()
    dev = (target / "physical-architecture-dev.mmd").read_text()
    assert "Korea South (koreasouth)" in prod and "Korea South" not in dev
    assert "Availability zone 3" in prod


def test_prod_services_are_drawn_inside_the_application_pool_only(drawn):
    target, result = drawn
    assert [w for w in result.warnings if "not drawn: " not in w] == []
    prod = (target / "physical-architecture-prod.mmd").read_text()
    pools = [line for line in prod.splitlines() if "user-service ×3 (3–10)" in line]
    # sorted: Mermaid's text declares zones last-first (render_mermaid._declared)
    assert sorted(line.split("[")[0].strip() for line in pools) == [
        "n_aks_application_pool_z1",
        "n_aks_application_pool_z2",
        "n_aks_application_pool_z3",
    ]
    assert pools[0].endswith(
        "namespace production · pods across all zones<br/>user-service ×3 (3–10)"
        "<br/>trip-service ×3 (3–15)<br/>ai-service ×2 (2–8)"
        '<br/>location-service ×2 (2–10)"]'
    )


# --- snapshots: the typed graph and the text, never pixels -----------------------------------------
# A snapshot only says "unchanged"; the values themselves are asserted by the construct and model
# tests. Update with `python3 -m pytest --snapshot-update` after an intended change, and read the diff.


@pytest.mark.parametrize("env", ENVIRONMENT_NAMES)
def test_model_of_each_stack_matches_its_snapshot(env, outdir, snapshot):
    stack = load_stack(outdir / "stacks" / f"tripgen-{env}" / "cdk.tf.json")
    workloads, problems = load_workloads(outdir, stack.name)
    model = build_model(stack, workloads)
    assert problems == []
    fields = {f.name: getattr(model, f.name) for f in dataclasses.fields(model) if f.name != "stack_model"}
    assert {k: _plain(v, outdir) for k, v in fields.items()} == snapshot


@pytest.mark.parametrize("view", ["network", "physical-architecture"])
@pytest.mark.parametrize("env", ENVIRONMENT_NAMES)
def test_views_and_mermaid_text_match_their_snapshots(env, view, drawn, snapshot):
    target, result = drawn
    [picture] = [v for v in result.views if v.name == f"{view}-{env}"]
    assert dataclasses.asdict(picture) == snapshot(name="view")
    assert (target / f"{view}-{env}.mmd").read_text() == snapshot(name="mermaid")


def _plain(value, outdir: Path):
    """Plain data for the snapshot; a file path (``Workloads.file``) relative to ``outdir``."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain({f.name: getattr(value, f.name) for f in dataclasses.fields(value)}, outdir)
    if isinstance(value, dict):
        return {k: _plain(v, outdir) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v, outdir) for v in value]
    if isinstance(value, Path):
        return value.relative_to(outdir).as_posix()
    return value
