"""Small hand-written stacks, shaped like cdktf output, for the diagram tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def resource(path: str | None, **body: Any) -> dict[str, Any]:
    """A resource body with cdktf ``//`` metadata for construct ``path`` (None: no metadata)."""
    if path is not None:
        body["//"] = {"metadata": {"path": f"demo/{path}", "uniqueId": path.replace("/", "_")}}
    return body


def document(resources: dict[str, dict[str, dict[str, Any]]], name: str = "demo") -> dict[str, Any]:
    return {"//": {"metadata": {"stackName": name, "version": "0.21.0"}}, "resource": resources}


def write_outdir(root: Path, stacks: dict[str, dict[str, Any]]) -> Path:
    """``root/cdktf.out/stacks/<name>/cdk.tf.json`` for each stack document."""
    outdir = root / "cdktf.out"
    for name, doc in stacks.items():
        doc["//"]["metadata"]["stackName"] = name
        folder = outdir / "stacks" / name
        folder.mkdir(parents=True)
        (folder / "cdk.tf.json").write_text(json.dumps(doc, indent=2))
    return outdir


def ref(address: str, attribute: str = "id") -> str:
    return "${" + f"{address}.{attribute}" + "}"


def rule(
    name: str,
    direction: str,
    ports: str | list[str],
    source: str = "*",
    destination: str = "*",
    access: str = "Allow",
    priority: int = 100,
) -> dict[str, Any]:
    many = isinstance(ports, list)
    return {
        "name": name,
        "direction": direction,
        "access": access,
        "priority": priority,
        "protocol": "Tcp",
        "source_port_range": "*",
        "destination_port_range": None if many else ports,
        "destination_port_ranges": ports if many else None,
        "source_address_prefix": source,
        "destination_address_prefix": destination,
    }


def hub_spoke(with_metadata: bool = True) -> dict[str, Any]:
    """Two VNets (hub, spoke) peered both ways, an AKS cluster, a gateway, a vault behind a
    private endpoint, NSG rules between the subnets, and a private DNS zone linked to both."""

    def p(path: str) -> str | None:
        return path if with_metadata else None

    rg = "azurerm_resource_group.rg"
    hub, spoke = "azurerm_virtual_network.hub", "azurerm_virtual_network.spoke"
    gw_snet, aks_snet = "azurerm_subnet.gw", "azurerm_subnet.aks"
    pe_snet = "azurerm_subnet.pe"
    return document(
        {
            "azurerm_resource_group": {"rg": resource(p("rg"), name="rg-demo", location="koreacentral")},
            "azurerm_virtual_network": {
                "hub": resource(
                    p("net/hub/vnet"),
                    name="vnet-hub",
                    location=ref(rg, "location"),
                    address_space=["10.0.0.0/16"],
                    resource_group_name=ref(rg, "name"),
                ),
                "spoke": resource(
                    p("net/spoke/vnet"), name="vnet-spoke", location="koreacentral", address_space=["10.1.0.0/16"]
                ),
            },
            "azurerm_subnet": {
                "gw": resource(
                    p("net/hub/snet-gw"),
                    name="snet-gw",
                    address_prefixes=["10.0.1.0/24"],
                    virtual_network_name=ref(hub, "name"),
                ),
                "aks": resource(
                    p("net/spoke/snet-aks"),
                    name="snet-aks",
                    address_prefixes=["10.1.1.0/24"],
                    virtual_network_name=ref(spoke, "name"),
                ),
                "db": resource(
                    p("net/spoke/snet-db"),
                    name="snet-db",
                    address_prefixes=["10.1.2.0/24"],
                    virtual_network_name=ref(spoke, "name"),
                ),
                "pe": resource(
                    p("net/spoke/snet-pe"),
                    name="snet-pe",
                    address_prefixes=["10.1.4.0/24"],
                    virtual_network_name=ref(spoke, "name"),
                ),
            },
            "azurerm_network_security_group": {
                "gw": resource(
                    p("net/hub/nsg-gw"),
                    name="nsg-gw",
                    location="koreacentral",
                    security_rule=[
                        rule("https", "Inbound", "443", source="Internet"),
                        rule("http", "Inbound", "80", source="Internet", priority=110),
                    ],
                ),
                "aks": resource(
                    p("net/spoke/nsg-aks"),
                    name="nsg-aks",
                    location="koreacentral",
                    security_rule=[
                        rule("from-gw", "Inbound", ["80", "443"], source="10.0.1.0/24"),
                        rule("to-db", "Outbound", "5432", destination="10.1.2.0/24"),
                        rule("deny-all", "Outbound", "*", destination="*", access="Deny", priority=4000),
                    ],
                ),
            },
            "azurerm_subnet_network_security_group_association": {
                "gw": resource(
                    p("net/hub/assoc-gw"),
                    subnet_id=ref(gw_snet),
                    network_security_group_id=ref("azurerm_network_security_group.gw"),
                ),
                "aks": resource(
                    p("net/spoke/assoc-aks"),
                    subnet_id=ref(aks_snet),
                    network_security_group_id=ref("azurerm_network_security_group.aks"),
                ),
            },
            "azurerm_virtual_network_peering": {
                "hub-spoke": resource(
                    p("net/peer-hub-spoke"), virtual_network_name=ref(hub, "name"), remote_virtual_network_id=ref(spoke)
                ),
                "spoke-hub": resource(
                    p("net/peer-spoke-hub"), virtual_network_name=ref(spoke, "name"), remote_virtual_network_id=ref(hub)
                ),
            },
            "azurerm_application_gateway": {
                "gw": resource(
                    p("edge/gateway"),
                    name="agw-demo",
                    location="koreacentral",
                    sku=[{"name": "WAF_v2", "tier": "WAF_v2"}],
                    zones=["1", "2", "3"],
                    gateway_ip_configuration=[{"name": "ip", "subnet_id": ref(gw_snet)}],
                ),
            },
            "azurerm_kubernetes_cluster": {
                "aks": resource(
                    p("aks/cluster"),
                    name="aks-demo",
                    location="koreacentral",
                    sku_tier="Standard",
                    default_node_pool={
                        "name": "system",
                        "vm_size": "Standard_D4s_v3",
                        "min_count": 3,
                        "max_count": 5,
                        "zones": ["1", "2", "3"],
                        "vnet_subnet_id": ref(aks_snet),
                    },
                    ingress_application_gateway={"gateway_id": ref("azurerm_application_gateway.gw")},
                ),
            },
            "azurerm_kubernetes_cluster_node_pool": {
                "app": resource(
                    p("aks/application-pool"),
                    name="application",
                    mode="User",
                    vm_size="Standard_D8s_v3",
                    min_count=6,
                    max_count=20,
                    zones=["1", "2", "3"],
                    kubernetes_cluster_id=ref("azurerm_kubernetes_cluster.aks"),
                ),
            },
            "azurerm_key_vault": {
                "kv": resource(p("security/vault"), name="kv-demo", location="koreacentral", sku_name="premium"),
            },
            "azurerm_private_endpoint": {
                "kv": resource(
                    p("security/pe"),
                    name="pe-kv",
                    location="koreacentral",
                    subnet_id=ref(pe_snet),
                    private_service_connection=[
                        {
                            "name": "c",
                            "subresource_names": ["vault"],
                            "private_connection_resource_id": ref("azurerm_key_vault.kv"),
                        }
                    ],
                ),
            },
            "azurerm_private_dns_zone": {
                "kv": resource(p("net/dns-vault"), name="privatelink.vaultcore.azure.net"),
            },
            "azurerm_private_dns_zone_virtual_network_link": {
                "kv-hub": resource(
                    p("net/dns-vault-hub"),
                    private_dns_zone_name=ref("azurerm_private_dns_zone.kv", "name"),
                    virtual_network_id=ref(hub),
                ),
                "kv-spoke": resource(
                    p("net/dns-vault-spoke"),
                    private_dns_zone_name=ref("azurerm_private_dns_zone.kv", "name"),
                    virtual_network_id=ref(spoke),
                ),
            },
        }
    )


