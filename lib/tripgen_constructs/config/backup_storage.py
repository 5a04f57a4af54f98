"""``BackupStorage``: the storage account for config backups and Redis persistence (P-9, P-7):
geo-zone-redundant, TLS 1.2, HTTPS only, Entra ID only, private endpoint, soft delete, versioning
and lifecycle deletion."""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import AfterValidator, Field

from .props import Props, azure_name_rule

# --- Spec defaults -------------------------------------------------------------------------------

REPLICATION: Final = "GZRS"  # P-9: zone-redundant in Korea Central, copied to Korea South (T-5)
GEO_REPLICATIONS = ("GZRS", "RAGZRS")  # P-9: what production must use
RETENTION_DAYS = 90  # P-9: backups kept 90 days
NONCURRENT_VERSION_DAYS = 7  # P-7: RDB snapshots kept 7 days (each hourly rewrite leaves a version)
SOFT_DELETE_DAYS = 7  # P-9: undo window for deleted blobs and containers
CONFIG_BACKUP_CONTAINER = "config-backups"  # P-9
MIN_TLS_VERSION = "TLS1_2"  # S-3

# checkov findings that do not apply here, with the reason (S-3, O-3).
ACCOUNT_FINDINGS = (
    (
        "CKV_AZURE_33",
        "The account serves blobs only, no queue; queue logging would also need the shared key, which is off",
    ),
)
CONTAINER_FINDINGS = (
    (
        "CKV2_AZURE_21",
        "Blob reads are logged by the blob service's diagnostic setting into Log Analytics (O-3); "
        "checkov only recognises storage insights",
    ),
)

STORAGE_ACCOUNT_NAME_RULE = "3-24 lowercase letters or digits (Azure storage account names)"
check_storage_account_name = azure_name_rule("storage_account_name", r"[a-z0-9]{3,24}", STORAGE_ACCOUNT_NAME_RULE)
"""The storage account name rule, for a given name (the field) and a derived one (the construct)."""
StorageAccountName = Annotated[str, AfterValidator(check_storage_account_name)]


class BackupStorageProps(Props):
    """Settings of a ``BackupStorage``; every default is the production design's value."""

    name: StorageAccountName | None = None
    """``None``: ``st<workload>bkp<env>``; set it if that global name is taken."""
    replication: Literal["LRS", "ZRS", "GZRS", "RAGZRS"] = REPLICATION
    retention_days: int = Field(default=RETENTION_DAYS, ge=1, le=36500)
    noncurrent_version_days: int = Field(default=NONCURRENT_VERSION_DAYS, ge=1, le=36500)
    soft_delete_days: int = Field(default=SOFT_DELETE_DAYS, ge=1, le=365)
