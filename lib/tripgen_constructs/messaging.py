"""``Messaging``: a private Service Bus namespace, its queues and topics, and geo-DR (M-1 … M-7).

Queues, topics, subscriptions and their rules are data (``QueueProps``/``TopicProps`` tuples in the
config), so a new queue is a config line, not code. The namespace is checked against what Azure
accepts before anything is synthesized: SKU-specific capacity, partitions and entity sizes,
partitioning consistent with the namespace (M-7), unique entity names.
"""

from __future__ import annotations

from ._cdk import Construct, azurerm
from .config.messaging import (  # the props and defaults live in the config layer
    BASE_SIZES_MB as BASE_SIZES_MB,
    DUPLICATE_DETECTION_WINDOW as DUPLICATE_DETECTION_WINDOW,
    ENTITY_MAX_SIZE_MB as ENTITY_MAX_SIZE_MB,
    GEO_DR as GEO_DR,
    LOCK_DURATION as LOCK_DURATION,
    MAX_DELIVERY_COUNT as MAX_DELIVERY_COUNT,
    MESSAGING_UNITS as MESSAGING_UNITS,
    MINIMUM_TLS_VERSION as MINIMUM_TLS_VERSION,
    PARTITIONING as PARTITIONING,
    PREMIUM_CAPACITIES as PREMIUM_CAPACITIES,
    PREMIUM_MESSAGING_PARTITIONS as PREMIUM_MESSAGING_PARTITIONS,
    PREMIUM_PARTITIONS as PREMIUM_PARTITIONS,
    PREMIUM_SIZES_MB as PREMIUM_SIZES_MB,
    PRIVATE_ENDPOINT as PRIVATE_ENDPOINT,
    PUBLIC_NETWORK_ACCESS as PUBLIC_NETWORK_ACCESS,
    SKU as SKU,
    STANDARD_PARTITION_FACTOR as STANDARD_PARTITION_FACTOR,
    STANDARD_PARTITIONED_SIZES_MB as STANDARD_PARTITIONED_SIZES_MB,
    CorrelationFilterProps as CorrelationFilterProps,
    DeliveryCount as DeliveryCount,
    EntityName as EntityName,
    MessagingProps as MessagingProps,
    NamespaceName as NamespaceName,
    QueueProps as QueueProps,
    SubscriptionName as SubscriptionName,
    SubscriptionProps as SubscriptionProps,
    SubscriptionRuleProps as SubscriptionRuleProps,
    TopicProps as TopicProps,
    _check_derived_name,
    _EntityProps,
)
from .config.naming import Naming
from .config.props import refusal
from .encryption import CustomerManagedKey
from .private_endpoint import PrivateEndpoint

# --- Construct -----------------------------------------------------------------------------------


