"""Service Bus (M-1 … M-7): exact synthesized values for prod and dev, and every refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from tripgen_constructs import EnvironmentConfig, NetworkProps
from tripgen_constructs.config.errors import ConfigError
from tripgen_constructs.messaging import (
    CorrelationFilterProps,
    MessagingProps,
    QueueProps,
    SubscriptionProps,
    SubscriptionRuleProps,
    TopicProps,
)
from tripgen_constructs.network import VirtualNetworkProps
from tripgen_constructs.reader import read_stack

from tests import plan
from tests.synth import Stack

NAMESPACE = "azurerm_servicebus_namespace"
QUEUE = "azurerm_servicebus_queue"
TOPIC = "azurerm_servicebus_topic"
SUBSCRIPTION = "azurerm_servicebus_subscription"
RULE = "azurerm_servicebus_subscription_rule"
ALIAS = "azurerm_servicebus_namespace_disaster_recovery_config"
ENDPOINT = "azurerm_private_endpoint"

# Dev's explicit opt-out of the Premium-only features (the shape apps/dev/config.py uses).
STANDARD = {
    "sku": "Standard",
    "capacity": 0,
    "premium_messaging_partitions": 0,
    "private_endpoint": False,
    "geo_dr": False,
    "public_network_access": True,
}


# --- prod: M-1 … M-7 -----------------------------------------------------------------------------


def test_prod_namespace_is_premium_with_4_units_private_and_entra_only(prod):
    ns = prod.by_path(NAMESPACE, "messaging/namespace")
    assert ns["name"] == "sbns-tripgen-prod"
    assert ns["location"] == "koreacentral"
    assert ns["sku"] == "Premium"  # M-1
    assert ns["capacity"] == 4  # M-1
    assert ns["premium_messaging_partitions"] == 2  # M-7
    assert ns["public_network_access_enabled"] is False  # M-1 VNet-only
    assert ns["local_auth_enabled"] is False  # M-1 no SAS
    assert ns["minimum_tls_version"] == "1.2"  # S-3
    assert ns["resource_group_name"] == prod.ref("azurerm_resource_group", "resource-group", "name")
    assert ns["tags"] == {
        "environment": "prod",
        "workload": "tripgen",
        "owner": "platform",
        "cost-center": "tripgen",
    }


def test_prod_namespace_has_a_private_endpoint_in_the_spoke_registered_in_the_servicebus_zone(prod):
    pe = prod.by_path(ENDPOINT, "messaging/private-endpoint/endpoint")
    assert pe["location"] == "koreacentral"
    assert pe["subnet_id"] == prod.ref("azurerm_subnet", "network/spoke/subnet-snet-private-endpoints")
    connection = pe["private_service_connection"]
    assert connection["subresource_names"] == ["namespace"]
    assert connection["private_connection_resource_id"] == prod.ref(NAMESPACE, "messaging/namespace")
    assert pe["private_dns_zone_group"]["private_dns_zone_ids"] == [
        prod.ref("azurerm_private_dns_zone", "network/dns-servicebus")
    ]
    assert (
        prod.by_path("azurerm_private_dns_zone", "network/dns-servicebus")["name"]
        == "privatelink.servicebus.windows.net"
    )


def test_prod_dr_namespace_mirrors_the_primary_in_korea_south_and_is_private(prod):
    primary = prod.by_path(NAMESPACE, "messaging/namespace")
    dr = prod.by_path(NAMESPACE, "messaging/dr-namespace")
    assert dr["name"] == "sbns-tripgen-dr-prod"
    assert dr["location"] == "koreasouth"  # M-2
    assert dr["resource_group_name"] == prod.ref("azurerm_resource_group", "dr-resource-group", "name")
    for key in (
        "sku",
        "capacity",
        "premium_messaging_partitions",
        "public_network_access_enabled",
        "local_auth_enabled",
        "minimum_tls_version",
    ):
        assert dr[key] == primary[key], key
    pe = prod.by_path(ENDPOINT, "messaging/dr-private-endpoint/endpoint")
    assert pe["location"] == "koreasouth"
    assert pe["subnet_id"] == prod.ref("azurerm_subnet", "network/dr-spoke/subnet-snet-private-endpoints")
    assert pe["private_service_connection"]["subresource_names"] == ["namespace"]
    assert pe["private_service_connection"]["private_connection_resource_id"] == prod.ref(
        NAMESPACE, "messaging/dr-namespace"
    )
    assert pe["private_dns_zone_group"]["private_dns_zone_ids"] == [
        prod.ref("azurerm_private_dns_zone", "network/dns-servicebus")
    ]


def test_prod_dr_spoke_has_a_private_endpoint_subnet(prod):
    subnet = prod.by_path("azurerm_subnet", "network/dr-spoke/subnet-snet-private-endpoints")
    assert subnet["address_prefixes"] == ["10.3.4.0/24"]
    assert subnet["private_endpoint_network_policies"] == "Disabled"


def test_prod_geo_dr_alias_pairs_primary_with_dr_namespace(prod):
    alias = prod.by_path(ALIAS, "messaging/alias")  # M-2
    assert alias["name"] == "sbns-tripgen-alias-prod"
    assert alias["primary_namespace_id"] == prod.ref(NAMESPACE, "messaging/namespace")
    assert alias["partner_namespace_id"] == prod.ref(NAMESPACE, "messaging/dr-namespace")
    assert prod.count(ALIAS) == 1


def test_prod_entities_live_on_the_primary_only_because_geo_dr_replicates_them(prod):
    primary = prod.ref(NAMESPACE, "messaging/namespace")
    entities = {**prod.of_type(QUEUE), **prod.of_type(TOPIC)}
    assert {e["namespace_id"] for e in entities.values()} == {primary}


def test_prod_ai_schedule_generation_queue(prod):
    q = prod.by_path(QUEUE, "messaging/queue-ai-schedule-generation")  # M-3
    assert q["name"] == "ai-schedule-generation"
    assert q["max_size_in_megabytes"] == 81920
    assert q["requires_duplicate_detection"] is True
    assert q["duplicate_detection_history_time_window"] == "PT10M"
    assert q["requires_session"] is True
    assert q["partitioning_enabled"] is True
    assert q["dead_lettering_on_message_expiration"] is True
    assert q["max_delivery_count"] == 3
    assert "auto_delete_on_idle" not in q


def test_prod_location_search_queue(prod):
    q = prod.by_path(QUEUE, "messaging/queue-location-search")  # M-4
    assert q["name"] == "location-search"
    assert q["max_size_in_megabytes"] == 81920
    assert q["requires_duplicate_detection"] is False
    assert "duplicate_detection_history_time_window" not in q
    assert q["auto_delete_on_idle"] == "P14D"
    assert q["partitioning_enabled"] is True
    assert q["requires_session"] is False


def test_prod_notification_queue(prod):
    q = prod.by_path(QUEUE, "messaging/queue-notification")  # M-5
    assert q["name"] == "notification"
    assert q["max_size_in_megabytes"] == 81920
    assert q["requires_duplicate_detection"] is True
    assert q["partitioning_enabled"] is True
    assert q["requires_session"] is False
    assert "auto_delete_on_idle" not in q


def test_prod_has_exactly_the_three_queues_and_one_topic(prod):
    assert sorted(q["name"] for q in prod.of_type(QUEUE).values()) == [
        "ai-schedule-generation",
        "location-search",
        "notification",
    ]
    assert [t["name"] for t in prod.of_type(TOPIC).values()] == ["trip-events"]


def test_prod_trip_events_topic_and_its_subscriptions(prod):
    topic = prod.by_path(TOPIC, "messaging/topic-trip-events")  # M-6
    assert topic["max_size_in_megabytes"] == 81920
    assert topic["requires_duplicate_detection"] is True
    assert topic["duplicate_detection_history_time_window"] == "PT10M"
    assert topic["partitioning_enabled"] is True
    topic_id = prod.ref(TOPIC, "messaging/topic-trip-events")
    subs = prod.of_type(SUBSCRIPTION)
    assert sorted(s["name"] for s in subs.values()) == ["analytics", "audit", "monitoring"]
    for sub in subs.values():
        assert sub["topic_id"] == topic_id
        assert sub["max_delivery_count"] == 10
    assert prod.count(RULE) == 0  # no filter configured: each subscription receives every event


# --- dev: Standard, no private endpoint, no geo-DR ----------------------------------------------


def test_dev_namespace_is_standard_without_units_and_entra_only(dev):
    ns = dev.by_path(NAMESPACE, "messaging/namespace")
    assert ns["name"] == "sbns-tripgen-dev"
    assert ns["sku"] == "Standard"
    assert ns["capacity"] == 0
    assert ns["premium_messaging_partitions"] == 0
    assert ns["public_network_access_enabled"] is True  # stated explicitly in apps/dev/config.py
    assert ns["local_auth_enabled"] is False
    assert ns["minimum_tls_version"] == "1.2"


def test_dev_has_no_messaging_private_endpoint_nor_geo_dr(dev):
    assert dev.count(NAMESPACE) == 1
    assert dev.count(ALIAS) == 0
    assert not [p for p in dev.of_type(ENDPOINT) if p.startswith("messaging/")]


def test_dev_partitioned_standard_queues_declare_the_per_partition_size(dev):
    # 80 GB on Standard = 16 partitions × 5120 MB; the provider takes the per-partition size.
    for q in dev.of_type(QUEUE).values():
        assert q["partitioning_enabled"] is True
        assert q["max_size_in_megabytes"] == 5120
    assert dev.by_path(TOPIC, "messaging/topic-trip-events")["max_size_in_megabytes"] == 5120


# --- encryption at rest (S-3): customer-managed key on prod's Premium namespaces -------------------

IDENTITY = "azurerm_user_assigned_identity"
ROLE = "azurerm_role_assignment"
KEY = "azurerm_key_vault_key"
CMK = "servicebus-encryption"


def _address(stack: Stack, resource_type: str, path: str) -> str:
    """``type.logical_id`` of the resource at ``path``, as ``depends_on`` lists it."""
    return stack.ref(resource_type, path)[2:-1].rsplit(".", 1)[0]


@pytest.mark.parametrize("path", ["messaging/namespace", "messaging/dr-namespace"])
def test_prod_namespaces_encrypt_under_the_servicebus_key_with_infrastructure_encryption(prod, path):
    ns = prod.by_path(NAMESPACE, path)
    identity = prod.ref(IDENTITY, f"{CMK}/identity")
    assert ns["identity"] == {"type": "UserAssigned", "identity_ids": [identity]}
    assert ns["customer_managed_key"] == {
        # Versionless: Service Bus picks up each rotated version (S-2).
        "key_vault_key_id": prod.ref(KEY, "key-vault/key-servicebus-cmk", "versionless_id"),
        "identity_id": identity,
        "infrastructure_encryption_enabled": True,
    }
    # Created only once the identity may use the vault's keys.
    assert ns["depends_on"] == [_address(prod, ROLE, f"{CMK}/key-access/assignment")]


def test_prod_servicebus_key_identity_and_its_key_access_role(prod):
    key = prod.by_path(KEY, "key-vault/key-servicebus-cmk")
    assert (key["name"], key["key_type"]) == ("servicebus-cmk", "RSA-HSM")
    assert key["rotation_policy"]["automatic"]["time_after_creation"] == "P90D"  # S-2
    identity = prod.by_path(IDENTITY, f"{CMK}/identity")
    assert (identity["name"], identity["location"]) == ("id-tripgen-servicebus-prod", "koreacentral")
    grant = prod.by_path(ROLE, f"{CMK}/key-access/assignment")
    assert grant["role_definition_name"] == "Key Vault Crypto Service Encryption User"
    assert grant["scope"] == prod.ref("azurerm_key_vault", "key-vault/vault")
    assert grant["principal_id"] == prod.ref(IDENTITY, f"{CMK}/identity", "principal_id")


def test_dev_standard_namespace_has_a_system_assigned_identity_and_microsoft_managed_keys(dev):
    ns = dev.by_path(NAMESPACE, "messaging/namespace")
    assert ns["identity"] == {"type": "SystemAssigned"}  # CKV_AZURE_202; Azure allows it on Standard
    assert "customer_managed_key" not in ns
    assert "depends_on" not in ns
    assert not [p for p in dev.of_type(IDENTITY) if p.startswith(f"{CMK}/")]
    assert "key-vault/key-servicebus-cmk" not in dev.of_type(KEY)


def test_customer_managed_keys_need_a_purge_protected_vault():
    from tripgen_constructs import EncryptionProps, KeyVaultProps

    with pytest.raises(
        ConfigError,
        match=r"'key_vault.purge_protection' must be true when encryption.customer_managed_keys is on",
    ):
        EnvironmentConfig(
            **plan.environment(
                location="koreacentral",
                name="test",
                production=False,
                key_vault=KeyVaultProps(purge_protection=False),
                encryption=EncryptionProps(customer_managed_keys=True),
            )
        )


def test_customer_managed_key_is_refused_on_standard_and_not_created_for_it(tmp_path: Path):
    from tripgen_constructs import CustomerManagedKey, EnvironmentStack, Messaging
    from tripgen_constructs._cdk import cdk

    from apps.prod.config import PROD

    # Prod with a Standard namespace: customer-managed keys stay on for the rest of the stack.
    config = EnvironmentConfig.model_validate({**dict(PROD), "messaging": MessagingProps(**STANDARD)})
    stack = EnvironmentStack(cdk.App(outdir=str(tmp_path)), "standard", config=config)
    assert config.encryption.customer_managed_keys
    assert stack.messaging.encryption_key is None
    assert stack.node.try_find_child(CMK) is None

    common = {
        "naming": config.naming,
        "location": config.location,
        "resource_group": stack.resource_group,
        "tags": {},
    }
    key = CustomerManagedKey(stack, "cmk", purpose="test", props=config.encryption, key_vault=stack.key_vault, **common)
    with pytest.raises(
        ValueError,
        match=r"'encryption_key' must be None on Standard \(customer-managed keys need Premium\)",
    ):
        Messaging(stack, "standard-messaging", props=MessagingProps(**STANDARD), encryption_key=key, **common)


# --- filtering (M-6): rules from config -----------------------------------------------------------


def test_subscription_rules_from_config_become_sql_and_correlation_filters(tmp_path: Path):
    from tripgen_constructs import Messaging, Naming
    from tripgen_constructs._cdk import azurerm, cdk

    app = cdk.App(outdir=str(tmp_path))
    stack = cdk.TerraformStack(app, "rules")
    azurerm.provider.AzurermProvider(stack, "azurerm", features=[azurerm.provider.AzurermProviderFeatures()])
    rg = azurerm.resource_group.ResourceGroup(stack, "rg", name="rg-x", location="koreacentral")
    rules = (
        SubscriptionRuleProps(name="trip-created", sql_filter="eventType = 'TripCreated'"),
        SubscriptionRuleProps(
            name="by-label",
            correlation_filter=CorrelationFilterProps(label="trip", properties={"v": "1"}),
        ),
    )
    topic = TopicProps(name="trip-events", subscriptions=(SubscriptionProps(name="analytics", rules=rules),))
    Messaging(
        stack,
        "messaging",
        props=MessagingProps(**STANDARD, queues=(), topics=(topic,)),
        naming=Naming("tripgen", "test"),
        location="koreacentral",
        resource_group=rg,
        tags={},
    )
    app.synth()
    synthesized = Stack(dict(read_stack(tmp_path / "stacks" / "rules" / "cdk.tf.json").document))
    sub = synthesized.ref(SUBSCRIPTION, "messaging/subscription-trip-events-analytics")
    sql = synthesized.by_path(RULE, "messaging/rule-trip-events-analytics-trip-created")
    assert (sql["filter_type"], sql["sql_filter"], sql["subscription_id"]) == (
        "SqlFilter",
        "eventType = 'TripCreated'",
        sub,
    )
    corr = synthesized.by_path(RULE, "messaging/rule-trip-events-analytics-by-label")
    assert corr["filter_type"] == "CorrelationFilter"
    assert corr["correlation_filter"] == {"label": "trip", "properties": {"v": "1"}}


# --- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["private_endpoint", "geo_dr"])
def test_premium_only_features_are_refused_on_standard(field):
    with pytest.raises(ConfigError, match=rf"'{field}' must be False on Standard"):
        MessagingProps(**{**STANDARD, field: True})


@pytest.mark.parametrize("capacity", [0, 3, 32])
def test_premium_capacity_outside_1_2_4_8_16_is_refused(capacity):
    with pytest.raises(
        ConfigError,
        match=rf"'capacity' must be one of \[1, 2, 4, 8, 16\] on Premium, got {capacity}",
    ):
        MessagingProps(capacity=capacity)


@pytest.mark.parametrize("field", ["capacity", "premium_messaging_partitions"])
def test_standard_refuses_messaging_units_and_partitions(field):
    with pytest.raises(ConfigError, match=rf"'{field}' must be 0 on Standard"):
        MessagingProps(**{**STANDARD, field: 1})


@pytest.mark.parametrize("partitions", [0, 3, 8])
def test_premium_partitions_outside_1_2_4_are_refused(partitions):
    with pytest.raises(
        ConfigError,
        match=rf"'premium_messaging_partitions' must be one of \[1, 2, 4\] on Premium, "
        rf"got {partitions}",
    ):
        MessagingProps(premium_messaging_partitions=partitions)


def test_capacity_not_a_multiple_of_partitions_is_refused():
    with pytest.raises(
        ConfigError,
        match=r"'capacity' must be a multiple of premium_messaging_partitions \(4\), got 2",
    ):
        MessagingProps(capacity=2, premium_messaging_partitions=4)


def test_unpartitioned_queue_in_a_partitioned_premium_namespace_is_refused():
    queue = QueueProps(name="q", partitioning=False)
    with pytest.raises(ConfigError, match=r"'queues.q.partitioning' must be True like its Premium namespace"):
        MessagingProps(queues=(queue,), topics=())


def test_partitioned_entities_in_an_unpartitioned_premium_namespace_are_refused():
    with pytest.raises(
        ConfigError,
        match=r"'queues.orders.partitioning' must be False like its Premium "
        r"namespace \(premium_messaging_partitions=1",
    ):
        MessagingProps(premium_messaging_partitions=1, queues=(QueueProps(name="orders"),))


def test_unpartitioned_premium_namespace_with_unpartitioned_entities_is_accepted():
    props = MessagingProps(
        premium_messaging_partitions=1,
        queues=(QueueProps(name="q", partitioning=False),),
        topics=(TopicProps(name="t", partitioning=False),),
    )
    assert props.premium_messaging_partitions == 1


@pytest.mark.parametrize(
    ("settings", "queue", "allowed"),
    [
        ({}, QueueProps(name="q", max_size_mb=6000), "on Premium"),
        (
            STANDARD,
            QueueProps(name="q", partitioning=False),
            "for an unpartitioned entity on Standard",
        ),
        (STANDARD, QueueProps(name="q", max_size_mb=10240), "for a partitioned entity on Standard"),
    ],
)
def test_queue_sizes_not_offered_by_the_sku_are_refused(settings, queue, allowed):
    with pytest.raises(ConfigError, match=rf"'queues.q.max_size_mb' must be one of \[.*\] {allowed}"):
        MessagingProps(**settings, queues=(queue,), topics=())


def test_topic_size_is_checked_like_a_queue():
    with pytest.raises(ConfigError, match=r"'topics.t.max_size_mb' must be one of"):
        MessagingProps(queues=(), topics=(TopicProps(name="t", max_size_mb=100),))


@pytest.mark.parametrize(
    ("queues", "topics"),
    [
        ((QueueProps(name="jobs"), QueueProps(name="jobs")), ()),
        (
            (QueueProps(name="jobs"), QueueProps(name="Jobs")),
            (),
        ),  # Service Bus names are case-insensitive
        (
            (QueueProps(name="jobs"),),
            (TopicProps(name="jobs"),),
        ),  # queues and topics share one namespace
    ],
)
def test_duplicate_queue_or_topic_names_are_refused(queues, topics):
    with pytest.raises(ConfigError, match=r"'queues/topics' must be unique names .*got \['jobs'\]"):
        MessagingProps(queues=queues, topics=topics)


def test_duplicate_subscription_names_are_refused():
    with pytest.raises(
        ConfigError,
        match=r"'topics.t.subscriptions' must be unique subscription names, got \['audit'\]",
    ):
        TopicProps(
            name="t",
            subscriptions=(SubscriptionProps(name="audit"), SubscriptionProps(name="audit")),
        )


def test_duplicate_rule_names_are_refused():
    rule = SubscriptionRuleProps(name="r", sql_filter="1=1")
    with pytest.raises(ConfigError, match=r"'subscriptions.s.rules' must be unique rule names, got \['r'\]"):
        SubscriptionProps(name="s", rules=(rule, rule))


@pytest.mark.parametrize("model", [QueueProps, SubscriptionProps])
@pytest.mark.parametrize("count", [0, -1])
def test_max_delivery_count_below_1_is_refused(model, count):
    with pytest.raises(ConfigError, match=rf"'max_delivery_count' must be at least 1, got {count}"):
        model(name="x", max_delivery_count=count)


def test_iso_8601_durations_are_accepted():
    queue = QueueProps(name="q", auto_delete_on_idle="P14D", default_message_ttl="PT12H", lock_duration="PT30S")
    assert (queue.auto_delete_on_idle, queue.default_message_ttl, queue.lock_duration) == (
        "P14D",
        "PT12H",
        "PT30S",
    )


@pytest.mark.parametrize(
    "field",
    ["auto_delete_on_idle", "default_message_ttl", "lock_duration", "duplicate_detection_window"],
)
@pytest.mark.parametrize("value", ["14d", "P", "PT", "14 days"])
def test_malformed_durations_are_refused(field, value):
    with pytest.raises(ConfigError, match=rf"'{field}' must be an ISO-8601 duration"):
        QueueProps(name="q", **{field: value})


@pytest.mark.parametrize(
    "name",
    [
        "sbns",  # shorter than 6
        "1tripgen",  # starts with a digit
        "tripgen-",  # ends with a hyphen
        "tripgen-sb",  # reserved suffix
        "tripgen-mgmt",  # reserved suffix
        "trip_gen_ns",  # underscore
        "a" * 51,  # longer than 50
    ],
)
def test_namespace_names_breaking_azure_rules_are_refused(name):
    with pytest.raises(ConfigError, match=r"'name' must be 6-50 letters, digits or '-'"):
        MessagingProps(name=name)


@pytest.mark.parametrize(
    ("model", "name"),
    [
        (QueueProps, "-jobs"),
        (QueueProps, "jobs."),
        (TopicProps, "a" * 261),
        (SubscriptionProps, "a" * 51),
        (SubscriptionProps, "a/b"),
    ],
)
def test_entity_names_breaking_azure_rules_are_refused(model, name):
    with pytest.raises(ConfigError, match=r"'name' must be 1-"):
        model(name=name)


def test_namespace_without_private_endpoint_must_allow_public_access_explicitly():
    with pytest.raises(
        ConfigError,
        match=r"'public_network_access' must be True when there is no private endpoint",
    ):
        MessagingProps(**{**STANDARD, "public_network_access": False})


@pytest.mark.parametrize(
    "rule",
    [
        {"name": "r"},
        {"name": "r", "sql_filter": "1=1", "correlation_filter": CorrelationFilterProps(label="x")},
    ],
)
def test_rule_needs_exactly_one_filter(rule):
    with pytest.raises(ConfigError, match=r"'rules.r' must be exactly one of sql_filter, correlation_filter"):
        SubscriptionRuleProps(**rule)


def test_empty_correlation_filter_is_refused():
    with pytest.raises(ConfigError, match=r"'correlation_filter' must be at least one of"):
        CorrelationFilterProps()


def test_geo_dr_without_a_dr_region_is_refused():
    with pytest.raises(
        ConfigError,
        match=r"'messaging.geo_dr' must be False when the environment has no dr_location",
    ):
        EnvironmentConfig(
            **plan.environment(location="koreacentral", name="test", dr_location=None, network=plan.NETWORK_WITHOUT_DR)
        )


def test_private_geo_dr_without_a_dr_private_endpoint_subnet_is_refused():
    dr_spoke = VirtualNetworkProps(
        address_space=plan.DR_SPOKE.address_space,
        location="koreasouth",
        subnets=tuple(s for s in plan.DR_SPOKE.subnets if s.name != "snet-private-endpoints"),
    )
    with pytest.raises(
        ConfigError,
        match=r"'network.dr_spoke.subnets' must be a list that includes 'snet-private-endpoints'",
    ):
        EnvironmentConfig(
            **plan.environment(
                location="koreacentral",
                name="test",
                network=NetworkProps(hub=plan.HUB, spoke=plan.SPOKE, dr_spoke=dr_spoke),
            )
        )


def test_derived_dr_and_alias_names_are_checked_against_azure_rules(tmp_path: Path):
    from tripgen_constructs import Messaging, Naming
    from tripgen_constructs._cdk import azurerm, cdk

    stack = cdk.TerraformStack(cdk.App(outdir=str(tmp_path)), "names")
    rg = azurerm.resource_group.ResourceGroup(stack, "rg", name="rg-x", location="koreacentral")
    dr_rg = azurerm.resource_group.ResourceGroup(stack, "dr-rg", name="rg-y", location="koreasouth")
    props = MessagingProps(name="a" * 47, private_endpoint=False, public_network_access=True)  # + "-alias" > 50
    with pytest.raises(ValueError, match=r"alias: 'name' must be 6-50 letters"):
        Messaging(
            stack,
            "messaging",
            props=props,
            naming=Naming("tripgen", "test"),
            location="koreacentral",
            resource_group=rg,
            tags={},
            dr_location="koreasouth",
            dr_resource_group=dr_rg,
        )
