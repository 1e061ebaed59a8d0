"""How `accord lint` prints its findings: text, the stable JSON shape, or a CI format."""

from __future__ import annotations

from collections import Counter

import orjson

from .. import __version__
from ..output import Annotation, Level, render_github, render_junit, render_sarif

_LEVEL: dict[str, Level] = {"error": "error", "warn": "warning", "info": "note", "hint": "note"}


def render(fmt: str, reports: list, checked: list[str]) -> str:
    from accord.contracts.lint import SEVERITIES

    findings = [f for r in reports for f in r.findings]
    counts = Counter(f.severity for f in findings)
    summary: dict[str, int] = {s: counts.get(s, 0) for s in SEVERITIES}
    if fmt == "json":
        return orjson.dumps({"findings": [f.as_json() for f in findings], "summary": summary}).decode()
    if fmt == "text":
        return _text(reports, summary)
    annotations = [
        Annotation(f.rule, _LEVEL[f.severity], f.message, f.file, f.line, f.column, f.pointer)
        for f in findings
    ]
    if fmt == "github":
        return render_github(annotations)
    if fmt == "junit":
        return render_junit("accord lint", annotations, [r.file for r in reports] or checked)
    return render_sarif("accord lint", __version__, annotations)


def _text(reports: list, summary: dict[str, int]) -> str:
    lines: list[str] = []
    for report in reports:
        by_file: dict[str, list] = {}
        for f in report.findings:
            by_file.setdefault(f.file, []).append(f)
        for file, found in by_file.items():
            lines.append(file)
            for f in found:
                where = f"{f.line}:{f.column}" if f.line else "-"
                lines.append(f"  {where:<9} {f.severity:<5} {f.rule:<36} {f.message}  {f.pointer}")
            lines.append("")
    total = sum(summary.values())
    if not total:
        return f"No findings in {len(reports)} file(s)."
    parts = ", ".join(f"{n} {s}" for s, n in summary.items())
    lines.append(f"{total} finding(s): {parts}")
    return "\n".join(lines)
