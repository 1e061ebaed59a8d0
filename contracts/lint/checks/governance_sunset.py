"""deprecated-has-sunset: whatever is deprecated (operation, parameter, property, header...) carries
`x-sunset`, an RFC 3339 date at least `sunset-min-days` days after today."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from .._context import LintContext
from .._rule import Hit


def _parse(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date() if "T" in value else None
    except ValueError:
        return None


def check(ctx: LintContext) -> Iterable[Hit]:
    days = ctx.settings.get("sunset-min-days", 90)
    earliest = datetime.now(UTC).date() + timedelta(days=days)
    for path, node in ctx.nodes():
        if not isinstance(node, dict) or node.get("deprecated") is not True:
            continue
        if "x-sunset" not in node:
            yield (*path, "deprecated"), "deprecated without an x-sunset date"
            continue
        sunset = _parse(node["x-sunset"])
        if sunset is None:
            yield (*path, "x-sunset"), f"x-sunset {node['x-sunset']!r} is not an RFC 3339 date (YYYY-MM-DD)"
        elif sunset < earliest:
            yield (
                (*path, "x-sunset"),
                f"x-sunset {sunset.isoformat()} is less than {days} days away (earliest allowed: {earliest.isoformat()})",
            )
