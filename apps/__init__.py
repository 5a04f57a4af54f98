"""TripGen's own environments: ``apps/<env>/config.py`` holds each one's settings only."""

from . import runtime  # noqa: F401  (must run before the jsii kernel starts)
from .dev.config import DEV
from .prod.config import PROD

ENVIRONMENTS = (PROD, DEV)

__all__ = ["DEV", "ENVIRONMENTS", "PROD"]
