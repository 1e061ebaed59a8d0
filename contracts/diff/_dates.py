"""x-sunset dates: YYYY-MM-DD or an RFC 3339 date-time."""

from __future__ import annotations

import re
from datetime import date, datetime

__all__ = ["parse_date"]

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[Tt ].*)?$")


def parse_date(value: str | None) -> date | None:
    """x-sunset as a date: YYYY-MM-DD or an RFC 3339 date-time; None when it is neither."""
    if value is None:
        return None
    match = _DATE.match(value.strip())
    if not match:
        return None
    try:
        if len(value.strip()) > 10:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
