"""Open the HTML explorer in a real browser: Debian's Chromium driven by Playwright.

For the browser tests, the explorer benchmark and the screenshots in ``docs/diagrams/``.
Playwright's own browser download is not used (``executable_path`` names the system Chromium).
``python -m tripgen_constructs.diagrams.browser docs/diagrams -o docs/screenshots`` writes
``explorer-<env>.png`` of every explorer there (beside the diagrams they would be removed by the
next main job: that folder holds only what it draws).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

VIEWPORT = {"width": 1400, "height": 900}
READY = "window.explorer !== undefined && window.explorer.drawn() === window.explorer.current()"
"""The page's signal that Cytoscape has drawn the first frame of the view it shows."""


class BrowserError(RuntimeError):
    """No Chromium or no Playwright on this machine."""


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise BrowserError("Chromium is missing: apt-get install chromium (./scripts/bootstrap does)")
    return found


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (a Playwright ``Browser``), closed on exit."""
    try:
        from playwright.sync_api import sync_playwright
    except ModuleNotFoundError as error:
        raise BrowserError("Playwright is missing: pip install -e '.[dev]'") from error
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


class ExplorerPage:
    """An explorer loaded in a new page; ``errors`` holds what its console reported as errors."""

    def __init__(self, browser: Any, path: Path, timeout_ms: float = 60_000) -> None:
        self.page = browser.new_page(viewport=VIEWPORT)
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        started = time.perf_counter()
        self.page.goto(Path(path).resolve().as_uri(), timeout=timeout_ms)
        self.page.wait_for_function(READY, timeout=timeout_ms)
        self.load_seconds = time.perf_counter() - started
        """From navigation to the first frame of the first view (as Playwright sees it; the bench
        reads the page's own ``explorer-drawn`` mark)."""

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def click_element(self, element_id: str, corner: bool = False) -> None:
        """A real mouse click on an element: its middle, or (``corner``) just inside its top-left
        corner, where a container has nothing of its own on top."""
        body = "{includeLabels: false, includeOverlays: false}"
        box = self.js(f"window.explorer.cy().$id('{element_id}').renderedBoundingBox({body})")
        origin = self.page.locator("#cy").bounding_box()
        x, y = (box["x1"] + 5, box["y1"] + 5) if corner else ((box["x1"] + box["x2"]) / 2, (box["y1"] + box["y2"]) / 2)
        self.page.mouse.click(origin["x"] + x, origin["y"] + y)

    def close(self) -> None:
        self.page.close()


def screenshots(browser: Any, folder: Path, target: Path) -> list[Path]:
    """``target/explorer-<env>.png`` of each ``explorer-<env>.html`` of ``folder``."""
    written = []
    Path(target).mkdir(parents=True, exist_ok=True)
    for html in sorted(Path(folder).glob("explorer-*.html")):
        page = ExplorerPage(browser, html)
        try:
            shot = Path(target) / f"{html.stem}.png"
            page.page.screenshot(path=str(shot))
            written.append(shot)
        finally:
            page.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tripgen_constructs.diagrams.browser", description=__doc__)
    parser.add_argument("folder", type=Path, help="a folder of explorer-<env>.html files")
    parser.add_argument("-o", "--output", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args(argv)
    try:
        with chromium() as browser:
            for path in screenshots(browser, args.folder, args.output):
                print(path)
    except BrowserError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
