"""Small synthesized-stack documents for the SLA and cost tests (no jsii)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tripgen_constructs.diagrams.parse import parse_document
from tripgen_constructs.synthesized import Stack


def stack_of(resources: dict[str, dict[str, dict[str, Any]]], name: str = "tripgen-test") -> Stack:
    """``resources`` as ``{type: {name: body}}``; each body gets construct path ``<type short>/<name>``."""
    document: dict[str, Any] = {"//": {"metadata": {"stackName": name}}, "resource": {}}
    for rtype, by_name in resources.items():
        document["resource"][rtype] = {
            n: {**body, "//": {"metadata": {"path": f"{name}/{n}"}}} for n, body in by_name.items()
        }
    return parse_document(document, Path(name) / "cdk.tf.json")


def zonal_request_path(**overrides: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """Front Door → gateway → AKS (Standard, 3 zones) → PostgreSQL (zone-redundant HA) → Redis → Service Bus."""
    resources: dict[str, dict[str, dict[str, Any]]] = {
        "azurerm_cdn_frontdoor_profile": {"fd": {"sku_name": "Standard_AzureFrontDoor"}},
        "azurerm_cdn_frontdoor_origin": {"origin": {"host_name": "x"}},
        "azurerm_application_gateway": {
            "agw": {"sku": {"name": "WAF_v2"}, "autoscale_configuration": {"min_capacity": 2, "max_capacity": 4}}
        },
        "azurerm_kubernetes_cluster": {
            "aks": {
                "sku_tier": "Standard",
                "default_node_pool": {"zones": ["1", "2", "3"], "vm_size": "Standard_D4s_v3"},
            }
        },
        "azurerm_postgresql_flexible_server": {
            "pg": {
                "sku_name": "GP_Standard_D8s_v3",
                "high_availability": {"mode": "ZoneRedundant"},
                "storage_mb": 32768,
            }
        },
        "azurerm_redis_cache": {"redis": {"sku_name": "Premium", "family": "P", "capacity": 1}},
        "azurerm_servicebus_namespace": {"sb": {"sku": "Premium", "capacity": 1}},
        "azurerm_private_endpoint": {
            "pe-redis": {
                "private_service_connection": {"private_connection_resource_id": "${azurerm_redis_cache.redis.id}"}
            }
        },
    }
    for rtype, by_name in overrides.items():
        resources[rtype] = by_name
    return resources
