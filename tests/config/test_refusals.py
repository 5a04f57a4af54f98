"""Configurations Azure (or Kubernetes) refuses at apply time, or that are insecure, refused when the
config is built (issue 19: 20 cases accepted before), and the Azure value tables they are checked on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from tripgen_constructs.config import azure_limits
from tripgen_constructs.config.aks import NodePoolProps, ZonalAksClusterProps
from tripgen_constructs.config.alerts import SmsReceiver
from tripgen_constructs.config.environment import EnvironmentConfig, RemoteBackendProps
from tripgen_constructs.config.errors import ConfigError
from tripgen_constructs.config.messaging import MessagingProps, QueueProps, SubscriptionProps
from tripgen_constructs.config.network import NsgRule
from tripgen_constructs.config.postgres import PostgresProps
from tripgen_constructs.config.props import iso_seconds
from tripgen_constructs.config.security import CertificateProps
from tripgen_constructs.config.workloads import WorkloadsProps, millicores

from apps.prod.config import PROD

ARABIC_443 = "\u0664\u0664\u0663"  # ٤٤٣: digits, but not ASCII ones
BACKEND = {"resource_group_name": "rg-tfstate", "storage_account_name": "sttfstate", "key": "prod.tfstate"}


def _pool(**changes: Any) -> NodePoolProps:
    return NodePoolProps(**{"name": "system", "vm_size": "Standard_D4s_v3", "min_count": 3, "max_count": 5, **changes})


def _env(**changes: Any) -> EnvironmentConfig:
    return EnvironmentConfig.model_validate({**PROD.model_dump(), **changes})


CASES: dict[str, tuple[Callable[[], object], str]] = {
    "aks dns_service_ip is the API service's ClusterIP": (
        lambda: ZonalAksClusterProps(service_cidr="10.2.0.0/16", dns_service_ip="10.2.0.1"),
        "'dns_service_ip' must be another address than the first of service_cidr",
    ),
    "aks service_cidr in a range AKS reserves": (
        lambda: ZonalAksClusterProps(service_cidr="172.31.0.0/16", dns_service_ip="172.31.0.10"),
        "'service_cidr' must be outside the ranges AKS reserves ['172.31.0.0/16']",
    ),
    "aks service_cidr overlapping a reserved range": (
        lambda: ZonalAksClusterProps(service_cidr="192.0.0.0/16", dns_service_ip="192.0.0.10"),
        "outside the ranges AKS reserves ['192.0.2.0/24']",
    ),
    "aks system pool of an unknown VM size": (
        lambda: _pool(vm_size="Standard_Banana_v9"),
        "'system.vm_size' must be a VM size of config.azure_limits.VM_SIZES",
    ),
    "aks system pool without a VM size": (lambda: _pool(vm_size=""), "'system.vm_size' must be a VM size"),
    "postgres unknown compute size": (
        lambda: PostgresProps(sku_name="GP_Standard_D3s_v3"),
        "'sku_name' must be a GP size of config.azure_limits.POSTGRES_SKUS",
    ),
    "postgres size of another tier": (
        lambda: PostgresProps(sku_name="B_Standard_D4s_v3"),
        "'sku_name' must be a B size of config.azure_limits.POSTGRES_SKUS",
    ),
    "service bus auto_delete_on_idle under 5 minutes": (
        lambda: QueueProps(name="q", auto_delete_on_idle="PT4M59S"),
        "'q.auto_delete_on_idle' must be at least 5 minutes (PT5M), got 'PT4M59S'",
    ),
    "service bus queue lock over 5 minutes": (
        lambda: QueueProps(name="q", lock_duration="PT5M1S"),
        "'lock_duration' must be at most 5 minutes (PT5M), got 'PT5M1S'",
    ),
    "service bus subscription lock over 5 minutes": (
        lambda: SubscriptionProps(name="s", lock_duration="PT1H"),
        "'lock_duration' must be at most 5 minutes (PT5M), got 'PT1H'",
    ),
    "service bus duplicate-detection window over 7 days": (
        lambda: QueueProps(name="q", duplicate_detection=True, duplicate_detection_window="P7DT1S"),
        "'q.duplicate_detection_window' must be between 20 seconds (PT20S) and 7 days (P7D), got 'P7DT1S'",
    ),
    "tag value over 256 characters": (
        lambda: _env(tags={"owner": "x" * 257}),
        "'tags' must be values of at most 256 characters (Azure's limit), got ['owner']",
    ),
    "more than 50 tags with the stack's own": (
        lambda: _env(tags={f"t{i}": "v" for i in range(49)}),
        "'tags' must be at most 48 tags: Azure allows 50 per resource",
    ),
    "a config tag replacing the stack's environment tag": (
        lambda: _env(tags={"environment": "production"}),
        "'tags' must be keys other than the stack's own tags ['environment', 'workload']",
    ),
    "remote backend container in uppercase": (
        lambda: RemoteBackendProps(**BACKEND, container_name="TFState"),
        "'backend.container_name' must be 3-63 lowercase letters",
    ),
    "remote backend with an empty blob key": (
        lambda: RemoteBackendProps(**{**BACKEND, "key": ""}),
        "at least 1 character",
    ),
    "remote backend with an empty resource group": (
        lambda: RemoteBackendProps(**{**BACKEND, "resource_group_name": ""}),
        "resource_group_name",
    ),
    "key vault certificate with an empty issuer": (
        lambda: CertificateProps.wildcard("wildcard", "tripgen.example", issuer=""),
        "issuer",
    ),
    "service bus name ending in -SB": (
        lambda: MessagingProps(name="tripgen-prod-SB"),
        "not ending in '-sb' or '-mgmt' in any case",
    ),
    "non-ASCII digits as a port": (
        lambda: NsgRule(name="r", priority=100, direction="Inbound", destination_ports=(ARABIC_443,)),
        "'destination_ports' must be '*', a port 0-65535",
    ),
    "non-ASCII digits in an ISO duration": (
        lambda: QueueProps(name="q", lock_duration=f"PT{ARABIC_443}S"),
        "'lock_duration' must be an ISO-8601 duration",
    ),
    "non-ASCII digits in a CPU quantity": (lambda: millicores(ARABIC_443), "'cpu' must be a Kubernetes CPU quantity"),
    "non-ASCII digits in an SMS number": (
        lambda: SmsReceiver(name="oncall", country_code="1", phone_number=f"202555{ARABIC_443}0"),
        "phone_number",
    ),
    "workloads namespace matching only in part": (lambda: WorkloadsProps(namespace="Bad_NS!prod"), "namespace"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_config_azure_would_refuse_is_refused_naming_the_field(case):
    build, message = CASES[case]
    with pytest.raises(
        (ConfigError, ValueError),
    ) as refused:
        build()
    assert message in str(refused.value)


def test_the_prod_config_meets_every_new_refusal():
    assert PROD.revalidated() == PROD


@pytest.mark.parametrize(
    "update",
    [
        lambda c: {"aks": c.aks.model_copy(update={"kubernetes_version": "latest"})},
        lambda c: {
            "perimeter": c.perimeter.model_copy(
                update={"waf": c.perimeter.waf.model_copy(update={"mode": "Detection"})}
            )
        },
        lambda c: {"backend": c.backend.model_copy(update={"storage_account_name": "Not_A_Storage_Name"})},
    ],
    ids=["kubernetes-latest", "waf-detection", "bad-storage-name"],
)
def test_a_config_copied_without_validation_is_refused_when_revalidated(update):
    copied = PROD.model_copy(update=update(PROD))  # pydantic does not validate this copy
    with pytest.raises(ConfigError):
        copied.revalidated()


def test_iso_durations_convert_to_seconds_for_the_limits():
    assert [iso_seconds(d) for d in ("PT5M", "P7D", "PT1M30.5S", "P1W")] == [300, 604800, 90.5, 604800]


def test_the_tables_name_their_source_and_date():
    import inspect

    text = inspect.getsource(azure_limits)
    for table in (
        "VM_SIZES",
        "POSTGRES_SKUS",
        "AKS_RESERVED_RANGES",
        "SERVICE_BUS_DUPLICATE_DETECTION_WINDOW_S",
        "MAX_TAGS",
    ):
        doc = text.split(table, 1)[1].split('"""', 2)[1]
        assert "Source" in doc and "2026-" in doc, table
