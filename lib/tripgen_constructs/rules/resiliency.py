"""``RESILIENCY_PACK``: what a production environment must meet to survive a zone failure (T-1, K-3,
K-4, G-2, P-2, P-3, P-6), and every recommendation of Azure's Proactive Resiliency Library (APRL v2)
for the types we deploy that the synthesized JSON can decide. A rule carries the APRL GUIDs it
decides and the PSRule for Azure rule of the same concern where one exists; ``aprl.APRL`` lists every
recommendation, ruled or not checkable and why. Environments that do not claim a rule (dev, D-1)
suppress it in their config, each with its reason."""

from __future__ import annotations

import ipaddress
import math
from collections.abc import Iterator, Mapping
from typing import Any

from .core import Level, Pack, Resource, RuleContext, Status, Template, rule, verdict

MIN_ZONES = 2
MIN_SYSTEM_NODES = 2
MIN_USER_NODES = 2  # APRL 005ccbbd
MIN_GATEWAY_CAPACITY = 2
MAX_GATEWAY_SUBNET_PREFIX = 24  # APRL 8364fd0a: a /24 leaves room for 125 instances and upgrades
AZURE_SUBNET_RESERVED = 5
"""Addresses Azure keeps in every subnet (network, gateway, two DNS, broadcast)."""
DEFAULT_MAX_SURGE_NODES = 1
"""AKS surges one node per pool during upgrades when ``upgrade_settings.max_surge`` is unset."""
ZONE_REDUNDANT_STORAGE = frozenset({"ZRS", "GZRS", "RAGZRS"})
AKS_BACKUP_INSTANCE = "azurerm_data_protection_backup_instance_kubernetes_cluster"
TRAFFIC_MANAGER_ENDPOINTS = ("azurerm_traffic_manager_external_endpoint", "azurerm_traffic_manager_azure_endpoint")
FRONT_DOOR_ID_HEADER = "X-Azure-FDID"
CONTAINER_HOSTS = frozenset(
    {
        "azurerm_kubernetes_cluster",
        "azurerm_container_group",
        "azurerm_container_app",
        "azurerm_linux_web_app",
        "azurerm_windows_web_app",
    }
)
"""Types whose deletion APRL 8e389532 means (container hosts pulling from the registry)."""


AKS_POOLS = ("azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster_node_pool")


def _pool(resource: Resource) -> Mapping[str, Any]:
    return resource.block("default_node_pool") if resource.type == "azurerm_kubernetes_cluster" else resource.body


def _zones(value: Any) -> int:
    return len(set(value)) if isinstance(value, list | tuple) else 0


def _cluster(resource: Resource, template: Template) -> Resource | None:
    """The cluster a pool resource belongs to (the resource itself for the system pool)."""
    if resource.type == "azurerm_kubernetes_cluster":
        return resource
    return template.target(resource.get("kubernetes_cluster_id"))


