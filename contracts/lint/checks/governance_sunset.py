"""deprecated-has-sunset: whatever is deprecated (operation, parameter, property, header...) carries
`x-sunset`, an RFC 3339 date or date-time (as oasdiff reads it) at least `sunset-min-days` days
after today. An `x-sunset` or `x-deprecated-at` that is not such a date is reported wherever it is
written, deprecated or not: the mock and the gateway send no header for it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from .._context import LintContext
from .._rule import Hit


def check(ctx: LintContext) -> Iterable[Hit]:
    days = ctx.settings.get("sunset-min-days", 90)
    earliest = datetime.now(UTC).date() + timedelta(days=days)
    for path, facts in ctx.lifecycles():
        for stated in (facts.sunset, facts.deprecated_at):
            if stated is not None and stated.problem:
                yield (*path, stated.name), stated.problem
        if not facts.deprecated:
            continue
        if facts.sunset is None:
            yield (*path, "deprecated"), "deprecated without an x-sunset date"
        elif facts.sunset.day is not None and facts.sunset.day < earliest:
            yield (
                (*path, "x-sunset"),
                f"x-sunset {facts.sunset.text} is less than {days} days away (earliest allowed: {earliest.isoformat()})",
            )
