"""Variant stacks for the review: our configs with one change each. ``variants_dir`` (tests/conftest.py)
synthesizes them into ONE App on the jsii worker; the review tests read the files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
