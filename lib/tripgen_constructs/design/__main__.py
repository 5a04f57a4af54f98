"""``python -m tripgen_constructs.design cdktf.out [-o docs] [--prices prices.json] [--target prod=99.9]``

Writes ``architecture-<env>.md`` for every stack of a cdktf output folder. Exit status 2 for a
malformed price file or unreadable stacks (the message names the file, item and field).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cost import PriceFileError, load_price_file
from ..synthesized import SynthInputError
from . import write_design_docs
from .text import LANGUAGES


def _target(text: str) -> tuple[str, float]:
    env, _, value = text.partition("=")
    try:
        return env, float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected ENV=PERCENT (prod=99.9), got {text!r}") from None


def _translation(text: str) -> tuple[str, str]:
    env, _, lang = text.partition("=")
    if not env or lang not in set(LANGUAGES) - {"en"}:
        raise argparse.ArgumentTypeError(
            f"expected ENV=LANG with LANG one of {sorted(set(LANGUAGES) - {'en'})} (prod=ko), got {text!r}"
        )
    return env, lang


def _by_environment(pairs: list[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    by_env: dict[str, tuple[str, ...]] = {}
    for env, lang in pairs:
        by_env[env] = (*by_env.get(env, ()), lang)
    return by_env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tripgen_constructs.design", description=__doc__)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("-o", "--docs", type=Path, default=Path("docs"))
    parser.add_argument("--diagrams", type=Path, default=Path("docs/diagrams"))
    parser.add_argument("--prices", type=Path, help="an Azure Retail Prices API response (JSON)")
    parser.add_argument("--target", type=_target, action="append", default=[], metavar="ENV=PERCENT")
    parser.add_argument(
        "--translate",
        type=_translation,
        action="append",
        default=[],
        metavar="ENV=LANG",
        help=f"also write architecture-ENV.LANG.md, LANG one of {sorted(set(LANGUAGES) - {'en'})}",
    )
    args = parser.parse_args(argv)
    try:
        prices = load_price_file(args.prices) if args.prices else None
        source = f"price file `{args.prices.name}`" if args.prices else "pinned price table (`config/price_table.py`)"
        result = write_design_docs(
            args.outdir, args.docs, args.diagrams, dict(args.target), _by_environment(args.translate), prices, source
        )
    except (PriceFileError, SynthInputError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for file in result.files:
        print(file)
    for warning in result.warnings:
        print(f"design: warning: {warning}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
