"""Data tier (P-1 … P-9, N-2, N-7, N-8, T-5, D-1, D-2): exact synthesized values for prod and dev,
the typed attributes, and every refusal."""

from __future__ import annotations

import json

import pytest
from tripgen_constructs import EnvironmentConfig, NetworkProps, SubnetProps
from tripgen_constructs.backup_storage import BackupStorageProps
from tripgen_constructs.config.errors import ConfigError
from tripgen_constructs.config.maintenance import MaintenanceSlot
from tripgen_constructs.data_tier import PrivateDataTierProps
from tripgen_constructs.postgres import PostgresProps, ReplicaProps, check_delegated_subnet
from tripgen_constructs.redis import RedisProps

from apps import ENVIRONMENT_NAMES
from tests import plan
from tests.synth import Stack

SERVER = "azurerm_postgresql_flexible_server"
PARAMETER = "azurerm_postgresql_flexible_server_configuration"
REDIS = "azurerm_redis_cache"
ACCOUNT = "azurerm_storage_account"
POLICY = "azurerm_storage_management_policy"
CONTAINER = "azurerm_storage_container"
ENDPOINT = "azurerm_private_endpoint"
ROLE = "azurerm_role_assignment"
TENANT = "${data.azurerm_client_config.client-config.tenant_id}"
SUBSCRIPTION = "${data.azurerm_client_config.client-config.subscription_id}"


def postgres_links(stack: Stack) -> list[str]:
    """The DNS zone links of the PostgreSQL zone, as ``depends_on`` entries."""
    return [
        f"azurerm_private_dns_zone_virtual_network_link.{logical_id}"
        for logical_id, body in stack.resources["azurerm_private_dns_zone_virtual_network_link"].items()
        if "/network/dns-postgres-link-" in body["//"]["metadata"]["path"]
    ]


# --- prod: PostgreSQL (P-1 … P-5, N-8) -----------------------------------------------------------


def test_prod_server_is_gp_d8s_v3_with_512_gb_on_the_matching_p20_tier(prod):
    server = prod.by_path(SERVER, "data/postgres/server")
    assert server["name"] == "tripgen-prod"  # N-8: tripgen-prod.postgres.database.azure.com
    assert server["location"] == "koreacentral"
    assert server["create_mode"] == "Default"
    assert server["sku_name"] == "GP_Standard_D8s_v3"  # P-1
    assert server["storage_mb"] == 524288  # P-1
    assert server["storage_tier"] == "P20"  # P-1: Azure's tier for 512 GB
    assert server["version"] == "16"


def test_prod_server_is_zone_redundant_with_the_standby_in_another_zone_and_ignores_failover_swaps(
    prod,
):
    server = prod.by_path(SERVER, "data/postgres/server")
    assert server["zone"] == "1"  # P-2
    assert server["high_availability"] == {
        "mode": "ZoneRedundant",
        "standby_availability_zone": "2",
    }  # P-2
    assert server["lifecycle"] == {"ignore_changes": ["zone", "high_availability[0].standby_availability_zone"]}


def test_prod_server_keeps_35_days_of_geo_redundant_backups(prod):
    server = prod.by_path(SERVER, "data/postgres/server")
    assert server["backup_retention_days"] == 35  # P-3
    assert server["geo_redundant_backup_enabled"] is True  # P-3


def test_prod_servers_are_private_only_in_the_delegated_subnets_and_postgres_zone(prod):
    zone = prod.ref("azurerm_private_dns_zone", "network/dns-postgres")
    subnets = {
        "server": prod.ref("azurerm_subnet", "network/spoke/subnet-snet-database"),
        "replica-koreacentral": prod.ref("azurerm_subnet", "network/spoke/subnet-snet-database"),
        "replica-koreasouth": prod.ref("azurerm_subnet", "network/dr-spoke/subnet-snet-database"),
    }
    links = postgres_links(prod)
    assert len(links) == 3  # hub, spoke, DR spoke (N-7)
    for name, subnet in subnets.items():
        server = prod.by_path(SERVER, f"data/postgres/{name}")
        assert server["public_network_access_enabled"] is False  # P-4
        assert server["delegated_subnet_id"] == subnet  # P-4
        assert server["private_dns_zone_id"] == zone  # P-4, N-7
        assert set(links) <= set(server["depends_on"])  # the zone is linked before the server joins it


