"""The main job: synthesize every environment in one process, then draw the diagrams.

``python -m apps`` (or ``cdktf synth``, which runs the same command from cdktf.json).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tripgen_constructs import build_app

from . import ENVIRONMENTS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m apps", description=__doc__)
    parser.add_argument("--outdir", type=Path, default=Path("cdktf.out"))
    args = parser.parse_args(argv)
    build_app(ENVIRONMENTS, args.outdir).synth()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