@rule(
    "TG-RES-AKS-POOL-ZONES",
    Level.ERROR,
    "AKS node pool is not spread over at least 2 availability zones (K-3, K-4).",
    "Set zones to ['1', '2', '3'] (at least two).",
    AKS_POOLS,
    aprl=("4f63619f-5001-439c-bacb-8de891287727",),
    psrule=("Azure.AKS.AvailabilityZone",),
)
def aks_pool_zones(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(_zones(_pool(resource).get("zones")) >= MIN_ZONES)


@rule(
    "TG-RES-AKS-AUTOSCALER",
    Level.ERROR,
    "AKS node pool has the cluster autoscaler off: demand beyond its fixed node count is not met (K-4).",
    "Set auto_scaling_enabled with min_count and max_count.",
    AKS_POOLS,
    aprl=("902c82ff-4910-4b61-942d-0d6ef7f39b67",),
    psrule=("Azure.AKS.AutoScaling",),
)
def aks_autoscaler(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(_pool(resource).get("auto_scaling_enabled") is True)


@rule(
    "TG-RES-AKS-SYSTEM-NODES",
    Level.ERROR,
    "AKS system pool can run on fewer than 2 nodes: one node failure stops the cluster's add-ons (K-3).",
    "Set the system pool's min_count (or node_count without autoscaling) to at least 2.",
    ("azurerm_kubernetes_cluster",),
    aprl=("7f7ae535-a5ba-4665-b7e0-c451dbdda01f",),
    psrule=("Azure.AKS.MinNodeCount",),
)
def aks_system_nodes(resource: Resource, template: Template, context: RuleContext) -> Status:
    pool = _pool(resource)
    count = pool.get("min_count") if pool.get("auto_scaling_enabled") else pool.get("node_count")
    return verdict(isinstance(count, int) and count >= MIN_SYSTEM_NODES)


@rule(
    "TG-RES-AKS-TIER",
    Level.ERROR,
    "AKS control plane runs on the Free tier, which has no uptime SLA (K-2).",
    "Set sku_tier 'Standard' (or 'Premium').",
    ("azurerm_kubernetes_cluster",),
    aprl=("0611251f-e70f-4243-8ddd-cfe894bec2e7",),
    psrule=("Azure.AKS.UptimeSLA",),
)
def aks_tier(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.get("sku_tier") in ("Standard", "Premium"))


@rule(
    "TG-RES-AGW-ZONES",
    Level.ERROR,
    "Application Gateway is not spread over at least 2 availability zones (G-2).",
    "Set zones to ['1', '2', '3'] (and the same zones on its public IP).",
    ("azurerm_application_gateway",),
    aprl=("c9c00f2a-3888-714b-a72b-b4c9e8fcffb2",),
    psrule=("Azure.AppGw.AvailabilityZone",),
)
def app_gateway_zones(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(_zones(resource.get("zones")) >= MIN_ZONES)


@rule(
    "TG-RES-AGW-CAPACITY",
    Level.ERROR,
    "Application Gateway can scale below 2 instances: a single instance is a single point of failure (G-2).",
    "Set autoscale_configuration.min_capacity to at least 2 (the design says 3).",
    ("azurerm_application_gateway",),
    psrule=("Azure.AppGw.MinInstance",),
)
def app_gateway_capacity(resource: Resource, template: Template, context: RuleContext) -> Status:
    autoscale = resource.block("autoscale_configuration")
    capacity = autoscale.get("min_capacity") if autoscale else resource.block("sku").get("capacity")
    return verdict(isinstance(capacity, int) and capacity >= MIN_GATEWAY_CAPACITY)


@rule(
    "TG-RES-PUBLIC-IP-ZONES",
    Level.ERROR,
    "Public IP is not zone-redundant: a zone failure takes the address down with it (G-2).",
    "Use sku 'Standard' with zones ['1', '2', '3'].",
    ("azurerm_public_ip",),
)
def public_ip_zones(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.get("sku", "Standard") == "Standard" and _zones(resource.get("zones")) >= MIN_ZONES)


@rule(
    "TG-RES-POSTGRES-HA",
    Level.ERROR,
    "PostgreSQL Flexible Server has no zone-redundant high availability (P-2).",
    "Set high_availability { mode = 'ZoneRedundant' } with a standby_availability_zone other than the zone.",
    ("azurerm_postgresql_flexible_server",),
    aprl=("ca87914f-aac4-4783-ab67-82a6f936f194",),
    psrule=("Azure.PostgreSQL.ZoneRedundantHA",),
)
def postgres_ha(resource: Resource, template: Template, context: RuleContext) -> Status:
    if resource.get("create_mode") == "Replica":
        return Status.NOT_APPLICABLE  # replicas take no HA; their primary does
    ha = resource.block("high_availability")
    standby = ha.get("standby_availability_zone")
    return verdict(ha.get("mode") == "ZoneRedundant" and (standby is None or standby != resource.get("zone")))


@rule(
    "TG-RES-POSTGRES-GEO-BACKUP",
    Level.ERROR,
    "PostgreSQL Flexible Server backups are not geo-redundant: a region loss loses them (P-3, T-5).",
    "Set geo_redundant_backup_enabled true (it can only be set at creation).",
    ("azurerm_postgresql_flexible_server",),
    aprl=("31f4ac4b-29cb-4588-8de2-d8fe6f13ceb3",),
    psrule=("Azure.PostgreSQL.GeoRedundantBackup",),
)
def postgres_geo_backup(resource: Resource, template: Template, context: RuleContext) -> Status:
    if resource.get("create_mode") == "Replica":
        return Status.NOT_APPLICABLE
    return verdict(resource.get("geo_redundant_backup_enabled") is True)


@rule(
    "TG-RES-REDIS-ZONES",
    Level.ERROR,
    "Redis is not Premium across at least 2 availability zones (P-6).",
    "Use sku_name 'Premium' with zones ['1', '2', '3'].",
    ("azurerm_redis_cache",),
    aprl=("5a44bd30-ae6a-4b81-9b68-dc3a8ffca4d8",),
    psrule=("Azure.Redis.AvailabilityZone",),
)
def redis_zones(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.get("sku_name") == "Premium" and _zones(resource.get("zones")) >= MIN_ZONES)


@rule(
    "TG-RES-STORAGE-REDUNDANCY",
    Level.ERROR,
    "Storage account keeps its data in one zone (LRS/GRS): a zone failure makes it unavailable (P-9).",
    "Set account_replication_type 'ZRS', 'GZRS' or 'RAGZRS'.",
    ("azurerm_storage_account",),
)
def storage_redundancy(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.get("account_replication_type") in ZONE_REDUNDANT_STORAGE)


# --- AKS (APRL Microsoft.ContainerService/managedClusters) ------------------------------------------


def _aks_pools(template: Template) -> Iterator[tuple[Resource, Mapping[str, Any]]]:
    """Every pool of the document with the resource carrying it."""
    for resource in template.of_type(*AKS_POOLS):
        yield resource, _pool(resource)


@rule(
    "TG-RES-AKS-USER-NODES",
    Level.ERROR,
    "AKS user node pool can run on fewer than 2 nodes: one node failure stops its applications.",
    "Set the pool's min_count (or node_count without autoscaling) to at least 2.",
    ("azurerm_kubernetes_cluster_node_pool",),
    aprl=("005ccbbd-aeab-46ef-80bd-9bd4479412ec",),
    psrule=("Azure.AKS.MinUserPoolNodes",),
)
def aks_user_nodes(resource: Resource, template: Template, context: RuleContext) -> Status:
    if resource.get("mode", "User") != "User":
        return Status.NOT_APPLICABLE
    count = resource.get("min_count") if resource.get("auto_scaling_enabled") else resource.get("node_count")
    return verdict(isinstance(count, int) and count >= MIN_USER_NODES)


@rule(
    "TG-RES-AKS-SYSTEM-ISOLATION",
    Level.ERROR,
    "AKS system pool also schedules application pods, which can starve the cluster's add-ons.",
    "Set default_node_pool.only_critical_addons_enabled (the CriticalAddonsOnly taint) and run "
    "applications on user pools.",
    ("azurerm_kubernetes_cluster",),
    aprl=("5ee083cd-6ac3-4a83-8913-9549dd36cf56",),
)
def aks_system_isolation(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(_pool(resource).get("only_critical_addons_enabled") is True)


@rule(
    "TG-RES-AKS-LOCAL-ACCOUNTS",
    Level.ERROR,
    "AKS keeps its local (non-auditable) Kubernetes accounts.",
    "Set local_account_disabled with Entra ID integration (azure_active_directory_role_based_access_control).",
    ("azurerm_kubernetes_cluster",),
    aprl=("ca324d71-54b0-4a3e-b9e4-10e767daa9fc",),
    psrule=("Azure.AKS.LocalAccounts",),
)
def aks_local_accounts(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.get("local_account_disabled") is True)


@rule(
    "TG-RES-AKS-CNI",
    Level.ERROR,
    "AKS does not use Azure CNI with dynamic pod IP allocation (a pod subnet) or CNI Overlay.",
    "Set network_profile.network_plugin 'azure' with a pod_subnet_id on every pool, or network_plugin_mode 'overlay'.",
    ("azurerm_kubernetes_cluster",),
    aprl=("c22db132-399b-4e7c-995d-577a60881be8",),
    psrule=("Azure.AKS.AzureCNI",),
)
def aks_cni(resource: Resource, template: Template, context: RuleContext) -> Status:
    profile = resource.block("network_profile")
    if profile.get("network_plugin") != "azure":
        return Status.NON_COMPLIANT
    return verdict(profile.get("network_plugin_mode") == "overlay" or bool(_pool(resource).get("pod_subnet_id")))


@rule(
    "TG-RES-AKS-BACKUP",
    Level.WARNING,
    "AKS cluster has no Azure Backup instance (backup extension and vault) for its state and volumes.",
    "Add an azurerm_data_protection_backup_instance_kubernetes_cluster for the cluster (with the "
    "microsoft.dataprotection.kubernetes extension), or suppress with why the cluster holds no state.",
    ("azurerm_kubernetes_cluster",),
    aprl=("269a9f1a-6675-460a-831e-b05a887a8c4b",),
)
def aks_backup(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(bool(template.referrers(resource, AKS_BACKUP_INSTANCE)))


@rule(
    "TG-RES-AKS-MONITORING",
    Level.ERROR,
    "AKS sends no Container Insights data (oms_agent) to a Log Analytics workspace.",
    "Set oms_agent.log_analytics_workspace_id (with msi_auth_for_monitoring_enabled).",
    ("azurerm_kubernetes_cluster",),
    aprl=("dcaf8128-94bd-4d53-9235-3a0371df6b74",),
    psrule=("Azure.AKS.ContainerInsights",),
)
def aks_monitoring(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(bool(resource.block("oms_agent").get("log_analytics_workspace_id")))


@rule(
    "TG-RES-AKS-EPHEMERAL-OS",
    Level.ERROR,
    "AKS node pool uses managed OS disks: slower reimaging, scaling and upgrades than ephemeral ones.",
    "Set os_disk_type 'Ephemeral' with os_disk_size_gb within the VM size's cache or temp disk.",
    AKS_POOLS,
    aprl=("a7bfcc18-b0d8-4d37-81f3-8131ed8bead5",),
    psrule=("Azure.AKS.EphemeralOSDisk",),
)
def aks_ephemeral_os(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(_pool(resource).get("os_disk_type") == "Ephemeral")


@rule(
    "TG-RES-AKS-AZURE-POLICY",
    Level.ERROR,
    "AKS runs without the Azure Policy add-on, so no policy is enforced in the cluster.",
    "Set azure_policy_enabled.",
    ("azurerm_kubernetes_cluster",),
    aprl=("26ebaf1f-c70d-4ebd-8641-4b60a0ce0094",),
    psrule=("Azure.AKS.AzurePolicyAddOn",),
)
def aks_azure_policy(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.get("azure_policy_enabled") is True)


@rule(
    "TG-RES-AKS-VIRTUAL-NODES",
    Level.WARNING,
    "AKS has no virtual nodes (ACI) for burst capacity while the autoscaler adds nodes.",
    "Add aci_connector_linux with a delegated subnet, or suppress with where burst capacity comes from.",
    ("azurerm_kubernetes_cluster",),
    aprl=("b4639ca7-6308-429a-8b98-92f0bf9bf813",),
)
def aks_virtual_nodes(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(bool(resource.block("aci_connector_linux").get("subnet_name")))


@rule(
    "TG-RES-AKS-AZURE-LINUX",
    Level.WARNING,
    "AKS Linux node pool does not run Azure Linux.",
    "Set os_sku 'AzureLinux' (changing it replaces the pool's nodes).",
    AKS_POOLS,
    aprl=("f46b0d1d-56ef-4795-b98a-f6ee00cb341a",),
)
def aks_azure_linux(resource: Resource, template: Template, context: RuleContext) -> Status:
    pool = _pool(resource)
    if pool.get("os_type", "Linux") != "Linux":
        return Status.NOT_APPLICABLE
    return verdict(pool.get("os_sku") == "AzureLinux")


def _pool_max_nodes(pool: Mapping[str, Any]) -> int | None:
    """Nodes a pool can reach during an upgrade at its maximum: max (or fixed) count plus surge."""
    count = pool.get("max_count") if pool.get("auto_scaling_enabled") else pool.get("node_count")
    if not isinstance(count, int):
        return None
    surge = pool.get("upgrade_settings", {}) if isinstance(pool.get("upgrade_settings"), Mapping) else {}
    value = str(surge.get("max_surge", DEFAULT_MAX_SURGE_NODES))
    extra = math.ceil(count * float(value[:-1]) / 100) if value.endswith("%") else int(value)
    return count + extra


def _usable_addresses(subnet: Resource) -> int | None:
    prefixes = subnet.get("address_prefixes")
    if not isinstance(prefixes, list) or not prefixes or not isinstance(prefixes[0], str) or "${" in prefixes[0]:
        return None
    return ipaddress.ip_network(prefixes[0], strict=False).num_addresses - AZURE_SUBNET_RESERVED


def subnet_demand(subnet: Resource, template: Template) -> int:
    """Addresses the AKS pools of ``template`` can take in ``subnet`` at their maximum: a node each in
    its node subnet, ``max_pods`` per node in its pod subnet (or in the node subnet with flat Azure CNI)."""
    demand = 0
    for resource, pool in _aks_pools(template):
        nodes = _pool_max_nodes(pool)
        cluster = _cluster(resource, template)
        if nodes is None or cluster is None:
            continue
        profile = cluster.block("network_profile")
        flat = profile.get("network_plugin") == "azure" and profile.get("network_plugin_mode") != "overlay"
        pods = nodes * int(pool.get("max_pods", 30)) if flat else 0
        if template.refers_to(pool.get("vnet_subnet_id"), subnet):
            demand += nodes + (0 if pool.get("pod_subnet_id") else pods)
        if template.refers_to(pool.get("pod_subnet_id"), subnet):
            demand += pods
    return demand


@rule(
    "TG-RES-AKS-SUBNET-SIZE",
    Level.ERROR,
    "A subnet is too small for the AKS nodes or pods its pools can reach at max count plus upgrade surge.",
    "Widen the subnet, or lower the pools' max_count / max_pods / max_surge.",
    ("azurerm_subnet",),
    aprl=("e620fa98-7a40-41a0-bfc9-b4407297fb58",),
    psrule=("Azure.AKS.CNISubnetSize",),
)
def aks_subnet_size(resource: Resource, template: Template, context: RuleContext) -> Status:
    demand = subnet_demand(resource, template)
    usable = _usable_addresses(resource)
    if demand == 0 or usable is None:
        return Status.NOT_APPLICABLE
    return verdict(demand <= usable)


# --- Front Door (APRL Microsoft.Cdn/profiles) -------------------------------------------------------


@rule(
    "TG-RES-AFD-CLASSIC",
    Level.ERROR,
    "Classic Azure Front Door (azurerm_frontdoor) is retired on 31 March 2027.",
    "Use an azurerm_cdn_frontdoor_profile (Standard or Premium) with its endpoints, origin groups and routes.",
    ("azurerm_frontdoor", "azurerm_cdn_frontdoor_profile"),
    aprl=("82fa3cff-74bd-4063-b726-834f160592fa",),
)
def front_door_classic(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.type == "azurerm_cdn_frontdoor_profile")


@rule(
    "TG-RES-AFD-TRAFFIC-MANAGER",
    Level.ERROR,
    "A Traffic Manager endpoint points at a Front Door endpoint: two global load balancers in series.",
    "Use Front Door's origin groups (priority, weight) for failover and drop the Traffic Manager profile.",
    ("azurerm_cdn_frontdoor_endpoint",),
    aprl=("9437634c-d69e-2747-b13e-631c13182150",),
)
def front_door_traffic_manager(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(not template.referrers(resource, *TRAFFIC_MANAGER_ENDPOINTS))


def _waf_locks_to_profile(policy: Resource, profile_guid_refs: list[Resource], template: Template) -> bool:
    """Whether ``policy`` blocks requests whose ``X-Azure-FDID`` is not one of the profiles' GUID."""
    for custom in policy.blocks("custom_rules"):
        if custom.get("action") != "Block" or custom.get("enabled") is False:
            continue
        for condition in custom.get("match_conditions", []):
            headers = [
                v
                for v in condition.get("match_variables", [])
                if v.get("variable_name") == "RequestHeaders" and v.get("selector") == FRONT_DOOR_ID_HEADER
            ]
            values = condition.get("match_values", [])
            if (
                headers
                and condition.get("negation_condition") is True
                and any(template.refers_to(v, p) for v in values for p in profile_guid_refs)
            ):
                return True
    return False


def _origin_profile(origin: Resource, template: Template) -> Resource | None:
    group = template.target(origin.get("cdn_frontdoor_origin_group_id"))
    return template.target(group.get("cdn_frontdoor_profile_id")) if group else None


@rule(
    "TG-RES-AFD-ORIGIN-LOCKDOWN",
    Level.ERROR,
    "A Front Door origin accepts traffic that bypasses Front Door: neither Private Link nor a WAF rule "
    "on the origin gateway blocking other X-Azure-FDID values.",
    "Use a Private Link origin (Premium), or give the origin Application Gateway's WAF policy a Block "
    "custom rule on RequestHeaders X-Azure-FDID not equal to the profile's resource_guid.",
    ("azurerm_cdn_frontdoor_origin",),
    aprl=("6c40b7ae-2bea-5748-be1a-9e9e3b834649",),
)
def front_door_origin_lockdown(resource: Resource, template: Template, context: RuleContext) -> Status:
    if resource.block("private_link"):
        return Status.COMPLIANT
    address = template.target(resource.get("host_name"))
    profile = _origin_profile(resource, template)
    if address is None or address.type != "azurerm_public_ip" or profile is None:
        return Status.NOT_APPLICABLE  # an origin outside this document: nothing to decide here
    gateways = [
        g
        for g in template.of_type("azurerm_application_gateway")
        if any(
            template.refers_to(f.get("public_ip_address_id"), address) for f in g.blocks("frontend_ip_configuration")
        )
    ]
    if not gateways:
        return Status.NOT_APPLICABLE
    policies = [template.target(g.get("firewall_policy_id")) for g in gateways]
    return verdict(all(p is not None and _waf_locks_to_profile(p, [profile], template) for p in policies))


@rule(
    "TG-RES-AFD-PRIVATE-LINK",
    Level.WARNING,
    "A Front Door origin is reached over the internet rather than Private Link.",
    "Use a Premium profile and a private_link block on the origin, or suppress with how the origin is "
    "locked to Front Door (TG-RES-AFD-ORIGIN-LOCKDOWN).",
    ("azurerm_cdn_frontdoor_origin",),
    aprl=("1cfe7834-56ec-ff41-b11d-993734705dba",),
)
def front_door_private_link(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(bool(resource.block("private_link")))


@rule(
    "TG-RES-AFD-HTTPS-ORIGIN",
    Level.ERROR,
    "A Front Door route forwards to its origin over HTTP: no TLS between the PoP and the origin.",
    "Set forwarding_protocol 'HttpsOnly' and serve a certificate on the origin.",
    ("azurerm_cdn_frontdoor_route",),
    aprl=("d9bd6780-0d6f-cd4c-bc66-8ddcab12f3d1",),
)
def front_door_https_origin(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.get("forwarding_protocol") == "HttpsOnly")


@rule(
    "TG-RES-AFD-HTTPS-REDIRECT",
    Level.ERROR,
    "A Front Door route accepts HTTP without redirecting it to HTTPS.",
    "Leave https_redirect_enabled true (the provider default) on routes whose supported_protocols include 'Http'.",
    ("azurerm_cdn_frontdoor_route",),
    aprl=("24ab9f11-a3e4-3043-a985-22cf94c4933a",),
)
def front_door_https_redirect(resource: Resource, template: Template, context: RuleContext) -> Status:
    if "Http" not in resource.get("supported_protocols", []):
        return Status.COMPLIANT
    return verdict(resource.get("https_redirect_enabled", True) is True)


@rule(
    "TG-RES-AFD-MANAGED-CERT",
    Level.ERROR,
    "A Front Door custom domain uses a customer certificate that someone must remember to renew.",
    "Set tls.certificate_type 'ManagedCertificate' (Front Door issues and rotates it).",
    ("azurerm_cdn_frontdoor_custom_domain",),
    aprl=("29d65c41-2fad-d142-95eb-9eab95f6c0a5",),
)
def front_door_managed_cert(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.block("tls").get("certificate_type", "ManagedCertificate") == "ManagedCertificate")


@rule(
    "TG-RES-AFD-CERT-LATEST",
    Level.ERROR,
    "A Front Door secret pins one version of its Key Vault certificate: renewals need a redeploy.",
    "Point key_vault_certificate_id at the certificate's versionless_id.",
    ("azurerm_cdn_frontdoor_secret",),
    aprl=("4638c2c0-03de-6d42-9e09-82ee4478cbf3",),
)
def front_door_cert_latest(resource: Resource, template: Template, context: RuleContext) -> Status:
    certificate = resource.block("secret").get("customer_certificate")
    value = (certificate[0] if isinstance(certificate, list) and certificate else certificate or {}).get(
        "key_vault_certificate_id"
    )
    if not isinstance(value, str):
        return Status.NOT_APPLICABLE
    if "${" in value:
        return verdict(".versionless_id}" in value)
    return verdict(value.rstrip("/").split("/")[-2] == "certificates")  # .../certificates/<name>, no version


@rule(
    "TG-RES-AFD-HOST-NAME",
    Level.ERROR,
    "A Front Door origin gets another host name than the custom domain the client used.",
    "Leave origin_host_header unset (Front Door forwards the client's host) or set it to the custom domain.",
    ("azurerm_cdn_frontdoor_origin",),
    aprl=("cd6a32af-747a-e649-82a7-a98f528ca842",),
)
def front_door_host_name(resource: Resource, template: Template, context: RuleContext) -> Status:
    profile = _origin_profile(resource, template)
    domains = template.referrers(profile, "azurerm_cdn_frontdoor_custom_domain") if profile else []
    if not domains:
        return Status.NOT_APPLICABLE  # only the *.azurefd.net name: it cannot be the origin's
    header = resource.get("origin_host_header")
    return verdict(header is None or header in {d.get("host_name") for d in domains})


def _origin_groups(template: Template, group: Resource) -> int:
    return len(template.referrers(group, "azurerm_cdn_frontdoor_origin"))


@rule(
    "TG-RES-AFD-SINGLE-ORIGIN-PROBE",
    Level.WARNING,
    "A Front Door origin group with a single origin probes it: Front Door routes there either way.",
    "Drop the group's health_probe while it has one origin, or suppress with what the probe is for.",
    ("azurerm_cdn_frontdoor_origin_group",),
    aprl=("38f3d542-6de6-a44b-86c6-97e3be690281",),
)
def front_door_single_origin_probe(resource: Resource, template: Template, context: RuleContext) -> Status:
    if _origin_groups(template, resource) != 1:
        return Status.NOT_APPLICABLE
    return verdict(not resource.block("health_probe"))


@rule(
    "TG-RES-AFD-PROBE-HEAD",
    Level.ERROR,
    "A Front Door health probe uses GET, which loads the origin more than HEAD.",
    "Set health_probe.request_type 'HEAD'.",
    ("azurerm_cdn_frontdoor_origin_group",),
    aprl=("5783defe-b49e-d947-84f7-d8677593f324",),
    psrule=("Azure.FrontDoor.ProbeMethod",),
)
def front_door_probe_head(resource: Resource, template: Template, context: RuleContext) -> Status:
    probe = resource.block("health_probe")
    if not probe:
        return Status.NOT_APPLICABLE
    return verdict(probe.get("request_type", "HEAD") == "HEAD")


def _geo_match(policy: Resource) -> bool:
    return any(
        condition.get("operator") == "GeoMatch"
        for key in ("custom_rule", "custom_rules")
        for custom in policy.blocks(key)
        for condition in custom.get("match_condition", custom.get("match_conditions", []))
    )


@rule(
    "TG-RES-AFD-GEO-FILTER",
    Level.WARNING,
    "No WAF policy in front of the Front Door profile filters by country (GeoMatch).",
    "Add a GeoMatch custom rule to the Front Door or gateway WAF policy, or suppress with why every country is served.",
    ("azurerm_cdn_frontdoor_profile",),
    aprl=("b515690d-3bf9-3a49-8d38-188e0fd45896",),
)
def front_door_geo_filter(resource: Resource, template: Template, context: RuleContext) -> Status:
    policies = template.of_type("azurerm_cdn_frontdoor_firewall_policy", "azurerm_web_application_firewall_policy")
    return verdict(any(_geo_match(p) for p in policies))


# --- Container Registry (APRL Microsoft.ContainerRegistry/registries) -------------------------------


@rule(
    "TG-RES-ACR-PREMIUM",
    Level.ERROR,
    "Container registry is not Premium: no geo-replication, zone redundancy or Private Link.",
    "Set sku 'Premium'.",
    ("azurerm_container_registry",),
    aprl=("eb005943-40a8-194b-9db2-474d430046b7",),
)
def registry_premium(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.get("sku") == "Premium")


@rule(
    "TG-RES-ACR-ZONES",
    Level.ERROR,
    "Container registry (or a replica) in a region with availability zones is not zone-redundant.",
    "Set zone_redundancy_enabled on the registry and on every georeplications entry in a zonal region.",
    ("azurerm_container_registry",),
    aprl=("63491f70-22e4-3b4a-8b0c-845450e46fac",),
)
def registry_zones(resource: Resource, template: Template, context: RuleContext) -> Status:
    if resource.get("sku") != "Premium":
        return Status.NOT_APPLICABLE  # zone redundancy is Premium-only: TG-RES-ACR-PREMIUM says so
    places = [resource.body, *resource.blocks("georeplications")]
    zonal = [p for p in places if p.get("location") in context.zonal_regions]
    if not zonal:
        return Status.NOT_APPLICABLE
    return verdict(all(p.get("zone_redundancy_enabled") is True for p in zonal))


@rule(
    "TG-RES-ACR-GEO-REPLICA",
    Level.ERROR,
    "Container registry has no geo-replica: a region loss stops every image pull.",
    "Add a georeplications entry in a second region (Premium).",
    ("azurerm_container_registry",),
    aprl=("36ea6c09-ef6e-d743-9cfb-bd0c928a430b",),
    psrule=("Azure.ACR.GeoReplica",),
)
def registry_geo_replica(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(bool(resource.blocks("georeplications")))


@rule(
    "TG-RES-ACR-DEDICATED-RG",
    Level.WARNING,
    "Container registry shares its resource group with container hosts: deleting them can delete its images.",
    "Put the registry in a resource group of its own, or suppress with why its images live and die with those hosts.",
    ("azurerm_container_registry",),
    aprl=("8e389532-5db5-7e4c-9d4d-443b3e55ae82",),
)
def registry_dedicated_group(resource: Resource, template: Template, context: RuleContext) -> Status:
    group = resource.get("resource_group_name")
    return verdict(not any(h.get("resource_group_name") == group for h in template.of_type(*CONTAINER_HOSTS)))


@rule(
    "TG-RES-ACR-RETENTION",
    Level.ERROR,
    "Premium container registry keeps untagged manifests forever: it grows until it hits its limit.",
    "Set retention_policy_in_days (untagged manifests are deleted after that many days).",
    ("azurerm_container_registry",),
    aprl=("3ef86f16-f65b-c645-9901-7830d6dc3a1b",),
    psrule=("Azure.ACR.Retention",),
)
def registry_retention(resource: Resource, template: Template, context: RuleContext) -> Status:
    if resource.get("sku") != "Premium":
        return Status.NOT_APPLICABLE  # the retention policy is Premium-only
    days = resource.get("retention_policy_in_days")
    return verdict(isinstance(days, int) and days > 0)


@rule(
    "TG-RES-ACR-ANONYMOUS-PULL",
    Level.ERROR,
    "Container registry allows anonymous pulls: every repository is readable without authentication.",
    "Leave anonymous_pull_enabled false.",
    ("azurerm_container_registry",),
    aprl=("03f4a7d8-c5b4-7842-8e6e-14997a34842b",),
    psrule=("Azure.ACR.AnonymousAccess",),
)
def registry_anonymous_pull(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.get("anonymous_pull_enabled") is not True)


# --- Application Gateway (APRL Microsoft.Network/applicationGateways) -------------------------------


@rule(
    "TG-RES-AGW-AUTOSCALE",
    Level.ERROR,
    "Application Gateway has a fixed instance count: load beyond it needs someone to scale it.",
    "Set autoscale_configuration (min_capacity, max_capacity) instead of sku.capacity.",
    ("azurerm_application_gateway",),
    aprl=("823b0cff-05c0-2e4e-a1e7-9965e1cfa16f",),
)
def app_gateway_autoscale(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(bool(resource.block("autoscale_configuration")))


@rule(
    "TG-RES-AGW-V2",
    Level.ERROR,
    "Application Gateway is a v1 SKU (retired 28 April 2026): no autoscaling, zones or Key Vault certificates.",
    "Use sku name and tier 'Standard_v2' or 'WAF_v2'.",
    ("azurerm_application_gateway",),
    aprl=("7893f0b3-8622-1d47-beed-4b50a19f7895",),
    psrule=("Azure.AppGw.MigrateV2",),
)
def app_gateway_v2(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.block("sku").get("tier") in ("Standard_v2", "WAF_v2"))


@rule(
    "TG-RES-AGW-PROBES",
    Level.ERROR,
    "An Application Gateway backend setting has no custom health probe.",
    "Give every backend_http_settings a probe_name naming one of the gateway's probe blocks.",
    ("azurerm_application_gateway",),
    aprl=("847a8d88-21c4-bc48-a94e-562206edd767",),
)
def app_gateway_probes(resource: Resource, template: Template, context: RuleContext) -> Status:
    probes = {p.get("name") for p in resource.blocks("probe")}
    settings = resource.blocks("backend_http_settings")
    return verdict(bool(settings) and all(s.get("probe_name") in probes for s in settings))


def _ignored(resource: Resource, attribute: str) -> bool:
    return attribute in resource.block("lifecycle").get("ignore_changes", [])


@rule(
    "TG-RES-AGW-DRAINING",
    Level.ERROR,
    "An Application Gateway backend setting drops connections when a backend leaves the pool.",
    "Set connection_draining { enabled = true, drain_timeout_sec = ... } on every backend_http_settings "
    "(with AGIC, the Ingress annotation appgw.ingress.kubernetes.io/connection-draining).",
    ("azurerm_application_gateway",),
    aprl=("10f02bc6-e2e7-004d-a2c2-f9bf9f16b915",),
)
def app_gateway_draining(resource: Resource, template: Template, context: RuleContext) -> Status:
    if _ignored(resource, "backend_http_settings"):
        return Status.NOT_APPLICABLE  # AGIC owns the settings: the workload pack checks its Ingress
    settings = resource.blocks("backend_http_settings")
    return verdict(all(_first(s.get("connection_draining")).get("enabled") is True for s in settings))


def _first(value: Any) -> Mapping[str, Any]:
    if isinstance(value, list):
        return value[0] if value else {}
    return value if isinstance(value, Mapping) else {}


@rule(
    "TG-RES-AGW-SUBNET-SIZE",
    Level.ERROR,
    "Application Gateway's subnet is smaller than /24: no room to autoscale to 125 instances and upgrade.",
    "Give the gateway a /24 (or larger) subnet of its own.",
    ("azurerm_application_gateway",),
    aprl=("8364fd0a-7c0e-e240-9d95-4bf965aec243",),
)
def app_gateway_subnet_size(resource: Resource, template: Template, context: RuleContext) -> Status:
    subnet = template.target(resource.block("gateway_ip_configuration").get("subnet_id"))
    prefixes = subnet.get("address_prefixes") if subnet else None
    if not isinstance(prefixes, list) or not prefixes or "${" in str(prefixes[0]):
        return Status.NOT_APPLICABLE
    return verdict(ipaddress.ip_network(prefixes[0], strict=False).prefixlen <= MAX_GATEWAY_SUBNET_PREFIX)


# --- PostgreSQL flexible server (APRL Microsoft.DBforPostgreSQL/flexibleServers) --------------------


def _primary(resource: Resource) -> bool:
    return resource.get("create_mode") != "Replica"


@rule(
    "TG-RES-POSTGRES-MAINTENANCE",
    Level.ERROR,
    "PostgreSQL Flexible Server takes updates at a time Azure picks (no custom maintenance window).",
    "Set maintenance_window { day_of_week, start_hour, start_minute } in the quiet hours.",
    ("azurerm_postgresql_flexible_server",),
    aprl=("b2bad57d-7e03-4c0f-9024-597c9eb295bb",),
    psrule=("Azure.PostgreSQL.MaintenanceWindow",),
)
def postgres_maintenance(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(bool(resource.block("maintenance_window")))


@rule(
    "TG-RES-POSTGRES-READ-REPLICA",
    Level.ERROR,
    "PostgreSQL Flexible Server has no read replica to promote after a disaster.",
    "Add a server with create_mode 'Replica' and source_server_id pointing at it (in the paired region).",
    ("azurerm_postgresql_flexible_server",),
    aprl=("2ab85a67-26be-4ed2-a0bb-101b2513ec63",),
)
def postgres_read_replica(resource: Resource, template: Template, context: RuleContext) -> Status:
    if not _primary(resource):
        return Status.NOT_APPLICABLE
    replicas = template.referrers(resource, "azurerm_postgresql_flexible_server")
    return verdict(any(r.get("create_mode") == "Replica" for r in replicas))


@rule(
    "TG-RES-POSTGRES-AUTO-GROW",
    Level.WARNING,
    "PostgreSQL Flexible Server storage does not grow on its own: a full disk makes the server read-only.",
    "Set auto_grow_enabled, or suppress with how storage growth is handled.",
    ("azurerm_postgresql_flexible_server",),
    aprl=("6293a3cc-6b4a-4c0f-9ea7-b8ae8d7dd3d5",),
)
def postgres_auto_grow(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.get("auto_grow_enabled") is True)


# --- Key Vault, Redis (APRL Microsoft.KeyVault/vaults, Microsoft.Cache/Redis) -----------------------


@rule(
    "TG-RES-KV-PURGE-PROTECTION",
    Level.ERROR,
    "Key Vault has no purge protection: a deleted vault or key can be purged before its retention ends.",
    "Set purge_protection_enabled (it cannot be turned off again).",
    ("azurerm_key_vault",),
    aprl=("70fcfe6d-00e9-5544-a63a-fff42b9f2edb",),
    psrule=("Azure.KeyVault.PurgeProtect",),
)
def key_vault_purge_protection(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.get("purge_protection_enabled") is True)


@rule(
    "TG-RES-PRIVATE-ENDPOINT",
    Level.ERROR,
    "Key Vault or Redis has no private endpoint: clients reach it over its public endpoint.",
    "Add an azurerm_private_endpoint whose private_service_connection points at it (with its private DNS zone).",
    ("azurerm_key_vault", "azurerm_redis_cache"),
    aprl=("00c3d2b0-ea6e-4c4b-89be-b78a35caeb51", "c474fc96-4e6a-4fb0-95d0-a26b3f35933c"),
)
def private_endpoint(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(
        any(
            template.refers_to(
                _first(e.get("private_service_connection")).get("private_connection_resource_id"), resource
            )
            for e in template.referrers(resource, "azurerm_private_endpoint")
        )
    )


@rule(
    "TG-RES-REDIS-MAINTENANCE",
    Level.ERROR,
    "Redis takes updates at a time Azure picks (no patch schedule).",
    "Set patch_schedule { day_of_week, start_hour_utc, maintenance_window } in the quiet hours.",
    ("azurerm_redis_cache",),
    aprl=("cabc1f98-c8a7-44f7-ab24-977982ef3f70",),
)
def redis_maintenance(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(bool(resource.blocks("patch_schedule")))


# --- Service Bus (APRL Microsoft.ServiceBus/namespaces) ---------------------------------------------


@rule(
    "TG-RES-SERVICEBUS-ZONES",
    Level.ERROR,
    "Service Bus namespace in a region with availability zones is not Premium (zone redundancy is Premium-only).",
    "Use sku 'Premium' (zone-redundant in zonal regions).",
    ("azurerm_servicebus_namespace",),
    aprl=("20057905-262c-49fe-a9be-49f423afb359",),
)
def servicebus_zones(resource: Resource, template: Template, context: RuleContext) -> Status:
    if resource.get("location") not in context.zonal_regions:
        return Status.NOT_APPLICABLE
    return verdict(resource.get("sku") == "Premium")


@rule(
    "TG-RES-SERVICEBUS-AUTOSCALE",
    Level.WARNING,
    "Premium Service Bus namespace has a fixed number of messaging units: load beyond them throttles.",
    "Add an azurerm_monitor_autoscale_setting on the namespace's messaging units, or suppress with "
    "how its capacity is sized.",
    ("azurerm_servicebus_namespace",),
    aprl=("d810e3a8-600f-4be1-895b-1a93e61d37fd",),
)
def servicebus_autoscale(resource: Resource, template: Template, context: RuleContext) -> Status:
    if resource.get("sku") != "Premium":
        return Status.NOT_APPLICABLE  # messaging units are Premium-only
    return verdict(bool(template.referrers(resource, "azurerm_monitor_autoscale_setting")))


@rule(
    "TG-RES-SERVICEBUS-TLS",
    Level.ERROR,
    "Service Bus namespace accepts TLS below 1.2 (Azure ended TLS 1.0/1.1 on 31 October 2024).",
    "Set minimum_tls_version '1.2' (the azurerm 4.x default).",
    ("azurerm_servicebus_namespace",),
    aprl=("f075a1bd-de9e-4819-9a1d-1ac41037a74f",),
    psrule=("Azure.ServiceBus.MinTLS",),
)
def servicebus_tls(resource: Resource, template: Template, context: RuleContext) -> Status:
    return verdict(resource.get("minimum_tls_version", "1.2") == "1.2")


RESILIENCY_PACK = Pack(
    "ResiliencyPack",
    (
        aks_pool_zones,
        aks_autoscaler,
        aks_system_nodes,
        aks_user_nodes,
        aks_tier,
        aks_system_isolation,
        aks_local_accounts,
        aks_cni,
        aks_backup,
        aks_monitoring,
        aks_ephemeral_os,
        aks_azure_policy,
        aks_virtual_nodes,
        aks_azure_linux,
        aks_subnet_size,
        front_door_classic,
        front_door_traffic_manager,
        front_door_origin_lockdown,
        front_door_private_link,
        front_door_https_origin,
        front_door_https_redirect,
        front_door_managed_cert,
        front_door_cert_latest,
        front_door_host_name,
        front_door_single_origin_probe,
        front_door_probe_head,
        front_door_geo_filter,
        registry_premium,
        registry_zones,
        registry_geo_replica,
        registry_dedicated_group,
        registry_retention,
        registry_anonymous_pull,
        app_gateway_zones,
        app_gateway_capacity,
        app_gateway_autoscale,
        app_gateway_v2,
        app_gateway_probes,
        app_gateway_draining,
        app_gateway_subnet_size,
        public_ip_zones,
        postgres_ha,
        postgres_geo_backup,
        postgres_maintenance,
        postgres_read_replica,
        postgres_auto_grow,
        key_vault_purge_protection,
        private_endpoint,
        redis_zones,
        redis_maintenance,
        servicebus_zones,
        servicebus_autoscale,
        servicebus_tls,
        storage_redundancy,
    ),
)
