"""``FrontDoorEdge``: Azure Front Door in front of the Application Gateway (G-1, N-6).

Profile, endpoint, origin group with a health probe, one origin (the gateway's public address,
over HTTPS only), a cached route for static paths and an uncached route for the rest, both
redirecting HTTP to HTTPS. With a WAF policy SKU (always on Premium, where managed rule sets are
available), a Front Door WAF policy runs the shared custom rules at the edge, where the client's
own address is known.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from .props import Props, refusal

# --- Spec defaults -------------------------------------------------------------------------------

FrontDoorSku = Literal["Standard_AzureFrontDoor", "Premium_AzureFrontDoor"]

SKU_NAME: FrontDoorSku = "Standard_AzureFrontDoor"  # G-1: Standard in the design's cost table
PREMIUM: FrontDoorSku = "Premium_AzureFrontDoor"
# G-1: CDN caching for static content (P-8 `static:` keys, 24 h)
CACHED_PATHS = ("/static/*", "/assets/*")
HEALTH_PROBE_PATH = "/actuator/health"  # K-6: each service's health (the gateway's bootstrap probe)
EDGE_HEALTH_PATH = "/healthz"
"""Front Door's probe path (spec silent). The mesh edge answers it itself (``IstioIngressRoute``),
so the probe covers the whole origin path (gateway, AGIC's Ingress, Istio's ingress gateway)
without depending on one service; K-6's path exists only behind ``/api/<service>``."""
PROBE_PATH = re.compile(r"(/[A-Za-z0-9._~-]+)+")
PROBE_PATH_RULE = "an exact path such as '/healthz' (letters, digits, '.', '_', '~', '-')"
"""What a probe path may be: an Ingress and a ``VirtualService`` must match it exactly."""
HEALTH_PROBE_INTERVAL_SECONDS = 100  # spec silent: Azure's default
# Spec silent: AI responses are <= 5 s at p95 (T-3); 60 s covers the tail.
RESPONSE_TIMEOUT_SECONDS = 60
DEFAULT_RULE_SET_VERSION = "2.1"  # Front Door Premium's managed default rule set (OWASP-based)
COMPRESSED_CONTENT_TYPES = (
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "text/css",
    "text/html",
    "text/javascript",
    "text/plain",
)


class FrontDoorProps(Props):
    """Settings of the Front Door edge."""

    sku_name: FrontDoorSku = SKU_NAME
    waf_sku_name: FrontDoorSku | None = None
    """SKU of the Front Door WAF policy. ``None``: none on Standard, the profile's SKU on Premium.
    Azure accepts only a policy of the profile's own SKU, so any other value is refused."""
    cached_paths: tuple[str, ...] = Field(default=CACHED_PATHS, min_length=1)
    health_probe_path: str = EDGE_HEALTH_PATH
    health_probe_interval_seconds: int = Field(default=HEALTH_PROBE_INTERVAL_SECONDS, ge=5, le=31536000)
    response_timeout_seconds: int = Field(default=RESPONSE_TIMEOUT_SECONDS, ge=16, le=240)

    @field_validator("health_probe_path")
    @classmethod
    def _health_probe_path(cls, value: str) -> str:
        if not PROBE_PATH.fullmatch(value):
            raise refusal("front_door.health_probe_path", value, PROBE_PATH_RULE)
        return value

    @field_validator("cached_paths")
    @classmethod
    def _cached_paths(cls, paths: tuple[str, ...]) -> tuple[str, ...]:
        for path in paths:
            if not path.startswith("/") or path in ("/", "/*") or path.startswith("/api"):
                raise refusal(
                    "front_door.cached_paths",
                    path,
                    "a static path pattern such as '/static/*' (never '/*' or the API)",
                )
        return paths

    @model_validator(mode="after")
    def _waf_sku(self) -> FrontDoorProps:
        if self.waf_sku_name is not None and self.waf_sku_name != self.sku_name:
            raise refusal("front_door.waf_sku_name", self.waf_sku_name, f"the profile's SKU {self.sku_name!r}")
        return self

    @property
    def waf_policy_sku(self) -> str | None:
        """The Front Door WAF policy's SKU, or ``None`` when the edge has none."""
        return self.sku_name if self.sku_name == PREMIUM else self.waf_sku_name
