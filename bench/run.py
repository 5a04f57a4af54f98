"""Benchmark of the main job against the jsii floor, in one run on one machine.

    python3 bench/run.py [--runs 5]

Measures, as medians over ``--runs`` runs (each a fresh process, as users run it):

1. floor: a bare cdktf app that imports the azurerm bindings and synthesizes one empty stack, both
   the usual way (``import cdktf_cdktf_provider_azurerm``: the package imports all 1,530 of its
   submodules) and the way this library loads them (``tripgen_constructs._cdk.load_package``: the
   assembly, then only the submodules used, in Python and, through ``_lazy_exports.js``, in Node);
2. main job: ``python -m apps --no-cache`` (both environments synthesized, diagrams drawn,
   manifests written); with the synth cache (issue 21), with Node 22 where it is measured: cold (an
   empty cache: build and store) and warm (restore), the warm output compared byte for byte with the
   cold one, each run in the same loop as the floor's;
3. diagrams only: ``python -m tripgen_constructs.diagrams`` on the main job's ``cdktf.out``;
4. scale: a generated 1,000-resource stack through the diagram pipeline;
5. peak RSS (the whole process tree, Node included) of 2 and 3;
6. with ``--suite``, the README's test command once (wall and CPU time);
7. review (issue 16): ``python -m tripgen_constructs.review`` of our environments (BASE = HEAD = the
   main job's output) and of a generated 5,000-resource pair with changes of every kind, report
   only (``--no-pictures``), in the ``## Review`` section (``--only review`` measures just that);

for Node 20 (the machine's) and Node 22 (``tools/node``) where both exist, prints the ratio
main job / floor and writes everything to ``bench/results.md``, keeping that file's hand-written
profile section (from ``## Profile and fixes`` on) as it is.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE22 = ROOT / "tools" / "node" / "node_modules" / ".bin" / "node"
FLOOR_APP = """
import sys
{load}from cdktf import App, TerraformStack
from cdktf_cdktf_provider_azurerm.provider import AzurermProvider

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
PROFILE_HEADING = "## Profile and fixes"
REVIEW_HEADING = "## Review"
SCALE_HEADING = "## Scale"


@dataclass
class Sample:
    seconds: float
    peak_rss_mb: float


def _tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, from /proc."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{pid}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
    return total


