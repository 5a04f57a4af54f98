"""Diagram fixtures: one headless Chromium for every Mermaid rendering of the session, and the
placed diagrams (draw.io, HTML explorers) of the main job's outputs, drawn once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tripgen_constructs.diagrams import DrawResult, draw_all
from tripgen_constructs.diagrams.browser import chromium

from .mermaid_render import MermaidBrowser


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The session's one headless Chromium (Debian's, through Playwright), for every browser test."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def mermaid_browser(browser: Any) -> Iterator[MermaidBrowser]:
    rendering = MermaidBrowser(browser)
    yield rendering
    rendering.close()


@pytest.fixture(scope="session")
def placed(main_job_outdir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DrawResult]:
    """The draw.io files and HTML explorers of every environment, as the main job draws them."""
    target = tmp_path_factory.mktemp("placed-diagrams")
    return target, draw_all(main_job_outdir, target, ("drawio", "html"))
