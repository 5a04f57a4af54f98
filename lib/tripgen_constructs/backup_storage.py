"""``BackupStorage``: the storage account for config backups and Redis persistence (P-9, P-7):
geo-zone-redundant, TLS 1.2, HTTPS only, Entra ID only, private endpoint, soft delete, versioning
and lifecycle deletion."""

from __future__ import annotations

from ._cdk import Construct, azurerm
from .config.backup_storage import (  # the props and defaults live in the config layer
    ACCOUNT_FINDINGS as ACCOUNT_FINDINGS,
    CONFIG_BACKUP_CONTAINER as CONFIG_BACKUP_CONTAINER,
    CONTAINER_FINDINGS as CONTAINER_FINDINGS,
    GEO_REPLICATIONS as GEO_REPLICATIONS,
    MIN_TLS_VERSION as MIN_TLS_VERSION,
    NONCURRENT_VERSION_DAYS as NONCURRENT_VERSION_DAYS,
    REPLICATION as REPLICATION,
    RETENTION_DAYS as RETENTION_DAYS,
    SOFT_DELETE_DAYS as SOFT_DELETE_DAYS,
    STORAGE_ACCOUNT_NAME_RULE as STORAGE_ACCOUNT_NAME_RULE,
    BackupStorageProps as BackupStorageProps,
    StorageAccountName as StorageAccountName,
    check_storage_account_name,
)
from .encryption import CustomerManagedKey
from .private_endpoint import PrivateEndpoint
from .rules import Suppressions


class BackupStorage(Construct):
    """Storage account, config-backup container, lifecycle policy and blob private endpoint.

    ``trusted_service_access``: Redis persistence reaches the account over Azure's backbone, not
    the private endpoint, so the account keeps its public endpoint enabled but denies every
    network except trusted Azure services (which still need an RBAC role: the cache's identity
    gets one). Without it, public network access is off entirely.

    Typed attributes: ``account``, ``account_id``, ``blob_endpoint``, ``config_container``.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: BackupStorageProps,
        name: str,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        endpoint_subnet: azurerm.subnet.Subnet,
        dns_zone: azurerm.private_dns_zone.PrivateDnsZone,
        trusted_service_access: bool,
        tags: dict[str, str],
        encryption_key: CustomerManagedKey | None = None,
    ) -> None:
        super().__init__(scope, id)
        sa = azurerm.storage_account
        check_storage_account_name(name)  # a derived name obeys the rule too
        self.account = sa.StorageAccount(
            self,
            "account",
            name=name,
            location=location,
            resource_group_name=resource_group.name,
            account_kind="StorageV2",
            account_tier="Standard",
            account_replication_type=props.replication,
            min_tls_version=MIN_TLS_VERSION,
            https_traffic_only_enabled=True,
            allow_nested_items_to_be_public=False,
            shared_access_key_enabled=False,  # Redis persistence uses its managed identity
            default_to_oauth_authentication=True,
            cross_tenant_replication_enabled=False,
            infrastructure_encryption_enabled=True,
            # S-3: blobs under our rotated key when the environment turns customer-managed keys on.
            identity=sa.StorageAccountIdentity(type="UserAssigned", identity_ids=[encryption_key.identity.id])
            if encryption_key
            else None,
            customer_managed_key=sa.StorageAccountCustomerManagedKey(
                key_vault_key_id=encryption_key.key.versionless_id,
                user_assigned_identity_id=encryption_key.identity.id,
            )
            if encryption_key
            else None,
            depends_on=[encryption_key.grant] if encryption_key else None,
            public_network_access_enabled=trusted_service_access,
            network_rules=sa.StorageAccountNetworkRules(default_action="Deny", bypass=["AzureServices"]),
            blob_properties=sa.StorageAccountBlobProperties(
                versioning_enabled=True,
                delete_retention_policy=sa.StorageAccountBlobPropertiesDeleteRetentionPolicy(
                    days=props.soft_delete_days
                ),
                container_delete_retention_policy=sa.StorageAccountBlobPropertiesContainerDeleteRetentionPolicy(
                    days=props.soft_delete_days
                ),
            ),
            tags=tags,
        )
        if encryption_key is None:
            Suppressions.of(self.account).add(
                "CKV2_AZURE_1", "customer-managed keys are off in this environment's config (encryption)"
            )
        if trusted_service_access:
            reason = "Redis persistence writes over Azure's backbone as a trusted service; every network is denied"
            for rule in ("TG-PUBLIC-ACCESS", "CKV_AZURE_59"):
                Suppressions.of(self.account).add(rule, reason)
        self.config_container = azurerm.storage_container.StorageContainer(
            self,
            "config-backups",
            name=CONFIG_BACKUP_CONTAINER,
            storage_account_id=self.account.id,
            container_access_type="private",
        )
        for resource, findings in (
            (self.account, ACCOUNT_FINDINGS),
            (self.config_container, CONTAINER_FINDINGS),
        ):
            for rule, reason in findings:
                Suppressions.of(resource).add(rule, reason)
        mp = azurerm.storage_management_policy
        self.lifecycle = mp.StorageManagementPolicy(
            self,
            "lifecycle",
            storage_account_id=self.account.id,
            rule=[
                mp.StorageManagementPolicyRule(
                    name="delete-after-retention",
                    enabled=True,
                    filters=mp.StorageManagementPolicyRuleFilters(blob_types=["blockBlob"]),
                    actions=mp.StorageManagementPolicyRuleActions(
                        base_blob=mp.StorageManagementPolicyRuleActionsBaseBlob(
                            delete_after_days_since_modification_greater_than=props.retention_days
                        ),
                        version=mp.StorageManagementPolicyRuleActionsVersion(
                            delete_after_days_since_creation=props.noncurrent_version_days
                        ),
                        snapshot=mp.StorageManagementPolicyRuleActionsSnapshot(
                            delete_after_days_since_creation_greater_than=props.noncurrent_version_days
                        ),
                    ),
                )
            ],
        )
        self.endpoint = PrivateEndpoint(
            self,
            "private-endpoint-blob",
            target=self.account,
            subresource="blob",
            subnet=endpoint_subnet,
            dns_zone=dns_zone,
            name=f"pe-{name}-blob",
            location=location,
            resource_group_name=resource_group.name,
            tags=tags,
        )

    @property
    def account_id(self) -> str:
        return self.account.id

    @property
    def blob_endpoint(self) -> str:
        return self.account.primary_blob_endpoint
