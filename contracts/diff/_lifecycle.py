"""Deprecation lifecycle of operations: deprecated, x-sunset, x-stability-level, and removal.

The values come parsed from the model (the one lifecycle reader in `contracts`). An `x-sunset`
that is not an RFC 3339 date or date-time is reported where it is new or changed, and it blocks
the removal of what it dates, as oasdiff's `api-deprecated-sunset-parse` and `api-path-sunset-parse`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from accord.contracts import LifecycleDate, Operation, Stability

if TYPE_CHECKING:
    from ._change import Collector

__all__ = ["compare_lifecycle", "removal", "removed", "unstable"]

Removal = Literal["without-deprecation", "sunset-invalid", "before-sunset", "with-deprecation"]


def unstable(op: Operation) -> bool:
    """Draft and alpha operations may change freely."""
    return op.stability is not None and op.stability.value in (Stability.DRAFT, Stability.ALPHA)


def removal(deprecated: bool, sunset: LifecycleDate | None, today: date) -> Removal:
    """What removing an operation, parameter or property dated by `sunset` amounts to today."""
    if not deprecated:
        return "without-deprecation"
    if sunset is None:
        return "with-deprecation"
    if sunset.day is None:
        return "sunset-invalid"
    return "before-sunset" if sunset.day > today else "with-deprecation"


def removed(out: Collector, op: Operation, *, path_kept: bool, revision_pointer: str, today: date) -> None:
    prefix = "endpoint" if path_kept else "path"
    what = f"{'operation' if path_kept else 'path (with this operation)'} removed"
    kind = removal(op.deprecated, op.sunset, today)
    base = op.pointer
    if unstable(op):
        rule_id, why = "endpoint-removed-unstable", f" (it was {op.stability.value if op.stability else ''})"
    elif kind == "sunset-invalid" and op.sunset is not None:
        rule_id, why, base = "endpoint-sunset-invalid", f", but {op.sunset.problem}", op.sunset.pointer
    elif kind == "before-sunset" and op.sunset is not None:
        rule_id, why = f"{prefix}-removed-before-sunset", f" before its sunset date {op.sunset.text}"
    elif kind == "without-deprecation":
        rule_id, why = f"{prefix}-removed-without-deprecation", " without being deprecated first"
    else:
        rule_id, why = f"{prefix}-removed-with-deprecation", " after deprecation"
    out.add(rule_id, f"{what}{why}", operation=op.key, base=base, revision=revision_pointer)


def compare_lifecycle(out: Collector, b: Operation, r: Operation) -> None:
    where = {"operation": r.key, "base": b.pointer, "revision": r.pointer}
    if r.deprecated and not b.deprecated:
        if r.sunset and r.sunset.valid:
            out.add("endpoint-deprecated", f"deprecated, sunset {r.sunset.text}", **where)
        elif r.sunset:
            out.add("endpoint-deprecated", "deprecated, with an x-sunset that is not a date", **where)
        else:
            out.add("endpoint-deprecated-without-sunset", "deprecated without an x-sunset date", **where)
    elif b.deprecated and not r.deprecated:
        out.add("endpoint-reactivated", "no longer deprecated", **where)
    compare_sunset(out, b, r, where)
    _stability(out, b, r, where)


def _raw(value: Any) -> Any:
    """The value as written, or a marker for an absent extension (so a written null is a value)."""
    return (value.raw,) if value is not None else ()


def compare_sunset(
    out: Collector, b: Any, r: Any, where: dict, prefix: str = "endpoint", subject: str = ""
) -> None:
    """x-sunset of an operation (prefix `endpoint`) or a parameter (`request-parameter`) between versions:
    deleting it or moving it earlier while deprecated breaks the promise made to clients."""
    old, new = b.sunset, r.sunset
    if _raw(old) == _raw(new):
        return
    if new is None:
        if r.deprecated and old is not None:
            out.add(
                f"{prefix}-sunset-removed",
                f"{subject}x-sunset {old.text} removed",
                **{**where, "base": old.pointer},
            )
        return
    sunset_where = {**where, "base": old.pointer if old else where["base"], "revision": new.pointer}
    if new.day is None:
        out.add(f"{prefix}-sunset-invalid", f"{subject}{new.problem or ''}", **sunset_where)
    elif old is not None and old.day is not None and new.day < old.day:
        out.add(
            f"{prefix}-sunset-moved-earlier",
            f"{subject}x-sunset moved earlier from {old.text} to {new.text}",
            **sunset_where,
        )
    elif old is None:
        out.add(f"{prefix}-sunset-changed", f"{subject}x-sunset {new.text} added", **sunset_where)
    elif old.day != new.day:
        out.add(
            f"{prefix}-sunset-changed",
            f"{subject}x-sunset changed from {old.text} to {new.text}",
            **sunset_where,
        )


def _stability(out: Collector, b: Operation, r: Operation, where: dict) -> None:
    if r.stability is None or _raw(b.stability) == _raw(r.stability):
        return
    where = {**where, "revision": r.stability.pointer}
    if r.stability.value is None:
        out.add("endpoint-stability-invalid", r.stability.problem or "", **where)
        return
    old = b.stability.value if b.stability is not None and b.stability.value is not None else Stability.STABLE
    new = r.stability.value
    if new.rank < old.rank:
        out.add("endpoint-stability-decreased", f"x-stability-level decreased from {old} to {new}", **where)
    elif new.rank > old.rank:
        out.add("endpoint-stability-increased", f"x-stability-level increased from {old} to {new}", **where)
