"""``ServiceIdentity``: the user-assigned identity the services' pods run as (S-4, K-9).

Each service account of the workload namespace is federated with the AKS OIDC issuer, so a pod
with that service account gets Entra tokens for this identity without any secret. Roles are
granted per resource through ``grant`` (``RoleGrant``), never on a group or the subscription.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator

from .props import Props, refusal

# --- Spec defaults -------------------------------------------------------------------------------

IDENTITY_NAME = "services"  # K-9, S-4: "tripgen-services", per environment: id-tripgen-services-<env>
SERVICE_BUS_ROLES = ("Azure Service Bus Data Sender", "Azure Service Bus Data Receiver")  # S-4
BLOB_ROLES = ("Storage Blob Data Contributor",)  # S-4: storage read/write
REDIS_ACCESS_POLICY = "Data Contributor"  # S-4 Redis connect: read/write, no admin or dangerous commands
TOKEN_AUDIENCE = "api://AzureADTokenExchange"  # the audience AKS workload identity requests
MAX_FEDERATED_CREDENTIALS = 20  # Azure's limit per user-assigned identity

_DNS_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")
_K8S_NAME = "1-63 lowercase letters, digits and '-', starting and ending with a letter or digit"


def _check_label(field: str) -> AfterValidator:
    def check(value: str) -> str:
        if not _DNS_LABEL.fullmatch(value):
            raise refusal(field, value, _K8S_NAME)
        return value

    return AfterValidator(check)


# --- Props ---------------------------------------------------------------------------------------


class ServiceIdentityProps(Props):
    """Settings of a ``ServiceIdentity``; every default is the production design's value."""

    name: str = Field(default=IDENTITY_NAME, pattern=r"^(?:[a-z][a-z0-9-]{0,40}[a-z0-9])$")
    """Middle part of the identity name ``id-<workload>-<name>-<env>``."""
    namespace: Annotated[str, _check_label("namespace")] | None = None
    """Namespace of the service accounts; ``None``: the environment's workload namespace
    (``EnvironmentConfig`` fills it in; a ``ServiceIdentity`` outside one refuses ``None``)."""
    service_accounts: tuple[Annotated[str, _check_label("service_accounts")], ...] | None = None
    """Service accounts in ``namespace`` whose pods act as this identity (one federated credential
    each, named after the account); ``None``: every workload service's account (S-5:
    ``<name>-service-sa``), filled in by ``EnvironmentConfig``."""

    @field_validator("service_accounts")
    @classmethod
    def _accounts(cls, accounts: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if accounts is None:
            return None
        dup = sorted(a for a, c in Counter(accounts).items() if c > 1)
        if dup:
            raise refusal("service_accounts", dup, "unique service account names")
        if not 1 <= len(accounts) <= MAX_FEDERATED_CREDENTIALS:
            raise refusal(
                "service_accounts",
                len(accounts),
                f"1-{MAX_FEDERATED_CREDENTIALS} accounts (Azure's limit of federated credentials)",
            )
        return accounts

    @property
    def accounts(self) -> tuple[str, ...]:
        """``service_accounts`` once given or filled in; refused while neither (a ``ServiceIdentity``
        outside an ``EnvironmentConfig`` must name them, and its namespace)."""
        for field in ("namespace", "service_accounts"):
            if getattr(self, field) is None:
                raise refusal(f"identity.{field}", None, "given: outside an EnvironmentConfig no workloads fill it in")
        return self.service_accounts or ()

    def subject(self, account: str) -> str:
        """The token subject AKS issues for ``account``."""
        return f"system:serviceaccount:{self.namespace}:{account}"

    def for_workloads(self, namespace: str, service_accounts: tuple[str, ...]) -> ServiceIdentityProps:
        """These props with the namespace and the service accounts left out taken from the workloads."""
        return self.filled(namespace=namespace, service_accounts=service_accounts)
