"""The layering holds: config <- constructs <- stack <- apps; outputs read JSON only (brief, issue 14).

Read from the source (``ast``), not from ``sys.modules``: an import inside a function counts too.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lib" / "tripgen_constructs"
ROOT = "tripgen_constructs"
CONSTRUCT_MODULES = frozenset(
    p.stem
    for p in PACKAGE.glob("*.py")
    # the stack assembly, the CDK seam, and the standard-library modules every layer may use
    if p.stem
    not in {"__init__", "_bindings", "_cdk", "_lazy", "_runtime", "environment", "outputs", "reader", "synth_cache"}
    and p.stem not in {"cost", "sla", "synthesized"}  # outputs of the synthesized JSON, not constructs
)
"""The top-level modules holding one construct each (``environment`` is the stack assembly)."""
JSII = frozenset({"cdktf", "jsii", "constructs", "cdk8s", "cdktf_cdktf_provider_azurerm"})


def _imports(path: Path) -> set[str]:
    """Absolute dotted names ``path`` imports (relative imports resolved against its package)."""
    package = ".".join((ROOT, *path.relative_to(PACKAGE).parent.parts))
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{a.name}" for a in node.names)
    return names


def _modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).glob("*.py"))


def _construct_imports(path: Path) -> list[str]:
    return sorted(n for n in _imports(path) if n.split(".")[:2] in ([ROOT, m] for m in CONSTRUCT_MODULES))


@pytest.mark.parametrize("path", _modules("config"), ids=lambda p: p.name)
def test_config_imports_neither_jsii_nor_a_construct_nor_the_stack(path):
    imported = _imports(path)
    assert not {n for n in imported if n.split(".")[0] in JSII}
    assert not _construct_imports(path)
    assert not {n for n in imported if n.startswith((f"{ROOT}._cdk", f"{ROOT}.environment", f"{ROOT}.workloads"))}


@pytest.mark.parametrize(
    "path",
    [*_modules("workloads"), *_modules("rules"), *_modules("diagrams")],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_workloads_rules_and_diagrams_import_no_construct_module_nor_the_stack(path):
    assert not _construct_imports(path)
    assert not {n for n in _imports(path) if n.startswith(f"{ROOT}.environment")}


@pytest.mark.parametrize("path", _modules("diagrams"), ids=lambda p: p.name)
def test_diagrams_read_json_only(path):
    imported = _imports(path)
    assert not {n for n in imported if n.split(".")[0] in JSII}
    # The region table is standard library only, kept for the diagrams and rules to read too.
    allowed = {f"{ROOT}.config.regions", f"{ROOT}.config"}
    assert not {
        n
        for n in imported
        if n.startswith((f"{ROOT}._cdk", f"{ROOT}.config", f"{ROOT}.rules"))
        and n.split(".REGIONS")[0] not in allowed
        and not n.startswith(f"{ROOT}.config.regions")
    }


@pytest.mark.parametrize("module", sorted(CONSTRUCT_MODULES))
def test_construct_modules_never_import_the_stack_or_the_apps(module):
    imported = _imports(PACKAGE / f"{module}.py")
    assert not {n for n in imported if n.startswith((f"{ROOT}.environment", "apps"))}


def test_validating_every_environment_config_starts_no_jsii():
    # A fresh interpreter: this test session has loaded the bindings already.
    probe = (
        "import sys, apps\n"
        "from tripgen_constructs import ZonalAksClusterProps, EnvironmentConfig\n"
        "for config in apps.ENVIRONMENTS: EnvironmentConfig.model_validate(config.model_dump())\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(JSII)!r}))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
