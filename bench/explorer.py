"""Benchmark of the HTML explorer: build time, and time to the first drawn frame in Chromium, by size.

    python3 bench/explorer.py [--runs 5] [--baseline /work/main]

For generated stacks of 1,000 and 5,000 resources (``run.synthetic_stack``) it builds the explorer
(``draw_all``, every view) and opens it ``--runs`` times in Debian's Chromium (headless, through
Playwright, one fresh page each), reporting medians of:

- first frame: from navigation to the end of Cytoscape's first ``render`` of the first view (the
  ``bench-drawn`` mark an init script sets through a wrapper of ``cytoscape()``, so that any version
  of the page is measured the same way); wall clock, so it grows with the machine's load;
- CPU: the page's ``TaskDuration`` and ``ScriptDuration`` (CDP ``Performance.getMetrics``) when the
  bench sees that frame (polled every 50 ms, so it can hold the page's next task), which other
  processes on the machine disturb much less;
- the elements Cytoscape holds at that frame.

``--baseline`` names another checkout (e.g. ``/work/main``): its explorer of the same stacks is
built with its own code and measured in the same run, the pages interleaved, for a before/after.
Writes ``bench/explorer-results.md``, keeping its hand-written section (from ``## Profile`` on).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from run import machine, replace_section, synthetic_stack
from tripgen_constructs.diagrams import draw_all
from tripgen_constructs.diagrams.browser import VIEWPORT, chromium

SIZES = (1000, 5000)
LIMIT_SECONDS = 5.0
"""Issue 20: an HTML view of a 5,000-resource stack opens in the test browser within 5 s."""
RESULTS = Path(__file__).with_name("explorer-results.md")
FIRST_FRAME = """
(() => {
  let real;
  const wrapped = options => {
    const cy = real(options);
    if (!performance.getEntriesByName("bench-drawn").length) {
      cy.one("render", () => performance.mark("bench-drawn"));
    }
    return cy;
  };
  Object.defineProperty(window, "cytoscape", {configurable: true, get: () => real && wrapped,
    set: value => { real = value; }});
})();
"""
DRAWN = "performance.getEntriesByName('bench-drawn').length > 0"
BASELINE_BUILD = (
    "import sys, time; from pathlib import Path; from tripgen_constructs.diagrams import draw_all; "
    "t = time.perf_counter(); draw_all(Path(sys.argv[1]), Path(sys.argv[2]), ('html',)); "
    "print(time.perf_counter() - t)"
)


@dataclass(frozen=True)
class Load:
    first_frame: float
    task: float
    script: float
    elements: int


def open_once(browser: Any, html: Path) -> Load:
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.add_init_script(FIRST_FRAME)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        page.goto(html.resolve().as_uri(), timeout=300_000)
        page.wait_for_function(DRAWN, timeout=300_000, polling=50)
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        drawn = page.evaluate("performance.getEntriesByName('bench-drawn')[0].startTime") / 1000
        elements = page.evaluate("window.explorer.cy().elements().length")
        return Load(drawn, metrics["TaskDuration"], metrics["ScriptDuration"], elements)
    finally:
        page.close()


def build(checkout: Path | None, outdir: Path, target: Path) -> float:
    """Seconds ``draw_all`` takes to write the explorer, with this checkout's code or ``checkout``'s."""
    if checkout is None:
        started = time.perf_counter()
        draw_all(outdir, target, ("html",))
        return time.perf_counter() - started
    env = {**os.environ, "PYTHONPATH": str(checkout / "lib")}
    done = subprocess.run(
        [sys.executable, "-c", BASELINE_BUILD, str(outdir), str(target)], env=env, check=True, capture_output=True
    )
    return float(done.stdout.decode().split()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="another checkout, measured in the same run (before)")
    args = parser.parse_args()
    versions: list[tuple[str, Path | None]] = [("this checkout", None)]
    if args.baseline:
        versions.insert(0, (f"baseline ({args.baseline})", args.baseline.resolve()))
    load_before = os.getloadavg()
    rows = [
        "| resources | version | explorer HTML | build (s) | elements at first frame "
        "| first frame (s), median (min–max) | CPU task (s) | CPU script (s) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    verdicts = []
    with tempfile.TemporaryDirectory() as work, chromium() as browser:
        for size in SIZES:
            outdir = Path(work) / f"s{size}" / "cdktf.out"
            synthetic_stack(outdir / "stacks" / "scale" / "cdk.tf.json", size)
            built = {}
            for index, (name, checkout) in enumerate(versions):
                target = outdir.parent / f"html{index}"
                built[name] = (build(checkout, outdir, target), target / "explorer-scale.html")
            loads: dict[str, list[Load]] = {name: [] for name, _ in versions}
            for _ in range(args.runs):
                for name, _checkout in versions:  # interleaved: a change of load hits every version alike
                    loads[name].append(open_once(browser, built[name][1]))
            for name, _checkout in versions:
                seconds, html = built[name]
                runs = loads[name]
                frames = [r.first_frame for r in runs]
                first = statistics.median(frames)
                rows.append(
                    f"| {size:,} | {name} | {html.stat().st_size / 1e6:.1f} MB | {seconds:.1f} "
                    f"| {runs[0].elements:,} | {first:.2f} ({min(frames):.2f}–{max(frames):.2f}) "
                    f"| {statistics.median(r.task for r in runs):.2f} "
                    f"| {statistics.median(r.script for r in runs):.2f} |"
                )
                if size == max(SIZES) and name == versions[-1][0]:
                    met = "meets" if first <= LIMIT_SECONDS else "misses"
                    verdicts.append(
                        f"The {size:,}-resource explorer {met} the issue's {LIMIT_SECONDS:.0f} s: {first:.2f} s."
                    )
    load_after = os.getloadavg()
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = [
        "# Explorer benchmark",
        "",
        f"Written by `python3 bench/explorer.py{' --baseline ' + str(args.baseline) if args.baseline else ''}` "
        f"on {stamp}, medians of {args.runs} page loads each; load average (1, 5, 15 min) "
        f"{', '.join(f'{v:.2f}' for v in load_before)} before, {', '.join(f'{v:.2f}' for v in load_after)} after.",
        "",
        f"Machine: {machine()}.",
        "",
        *rows,
        "",
        "First frame: from navigation to the end of Cytoscape's first render of the first view, in Debian's "
        "Chromium (headless, software rendering, 1400×900). CPU: the page's task and script time when the bench "
        "sees that frame (CDP `Performance.getMetrics`; it can hold the page's next task too, e.g. a redraw once "
        "the icons are decoded), less sensitive to other load than the wall clock.",
        "",
        *verdicts,
        "",
    ]
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.is_file() else "# Explorer benchmark\n"
    RESULTS.write_text(replace_section(text, "# Explorer benchmark", section), encoding="utf-8")
    print("\n".join(section))
    return 0


if __name__ == "__main__":
    sys.exit(main())
