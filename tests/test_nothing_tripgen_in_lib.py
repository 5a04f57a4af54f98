"""Nothing TripGen-specific in lib/ (issue 14): no workload name, Korean region, fixed +09:00 or
10.x address in the library's code. Read from the source: strings that are not docstrings.

``ALLOWED`` lists what is still there, each with its reason; shrinking it is the way forward, and
a new occurrence fails this test.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "lib" / "tripgen_constructs"
OWN_NAMES = re.compile(r"tripgen[_-]constructs|TRIPGEN_[A-Z_]+|\.tripgen-(new|old)\b")
"""This library's own names (package, its environment variables, its staging files): not TripGen's."""
PATTERN = re.compile(r"(?i)tripgen|korea|\+09:00|\b10\.\d+\.\d+\.\d+")
REGION_TABLE = PACKAGE / "config" / "regions.py"  # the one place region names belong
PRICE_TABLE = PACKAGE / "config" / "price_table.py"  # prices are per region: the table's keys name them

ALLOWED: dict[tuple[str, str], str] = {}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        for statement in getattr(node, "body", []) if isinstance(getattr(node, "body", None), list) else []:
            if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                found.add(id(statement.value))
    return found


def _occurrences() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        if path in (REGION_TABLE, PRICE_TABLE):
            continue
        tree = ast.parse(path.read_text())
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
            if text is not None and id(node) not in docs and PATTERN.search(OWN_NAMES.sub("", text)):
                found.add((str(path.relative_to(PACKAGE)), text[:60]))  # a long text by its start
    return found


def test_no_tripgen_name_korean_region_fixed_offset_or_10_address_outside_the_allow_list():
    assert _occurrences() - set(ALLOWED) == set()


def test_the_allow_list_names_only_what_is_still_there():
    assert set(ALLOWED) - _occurrences() == set()


def test_region_names_live_only_in_the_region_table():
    hits = {(path, value) for path, value in _occurrences() - set(ALLOWED) if re.search(r"(?i)korea", value)}
    assert hits == set()
