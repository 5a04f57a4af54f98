"""Benchmark of the HTML explorer: build time and load time in Chromium, by stack size.

``python3 bench/explorer.py`` prints a Markdown table (bench/explorer-results.md keeps the last
run). Load time is from navigation until the first view is drawn, in Debian's Chromium.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from run import machine, synthetic_stack
from tripgen_constructs.diagrams import draw_all
from tripgen_constructs.diagrams.browser import ExplorerPage, chromium

SIZES = (1000, 5000)


def main() -> int:
    rows = ["| resources | explorer HTML | build (s) | load in Chromium (s) |", "|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as work, chromium() as browser:
        for size in SIZES:
            outdir = Path(work) / f"s{size}" / "cdktf.out"
            synthetic_stack(outdir / "stacks" / "scale" / "cdk.tf.json", size)
            started = time.perf_counter()
            draw_all(outdir, outdir.parent / "html", ("html",))
            built = time.perf_counter() - started
            html = outdir.parent / "html" / "explorer-scale.html"
            page = ExplorerPage(browser, html, timeout_ms=300_000)
            loaded = page.load_seconds
            page.close()
            rows.append(f"| {size:,} | {html.stat().st_size / 1e6:.1f} MB | {built:.1f} | {loaded:.1f} |")
    print(f"Explorer benchmark on {machine()}\n")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
