"""Deprecation lifecycle of operations: deprecated, x-sunset, x-stability-level, and removal."""

from __future__ import annotations

from datetime import date

from contracts import Operation

from ._change import Collector
from ._dates import parse_date

__all__ = ["STABILITY", "compare_lifecycle", "removed", "unstable"]

STABILITY = ("draft", "alpha", "beta", "stable")


def unstable(op: Operation) -> bool:
    """Draft and alpha operations may change freely."""
    return op.stability in ("draft", "alpha")


def removed(out: Collector, op: Operation, *, path_kept: bool, revision_pointer: str, today: date) -> None:
    prefix = "endpoint" if path_kept else "path"
    what = f"{'operation' if path_kept else 'path (with this operation)'} removed"
    if unstable(op):
        rule_id, why = "endpoint-removed-unstable", f" (it was {op.stability})"
    elif not op.deprecated:
        rule_id, why = f"{prefix}-removed-without-deprecation", " without being deprecated first"
    else:
        sunset = parse_date(op.sunset)
        if sunset is not None and sunset > today:
            rule_id, why = f"{prefix}-removed-before-sunset", f" before its sunset date {op.sunset}"
        else:
            rule_id, why = f"{prefix}-removed-with-deprecation", " after deprecation"
    out.add(rule_id, f"{what}{why}", operation=op.key, base=op.pointer, revision=revision_pointer)


def compare_lifecycle(out: Collector, b: Operation, r: Operation) -> None:
    where = {"operation": r.key, "base": b.pointer, "revision": r.pointer}
    if r.deprecated and not b.deprecated:
        if r.sunset:
            out.add("endpoint-deprecated", f"deprecated, sunset {r.sunset}", **where)
        else:
            out.add("endpoint-deprecated-without-sunset", "deprecated without an x-sunset date", **where)
    elif b.deprecated and not r.deprecated:
        out.add("endpoint-reactivated", "no longer deprecated", **where)
    _sunset(out, b, r, where)
    _stability(out, b, r, where)


def _sunset(out: Collector, b: Operation, r: Operation, where: dict) -> None:
    if b.sunset == r.sunset:
        return
    sunset_where = {**where, "revision": f"{r.pointer}/x-sunset" if r.sunset else r.pointer}
    if r.sunset is None:
        if r.deprecated:
            out.add("endpoint-sunset-removed", f"x-sunset {b.sunset} removed", **sunset_where)
        return
    new = parse_date(r.sunset)
    if new is None:
        out.add("endpoint-sunset-invalid", f"x-sunset {r.sunset!r} is not a date", **sunset_where)
        return
    old = parse_date(b.sunset)
    if old is not None and new < old:
        out.add(
            "endpoint-sunset-moved-earlier",
            f"x-sunset moved earlier from {b.sunset} to {r.sunset}",
            **sunset_where,
        )
    elif old != new:
        out.add("endpoint-sunset-changed", f"x-sunset changed from {b.sunset} to {r.sunset}", **sunset_where)


def _stability(out: Collector, b: Operation, r: Operation, where: dict) -> None:
    if b.stability == r.stability or r.stability is None:
        return
    if r.stability not in STABILITY:
        out.add(
            "endpoint-stability-invalid",
            f"x-stability-level {r.stability!r} is not one of {', '.join(STABILITY)}",
            **where,
        )
        return
    old = STABILITY.index(b.stability) if b.stability in STABILITY else len(STABILITY) - 1
    new = STABILITY.index(r.stability)
    if new < old:
        out.add(
            "endpoint-stability-decreased",
            f"x-stability-level decreased from {b.stability or 'stable'} to {r.stability}",
            **where,
        )
    elif new > old:
        out.add(
            "endpoint-stability-increased",
            f"x-stability-level increased from {b.stability} to {r.stability}",
            **where,
        )
