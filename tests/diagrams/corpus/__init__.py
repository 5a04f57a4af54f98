"""Foreign stacks: cdktf Python apps ported from public examples or written the way teams write them.

Each module's docstring says where it comes from and what it exercises; ``STACKS`` lists the stack
names each adds. ``add_all(app)`` adds every one to one cdktf App, so the test session synthesizes
them with ours in one jsii runtime (``tests/conftest.py``: ``corpus_dir``).
"""

from __future__ import annotations

from importlib import import_module

from tripgen_constructs._cdk import cdk

MODULES = (
    "hashicorp_azure",
    "vpn_nat_lab",
    "variables_for_each",
    "existing_hub_modules",
    "inline_subnets_overrides",
    "load_balanced_vms",
    "app_service_integration",
    "cross_stack_private_endpoints",
    "expressroute_hub",
    "regional_landing_zones",
)


def add_all(app: cdk.App) -> list[str]:
    """Every corpus app's stacks added to ``app``; returns their names."""
    names: list[str] = []
    for name in MODULES:
        module = import_module(f"{__name__}.{name}")
        module.build(app)
        names += module.STACKS
    return names
