"""``docs/environments.md`` is what the main job writes from the session's stacks (drift check)."""

from __future__ import annotations

from pathlib import Path

from tripgen_constructs.review import environments_markdown

from apps import ENVIRONMENTS
from apps.__main__ import environment_stacks

DOC = Path(__file__).resolve().parents[2] / "docs" / "environments.md"


def test_environments_are_discovered_with_the_production_one_as_reference():
    reference, others = environment_stacks(ENVIRONMENTS)
    production = [c for c in ENVIRONMENTS if c.production]
    assert reference == f"tripgen-{production[0].name}"
    assert sorted((reference, *others)) == sorted(f"tripgen-{c.name}" for c in ENVIRONMENTS)


def test_docs_environments_md_matches_the_synthesized_stacks(synth_dir):
    expected = environments_markdown(synth_dir, *environment_stacks(ENVIRONMENTS))
    assert DOC.read_text(encoding="utf-8") == expected, "run `python3 -m apps` and commit docs/environments.md"


def test_every_other_environment_has_its_own_section(synth_dir):
    reference, others = environment_stacks(ENVIRONMENTS)
    text = environments_markdown(synth_dir, reference, others)
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        f"## `{reference}` → `{other}`" for other in others
    ]
