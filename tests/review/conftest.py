"""The review's inputs: BASE/HEAD ``cdktf.out`` folders filed from the session's stacks and the variant
stacks (``tests/review/variants.py``, synthesized once by ``variants_dir`` in tests/conftest.py)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .variants import VARIANTS


@pytest.fixture(scope="session")
def output(synth_dir: Path, variants_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """``output(tripgen_prod="tripgen-prod-pool8", ...)``: a cdktf.out whose stacks (by name) are
    copies of synthesized stacks (a variant filed under the name it changes)."""
    made: dict[tuple[tuple[str, str], ...], Path] = {}

    def build(**stacks: str) -> Path:
        key = tuple(sorted(stacks.items()))
        if key not in made:
            root = tmp_path_factory.mktemp("review-input")
            for name, source in stacks.items():
                name = name.replace("_", "-")
                where = variants_dir if source in VARIANTS else synth_dir
                (root / "stacks" / name).mkdir(parents=True)
                shutil.copy(where / "stacks" / source / "cdk.tf.json", root / "stacks" / name / "cdk.tf.json")
                rules = where / f"{source}-rules.json"
                if rules.exists():
                    shutil.copy(rules, root / f"{name}-rules.json")
            made[key] = root
        return made[key]

    return build


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
