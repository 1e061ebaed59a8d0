"""Lifecycle extensions, read once: `deprecated`, `x-sunset`, `x-deprecated-at`, `x-stability-level`.

The one reader of these facts. The OpenAPI adapters fill the model's operations and parameters
with it; lint and diff call it for the nodes the model keeps raw (schema properties, headers).

Dates are what oasdiff accepts (checker/deprecation.go: `civil.ParseDate`, then Go's
`time.RFC3339`): an RFC 3339 full-date, `2030-01-01`, or date-time, `2030-01-01T10:00:00Z`
(fraction of a second allowed; offset `Z` or `+02:00`; `T` and `Z` upper case, as Go reads them).
Anything else is invalid: `20300101`, `2030-01-01 10:00:00`, a number, `next spring`. A date means
midnight UTC when a moment is needed (the `Sunset` header); a date-time's day is the day as written.
Stability levels are oasdiff's: draft, alpha, beta, stable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

__all__ = [
    "DATE_FORMS",
    "Lifecycle",
    "LifecycleDate",
    "Stability",
    "StabilityLevel",
    "parse_lifecycle_date",
    "read_lifecycle",
]

DATE_FORMS = "an RFC 3339 date (2030-01-01) or date-time (2030-01-01T10:00:00Z)"

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# the calendar (days in a month, hours, seconds) is checked by fromisoformat; the offset's range here
_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)", re.ASCII
)


class Stability(StrEnum):
    """`x-stability-level`, from least to most stable."""

    DRAFT = "draft"
    ALPHA = "alpha"
    BETA = "beta"
    STABLE = "stable"

    @property
    def rank(self) -> int:
        return list(Stability).index(self)


_LEVELS = {level.value: level for level in Stability}


def parse_lifecycle_date(value: Any) -> date | datetime | None:
    """An RFC 3339 date or date-time (an aware datetime); None for anything else."""
    if not isinstance(value, str):
        return None
    try:
        if _DATE.fullmatch(value):
            return date.fromisoformat(value)
        if _DATE_TIME.fullmatch(value):
            return datetime.fromisoformat(value)  # digits beyond microseconds are cut
    except ValueError:  # a day, hour, minute or second out of range
        return None
    return None


@dataclass(frozen=True, slots=True)
class LifecycleDate:
    """`x-sunset` or `x-deprecated-at`: the value as written, where it is written, and its date."""

    name: str  # the extension, e.g. "x-sunset"
    raw: Any
    pointer: str  # of the extension itself, e.g. /paths/~1orders/get/x-sunset
    value: date | datetime | None  # None: not an RFC 3339 date or date-time

    @property
    def valid(self) -> bool:
        return self.value is not None

    @property
    def day(self) -> date | None:
        """The day as written (a date-time's own offset), as oasdiff compares it with today."""
        return self.value.date() if isinstance(self.value, datetime) else self.value

    @property
    def moment(self) -> datetime | None:
        """The instant in UTC: a date-time as written, a date at midnight UTC."""
        if isinstance(self.value, datetime):
            return self.value.astimezone(UTC)
        if self.value is None:
            return None
        return datetime(self.value.year, self.value.month, self.value.day, tzinfo=UTC)

    @property
    def text(self) -> str:
        """The value as written, for messages."""
        return self.raw if isinstance(self.raw, str) else repr(self.raw)

    @property
    def problem(self) -> str | None:
        if self.valid:
            return None
        return f"{self.name} {self.raw!r} is not {DATE_FORMS}"


@dataclass(frozen=True, slots=True)
class StabilityLevel:
    """`x-stability-level`: as written, where, and the level (None: not one of oasdiff's four)."""

    raw: Any
    pointer: str
    value: Stability | None

    @property
    def problem(self) -> str | None:
        if self.value is not None:
            return None
        return f"x-stability-level {self.raw!r} is not one of {', '.join(Stability)}"


@dataclass(frozen=True, slots=True)
class Lifecycle:
    """What one object (operation, parameter, property, header...) says about its lifecycle."""

    deprecated: bool = False
    sunset: LifecycleDate | None = None
    deprecated_at: LifecycleDate | None = None
    stability: StabilityLevel | None = None


def _date(node: dict, name: str, pointer: str) -> LifecycleDate | None:
    if name not in node:
        return None
    raw = node[name]
    return LifecycleDate(name, raw, f"{pointer}/{name}", parse_lifecycle_date(raw))


_NOTHING = Lifecycle()


def read_lifecycle(node: Any, pointer: str) -> Lifecycle:
    """The lifecycle facts of an object at `pointer` (an empty Lifecycle for anything else)."""
    if not isinstance(node, dict) or not (
        "deprecated" in node or "x-sunset" in node or "x-deprecated-at" in node or "x-stability-level" in node
    ):
        return _NOTHING
    stability = None
    if "x-stability-level" in node:
        raw = node["x-stability-level"]
        level = _LEVELS.get(raw) if isinstance(raw, str) else None
        stability = StabilityLevel(raw, f"{pointer}/x-stability-level", level)
    return Lifecycle(
        deprecated=node.get("deprecated") is True,
        sunset=_date(node, "x-sunset", pointer),
        deprecated_at=_date(node, "x-deprecated-at", pointer),
        stability=stability,
    )
