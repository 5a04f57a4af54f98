"""``_lazy_exports.js``: the jsii kernel's Node loads a provider package's submodules when first used,
and the package exports the same objects as without it (the stack snapshots show the synthesized
JSON unchanged). Run in Node subprocesses on a package made here, in both generated shapes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tripgen_constructs import __file__ as package_init

HOOK = Path(package_init).with_name("_lazy_exports.js")
NODE22 = Path(__file__).resolve().parent.parent / "tools" / "node" / "node_modules" / ".bin" / "node"
NODE = str(NODE22) if NODE22.exists() else shutil.which("node")

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
const before = { ...globalThis.loads };
const names = Object.keys(index);
const first = index.alpha;
console.log(JSON.stringify({
  before, names, alpha: first.name, wrapped: first.wrapped === true,
  same: index.alpha === first, after: { ...globalThis.loads },
}));
"""


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
    env = {**os.environ, "NODE_OPTIONS": ""}  # not the hook this process's _cdk may have set
    done = subprocess.run(
        [NODE, "-e", PROBE, str(hook or ""), str(index)], env=env, capture_output=True, text=True, check=True
    )
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


def test_the_hook_joins_the_node_options_the_user_set_once(tmp_path: Path):
    """In a fresh process: _cdk keeps NODE_OPTIONS and adds the hook, and a second import (a child
    process inherits the variable) does not add it again."""
    code = (
        "import importlib, os, sys; import tripgen_constructs._cdk as c; first = os.environ['NODE_OPTIONS'];"
        "del sys.modules['tripgen_constructs._cdk']; importlib.import_module('tripgen_constructs._cdk');"
        "print(first); print(os.environ['NODE_OPTIONS'])"
    )
    env = {**os.environ, "NODE_OPTIONS": "--max-old-space-size=3072"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    expected = f'--max-old-space-size=3072 --require "{HOOK}"'
    assert done.stdout.splitlines() == [expected, expected]
