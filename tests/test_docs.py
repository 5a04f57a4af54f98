"""The docs name tests that exist: every ``file::test`` in docs/*.md is a test function under tests/."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = re.compile(r"`(?:tests/)?((?:[\w/]+/)?test_\w+\.py)::(test_\w+)")


def test_every_test_named_in_the_docs_exists():
    missing, seen = [], 0
    for doc in sorted((ROOT / "docs").glob("*.md")):
        for file, name in REFERENCE.findall(doc.read_text(encoding="utf-8")):
            seen += 1
            source = ROOT / "tests" / file
            if not source.exists() or not re.search(rf"^def {name}\(", source.read_text(), re.M):
                missing.append(f"{doc.name}: {file}::{name}")
    assert seen > 100  # the spec coverage table alone names more
    assert missing == []
