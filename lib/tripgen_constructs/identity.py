"""``ServiceIdentity``: the user-assigned identity the services' pods run as (S-4, K-9).

Each service account of the workload namespace is federated with the AKS OIDC issuer, so a pod
with that service account gets Entra tokens for this identity without any secret. Roles are
granted per resource through ``grant`` (``RoleGrant``), never on a group or the subscription.
"""

from __future__ import annotations

from ._cdk import Construct, azurerm, cdk
from .config.identity import (  # the props and defaults live in the config layer
    BLOB_ROLES as BLOB_ROLES,
    IDENTITY_NAME as IDENTITY_NAME,
    MAX_FEDERATED_CREDENTIALS as MAX_FEDERATED_CREDENTIALS,
    REDIS_ACCESS_POLICY as REDIS_ACCESS_POLICY,
    SERVICE_BUS_ROLES as SERVICE_BUS_ROLES,
    TOKEN_AUDIENCE as TOKEN_AUDIENCE,
    ServiceIdentityProps as ServiceIdentityProps,
)
from .config.naming import Naming
from .config.props import refusal
from .rbac import RoleGrant

# --- Construct -----------------------------------------------------------------------------------


class ServiceIdentity(Construct):
    """User-assigned identity ``id-<workload>-services-<env>``.

    It exists before the cluster, so the data tier can map it; ``federate`` then trusts the AKS
    OIDC issuer for each service account, and ``grant`` gives it a role on one resource.

    Typed attributes: ``identity``, ``identity_name``, ``client_id``, ``principal_id``,
    ``accounts`` (the federated service accounts), ``federated_credentials`` by service account;
    ``use_redis`` and ``administer_postgres`` map it into the data tier.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: ServiceIdentityProps,
        naming: Naming,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        tags: dict[str, str],
    ) -> None:
        super().__init__(scope, id)
        self.props = props
        self.accounts = props.accounts  # refuses props whose namespace or accounts nothing filled in
        self._resource_group = resource_group
        self.identity_name = naming.name("id", props.name)
        self.identity = azurerm.user_assigned_identity.UserAssignedIdentity(
            self,
            "identity",
            name=self.identity_name,
            location=location,
            resource_group_name=resource_group.name,
            tags=tags,
        )
        self.federated_credentials: dict[str, azurerm.federated_identity_credential.FederatedIdentityCredential] = {}

    def federate(self, oidc_issuer_url: str) -> None:
        """Trust tokens of ``oidc_issuer_url`` (the AKS OIDC issuer) for each service account (K-9)."""
        if self.federated_credentials:
            raise refusal("federate", oidc_issuer_url, "called once per identity")
        previous: list[cdk.ITerraformDependable] = []
        for account in self.accounts:
            credential = azurerm.federated_identity_credential.FederatedIdentityCredential(
                self,
                f"federated-{account}",
                name=account,
                resource_group_name=self._resource_group.name,
                parent_id=self.identity.id,
                issuer=oidc_issuer_url,
                subject=self.props.subject(account),
                audience=[TOKEN_AUDIENCE],
                # Azure refuses concurrent writes of credentials on one identity: one after another.
                depends_on=previous or None,
            )
            self.federated_credentials[account] = credential
            previous = [credential]

    @property
    def client_id(self) -> str:
        """Goes into each service account's ``azure.workload.identity/client-id`` annotation."""
        return self.identity.client_id

    @property
    def principal_id(self) -> str:
        return self.identity.principal_id

    def use_redis(self, cache: azurerm.redis_cache.RedisCache) -> None:
        """Entra ID access to ``cache`` with the built-in data access policy (S-4 Redis connect)."""
        azurerm.redis_cache_access_policy_assignment.RedisCacheAccessPolicyAssignment(
            self,
            "redis-access",
            name=self.identity_name,
            redis_cache_id=cache.id,
            access_policy_name=REDIS_ACCESS_POLICY,
            object_id=self.principal_id,
            object_id_alias=self.identity_name,
        )

    def administer_postgres(
        self, server: azurerm.postgresql_flexible_server.PostgresqlFlexibleServer, *, tenant_id: str
    ) -> None:
        """Make this identity an Entra ID administrator of ``server`` (S-4 PostgreSQL connect).

        azurerm can map an Entra principal to a PostgreSQL role only as administrator; narrower
        roles need SQL (``pgaadauth_create_principal``), see docs/security.md.
        """
        azurerm.postgresql_flexible_server_active_directory_administrator.PostgresqlFlexibleServerActiveDirectoryAdministrator(
            self,
            "postgres-entra-admin",
            server_name=server.name,
            resource_group_name=server.resource_group_name,
            tenant_id=tenant_id,
            object_id=self.principal_id,
            principal_name=self.identity_name,
            principal_type="ServicePrincipal",
        )

    def grant(self, target: cdk.TerraformResource, *roles: str) -> list[RoleGrant]:
        """Each of ``roles`` for this identity on exactly ``target``. The grant's construct id is
        the target's construct path and the role (``grant-key-vault-vault-key-vault-secrets-user``)."""
        where = target.node.path.split("/", 1)[1].replace("/", "-")
        return [
            RoleGrant(
                self,
                f"grant-{where}-{role.lower().replace(' ', '-')}",
                target=target,
                role=role,
                principal_id=self.principal_id,
            )
            for role in roles
        ]
