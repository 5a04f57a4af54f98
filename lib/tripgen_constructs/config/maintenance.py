"""``MaintenanceSlot``: the design's weekly maintenance slot, written in KST, converted to the UTC
day and hour that PostgreSQL and Redis patch schedules take."""

from __future__ import annotations

from typing import Final, Literal

from pydantic import Field

from .props import Props

DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
"""Index 0 is Sunday, as PostgreSQL's ``day_of_week`` counts."""
KST_UTC_OFFSET_HOURS = 9  # T-5: the service runs in Korea (UTC+9, no daylight saving)
MAINTENANCE_DAY: Final = "Sunday"  # issue 4: the design's Sunday 02:00-04:00 KST maintenance slot
MAINTENANCE_START_HOUR = 2  # 02:00 KST

Day = Literal["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


class MaintenanceSlot(Props):
    """A weekly slot starting on ``day`` at ``start_hour`` local Korean time (KST)."""

    day: Day = MAINTENANCE_DAY
    start_hour: int = Field(default=MAINTENANCE_START_HOUR, ge=0, le=23)
    """Hour in KST; Azure takes UTC, see ``utc``."""

    @property
    def utc(self) -> tuple[int, int]:
        """``(day index with Sunday = 0, hour)`` in UTC: Sunday 02:00 KST is Saturday 17:00 UTC."""
        hours = DAYS.index(self.day) * 24 + self.start_hour - KST_UTC_OFFSET_HOURS
        day, hour = divmod(hours % (7 * 24), 24)
        return day, hour

    @property
    def utc_day_name(self) -> str:
        return DAYS[self.utc[0]]
