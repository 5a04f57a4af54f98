"""``ContainerRegistry``: the private, geo-replicated image registry of the services (R-1)."""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import AfterValidator, Field, model_validator

from .naming import Naming
from .props import DR, Props, RegionRef, azure_name_rule, refusal, resolve_region

# --- Spec defaults -------------------------------------------------------------------------------

SKU: Final = "Premium"
REPLICA_LOCATIONS = (DR,)  # geo-replicated to the DR region (T-5), when the environment has one
UNTAGGED_RETENTION_DAYS = 7
"""R-1 is silent: Azure's own default once the retention policy is on; room to roll back to a
digest pushed last week, nothing older."""

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
    replica_locations: tuple[RegionRef, ...] = REPLICA_LOCATIONS
    zone_redundant: bool = True
    """Zone redundancy in the home region and in every replica region that has zones."""
    private_endpoint: bool = True
    untagged_retention_days: int | None = Field(default=UNTAGGED_RETENTION_DAYS, ge=0, le=365)
    """Days before untagged manifests are deleted; ``None`` keeps them forever."""

    def in_environment(self, *, location: str, dr_location: str | None) -> ContainerRegistryProps:
        """These props with ``'primary'``/``'dr'`` replaced by the environment's regions; a ``'dr'``
        replica is dropped where the environment has no DR region."""
        regions = [resolve_region(r, location=location, dr_location=dr_location) for r in self.replica_locations]
        return self.model_copy(update={"replica_locations": tuple(r for r in regions if r is not None)})

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
