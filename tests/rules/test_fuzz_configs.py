"""Fuzzed environment configs: every one validates or is refused with a ConfigError naming a
field, never another exception; a sample of accepted ones synthesizes through the rule packs."""

from __future__ import annotations

import json
import os
import random
import re

from hypothesis import HealthCheck, given, settings, strategies as st
from tripgen_constructs import EnvironmentConfig, EnvironmentStack
from tripgen_constructs._cdk import cdk
from tripgen_constructs.config.errors import ConfigError

from apps import ENVIRONMENTS
from tests.rules.fuzz import mutate

settings.register_profile(
    "ci",
    max_examples=1000,
    deadline=None,
    derandomize=True,  # the same 1,000 examples on every CI run: no flaky build
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("explore", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROFILE = settings.get_profile(os.environ.get("TRIPGEN_FUZZ_PROFILE", "ci"))

BASES = {config.name: config.model_dump(mode="json") for config in ENVIRONMENTS}
"""Every environment discovered in apps/ is a base."""
_NAMED = re.compile(r"'[^']+' must be ")
SYNTH_SAMPLE = 2  # accepted mutants synthesized per base, in one App


def _refusal_names_a_field(error: ConfigError) -> list[str]:
    """The problems of ``error`` that name no field or are not in the one refusal form."""
    return [str(p) for p in error.problems if p.path == "<config>" or p.value == "(see message)"]


def test_fuzz_bases_round_trip_through_json():
    for name, doc in BASES.items():
        assert EnvironmentConfig.model_validate(json.loads(json.dumps(doc))).name == name


@PROFILE
@given(base=st.sampled_from(sorted(BASES)), rng=st.randoms(use_true_random=False), count=st.integers(1, 3))
def test_fuzzed_config_validates_or_is_refused_naming_a_field(base, rng, count):
    doc = mutate(BASES[base], rng, count)
    try:
        EnvironmentConfig.model_validate(doc)
    except ConfigError as error:
        assert _refusal_names_a_field(error) == []


def _accepted_mutants(base: str, seed: int, wanted: int) -> list[EnvironmentConfig]:
    rng = random.Random(seed)
    found: list[EnvironmentConfig] = []
    attempts = 0
    while len(found) < wanted and attempts < 2000:
        attempts += 1
        doc = {**mutate(BASES[base], rng, rng.randint(1, 3)), "name": f"fz{base[0]}{len(found)}"}
        try:
            config = EnvironmentConfig.model_validate(doc)
        except ConfigError:
            continue
        if config.model_dump(exclude={"name"}) != EnvironmentConfig.model_validate(BASES[base]).model_dump(
            exclude={"name"}
        ):
            found.append(config)
    assert len(found) == wanted, f"only {len(found)} accepted mutants of {base} in {attempts} tries"
    return found


def test_accepted_fuzzed_configs_synthesize_through_the_rule_packs(tmp_path):
    configs = [c for base in sorted(BASES) for c in _accepted_mutants(base, seed=8, wanted=SYNTH_SAMPLE)]
    app = cdk.App(outdir=str(tmp_path))
    built = []
    for config in configs:
        stack_id = f"tripgen-{config.name}"
        try:
            EnvironmentStack(app, stack_id, config=config)
        except ValueError as error:
            # What only the construct tree can tell (a suppression path) is refused while building,
            # with the same wording; the half-built stack leaves the App.
            assert _NAMED.search(str(error)), error
            app.node.try_remove_child(stack_id)
            continue
        built.append(config)
    assert built
    app.synth()  # a rule-pack finding would fail here
    for config in built:
        report = json.loads((tmp_path / f"tripgen-{config.name}-rules.json").read_text())
        assert report["summary"]["non_compliant"] == 0