def test_prod_servers_require_tls_1_3(prod):
    for name in ("server", "replica-koreacentral", "replica-koreasouth"):
        parameter = prod.by_path(PARAMETER, f"data/postgres/{name}-ssl-min-protocol-version")
        assert parameter["name"] == "ssl_min_protocol_version"  # P-4
        assert parameter["value"] == "TLSv1.3"  # P-4
        assert parameter["server_id"] == prod.ref(SERVER, f"data/postgres/{name}")
    assert prod.count(PARAMETER) == 3


def test_prod_servers_use_entra_id_only_and_carry_no_administrator_or_password(prod):
    for name in ("server", "replica-koreacentral", "replica-koreasouth"):
        server = prod.by_path(SERVER, f"data/postgres/{name}")
        assert server["authentication"] == {
            "active_directory_auth_enabled": True,
            "password_auth_enabled": False,
            "tenant_id": TENANT,
        }
        assert not {
            "administrator_login",
            "administrator_password",
            "administrator_password_wo",
        } & set(server)


def test_prod_maintenance_is_sunday_02_00_kst_which_azure_takes_as_saturday_17_00_utc(prod):
    for name in ("server", "replica-koreacentral", "replica-koreasouth"):
        window = prod.by_path(SERVER, f"data/postgres/{name}")["maintenance_window"]
        assert window == {"day_of_week": 6, "start_hour": 17, "start_minute": 0}
    patch = prod.by_path(REDIS, "data/redis/cache")["patch_schedule"]
    assert patch == [{"day_of_week": "Saturday", "start_hour_utc": 17, "maintenance_window": "PT5H"}]


def test_maintenance_slot_converts_kst_to_utc_across_the_week_boundary():
    seoul = "Asia/Seoul"
    assert MaintenanceSlot(time_zone=seoul).utc == (6, 17)
    assert MaintenanceSlot(day="Monday", start_hour=10, time_zone=seoul).utc == (1, 1)
    assert MaintenanceSlot(day="Sunday", start_hour=9, time_zone=seoul).utc_day_name == "Sunday"


def test_prod_has_a_d4s_v3_read_replica_in_korea_central_and_one_in_korea_south(prod):
    primary = prod.ref(SERVER, "data/postgres/server")
    central = prod.by_path(SERVER, "data/postgres/replica-koreacentral")
    south = prod.by_path(SERVER, "data/postgres/replica-koreasouth")
    for replica in (central, south):
        assert replica["create_mode"] == "Replica"  # P-5
        assert replica["source_server_id"] == primary
        assert replica["sku_name"] == "GP_Standard_D4s_v3"  # P-5
        assert replica["storage_mb"] == 524288  # a replica's storage may not be below the primary's
        assert "high_availability" not in replica and "geo_redundant_backup_enabled" not in replica
    assert central["name"] == "tripgen-prod-replica-koreacentral"
    assert central["location"] == "koreacentral"
    assert central["zone"] == "3"  # neither the primary's nor the standby's zone
    assert south["name"] == "tripgen-prod-replica-koreasouth"
    assert south["location"] == "koreasouth"  # T-5 DR region
    assert south["resource_group_name"] == prod.ref("azurerm_resource_group", "dr-resource-group", "name")
    assert "zone" not in south  # Korea South has no availability zones
    assert prod.count(SERVER) == 3


# --- prod: Redis (P-6, P-7, N-2, N-8) ------------------------------------------------------------


def test_prod_redis_is_premium_p4_clustered_6_shards_1_replica_over_3_zones(prod):
    cache = prod.by_path(REDIS, "data/redis/cache")
    assert cache["name"] == "tripgen-prod"  # N-8: tripgen-prod.redis.cache.windows.net
    assert (cache["sku_name"], cache["family"], cache["capacity"]) == ("Premium", "P", 4)  # P-6
    assert cache["shard_count"] == 6  # P-6
    assert cache["replicas_per_primary"] == 1  # P-6
    assert cache["zones"] == ["1", "2", "3"]  # P-6
    assert cache["redis_version"] == "6"


