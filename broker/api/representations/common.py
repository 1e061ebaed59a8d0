"""What every representation shares: timestamps."""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = ["iso"]


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
