"""One environment = one validated config = one cdktf stack.

``EnvironmentConfig`` composes the construct props and checks what needs more than one of them
(CIDR overlaps across network and AKS, zone redundancy across constructs). ``EnvironmentStack`` wires
the constructs together; ``build_app`` puts any number of environments in one App, so the azurerm
bindings load once for all of them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Annotated, Any

from pydantic import AfterValidator, Field, field_validator, model_validator

from ..rules.suppressions import RuleSuppression
from .aks import ZonalAksClusterProps
from .alerts import AlertsProps
from .azure_limits import MAX_TAG_VALUE_LENGTH, MAX_TAGS
from .capacity import check_capacity
from .cluster_monitoring import ClusterMonitoringProps
from .data_tier import PrivateDataTierProps
from .encryption import EncryptionProps
from .identity import ServiceIdentityProps
from .maintenance import TIME_ZONE, MaintenanceSlot, TimeZone
from .messaging import MessagingProps
from .naming import Naming
from .network import NetworkProps
from .observability import ObservabilityProps
from .perimeter import SecurePerimeterProps
from .private_endpoint import dns_zone_for
from .props import DR, PRIMARY, Props, Region, azure_name_check, refusal, resolve_region
from .regions import REGIONS
from .registry import ContainerRegistryProps
from .security import KeyVaultProps
from .workloads import WorkloadsProps

_TAG_KEY = re.compile(r"[A-Za-z0-9_.-]{1,128}")
STACK_TAGS = ("environment", "workload")
"""Tags the stack puts on every resource itself (``all_tags``); a config tag may not replace them."""
_LABEL = re.compile(r"[a-z][a-z0-9]{1,7}")


def _check_label(field: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not _LABEL.fullmatch(value):
            raise refusal(field, value, "2-8 lowercase letters or digits starting with a letter")
        return value

    return check


class RemoteBackendProps(Props):
    """Terraform state in an Azure storage container (prod). Names follow Azure's rules
    (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules)."""

    resource_group_name: str = Field(pattern=r"^(?:[-\w.()]{0,89}[-\w()])$")
    """1-90 letters, digits, '_', '-', '.', '(', ')', not ending in '.' (Unicode letters allowed)."""
    storage_account_name: Annotated[
        str,
        azure_name_check(
            "backend.storage_account_name",
            r"[a-z0-9]{3,24}",
            "3-24 lowercase letters or digits (storage account names)",
        ),
    ]
    container_name: Annotated[
        str,
        azure_name_check(
            "backend.container_name",
            r"(?!.*--)[a-z0-9][-a-z0-9]{1,61}[a-z0-9]",
            "3-63 lowercase letters, digits and single '-', starting and ending with a letter or digit "
            "(Azure blob container names)",
        ),
    ] = "tfstate"
    key: str = Field(min_length=1, max_length=1024, pattern=r"^(?:.*[^/.\s])$")
    """The state blob's name: 1-1024 characters, not ending in '/', '.' or a space."""


