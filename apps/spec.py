"""TripGen's spec values that the library leaves to its user: the address plan, the gateway's
certificate and domain, the workload namespace, the service table (the W table) and the Service
Bus entities (M-3 … M-6). Each named constant carries its spec ID; ``apps/<env>/config.py`` reads
them.
"""

from ipaddress import IPv4Address, IPv4Network

from tripgen_constructs import (
    CustomMetric,
    NetworkProps,
    QueueProps,
    ServiceWorkloadProps,
    SubscriptionProps,
    TopicProps,
    dr_spoke_network,
    hub_network,
    spoke_network,
)

# --- Address plan (N-1 … N-3, K-2, P-5, M-2) ------------------------------------------------------

HUB_ADDRESS_SPACE = IPv4Network("10.0.0.0/16")  # N-3
GATEWAY_SUBNET_CIDR = IPv4Network("10.0.1.0/24")  # N-3
SPOKE_ADDRESS_SPACE = IPv4Network("10.1.0.0/16")  # N-1
AKS_SUBNET_CIDR = IPv4Network("10.1.1.0/24")  # N-2
AKS_POD_SUBNET_CIDR = IPv4Network("10.1.8.0/21")
"""K-2 resolution: pods take VNet addresses (Azure CNI, dynamic IP allocation) so that the
Application Gateway reaches them (AGIC refuses CNI Overlay); 2,048 addresses hold 25 nodes × 50 pods."""
DATABASE_SUBNET_CIDR = IPv4Network("10.1.2.0/24")  # N-2
CACHE_SUBNET_CIDR = IPv4Network("10.1.3.0/24")  # N-2
PRIVATE_ENDPOINT_SUBNET_CIDR = IPv4Network("10.1.4.0/24")  # N-2
DR_SPOKE_ADDRESS_SPACE = IPv4Network("10.3.0.0/16")  # P-5: the DR-region replica's network
DR_DATABASE_SUBNET_CIDR = IPv4Network("10.3.2.0/24")  # P-5
DR_PRIVATE_ENDPOINT_SUBNET_CIDR = IPv4Network("10.3.4.0/24")  # M-2: the DR Service Bus namespace stays private
SERVICE_CIDR = IPv4Network("10.2.0.0/16")  # K-2: Kubernetes services, outside every VNet of N-1/N-3
PRIVATE_FRONTEND_IP = IPv4Address("10.0.1.10")  # N-3: the gateway's private frontend, in its subnet

HUB = hub_network(HUB_ADDRESS_SPACE, gateway=GATEWAY_SUBNET_CIDR)
SPOKE = spoke_network(
    SPOKE_ADDRESS_SPACE,
    aks=AKS_SUBNET_CIDR,
    aks_pods=AKS_POD_SUBNET_CIDR,
    database=DATABASE_SUBNET_CIDR,
    cache=CACHE_SUBNET_CIDR,
    private_endpoints=PRIVATE_ENDPOINT_SUBNET_CIDR,
)
DR_SPOKE = dr_spoke_network(
    DR_SPOKE_ADDRESS_SPACE, database=DR_DATABASE_SUBNET_CIDR, private_endpoints=DR_PRIVATE_ENDPOINT_SUBNET_CIDR
)
NETWORK = NetworkProps(hub=HUB, spoke=SPOKE, dr_spoke=DR_SPOKE)
"""N-1 … N-3 with the DR spoke (P-5): prod's network."""
NETWORK_WITHOUT_DR = NetworkProps(hub=HUB, spoke=SPOKE)
"""The same plan without a DR region (D-1, design 10.2): dev's and staging's network."""

# --- Perimeter (G-2) ------------------------------------------------------------------------------

CERTIFICATE_NAME = "wildcard-tripgen"  # G-2: the wildcard certificate's name in Key Vault
DOMAIN = "tripgen.example"
"""Spec silent: the design names no domain. RFC 2606's reserved ``.example`` until the operator sets
the real one; the wildcard certificate must be ``*.<domain>``."""

# --- Workloads (W-1, the W table) -----------------------------------------------------------------

NAMESPACE = "production"  # W-1

# The W table, one row per service. PDB minAvailable is the W-3 resolution: the design's values
# (user 2 of 3, trip 3 of 3, ai 2 of 2, location 2 of 2) block every drain for trip, ai and
# location, and the cluster upgrades itself weekly (K-1), so each budget allows one eviction.
USER_SERVICE = ServiceWorkloadProps(  # W table, user row
    name="user",
    cpu_request="500m",
    memory_request="1Gi",
    cpu_limit="2000m",
    memory_limit="2Gi",
    replicas=3,
    min_replicas=3,
    max_replicas=10,
    cpu_target_percent=70,
    memory_target_percent=80,
    custom_metric=CustomMetric(name="requests_per_second", threshold=100),
    pdb_min_available=2,
)
TRIP_SERVICE = ServiceWorkloadProps(  # W table, trip row
    name="trip",
    cpu_request="1000m",
    memory_request="2Gi",
    cpu_limit="4000m",
    memory_limit="4Gi",
    replicas=3,
    min_replicas=3,
    max_replicas=15,
    cpu_target_percent=70,
    memory_target_percent=80,
    custom_metric=CustomMetric(name="active_connections", threshold=50),
    pdb_min_available=2,  # W-3 resolution (design: 3 of 3)
)
AI_SERVICE = ServiceWorkloadProps(  # W table, ai row
    name="ai",
    cpu_request="2000m",
    memory_request="4Gi",
    cpu_limit="8000m",
    memory_limit="8Gi",
    replicas=2,
    min_replicas=2,
    max_replicas=8,
    cpu_target_percent=80,
    memory_target_percent=85,
    custom_metric=CustomMetric(name="queue_length", threshold=10),
    pdb_min_available=1,  # W-3 resolution (design: 2 of 2)
)
LOCATION_SERVICE = ServiceWorkloadProps(  # W table, location row
    name="location",
    cpu_request="500m",
    memory_request="1Gi",
    cpu_limit="2000m",
    memory_limit="2Gi",
    replicas=2,
    min_replicas=2,
    max_replicas=10,
    cpu_target_percent=70,
    memory_target_percent=80,
    custom_metric=CustomMetric(name="search_requests", threshold=200),
    pdb_min_available=1,  # W-3 resolution (design: 2 of 2)
)
SERVICES = (USER_SERVICE, TRIP_SERVICE, AI_SERVICE, LOCATION_SERVICE)  # the W table

# --- Service Bus entities (M-3 … M-6) -------------------------------------------------------------

AI_SCHEDULE_QUEUE = QueueProps(  # M-3: itinerary generation, one session per trip, 3 attempts
    name="ai-schedule-generation",
    duplicate_detection=True,
    sessions=True,
    dead_lettering_on_expiration=True,
    max_delivery_count=3,
)
LOCATION_SEARCH_QUEUE = QueueProps(name="location-search", auto_delete_on_idle="P14D")  # M-4
NOTIFICATION_QUEUE = QueueProps(name="notification", duplicate_detection=True)  # M-5
QUEUES = (AI_SCHEDULE_QUEUE, LOCATION_SEARCH_QUEUE, NOTIFICATION_QUEUE)
TRIP_EVENTS_TOPIC = TopicProps(  # M-6; no filter rules: the design names filtering but no filter
    name="trip-events",
    duplicate_detection=True,
    subscriptions=tuple(SubscriptionProps(name=n) for n in ("audit", "monitoring", "analytics")),
)
TOPICS = (TRIP_EVENTS_TOPIC,)
