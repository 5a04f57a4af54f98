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

from ._cdk import Construct, azurerm, cdk
from .config.naming import Naming
from .config.props import refusal
from .config.security import (  # the props and defaults live in the config layer
    API_KEY_ROTATION_DAYS as API_KEY_ROTATION_DAYS,
    CERTIFICATE_VALIDITY_MONTHS as CERTIFICATE_VALIDITY_MONTHS,
    DEFAULT_KEYS as DEFAULT_KEYS,
    DEFAULT_SECRETS as DEFAULT_SECRETS,
    KEY_GRACE_DAYS as KEY_GRACE_DAYS,
    KEY_SIZE as KEY_SIZE,
    KEY_USER_ROLE as KEY_USER_ROLE,
    READER_ROLES as READER_ROLES,
    RENEW_DAYS_BEFORE_EXPIRY as RENEW_DAYS_BEFORE_EXPIRY,
    ROTATION_DAYS as ROTATION_DAYS,
    SECRET_ROTATION_DAYS as SECRET_ROTATION_DAYS,
    SKU as SKU,
    SOFT_DELETE_DAYS as SOFT_DELETE_DAYS,
    SOFT_DELETE_RANGE as SOFT_DELETE_RANGE,
    VAULT_NAME_RULE as VAULT_NAME_RULE,
    CertificateProps as CertificateProps,
    KeyProps as KeyProps,
    KeyVaultProps as KeyVaultProps,
    ObjectName as ObjectName,
    SecretProps as SecretProps,
)
from .private_endpoint import PrivateEndpoint
from .rbac import RoleGrant
from .rules import Suppressions

# --- Construct -----------------------------------------------------------------------------------


