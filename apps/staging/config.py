"""Staging (design section 10.2: changes are validated here before production): prod's constructs
and SKUs, highly available across two zones, without a DR region (so no DR spoke, no geo-DR
namespace, no DR replica or registry replica: those follow the missing DR region)."""

from tripgen_constructs import (
    AlertsProps,
    CertificateProps,
    EmailReceiver,
    EnvironmentConfig,
    KeyVaultProps,
    MessagingProps,
    NodePoolProps,
    PostgresProps,
    PrivateDataTierProps,
    RedisProps,
    RemoteBackendProps,
    ReplicaProps,
    SecurePerimeterProps,
    WorkloadsProps,
    ZonalAksClusterProps,
)
from tripgen_constructs.config.aks import DEFAULT_APPLICATION_POOL, DEFAULT_SYSTEM_POOL
from tripgen_constructs.rules import RuleSuppression

from apps import spec
from apps.accepted import ACCEPTED, WORKLOADS_ACCEPTED

TWO_ZONES = ("1", "2")


def _two_zones(pool: NodePoolProps) -> NodePoolProps:
    return NodePoolProps.model_validate({**pool.model_dump(), "zones": TWO_ZONES})


CONFIG = EnvironmentConfig(
    workload="tripgen",
    name="staging",
    location="koreacentral",
    time_zone="Asia/Seoul",  # T-5: operators and users are in Korea
    dr_location=None,
    production=True,
    zone_redundant=True,
    tags={"owner": "platform", "cost-center": "tripgen"},
    backend=RemoteBackendProps(
        resource_group_name="rg-tripgen-tfstate",
        storage_account_name="sttripgentfstate",
        container_name="tfstate",
        key="tripgen-staging.tfstate",
    ),
    network=spec.NETWORK_WITHOUT_DR,
    aks=ZonalAksClusterProps(
        service_cidr=spec.SERVICE_CIDR,
        system_pool=_two_zones(DEFAULT_SYSTEM_POOL),
        application_pool=_two_zones(DEFAULT_APPLICATION_POOL),
    ),
    perimeter=SecurePerimeterProps(
        private_ip=spec.PRIVATE_FRONTEND_IP, certificate_name=spec.CERTIFICATE_NAME, domain=spec.DOMAIN, zones=TWO_ZONES
    ),
    # Premium like prod (private endpoint, customer-managed key); geo-DR needs a DR region.
    messaging=MessagingProps(queues=spec.QUEUES, topics=spec.TOPICS, geo_dr=False),
    # HA across zones 1 and 2 (prod's primary and standby zones); the read replica in zone 2 too.
    data=PrivateDataTierProps(
        postgres=PostgresProps(replicas=(ReplicaProps(location="primary", zone="2"),)),
        redis=RedisProps(zones=TWO_ZONES, rdb_backup_enabled=True, rdb_backup_frequency=60, aof_backup_enabled=False),
    ),
    key_vault=KeyVaultProps(
        certificates=(CertificateProps.wildcard(spec.CERTIFICATE_NAME, spec.DOMAIN, issuer="Self"),)
    ),
    # A placeholder receiver (the reserved .example domain) that operators override.
    alerts=AlertsProps(email_receivers=(EmailReceiver(name="staging", address="staging@tripgen.example"),)),
    workloads=WorkloadsProps(namespace=spec.NAMESPACE, services=spec.SERVICES, suppressions=WORKLOADS_ACCEPTED),
    suppressions=(
        *ACCEPTED,
        *(
            RuleSuppression(
                rule=rule,
                path="registry/registry",
                reason="staging has no DR region (design 10.2), so its registry has no replica there",
            )
            for rule in ("TG-RES-ACR-GEO-REPLICA", "CKV_AZURE_165")
        ),
    ),
)
"""Staging: between dev and prod."""
