"""``_lazy_exports.js``: the jsii kernel's Node loads a provider package's submodules when first used,
and the package exports the same objects as without it (the stack snapshots show the synthesized
JSON unchanged). Run in Node subprocesses: on packages made here, in both generated shapes, and on
the ``index.js`` of the installed azurerm bindings."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from tripgen_constructs import __file__ as package_init
from tripgen_constructs._runtime import node_preload

from apps.runtime import NODE as NODE22
from tests.runtimes import RUNTIME

HOOK = Path(package_init).with_name("_lazy_exports.js")
NODE = str(NODE22) if NODE22.exists() else shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="no Node: ./scripts/bootstrap installs tools/node")

# What `cdktf get` writes for a prebuilt provider: cdktf re-exports each submodule as it is,
# cdktn through __importStar. Each submodule counts its loads in a global.
INDEX = {
    "cdktf": 'exports.alpha = require("./alpha");\nexports.betaGamma = require("./beta-gamma");\n',
    "cdktn": (
        "var __importStar = (m) => ({ ...m, wrapped: true });\n"
        'exports.alpha = __importStar(require("./alpha/index"));\n'
        'exports.betaGamma = __importStar(require("./beta-gamma/index"));\n'
    ),
}
PROBE = """
const hook = process.argv[1];  // node -e: the arguments follow the program name
if (hook) require(hook);
const index = require(process.argv[2]);
const names = Object.keys(index);  // listing the exports loads nothing either
const before = { ...globalThis.loads };
const first = index.alpha;
console.log(JSON.stringify({
  before, names, alpha: first.name, wrapped: first.wrapped === true,
  same: index.alpha === first, after: { ...globalThis.loads },
}));
"""


def _node(*args: str, node_options: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NODE_OPTIONS": node_options}  # not the hook this process's _cdk may have set
    return subprocess.run([NODE or "node", *args], env=env, capture_output=True, text=True, check=False)


def _package(root: Path, scope: str, shape: str) -> Path:
    lib = root / "node_modules" / scope / "provider-fake" / "lib"
    for name in ("alpha", "beta-gamma"):
        module = lib / name / "index.js" if shape == "cdktn" else lib / f"{name}.js"
        module.parent.mkdir(parents=True, exist_ok=True)
        module.write_text(
            f'globalThis.loads = globalThis.loads || {{}}; globalThis.loads["{name}"] = '
            f'(globalThis.loads["{name}"] || 0) + 1;\nexports.name = "{name}";\n'
        )
    lib.mkdir(parents=True, exist_ok=True)
    (lib / "index.js").write_text('"use strict";\nexports.alpha = exports.betaGamma = void 0;\n' + INDEX[shape])
    return lib / "index.js"


def _probe(index: Path, hook: Path | None) -> dict:
    done = _node("-e", PROBE, str(hook or ""), str(index))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("shape", ["cdktf", "cdktn"])
def test_a_provider_index_loads_a_submodule_only_when_it_is_first_used(tmp_path: Path, shape: str):
    index = _package(tmp_path, f"@{shape}", shape)
    eager, lazy = _probe(index, None), _probe(index, HOOK)
    assert eager["before"] == {"alpha": 1, "beta-gamma": 1}
    assert lazy["before"] == {}
    assert lazy["after"] == {"alpha": 1}
    assert lazy["same"] is True  # the first value is kept: __importStar runs once
    for key in ("names", "alpha", "wrapped", "same"):
        assert lazy[key] == eager[key]


def test_a_package_outside_the_cdktf_and_cdktn_providers_is_loaded_as_written(tmp_path: Path):
    index = _package(tmp_path, "@someone", "cdktf")
    assert _probe(index, HOOK)["before"] == {"alpha": 1, "beta-gamma": 1}


def test_every_reexport_of_the_installed_bindings_index_becomes_lazy(tmp_path: Path):
    """The ``lib/index.js`` in the wheel's jsii tarball (what the kernel unpacks and requires): each
    of its ``require`` lines is rewritten, and the rewritten file still compiles."""
    spec = importlib.util.find_spec(RUNTIME.bindings)  # a top-level package: found, not imported
    assert spec is not None and spec.submodule_search_locations is not None
    (tarball,) = Path(next(iter(spec.submodule_search_locations)), "_jsii").glob("*.jsii.tgz")
    with tarfile.open(tarball) as archive:
        source = archive.extractfile("package/lib/index.js").read().decode()  # type: ignore[union-attr]
    (tmp_path / "index.js").write_text(source)
    program = (
        "const { lazy } = require(process.argv[1]); const fs = require('fs');"
        "const out = lazy(fs.readFileSync(process.argv[2], 'utf8'));"
        "new (require('vm').Script)(out);"  # compiles, or throws
        "console.log(JSON.stringify(out.split('\\n').filter((l) => l.includes('require(')).map((l) => l.startsWith("
        "'Object.defineProperty(exports, ') && l.includes(' get() { const v = '))));"
    )
    done = _node("-e", program, str(HOOK), str(tmp_path / "index.js"))
    assert done.returncode == 0, done.stderr
    rewritten = json.loads(done.stdout)
    assert len(rewritten) == len(re.findall(r"require\(", source)) > 1000
    assert all(rewritten)


def test_the_hook_keeps_the_format_node_passes_with_a_module(tmp_path: Path):
    """Node 22 tells ``_compile`` a file's format: a TypeScript ``.cts`` loads with its types stripped
    under the hook as without it."""
    (tmp_path / "typed.cts").write_text("const x: number = 1;\nmodule.exports = x + 1;\n")
    program = f"console.log(require({json.dumps(str(tmp_path / 'typed.cts'))}))"
    if _node("-e", program).returncode != 0:
        pytest.skip("this Node strips no TypeScript types (Node 22.18 and later do)")
    done = _node("-e", program, node_options=node_preload(HOOK))
    assert (done.returncode, done.stdout.strip()) == (0, "2"), done.stderr


def test_the_hook_joins_the_node_options_the_user_set_once():
    """In a fresh process: _cdk keeps NODE_OPTIONS and adds the hook, and a second import (a child
    process inherits the variable) does not add it again; apps.runtime adds --no-deprecation after."""
    code = (
        "import importlib, os, sys; import tripgen_constructs._cdk as c; first = os.environ['NODE_OPTIONS'];"
        "del sys.modules['tripgen_constructs._cdk']; importlib.import_module('tripgen_constructs._cdk');"
        "print(first); print(os.environ['NODE_OPTIONS']); import apps.runtime; print(os.environ['NODE_OPTIONS'])"
    )
    env = {**os.environ, "NODE_OPTIONS": "--max-old-space-size=3072"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    expected = f'--max-old-space-size=3072 --require "{HOOK}"'
    assert done.stdout.splitlines() == [expected, expected, f"{expected} --no-deprecation"]


def test_node_finds_the_hook_under_a_path_with_a_space_a_quote_and_a_backslash(tmp_path: Path):
    """Node unescapes backslashes and double quotes inside quoted NODE_OPTIONS words: unescaped, such
    a path breaks the quoting (or names another file) and Node does not start."""
    folder = tmp_path / 'a b"c\\d'
    folder.mkdir()
    hook = Path(shutil.copy(HOOK, folder / HOOK.name))
    assert _node("-e", "0", node_options=node_preload(hook)).returncode == 0
    unescaped = _node("-e", "0", node_options=f'--require "{hook}"')
    assert unescaped.returncode != 0 and "NODE_OPTIONS" in unescaped.stderr
