"""Dev (D-1, D-2): same constructs and topology, one zone, small SKUs, no DR region; still private."""

from tripgen_constructs import (
    AlertsProps,
    BackupStorageProps,
    CertificateProps,
    ContainerRegistryProps,
    EmailReceiver,
    EncryptionProps,
    EnvironmentConfig,
    KeyVaultProps,
    MessagingProps,
    NodePoolProps,
    ObservabilityProps,
    PostgresProps,
    PrivateDataTierProps,
    RedisProps,
    SecurePerimeterProps,
    WorkloadsProps,
    ZonalAksClusterProps,
)
from tripgen_constructs.rules import RuleSuppression

from apps import spec
from apps.accepted import ACCEPTED, WORKLOADS_ACCEPTED

CONFIG = EnvironmentConfig(
    workload="tripgen",
    name="dev",
    location="koreacentral",
    time_zone="Asia/Seoul",  # T-5: operators and users are in Korea
    production=False,
    zone_redundant=False,
    dr_location=None,
    tags={"owner": "platform", "cost-center": "tripgen"},
    network=spec.NETWORK_WITHOUT_DR,
    aks=ZonalAksClusterProps(
        service_cidr=spec.SERVICE_CIDR,
        sku_tier="Free",
        system_pool=NodePoolProps(name="system", vm_size="Standard_D2s_v3", min_count=1, max_count=2, zones=("1",)),
        application_pool=NodePoolProps(
            name="application",
            vm_size="Standard_D4s_v3",
            min_count=1,
            max_count=3,
            zones=("1",),
            taints=("application-workload=true:NoSchedule",),
        ),
    ),
    # D-1: 30 days, a 1 GB cap, every table at the workspace retention (no O-5 long-term tables);
    # alerts to one placeholder receiver that operators override (docs/observability.md).
    observability=ObservabilityProps(retention_days=30, daily_quota_gb=1, table_retention=()),
    alerts=AlertsProps(email_receivers=(EmailReceiver(name="dev-team", address="dev-team@tripgen.example"),)),
    # Standard Service Bus, explicitly without private endpoint or geo-DR (both need Premium). A Standard
    # namespace cannot be reached privately, so public access is stated here; it admits Entra ID
    # tokens only (local/SAS auth is off) over TLS 1.2 (docs/messaging.md).
    messaging=MessagingProps(
        queues=spec.QUEUES,
        topics=spec.TOPICS,
        sku="Standard",
        capacity=0,
        premium_messaging_partitions=0,
        private_endpoint=False,
        geo_dr=False,
        public_network_access=True,
    ),
    # D-1: a smaller gateway in one zone; the WAF stays in Prevention like prod (Detection would need
    # waf=WafProps(mode="Detection", allow_detection_mode=True)).
    perimeter=SecurePerimeterProps(
        private_ip=spec.PRIVATE_FRONTEND_IP,
        certificate_name=spec.CERTIFICATE_NAME,
        domain=spec.DOMAIN,
        min_capacity=1,
        max_capacity=2,
        zones=("1",),
    ),
    # One replica per service, scaling to 2-3, a quarter to half of prod's requests: fits 3 D4s_v3
    # nodes. A single replica cannot have a budget that lets a drain through, so no PDB (W-3).
    workloads=WorkloadsProps(
        namespace=spec.NAMESPACE,
        suppressions={
            **WORKLOADS_ACCEPTED,
            "TG-WL-REPLICAS": "D-1: one replica per service, scaling to 2-3 under load",
            "TG-WL-PDB": "D-1: a single replica cannot have a budget that lets a drain through (W-3)",
        },
        services=tuple(
            service.replace(replicas=1, min_replicas=1, max_replicas=max_replicas, pdb_min_available=None, **resources)
            for service, max_replicas, resources in (
                (
                    spec.USER_SERVICE,
                    2,
                    {"cpu_request": "250m", "memory_request": "512Mi", "cpu_limit": "1000m", "memory_limit": "1Gi"},
                ),
                (
                    spec.TRIP_SERVICE,
                    3,
                    {"cpu_request": "250m", "memory_request": "512Mi", "cpu_limit": "1000m", "memory_limit": "1Gi"},
                ),
                (
                    spec.AI_SERVICE,
                    2,
                    {"cpu_request": "500m", "memory_request": "1Gi", "cpu_limit": "2000m", "memory_limit": "2Gi"},
                ),
                (
                    spec.LOCATION_SERVICE,
                    2,
                    {"cpu_request": "250m", "memory_request": "512Mi", "cpu_limit": "1000m", "memory_limit": "1Gi"},
                ),
            )
        ),
    ),
    # D-1: platform-managed keys. Customer-managed keys need a purge-protected vault, which dev's
    # disposable vault is not (docs/security.md).
    encryption=EncryptionProps(customer_managed_keys=False),
    # D-1: Standard vault (software keys), shortest soft delete and no purge protection, so a dev
    # environment can be torn down and rebuilt under the same names; still private (D-2). The
    # gateway's certificate is self-signed: no CA order for dev.
    key_vault=KeyVaultProps(
        sku="standard",
        soft_delete_retention_days=7,
        purge_protection=False,
        certificates=(CertificateProps.wildcard(spec.CERTIFICATE_NAME, spec.DOMAIN, issuer="Self"),),
    ),
    # D-1 over D-2: a Standard registry (a third of Premium's price) has no private endpoint, no
    # geo-replication, zones or retention, so they are off explicitly; its public endpoint admits
    # Entra ID tokens only (admin user and anonymous pull off). docs/security.md.
    registry=ContainerRegistryProps(
        sku="Standard", replica_locations=(), zone_redundant=False, private_endpoint=False, untagged_retention_days=None
    ),
    # D-1 data tier, still private (D-2): a Burstable server without HA (Azure refuses HA there), replicas
    # or geo backups; a Standard C1 cache rather than Premium P1: the same private endpoint, TLS 1.2 and
    # Entra ID auth at about a quarter of P1's price; clustering, zones and persistence are Premium-only
    # and a dev cache is disposable (docs/data-tier.md). LRS backups, kept 30 days.
    data=PrivateDataTierProps(
        postgres=PostgresProps(
            sku_name="B_Standard_B2s",
            storage_mb=32768,
            high_availability="Disabled",
            standby_zone=None,
            backup_retention_days=7,
            geo_redundant_backup=False,
            replicas=(),
        ),
        redis=RedisProps(
            sku="Standard",
            capacity=1,
            shard_count=None,
            replicas_per_primary=None,
            zones=None,
            rdb_backup_enabled=False,
        ),
        storage=BackupStorageProps(replication="LRS", retention_days=30),
    ),
    # Findings of the rule packs (and checkov) that dev accepts, each with its reason (issue 8).
    suppressions=ACCEPTED
    + tuple(
        RuleSuppression(rule=rule, path=path, reason=f"D-1: {reason}")
        for path, reason, rules in (
            (
                "aks",
                "single-zone node pools, no uptime SLA: dev has no HA by design",
                (
                    "TG-RES-AKS-POOL-ZONES",
                    "TG-RES-AKS-SYSTEM-NODES",
                    "TG-RES-AKS-USER-NODES",
                    "TG-RES-AKS-TIER",
                    "CKV_AZURE_170",
                ),
            ),
            (
                "aks/cluster",
                "platform-managed disk keys; customer-managed keys need a purge-protected vault",
                ("CKV_AZURE_117",),
            ),
            (
                "perimeter",
                "a gateway in zone 1 that may scale to one instance, its IP in that zone",
                ("TG-RES-AGW-ZONES", "TG-RES-AGW-CAPACITY", "TG-RES-PUBLIC-IP-ZONES"),
            ),
            (
                "data/postgres",
                "a Burstable server (Azure refuses HA there) and no DR region for geo backups",
                ("TG-RES-POSTGRES-HA", "TG-RES-POSTGRES-GEO-BACKUP", "TG-RES-POSTGRES-READ-REPLICA", "CKV_AZURE_136"),
            ),
            ("data/redis", "a Standard C1 cache: zones are Premium-only", ("TG-RES-REDIS-ZONES",)),
            (
                "data/backup-storage",
                "LRS backups of a disposable environment",
                ("TG-RES-STORAGE-REDUNDANCY", "CKV_AZURE_206"),
            ),
            (
                "registry/registry",
                "a Standard registry, a third of Premium's price; these features are Premium-only",
                (
                    "TG-RES-ACR-PREMIUM",
                    "TG-RES-ACR-GEO-REPLICA",
                    "CKV_AZURE_233",
                    "CKV_AZURE_237",
                    "CKV_AZURE_164",
                    "CKV_AZURE_165",
                    "CKV_AZURE_166",
                    "CKV_AZURE_167",
                ),
            ),
            (
                "registry/registry",
                "a Standard registry has no private endpoint; Entra ID tokens only, admin and anonymous pull off",
                ("TG-PUBLIC-ACCESS", "CKV_AZURE_139"),
            ),
            (
                "key-vault",
                "no purge protection, shortest soft delete, so dev can be torn down and rebuilt under the same names",
                ("TG-RES-KV-PURGE-PROTECTION", "CKV_AZURE_110", "CKV_AZURE_42"),
            ),
            (
                "key-vault",
                "a Standard vault holds software-protected keys; HSM keys are prod's Premium vault (S-1)",
                ("CKV_AZURE_112",),
            ),
            (
                "messaging/namespace",
                "a Standard Service Bus namespace; customer-managed keys and zone redundancy are Premium-only",
                ("TG-RES-SERVICEBUS-ZONES", "CKV_AZURE_201", "CKV_AZURE_199"),
            ),
            (
                "messaging/namespace",
                "a Standard Service Bus namespace cannot be private; Entra ID tokens only (local auth off), TLS 1.2",
                ("TG-PUBLIC-ACCESS", "CKV_AZURE_204"),
            ),
        )
        for rule in rules
    ),
)

DEV = CONFIG
"""The name the dev-specific tests read."""
