"""One environment = one validated config = one cdktf stack.

``EnvironmentConfig`` composes the construct props and checks what needs more than one of them
(CIDR overlaps across network and AKS, zone redundancy across constructs). ``TripGenStack`` wires
the constructs together; ``build_app`` puts any number of environments in one App, so the azurerm
bindings load once for all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from pydantic import Field, field_validator, model_validator

from ._cdk import Construct, azurerm, cdk
from .aks import ZonalAksCluster, ZonalAksClusterProps
from .naming import Naming
from .network import HubSpokeNetwork, NetworkProps
from .observability import Observability, ObservabilityProps
from .props import Props, Region, refusal

PRIMARY_REGION = "koreacentral"  # T-5
DR_REGION = "koreasouth"  # T-5
WORKLOAD = "tripgen"
_TAG_KEY = re.compile(r"[A-Za-z0-9_.-]{1,128}")


class RemoteBackendProps(Props):
    """Terraform state in an Azure storage container (prod)."""

    resource_group_name: str
    storage_account_name: str = Field(pattern=r"[a-z0-9]{3,24}")
    container_name: str = "tfstate"
    key: str


class EnvironmentConfig(Props):
    """Everything that differs between environments; the code that reads it is shared."""

    name: str = Field(pattern=r"[a-z][a-z0-9]{1,7}")
    """Environment name used in every resource name (``prod``, ``dev``)."""
    production: bool = True
    """Production environments get the strict checks (e.g. WAF Prevention, resiliency rules)."""
    zone_redundant: bool = True
    """Claims zone redundancy: every zonal resource must then span at least two zones."""
    location: Region = PRIMARY_REGION
    dr_location: Region | None = DR_REGION
    """DR region (T-5); ``None`` for an environment without one (D-1)."""
    tags: Mapping[str, str] = Field(default_factory=dict)
    backend: RemoteBackendProps | None = None
    """Remote state; ``None`` keeps state in a local file (dev)."""
    network: NetworkProps = NetworkProps()
    aks: ZonalAksClusterProps = ZonalAksClusterProps()
    observability: ObservabilityProps = ObservabilityProps()

    @field_validator("tags")
    @classmethod
    def _tags(cls, tags: Mapping[str, str]) -> Mapping[str, str]:
        bad = [k for k in tags if not _TAG_KEY.fullmatch(k)]
        if bad:
            raise refusal("tags", bad, "keys of 1-128 letters, digits, '_', '.', '-'")
        return dict(sorted(tags.items()))

    @model_validator(mode="after")
    def _cross_checks(self) -> EnvironmentConfig:
        if self.dr_location == self.location:
            raise refusal("dr_location", self.dr_location, f"a region other than location ({self.location})")
        if self.network.dr_spoke is not None and self.dr_location is None:
            raise refusal("network.dr_spoke", "set", "None when the environment has no dr_location")
        if self.network.dr_spoke is not None and (self.network.dr_spoke.location or self.location) != self.dr_location:
            raise refusal("network.dr_spoke.location", self.network.dr_spoke.location, f"the DR region {self.dr_location!r}")
        cidrs = self.network.all_cidrs
        for field, prefix in (("aks.service_cidr", self.aks.service_cidr), ("aks.pod_cidr", self.aks.pod_cidr)):
            clash = [name for name, net in cidrs if net.overlaps(prefix)]
            if clash:
                raise refusal(field, str(prefix), f"disjoint from every VNet and subnet, overlaps {clash}")
        if self.zone_redundant:
            for pool in self.aks.pools:
                if len(pool.zones) < 2:
                    raise refusal(
                        f"aks.{pool.name}_pool.zones", list(pool.zones), "at least 2 zones when zone_redundant is true"
                    )
        return self

    @property
    def naming(self) -> Naming:
        return Naming(WORKLOAD, self.name)

    @property
    def all_tags(self) -> dict[str, str]:
        """Tags on every resource: the config's plus the environment and workload."""
        return {"environment": self.name, "workload": WORKLOAD, **self.tags}


class TripGenStack(cdk.TerraformStack):
    """The TripGen architecture for one environment. Public attributes are the constructs."""

    def __init__(self, scope: Construct, id: str, *, config: EnvironmentConfig) -> None:
        super().__init__(scope, id)
        self.config = config
        naming = config.naming
        tags = config.all_tags
        azurerm.provider.AzurermProvider(
            self, "azurerm", features=[azurerm.provider.AzurermProviderFeatures()], storage_use_azuread=True
        )
        if config.backend is not None:
            cdk.AzurermBackend(self, **config.backend.model_dump())
        else:
            # An explicit relative path: cdktf's default is an absolute path of the synth machine.
            cdk.LocalBackend(self, path=f"terraform.{id}.tfstate")

        self.resource_group = azurerm.resource_group.ResourceGroup(
            self, "resource-group", name=naming.name("rg"), location=config.location, tags=tags
        )
        self.dr_resource_group = None
        if config.dr_location is not None:
            self.dr_resource_group = azurerm.resource_group.ResourceGroup(
                self, "dr-resource-group", name=naming.name("rg", "dr"), location=config.dr_location, tags=tags
            )
        common = {"naming": naming, "location": config.location, "resource_group": self.resource_group, "tags": tags}

        self.observability = Observability(self, "observability", props=config.observability, **common)
        self.network = HubSpokeNetwork(
            self, "network", props=config.network, dr_resource_group=self.dr_resource_group, **common
        )
        # --- security and identity (issue 5): Key Vault, identity; before their consumers
        # --- registry (issue 5)
        self.aks = ZonalAksCluster(
            self,
            "aks",
            props=config.aks,
            subnet=self.network.aks_subnet,
            workspace=self.observability.workspace,
            **common,
        )
        # --- perimeter (issue 3)
        # --- data tier (issue 4)
        # --- messaging (issue 5)
        # --- role assignments of the services identity (issue 5), once their targets exist
        # --- diagnostics for every diagnosable resource and the alerts (issue 6): last


def build_app(configs: Iterable[EnvironmentConfig], outdir: str | Path = "cdktf.out") -> cdk.App:
    """One App holding a ``tripgen-<name>`` stack per config."""
    app = cdk.App(outdir=str(outdir))
    for config in configs:
        TripGenStack(app, f"{WORKLOAD}-{config.name}", config=config)
    return app
