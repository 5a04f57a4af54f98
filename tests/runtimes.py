"""Where the synthesized JSON legitimately differs between the two runtimes, in one table.

``DIFFERENCES`` lists every difference between a cdktf (azurerm 4.55) and a cdktn (azurerm 5.10)
synthesis of the same app, each with its reason; ``docs/cdktn.md`` lists the same ids.
``as_cdktf(document)`` rewrites a cdktn document into the 4.55 vocabulary, exactly, so every test
asserts the same values on both runtimes. ``tests/test_cdktn.py`` proves the table complete:
``as_cdktf(cdktn synthesis) == cdktf synthesis`` for prod and dev, every entry used.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# _runtime, not _cdk: importing the core (cdktf) starts jsii's Node kernel, which a test process
# that only reads JSON (an xdist worker without the jsii group, conftest.py) must not pay for.
from tripgen_constructs._runtime import RUNTIMES, choose

CDKTF, CDKTN = RUNTIMES["cdktf"], RUNTIMES["cdktn"]
RUNTIME = choose().runtime  # what tripgen_constructs._cdk will choose: nothing is imported yet


def default_runtime_only(reason: str) -> Any:
    """A skip mark for tests of what is committed, generated on the default runtime (cdktf)."""
    import pytest

    return pytest.mark.skipif(
        RUNTIME is not CDKTF, reason=f"{reason} (generated on cdktf; tests/test_cdktn.py compares)"
    )


Document = dict[str, Any]


@dataclass(frozen=True)
class Difference:
    id: str  # as listed in docs/cdktn.md
    where: str  # resource type or document part
    cdktf: str
    cdktn: str
    kind: str  # provider version | renamed attribute | removed attribute | new required block
    reason: str
    undo: Callable[[Document, dict[str, Any]], bool]  # rewrite one resource body (or the doc); True if it did


def _reference(expression: str, attribute: str) -> tuple[str, str]:
    match = re.fullmatch(r"\$\{(azurerm_[a-z_]+)\.([^.}]+)\." + attribute + r"\}", expression)
    if match is None:
        raise ValueError(f"expected a reference to an azurerm resource's {attribute}, got {expression!r}")
    return match.group(1), match.group(2)


def _rename(old: str, new: str, convert: Callable[[Any], Any] = lambda v: v) -> Callable[[Document, Any], bool]:
    def undo(_doc: Document, body: dict[str, Any]) -> bool:
        if new not in body:
            return False
        body[old] = convert(body.pop(new))
        return True

    return undo


def _in_blocks(block: str, undo: Callable[[Document, Any], bool]) -> Callable[[Document, Any], bool]:
    def each(doc: Document, body: dict[str, Any]) -> bool:
        return any([undo(doc, item) for item in body.get(block, [])])

    return each


def _by_id(new: str, old_name: str, type_: str) -> Callable[[Document, Any], bool]:
    """``new`` = ``${type.x.id}`` back to ``old_name`` = ``${type.x.name}`` plus x's resource group."""

    def undo(doc: Document, body: dict[str, Any]) -> bool:
        if new not in body:
            return False
        found, logical = _reference(body.pop(new), "id")
        assert found == type_, f"{new} refers to {found}, expected {type_}"
        if old_name:
            body[old_name] = f"${{{type_}.{logical}.name}}"
        body["resource_group_name"] = doc["resource"][type_][logical]["resource_group_name"]
        return True

    return undo


def _federated(doc: Document, body: dict[str, Any]) -> bool:
    if "user_assigned_identity_id" not in body:
        return False
    body["parent_id"] = body.pop("user_assigned_identity_id")
    _, logical = _reference(body["parent_id"], "id")
    body["resource_group_name"] = doc["resource"]["azurerm_user_assigned_identity"][logical]["resource_group_name"]
    return True


def _node_provisioning(_doc: Document, body: dict[str, Any]) -> bool:
    if body.get("node_provisioning_profile") != {"mode": "Manual"}:
        return False
    del body["node_provisioning_profile"]
    return True


def _core_version(doc: Document, _body: Any) -> bool:
    meta = doc["//"]["metadata"]
    if meta.get("version") != CDKTN.core_pin:
        return False
    meta["version"] = CDKTF.core_pin
    return True


def _provider_version(doc: Document, _body: Any) -> bool:
    provider = doc["terraform"]["required_providers"]["azurerm"]
    if provider.get("version") != CDKTN.provider:
        return False
    provider["version"] = CDKTF.provider
    return True


