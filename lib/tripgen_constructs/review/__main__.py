"""``python -m tripgen_constructs.review BASE HEAD -o OUT`` or ``... OUTDIR --compare A B -o OUT``.

Exit status: 0 reviewed (gates passed), 1 a ``--fail-on`` gate failed (reasons on stderr),
2 bad input (one line on stderr).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .core import GATES, compare, review
from .source import ReviewInputError, load_output
from .write import PICTURE_FORMATS, write_review


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tripgen_constructs.review",
        description="Review the architecture change between two synthesized outputs (cdktf.out folders).",
    )
    parser.add_argument("base", type=Path, help="BASE cdktf.out (with --compare: the one cdktf.out)")
    parser.add_argument("head", type=Path, nargs="?", help="HEAD cdktf.out")
    parser.add_argument("-o", "--output", type=Path, default=Path("review"))
    parser.add_argument("--compare", nargs=2, metavar=("STACK_A", "STACK_B"), help="compare two stacks of BASE")
    parser.add_argument("--fail-on", action="append", choices=GATES, default=[], help="exit 1 if this gate fails")
    parser.add_argument("--format", action="append", choices=PICTURE_FORMATS, help="picture formats (default: all)")
    parser.add_argument("--no-pictures", action="store_true")
    args = parser.parse_args(argv)
    if (args.head is None) == (args.compare is None):
        parser.error("give BASE and HEAD, or one cdktf.out with --compare STACK_A STACK_B")
    try:
        if args.compare:
            base = head = load_output(args.base, tuple(args.compare))
            result = compare(base, *args.compare)
        else:
            base, head = load_output(args.base), load_output(args.head)
            result = review(base, head, str(args.base), str(args.head))
    except ReviewInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    gates = tuple(dict.fromkeys(args.fail_on))
    formats = () if args.no_pictures else tuple(args.format or PICTURE_FORMATS)
    for path in write_review(result, base, head, args.output, gates=gates, formats=formats):
        print(path)
    failed = [(gate, result.gate_reasons(gate)) for gate in gates]
    failed = [(gate, reasons) for gate, reasons in failed if reasons]
    for gate, reasons in failed:
        print(f"gate {gate} failed:", file=sys.stderr)
        for reason in reasons:
            print(f"  {reason}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
