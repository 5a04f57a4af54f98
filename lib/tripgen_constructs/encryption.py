"""``CustomerManagedKey``: encryption at rest under our own key (S-3), one piece for every service.

A service that encrypts with a customer-managed key needs the same three things: a rotated key in
the vault, a user-assigned identity the service acts as, and the one role that lets that identity
wrap and unwrap with the vault's keys. Disks (AKS), Service Bus and storage all take them from here.
"""

from __future__ import annotations

from ._cdk import Construct, azurerm
from .config.encryption import (  # the props and defaults live in the config layer
    ENCRYPTION_ROLE as ENCRYPTION_ROLE,
    EncryptionProps as EncryptionProps,
)
from .config.naming import Naming
from .rbac import RoleGrant
from .security import KeyProps, KeyVault


class CustomerManagedKey(Construct):
    """A key ``<purpose>-cmk`` in ``key_vault`` and the identity ``id-<workload>-<purpose>-<env>``
    allowed to use it.

    Typed attributes: ``key`` (azurerm key; ``key.versionless_id`` follows rotations),
    ``identity`` (azurerm user-assigned identity), ``grant`` (its key-access role assignment: a
    service configured with the key depends on it), ``props`` (e.g. ``infrastructure_encryption``).
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        purpose: str,
        props: EncryptionProps,
        key_vault: KeyVault,
        naming: Naming,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        tags: dict[str, str],
    ) -> None:
        super().__init__(scope, id)
        self.props = props
        self.key = key_vault.add_key(KeyProps(name=f"{purpose}-cmk", rotate_after_days=props.key_rotation_days))
        self.identity = azurerm.user_assigned_identity.UserAssignedIdentity(
            self,
            "identity",
            name=naming.name("id", purpose),
            location=location,
            resource_group_name=resource_group.name,
            tags=tags,
        )
        self.grant = RoleGrant(
            self, "key-access", target=key_vault.vault, role=ENCRYPTION_ROLE, principal_id=self.identity.principal_id
        ).assignment
