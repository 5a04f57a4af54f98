"""Diagram fixtures: one headless Chromium for every Mermaid rendering of the session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .mermaid_render import MermaidBrowser


@pytest.fixture(scope="session")
def mermaid_browser() -> Iterator[MermaidBrowser]:
    browser = MermaidBrowser()
    yield browser
    browser.close()
