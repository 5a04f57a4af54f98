"""``ContainerRegistry``: the private, geo-replicated image registry of the services (R-1)."""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import AfterValidator, Field, model_validator

from .naming import Naming
from .props import Props, Region, azure_name_rule, refusal

# --- Spec defaults -------------------------------------------------------------------------------

SKU: Final = "Premium"
REPLICA_LOCATIONS = ("koreasouth",)  # geo-replicated to Korea South (T-5)
UNTAGGED_RETENTION_DAYS = 7
"""R-1 is silent: Azure's own default once the retention policy is on; room to roll back to a
digest pushed last week, nothing older."""
ZONAL_REGIONS = frozenset({"koreacentral"})
"""Regions with availability zones (T-5); Korea South has none, so its replica cannot be zone
redundant."""

NAME_RULE = "5-50 letters or digits (Azure container registry names)"
_check_registry_name = azure_name_rule("registry.name", r"[A-Za-z0-9]{5,50}", NAME_RULE)

# --- Props ---------------------------------------------------------------------------------------


class ContainerRegistryProps(Props):
    """Settings of a ``ContainerRegistry``; every default is the production design's value.

    Geo-replication, zone redundancy, private endpoints, network rules and retention are Premium
    features: a non-Premium registry must turn them off explicitly, and is then reachable on its
    public endpoint with Entra authentication only.
    """

    name: Annotated[str, AfterValidator(_check_registry_name)] | None = None
    """Registry name; ``None`` is ``<workload><env>`` (``tripgenprod``, R-1). Names are global."""
    sku: Literal["Basic", "Standard", "Premium"] = SKU
    replica_locations: tuple[Region, ...] = REPLICA_LOCATIONS
    zone_redundant: bool = True
    """Zone redundancy in the home region and in every replica region that has zones."""
    private_endpoint: bool = True
    untagged_retention_days: int | None = Field(default=UNTAGGED_RETENTION_DAYS, ge=0, le=365)
    """Days before untagged manifests are deleted; ``None`` keeps them forever."""

    @model_validator(mode="after")
    def _premium_features(self) -> ContainerRegistryProps:
        if self.sku != "Premium":
            premium_only = (  # field, whether it is in use, how to turn it off
                ("replica_locations", bool(self.replica_locations), "empty"),
                ("zone_redundant", self.zone_redundant, "false"),
                ("private_endpoint", self.private_endpoint, "false"),
                ("untagged_retention_days", self.untagged_retention_days is not None, "None"),
            )
            for field, used, off in premium_only:
                if used:
                    raise refusal(field, getattr(self, field), f"{off} on a {self.sku} registry (a Premium feature)")
        if len(set(self.replica_locations)) != len(self.replica_locations):
            raise refusal("replica_locations", list(self.replica_locations), "free of duplicates")
        return self

    def registry_name(self, naming: Naming) -> str:
        return _check_registry_name(self.name or naming.compact())
