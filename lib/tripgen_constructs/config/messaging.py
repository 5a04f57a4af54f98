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

from .azure_limits import (
    SERVICE_BUS_DUPLICATE_DETECTION_WINDOW_S,
    SERVICE_BUS_MAX_LOCK_DURATION_S,
    SERVICE_BUS_MIN_AUTO_DELETE_ON_IDLE_S,
)
from .network import PRIVATE_ENDPOINT as PRIVATE_ENDPOINT_ROLE, PRIVATE_ENDPOINT_SUBNET, NetworkProps
from .props import IsoDuration, Props, azure_name_check, iso_seconds, refusal

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
    r"(?!.*(?i:-sb|-mgmt)$)[A-Za-z][-A-Za-z0-9]{4,48}[A-Za-z0-9]",
    "6-50 letters, digits or '-', starting with a letter, ending with a letter or digit, "
    "not ending in '-sb' or '-mgmt' in any case (Azure Service Bus namespace and alias names)",
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


def _check_lock_duration(value: str) -> str:
    if iso_seconds(value) > SERVICE_BUS_MAX_LOCK_DURATION_S:
        raise refusal("lock_duration", value, "at most 5 minutes (PT5M)")
    return value


LockDuration = Annotated[IsoDuration, AfterValidator(_check_lock_duration)]
"""A message lock: an ISO-8601 duration of at most 5 minutes (Azure's limit)."""


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
    lock_duration: LockDuration = LOCK_DURATION
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

    @model_validator(mode="after")
    def _entity_limits(self) -> _EntityProps:
        idle = self.auto_delete_on_idle
        if idle is not None and iso_seconds(idle) < SERVICE_BUS_MIN_AUTO_DELETE_ON_IDLE_S:
            raise refusal(f"{self.name}.auto_delete_on_idle", idle, "at least 5 minutes (PT5M)")
        low, high = SERVICE_BUS_DUPLICATE_DETECTION_WINDOW_S
        if not low <= iso_seconds(self.duplicate_detection_window) <= high:
            raise refusal(
                f"{self.name}.duplicate_detection_window",
                self.duplicate_detection_window,
                "between 20 seconds (PT20S) and 7 days (P7D)",
            )
        return self


class QueueProps(_EntityProps):
    """A queue (M-3 … M-5)."""

    sessions: bool = False
    dead_lettering_on_expiration: bool = False
    max_delivery_count: DeliveryCount = MAX_DELIVERY_COUNT
    lock_duration: LockDuration = LOCK_DURATION


class TopicProps(_EntityProps):
    """A topic and its subscriptions (M-6)."""

    subscriptions: tuple[SubscriptionProps, ...] = ()

    @model_validator(mode="after")
    def _unique_subscriptions(self) -> TopicProps:
        dup = _duplicates(s.name for s in self.subscriptions)
        if dup:
            raise refusal(f"topics.{self.name}.subscriptions", dup, "unique subscription names")
        return self


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
    queues: tuple[QueueProps, ...] = ()
    """None by default: queues are the application's (TripGen's M-3 … M-5 are in ``apps/spec.py``)."""
    topics: tuple[TopicProps, ...] = ()
    """None by default: topics are the application's (TripGen's M-6 is in ``apps/spec.py``)."""

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
        if self.private_endpoint and (dr_spoke is None or dr_spoke.by_role(PRIVATE_ENDPOINT_ROLE) is None):
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


def _check_derived_name(field: str, value: str) -> str:
    """Names built from the config (DR namespace, alias) obey the namespace rules too."""
    try:
        return _NAMESPACE_NAME.func(value)  # type: ignore[call-arg]
    except ValueError as error:
        raise ValueError(f"{field}: {error}") from None