class KeyVault(Construct):
    """Key Vault ``kv-<workload>-<env>``, reachable only through its private endpoint, with its
    rotated keys and auto-renewed certificates.

    Typed attributes: ``vault``, ``vault_uri``, ``endpoint``, ``keys`` and ``certificates`` by name
    (a certificate's ``versionless_secret_id`` is what an Application Gateway listener loads);
    ``consumer_roles`` are the roles a reading service needs.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: KeyVaultProps,
        naming: Naming,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        tags: dict[str, str],
        client_config: azurerm.data_azurerm_client_config.DataAzurermClientConfig,
        subnet: azurerm.subnet.Subnet,
        dns_zone: azurerm.private_dns_zone.PrivateDnsZone,
    ) -> None:
        super().__init__(scope, id)
        self.props = props
        name = props.vault_name(naming)
        self.vault = azurerm.key_vault.KeyVault(
            self,
            "vault",
            name=name,
            location=location,
            resource_group_name=resource_group.name,
            tenant_id=client_config.tenant_id,
            sku_name=props.sku,
            rbac_authorization_enabled=True,
            purge_protection_enabled=props.purge_protection,
            soft_delete_retention_days=props.soft_delete_retention_days,
            public_network_access_enabled=False,
            # Deny all but the private endpoint; trusted Azure services (e.g. the Application
            # Gateway reading its certificate) pass.
            network_acls=azurerm.key_vault.KeyVaultNetworkAcls(default_action="Deny", bypass="AzureServices"),
            tags=tags,
        )
        self.endpoint = PrivateEndpoint(
            self,
            "private-endpoint",
            target=self.vault,
            subresource="vault",
            subnet=subnet,
            dns_zone=dns_zone,
            name=naming.name("pe", "kv"),
            location=location,
            resource_group_name=resource_group.name,
            tags=tags,
        )
        cdk.TerraformOutput(
            self,
            "secret-contract",
            description=(
                "Secrets the services expect in the vault, with their rotation period in days (S-1, S-2). "
                "Terraform never sets their values: see docs/security.md."
            ),
            value={s.name: {"kind": s.kind, "rotation_days": s.rotation_days} for s in props.secrets},
        )
        self._tags = tags
        self._deployer_principal = (client_config.object_id, props.deployer_principal_type)
        self._deployer_grants: dict[str, azurerm.role_assignment.RoleAssignment] = {}
        self.keys: dict[str, azurerm.key_vault_key.KeyVaultKey] = {}
        for key in props.keys:
            self.add_key(key)
        self.certificates = {
            cert.name: self._certificate(
                cert, tags, depends_on=[self._deployer_grant("Key Vault Certificates Officer"), self.endpoint.endpoint]
            )
            for cert in props.certificates
        }

    def _deployer_grant(self, role: str) -> azurerm.role_assignment.RoleAssignment:
        """Creating keys and certificates is data-plane work: the deployer needs ``role`` first
        (granted once, on first use)."""
        if role not in self._deployer_grants:
            principal_id, principal_type = self._deployer_principal
            self._deployer_grants[role] = RoleGrant(
                self,
                f"deployer-{role.lower().replace(' ', '-')}",
                target=self.vault,
                role=role,
                principal_id=principal_id,
                principal_type=principal_type,
            ).assignment
        return self._deployer_grants[role]

    def add_key(self, key: KeyProps) -> azurerm.key_vault_key.KeyVaultKey:
        """Generate ``key`` in the vault with its rotation policy (S-2); used for the configured keys
        and by ``CustomerManagedKey`` for each service's encryption key."""
        if key.name.lower() in {k.lower() for k in self.keys}:
            raise refusal("keys", key.name, "a key name not already in the vault")
        hsm = self.props.sku == "premium"  # S-1: HSM-protected keys where the SKU offers them
        resource = azurerm.key_vault_key.KeyVaultKey(
            self,
            f"key-{key.name}",
            name=key.name,
            key_vault_id=self.vault.id,
            key_type="RSA-HSM" if hsm else "RSA",
            key_size=key.key_size,
            key_opts=["encrypt", "decrypt", "wrapKey", "unwrapKey"],
            rotation_policy=azurerm.key_vault_key.KeyVaultKeyRotationPolicy(
                automatic=azurerm.key_vault_key.KeyVaultKeyRotationPolicyAutomatic(
                    time_after_creation=f"P{key.rotate_after_days}D"
                ),
                expire_after=f"P{key.expire_after_days}D",
                notify_before_expiry=f"P{key.grace_days}D",
            ),
            tags=self._tags,
            depends_on=[self._deployer_grant("Key Vault Crypto Officer"), self.endpoint.endpoint],
        )
        Suppressions.of(resource).add(
            "CKV_AZURE_40",
            "the rotation policy gives each rotated version its expiry (S-2); a calendar date in code would lapse",
        )
        self.keys[key.name] = resource
        return resource

    def _certificate(
        self, cert: CertificateProps, tags: dict[str, str], depends_on: list[cdk.ITerraformDependable]
    ) -> azurerm.key_vault_certificate.KeyVaultCertificate:
        kc = azurerm.key_vault_certificate
        return kc.KeyVaultCertificate(
            self,
            f"certificate-{cert.name}",
            name=cert.name,
            key_vault_id=self.vault.id,
            certificate_policy=kc.KeyVaultCertificateCertificatePolicy(
                issuer_parameters=kc.KeyVaultCertificateCertificatePolicyIssuerParameters(name=cert.issuer),
                # Exportable: the Application Gateway loads the certificate with its private key.
                key_properties=kc.KeyVaultCertificateCertificatePolicyKeyProperties(
                    exportable=True, key_type="RSA", key_size=2048, reuse_key=False
                ),
                secret_properties=kc.KeyVaultCertificateCertificatePolicySecretProperties(
                    content_type="application/x-pkcs12"
                ),
                lifetime_action=[
                    kc.KeyVaultCertificateCertificatePolicyLifetimeAction(
                        action=kc.KeyVaultCertificateCertificatePolicyLifetimeActionAction(action_type=cert.action),
                        trigger=kc.KeyVaultCertificateCertificatePolicyLifetimeActionTrigger(
                            days_before_expiry=cert.renew_days_before_expiry
                        ),
                    )
                ],
                x509_certificate_properties=kc.KeyVaultCertificateCertificatePolicyX509CertificateProperties(
                    subject=cert.subject,
                    validity_in_months=cert.validity_months,
                    key_usage=["digitalSignature", "keyEncipherment"],
                    extended_key_usage=["1.3.6.1.5.5.7.3.1"],  # TLS server authentication
                    subject_alternative_names=kc.KeyVaultCertificateCertificatePolicyX509CertificatePropertiesSubjectAlternativeNames(
                        dns_names=list(cert.dns_names)
                    )
                    if cert.dns_names
                    else None,
                ),
            ),
            tags=tags,
            depends_on=depends_on,
        )

    @property
    def vault_uri(self) -> str:
        return self.vault.vault_uri

    @property
    def consumer_roles(self) -> tuple[str, ...]:
        """Least-privilege roles of a service using this vault (S-4): read secrets and
        certificates, and use (not manage) the keys when the vault has any."""
        return READER_ROLES + ((KEY_USER_ROLE,) if self.keys else ())