def test_prod_redis_is_private_tls_only_with_entra_id_and_no_access_keys(prod):
    cache = prod.by_path(REDIS, "data/redis/cache")
    assert cache["non_ssl_port_enabled"] is False  # P-6: only 6380 (N-8)
    assert cache["minimum_tls_version"] == "1.2"  # S-3
    assert cache["public_network_access_enabled"] is False  # P-6
    assert cache["access_keys_authentication_enabled"] is False
    assert cache["redis_configuration"]["authentication_enabled"] is True  # P-6
    assert cache["redis_configuration"]["active_directory_authentication_enabled"] is True
    assert cache["identity"] == {"type": "SystemAssigned"}


def test_prod_redis_persists_rdb_hourly_to_the_backup_account_through_its_identity(prod):
    config = prod.by_path(REDIS, "data/redis/cache")["redis_configuration"]
    assert config["rdb_backup_enabled"] is True  # P-7
    assert config["rdb_backup_frequency"] == 60  # P-7
    assert config["rdb_backup_max_snapshot_count"] == 1
    assert config["data_persistence_authentication_method"] == "ManagedIdentity"
    assert config["rdb_storage_connection_string"] == prod.ref(
        ACCOUNT, "data/backup-storage/account", "primary_blob_endpoint"
    )  # an endpoint, not a key
    assert config["storage_account_subscription_id"] == SUBSCRIPTION
    assert "aof_backup_enabled" not in config  # P-7 resolution: never both
    grant = prod.by_path(ROLE, "data/redis/persistence-role/assignment")
    assert grant["scope"] == prod.ref(ACCOUNT, "data/backup-storage/account")
    assert grant["role_definition_name"] == "Storage Blob Data Contributor"
    assert grant["principal_id"] == prod.ref(REDIS, "data/redis/cache", "identity[0].principal_id")


def test_prod_redis_private_endpoint_sits_in_the_cache_subnet_with_the_redis_zone(prod):
    endpoint = prod.by_path(ENDPOINT, "data/redis/private-endpoint/endpoint")
    assert endpoint["subnet_id"] == prod.ref("azurerm_subnet", "network/spoke/subnet-snet-cache")  # N-2 resolution
    assert endpoint["private_service_connection"]["subresource_names"] == ["redisCache"]
    assert endpoint["private_service_connection"]["private_connection_resource_id"] == prod.ref(
        REDIS, "data/redis/cache"
    )
    assert endpoint["private_dns_zone_group"]["private_dns_zone_ids"] == [
        prod.ref("azurerm_private_dns_zone", "network/dns-redis")
    ]  # N-7


# --- prod: backup storage (P-9) ------------------------------------------------------------------


def test_prod_backup_account_is_gzrs_tls_1_2_https_only_without_shared_keys_or_public_blobs(prod):
    account = prod.by_path(ACCOUNT, "data/backup-storage/account")
    assert account["name"] == "sttripgenbkpprod"
    assert account["account_replication_type"] == "GZRS"  # P-9
    assert account["account_kind"] == "StorageV2"
    assert account["min_tls_version"] == "TLS1_2"
    assert account["https_traffic_only_enabled"] is True
    assert account["allow_nested_items_to_be_public"] is False
    assert account["shared_access_key_enabled"] is False
    assert account["default_to_oauth_authentication"] is True
    assert account["cross_tenant_replication_enabled"] is False


def test_prod_backup_account_denies_every_network_but_trusted_services_for_redis_persistence(prod):
    account = prod.by_path(ACCOUNT, "data/backup-storage/account")
    assert account["network_rules"] == {"default_action": "Deny", "bypass": ["AzureServices"]}
    assert account["public_network_access_enabled"] is True  # Redis writes RDB over the backbone


def test_prod_backup_account_has_soft_delete_versioning_and_deletes_after_90_days(prod):
    account = prod.by_path(ACCOUNT, "data/backup-storage/account")
    assert account["blob_properties"] == {
        "versioning_enabled": True,
        "delete_retention_policy": {"days": 7},
        "container_delete_retention_policy": {"days": 7},
    }
    policy = prod.by_path(POLICY, "data/backup-storage/lifecycle")
    assert policy["storage_account_id"] == prod.ref(ACCOUNT, "data/backup-storage/account")
    assert policy["rule"] == [
        {
            "name": "delete-after-retention",
            "enabled": True,
            "filters": {"blob_types": ["blockBlob"]},
            "actions": {
                "base_blob": {"delete_after_days_since_modification_greater_than": 90},  # P-9
                "version": {"delete_after_days_since_creation": 7},  # P-7 RDB retention
                "snapshot": {"delete_after_days_since_creation_greater_than": 7},
            },
        }
    ]
    container = prod.by_path(CONTAINER, "data/backup-storage/config-backups")
    assert container["name"] == "config-backups"  # P-9
    assert container["container_access_type"] == "private"


