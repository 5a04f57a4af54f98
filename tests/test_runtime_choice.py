"""The CDK runtime is chosen explicitly or by what is installed, never by accident; one that cannot
run stops with one line naming what to install (``_cdk.choose``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tripgen_constructs._cdk import RUNTIME, RUNTIMES, RuntimeUnavailable, choose

ROOT = Path(__file__).resolve().parent.parent
CDKTF_ONLY = {"cdktf", "cdktf_cdktf_provider_azurerm"}
CDKTN_ONLY = {"cdktn", "cdktn_provider_azurerm"}
BOTH = CDKTF_ONLY | CDKTN_ONLY


def _choose(env: dict[str, str], installed: set[str], imported: set[str] = frozenset()):  # type: ignore[assignment]
    return choose(env, installed.__contains__, imported.__contains__)


def test_the_variable_chooses_the_runtime():
    assert _choose({"TRIPGEN_CDK": "cdktn"}, BOTH).runtime is RUNTIMES["cdktn"]
    assert _choose({"TRIPGEN_CDK": "cdktf"}, BOTH).reason == "TRIPGEN_CDK=cdktf"


def test_unset_the_only_runtime_installed_is_used():
    assert _choose({}, CDKTN_ONLY).runtime is RUNTIMES["cdktn"]
    assert _choose({}, CDKTF_ONLY).reason == "the only runtime installed"


def test_unset_with_both_installed_the_one_already_imported_wins_else_cdktf():
    assert _choose({}, BOTH, {"cdktn"}).runtime is RUNTIMES["cdktn"]
    choice = _choose({}, BOTH)
    assert (choice.runtime, choice.reason) == (RUNTIMES["cdktf"], "default")


def test_an_unknown_runtime_is_refused():
    with pytest.raises(
        RuntimeUnavailable, match=r"^tripgen-constructs: TRIPGEN_CDK must be one of \['cdktf', 'cdktn'\], got 'cdk'$"
    ):
        _choose({"TRIPGEN_CDK": "cdk"}, BOTH)


def test_a_runtime_that_is_not_installed_names_what_to_install():
    with pytest.raises(RuntimeUnavailable) as error:
        _choose({"TRIPGEN_CDK": "cdktn"}, CDKTF_ONLY)
    assert error.value.message == (
        "the cdktn runtime (TRIPGEN_CDK=cdktn) is not installed: "
        "./scripts/bootstrap --cdktn (a .venv-cdktn of its own, docs/cdktn.md)"
    )


def test_cdktf_bindings_under_the_cdktn_runtime_are_refused():
    with pytest.raises(RuntimeUnavailable) as error:
        _choose({"TRIPGEN_CDK": "cdktn"}, {"cdktn", "cdktf_cdktf_provider_azurerm"})
    assert error.value.message == (
        "the cdktn runtime (TRIPGEN_CDK=cdktn) needs cdktn-provider-azurerm==18.9.0, not installed; "
        "cdktf-cdktf-provider-azurerm is for another runtime: pip install cdktn-provider-azurerm==18.9.0"
    )
    # Unset, the one core installed decides, and the same line follows.
    with pytest.raises(RuntimeUnavailable, match=r"the cdktn runtime \(the only runtime core installed\) needs"):
        _choose({}, {"cdktn", "cdktf_cdktf_provider_azurerm"})


def test_the_other_runtime_already_imported_is_refused():
    with pytest.raises(RuntimeUnavailable) as error:
        _choose({"TRIPGEN_CDK": "cdktn"}, BOTH, {"cdktf_cdktf_provider_azurerm"})
    assert error.value.message == (
        "the runtime is cdktn (TRIPGEN_CDK=cdktn) but cdktf_cdktf_provider_azurerm is already imported: "
        "import cdktn / cdktn_provider_azurerm instead, or set TRIPGEN_CDK=cdktf"
    )


def _import_in_child(env: dict[str, str], extra_path: Path | None = None) -> subprocess.CompletedProcess[str]:
    path = os.pathsep.join(filter(None, [str(extra_path) if extra_path else "", os.environ.get("PYTHONPATH", "")]))
    return subprocess.run(
        [sys.executable, "-c", "import tripgen_constructs.aks"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": path, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_asking_for_the_runtime_this_interpreter_lacks_stops_with_one_line():
    other = next(name for name in RUNTIMES if name != RUNTIME.name)  # not installed in this leg's interpreter
    done = _import_in_child({"TRIPGEN_CDK": other})
    assert (done.returncode, done.stdout) == (1, "")
    assert (
        done.stderr
        == f"tripgen-constructs: the {other} runtime (TRIPGEN_CDK={other}) is not installed: {RUNTIMES[other].install}\n"
    )


def test_mixed_packages_stop_with_one_line_and_no_traceback(tmp_path):
    # The other runtime's core without its bindings, next to this leg's bindings.
    other = next(r for r in RUNTIMES.values() if r is not RUNTIME)
    (tmp_path / other.core).mkdir()
    (tmp_path / other.core / "__init__.py").write_text("")
    done = _import_in_child({"TRIPGEN_CDK": other.name}, tmp_path)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"tripgen-constructs: the {other.name} runtime (TRIPGEN_CDK={other.name}) needs "
        f"{other.bindings_dist}=={other.bindings_pin}, not installed; {RUNTIME.bindings_dist} is for another runtime: "
        f"pip install {other.bindings_dist}=={other.bindings_pin}\n"
    )
