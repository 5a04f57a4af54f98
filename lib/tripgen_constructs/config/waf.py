"""``GatewayWafPolicy``: the Application Gateway's WAF policy (G-3, G-4), and the custom rules that
the gateway and the Front Door WAF share.

The custom rules are described once (``custom_rules``) and rendered for each WAF flavour: the
gateway's policy here, the edge policy in ``front_door``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Final, Literal

from pydantic import AfterValidator, Field, model_validator

from .props import Props, refusal

# --- Spec defaults -------------------------------------------------------------------------------

WAF_MODE: Final = "Prevention"  # G-3
OWASP_VERSION = "3.2"  # G-3: OWASP CRS 3.2 (covers the known-CVE rules of G-3)
# G-3: bot protection, incl. the bad-reputation IPs of Microsoft Threat Intelligence.
BOT_MANAGER_VERSION = "1.1"
RATE_LIMIT_PER_MINUTE = 1000  # G-3, G-4: per client address, then Block
GEO_BLOCK_COUNTRIES: tuple[str, ...] = ()  # G-3: configurable, empty by default (no rule emitted)
MAX_REQUEST_BODY_KB = 128  # Azure's default inspection limit for CRS 3.2
FILE_UPLOAD_LIMIT_MB = 100  # Azure's default for WAF_v2
FRONT_DOOR_ID_HEADER = "X-Azure-FDID"  # G-1: the header Front Door stamps with its profile id
ANY_ADDRESS_EXCEPT = "255.255.255.255/32"
"""Negated, this matches every client: Azure's documented "all traffic" rate-limit condition."""

_COUNTRY = re.compile(r"[A-Z]{2}")


def _check_country(value: str) -> str:
    if not _COUNTRY.fullmatch(value):
        raise refusal(
            "geo_block_countries",
            value,
            "an ISO 3166-1 alpha-2 code in capitals such as 'KP' ('ZZ': unknown)",
        )
    return value


CountryCode = Annotated[str, AfterValidator(_check_country)]


class WafProps(Props):
    """WAF settings shared by the gateway policy and, when there is one, the Front Door policy."""

    mode: Literal["Prevention", "Detection"] = WAF_MODE
    allow_detection_mode: bool = False
    """Detection only logs attacks; it is accepted only with this explicit flag, and never in an
    environment marked production (checked by the environment)."""
    rate_limit_per_minute: int = Field(default=RATE_LIMIT_PER_MINUTE, ge=10, le=5_000_000)
    """Requests per minute per client address before Block (Front Door accepts 10 at least)."""
    geo_block_countries: tuple[CountryCode, ...] = GEO_BLOCK_COUNTRIES
    max_request_body_kb: int = Field(default=MAX_REQUEST_BODY_KB, ge=8, le=2000)
    file_upload_limit_mb: int = Field(default=FILE_UPLOAD_LIMIT_MB, ge=1, le=4000)

    @model_validator(mode="after")
    def _checks(self) -> WafProps:
        if self.mode == "Detection" and not self.allow_detection_mode:
            raise refusal("waf.mode", self.mode, "'Prevention' unless allow_detection_mode is true (dev only)")
        if len(set(self.geo_block_countries)) != len(self.geo_block_countries):
            raise refusal("waf.geo_block_countries", list(self.geo_block_countries), "free of duplicates")
        return self


@dataclass(frozen=True)
class CustomRule:
    """One custom WAF rule, whichever WAF renders it. The action is always Block."""

    name: str
    priority: int
    variable: str
    operator: str
    values: tuple[str, ...]
    negate: bool = False
    selector: str | None = None
    rate_limit_per_minute: int | None = None
    """Set: a rate-limit rule grouped by client address; ``None``: a match rule."""


def custom_rules(props: WafProps) -> list[CustomRule]:
    """GeoBlocking (only when countries are configured: never an empty match), then RateLimiting."""
    rules = []
    if props.geo_block_countries:
        rules.append(
            CustomRule(
                name="GeoBlocking",
                priority=10,
                variable="RemoteAddr",
                operator="GeoMatch",
                values=props.geo_block_countries,
            )
        )
    rules.append(
        CustomRule(
            name="RateLimiting",
            priority=20,
            variable="RemoteAddr",
            operator="IPMatch",
            values=(ANY_ADDRESS_EXCEPT,),
            negate=True,
            rate_limit_per_minute=props.rate_limit_per_minute,
        )
    )
    return rules