def test_prod_backup_account_has_a_blob_private_endpoint_in_the_endpoint_subnet(prod):
    endpoint = prod.by_path(ENDPOINT, "data/backup-storage/private-endpoint-blob/endpoint")
    assert endpoint["subnet_id"] == prod.ref("azurerm_subnet", "network/spoke/subnet-snet-private-endpoints")
    assert endpoint["private_service_connection"]["subresource_names"] == ["blob"]
    assert endpoint["private_dns_zone_group"]["private_dns_zone_ids"] == [
        prod.ref("azurerm_private_dns_zone", "network/dns-blob")
    ]  # N-7


@pytest.mark.parametrize("env", ENVIRONMENT_NAMES)
def test_no_key_password_or_connection_secret_reaches_the_data_tier_output(env, request):
    stack: Stack = request.getfixturevalue("stacks")[env]
    text = json.dumps({t: stack.of_type(t) for t in (SERVER, REDIS, ACCOUNT, ENDPOINT)})
    for secret in (
        "administrator_password",
        "primary_access_key",
        "AccountKey",
        "SharedAccessSignature",
    ):
        assert secret not in text


# --- dev (D-1, D-2) ------------------------------------------------------------------------------


def test_dev_server_is_burstable_without_ha_replicas_or_geo_backup_and_still_private(dev):
    server = dev.by_path(SERVER, "data/postgres/server")
    assert server["name"] == "tripgen-dev"
    assert server["sku_name"] == "B_Standard_B2s"
    assert (server["storage_mb"], server["storage_tier"]) == (32768, "P4")
    assert "high_availability" not in server and "lifecycle" not in server
    assert server["backup_retention_days"] == 7
    assert server["geo_redundant_backup_enabled"] is False
    assert server["public_network_access_enabled"] is False  # D-2
    assert server["delegated_subnet_id"] == dev.ref("azurerm_subnet", "network/spoke/subnet-snet-database")
    assert server["authentication"]["password_auth_enabled"] is False
    assert dev.count(SERVER) == 1


def test_dev_redis_is_standard_c1_private_without_cluster_zones_or_persistence(dev):
    cache = dev.by_path(REDIS, "data/redis/cache")
    assert (cache["sku_name"], cache["family"], cache["capacity"]) == ("Standard", "C", 1)
    assert not {"shard_count", "replicas_per_primary", "zones"} & set(cache)
    assert cache["public_network_access_enabled"] is False  # D-2
    assert cache["non_ssl_port_enabled"] is False
    assert "rdb_backup_enabled" not in cache["redis_configuration"]
    assert dev.by_path(ENDPOINT, "data/redis/private-endpoint/endpoint")["subnet_id"] == dev.ref(
        "azurerm_subnet", "network/spoke/subnet-snet-cache"
    )
    assert "data/redis/persistence-role/assignment" not in dev.of_type(ROLE)


def test_dev_backup_account_is_lrs_with_public_network_access_off(dev):
    account = dev.by_path(ACCOUNT, "data/backup-storage/account")
    assert account["name"] == "sttripgenbkpdev"
    assert account["account_replication_type"] == "LRS"
    assert account["public_network_access_enabled"] is False  # no persistence needs the backbone
    rule = dev.by_path(POLICY, "data/backup-storage/lifecycle")["rule"][0]
    assert rule["actions"]["base_blob"] == {"delete_after_days_since_modification_greater_than": 30}


# --- typed attributes ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def prod_stack():
    """The prod stack as constructs (no synth), for the attributes other constructs consume."""
    from tripgen_constructs import EnvironmentStack
    from tripgen_constructs._cdk import cdk

    from apps.prod.config import PROD

    return EnvironmentStack(cdk.App(), "tripgen-prod", config=PROD)


