"""``PrivateEndpoint``: the one way every service here gets a private endpoint (N-6, N-7).

The subresource is checked against the target's resource type, and the DNS zone group is always
attached, with the zone checked against the subresource.
"""

from __future__ import annotations

from ._cdk import Construct, azurerm, cdk
from .config.private_endpoint import (  # the props and defaults live in the config layer
    DNS_ZONES as DNS_ZONES,
    SUBRESOURCES as SUBRESOURCES,
    dns_zone_for as dns_zone_for,
)
from .config.props import refusal


class PrivateEndpoint(Construct):
    """A private endpoint for ``target`` in ``subnet``, registered in ``dns_zone``.

    Typed attributes: ``endpoint`` (the azurerm resource), ``private_ip_address``.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        target: cdk.TerraformResource,
        subresource: str,
        subnet: azurerm.subnet.Subnet,
        dns_zone: azurerm.private_dns_zone.PrivateDnsZone,
        name: str,
        location: str,
        resource_group_name: str,
        tags: dict[str, str],
    ) -> None:
        super().__init__(scope, id)
        target_type = target.terraform_resource_type
        allowed = SUBRESOURCES.get(target_type)
        if allowed is None:
            raise refusal("target", target_type, f"a private-link service type, one of {sorted(SUBRESOURCES)}")
        if subresource not in allowed:
            raise refusal("subresource", subresource, f"one of {list(allowed)} for {target_type}")
        zone = dns_zone.name_input
        if zone != dns_zone_for(subresource):
            raise refusal("dns_zone", zone, f"{dns_zone_for(subresource)!r} for subresource {subresource!r}")
        self.endpoint = azurerm.private_endpoint.PrivateEndpoint(
            self,
            "endpoint",
            name=name,
            location=location,
            resource_group_name=resource_group_name,
            subnet_id=subnet.id,
            custom_network_interface_name=f"{name}-nic",
            private_service_connection=azurerm.private_endpoint.PrivateEndpointPrivateServiceConnection(
                name=f"{name}-connection",
                private_connection_resource_id=target.get_string_attribute("id"),
                subresource_names=[subresource],
                is_manual_connection=False,
            ),
            private_dns_zone_group=azurerm.private_endpoint.PrivateEndpointPrivateDnsZoneGroup(
                name="default", private_dns_zone_ids=[dns_zone.id]
            ),
            tags=tags,
        )

    @property
    def private_ip_address(self) -> str:
        return self.endpoint.private_service_connection.private_ip_address
