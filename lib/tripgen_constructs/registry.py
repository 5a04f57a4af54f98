"""``ContainerRegistry``: the private, geo-replicated image registry of the services (R-1)."""

from __future__ import annotations

from ._cdk import Construct, azurerm
from .config.naming import Naming
from .config.props import refusal
from .config.regions import REGIONS
from .config.registry import (  # the props and defaults live in the config layer
    NAME_RULE as NAME_RULE,
    REPLICA_LOCATIONS as REPLICA_LOCATIONS,
    SKU as SKU,
    UNTAGGED_RETENTION_DAYS as UNTAGGED_RETENTION_DAYS,
    ContainerRegistryProps as ContainerRegistryProps,
)
from .private_endpoint import PrivateEndpoint
from .rbac import RoleGrant
from .rules import Suppressions

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
        dr_location: str | None = None,
    ) -> None:
        """``dr_location``: the region a ``'dr'`` replica stands for (none without it)."""
        super().__init__(scope, id)
        props = props.in_environment(location=location, dr_location=dr_location)
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
            zone_redundancy_enabled=props.zone_redundant and REGIONS[location].has_zones,
            retention_policy_in_days=props.untagged_retention_days,
            georeplications=[
                cr.ContainerRegistryGeoreplications(
                    location=region,
                    zone_redundancy_enabled=props.zone_redundant and REGIONS[region].has_zones,
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
        zoneless = [r for r in props.replica_locations if not REGIONS[r].has_zones]
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