def measure(cmd: list[str], env: dict[str, str]) -> Sample:
    """Wall time and peak tree RSS of one run of ``cmd`` (sampled every 20 ms)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.decode()[-3000:]}")
    return Sample(elapsed, peak / 1024)


def median(samples: list[Sample]) -> Sample:
    return Sample(statistics.median(s.seconds for s in samples), statistics.median(s.peak_rss_mb for s in samples))


def synthetic_stack(path: Path, resources: int) -> None:
    """A cdk.tf.json with ``resources`` resources: VNets, subnets, NSGs, endpoints, services."""
    doc: dict = {"resource": {}}
    put = lambda t, n, body: doc["resource"].setdefault(t, {}).__setitem__(n, body)  # noqa: E731
    count, v = 0, 0
    while count < resources:
        rg = f"rg{v}"
        put(
            "azurerm_virtual_network",
            f"vnet{v}",
            {
                "name": f"vnet{v}",
                "address_space": [f"10.{v % 250}.0.0/16"],
                "location": "koreacentral",
                "resource_group_name": rg,
            },
        )
        count += 1
        for s in range(8):
            if count >= resources:
                break
            sn = f"vnet{v}_s{s}"
            put(
                "azurerm_subnet",
                sn,
                {
                    "name": sn,
                    "virtual_network_name": f"${{azurerm_virtual_network.vnet{v}.name}}",
                    "address_prefixes": [f"10.{v % 250}.{s}.0/24"],
                },
            )
            put(
                "azurerm_network_security_group",
                f"nsg_{sn}",
                {
                    "name": f"nsg-{sn}",
                    "location": "koreacentral",
                    "security_rule": [
                        {
                            "name": "allow",
                            "priority": 100,
                            "direction": "Inbound",
                            "access": "Allow",
                            "protocol": "Tcp",
                            "source_address_prefix": "10.0.0.0/8",
                            "destination_port_range": "443",
                            "destination_address_prefix": "*",
                        }
                    ],
                },
            )
            put(
                "azurerm_subnet_network_security_group_association",
                f"assoc_{sn}",
                {
                    "subnet_id": f"${{azurerm_subnet.{sn}.id}}",
                    "network_security_group_id": f"${{azurerm_network_security_group.nsg_{sn}.id}}",
                },
            )
            put(
                "azurerm_key_vault",
                f"kv_{sn}",
                {"name": f"kv{v}{s}", "location": "koreacentral", "sku_name": "premium"},
            )
            put(
                "azurerm_private_endpoint",
                f"pe_{sn}",
                {
                    "name": f"pe-{sn}",
                    "subnet_id": f"${{azurerm_subnet.{sn}.id}}",
                    "private_service_connection": [
                        {
                            "private_connection_resource_id": f"${{azurerm_key_vault.kv_{sn}.id}}",
                            "subresource_names": ["vault"],
                        }
                    ],
                },
            )
            count += 5
        v += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc))


def main_job(where: Path) -> list[str]:
    """``python -m apps`` writing under ``where``."""
    return [
        *(sys.executable, "-m", "apps", "--outdir", str(where / "out"), "--diagrams", str(where / "diagrams")),
        *("--environments", str(where / "environments.md"), "--docs", str(where / "docs")),
    ]


def snapshot(where: Path) -> dict[str, bytes]:
    """Every output file under ``where`` (relative path → bytes)."""
    return {str(p.relative_to(where)): p.read_bytes() for p in sorted(where.rglob("*")) if p.is_file()}


def changed_copy(base: Path, head: Path) -> None:
    """``head``: the stack at ``base`` with changes of every kind the review reports: SKUs, NSG
    rules removed (flows closed), private endpoints removed, a public vault (exposure)."""
    doc = json.loads(base.read_text())
    resources = doc["resource"]
    for index, body in enumerate(resources["azurerm_key_vault"].values()):
        if index % 10 == 0:
            body["sku_name"] = "standard"
        if index % 50 == 0:
            body["public_network_access_enabled"] = True
    for index, body in enumerate(resources["azurerm_network_security_group"].values()):
        if index % 20 == 0:
            body["security_rule"] = []
    for name in list(resources["azurerm_private_endpoint"])[::25]:
        del resources["azurerm_private_endpoint"][name]
    head.parent.mkdir(parents=True, exist_ok=True)
    head.write_text(json.dumps(doc))


def review_case(work: Path, main_out: Path, runs: int) -> list[str]:
    """The ``## Review`` section: the review of our environments and of a 5,000-resource pair."""
    py, env = sys.executable, {**os.environ}
    base = work / "review-base.out" / "stacks" / "scale" / "cdk.tf.json"
    synthetic_stack(base, 5000)
    changed_copy(base, work / "review-head.out" / "stacks" / "scale" / "cdk.tf.json")
    review = [py, "-m", "tripgen_constructs.review"]
    ours = median(
        [
            measure([*review, str(main_out), str(main_out), "-o", str(work / "r1"), "--no-pictures"], env)
            for _ in range(runs)
        ]
    )
    pair = [str(work / "review-base.out"), str(work / "review-head.out")]
    large = median([measure([*review, *pair, "-o", str(work / "r2"), "--no-pictures"], env) for _ in range(runs)])
    stacks = len(list((main_out / "stacks").iterdir()))
    load = os.getloadavg()
    return [
        REVIEW_HEADING,
        "",
        f"Written by `python3 bench/run.py` on {time.strftime('%Y-%m-%d %H:%M')}; medians of {runs} run(s), each a "
        f"fresh process (no jsii); load average at the end {load[0]:.1f} on {os.cpu_count()} cores.",
        "",
        "| measure | wall time (s) | peak RSS (MB) |",
        "|---|---:|---:|",
        f"| review of our {stacks} environments (BASE = HEAD = the main job's cdktf.out), report only "
        f"| {ours.seconds:.2f} | {ours.peak_rss_mb:.0f} |",
        f"| review of a generated 5,000-resource pair (SKUs, NSG rules, private endpoints, exposure changed), "
        f"report only | {large.seconds:.2f} | {large.peak_rss_mb:.0f} |",
        "",
        f"- our environments: **{ours.seconds:.2f} s** (target ≤ 2 s); 5,000-resource pair: "
        f"**{large.seconds:.2f} s** (target ≤ 10 s)",
        "",
    ]


