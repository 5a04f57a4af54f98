"""Findings of the APRL rules that every TripGen environment accepts, each with its reason: design
choices, not defects (docs/guardrails.md, "APRL coverage"). An environment adds its own on top."""

from tripgen_constructs.rules import RuleSuppression

ACCEPTED = tuple(
    RuleSuppression(rule=rule, path=path, reason=reason)
    for path, reason, rules in (
        (
            "aks/cluster",
            "the cluster holds no state: the generated workloads mount no persistent volumes, data lives in "
            "PostgreSQL, Redis and Service Bus, and ArgoCD re-applies every object from git (R-2)",
            ("TG-RES-AKS-BACKUP",),
        ),
        (
            "aks",
            "burst capacity comes from the zone-spread application pool's autoscaler (K-4); ACI virtual "
            "nodes are not part of the design",
            ("TG-RES-AKS-VIRTUAL-NODES",),
        ),
        (
            "aks",
            "the pools run AKS's default Ubuntu image; os_sku AzureLinux replaces every node of a pool, "
            "a migration of its own rather than part of adopting the rules",
            ("TG-RES-AKS-AZURE-LINUX",),
        ),
        (
            "perimeter/front-door",
            "a Standard profile has no managed rule sets: the OWASP managed rules run on the Application "
            "Gateway WAF_v2 that is Front Door's only origin (G-3, TG-AGW-WAF)",
            ("TG-FRONTDOOR-WAF",),
        ),
        (
            "perimeter/front-door",
            "a Standard profile has no Private Link origins; the gateway admits Front Door only (NSG "
            "AzureFrontDoor.Backend and the WAF's X-Azure-FDID rule, TG-RES-AFD-ORIGIN-LOCKDOWN)",
            ("TG-RES-AFD-PRIVATE-LINK",),
        ),
        (
            "perimeter/front-door",
            "kept on purpose: the HEAD probe of the gateway's health path puts the origin's health in "
            "Front Door's health-probe logs (O-3); with one origin it costs one request per interval",
            ("TG-RES-AFD-SINGLE-ORIGIN-PROBE",),
        ),
        (
            "perimeter/front-door",
            "TripGen serves travellers wherever they are: no country is blocked",
            ("TG-RES-AFD-GEO-FILTER",),
        ),
        (
            "registry",
            "the registry holds only this environment's images and is meant to go when the environment's "
            "resource group goes",
            ("TG-RES-ACR-DEDICATED-RG",),
        ),
        (
            "data/postgres",
            "on Premium SSD autogrow doubles the disk (and its price) unattended; storage_mb is raised as a "
            "reviewed config change instead",
            ("TG-RES-POSTGRES-AUTO-GROW",),
        ),
        (
            "messaging",
            "messaging units stay at the configured capacity; changing them is a reviewed config change",
            ("TG-RES-SERVICEBUS-AUTOSCALE",),
        ),
    )
    for rule in rules
)

WORKLOADS_ACCEPTED = {
    "TG-WL-RESOURCE-QUOTA": "the services' requests at HPA max (with their sidecars) are checked against the "
    "application pool at max nodes when the config is built (workloads.capacity), and limits cap every pod",
}
"""Workload-pack findings every environment accepts (``WorkloadsProps.suppressions``)."""