def many_spokes(spokes: int = 12) -> dict[str, Any]:
    """A hub and ``spokes`` peered spoke VNets, each with a subnet, a VM on a NIC in it and a
    Key Vault: the shape that drew as a 4,320 × 391 px strip."""
    resources: dict[str, dict[str, Any]] = {
        "azurerm_virtual_network": {
            "hub": resource("hub/vnet", name="vnet-hub", location="westeurope", address_space=["10.0.0.0/16"])
        },
        "azurerm_virtual_network_peering": {},
        "azurerm_subnet": {},
        "azurerm_network_interface": {},
        "azurerm_linux_virtual_machine": {},
        "azurerm_key_vault": {},
    }
    for i in range(1, spokes + 1):
        vnet, subnet = f"azurerm_virtual_network.spoke{i}", f"azurerm_subnet.spoke{i}"
        resources["azurerm_virtual_network"][f"spoke{i}"] = resource(
            f"spoke{i}/vnet", name=f"vnet-spoke{i}", location="westeurope", address_space=[f"10.{i}.0.0/16"]
        )
        resources["azurerm_virtual_network_peering"][f"hub-spoke{i}"] = resource(
            f"hub/peer-{i}",
            virtual_network_name=ref("azurerm_virtual_network.hub", "name"),
            remote_virtual_network_id=ref(vnet),
        )
        resources["azurerm_subnet"][f"spoke{i}"] = resource(
            f"spoke{i}/snet",
            name=f"snet-app{i}",
            address_prefixes=[f"10.{i}.1.0/24"],
            virtual_network_name=ref(vnet, "name"),
        )
        resources["azurerm_network_interface"][f"vm{i}"] = resource(
            f"spoke{i}/nic",
            name=f"nic-vm{i}",
            location="westeurope",
            ip_configuration=[{"name": "ip", "subnet_id": ref(subnet)}],
        )
        resources["azurerm_linux_virtual_machine"][f"vm{i}"] = resource(
            f"spoke{i}/vm",
            name=f"vm-app{i}",
            location="westeurope",
            size="Standard_D2s_v5",
            network_interface_ids=[ref(f"azurerm_network_interface.vm{i}")],
        )
        resources["azurerm_key_vault"][f"kv{i}"] = resource(
            f"spoke{i}/kv", name=f"kv-spoke{i}", location="westeurope", sku_name="standard"
        )
    return document(resources, name="spokes")
