"""The Azure Proactive Resiliency Library (APRL v2) recommendations for the types we deploy, as data,
and how each is covered: by the rules carrying its GUID (``Rule.aprl``), or not checkable from the
configuration, with why. ``coverage_markdown`` renders the table of ``docs/guardrails.md``.

Source: github.com/Azure/Azure-Proactive-Resiliency-Library-v2, ``azure-resources/<type>/
recommendations.yaml`` at the commits in ``SOURCES``, read 2026-12-01. Every recommendation of those
files is listed, whatever its ``recommendationMetadataState``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .core import Pack, Rule

REPOSITORY = "https://github.com/Azure/Azure-Proactive-Resiliency-Library-v2"
SOURCES = {
    "Microsoft.ContainerService/managedClusters": "eaf6602c0c02def6362893929a52d107a1dc1270",
    "Microsoft.Cdn/profiles": "020312184617cdff3e0cb4f68529caeedf6744b8",
    "Microsoft.ContainerRegistry/registries": "07d766f2e9c655c6f766107e3116f86526bd150c",
    "Microsoft.Network/applicationGateways": "02f6ebfb1328082446ca8380974acafc4bf5281f",
    "Microsoft.DBforPostgreSQL/flexibleServers": "0c51ce0e449dc4d7e34c6aa1afe7dcba99e39119",
    "Microsoft.KeyVault/vaults": "02f6ebfb1328082446ca8380974acafc4bf5281f",
    "Microsoft.Cache/Redis": "02f6ebfb1328082446ca8380974acafc4bf5281f",
    "Microsoft.ServiceBus/namespaces": "2662e16005279cf088cad9afaaca1c0fb66a5315",
}
"""ARM type → the APRL commit its recommendations were read at."""


@dataclass(frozen=True)
class Recommendation:
    guid: str
    type: str
    """ARM resource type, as APRL's ``recommendationResourceType``."""
    title: str
    not_checkable: str = ""
    """Why the configuration cannot decide it; empty for a recommendation a rule decides."""


AKS, AFD, ACR, AGW = (
    "Microsoft.ContainerService/managedClusters",
    "Microsoft.Cdn/profiles",
    "Microsoft.ContainerRegistry/registries",
    "Microsoft.Network/applicationGateways",
)
PG, KV, REDIS, SB = (
    "Microsoft.DBforPostgreSQL/flexibleServers",
    "Microsoft.KeyVault/vaults",
    "Microsoft.Cache/Redis",
    "Microsoft.ServiceBus/namespaces",
)
_NO_VOLUMES = (
    "PersistentVolumes and their classes are created at run time, not in the Terraform JSON, and the "
    "manifests we generate claim no volumes (stateless services)"
)

