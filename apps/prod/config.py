"""Production: the design's values (the construct defaults and ``apps.spec`` carry the spec numbers)."""

from tripgen_constructs import (
    AlertsProps,
    CertificateProps,
    EmailReceiver,
    EnvironmentConfig,
    KeyVaultProps,
    MessagingProps,
    PrivateDataTierProps,
    RedisProps,
    RemoteBackendProps,
    SecurePerimeterProps,
    SmsReceiver,
    WebhookReceiver,
    WorkloadsProps,
    ZonalAksClusterProps,
)

from apps import spec
from apps.accepted import ACCEPTED, WORKLOADS_ACCEPTED

CONFIG = EnvironmentConfig(
    workload="tripgen",
    name="prod",
    location="koreacentral",
    time_zone="Asia/Seoul",  # T-5: operators and users are in Korea
    production=True,
    availability_target=99.9,  # T-1; docs/architecture-prod.md compares the composite SLA with it
    zone_redundant=True,
    tags={"owner": "platform", "cost-center": "tripgen"},
    backend=RemoteBackendProps(
        resource_group_name="rg-tripgen-tfstate",
        storage_account_name="sttripgentfstate",
        container_name="tfstate",
        key="tripgen-prod.tfstate",
    ),
    network=spec.NETWORK,
    aks=ZonalAksClusterProps(service_cidr=spec.SERVICE_CIDR),
    perimeter=SecurePerimeterProps(
        private_ip=spec.PRIVATE_FRONTEND_IP, certificate_name=spec.CERTIFICATE_NAME, domain=spec.DOMAIN
    ),
    # The gateway's wildcard certificate (G-2): issuer Unknown until a CA is contracted, so the vault
    # holds a pending request that operators get signed and merge (docs/security.md).
    key_vault=KeyVaultProps(certificates=(CertificateProps.wildcard(spec.CERTIFICATE_NAME, spec.DOMAIN),)),
    # P-7: Azure refuses RDB and AOF together. RDB every 60 minutes: the cache holds only data with a
    # TTL of at most 24 h that PostgreSQL can rebuild (P-8), zone-redundant replicas cover node and zone
    # loss, and RDB adds nothing to the write path (T-3) where AOF writes every second (docs/data-tier.md).
    data=PrivateDataTierProps(
        redis=RedisProps(rdb_backup_enabled=True, rdb_backup_frequency=60, aof_backup_enabled=False)
    ),
    # O-4 action group (on-call, Teams, SMS, PagerDuty): PLACEHOLDERS (the reserved .example domain and
    # the fictional 555-01xx number) that operators override; webhook URIs are sensitive variables
    # TF_VAR_alert_webhook_<name> set at apply time, never config (docs/observability.md).
    alerts=AlertsProps(
        email_receivers=(EmailReceiver(name="oncall", address="oncall@tripgen.example"),),
        sms_receivers=(SmsReceiver(name="oncall-sms", country_code="1", phone_number="2025550100"),),
        webhook_receivers=(WebhookReceiver(name="teams"), WebhookReceiver(name="pagerduty")),
    ),
    messaging=MessagingProps(queues=spec.QUEUES, topics=spec.TOPICS),  # M-1 … M-6
    workloads=WorkloadsProps(namespace=spec.NAMESPACE, services=spec.SERVICES, suppressions=WORKLOADS_ACCEPTED),
    suppressions=ACCEPTED,
)

PROD = CONFIG
"""The name the prod-specific tests read."""