def test_data_tier_exposes_the_server_replicas_cache_and_account_as_typed_attributes(prod_stack):
    from tripgen_constructs._cdk import cdk

    data = prod_stack.data

    def resolve(value):
        resolver = cdk.DefaultTokenResolver(cdk.StringConcat())
        return cdk.Tokenization.resolve(value, scope=prod_stack, resolver=resolver)

    assert data.postgres_server.terraform_resource_type == SERVER
    assert data.postgres_server.name_input == "tripgen-prod"
    assert resolve(data.server_fqdn) == resolve(data.postgres_server.fqdn)
    assert resolve(data.server_fqdn).endswith(".fqdn}")
    assert sorted(data.replicas) == ["koreacentral", "koreasouth"]
    assert resolve(data.replica_ids) == resolve({region: server.id for region, server in data.replicas.items()})
    assert data.redis_cache.terraform_resource_type == REDIS
    assert resolve(data.redis_hostname) == resolve(data.redis_cache.hostname)
    assert resolve(data.redis_ssl_port) == resolve(data.redis_cache.ssl_port)
    assert resolve(data.redis_principal_id).endswith(".identity[0].principal_id}")
    assert data.storage_account.terraform_resource_type == ACCOUNT
    assert data.storage_account.name_input == "sttripgenbkpprod"
    assert resolve(data.storage_account_id) == resolve(data.storage_account.id)


# --- refusals (pure pydantic) --------------------------------------------------------------------


def test_refuses_high_availability_on_a_burstable_sku():
    with pytest.raises(ConfigError, match=r"'high_availability' must be 'Disabled' on a Burstable SKU"):
        PostgresProps(sku_name="B_Standard_B2s", replicas=())


def test_refuses_a_zone_redundant_standby_in_the_primary_zone():
    with pytest.raises(ConfigError, match=r"'standby_zone' must be a zone other than the primary's \(1\)"):
        PostgresProps(zone="1", standby_zone="1")


@pytest.mark.parametrize("days", [6, 36])
def test_refuses_backup_retention_outside_7_to_35_days(days):
    with pytest.raises(ConfigError, match=rf"'backup_retention_days' must be within 7-35, got {days}"):
        PostgresProps(backup_retention_days=days)


def test_refuses_a_storage_size_azure_does_not_offer():
    with pytest.raises(ConfigError, match=r"'storage_mb' must be a size Azure offers.*got 500000"):
        PostgresProps(storage_mb=500000)


def test_refuses_shrinking_storage_below_the_deployed_size():
    with pytest.raises(ConfigError, match=r"'storage_mb' must be >= deployed_storage_mb \(1048576\)"):
        PostgresProps(storage_mb=524288, deployed_storage_mb=1048576)


def test_refuses_a_storage_tier_below_the_size():
    with pytest.raises(ConfigError, match=r"'storage_tier' must be one of \['P20', 'P30', 'P40', 'P50'\]"):
        PostgresProps(storage_tier="P10")


def test_refuses_a_server_subnet_not_delegated_to_postgresql():
    subnet = SubnetProps(name="snet-database", cidr="10.1.2.0/24")
    with pytest.raises(
        ValueError,
        match=r"'network.spoke.subnets.snet-database.delegation' must be 'Microsoft.DBforPostgre",
    ):
        check_delegated_subnet("network.spoke.subnets.snet-database", subnet, {})


def test_refuses_a_server_subnet_shared_with_a_private_endpoint():
    subnet = SubnetProps(name="snet-data", cidr="10.1.2.0/24", delegation="Microsoft.DBforPostgreSQL/flexibleServers")
    with pytest.raises(
        ValueError,
        match=r"dedicated to PostgreSQL, but it is also used for \['the Redis private endpoint'\]",
    ):
        check_delegated_subnet("db", subnet, {"the Redis private endpoint": subnet, "AKS": None})


def test_environment_refuses_a_spoke_whose_database_subnet_is_not_delegated():
    spoke = plan.SPOKE
    subnets = tuple(
        s if s.name != "snet-database" else s.model_copy(update={"delegation": None}) for s in spoke.subnets
    )
    with pytest.raises(ConfigError, match=r"snet-database.delegation' must be 'Microsoft.DBforPostgreSQL"):
        EnvironmentConfig(
            **plan.environment(network=NetworkProps(hub=plan.HUB, spoke=spoke.model_copy(update={"subnets": subnets})))
        )


