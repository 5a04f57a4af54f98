"""Benchmark of the two CDK runtimes side by side: floor and main job on cdktf and on cdktn.

    python3 bench/runtimes.py [--runs 5] [--node 20|22|both]

(``bench/run.py`` measures the synth cache, the diagrams and the scale on the default runtime.)

Measures, as medians over ``--runs`` runs (each a fresh process, as users run it):

1. floor: a bare cdktf app that imports the azurerm bindings and synthesizes one empty stack, both
   the usual way (``import cdktf_cdktf_provider_azurerm``: the package imports all 1,530 of its
   submodules) and the way this library loads them (``tripgen_constructs._cdk.load_package``: the
   assembly, then only the submodules used);
2. main job: ``python -m apps`` (both environments synthesized, diagrams drawn, manifests written);
3. diagrams only: ``python -m tripgen_constructs.diagrams`` on the main job's ``cdktf.out``;
4. scale: a generated 1,000-resource stack through the diagram pipeline;
5. peak RSS (the whole process tree, Node included) of 2 and 3;

for Node 20 (the machine's) and Node 22 (``tools/node``) where both exist, and for each CDK runtime
installed (cdktf in this interpreter, cdktn in ``.venv-cdktn``, docs/cdktn.md), prints the ratio
main job / floor and writes everything to ``bench/runtimes.md``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from run import (  # noqa: E402  (bench/ is on sys.path)
    Sample,
    machine,
    main_job as run_main_job,
    measure,
    median,
    synthetic_stack,
)

ROOT = Path(__file__).resolve().parent.parent
NODE22 = ROOT / "tools" / "node" / "node_modules" / ".bin" / "node"
CDKTN_PYTHON = ROOT / ".venv-cdktn" / "bin" / "python"
# runtime -> (interpreter, core module, bindings package); the names as in lib/tripgen_constructs/_cdk.py
RUNTIMES = {
    "cdktf": (Path(sys.executable), "cdktf", "cdktf_cdktf_provider_azurerm"),
    "cdktn": (CDKTN_PYTHON, "cdktn", "cdktn_provider_azurerm"),
}
FLOOR_APP = """
import sys
from {core} import App, TerraformStack
{load}from {bindings}.provider import AzurermProvider

app = App(outdir=sys.argv[1])
stack = TerraformStack(app, "floor")
AzurermProvider(stack, "azurerm", features=[{}])
app.synth()
"""
FLOORS = {
    "usual import": "",
    "lazy package": (
        "from tripgen_constructs._cdk import AZURERM_PACKAGE, load_package\nload_package(AZURERM_PACKAGE)\n"
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--node", choices=["20", "22", "both"], default="both", help="which Node runs jsii")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "runtimes.md")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tripgen-bench-"))
    runtimes = {name: spec for name, spec in RUNTIMES.items() if spec[0].exists()}
    floor_apps: dict[tuple[str, str], Path] = {}
    for name, (_, core, bindings) in runtimes.items():
        for kind, load in FLOORS.items():
            floor_apps[name, kind] = work / f"floor-{name}-{kind.replace(' ', '-')}.py"
            floor_apps[name, kind].write_text(
                FLOOR_APP.replace("{load}", load).replace("{core}", core).replace("{bindings}", bindings)
            )
    base_env = {**os.environ, "JSII_RUNTIME_PACKAGE_CACHE": "enabled"}
    nodes = {"Node 20 (system)": shutil.which("node") or "node"}
    if NODE22.exists():
        nodes["Node 22 (tools/node)"] = str(NODE22)
    nodes = {label: node for label, node in nodes.items() if args.node in ("both", label.split()[1])}
    py = sys.executable

    results: dict[str, dict[str, Sample]] = {}
    for label, node in nodes.items():
        for name, (python, _, _) in runtimes.items():
            env = {**base_env, "JSII_NODE": node, "TRIPGEN_CDK": name}
            runs: dict[str, list[Sample]] = {kind: [] for kind in [*FLOORS, "main"]}
            for _ in range(args.runs):  # interleaved, so a busy moment hits every measure alike
                for kind in FLOORS:
                    runs[kind].append(measure([str(python), str(floor_apps[name, kind]), str(work / "floor.out")], env))
                # every output into work/, never the repo's docs/ (the main job's defaults)
                main_job = [*run_main_job(work / f"main-{name}")[1:], "--no-cache"]
                runs["main"].append(measure([str(python), *main_job], env))
            key = f"{name}, {label}"
            results[key] = {kind: median(samples) for kind, samples in runs.items()}
            print(key, {kind: round(r.seconds, 2) for kind, r in results[key].items()})

    diagrams = median(
        [
            measure(
                [py, "-m", "tripgen_constructs.diagrams", str(work / "main-cdktf.out"), "-o", str(work / "d2")],
                base_env,
            )
            for _ in range(args.runs)
        ]
    )
    synthetic_stack(work / "scale.out" / "stacks" / "scale" / "cdk.tf.json", 1000)
    scale = median(
        [
            measure(
                [py, "-m", "tripgen_constructs.diagrams", str(work / "scale.out"), "-o", str(work / "d3")], base_env
            )
            for _ in range(max(1, args.runs // 2))
        ]
    )
    stacks = len(list((work / "main-cdktf.out" / "stacks").iterdir()))

    best = min(results, key=lambda k: results[k]["main"].seconds)
    no_jsii = "none (no jsii)"

    def row(what: str, node: str, sample: Sample) -> str:
        return f"| {what} | {node} | {sample.seconds:.2f} | {sample.peak_rss_mb:.0f} |"

    lines = [
        "# Benchmark results",
        "",
        f"Written by `python3 bench/run.py --runs {args.runs} --node {args.node}` on {time.strftime('%Y-%m-%d')}; "
        f"medians of {args.runs} runs, each a fresh process.",
        "",
        f"Machine: {machine()}.",
        "",
        "| measure | runtime, Node | wall time (s) | peak RSS, process tree (MB) |",
        "|---|---|---:|---:|",
    ]
    for label, r in results.items():
        lines += [row(f"1. floor: bare app, azurerm bindings ({k}), one empty stack", label, r[k]) for k in FLOORS]
        lines.append(row("2. main job: `python -m apps` (both stacks, diagrams, manifests)", label, r["main"]))
    lines += [
        row(f"3. diagrams only, {stacks} environments, all views and formats", no_jsii, diagrams),
        row("4. scale: generated 1,000-resource stack through the diagram pipeline", no_jsii, scale),
        "",
        "Ratios (same run):",
        "",
    ]
    for label, r in results.items():
        lines += [
            f"- main job / floor ({k}) with {label}: **{r['main'].seconds / r[k].seconds:.2f}×** (target ≤ 1.2×)"
            for k in FLOORS
        ]
    for label in nodes:  # the two runtimes side by side
        pair = results.get(f"cdktn, {label}"), results.get(f"cdktf, {label}")
        if pair[0] and pair[1]:
            lines.append(
                f"- main job cdktn / cdktf with {label}: **{pair[0]['main'].seconds / pair[1]['main'].seconds:.2f}×**"
            )
    main_rss = results[best]["main"].peak_rss_mb / 1024
    lines += [
        f"- diagrams only per environment: **{diagrams.seconds / stacks:.2f} s** (target ≤ 0.5 s)",
        f"- 1,000-resource stack: **{scale.seconds:.2f} s** (target ≤ 10 s)",
        f"- main job peak RSS with {best}: **{main_rss:.2f} GB** (target ≤ 1.5 GB)",
        f"- fastest runtime and Node for the main job: **{best}**",
        "",
    ]
    args.output.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
