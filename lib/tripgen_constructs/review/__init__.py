"""Architecture review of a change (issue 16): two synthesized outputs compared as an architect reads
them, with no plan, state or credentials.

``python -m tripgen_constructs.review BASE HEAD -o OUT`` (two ``cdktf.out`` folders) or
``python -m tripgen_constructs.review cdktf.out --compare STACK_A STACK_B`` writes ``review.md``,
``review.json`` and ``<view>-<stack>-diff.{mmd,svg,png}``. Layers: ``source`` (the one way in:
stacks, diagram models, rule reports) → ``diff`` (resources by construct path, the attributes
that matter: ``attributes``) and ``consequences`` (flows, exposure, private endpoints, zone
redundancy, DR pairs, findings) → ``core`` (the review, the CI gates) → ``report`` / ``pictures``.
Reads JSON only: never imports the constructs, cdktf or jsii.
"""

from __future__ import annotations

from .core import GATES, Review, StackReview, compare, review, review_stacks
from .source import ReviewInputError, StackInput, load_output
from .write import environments_markdown, write_environments, write_review

__all__ = [
    "GATES",
    "Review",
    "ReviewInputError",
    "StackInput",
    "StackReview",
    "compare",
    "environments_markdown",
    "load_output",
    "review",
    "review_stacks",
    "write_environments",
    "write_review",
]
