"""Diagram scale benchmark: generated stacks of 1k/5k/20k resources through the diagram command.

    python3 bench/scale.py [--sizes 1000 5000 20000] [--runs 1]

For each size, a fresh process runs ``python -m tripgen_constructs.diagrams`` twice: text formats
only (Mermaid + DOT) and all formats (Mermaid, DOT, PNG, SVG). Reports wall times, the growth
exponent k of time ~ resources^k (least squares over the sizes) and, for the largest size, the
time of each phase in one process. Rewrites the ``## Scale`` section of ``bench/results.md``
(the rest of the file is kept; ``bench/run.py`` keeps this section too).
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ROOT, machine, measure, synthetic_stack  # noqa: E402

HEADING = "## Scale"
TEXT = ("--format", "mmd", "--format", "dot")


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(seconds) over log(sizes)."""
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in seconds]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def phases(outdir: Path) -> dict[str, float]:
    """Seconds per phase for one stack, in this process."""
    from tripgen_constructs.diagrams import build_model, build_view, render_graphviz, render_mermaid
    from tripgen_constructs.diagrams.parse import load_stack
    from tripgen_constructs.diagrams.split import split

    times, start = {}, time.perf_counter()

    def lap(name: str) -> None:
        nonlocal start
        now = time.perf_counter()
        times[name] = now - start
        start = now

    stack = load_stack(next(outdir.glob("stacks/*/cdk.tf.json")))
    lap("read")
    model = build_model(stack)
    lap("model")
    views = [build_view(model, v) for v in ("network", "physical-architecture")]
    lap("views")
    for view in views:
        render_mermaid.render(view)
    lap("Mermaid text")
    for view in views:
        render_graphviz.dot_source(view)
    lap("DOT text")
    drawn = [split(v) for v in views]
    lap("split")
    # what Graphviz lays out: each view whole, or when split its index and every part
    times["layout engine"] = {  # type: ignore[assignment]
        v.name: f"{len(v.parts)} parts ("
        + ", ".join(f"{n} {e}" for e, n in sorted(Counter(render_graphviz.engine(p) for p in v.parts).items()))
        + ")"
        if v.parts
        else render_graphviz.engine(v)
        for v in drawn
    }
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.md")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tripgen-scale-"))
    env = {**os.environ}
    py = sys.executable
    rows, text_times, all_times = [], [], []
    for size in args.sizes:
        outdir = work / f"s{size}" / "cdktf.out"
        synthetic_stack(outdir / "stacks" / "scale" / "cdk.tf.json", size)
        cmd = [py, "-m", "tripgen_constructs.diagrams", str(outdir), "-o", str(work / f"d{size}")]
        text = statistics.median(measure([*cmd, *TEXT], env).seconds for _ in range(args.runs))
        every = statistics.median(measure(cmd, env).seconds for _ in range(args.runs))
        text_times.append(text)
        all_times.append(every)
        rows.append(f"| {size:,} | {text:.2f} | {every:.2f} |")
        print(size, round(text, 2), round(every, 2), flush=True)
    split = phases(work / f"s{args.sizes[-1]}" / "cdktf.out")
    engines = split.pop("layout engine")
    load = os.getloadavg()
    lines = [
        HEADING,
        "",
        f"Written by `python3 bench/scale.py` on {time.strftime('%Y-%m-%d %H:%M')}; medians of {args.runs} "
        f"run(s), each a fresh process; load average at the end {load[0]:.1f} on {os.cpu_count()} cores "
        "(the machine is shared: compare the rows of one run, not runs).",
        "",
        f"Machine: {machine()}.",
        "",
        "Generated stacks (`bench/run.py` `synthetic_stack`: VNets of 8 subnets, each with an NSG, a Key Vault",
        "and its private endpoint) through `python -m tripgen_constructs.diagrams`.",
        "",
        "| resources | Mermaid + DOT (s) | all formats: Mermaid, DOT, PNG, SVG (s) |",
        "|---:|---:|---:|",
        *rows,
        "",
        f"- growth exponent (time ~ resources^k, {len(args.sizes)} sizes): Mermaid + DOT **k = "
        f"{exponent(args.sizes, text_times):.2f}**, all formats **k = {exponent(args.sizes, all_times):.2f}**",
        f"- {args.sizes[-1]:,} resources: Mermaid + DOT **{text_times[-1]:.1f} s** (target ≤ 10 s), all formats "
        f"**{all_times[-1]:.1f} s** (target ≤ 60 s)",
        f"- layout engines at {args.sizes[-1]:,}: "
        + ", ".join(f"{name} {engine}" for name, engine in engines.items())
        + " (views over `split.SPLIT_OVER` boxes are drawn as parts; a picture above `render_graphviz.LARGE_VIEW`"
        " boxes would use osage and say so in its title)",
        f"- phases at {args.sizes[-1]:,} in one process (s): " + ", ".join(f"{k} {v:.2f}" for k, v in split.items()),
        "",
    ]
    before = args.output.read_text().partition(HEADING)[0].rstrip() if args.output.exists() else ""
    args.output.write_text((before + "\n\n" if before else "") + "\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
