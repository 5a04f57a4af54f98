"""``PrivateDataTier``: PostgreSQL, Redis and the backup storage account, all private, composed
from ``PostgresFlexible``, ``RedisCache`` and ``BackupStorage`` (P-1 … P-9, N-2, N-7, N-8, T-5)."""

from __future__ import annotations

from .backup_storage import GEO_REPLICATIONS, BackupStorageProps
from .network import AKS, CACHE, DATABASE, DATABASE_SUBNET, PRIVATE_ENDPOINT, NetworkProps
from .postgres import PostgresProps, check_delegated_subnet
from .props import Props, refusal
from .redis import RedisProps
from .regions import REGIONS

STORAGE_ABBREVIATION = "st"  # CAF abbreviation of a storage account


class PrivateDataTierProps(Props):
    """The data tier's settings; every default is the production design's value."""

    postgres: PostgresProps = PostgresProps()
    redis: RedisProps = RedisProps()
    storage: BackupStorageProps = BackupStorageProps()

    def check_environment(
        self, *, location: str, dr_location: str | None, network: NetworkProps, production: bool
    ) -> None:
        """What needs the rest of the environment: the server subnets, replica regions, zones, and
        geo-redundant backup storage in production."""
        spoke = network.spoke
        check_delegated_subnet(
            f"network.spoke.subnets.{DATABASE_SUBNET}",
            spoke.by_role(DATABASE),
            {
                "the Redis private endpoint": spoke.by_role(CACHE),
                "the blob private endpoint": spoke.by_role(PRIVATE_ENDPOINT),
                "AKS": spoke.by_role(AKS),
            },
        )
        regions = [location]
        if dr_location is not None and network.dr_spoke is not None:
            check_delegated_subnet(
                f"network.dr_spoke.subnets.{DATABASE_SUBNET}",
                network.dr_spoke.by_role(DATABASE),
                {},
            )
            regions.append(dr_location)
        for replica in self.postgres.in_environment(location=location, dr_location=dr_location).replicas:
            if replica.zone is not None and not REGIONS[replica.location].has_zones:
                raise refusal(
                    "data.postgres.replicas.zone",
                    replica.zone,
                    f"None in {replica.location} (a region without availability zones)",
                )
            if replica.location not in regions:
                raise refusal(
                    "data.postgres.replicas.location",
                    replica.location,
                    f"a region with a database network, one of {regions}",
                )
        if not REGIONS[location].has_zones:
            for field, value in (
                ("data.postgres.zone", self.postgres.zone),
                ("data.redis.zones", self.redis.zones),
            ):
                if value:
                    raise refusal(field, value, f"None in {location} (a region without availability zones)")
        if production and self.storage.replication not in GEO_REPLICATIONS:
            raise refusal(
                "data.storage.replication",
                self.storage.replication,
                f"one of {list(GEO_REPLICATIONS)} in production (P-9)",
            )
