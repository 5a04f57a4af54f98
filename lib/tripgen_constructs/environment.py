"""One environment = one validated config = one cdktf stack.

``EnvironmentConfig`` composes the construct props and checks what needs more than one of them
(CIDR overlaps across network and AKS, zone redundancy across constructs). ``TripGenStack`` wires
the constructs together; ``build_app`` puts any number of environments in one App, so the azurerm
bindings load once for all of them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

from pydantic import Field, field_validator, model_validator

from ._cdk import Construct, azurerm, cdk
from .aks import ZonalAksCluster, ZonalAksClusterProps
from .alerts import Alerts, AlertsProps
from .cluster_monitoring import ClusterMonitoring, ClusterMonitoringProps
from .data_tier import PrivateDataTier, PrivateDataTierProps
from .diagnostics import DiagnosticSettings
from .egress_firewall import FIREWALL_SUBNET, EgressFirewall
from .encryption import CustomerManagedKey, EncryptionProps
from .identity import BLOB_ROLES, SERVICE_BUS_ROLES, ServiceIdentity, ServiceIdentityProps
from .messaging import Messaging, MessagingProps
from .naming import Naming
from .network import AKS_SUBNET, GATEWAY_SUBNET, HubSpokeNetwork, NetworkProps
from .observability import Observability, ObservabilityProps
from .perimeter import SecurePerimeter, SecurePerimeterProps
from .private_endpoint import dns_zone_for
from .props import Props, Region, refusal
from .registry import ContainerRegistry, ContainerRegistryProps
from .rules import RuleSuppression, apply_rule_packs
from .security import KeyVault, KeyVaultProps
from .workloads.capacity import check_capacity
from .workloads.props import WorkloadsProps

PRIMARY_REGION = "koreacentral"  # T-5
DR_REGION = "koreasouth"  # T-5
WORKLOAD = "tripgen"
_TAG_KEY = re.compile(r"[A-Za-z0-9_.-]{1,128}")


class RemoteBackendProps(Props):
    """Terraform state in an Azure storage container (prod)."""

    resource_group_name: str
    storage_account_name: str = Field(pattern=r"^(?:[a-z0-9]{3,24})$")
    container_name: str = "tfstate"
    key: str


class EnvironmentConfig(Props):
    """Everything that differs between environments; the code that reads it is shared."""

    name: str = Field(pattern=r"^(?:[a-z][a-z0-9]{1,7})$")
    """Environment name used in every resource name (``prod``, ``dev``)."""
    production: bool = True
    """Production environments get the strict checks (e.g. WAF Prevention, resiliency rules)."""
    availability_target: float | None = Field(default=None, gt=0, lt=100)
    """Monthly availability target in percent (T-1: 99.9 for prod) that the generated design document
    compares the composite SLA with (``tripgen_constructs.sla``); ``None``: no target. The main job warns,
    it does not fail, when the target is missed."""
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
    encryption: EncryptionProps = EncryptionProps()
    observability: ObservabilityProps = ObservabilityProps()
    cluster_monitoring: ClusterMonitoringProps = ClusterMonitoringProps()
    alerts: AlertsProps = AlertsProps()
    """O-4; production must name at least one receiver."""
    key_vault: KeyVaultProps = KeyVaultProps()
    identity: ServiceIdentityProps = ServiceIdentityProps()
    registry: ContainerRegistryProps = ContainerRegistryProps()
    messaging: MessagingProps = MessagingProps()
    perimeter: SecurePerimeterProps = SecurePerimeterProps()
    data: PrivateDataTierProps = PrivateDataTierProps()
    workloads: WorkloadsProps = WorkloadsProps()
    """The services' Kubernetes objects (W-*), synthesized by ``workloads.synth_manifests``."""
    suppressions: tuple[RuleSuppression, ...] = ()
    """Rule-pack and checkov findings this environment accepts, each with its reason (issue 8)."""

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
            raise refusal(
                "network.dr_spoke.location", self.network.dr_spoke.location, f"the DR region {self.dr_location!r}"
            )
        self._check_private_dns_zones()
        seen = Counter((s.rule, s.path) for s in self.suppressions)
        duplicated = sorted(f"{rule} at {path or '<stack>'}" for (rule, path), n in seen.items() if n > 1)
        if duplicated:
            raise refusal("suppressions", duplicated, "one suppression per rule and construct path")
        # TripGenStack always wires AGIC into the perimeter's gateway (K-2).
        self.aks.check_environment(network=self.network, application_gateway_ingress=True)
        if self.zone_redundant:
            for pool in self.aks.pools:
                if len(pool.zones) < 2:
                    raise refusal(
                        f"aks.{pool.name}_pool.zones", list(pool.zones), "at least 2 zones when zone_redundant is true"
                    )
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
        check_capacity(self.workloads, self.aks.application_pool)
        missing = [
            s.service_account_name
            for s in self.workloads.services
            if s.service_account_name not in self.identity.service_accounts
        ]
        if missing or self.identity.namespace != self.workloads.namespace:
            raise refusal(
                "identity.service_accounts",
                list(self.identity.service_accounts),
                f"federated for every workload account {missing} in namespace {self.workloads.namespace!r} (K-9)",
            )
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
        return self

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
        # The one client config of the stack (tenant id, deployer's object id): reuse it.
        self.client_config = azurerm.data_azurerm_client_config.DataAzurermClientConfig(self, "client-config")
        self.key_vault = KeyVault(
            self,
            "key-vault",
            props=config.key_vault,
            client_config=self.client_config,
            subnet=self.network.private_endpoint_subnet,
            dns_zone=self.network.dns_zone(dns_zone_for("vault")),
            **common,
        )
        self.identity = ServiceIdentity(self, "services-identity", props=config.identity, **common)
        # --- registry (issue 5)
        self.registry = ContainerRegistry(
            self,
            "registry",
            props=config.registry,
            subnet=self.network.private_endpoint_subnet,
            dns_zone=self.network.dns_zone(dns_zone_for("registry")),
            **common,
        )
        # S-3: the node disks' key (one CustomerManagedKey per consuming service).
        self.disk_encryption = (
            CustomerManagedKey(
                self, "disk-encryption", purpose="disks", props=config.encryption, key_vault=self.key_vault, **common
            )
            if config.encryption.customer_managed_keys
            else None
        )
        self.aks = ZonalAksCluster(
            self,
            "aks",
            props=config.aks,
            subnet=self.network.aks_subnet,
            pod_subnet=self.network.aks_pod_subnet if config.aks.pod_cidr is None else None,
            disk_encryption=self.disk_encryption,
            double_encryption=config.encryption.infrastructure_encryption,
            workspace=self.observability.workspace,
            **common,
        )
        # --- perimeter (issue 3)
        self.perimeter = SecurePerimeter(
            self,
            "perimeter",
            props=config.perimeter,
            gateway_subnet=self.network.gateway_subnet,
            gateway_subnet_props=config.network.hub.subnet(GATEWAY_SUBNET),
            key_vault=self.key_vault.vault,
            certificate=self.key_vault.certificates.get(config.perimeter.certificate_name),
            aks=self.aks,
            **common,
        )
        self.egress_firewall = None
        if config.perimeter.egress_firewall is not None:  # G-5, off by default
            self.egress_firewall = EgressFirewall(
                self,
                "egress-firewall",
                props=config.perimeter.egress_firewall,
                firewall_subnet=self.network.vnets["hub"].subnets[FIREWALL_SUBNET],
                aks_subnet=self.network.aks_subnet,
                aks_subnet_cidr=config.network.spoke.subnet(AKS_SUBNET).cidr,  # type: ignore[union-attr]
                aks=self.aks,
                **common,
            )
        # --- data tier (issue 4)
        self.data = PrivateDataTier(
            self,
            "data",
            props=config.data,
            storage_encryption=CustomerManagedKey(
                self,
                "storage-encryption",
                purpose="storage",
                props=config.encryption,
                key_vault=self.key_vault,
                **common,
            )
            if config.encryption.customer_managed_keys
            else None,
            network=self.network,
            client_config=self.client_config,
            dr_location=config.dr_location,
            dr_resource_group=self.dr_resource_group,
            **common,
        )
        # --- messaging (issue 5); customer-managed keys are Premium-only (S-3)
        messaging_key = None
        if config.encryption.customer_managed_keys and config.messaging.premium:
            messaging_key = CustomerManagedKey(
                self,
                "servicebus-encryption",
                purpose="servicebus",
                props=config.encryption,
                key_vault=self.key_vault,
                **common,
            )
        self.messaging = Messaging(
            self,
            "messaging",
            props=config.messaging,
            private_endpoint_subnet=self.network.private_endpoint_subnet,
            dns_zone=self.network.dns_zone(dns_zone_for("namespace")) if config.messaging.private_endpoint else None,
            dr_location=config.dr_location,
            dr_resource_group=self.dr_resource_group,
            dr_private_endpoint_subnet=self.network.dr_private_endpoint_subnet,
            encryption_key=messaging_key,
            **common,
        )
        # --- role assignments of the services identity (issue 5), once their targets exist
        self.identity.federate(self.aks.oidc_issuer_url)
        self.identity.grant(self.key_vault.vault, *self.key_vault.consumer_roles)
        # The DR namespace too: after a Geo-DR failover the alias points at it (M-2).
        for namespace in (self.messaging.namespace, self.messaging.dr_namespace):
            if namespace is not None:
                self.identity.grant(namespace, *SERVICE_BUS_ROLES)
        self.identity.grant(self.data.storage_account, *BLOB_ROLES)
        self.identity.use_redis(self.data.redis_cache)
        self.identity.administer_postgres(self.data.postgres_server, tenant_id=self.client_config.tenant_id)
        self.registry.allow_pull("aks-kubelet-acr-pull", self.aks.kubelet_identity_object_id)
        # --- workloads (issue 9): the client id the ServiceAccounts need, read back by `python -m apps`
        cdk.TerraformOutput(self, "services_identity_client_id", value=self.identity.client_id)
        # --- diagnostics for every diagnosable resource and the alerts (issue 6): last
        self.cluster_monitoring = ClusterMonitoring(
            self,
            "cluster-monitoring",
            props=config.cluster_monitoring,
            cluster=self.aks,
            workspace=self.observability.workspace,
            **common,
        )
        self.alerts = Alerts(
            self,
            "alerts",
            props=config.alerts,
            workspace=self.observability.workspace,
            monitor_workspace=self.cluster_monitoring.monitor_workspace,
            cluster=self.aks.cluster,
            targets=(self.observability.application_insights, self.data.postgres_server),
            **common,
        )
        # Walks the whole tree: keep it the last construct of the stack.
        self.diagnostics = DiagnosticSettings(
            self, "diagnostics", root=self, naming=naming, workspace=self.observability.workspace
        )
        # --- rule packs (issue 8): a validation run at synth on the finished stack
        self.rules = apply_rule_packs(self, suppressions=config.suppressions, required_tags=tags)


def build_app(configs: Iterable[EnvironmentConfig], outdir: str | Path = "cdktf.out") -> cdk.App:
    """One App holding a ``tripgen-<name>`` stack per config."""
    app = cdk.App(outdir=str(outdir))
    for config in configs:
        TripGenStack(app, f"{WORKLOAD}-{config.name}", config=config)
    return app
