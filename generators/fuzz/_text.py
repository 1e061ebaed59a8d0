"""The human-readable rendering of a fuzz result, shared by `accord fuzz` and the pytest plugin."""

from __future__ import annotations

from ._result import FuzzResult, OperationResult

__all__ = ["operation_lines", "summary_line"]

MESSAGE_LINES = 20


def operation_lines(op: OperationResult) -> list[str]:
    """PASS/FAILED line for one operation, then each failure with its curl reproduction."""
    if op.status == "passed":
        return [f"PASS  {op.operation}"]
    lines = [f"{op.status.upper():5} {op.operation}"]
    for f in op.failures:
        where = f"HTTP {f.status_code}, " if f.status_code is not None else ""
        lines.append(f"  ✗ {f.check} [{f.code}] {f.title} ({where}{f.phase} phase)")
        lines.extend(f"      {line}" if line else "" for line in f.message.splitlines()[:MESSAGE_LINES])
        lines.append("    reproduce:")
        lines.extend(f"      {line}" for line in f.curl.splitlines())
    for e in op.errors:
        lines.append(f"  ! {e.title}: {e.message}" + (f" ({e.phase} phase)" if e.phase else ""))
    return lines


def summary_line(result: FuzzResult) -> str:
    s = result.as_json()["summary"]
    return (
        f"accord fuzz: {s['operations']} operation(s): {s['passed']} passed, {s['failed']} failed, "
        f"{s['errored']} errored, {s['skipped']} skipped; {s['failures']} failure(s) · seed {result.seed} "
        f"(rerun with --seed {result.seed}) · {s['duration_seconds']:.1f}s"
    )
