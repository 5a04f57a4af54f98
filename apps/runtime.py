"""Choose the Node that runs the jsii kernel, before anything starts it.

jsii no longer supports Node 20 (the machine's); ``scripts/bootstrap`` installs Node 22 from the
npm registry into ``tools/node``. An explicit ``JSII_NODE`` always wins.
"""

from __future__ import annotations

import os
from pathlib import Path

from tripgen_constructs._runtime import add_node_option

NODE = Path(__file__).resolve().parent.parent / "tools" / "node" / "node_modules" / ".bin" / "node"

if "JSII_NODE" not in os.environ and NODE.exists():
    os.environ["JSII_NODE"] = str(NODE)
os.environ.setdefault("JSII_RUNTIME_PACKAGE_CACHE", "enabled")
# jsii's kernel calls util.isArray, which Node 22 reports as deprecated on every run: not ours to fix.
# Added to what is there: _cdk may have set NODE_OPTIONS first (its hook), or the user.
add_node_option("--no-deprecation")