def suite_line() -> str:
    """One run of the README's test command: wall time and the CPU time of its process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=ROOT, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    status = "passed" if done.returncode == 0 else f"exit {done.returncode}"
    return (
        f"- test suite (`python3 -m pytest`, {status}): **{wall:.0f} s** wall, {cpu:.0f} s CPU "
        "(target ≤ 90 s on 2 cores)"
    )


def replace_section(text: str, heading: str, section: list[str]) -> str:
    """``text`` with the section under ``heading`` replaced (or put before ``## Scale``, else at the end)."""
    start = text.find(heading + "\n")
    if start < 0:
        at = text.find(SCALE_HEADING + "\n")
        start = end = at if at >= 0 else len(text)
    else:
        following = text.find("\n## ", start + len(heading))
        end = following + 1 if following >= 0 else len(text)
    block = "\n".join(section) + "\n"
    before = text[:start]
    if before and not before.endswith("\n\n"):
        before = before.rstrip("\n") + "\n\n"
    return before + block + ("\n" + text[end:].lstrip("\n") if text[end:].strip() else "")


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    node20 = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{os.cpu_count()} cores ({cpu}), {int(mem) // 1024 // 1024} GiB RAM, {platform.platform()}, "
        f"Python {platform.python_version()}, system Node {node20}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.md")
    parser.add_argument("--node", choices=["all", "20", "22"], default="all", help="which Node runs jsii")
    parser.add_argument("--only", choices=["review"], help="measure only this case (its section is rewritten)")
    parser.add_argument(
        "--suite", action="store_true", help="also time the README's test command once (python3 -m pytest, minutes)"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tripgen-bench-"))
    if args.only == "review":
        subprocess.run(main_job(work / "main"), check=True)
        section = review_case(work, work / "main" / "out", args.runs)
        args.output.write_text(replace_section(args.output.read_text(), REVIEW_HEADING, section))
        print("\n".join(section))
        shutil.rmtree(work, ignore_errors=True)
        return 0
    floor_apps = {}
    for kind, load in FLOORS.items():
        floor_apps[kind] = work / f"floor-{kind.replace(' ', '-')}.py"
        floor_apps[kind].write_text(FLOOR_APP.replace("{load}", load))
    base_env = {**os.environ, "JSII_RUNTIME_PACKAGE_CACHE": "enabled"}
    nodes = {"Node 20 (system)": shutil.which("node") or "node"}
    if NODE22.exists():
        nodes["Node 22 (tools/node)"] = str(NODE22)
    if args.node != "all":
        nodes = {k: v for k, v in nodes.items() if f"Node {args.node}" in k}
        if not nodes:
            raise SystemExit(f"no Node {args.node} here (Node 22: ./scripts/bootstrap installs tools/node)")
    py = sys.executable

    # The synth cache is measured with the Node the main job uses (apps/runtime.py) when it is
    # measured, a fresh cache per cold run, in the same loop as that Node's floor: a busy moment then
    # hits floor and cache alike (with --node all, the other Node's loop has no cache runs).
    cache_node = "Node 22 (tools/node)" if "Node 22 (tools/node)" in nodes else next(iter(nodes))
    results: dict[str, dict[str, Sample]] = {}
    cold, warm = [], []
    for label, node in nodes.items():
        env = {**base_env, "JSII_NODE": node}
        runs: dict[str, list[Sample]] = {kind: [] for kind in [*FLOORS, "main"]}
        for i in range(args.runs):  # interleaved, so a busy moment hits every measure alike
            for kind, app in floor_apps.items():
                runs[kind].append(measure([py, str(app), str(work / "floor.out")], env))
            runs["main"].append(measure([*main_job(work / "main"), "--no-cache"], env))
            if label == cache_node:
                cached = {**env, "TRIPGEN_CACHE_DIR": str(work / f"cache-{i}")}
                cold.append(measure(main_job(work / "cached"), cached))
                built = snapshot(work / "cached")
                shutil.rmtree(work / "cached")  # the warm run restores every file
                warm.append(measure(main_job(work / "cached"), cached))
                if snapshot(work / "cached") != built:
                    raise SystemExit("the warm run's outputs differ from the cold run's")
        results[label] = {kind: median(samples) for kind, samples in runs.items()}
        print(label, {kind: round(r.seconds, 2) for kind, r in results[label].items()})
    cache = {"cold": median(cold), "warm": median(warm)}
    print("cache", {k: round(v.seconds, 2) for k, v in cache.items()})

    diagrams = median(
        [
            measure(
                [py, "-m", "tripgen_constructs.diagrams", str(work / "main" / "out"), "-o", str(work / "d2")], base_env
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
    stacks = len(list((work / "main" / "out" / "stacks").iterdir()))

    best = min(results, key=lambda k: results[k]["main"].seconds)
    floor = statistics.median(r["usual import"].seconds for r in results.values())
    no_jsii = "none (no jsii)"

    def row(what: str, node: str, sample: Sample) -> str:
        return f"| {what} | {node} | {sample.seconds:.2f} | {sample.peak_rss_mb:.0f} |"

    lines = [
        "# Benchmark results",
        "",
        f"Written by `python3 bench/run.py --runs {args.runs}` on {time.strftime('%Y-%m-%d')}; "
        f"medians of {args.runs} runs, each a fresh process.",
        "",
        f"Machine: {machine()}.",
        "",
        "| measure | Node | wall time (s) | peak RSS, process tree (MB) |",
        "|---|---|---:|---:|",
    ]
    for label, r in results.items():
        lines += [
            row(f"1. floor: bare cdktf app, azurerm bindings ({k}), one empty stack", label, r[k]) for k in FLOORS
        ]
        lines.append(row("2. main job: `python -m apps --no-cache` (stacks, diagrams, manifests)", label, r["main"]))
    lines += [
        row("2a. main job, synth cache cold (empty cache: build, then store)", cache_node, cache["cold"]),
        row("2b. main job, synth cache warm (restore; output byte-identical to 2a)", cache_node, cache["warm"]),
    ]
    lines += [
        row(f"3. diagrams only, {stacks} environments, all views and formats", no_jsii, diagrams),
        row("4. scale: generated 1,000-resource stack through the diagram pipeline", no_jsii, scale),
        "",
        "Ratios (same run):",
        "",
    ]
    for label, r in results.items():
        lines += [
            f"- main job / floor ({k}) with {label}: **{r['main'].seconds / r[k].seconds:.2f}×** "
            + ("(target ≤ 1.2×)" if k == "usual import" else "(no target: jsii with nothing built on it)")
            for k in FLOORS
        ]
    main_rss = results[best]["main"].peak_rss_mb / 1024
    lines += [
        f"- synth cache warm / floor (usual import, median over Nodes {floor:.2f} s): "
        f"**{cache['warm'].seconds / floor:.2f}×** (target ≤ 0.1×), output byte-identical: **yes**",
        f"- synth cache cold / floor: **{cache['cold'].seconds / floor:.2f}×** (target ≤ 0.6×)",
        f"- peak RSS of the process tree, cold: **{cache['cold'].peak_rss_mb / 1024:.2f} GB**, warm: "
        f"**{cache['warm'].peak_rss_mb / 1024:.2f} GB** (target ≤ 1 GB)",
        f"- diagrams only per environment: **{diagrams.seconds / stacks:.2f} s** (target ≤ 0.4 s)",
        f"- 1,000-resource stack: **{scale.seconds:.2f} s** (target ≤ 10 s)",
        f"- main job peak RSS with {best}: **{main_rss:.2f} GB** (target ≤ 1.5 GB)",
        f"- faster jsii runtime for the main job: **{best}**",
        "",
    ]
    if args.suite:
        lines[-1:-1] = [suite_line()]
    lines[-1:-1] = [f"- load average after the measures: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"]
    review = review_case(work, work / "main" / "out", args.runs)
    profile = args.output.read_text().partition(PROFILE_HEADING) if args.output.exists() else ("", "", "")
    text = "\n".join(lines) + ("\n" + profile[1] + profile[2] if profile[1] else "")
    args.output.write_text(replace_section(text, REVIEW_HEADING, review))
    print("\n".join(lines))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