class EnvironmentConfig(Props):
    """Everything that differs between environments; the code that reads it is shared."""

    workload: Annotated[str, AfterValidator(_check_label("workload"))]
    """The naming prefix of every resource and stack (``<abbreviation>-<workload>-<name>``)."""
    name: Annotated[str, AfterValidator(_check_label("name"))]
    """Environment name used in every resource name (``prod``, ``dev``)."""
    production: bool = True
    """Production environments get the strict checks (e.g. WAF Prevention, resiliency rules)."""
    availability_target: float | None = Field(default=None, gt=0, lt=100)
    """Monthly availability target in percent (T-1: 99.9 for prod) that the generated design document
    compares the composite SLA with (``tripgen_constructs.sla``); ``None``: no target. The main job warns,
    it does not fail, when the target is missed."""
    zone_redundant: bool = True
    """Claims zone redundancy: every zonal resource must then span at least two zones."""
    location: Region
    """The primary region (T-5), a programmatic name of the region table (``regions.REGIONS``)."""
    dr_location: Region | None = None
    """DR region (T-5); left out, it is the primary region's pair (``regions.Region.paired``);
    ``None`` for an environment without one (D-1)."""
    time_zone: TimeZone = TIME_ZONE
    """The operators' IANA time zone: every maintenance slot that names none is in it."""
    tags: Mapping[str, str] = Field(default_factory=dict)
    backend: RemoteBackendProps | None = None
    """Remote state; ``None`` keeps state in a local file (dev)."""
    network: NetworkProps
    """Hub, spoke and DR spoke. No default: the address plan is the user's choice."""
    aks: ZonalAksClusterProps
    """The cluster; no default, as its ``service_cidr`` is part of the address plan."""
    encryption: EncryptionProps = EncryptionProps()
    observability: ObservabilityProps = ObservabilityProps()
    cluster_monitoring: ClusterMonitoringProps = ClusterMonitoringProps()
    alerts: AlertsProps = AlertsProps()
    """O-4; production must name at least one receiver."""
    key_vault: KeyVaultProps = KeyVaultProps()
    identity: ServiceIdentityProps = ServiceIdentityProps()
    """The services' identity; its namespace and service accounts default to the workloads'."""
    registry: ContainerRegistryProps = ContainerRegistryProps()
    messaging: MessagingProps = MessagingProps()
    perimeter: SecurePerimeterProps
    """The gateway; no default, as its ``private_ip`` is part of the address plan. Its certificate and
    domain names left out derive from ``workload`` (``SecurePerimeterProps.for_workload``)."""
    data: PrivateDataTierProps = PrivateDataTierProps()
    workloads: WorkloadsProps
    """The services' Kubernetes objects (W-*), synthesized by ``workloads.synth_manifests``. No
    default: the namespace and the service list are the user's."""
    suppressions: tuple[RuleSuppression, ...] = ()
    """Rule-pack and checkov findings this environment accepts, each with its reason (issue 8)."""

    @field_validator("tags")
    @classmethod
    def _tags(cls, tags: Mapping[str, str]) -> Mapping[str, str]:
        bad = [k for k in tags if not _TAG_KEY.fullmatch(k)]
        if bad:
            raise refusal("tags", bad, "keys of 1-128 letters, digits, '_', '.', '-'")
        own = sorted(set(tags) & set(STACK_TAGS))
        if own:
            raise refusal("tags", own, f"keys other than the stack's own tags {list(STACK_TAGS)} (it sets them)")
        long = sorted(k for k, v in tags.items() if len(v) > MAX_TAG_VALUE_LENGTH)
        if long:
            raise refusal("tags", long, f"values of at most {MAX_TAG_VALUE_LENGTH} characters (Azure's limit)")
        if len(tags) + len(STACK_TAGS) > MAX_TAGS:
            raise refusal(
                "tags",
                len(tags),
                f"at most {MAX_TAGS - len(STACK_TAGS)} tags: Azure allows {MAX_TAGS} per resource and the "
                f"stack adds {list(STACK_TAGS)}",
            )
        return dict(sorted(tags.items()))

    @model_validator(mode="before")
    @classmethod
    def _dr_default(cls, data: Any) -> Any:
        # The DR region defaults to the primary's pair, so it follows whatever location is set.
        if isinstance(data, Mapping) and "dr_location" not in data and data.get("location") in REGIONS:
            return {**data, "dr_location": REGIONS[data["location"]].paired}
        return data

    @model_validator(mode="after")
    def _resolve_regions(self) -> EnvironmentConfig:
        """``'primary'``/``'dr'`` in the construct props become this environment's regions (a
        ``'dr'`` replica is dropped without a DR region), and the names left out derive from the
        workload (the perimeter's certificate and domain, the identity's namespace and accounts):
        what the stack builds is what the config shows. Runs before the cross checks (validators
        run in definition order)."""
        network = self.network
        if network.dr_spoke is not None and network.dr_spoke.location == DR and self.dr_location is not None:
            spoke = network.dr_spoke.model_copy(update={"location": self.dr_location})
            network = network.model_copy(update={"dr_spoke": spoke})
        postgres = self.data.postgres.in_environment(location=self.location, dr_location=self.dr_location)
        postgres = postgres.model_copy(update={"maintenance": self._in_time_zone(postgres.maintenance)})
        redis = self.data.redis.model_copy(update={"patch_window": self._in_time_zone(self.data.redis.patch_window)})
        resolved = {
            "network": network,
            "data": self.data.model_copy(update={"postgres": postgres, "redis": redis}),
            "registry": self.registry.in_environment(location=self.location, dr_location=self.dr_location),
            "aks": self.aks.model_copy(update={"maintenance": self._in_time_zone(self.aks.maintenance)}),
            "perimeter": self.perimeter.for_workload(self.workload),
            "identity": self.identity.for_workloads(
                self.workloads.namespace, tuple(s.service_account_name for s in self.workloads.services)
            ),
        }
        for field, value in resolved.items():
            object.__setattr__(self, field, value)  # frozen: this is the model's own validation step
        return self

    def _in_time_zone(self, slot: MaintenanceSlot) -> MaintenanceSlot:
        """``slot`` in this environment's time zone, unless it names its own."""
        if "time_zone" in slot.model_fields_set:
            return slot
        return slot.model_copy(update={"time_zone": self.time_zone})

    @model_validator(mode="after")
    def _cross_checks(self) -> EnvironmentConfig:
        # Every check runs, so one run reports all the config's problems (one line each).
        problems = []
        for check in (
            self._check_regions,
            self._check_zones,
            self._check_private_dns_zones,
            self._check_suppressions,
            self._check_aks,
            self._check_constructs,
            self._check_identity,
            self._check_key_vault,
        ):
            try:
                check()
            except ValueError as error:
                problems.append(str(error))
        if problems:
            raise ValueError("\n".join(problems))
        return self

    def _check_regions(self) -> None:
        if self.dr_location == self.location:
            raise refusal("dr_location", self.dr_location, f"a region other than location ({self.location})")
        if self.network.dr_spoke is not None and self.dr_location is None:
            raise refusal("network.dr_spoke", "set", "None when the environment has no dr_location")
        spoke_location = self.network.dr_spoke and resolve_region(
            self.network.dr_spoke.location or PRIMARY, location=self.location, dr_location=self.dr_location
        )
        if self.network.dr_spoke is not None and spoke_location != self.dr_location:
            raise refusal(
                "network.dr_spoke.location", self.network.dr_spoke.location, f"the DR region {self.dr_location!r}"
            )

    def _check_suppressions(self) -> None:
        seen = Counter((s.rule, s.path) for s in self.suppressions)
        duplicated = sorted(f"{rule} at {path or '<stack>'}" for (rule, path), n in seen.items() if n > 1)
        if duplicated:
            raise refusal("suppressions", duplicated, "one suppression per rule and construct path")

    def _check_aks(self) -> None:
        # EnvironmentStack always wires AGIC into the perimeter's gateway (K-2).
        self.aks.check_environment(network=self.network, application_gateway_ingress=True)
        if self.zone_redundant:
            for pool in self.aks.pools:
                if len(pool.zones) < 2:
                    raise refusal(
                        f"aks.{pool.name}_pool.zones", list(pool.zones), "at least 2 zones when zone_redundant is true"
                    )
        check_capacity(self.workloads, self.aks.application_pool)

    def _check_constructs(self) -> None:
        self.messaging.check_environment(dr_location=self.dr_location, network=self.network)
        self.perimeter.check_environment(
            network=self.network,
            production=self.production,
            zone_redundant=self.zone_redundant,
            aks_outbound_type=self.aks.outbound_type,
            vault_certificates=tuple(c.name for c in self.key_vault.certificates),
        )
        self.data.check_environment(
            location=self.location, dr_location=self.dr_location, network=self.network, production=self.production
        )

    def _check_identity(self) -> None:
        missing = [
            s.service_account_name
            for s in self.workloads.services
            if s.service_account_name not in self.identity.accounts
        ]
        if missing or self.identity.namespace != self.workloads.namespace:
            raise refusal(
                "identity.service_accounts",
                list(self.identity.accounts),
                f"federated for every workload account {missing} in namespace {self.workloads.namespace!r} (K-9)",
            )

    def _check_key_vault(self) -> None:
        if self.production and not self.key_vault.purge_protection:
            raise refusal("key_vault.purge_protection", False, "true in a production environment (S-1)")
        if self.encryption.customer_managed_keys and not self.key_vault.purge_protection:
            raise refusal(
                "key_vault.purge_protection",
                False,
                "true when encryption.customer_managed_keys is on (Azure requires it)",
            )
        if self.production and not self.alerts.receiver_count:
            raise refusal("alerts.receivers", 0, "at least one receiver (e-mail, SMS or webhook) in production")

    def _check_private_dns_zones(self) -> None:
        """Every private endpoint the config asks for needs its zone in the network (N-7)."""
        subresources = ["vault", "blob", "postgresqlServer", "redisCache"]  # always private (D-2)
        subresources += ["registry"] if self.registry.private_endpoint else []
        subresources += ["namespace"] if self.messaging.private_endpoint else []
        missing = sorted({dns_zone_for(s) for s in subresources} - set(self.network.private_dns_zones))
        if missing:
            raise refusal(
                "network.private_dns_zones", list(self.network.private_dns_zones), f"a list that includes {missing}"
            )

    def _check_zones(self) -> None:
        """Zones asked in a region without availability zones: Azure would refuse them at apply."""
        if REGIONS[self.location].has_zones:
            return
        asked = [(f"aks.{pool.name}_pool.zones", pool.zones) for pool in self.aks.pools] + [
            ("perimeter.zones", self.perimeter.zones),
            ("data.postgres.zone", self.data.postgres.zone),
            ("data.postgres.standby_zone", self.data.postgres.standby_zone),
            ("data.redis.zones", self.data.redis.zones),
        ]
        if self.perimeter.egress_firewall is not None:
            asked.append(("perimeter.egress_firewall.zones", self.perimeter.egress_firewall.zones))
        bad = [f"{field}={list(value) if isinstance(value, tuple) else value}" for field, value in asked if value]
        if bad:
            raise refusal(
                "zones",
                bad,
                f"none in {self.location} ({REGIONS[self.location].display_name} has no availability zones)",
            )

    @property
    def stack_name(self) -> str:
        """``<workload>-<name>``: the stack's name, unique among environments."""
        return f"{self.workload}-{self.name}"

    def revalidated(self) -> EnvironmentConfig:
        """This config's values validated afresh: ``model_copy(update=...)`` skips validation, so
        whatever builds from a config (the stack, the manifests) checks what it is given."""
        return type(self).model_validate(self.model_dump())

    @property
    def naming(self) -> Naming:
        return Naming(self.workload, self.name)

    @property
    def all_tags(self) -> dict[str, str]:
        """Tags on every resource: the config's plus the environment and workload."""
        return {"environment": self.name, "workload": self.workload, **self.tags}
