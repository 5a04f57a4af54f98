"""``Messaging``: a private Service Bus namespace, its queues and topics, and geo-DR (M-1 … M-7).

Queues, topics, subscriptions and their rules are data (``QueueProps``/``TopicProps`` tuples in the
config), so a new queue is a config line, not code. The namespace is checked against what Azure
accepts before anything is synthesized: SKU-specific capacity, partitions and entity sizes,
partitioning consistent with the namespace (M-7), unique entity names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Annotated, Final, Literal

from pydantic import AfterValidator, Field, model_validator

from ._cdk import Construct, azurerm
from .encryption import CustomerManagedKey
from .naming import Naming
from .network import PRIVATE_ENDPOINT_SUBNET, NetworkProps
from .private_endpoint import PrivateEndpoint
from .props import IsoDuration, Props, azure_name_check, refusal

# --- Spec defaults -------------------------------------------------------------------------------

SKU: Final = "Premium"  # M-1
MESSAGING_UNITS = 4  # M-1
PREMIUM_MESSAGING_PARTITIONS = 2
"""M-7 resolution: partitioned (M-3 … M-6 ask for partitioning). 2 rather than 4 because the
messaging units must stay a multiple of the partitions and partitions are fixed at creation: with 2,
the namespace can still scale down to 2 units (T-6 cost optimisation) or up to 16 (X-1)."""
MINIMUM_TLS_VERSION: Final = "1.2"  # S-3 (Service Bus offers no TLS 1.3 minimum)
PUBLIC_NETWORK_ACCESS = False  # M-1 "VNet-only access", D-2
PRIVATE_ENDPOINT = True  # M-1
GEO_DR = True  # M-2
ENTITY_MAX_SIZE_MB = 81920  # M-3 … M-6: 80 GB
PARTITIONING = True  # M-3 … M-7
DUPLICATE_DETECTION_WINDOW = "PT10M"  # Azure's default; the design names no window
MAX_DELIVERY_COUNT = 10  # Azure's default
LOCK_DURATION = "PT1M"  # Azure's default
AI_SCHEDULE_MAX_DELIVERY_COUNT = 3  # M-3
LOCATION_SEARCH_IDLE_DELETE = "P14D"  # M-4

AI_SCHEDULE_QUEUE = "ai-schedule-generation"  # M-3
LOCATION_SEARCH_QUEUE = "location-search"  # M-4
NOTIFICATION_QUEUE = "notification"  # M-5
TRIP_EVENTS_TOPIC = "trip-events"  # M-6
TRIP_EVENTS_SUBSCRIPTIONS = ("audit", "monitoring", "analytics")  # M-6

# --- What Azure accepts --------------------------------------------------------------------------

PREMIUM_CAPACITIES = (1, 2, 4, 8, 16)
PREMIUM_PARTITIONS = (1, 2, 4)
BASE_SIZES_MB: tuple[int, ...] = (1024, 2048, 3072, 4096, 5120)
PREMIUM_SIZES_MB: tuple[int, ...] = (*BASE_SIZES_MB, 10240, 20480, 40960, 81920)
STANDARD_PARTITION_FACTOR = 16
"""A partitioned Standard entity has 16 partitions of the configured size; Azure reports 16×."""
STANDARD_PARTITIONED_SIZES_MB = tuple(s * STANDARD_PARTITION_FACTOR for s in BASE_SIZES_MB)

_NAMESPACE_NAME = azure_name_check(
    "name",
    r"(?!.*(-sb|-mgmt)$)[A-Za-z][-A-Za-z0-9]{4,48}[A-Za-z0-9]",
    "6-50 letters, digits or '-', starting with a letter, ending with a letter or digit, "
    "not ending in '-sb' or '-mgmt' (Azure Service Bus namespace and alias names)",
)
NamespaceName = Annotated[str, _NAMESPACE_NAME]
EntityName = Annotated[
    str,
    azure_name_check(
        "name",
        r"[A-Za-z0-9](?:[A-Za-z0-9._/-]{0,258}[A-Za-z0-9])?",
        "1-260 letters, digits, '.', '_', '-', '/', starting and ending with a letter or digit "
        "(Azure queue and topic names)",
    ),
]
SubscriptionName = Annotated[
    str,
    azure_name_check(
        "name",
        r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,48}[A-Za-z0-9])?",
        "1-50 letters, digits, '.', '_', '-', starting and ending with a letter or digit "
        "(Azure subscription and rule names)",
    ),
]


def _duplicates(names: Iterable[str]) -> list[str]:
    """Names that occur more than once; Service Bus entity names are case-insensitive."""
    counts = Counter(n.lower() for n in names)
    return sorted(n for n, c in counts.items() if c > 1)


def _check_delivery_count(value: int) -> int:
    if value < 1:
        raise refusal("max_delivery_count", value, "at least 1")
    return value


DeliveryCount = Annotated[int, AfterValidator(_check_delivery_count)]
"""Deliveries before a message is dead-lettered; Azure refuses fewer than 1."""


# --- Props ---------------------------------------------------------------------------------------


class CorrelationFilterProps(Props):
    """Match on system properties and application properties (all given values must be equal)."""

    label: str | None = None
    correlation_id: str | None = None
    content_type: str | None = None
    properties: Mapping[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _not_empty(self) -> CorrelationFilterProps:
        if not (self.label or self.correlation_id or self.content_type or self.properties):
            raise refusal(
                "correlation_filter",
                {},
                "at least one of label, correlation_id, content_type, properties",
            )
        return self


class SubscriptionRuleProps(Props):
    """One filter rule of a subscription: exactly one of ``sql_filter``, ``correlation_filter``."""

    name: SubscriptionName
    sql_filter: str | None = None
    correlation_filter: CorrelationFilterProps | None = None

    @model_validator(mode="after")
    def _one_filter(self) -> SubscriptionRuleProps:
        given = [f for f in ("sql_filter", "correlation_filter") if getattr(self, f)]
        if len(given) != 1:
            raise refusal(f"rules.{self.name}", given, "exactly one of sql_filter, correlation_filter")
        return self


class SubscriptionProps(Props):
    """A topic subscription. Without rules it receives every message (Azure's ``$Default`` rule)."""

    name: SubscriptionName
    max_delivery_count: DeliveryCount = MAX_DELIVERY_COUNT
    dead_lettering_on_expiration: bool = False
    sessions: bool = False
    lock_duration: IsoDuration = LOCK_DURATION
    rules: tuple[SubscriptionRuleProps, ...] = ()
    """Filtering (M-6); docs/messaging.md says how they interact with ``$Default``."""

    @model_validator(mode="after")
    def _unique_rules(self) -> SubscriptionProps:
        dup = _duplicates(r.name for r in self.rules)
        if dup:
            raise refusal(f"subscriptions.{self.name}.rules", dup, "unique rule names")
        return self


class _EntityProps(Props):
    """What queues and topics share."""

    name: EntityName
    max_size_mb: int = ENTITY_MAX_SIZE_MB
    """The size Azure reports; a partitioned Standard entity is 16 × its partition size."""
    partitioning: bool = PARTITIONING
    """Premium: must match the namespace (partitions > 1), M-7. Standard: per entity."""
    duplicate_detection: bool = False
    duplicate_detection_window: IsoDuration = DUPLICATE_DETECTION_WINDOW
    default_message_ttl: IsoDuration | None = None
    """``None``: Azure's default (unbounded on Standard/Premium)."""
    auto_delete_on_idle: IsoDuration | None = None
    """``None``: never deleted when idle."""


class QueueProps(_EntityProps):
    """A queue (M-3 … M-5)."""

    sessions: bool = False
    dead_lettering_on_expiration: bool = False
    max_delivery_count: DeliveryCount = MAX_DELIVERY_COUNT
    lock_duration: IsoDuration = LOCK_DURATION


class TopicProps(_EntityProps):
    """A topic and its subscriptions (M-6)."""

    subscriptions: tuple[SubscriptionProps, ...] = ()

    @model_validator(mode="after")
    def _unique_subscriptions(self) -> TopicProps:
        dup = _duplicates(s.name for s in self.subscriptions)
        if dup:
            raise refusal(f"topics.{self.name}.subscriptions", dup, "unique subscription names")
        return self


DEFAULT_QUEUES = (
    QueueProps(  # M-3
        name=AI_SCHEDULE_QUEUE,
        duplicate_detection=True,
        sessions=True,
        dead_lettering_on_expiration=True,
        max_delivery_count=AI_SCHEDULE_MAX_DELIVERY_COUNT,
    ),
    QueueProps(name=LOCATION_SEARCH_QUEUE, auto_delete_on_idle=LOCATION_SEARCH_IDLE_DELETE),  # M-4
    QueueProps(name=NOTIFICATION_QUEUE, duplicate_detection=True),  # M-5
)
DEFAULT_TOPICS = (
    TopicProps(  # M-6; no filter rules by default: the design names filtering but no filter
        name=TRIP_EVENTS_TOPIC,
        duplicate_detection=True,
        subscriptions=tuple(SubscriptionProps(name=n) for n in TRIP_EVENTS_SUBSCRIPTIONS),
    ),
)


class MessagingProps(Props):
    """The Service Bus namespace and its entities."""

    sku: Literal["Standard", "Premium"] = SKU
    capacity: int = MESSAGING_UNITS
    """Messaging units: 1, 2, 4, 8 or 16 on Premium; 0 on Standard (no units there)."""
    premium_messaging_partitions: int = PREMIUM_MESSAGING_PARTITIONS
    """1, 2 or 4 on Premium (fixed at creation); 0 on Standard."""
    name: NamespaceName | None = None
    """``None``: ``sbns-<workload>-<env>``. Namespace names are global: override if taken."""
    public_network_access: bool = PUBLIC_NETWORK_ACCESS
    private_endpoint: bool = PRIVATE_ENDPOINT
    geo_dr: bool = GEO_DR
    """A paired Premium namespace in the DR region behind an alias (M-2)."""
    minimum_tls_version: Literal["1.2"] = MINIMUM_TLS_VERSION
    queues: tuple[QueueProps, ...] = DEFAULT_QUEUES
    topics: tuple[TopicProps, ...] = DEFAULT_TOPICS

    @model_validator(mode="after")
    def _azure_rules(self) -> MessagingProps:
        self._check_sku()
        dup = _duplicates(e.name for e in self.entities)
        if dup:
            raise refusal("queues/topics", dup, "unique names (queues and topics share one namespace)")
        for entity in self.entities:
            self._check_entity(entity)
        return self

    def _check_sku(self) -> None:
        if self.premium:
            if self.capacity not in PREMIUM_CAPACITIES:
                raise refusal("capacity", self.capacity, f"one of {list(PREMIUM_CAPACITIES)} on Premium")
            partitions = self.premium_messaging_partitions
            if partitions not in PREMIUM_PARTITIONS:
                raise refusal(
                    "premium_messaging_partitions",
                    partitions,
                    f"one of {list(PREMIUM_PARTITIONS)} on Premium",
                )
            if self.capacity % partitions:
                raise refusal(
                    "capacity",
                    self.capacity,
                    f"a multiple of premium_messaging_partitions ({partitions})",
                )
        else:
            for field in ("capacity", "premium_messaging_partitions"):
                if getattr(self, field) != 0:
                    raise refusal(
                        field,
                        getattr(self, field),
                        "0 on Standard (messaging units and partitions are Premium-only)",
                    )
            if self.private_endpoint:
                raise refusal("private_endpoint", True, "False on Standard (private endpoints need Premium)")
            if self.geo_dr:
                raise refusal("geo_dr", True, "False on Standard (geo-disaster recovery needs Premium)")
        if not (self.private_endpoint or self.public_network_access):
            raise refusal(
                "public_network_access",
                False,
                "True when there is no private endpoint (nothing could reach the namespace)",
            )

    def _check_entity(self, entity: _EntityProps) -> None:
        where = f"{'topics' if isinstance(entity, TopicProps) else 'queues'}.{entity.name}"
        if self.premium:
            partitioned = self.premium_messaging_partitions > 1
            if entity.partitioning != partitioned:
                raise refusal(
                    f"{where}.partitioning",
                    entity.partitioning,
                    f"{partitioned} like its Premium namespace (premium_messaging_partitions="
                    f"{self.premium_messaging_partitions}, M-7)",
                )
            sizes, kind = PREMIUM_SIZES_MB, "on Premium"
        elif entity.partitioning:
            sizes, kind = STANDARD_PARTITIONED_SIZES_MB, "for a partitioned entity on Standard"
        else:
            sizes, kind = BASE_SIZES_MB, "for an unpartitioned entity on Standard"
        if entity.max_size_mb not in sizes:
            raise refusal(f"{where}.max_size_mb", entity.max_size_mb, f"one of {list(sizes)} {kind}")

    def check_environment(self, *, dr_location: str | None, network: NetworkProps) -> None:
        """Refuse geo-DR without a DR region, or a private DR namespace without a subnet for it."""
        if not self.geo_dr:
            return
        if dr_location is None:
            raise refusal("messaging.geo_dr", True, "False when the environment has no dr_location (M-2)")
        dr_spoke = network.dr_spoke
        if self.private_endpoint and (dr_spoke is None or dr_spoke.subnet(PRIVATE_ENDPOINT_SUBNET) is None):
            raise refusal(
                "network.dr_spoke.subnets",
                [s.name for s in dr_spoke.subnets] if dr_spoke else None,
                f"a list that includes {PRIVATE_ENDPOINT_SUBNET!r} for the private DR namespace (M-2)",
            )

    @property
    def premium(self) -> bool:
        return self.sku == "Premium"

    @property
    def entities(self) -> tuple[_EntityProps, ...]:
        return (*self.queues, *self.topics)

    def terraform_size_mb(self, entity: _EntityProps) -> int:
        """``max_size_in_megabytes`` for the provider: per partition on partitioned Standard."""
        if not self.premium and entity.partitioning:
            return entity.max_size_mb // STANDARD_PARTITION_FACTOR
        return entity.max_size_mb


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


def _check_derived_name(field: str, value: str) -> str:
    """Names built from the config (DR namespace, alias) obey the namespace rules too."""
    try:
        return _NAMESPACE_NAME.func(value)  # type: ignore[call-arg]
    except ValueError as error:
        raise ValueError(f"{field}: {error}") from None
