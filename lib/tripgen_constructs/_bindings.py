"""The azurerm bindings as the constructs see them, whichever runtime generated them.

The constructs are written against the cdktf bindings 14.23.1 (azurerm provider 4.55).
``cdktn-provider-azurerm`` 18.9.0 is generated from azurerm 5.10, which renamed or removed some of
the arguments they pass (``docs/cdktn.md``). ``ADAPTERS`` lists, per runtime, each binding class
whose arguments differ and how a 4.55 argument becomes the runtime's: the constructs never ask
which runtime runs them. Only the listed classes are wrapped (a subclass translating the keyword
arguments); everything else is the runtime's own class.

One argument has no 4.55 spelling: azurerm 5 links a private DNS zone by id
(``private_dns_zone_id``) where 4.55 took its name and resource group. The network construct
passes both forms and each runtime drops the one it does not know.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any


@dataclass(frozen=True)
class Rename:
    """4.55's ``old`` argument is the runtime's ``new``, its value passed through ``convert``."""

    old: str
    new: str
    convert: Callable[[Any, ModuleType], Any] | None = None
    reason: str = ""


@dataclass(frozen=True)
class Drop:
    """``name`` is not an argument of the runtime's class; the value is carried by another one."""

    name: str
    reason: str = ""


@dataclass(frozen=True)
class Default:
    """The runtime's class requires ``name``; ``value`` keeps what 4.55 left to Azure's default."""

    name: str
    value: Any
    reason: str = ""


Adapter = Rename | Drop | Default


def _negate(value: Any, _module: ModuleType) -> Any:
    return None if value is None else not value


def _service_endpoint_blocks(value: Any, module: ModuleType) -> Any:
    return None if value is None else [module.SubnetServiceEndpoint(service=name) for name in value]


# (module, class) -> what differs. Sources: the azurerm 5.0 upgrade guide and changelog
# (https://github.com/hashicorp/terraform-provider-azurerm/releases), per entry below.
ADAPTERS: Mapping[str, Mapping[tuple[str, str], tuple[Adapter, ...]]] = {
    "cdktf": {
        ("private_dns_zone_virtual_network_link", "PrivateDnsZoneVirtualNetworkLink"): (
            Drop("private_dns_zone_id", "4.55 names the zone by private_dns_zone_name and resource_group_name"),
        ),
    },
    "cdktn": {
        ("application_gateway", "ApplicationGateway"): (
            Rename("enable_http2", "http2_enabled", reason="renamed in azurerm 5.0"),
        ),
        ("application_insights", "ApplicationInsights"): (
            Rename(
                "local_authentication_disabled",
                "local_authentication_enabled",
                _negate,
                "azurerm 5.0 replaced the negative flag with a positive one",
            ),
        ),
        ("container_registry", "ContainerRegistryGeoreplications"): (
            # Same ARM property (regionEndpointEnabled): the replica takes global-endpoint traffic.
            # https://github.com/hashicorp/terraform-provider-azurerm/pull/32680 (rename), #32882 (now required)
            Rename("regional_endpoint_enabled", "global_endpoint_routing_enabled", reason="renamed in azurerm 5.0"),
        ),
        ("federated_identity_credential", "FederatedIdentityCredential"): (
            Rename("parent_id", "user_assigned_identity_id", reason="renamed in azurerm 5.0"),
            Drop("resource_group_name", "azurerm 5.0 derives it from user_assigned_identity_id"),
        ),
        ("key_vault", "KeyVault"): (
            Default("rbac_authorization_enabled", False, "azurerm 5 requires it; false was 4.55's default"),
        ),
        ("kubernetes_cluster", "KubernetesCluster"): (
            # Manual is the AKS API's default (no node auto-provisioning), what 4.55 got by not sending it.
            # https://github.com/hashicorp/terraform-provider-azurerm/pull/30517 (block), docs: mode defaults to Manual
            Default("node_provisioning_profile", {"mode": "Manual"}, "azurerm 5 requires the block; Manual = 4.55's"),
        ),
        ("private_dns_zone_virtual_network_link", "PrivateDnsZoneVirtualNetworkLink"): (
            Drop("private_dns_zone_name", "azurerm 5.0 takes private_dns_zone_id instead"),
            Drop("resource_group_name", "azurerm 5.0 derives it from private_dns_zone_id"),
        ),
        ("subnet", "Subnet"): (
            Rename(
                "service_endpoints",
                "service_endpoint",
                _service_endpoint_blocks,
                "azurerm 5.0: a list of service_endpoint blocks instead of a list of names",
            ),
        ),
    },
}


def translate(adapters: tuple[Adapter, ...], kwargs: dict[str, Any], module: ModuleType) -> dict[str, Any]:
    """``kwargs`` of the 4.55 class as the runtime's class takes them."""
    out = dict(kwargs)
    for adapter in adapters:
        if isinstance(adapter, Drop):
            out.pop(adapter.name, None)
        elif isinstance(adapter, Default):
            out.setdefault(adapter.name, adapter.value)
        elif adapter.old in out:
            value = out.pop(adapter.old)
            out[adapter.new] = adapter.convert(value, module) if adapter.convert else value
    return out


def _adapted_class(original: type, adapters: tuple[Adapter, ...], module: ModuleType) -> type:
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        original.__init__(self, *args, **translate(adapters, kwargs, module))  # type: ignore[misc]

    return type(original.__name__, (original,), {"__init__": __init__, "__module__": original.__module__})


def adapt(module: ModuleType, name: str, runtime: str) -> ModuleType:
    """``module`` (the bindings' submodule ``name``) with the classes ``ADAPTERS`` lists wrapped."""
    wrapped = {cls: adapters for (mod, cls), adapters in ADAPTERS.get(runtime, {}).items() if mod == name}
    if not wrapped:
        return module
    view = ModuleType(module.__name__, module.__doc__)
    view.__dict__.update({k: v for k, v in vars(module).items() if not k.startswith("__")})
    view.__getattr__ = lambda attribute: getattr(module, attribute)  # type: ignore[method-assign]
    for cls, adapters in wrapped.items():
        setattr(view, cls, _adapted_class(getattr(module, cls), adapters, module))
    return view


class LazyBindings:
    """``azurerm.virtual_network.VirtualNetwork``: the package and each submodule load on first use."""

    def __init__(self, package: str, load: Callable[[str], ModuleType], runtime: str) -> None:
        self._package = package
        self._load = load
        self._runtime = runtime

    def __getattr__(self, name: str) -> ModuleType:
        if name.startswith("__"):  # no submodule: a probe (``issubclass``, pytest's collector) loads nothing
            raise AttributeError(name)
        module = adapt(getattr(self._load(self._package), name), name, self._runtime)
        setattr(self, name, module)
        return module