APRL: tuple[Recommendation, ...] = (
    Recommendation("4f63619f-5001-439c-bacb-8de891287727", AKS, "Deploy AKS cluster across availability zones"),
    Recommendation("5ee083cd-6ac3-4a83-8913-9549dd36cf56", AKS, "Isolate system and application pods"),
    Recommendation("ca324d71-54b0-4a3e-b9e4-10e767daa9fc", AKS, "Disable local accounts"),
    Recommendation(
        "c22db132-399b-4e7c-995d-577a60881be8", AKS, "Configure Azure CNI networking for dynamic allocation of IPs"
    ),
    Recommendation("902c82ff-4910-4b61-942d-0d6ef7f39b67", AKS, "Enable the cluster auto-scaler"),
    Recommendation("269a9f1a-6675-460a-831e-b05a887a8c4b", AKS, "Back up Azure Kubernetes Service"),
    Recommendation(
        "d3111036-355d-431b-ab49-8ddad042800b",
        AKS,
        "Use zone-redundant storage for persistent volumes when running multi-zone AKS",
        _NO_VOLUMES,
    ),
    Recommendation(
        "b002c030-72e6-4a37-8217-1cb276c43169",
        AKS,
        "Upgrade Persistent Volumes using in-tree drivers to Azure CSI drivers",
        _NO_VOLUMES,
    ),
    Recommendation("9a1c17e5-c9a0-43db-b920-adaf54d1bcb7", AKS, "Implement Resource Quota (workload level)"),
    Recommendation("b4639ca7-6308-429a-8b98-92f0bf9bf813", AKS, "Attach Virtual Nodes (ACI) to the AKS cluster"),
    Recommendation("0611251f-e70f-4243-8ddd-cfe894bec2e7", AKS, "Update AKS tier to Standard or Premium"),
    Recommendation("dcaf8128-94bd-4d53-9235-3a0371df6b74", AKS, "Enable AKS Monitoring"),
    Recommendation("a7bfcc18-b0d8-4d37-81f3-8131ed8bead5", AKS, "Use Ephemeral OS disks on AKS clusters"),
    Recommendation(
        "26ebaf1f-c70d-4ebd-8641-4b60a0ce0094", AKS, "Enable and remediate Azure Policies configured for AKS"
    ),
    Recommendation(
        "5f3cbd68-692a-4121-988c-9770914859a9",
        AKS,
        "Enable GitOps when using DevOps frameworks",
        "a delivery practice: ArgoCD applies cdktf.out/k8s/<env>/ from git (R-2) but is installed outside "
        "this Terraform, and nothing in the JSON says how deployments reach the cluster",
    ),
    Recommendation("928fcc6f-5e9a-42d9-9bd4-260af42de2e5", AKS, "Use pod topology spread constraints (workload level)"),
    Recommendation(
        "cd6791b1-c60e-4b37-ac98-9897b1e6f4b8", AKS, "Configure liveness, readiness and startup probes (workload level)"
    ),
    Recommendation(
        "bcfe71f1-ebed-49e5-a84a-193b81ad5d27", AKS, "Use deployments with multiple replicas (workload level)"
    ),
    Recommendation("7f7ae535-a5ba-4665-b7e0-c451dbdda01f", AKS, "Configure system nodepool count"),
    Recommendation("005ccbbd-aeab-46ef-80bd-9bd4479412ec", AKS, "Configure user nodepool count"),
    Recommendation("a08a06a0-e41a-4b99-83bb-69ce8bca54cb", AKS, "Configure pod disruption budgets (workload level)"),
    Recommendation(
        "e620fa98-7a40-41a0-bfc9-b4407297fb58",
        AKS,
        "Nodepool subnet size needs to accommodate maximum auto-scale settings",
    ),
    Recommendation(
        "a01afc4c-7439-4919-b2da-3565992ea2a7",
        AKS,
        "Node pool auto-scale settings should not exceed subscription core quota",
        "a subscription's core quota is account state behind the Azure API, not part of the configuration",
    ),
    Recommendation("f46b0d1d-56ef-4795-b98a-f6ee00cb341a", AKS, "Use Azure Linux for Linux nodepools"),
    Recommendation(
        "9200aca6-0e83-4749-a5eb-e3939367bdc2", AKS, "Deploy at least two replicas of your application (workload level)"
    ),
    Recommendation("9437634c-d69e-2747-b13e-631c13182150", AFD, "Avoid combining Traffic Manager and Front Door"),
    Recommendation("6c40b7ae-2bea-5748-be1a-9e9e3b834649", AFD, "Restrict traffic to your origins"),
    Recommendation(
        "52bc9a7b-23c8-bc4c-9d2a-7bc43b50104a",
        AFD,
        "Use the latest API version and SDK version",
        "the API version is the azurerm provider's (pinned 4.55), not written in the synthesized JSON",
    ),
    Recommendation("1ad74c3c-e3d7-0046-b83f-a2199974ef15", AFD, "Configure logs"),
    Recommendation("d9bd6780-0d6f-cd4c-bc66-8ddcab12f3d1", AFD, "Use end-to-end TLS"),
    Recommendation("24ab9f11-a3e4-3043-a985-22cf94c4933a", AFD, "Use HTTP to HTTPS redirection"),
    Recommendation("29d65c41-2fad-d142-95eb-9eab95f6c0a5", AFD, "Use managed TLS certificates"),
    Recommendation("4638c2c0-03de-6d42-9e09-82ee4478cbf3", AFD, "Use latest version for customer-managed certificates"),
    Recommendation(
        "cd6a32af-747a-e649-82a7-a98f528ca842", AFD, "Use the same domain name on Front Door and your origin"
    ),
    Recommendation("1bd2b7e8-400f-e64a-99a2-c572f7b08a62", AFD, "Enable the WAF"),
    Recommendation(
        "38f3d542-6de6-a44b-86c6-97e3be690281",
        AFD,
        "Disable health probes when there is only one origin in an origin group",
    ),
    Recommendation(
        "5225bba3-28ec-1e43-8986-7eedfd466d65",
        AFD,
        "Select good health probe endpoints",
        "whether the probed path reflects the application's dependencies is the application's behaviour; "
        "the config only refuses a path the Ingress cannot serve",
    ),
    Recommendation("5783defe-b49e-d947-84f7-d8677593f324", AFD, "Use HEAD health probes"),
    Recommendation("b515690d-3bf9-3a49-8d38-188e0fd45896", AFD, "Use geo-filtering in Azure Front Door"),
    Recommendation(
        "1cfe7834-56ec-ff41-b11d-993734705dba", AFD, "Secure your Origin with Private Link in Azure Front Door"
    ),
    Recommendation("82fa3cff-74bd-4063-b726-834f160592fa", AFD, "Avoid using Classic AFD"),
    Recommendation("eb005943-40a8-194b-9db2-474d430046b7", ACR, "Use Premium tier for critical production workloads"),
    Recommendation("63491f70-22e4-3b4a-8b0c-845450e46fac", ACR, "Enable zone redundancy"),
    Recommendation(
        "36ea6c09-ef6e-d743-9cfb-bd0c928a430b", ACR, "Create container registries with geo replication enabled"
    ),
    Recommendation(
        "a5a0101a-a240-8742-90ba-81dbde9a0c0c",
        ACR,
        "Use Repository namespaces",
        "repositories come into being with image pushes at run time; the registry resource names none",
    ),
    Recommendation(
        "8e389532-5db5-7e4c-9d4d-443b3e55ae82", ACR, "Move Container Registry to a dedicated resource group"
    ),
    Recommendation("3ef86f16-f65b-c645-9901-7830d6dc3a1b", ACR, "Manage registry size"),
    Recommendation("03f4a7d8-c5b4-7842-8e6e-14997a34842b", ACR, "Disable anonymous pull access"),
    Recommendation(
        "44107155-7a32-9348-89f3-d5aa7e7c5a1d", ACR, "Configure Diagnostic Settings for all Azure Container Registries"
    ),
    Recommendation(
        "d594cde6-4116-d143-a64a-25f63289a2f8",
        ACR,
        "Monitor Azure Container Registry with Azure Monitor",
        "names no setting: Azure Monitor collects the platform metrics without configuration, and the "
        "configurable part, resource logs, is 44107155 (TG-DIAGNOSTICS)",
    ),
    Recommendation(
        "e7f0fd54-fba0-054e-9ab8-e676f2851f88",
        ACR,
        "Enable soft delete policy",
        "azurerm 4.55 has no argument for the registry's soft-delete policy (a preview set with "
        "az acr config soft-delete), so the JSON cannot carry it",
    ),
    Recommendation("823b0cff-05c0-2e4e-a1e7-9965e1cfa16f", AGW, "Ensure Autoscale feature has been enabled"),
    Recommendation("233a7008-71e9-e745-923e-1a1c7a0b92f3", AGW, "Secure all incoming connections with SSL"),
    Recommendation("8d9223c4-730d-ca47-af88-a9a024c37270", AGW, "Enable Web Application Firewall policies"),
    Recommendation("7893f0b3-8622-1d47-beed-4b50a19f7895", AGW, "Migrate to Application Gateway v2"),
    Recommendation("5d035919-898d-a047-8d5d-454e199692e5", AGW, "Monitor and Log the configurations and traffic"),
    Recommendation("847a8d88-21c4-bc48-a94e-562206edd767", AGW, "Use Health Probes to detect backend availability"),
    Recommendation(
        "c9c00f2a-3888-714b-a72b-b4c9e8fcffb2", AGW, "Deploy Application Gateway in a zone-redundant configuration"
    ),
    Recommendation(
        "10f02bc6-e2e7-004d-a2c2-f9bf9f16b915", AGW, "Plan for backend maintenance by using connection draining"
    ),
    Recommendation(
        "8364fd0a-7c0e-e240-9d95-4bf965aec243", AGW, "Ensure Application Gateway Subnet is using a /24 subnet mask"
    ),
    Recommendation("ca87914f-aac4-4783-ab67-82a6f936f194", PG, "Enable HA with zone redundancy"),
    Recommendation("b2bad57d-7e03-4c0f-9024-597c9eb295bb", PG, "Enable custom maintenance schedule"),
    Recommendation("31f4ac4b-29cb-4588-8de2-d8fe6f13ceb3", PG, "Configure geo redundant backup storage"),
    Recommendation("2ab85a67-26be-4ed2-a0bb-101b2513ec63", PG, "Configure one or more read replicas"),
    Recommendation("6293a3cc-6b4a-4c0f-9ea7-b8ae8d7dd3d5", PG, "Configure storage auto-grow"),
    Recommendation(
        "1cca00d2-d9ab-8e42-a788-5d40f49405cb",
        KV,
        "Key vaults should have soft delete enabled",
        "always on: Azure enforces soft delete on every vault and azurerm 4.x has no argument to turn it "
        "off, so no configuration can fail it",
    ),
    Recommendation("70fcfe6d-00e9-5544-a63a-fff42b9f2edb", KV, "Key vaults should have purge protection enabled"),
    Recommendation("00c3d2b0-ea6e-4c4b-89be-b78a35caeb51", KV, "Private endpoint should be configured for Key Vault"),
    Recommendation(
        "e7091145-3642-bd41-bb58-66502e64d2cd",
        KV,
        "Use separate key vaults per application per environment",
        "which secrets belong to which application is not in the JSON (each stack does get its own vault)",
    ),
    Recommendation("1dc0821d-4f14-7644-bab4-ba208ff5f7fa", KV, "Diagnostic logs in Key Vault should be enabled"),
    Recommendation("5a44bd30-ae6a-4b81-9b68-dc3a8ffca4d8", REDIS, "Enable zone redundancy for Azure Cache for Redis"),
    Recommendation("cabc1f98-c8a7-44f7-ab24-977982ef3f70", REDIS, "Schedule updates by setting a maintenance window"),
    Recommendation("c474fc96-4e6a-4fb0-95d0-a26b3f35933c", REDIS, "Configure Private Endpoints"),
    Recommendation("20057905-262c-49fe-a9be-49f423afb359", SB, "Enable Availability Zones for Service Bus namespaces"),
    Recommendation("d810e3a8-600f-4be1-895b-1a93e61d37fd", SB, "Enable auto-scale for production workloads"),
    Recommendation(
        "f075a1bd-de9e-4819-9a1d-1ac41037a74f", SB, "Configure the minimum TLS version to TLS v1.2 or higher"
    ),
)


