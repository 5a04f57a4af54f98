"""One environment = one validated config = one cdktf stack.

``EnvironmentConfig`` composes the construct props and checks what needs more than one of them
(CIDR overlaps across network and AKS, zone redundancy across constructs). ``EnvironmentStack`` wires
the constructs together; ``build_app`` puts any number of environments in one App, so the azurerm
bindings load once for all of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ._cdk import Construct, azurerm, cdk
from .aks import ZonalAksCluster
from .alerts import Alerts
from .cluster_monitoring import ClusterMonitoring
from .config.environment import (
    EnvironmentConfig as EnvironmentConfig,
    RemoteBackendProps as RemoteBackendProps,
)
from .data_tier import PrivateDataTier
from .diagnostics import DiagnosticSettings
from .egress_firewall import FIREWALL_SUBNET, EgressFirewall
from .encryption import CustomerManagedKey
from .identity import BLOB_ROLES, SERVICE_BUS_ROLES, ServiceIdentity
from .messaging import Messaging
from .network import AKS, GATEWAY, HubSpokeNetwork
from .observability import Observability
from .perimeter import SecurePerimeter
from .private_endpoint import dns_zone_for
from .registry import ContainerRegistry
from .rules import apply_rule_packs
from .security import KeyVault


class EnvironmentStack(cdk.TerraformStack):
    """The TripGen architecture for one environment. Public attributes are the constructs."""

    def __init__(self, scope: Construct, id: str, *, config: EnvironmentConfig) -> None:
        config = config.revalidated()  # before any construct exists: a refusal leaves no half stack
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
            self,
            "network",
            props=config.network,
            dr_resource_group=self.dr_resource_group,
            dr_location=config.dr_location,
            capabilities=("messaging",),  # the stack always builds Messaging below
            **common,
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
            dr_location=config.dr_location,
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
            gateway_subnet_props=config.network.hub.by_role(GATEWAY),
            key_vault=self.key_vault.vault,
            certificate=self.key_vault.certificates.get(config.perimeter.listener_certificate),
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
                aks_subnet_cidr=config.network.spoke.by_role(AKS).cidr,  # type: ignore[union-attr]
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
        self.rules = apply_rule_packs(
            self,
            suppressions=config.suppressions,
            required_tags=tags,
            allowed_regions=[r for r in (config.location, config.dr_location) if r],
        )


def build_app(configs: Iterable[EnvironmentConfig], outdir: str | Path = "cdktf.out") -> cdk.App:
    """One App holding a ``tripgen-<name>`` stack per config."""
    app = cdk.App(outdir=str(outdir))
    for config in configs:
        EnvironmentStack(app, config.stack_name, config=config)
    return app