DIFFERENCES: tuple[Difference, ...] = (
    Difference(
        "core-version",
        '"//".metadata.version',
        CDKTF.core_pin,
        CDKTN.core_pin,
        "runtime version",
        "the version of the CDK that synthesized the stack; no effect on Azure",
        _core_version,
    ),
    Difference(
        "provider-version",
        "terraform.required_providers.azurerm.version",
        CDKTF.provider,
        CDKTN.provider,
        "provider version",
        "each runtime's prebuilt bindings pin the azurerm provider they were generated from",
        _provider_version,
    ),
    Difference(
        "gateway-http2",
        "azurerm_application_gateway",
        "enable_http2",
        "http2_enabled",
        "renamed attribute",
        "azurerm 5.0 renamed it; same ARM property (enableHttp2)",
        _rename("enable_http2", "http2_enabled"),
    ),
    Difference(
        "appinsights-local-auth",
        "azurerm_application_insights",
        "local_authentication_disabled = true",
        "local_authentication_enabled = false",
        "renamed attribute",
        "azurerm 5.0 replaced the negative flag with a positive one; same ARM property (DisableLocalAuth)",
        _rename("local_authentication_disabled", "local_authentication_enabled", lambda v: not v),
    ),
    Difference(
        "acr-replica-routing",
        "azurerm_container_registry.georeplications",
        "regional_endpoint_enabled",
        "global_endpoint_routing_enabled",
        "renamed attribute",
        "azurerm 5.0 renamed it (and made it required); same ARM property (regionEndpointEnabled), "
        "hashicorp/terraform-provider-azurerm#32680, #32882",
        _in_blocks("georeplications", _rename("regional_endpoint_enabled", "global_endpoint_routing_enabled")),
    ),
    Difference(
        "federated-credential-parent",
        "azurerm_federated_identity_credential",
        "parent_id, resource_group_name",
        "user_assigned_identity_id",
        "renamed attribute",
        "azurerm 5.0 renamed parent_id and derives the resource group from the identity's id",
        _federated,
    ),
    Difference(
        "dns-link-zone-id",
        "azurerm_private_dns_zone_virtual_network_link",
        "private_dns_zone_name, resource_group_name",
        "private_dns_zone_id",
        "renamed attribute",
        "azurerm 5.0 names the zone by id; the same zone, resource group from the id",
        _by_id("private_dns_zone_id", "private_dns_zone_name", "azurerm_private_dns_zone"),
    ),
    Difference(
        "subnet-service-endpoint",
        "azurerm_subnet",
        'service_endpoints = ["Microsoft.ContainerRegistry"]',
        'service_endpoint { service = "Microsoft.ContainerRegistry" }',
        "renamed attribute",
        "azurerm 5.0 turned the list of names into blocks; same endpoints",
        _rename("service_endpoints", "service_endpoint", lambda blocks: [b["service"] for b in blocks]),
    ),
    Difference(
        "aks-node-provisioning",
        "azurerm_kubernetes_cluster",
        "(absent)",
        'node_provisioning_profile { mode = "Manual" }',
        "new required block",
        "azurerm 5 requires the block; Manual is the AKS API's default, what 4.55 got by not sending it",
        _node_provisioning,
    ),
)

_RESOURCE_TYPE = re.compile(r"azurerm_[a-z_]+")


def as_cdktf(document: Document) -> tuple[Document, set[str]]:
    """A cdktn document in the 4.55 vocabulary, and the ids of the differences that applied."""
    doc = copy.deepcopy(document)
    used: set[str] = set()
    for difference in DIFFERENCES:
        match = _RESOURCE_TYPE.match(difference.where)
        if match is None:
            if difference.undo(doc, None):
                used.add(difference.id)
            continue
        for body in doc.get("resource", {}).get(match.group(0), {}).values():
            if difference.undo(doc, body):
                used.add(difference.id)
    return doc, used


def in_cdktf_terms(document: Document) -> Document:
    """``document`` as the cdktf runtime would have written it (unchanged on cdktf)."""
    return as_cdktf(document)[0] if RUNTIME is CDKTN else document


def example_for_runtime(code: str) -> str:
    """Python written for cdktf, with the imports docs/cdktn.md tells a cdktn user to change."""
    if RUNTIME is CDKTF:
        return code
    return re.sub(r"\bcdktf_cdktf_provider_azurerm\b", CDKTN.bindings, re.sub(r"\bfrom cdktf\b", "from cdktn", code))