def rules_for(packs: Iterable[Pack]) -> dict[str, list[Rule]]:
    """APRL GUID → the rules of ``packs`` that carry it."""
    out: dict[str, list[Rule]] = {}
    for pack in packs:
        for r in pack.rules:
            for guid in r.aprl:
                out.setdefault(guid, []).append(r)
    return out


def coverage_markdown(packs: Iterable[Pack]) -> str:
    """The coverage table (one row per recommendation) and the counts per type, as Markdown."""
    ruled = rules_for(packs)
    lines = ["| type | APRL GUID | recommendation | rule (PSRule) or why not checkable |", "|---|---|---|---|"]
    counts: dict[str, list[int]] = {t: [0, 0] for t in SOURCES}
    for rec in APRL:
        by = ruled.get(rec.guid, [])
        if by:
            cell = ", ".join(f"`{r.id}`" + (f" ({', '.join(r.psrule)})" if r.psrule else "") for r in by)
        else:
            cell = f"not checkable: {rec.not_checkable}"
        counts[rec.type][0 if by else 1] += 1
        lines.append(f"| {rec.type.split('/')[-1]} | `{rec.guid}` | {rec.title} | {cell} |")
    lines += ["", "| type | recommendations | ruled | not checkable | APRL commit |", "|---|---|---|---|---|"]
    for rtype, (done, left) in counts.items():
        lines.append(f"| {rtype} | {done + left} | {done} | {left} | `{SOURCES[rtype][:12]}` |")
    total = [sum(c[i] for c in counts.values()) for i in (0, 1)]
    lines.append(f"| **all** | {sum(total)} | {total[0]} | {total[1]} | |")
    return "\n".join(lines) + "\n"
