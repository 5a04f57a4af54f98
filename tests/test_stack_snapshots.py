"""Both synthesized stacks match their syrupy snapshots (one JSON file each).

The snapshot says only "unchanged": every spec value is asserted by the construct tests. After an
intended change, `python3 -m pytest tests/test_stack_snapshots.py --snapshot-update` and read the
diff of `__snapshots__/` in review.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from syrupy.extensions.json import JSONSnapshotExtension
from tripgen_constructs.reader import read_stack

from apps import ENVIRONMENT_NAMES
from tests.runtimes import in_cdktf_terms


@pytest.fixture
def snapshot_json(snapshot):
    return snapshot.use_extension(JSONSnapshotExtension)


@pytest.mark.parametrize("env", ENVIRONMENT_NAMES)
def test_synthesized_stack_matches_its_snapshot(env, synth_dir: Path, snapshot_json):
    # On cdktn, in the 4.55 vocabulary: tests/test_cdktn.py proves that rewrite exact.
    stack = in_cdktf_terms(dict(read_stack(synth_dir / "stacks" / f"tripgen-{env}" / "cdk.tf.json").document))
    assert stack == snapshot_json
