"""``KeyVault``: the private, RBAC-authorized Key Vault of the services' secrets (S-1, S-2).

What Terraform owns and what it never sees:

- the vault itself, its private endpoint, and the keys and certificates that Azure can rotate or
  renew on its own (key material is generated inside the vault, so state holds no private part);
- the *names* of the secrets of S-1, declared as a contract (a Terraform output listing each name
  and its rotation period) but never as ``azurerm_key_vault_secret`` resources: such a resource
  would put the value, even a placeholder overwritten later, into state on every refresh. Operators
  set the values with the az CLI (``docs/security.md``).
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Final, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from .naming import Naming
from .props import Props, azure_name_check, azure_name_rule, refusal

# --- Spec defaults -------------------------------------------------------------------------------

SKU: Final = "premium"  # S-1: HSM-backed keys
SOFT_DELETE_DAYS = 90  # S-1
SOFT_DELETE_RANGE = (7, 90)  # what Azure accepts
SECRET_ROTATION_DAYS = 90  # S-2: secrets (and the encryption keys, which are secrets of the vault)
API_KEY_ROTATION_DAYS = 180  # S-2: API keys
CERTIFICATE_VALIDITY_MONTHS = 12  # S-2: certificates 365 days
KEY_GRACE_DAYS = 30
"""How long a key version stays valid after its successor was created: consumers pick up the new
version well within this window."""
RENEW_DAYS_BEFORE_EXPIRY = 30
KEY_SIZE: Final = 3072
ROTATION_DAYS: dict[str, int] = {"secret": SECRET_ROTATION_DAYS, "api-key": API_KEY_ROTATION_DAYS}
READER_ROLES = ("Key Vault Secrets User", "Key Vault Certificate User")  # S-4: secrets/certificates read
KEY_USER_ROLE = "Key Vault Crypto User"  # S-1: encrypt/decrypt with the vault's keys (design 7.4.1)

# Azure's naming rules.
VAULT_NAME_RULE = "3-24 letters, digits and single hyphens, starting with a letter, not ending with a hyphen"
_check_vault_name = azure_name_rule("key_vault.name", r"(?!.*--)[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]", VAULT_NAME_RULE)
ObjectName = Annotated[
    str,
    azure_name_check("name", r"[A-Za-z0-9-]{1,127}", "1-127 letters, digits and hyphens (Key Vault object names)"),
]
"""A secret, key or certificate name. The design's ``openai_api_key`` is written ``openai-api-key``:
Key Vault refuses underscores."""

# --- Props ---------------------------------------------------------------------------------------


class SecretProps(Props):
    """A secret the services read; its value is set by operators, never by Terraform (S-1)."""

    name: ObjectName
    kind: Literal["secret", "api-key"] = "secret"
    """Decides the rotation period (S-2): secrets 90 days, API keys 180 days."""

    @property
    def rotation_days(self) -> int:
        return ROTATION_DAYS[self.kind]


class KeyProps(Props):
    """An encryption key generated in the vault, rotated by Azure (S-1, S-2)."""

    name: ObjectName
    key_size: Literal[2048, 3072, 4096] = KEY_SIZE
    rotate_after_days: int = SECRET_ROTATION_DAYS
    """Azure creates a new version this long after the current one (S-2)."""
    grace_days: int = KEY_GRACE_DAYS
    """A version expires this long after its successor exists."""

    @model_validator(mode="after")
    def _periods(self) -> KeyProps:
        # Azure: rotation at least 7 days after creation, expiry at least 28 days, and a rotation
        # that leaves at least 7 days before expiry.
        if self.rotate_after_days < 7:
            raise refusal(f"keys.{self.name}.rotate_after_days", self.rotate_after_days, "at least 7 (Azure's minimum)")
        if self.grace_days < 7:
            raise refusal(f"keys.{self.name}.grace_days", self.grace_days, "at least 7 (Azure's minimum)")
        if self.expire_after_days < 28:
            raise refusal(
                f"keys.{self.name}.rotate_after_days + grace_days",
                self.expire_after_days,
                "at least 28 (Azure's minimum expiry)",
            )
        return self

    @property
    def expire_after_days(self) -> int:
        return self.rotate_after_days + self.grace_days


class CertificateProps(Props):
    """A TLS certificate whose key is generated in the vault (S-1, S-2).

    ``issuer`` ``Unknown`` leaves a pending request that operators get signed by an outside CA
    and merge (``docs/security.md``): the vault then e-mails its contacts before expiry, since it
    cannot renew alone. ``Self`` or an issuer configured in the vault (DigiCert, GlobalSign)
    renews automatically.
    """

    name: ObjectName
    subject: str = Field(pattern=r"^(?:CN=\S.*)$")
    dns_names: tuple[str, ...] = ()
    issuer: str = Field(default="Unknown", pattern=r"^(?:[A-Za-z0-9-]{1,127})$")
    validity_months: int = Field(default=CERTIFICATE_VALIDITY_MONTHS, ge=1, le=1200)
    renew_days_before_expiry: int = RENEW_DAYS_BEFORE_EXPIRY

    @model_validator(mode="after")
    def _renewal(self) -> CertificateProps:
        # Azure refuses a trigger at or beyond the certificate's lifetime.
        shortest_month_days = 28
        if not 1 <= self.renew_days_before_expiry < self.validity_months * shortest_month_days:
            raise refusal(
                f"certificates.{self.name}.renew_days_before_expiry",
                self.renew_days_before_expiry,
                f"within 1-{self.validity_months * shortest_month_days - 1} for {self.validity_months} months validity",
            )
        return self

    @classmethod
    def wildcard(cls, name: str, domain: str, *, issuer: str = "Unknown") -> CertificateProps:
        """The wildcard TLS certificate ``*.<domain>`` (G-2) stored as ``name``."""
        return cls(name=name, subject=f"CN=*.{domain}", dns_names=(f"*.{domain}", domain), issuer=issuer)

    @property
    def action(self) -> str:
        """What the vault does before expiry: renew, or tell its contacts (Unknown issuer)."""
        return "EmailContacts" if self.issuer == "Unknown" else "AutoRenew"


DEFAULT_SECRETS = (  # S-1, names as Key Vault allows them
    SecretProps(name="openai-api-key", kind="api-key"),
    SecretProps(name="jwt-signing-key"),
    SecretProps(name="database-password"),
    SecretProps(name="external-api-key", kind="api-key"),
)
DEFAULT_KEYS = (KeyProps(name="data-encryption-key"),)  # S-1 "encryption keys"


class KeyVaultProps(Props):
    """Settings of a ``KeyVault``; every default is the production design's value."""

    name: Annotated[str, AfterValidator(_check_vault_name)] | None = None
    """Vault name; ``None`` is ``kv-<workload>-<env>``. Vault names are global: override on a clash."""
    sku: Literal["standard", "premium"] = SKU
    soft_delete_retention_days: int = SOFT_DELETE_DAYS
    purge_protection: bool = True
    secrets: tuple[SecretProps, ...] = DEFAULT_SECRETS
    keys: tuple[KeyProps, ...] = DEFAULT_KEYS
    certificates: tuple[CertificateProps, ...] = ()
    deployer_principal_type: Literal["ServicePrincipal", "User"] = "ServicePrincipal"
    """Kind of principal that runs Terraform; it gets the data-plane roles to create keys and
    certificates (only when some are declared)."""

    @field_validator("soft_delete_retention_days")
    @classmethod
    def _soft_delete(cls, value: int) -> int:
        low, high = SOFT_DELETE_RANGE
        if not low <= value <= high:
            raise refusal("soft_delete_retention_days", value, f"within {low}-{high} days (Azure's range)")
        return value

    @model_validator(mode="after")
    def _unique_names(self) -> KeyVaultProps:
        # Names are case-insensitive. Secrets and keys are separate collections, but a certificate
        # owns a key and a secret of its own name, so it clashes with both.
        for field, objects in (("secrets", self.secrets), ("keys", self.keys), ("certificates", self.certificates)):
            dup = sorted(n for n, c in Counter(o.name.lower() for o in objects).items() if c > 1)
            if dup:
                raise refusal(field, dup, "unique names (case-insensitive)")
        taken = {o.name.lower() for o in self.secrets} | {k.name.lower() for k in self.keys}
        clash = sorted(c.name for c in self.certificates if c.name.lower() in taken)
        if clash:
            raise refusal(
                "certificates", clash, "names no secret or key uses (a certificate owns a key and a secret of its name)"
            )
        return self

    def vault_name(self, naming: Naming) -> str:
        name = self.name or naming.name("kv")
        return _check_vault_name(name)  # a derived name must obey the rule too
