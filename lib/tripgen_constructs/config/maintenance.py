"""``MaintenanceSlot``: a weekly maintenance slot in the operators' IANA time zone, written for
each resource as Azure expects it.

AKS maintenance windows take a local ``start_time`` with a fixed ``utc_offset`` (azurerm
``kubernetes_cluster.maintenance_window_auto_upgrade``); PostgreSQL's ``maintenance_window`` and
Redis's ``patch_schedule`` (``start_hour_utc``) take UTC. Azure has no IANA zones there, so a zone
with daylight saving is written at its standard (winter) offset: the slot keeps its UTC instant,
and during daylight saving it starts one hour later on the local clock. ``zoneinfo`` does the math.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Final, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, Field

from .props import Props, refusal

DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
"""Index 0 is Sunday, as PostgreSQL's ``day_of_week`` counts."""
MAINTENANCE_DAY: Final = "Sunday"  # issue 4: the design's Sunday 02:00-04:00 maintenance slot
MAINTENANCE_START_HOUR = 2  # 02:00 local time
TIME_ZONE: Final = "UTC"
"""The library's default; an environment sets its operators' zone (``EnvironmentConfig.time_zone``)."""

Day = Literal["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def check_time_zone(value: str, field: str = "time_zone") -> str:
    """``value`` if it is an IANA time zone name with a whole-hour standard offset."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise refusal(field, value, "an IANA time zone name such as 'Asia/Seoul' or 'Europe/Amsterdam'") from None
    if standard_offset(value) % timedelta(hours=1):
        raise refusal(field, value, "a time zone with a whole-hour standard offset (Redis patch hours are UTC hours)")
    return value


TimeZone = Annotated[str, AfterValidator(check_time_zone)]
"""An IANA time zone name (``Asia/Seoul``), checked with ``zoneinfo``."""


def standard_offset(zone: str) -> timedelta:
    """The zone's UTC offset outside daylight saving (January or July, whichever has no DST)."""
    info = ZoneInfo(zone)
    for month in (1, 7):
        moment = datetime(2026, month, 15, tzinfo=info)
        if not moment.dst():
            offset = moment.utcoffset()
            assert offset is not None
            return offset
    offset = datetime(2026, 1, 15, tzinfo=info).utcoffset()  # permanent DST: keep what it says
    assert offset is not None
    return offset


class MaintenanceSlot(Props):
    """A weekly slot starting on ``day`` at ``start_hour`` in ``time_zone``."""

    day: Day = MAINTENANCE_DAY
    start_hour: int = Field(default=MAINTENANCE_START_HOUR, ge=0, le=23)
    """Hour on the local clock of ``time_zone`` (at its standard offset)."""
    time_zone: TimeZone = TIME_ZONE
    """IANA name; inside an environment, left unset, it is the environment's ``time_zone``."""

    @property
    def utc_offset(self) -> str:
        """``+09:00`` for Asia/Seoul, ``-05:00`` for America/New_York: AKS's ``utc_offset``."""
        minutes = int(standard_offset(self.time_zone).total_seconds() // 60)
        sign = "-" if minutes < 0 else "+"
        return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"

    @property
    def utc(self) -> tuple[int, int]:
        """``(day index with Sunday = 0, hour)`` in UTC: Sunday 02:00 in Asia/Seoul is Saturday 17:00 UTC."""
        offset_hours = int(standard_offset(self.time_zone).total_seconds() // 3600)
        hours = DAYS.index(self.day) * 24 + self.start_hour - offset_hours
        day, hour = divmod(hours % (7 * 24), 24)
        return day, hour

    @property
    def utc_day_name(self) -> str:
        return DAYS[self.utc[0]]