class Messaging(Construct):
    """Service Bus namespace with its queues, topics, subscriptions, private endpoint and geo-DR.

    Typed attributes: ``namespace`` (grant Azure Service Bus Data Sender/Receiver here),
    ``dr_namespace`` and ``alias`` (or ``None``), ``queues``/``topics``/``subscriptions`` by name
    (subscriptions keyed ``"<topic>/<subscription>"``), ``private_endpoint`` and
    ``dr_private_endpoint`` (or ``None``).

    ``encryption_key`` (Premium only): both namespaces encrypt at rest under that customer-managed
    key, acting as its user-assigned identity, with infrastructure (double) encryption as its props
    say (S-3). Without it, Microsoft-managed keys.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        props: MessagingProps,
        naming: Naming,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        tags: dict[str, str],
        private_endpoint_subnet: azurerm.subnet.Subnet | None = None,
        dns_zone: azurerm.private_dns_zone.PrivateDnsZone | None = None,
        dr_location: str | None = None,
        dr_resource_group: azurerm.resource_group.ResourceGroup | None = None,
        dr_private_endpoint_subnet: azurerm.subnet.Subnet | None = None,
        encryption_key: CustomerManagedKey | None = None,
    ) -> None:
        super().__init__(scope, id)
        self.props = props
        if encryption_key is not None and not props.premium:
            raise refusal(
                "encryption_key",
                encryption_key.node.path,
                "None on Standard (customer-managed keys need Premium)",
            )
        self.encryption_key = encryption_key
        name = props.name or naming.name("sbns")
        if props.private_endpoint and (private_endpoint_subnet is None or dns_zone is None):
            raise refusal("private_endpoint_subnet/dns_zone", None, "given when private_endpoint is True")
        if props.geo_dr:
            if dr_location is None or dr_resource_group is None:
                raise refusal("dr_location/dr_resource_group", dr_location, "given when geo_dr is True (M-2)")
            if dr_location == location:
                raise refusal("dr_location", dr_location, f"a region other than {location!r}")
            if props.private_endpoint and dr_private_endpoint_subnet is None:
                raise refusal(
                    "dr_private_endpoint_subnet",
                    None,
                    "given when geo_dr and private_endpoint are True",
                )

        self.namespace = self._namespace("namespace", name, location, resource_group, tags)
        self.private_endpoint: PrivateEndpoint | None = None
        if props.private_endpoint:
            self.private_endpoint = self._endpoint(
                "private-endpoint",
                self.namespace,
                private_endpoint_subnet,
                dns_zone,
                location,
                resource_group,
                tags,
            )

        # Entities live on the primary only: geo-DR replicates their metadata to the secondary,
        # which Azure requires to be empty when paired.
        self.queues: dict[str, azurerm.servicebus_queue.ServicebusQueue] = {
            q.name: self._queue(q) for q in props.queues
        }
        self.topics: dict[str, azurerm.servicebus_topic.ServicebusTopic] = {}
        self.subscriptions: dict[str, azurerm.servicebus_subscription.ServicebusSubscription] = {}
        for topic in props.topics:
            self._topic(topic)

        self.dr_namespace: azurerm.servicebus_namespace.ServicebusNamespace | None = None
        self.dr_private_endpoint: PrivateEndpoint | None = None
        self.alias: (
            azurerm.servicebus_namespace_disaster_recovery_config.ServicebusNamespaceDisasterRecoveryConfig | None
        ) = None
        if props.geo_dr:
            assert dr_location is not None and dr_resource_group is not None  # checked above
            # The alias is a DNS name in the same global space as namespaces: it differs from both.
            dr_name = _check_derived_name("DR namespace", f"{name}-dr" if props.name else naming.name("sbns", "dr"))
            alias_name = _check_derived_name("alias", f"{name}-alias" if props.name else naming.name("sbns", "alias"))
            # Same SKU, units and partitions: Azure pairs only like with like (M-2). Same key and
            # identity too: Azure pairs an encrypted primary only with a secondary already encrypted
            # under a user-assigned identity (docs/messaging.md).
            self.dr_namespace = self._namespace("dr-namespace", dr_name, dr_location, dr_resource_group, tags)
            if props.private_endpoint:
                self.dr_private_endpoint = self._endpoint(
                    "dr-private-endpoint",
                    self.dr_namespace,
                    dr_private_endpoint_subnet,
                    dns_zone,
                    dr_location,
                    dr_resource_group,
                    tags,
                )
            dr_config = azurerm.servicebus_namespace_disaster_recovery_config
            self.alias = dr_config.ServicebusNamespaceDisasterRecoveryConfig(
                self,
                "alias",
                name=alias_name,
                primary_namespace_id=self.namespace.id,
                partner_namespace_id=self.dr_namespace.id,
            )

    def _namespace(
        self,
        id: str,
        name: str,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        tags: dict[str, str],
    ) -> azurerm.servicebus_namespace.ServicebusNamespace:
        props = self.props
        return azurerm.servicebus_namespace.ServicebusNamespace(
            self,
            id,
            name=name,
            location=location,
            resource_group_name=resource_group.name,
            sku=props.sku,
            capacity=props.capacity,
            premium_messaging_partitions=props.premium_messaging_partitions,
            # M-1: Entra ID (managed identity) only; no SAS keys to leak or rotate.
            local_auth_enabled=False,
            public_network_access_enabled=props.public_network_access,
            minimum_tls_version=props.minimum_tls_version,
            tags=tags,
            **self._encryption_args(),  # type: ignore[arg-type]
        )

    def _encryption_args(self) -> dict[str, object]:
        """Identity and encryption of a namespace (S-3)."""
        ns, cmk = azurerm.servicebus_namespace, self.encryption_key
        if cmk is None:
            # A managed identity on every namespace (checkov CKV_AZURE_202): Azure accepts one on
            # every tier, Basic and Standard included. It holds no role until one is granted.
            return {"identity": ns.ServicebusNamespaceIdentity(type="SystemAssigned")}
        return {
            # The key's identity, not a system-assigned one: azurerm configures the key inline only
            # for a user-assigned identity, and Geo-DR pairing needs the same on both namespaces.
            "identity": ns.ServicebusNamespaceIdentity(type="UserAssigned", identity_ids=[cmk.identity.id]),
            "customer_managed_key": ns.ServicebusNamespaceCustomerManagedKey(
                # Versionless: Service Bus follows the key's rotations (S-2).
                key_vault_key_id=cmk.key.versionless_id,
                identity_id=cmk.identity.id,
                infrastructure_encryption_enabled=cmk.props.infrastructure_encryption,
            ),
            # The identity must be able to unwrap with the key when the namespace is created.
            "depends_on": [cmk.grant],
        }

    def _endpoint(
        self,
        id: str,
        namespace: azurerm.servicebus_namespace.ServicebusNamespace,
        subnet: azurerm.subnet.Subnet | None,
        dns_zone: azurerm.private_dns_zone.PrivateDnsZone | None,
        location: str,
        resource_group: azurerm.resource_group.ResourceGroup,
        tags: dict[str, str],
    ) -> PrivateEndpoint:
        assert subnet is not None and dns_zone is not None  # checked in __init__
        return PrivateEndpoint(
            self,
            id,
            target=namespace,
            subresource="namespace",
            subnet=subnet,
            dns_zone=dns_zone,
            name=f"pe-{namespace.name_input}",
            location=location,
            resource_group_name=resource_group.name,
            tags=tags,
        )

    def _entity_args(self, entity: _EntityProps) -> dict[str, object]:
        return {
            "name": entity.name,
            "namespace_id": self.namespace.id,
            "max_size_in_megabytes": self.props.terraform_size_mb(entity),
            "partitioning_enabled": entity.partitioning,
            "requires_duplicate_detection": entity.duplicate_detection,
            "duplicate_detection_history_time_window": entity.duplicate_detection_window
            if entity.duplicate_detection
            else None,
            "default_message_ttl": entity.default_message_ttl,
            "auto_delete_on_idle": entity.auto_delete_on_idle,
        }

    def _queue(self, queue: QueueProps) -> azurerm.servicebus_queue.ServicebusQueue:
        return azurerm.servicebus_queue.ServicebusQueue(
            self,
            f"queue-{queue.name}",
            **self._entity_args(queue),  # type: ignore[arg-type]
            requires_session=queue.sessions,
            dead_lettering_on_message_expiration=queue.dead_lettering_on_expiration,
            max_delivery_count=queue.max_delivery_count,
            lock_duration=queue.lock_duration,
        )

    def _topic(self, topic: TopicProps) -> None:
        resource = azurerm.servicebus_topic.ServicebusTopic(
            self,
            f"topic-{topic.name}",
            **self._entity_args(topic),  # type: ignore[arg-type]
        )
        self.topics[topic.name] = resource
        for sub in topic.subscriptions:
            key = f"{topic.name}/{sub.name}"
            subscription = azurerm.servicebus_subscription.ServicebusSubscription(
                self,
                f"subscription-{topic.name}-{sub.name}",
                name=sub.name,
                topic_id=resource.id,
                max_delivery_count=sub.max_delivery_count,
                dead_lettering_on_message_expiration=sub.dead_lettering_on_expiration,
                requires_session=sub.sessions,
                lock_duration=sub.lock_duration,
            )
            self.subscriptions[key] = subscription
            for rule in sub.rules:
                azurerm.servicebus_subscription_rule.ServicebusSubscriptionRule(
                    self,
                    f"rule-{topic.name}-{sub.name}-{rule.name}",
                    name=rule.name,
                    subscription_id=subscription.id,
                    **_filter_args(rule),  # type: ignore[arg-type]
                )


def _filter_args(rule: SubscriptionRuleProps) -> dict[str, object]:
    if rule.sql_filter is not None:
        return {"filter_type": "SqlFilter", "sql_filter": rule.sql_filter}
    corr = rule.correlation_filter
    assert corr is not None  # exactly one filter, checked by the props
    rules = azurerm.servicebus_subscription_rule
    return {
        "filter_type": "CorrelationFilter",
        "correlation_filter": rules.ServicebusSubscriptionRuleCorrelationFilter(
            label=corr.label,
            correlation_id=corr.correlation_id,
            content_type=corr.content_type,
            properties=dict(corr.properties) or None,
        ),
    }
