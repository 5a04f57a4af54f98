"""``ContainerRegistry``: the private, geo-replicated image registry of the services (R-1)."""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import AfterValidator, Field, model_validator

from ._cdk import Construct, azurerm
from .naming import Naming
from .private_endpoint import PrivateEndpoint
from .props import Props, Region, azure_name_rule, refusal
from .rbac import RoleGrant
from .rules import Suppressions

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


# --- Construct -----------------------------------------------------------------------------------


class ContainerRegistry(Construct):
    """Azure Container Registry with the admin user and anonymous pull off; on Premium also
    private (public access off, private endpoint ``registry``), geo-replicated and zone redundant.

    Typed attributes: ``registry``, ``login_server``, ``endpoint`` (or ``None``); ``allow_pull``
    grants AcrPull to a principal.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: ContainerRegistryProps,
        naming: Naming,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        tags: dict[str, str],
        subnet: azurerm.subnet.Subnet,
        dns_zone: azurerm.private_dns_zone.PrivateDnsZone,
    ) -> None:
        super().__init__(scope, id)
        self.props = props
        if location in props.replica_locations:
            raise refusal(
                "replica_locations", list(props.replica_locations), f"regions other than the home region {location!r}"
            )
        premium = props.sku == "Premium"
        cr = azurerm.container_registry
        self.registry = cr.ContainerRegistry(
            self,
            "registry",
            name=props.registry_name(naming),
            location=location,
            resource_group_name=resource_group.name,
            sku=props.sku,
            admin_enabled=False,
            anonymous_pull_enabled=False,
            # Only Premium can close the public endpoint; with it closed, images cannot be exported.
            public_network_access_enabled=not premium,
            export_policy_enabled=None if not premium else False,
            data_endpoint_enabled=premium or None,
            # Trusted Azure services (Defender image scanning, ACR Tasks) still pass.
            network_rule_bypass_option="AzureServices",
            zone_redundancy_enabled=props.zone_redundant and location in ZONAL_REGIONS,
            retention_policy_in_days=props.untagged_retention_days,
            georeplications=[
                cr.ContainerRegistryGeoreplications(
                    location=region,
                    zone_redundancy_enabled=props.zone_redundant and region in ZONAL_REGIONS,
                    regional_endpoint_enabled=True,
                    tags=tags,
                )
                for region in props.replica_locations
            ]
            or None,
            tags=tags,
        )
        checks = Suppressions.of(self.registry)
        checks.add(
            "CKV_AZURE_164",
            "Docker Content Trust is deprecated in ACR; images are scanned and signed in delivery (R-2)",
        )
        checks.add(
            "CKV_AZURE_166", "quarantine blocks every pull until a scanner releases the image; R-2 scans in CI instead"
        )
        zoneless = [r for r in props.replica_locations if r not in ZONAL_REGIONS]
        if props.zone_redundant and zoneless:
            checks.add("CKV_AZURE_233", f"replicas in {zoneless} cannot be zone redundant: those regions have no zones")
        self.endpoint: PrivateEndpoint | None = None
        if props.private_endpoint:
            self.endpoint = PrivateEndpoint(
                self,
                "private-endpoint",
                target=self.registry,
                subresource="registry",
                subnet=subnet,
                dns_zone=dns_zone,
                name=naming.name("pe", "cr"),
                location=location,
                resource_group_name=resource_group.name,
                tags=tags,
            )

    @property
    def login_server(self) -> str:
        return self.registry.login_server

    def allow_pull(self, id: str, principal_id: str) -> RoleGrant:
        """AcrPull on this registry for ``principal_id`` (e.g. the AKS kubelet identity)."""
        return RoleGrant(self, id, target=self.registry, role="AcrPull", principal_id=principal_id)
