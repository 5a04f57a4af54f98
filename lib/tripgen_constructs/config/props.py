"""Base of every props model, and the value types that several constructs share.

Every props model is frozen and refuses unknown fields, so a typo in an environment config is an
error, not a silently ignored key. Errors name the field, the bad value and what is allowed: a
construction that fails raises ``errors.ConfigError`` with every problem of it, never pydantic's
``ValidationError``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from ipaddress import IPv4Address, IPv4Network
from typing import Annotated, Any, Final, Self

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError

from .errors import ConfigError, problems_of
from .regions import REGIONS, ZONES, nearest

AZURE_ZONES = frozenset(ZONES)
"""The availability zones of a region that has them (``regions.ZONES``)."""


class Props(BaseModel):
    """Frozen, closed pydantic model: the base of every construct's props and of the config."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    # Nested models are validated inside their parent's construction, so converting here, at the
    # entry points, reports a whole config's problems once, each with its full field path.
    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as error:
            raise ConfigError(problems_of(error)) from None

    def __setattr__(self, name: str, value: Any) -> None:
        try:
            super().__setattr__(name, value)
        except ValidationError as error:  # frozen: the one form too
            raise ConfigError(problems_of(error)) from None

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Self:
        """Pydantic's ``model_validate``, refusing in the one form (``ConfigError``)."""
        try:
            return super().model_validate(obj, **kwargs)
        except ValidationError as error:
            raise ConfigError(problems_of(error)) from None

    def filled(self, **values: Any) -> Self:
        """These props with each field of ``values`` that is ``None`` set to its value, validated
        again (itself when none is): how a default that depends on the environment is filled in."""
        missing = {field: value for field, value in values.items() if getattr(self, field) is None}
        return type(self).model_validate({**self.model_dump(), **missing}) if missing else self


def refusal(field: str, value: Any, allowed: str) -> ValueError:
    """The one wording of a refusal: ``'field' must be <allowed>, got <value>``."""
    return ValueError(f"'{field}' must be {allowed}, got {value!r}")


def _check_zones(zones: tuple[str, ...]) -> tuple[str, ...]:
    bad = [z for z in zones if z not in AZURE_ZONES]
    if bad:
        raise refusal("zones", list(zones), "a subset of {'1','2','3'}")
    if len(set(zones)) != len(zones):
        raise refusal("zones", list(zones), "free of duplicates")
    if not zones:
        raise refusal("zones", list(zones), "at least one zone")
    return tuple(sorted(zones))


def _coerce_zones(value: Any) -> Any:
    # Config authors write zones as ints or strings; Azure wants strings.
    if isinstance(value, Iterable) and not isinstance(value, str):
        return tuple(str(z) for z in value)
    return value


Zones = Annotated[tuple[str, ...], BeforeValidator(_coerce_zones), AfterValidator(_check_zones)]
"""Availability zones, a non-empty subset of {'1','2','3'}, kept sorted."""


AZURE_REGIONS = frozenset(REGIONS)
"""Every public Azure region of the region table (``regions.REGIONS``, with its source)."""


def check_region(field: str, value: str, allowed: str = "an Azure region") -> str:
    """``value`` if it is a region of the table; else a refusal naming the nearest region."""
    if value not in REGIONS:
        suggestion = nearest(value)
        hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
        raise refusal(field, value, f"{allowed}, a programmatic name such as 'westeurope'{hint}")
    return value


Region = Annotated[str, AfterValidator(lambda value: check_region("location", value))]
"""A region of the table (programmatic name)."""

PRIMARY: Final = "primary"
"""In a location field of a construct inside an environment: the environment's ``location``."""
DR: Final = "dr"
"""In a location field of a construct inside an environment: the environment's ``dr_location``."""


def _check_region_ref(value: str) -> str:
    return (
        value if value in (PRIMARY, DR) else check_region("location", value, f"{PRIMARY!r}, {DR!r} or an Azure region")
    )


RegionRef = Annotated[str, AfterValidator(_check_region_ref)]
"""A region, or ``'primary'`` / ``'dr'`` for the environment's own regions: the defaults of the
library name no region, so they hold in any."""


def resolve_region(ref: str, *, location: str, dr_location: str | None) -> str | None:
    """The region ``ref`` stands for; ``None`` for ``'dr'`` in an environment without a DR region."""
    if ref == PRIMARY:
        return location
    if ref == DR:
        return dr_location
    return ref


def azure_name_rule(field: str, pattern: str, rule: str) -> Callable[[str], str]:
    """The check of an Azure resource name: ``pattern`` is a full-match regex, ``rule`` says it in
    words for the error. Call it on a derived name; annotate a field with ``azure_name_check``."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise refusal(field, value, rule)
        return value

    return check


def azure_name_check(field: str, pattern: str, rule: str) -> AfterValidator:
    """``azure_name_rule`` as a pydantic validator."""
    return AfterValidator(azure_name_rule(field, pattern, rule))


_ISO_DURATION = re.compile(
    r"P(?!$)(?:(?P<Y>[0-9]+)Y)?(?:(?P<MO>[0-9]+)M)?(?:(?P<W>[0-9]+)W)?(?:(?P<D>[0-9]+)D)?"
    r"(?:T(?=[0-9])(?:(?P<H>[0-9]+)H)?(?:(?P<MI>[0-9]+)M)?(?:(?P<S>[0-9]+(?:\.[0-9]+)?)S)?)?"
)
"""ASCII digits only: ``\\d`` would also match ``٤`` and other Unicode digits."""
_SECONDS = {"Y": 365 * 86400, "MO": 30 * 86400, "W": 7 * 86400, "D": 86400, "H": 3600, "MI": 60, "S": 1}


def iso_seconds(value: str) -> float:
    """Seconds in an ISO-8601 duration (a year 365 days, a month 30: enough to compare with limits)."""
    match = _ISO_DURATION.fullmatch(value)
    if not match:
        raise refusal("duration", value, "an ISO-8601 duration such as 'P14D' or 'PT10M'")
    return sum(float(match[k]) * factor for k, factor in _SECONDS.items() if match[k])


def _check_iso_duration(value: str) -> str:
    iso_seconds(value)
    return value


IsoDuration = Annotated[str, AfterValidator(_check_iso_duration)]
"""An ISO-8601 duration (``P14D``, ``PT5M``); ``14d`` is refused."""


def overlapping(networks: Iterable[tuple[str, IPv4Network]]) -> list[tuple[str, str]]:
    """Pairs of names whose networks overlap (``ipaddress`` does the math)."""
    items = list(networks)
    return [(a_name, b_name) for i, (a_name, a) in enumerate(items) for b_name, b in items[i + 1 :] if a.overlaps(b)]


def usable_host(network: IPv4Network, address: IPv4Address) -> bool:
    """Whether Azure lets a resource take ``address``: inside the subnet, not one of the first four
    (network, gateway, two DNS) nor the broadcast address that Azure reserves in every subnet."""
    if address not in network:
        return False
    offset = int(address) - int(network.network_address)
    return 4 <= offset < network.num_addresses - 1


__all__ = [
    "AZURE_REGIONS",
    "AZURE_ZONES",
    "DR",
    "PRIMARY",
    "RegionRef",
    "check_region",
    "resolve_region",
    "IsoDuration",
    "iso_seconds",
    "Props",
    "Region",
    "Zones",
    "azure_name_check",
    "azure_name_rule",
    "overlapping",
    "refusal",
    "usable_host",
]