@pytest.mark.parametrize(
    "field, value",
    [
        ("shard_count", 2),
        ("replicas_per_primary", 1),
        ("zones", ("1", "2")),
        ("rdb_backup_enabled", True),
        ("aof_backup_enabled", True),
    ],
)
def test_refuses_premium_features_on_a_standard_cache(field, value):
    standard = {
        "sku": "Standard",
        "capacity": 1,
        "shard_count": None,
        "replicas_per_primary": None,
        "zones": None,
    }
    standard |= {"rdb_backup_enabled": False, field: value}
    with pytest.raises(ConfigError, match=rf"'{field}' must be unset on Standard: it needs the Premium SKU"):
        RedisProps(**standard)


@pytest.mark.parametrize("capacity", [0, 6])
def test_refuses_a_premium_capacity_outside_p1_to_p5(capacity):
    with pytest.raises(ConfigError, match=rf"'capacity' must be within 1-5 for Premium, got {capacity}"):
        RedisProps(capacity=capacity)


def test_refuses_rdb_and_aof_together():
    with pytest.raises(ConfigError, match=r"at most one: Azure Cache for Redis refuses RDB and AOF together"):
        RedisProps(rdb_backup_enabled=True, aof_backup_enabled=True)


def test_refuses_an_rdb_frequency_azure_does_not_offer():
    with pytest.raises(
        ConfigError,
        match=r"'rdb_backup_frequency' must be one of \[15, 30, 60, 360, 720, 1440\]",
    ):
        RedisProps(rdb_backup_frequency=45)


def test_environment_refuses_a_replica_in_a_region_without_a_database_network():
    from apps.dev.config import DEV

    data = PrivateDataTierProps(
        postgres=PostgresProps(
            sku_name="GP_Standard_D2s_v3",
            high_availability="Disabled",
            standby_zone=None,
            replicas=(ReplicaProps(location="koreasouth"),),
        ),
        redis=DEV.data.redis,
        storage=DEV.data.storage,
    )
    with pytest.raises(
        ConfigError,
        match=r"'data.postgres.replicas.location' must be a region with a database network, "
        r"one of \['koreacentral'\], got 'koreasouth'",
    ):
        EnvironmentConfig(**{**dict(DEV), "data": data})


def test_refuses_a_zone_for_a_replica_in_korea_south():
    with pytest.raises(ConfigError, match=r"'replicas.zone' must be None in koreasouth"):
        ReplicaProps(location="koreasouth", zone="1")


@pytest.mark.parametrize("name", ["st", "sttripgen_backup", "StTripgenBkp", "sttripgenbackupprod012345"])
def test_refuses_storage_account_names_azure_rejects(name):
    with pytest.raises(ConfigError, match=r"'name' must be 3-24 lowercase letters or digits"):
        BackupStorageProps(name=name)


def test_production_refuses_backup_storage_without_geo_zone_redundancy():
    with pytest.raises(
        ConfigError,
        match=r"'data.storage.replication' must be one of \['GZRS', 'RAGZRS'\] in production",
    ):
        EnvironmentConfig(
            **plan.environment(
                name="prod", production=True, data=PrivateDataTierProps(storage=BackupStorageProps(replication="LRS"))
            )
        )


def test_refuses_a_server_zone_in_a_region_without_zones():
    data = PrivateDataTierProps(postgres=PostgresProps(replicas=()))
    network = plan.NETWORK_WITHOUT_DR
    with pytest.raises(ValueError, match=r"'data.postgres.zone' must be None in koreasouth"):
        data.check_environment(location="koreasouth", dr_location=None, network=network, production=False)


def test_refuses_two_replicas_in_one_region():
    central = ReplicaProps(location="koreacentral")
    with pytest.raises(ConfigError, match=r"'replicas' must be one replica per region"):
        PostgresProps(replicas=(central, central))


# --- construct-level guards (for use outside EnvironmentConfig) ----------------------------------


