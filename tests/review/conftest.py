"""Variant stacks for the review: our configs with one change each, synthesized into ONE App in the
test session (the jsii runtime loads once), then filed into BASE/HEAD ``cdktf.out`` folders."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from apps import environment

PROD, DEV = environment("prod"), environment("dev")

PUBLIC_CACHE_REASON = "the cache is opened to the Internet for a load test (review example)"


def _validated(model: Any, **changes: Any) -> Any:
    """``model`` with ``changes``, validated again (``model_copy`` alone would skip the refusals)."""
    return type(model).model_validate({**model.model_dump(), **changes})


def _prod_pool(nodes: int) -> Any:
    pool = _validated(PROD.aks.application_pool, min_count=nodes, node_count=nodes)
    return PROD.model_copy(update={"aks": PROD.aks.model_copy(update={"application_pool": pool})})


def _public_cache(config: Any) -> Any:
    from tripgen_constructs.rules import RuleSuppression

    extra = RuleSuppression(rule="TG-PUBLIC-ACCESS", path="data/redis/cache", reason=PUBLIC_CACHE_REASON)
    return config.model_copy(update={"suppressions": (*config.suppressions, extra)})


def _open_cache(stack: Any) -> None:
    stack.data.redis.cache.add_override("public_network_access_enabled", True)


def _dev_zones() -> Any:
    pool = _validated(DEV.aks.application_pool, zones=("1", "2", "3"))
    return DEV.model_copy(update={"aks": DEV.aks.model_copy(update={"application_pool": pool})})


def _prod_without_nsg_rule() -> Any:
    spoke = PROD.network.spoke
    subnets = tuple(
        s.model_copy(update={"nsg_rules": tuple(r for r in s.nsg_rules if r.name != "allow-postgresql-from-aks-pods")})
        for s in spoke.subnets
    )
    network = PROD.network.model_copy(update={"spoke": spoke.model_copy(update={"subnets": subnets})})
    return PROD.model_copy(update={"network": network})


def _prod_one_replica() -> Any:
    postgres = PROD.data.postgres.model_copy(update={"replicas": PROD.data.postgres.replicas[:1]})
    return PROD.model_copy(update={"data": PROD.data.model_copy(update={"postgres": postgres})})


def _grant(stack: Any) -> None:
    stack.identity.grant(stack.key_vault.vault, "Key Vault Secrets Officer")


# variant stack name → (config, change made on the built stack or None)
VARIANTS: dict[str, tuple[Any, Callable[[Any], None] | None]] = {
    "tripgen-prod-pool8": (_prod_pool(8), None),
    "tripgen-prod-public": (_public_cache(PROD), _open_cache),
    "tripgen-prod-example": (_public_cache(_prod_pool(8)), _open_cache),
    "tripgen-dev-zones": (_dev_zones(), None),
    "tripgen-prod-nsg": (_prod_without_nsg_rule(), None),
    "tripgen-prod-one-replica": (_prod_one_replica(), None),
    "tripgen-prod-grant": (PROD, _grant),
}


@pytest.fixture(scope="session")
def variants_dir(synth_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The variant stacks, synthesized after (and in the same process as) the session's stacks."""
    from tripgen_constructs import EnvironmentStack
    from tripgen_constructs._cdk import cdk

    outdir = tmp_path_factory.mktemp("variants.out")
    app = cdk.App(outdir=str(outdir))
    for name, (config, change) in VARIANTS.items():
        stack = EnvironmentStack(app, name, config=config)
        if change is not None:
            change(stack)
    app.synth()
    return outdir


@pytest.fixture(scope="session")
def output(synth_dir: Path, variants_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """``output(tripgen_prod="tripgen-prod-pool8", ...)``: a cdktf.out whose stacks (by name) are
    copies of synthesized stacks (a variant filed under the name it changes)."""
    made: dict[tuple[tuple[str, str], ...], Path] = {}

    def build(**stacks: str) -> Path:
        key = tuple(sorted(stacks.items()))
        if key not in made:
            root = tmp_path_factory.mktemp("review-input")
            for name, source in stacks.items():
                name = name.replace("_", "-")
                where = variants_dir if source in VARIANTS else synth_dir
                (root / "stacks" / name).mkdir(parents=True)
                shutil.copy(where / "stacks" / source / "cdk.tf.json", root / "stacks" / name / "cdk.tf.json")
                rules = where / f"{source}-rules.json"
                if rules.exists():
                    shutil.copy(rules, root / f"{name}-rules.json")
            made[key] = root
        return made[key]

    return build


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
