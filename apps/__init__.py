"""TripGen's own environments: ``apps/<env>/config.py`` holds each one's settings only."""

from .dev.config import DEV
from .prod.config import PROD

ENVIRONMENTS = (PROD, DEV)

__all__ = ["DEV", "ENVIRONMENTS", "PROD"]
