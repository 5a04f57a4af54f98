"""The README's import example runs as written (in the session's jsii process)."""

from __future__ import annotations

import re
from pathlib import Path

from tripgen_constructs.reader import read_stack

from tests.runtimes import example_for_runtime

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_construct_example_synthesizes_a_private_cluster(tmp_path, synth_dir):
    # synth_dir: the session synth has loaded the bindings already; this adds no second load.
    example = re.search(r"## Use a construct in your own project\n.*?```python\n(.*?)```", README.read_text(), re.S)
    assert example is not None
    # The jsii kernel keeps the process's first working directory: give the App an absolute outdir.
    code = example_for_runtime(example.group(1)).replace("App()", f"App(outdir={str(tmp_path / 'cdktf.out')!r})")
    exec(compile(code, str(README), "exec"), {})
    stack = dict(read_stack(tmp_path / "cdktf.out" / "stacks" / "my-platform" / "cdk.tf.json").document)
    cluster = next(iter(stack["resource"]["azurerm_kubernetes_cluster"].values()))
    assert cluster["name"] == "aks-shop-prod"
    assert cluster["private_cluster_enabled"] is True
