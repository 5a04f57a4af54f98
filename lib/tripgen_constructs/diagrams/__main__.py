"""``python -m tripgen_constructs.diagrams cdktf.out -o docs/diagrams``: draw from existing JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import outputs
from . import FORMATS, VIEWS, DiagramInputError, DiagramOutputError, draw_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tripgen_constructs.diagrams",
        description="Draw network and physical-architecture diagrams from cdktf.out.",
    )
    parser.add_argument("outdir", type=Path, help="the cdktf.out folder (holds stacks/*/cdk.tf.json)")
    parser.add_argument("-o", "--output", type=Path, default=Path("docs/diagrams"))
    parser.add_argument("--stack", action="append", help="stack name (repeatable); default: all")
    parser.add_argument("--view", action="append", choices=VIEWS, help="default: all views")
    parser.add_argument("--format", action="append", choices=FORMATS, help="default: all formats")
    parser.add_argument("--grants", action="store_true", help="draw role grants as edges")
    args = parser.parse_args(argv)
    try:
        result = draw_all(
            args.outdir,
            args.output,
            tuple(args.format or FORMATS),
            stacks=args.stack,
            views=tuple(args.view or VIEWS),
            grants=args.grants,
        )
    except (DiagramInputError, DiagramOutputError, outputs.OutputError) as error:  # one line, exit 2
        print(f"error: {error}", file=sys.stderr)
        return 2
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for path in result.written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