@pytest.fixture(scope="module")
def scratch():
    """A throwaway stack with a resource group, a subnet and the zones the constructs need."""
    from tripgen_constructs._cdk import azurerm, cdk

    stack = cdk.TerraformStack(cdk.App(), "scratch")
    group = azurerm.resource_group.ResourceGroup(stack, "rg", name="rg", location="koreacentral")
    subnet = azurerm.subnet.Subnet(
        stack,
        "subnet",
        name="s",
        resource_group_name="rg",
        virtual_network_name="v",
        address_prefixes=["10.9.0.0/24"],
    )
    zones = {
        name: azurerm.private_dns_zone.PrivateDnsZone(stack, name, name=name, resource_group_name="rg")
        for name in ("privatelink.postgres.database.azure.com", "privatelink.blob.core.windows.net")
    }
    return stack, group, subnet, zones


def test_postgres_construct_refuses_a_replica_region_it_has_no_subnet_for(scratch):
    from tripgen_constructs.postgres import PostgresFlexible

    stack, group, subnet, zones = scratch
    with pytest.raises(ValueError, match=r"'replicas.location' must be a region with a database subnet"):
        PostgresFlexible(
            stack,
            "postgres",
            props=PostgresProps(),
            name="tripgen-test",
            location="koreacentral",
            resource_group=group,
            subnet=subnet,
            dns_zone=zones["privatelink.postgres.database.azure.com"],
            dns_zone_links=[],
            tenant_id="00000000-0000-0000-0000-000000000000",
            replica_networks={},
            dr_location="koreasouth",
            tags={},
        )


def test_backup_storage_construct_refuses_a_derived_name_azure_rejects(scratch):
    from tripgen_constructs.backup_storage import BackupStorage

    stack, group, subnet, zones = scratch
    with pytest.raises(ValueError, match=r"'storage_account_name' must be 3-24 lowercase"):
        BackupStorage(
            stack,
            "backup",
            props=BackupStorageProps(),
            name="st-tripgen-test",
            location="koreacentral",
            resource_group=group,
            endpoint_subnet=subnet,
            dns_zone=zones["privatelink.blob.core.windows.net"],
            trusted_service_access=False,
            tags={},
        )


@pytest.mark.parametrize(
    "props, message",
    [
        ({"sku_name": "Standard_D8s_v3"}, r"'sku_name' must be '<B\|GP\|MO>_Standard_<size>'"),
        ({"version": "12"}, r"'version' must be one of \['15', '16'\], got '12'"),
        (
            {"high_availability": "Disabled"},
            r"'standby_zone' must be None when high_availability is",
        ),
        ({"zone": None}, r"'standby_zone' must be set, with zone, when high_availability is"),
        (
            {"high_availability": "SameZone"},
            r"'standby_zone' must be None or the primary's zone \(1\)",
        ),
        (
            {"sku_name": "B_Standard_B2s", "high_availability": "Disabled", "standby_zone": None},
            r"'replicas' must be empty on a Burstable SKU",
        ),
    ],
)
def test_refuses_other_server_settings_azure_rejects(props, message):
    with pytest.raises(ConfigError, match=message):
        PostgresProps(**props)


@pytest.mark.parametrize(
    "props, message",
    [
        ({"shard_count": 31}, r"'shard_count' must be within 1-30, got 31"),
        ({"replicas_per_primary": 4}, r"'replicas_per_primary' must be within 1-3, got 4"),
        (
            {"sku": "Standard", "capacity": 7, "shard_count": None, "replicas_per_primary": None},
            r"'capacity' must be within 0-6 for Standard, got 7",
        ),
        ({"zones": ("4",)}, r"'zones' must be a subset of"),
    ],
)
def test_refuses_other_cache_settings_azure_rejects(props, message):
    with pytest.raises(ConfigError, match=message):
        RedisProps(**props)


def test_backup_storage_is_encrypted_with_our_rotated_key_in_prod_and_platform_keys_in_dev(prod, dev):
    account = prod.by_path("azurerm_storage_account", "data/backup-storage/account")
    assert account["identity"]["type"] == "UserAssigned"
    assert account["identity"]["identity_ids"][0].startswith(
        "${azurerm_user_assigned_identity.storage-encryption_identity_"
    )
    assert account["customer_managed_key"]["key_vault_key_id"].startswith(
        "${azurerm_key_vault_key.key-vault_key-storage-cmk_"
    )
    assert account["customer_managed_key"]["key_vault_key_id"].endswith(".versionless_id}")
    assert account["infrastructure_encryption_enabled"] is True
    dev_account = dev.by_path("azurerm_storage_account", "data/backup-storage/account")
    assert "customer_managed_key" not in dev_account
