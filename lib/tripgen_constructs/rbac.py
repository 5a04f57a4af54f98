"""``RoleGrant``: least-privilege Azure RBAC, always scoped to one resource (S-4).

Every role assignment in the library goes through here, so the rule "never at subscription or
resource-group scope" is checked in one place.
"""

from __future__ import annotations

from ._cdk import Construct, azurerm, cdk
from .config.props import refusal

# Resource types that are scopes too broad for a least-privilege grant.
_BROAD_SCOPES = frozenset({"azurerm_subscription", "azurerm_resource_group", "azurerm_management_group"})


class RoleGrant(Construct):
    """Give ``principal_id`` the built-in role ``role`` on exactly ``target``.

    ``target`` is a resource construct (a vault, a namespace, a subnet...), never an id string,
    so a grant cannot silently widen to a resource group or the subscription.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        target: cdk.TerraformResource | cdk.TerraformDataSource,
        role: str,
        principal_id: str,
        principal_type: str = "ServicePrincipal",
    ) -> None:
        super().__init__(scope, id)
        if target.terraform_resource_type in _BROAD_SCOPES:
            raise refusal(
                "target",
                target.terraform_resource_type,
                "a single resource, not a subscription, management group or resource group",
            )
        if not role.strip():
            raise refusal("role", role, "a built-in role name")
        self.assignment = azurerm.role_assignment.RoleAssignment(
            self,
            "assignment",
            scope=target.get_string_attribute("id"),
            role_definition_name=role,
            principal_id=principal_id,
            principal_type=principal_type,
        )
