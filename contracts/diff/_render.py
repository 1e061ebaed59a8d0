"""Human renderings of a DiffReport: plain text, a Markdown table, and a Markdown changelog."""

from __future__ import annotations

from collections import defaultdict

from ._change import Change
from ._report import DiffReport

__all__ = ["render_changelog", "render_markdown", "render_text"]

_HEADING = {"ERR": "Breaking", "WARN": "May break", "INFO": "Safe"}


def _place(report: DiffReport, c: Change) -> str:
    if c.revision is not None:
        return str(report.place("revision", c.revision, c))
    if c.base is not None:
        return str(report.place("base", c.base, c))
    return report.revision.path


def render_text(report: DiffReport) -> str:
    lines = []
    for c in report.changes:
        where = f"{c.where}: " if c.where else ""
        accepted = f"  accepted: {c.accepted}" if c.accepted else ""
        lines.append(f"{c.level:<4} {c.id}  {where}{c.message}  ({_place(report, c)}){accepted}")
    for issue in report.validation:
        lines.append(f"invalid {issue['file']}:{issue['line'] or ''}: {issue['message']}")
    counts = report.summary()
    accepted = sum(1 for c in report.changes if c.accepted)
    lines.append(
        f"{len(report.changes)} change(s): {counts['ERR']} breaking, {counts['WARN']} may break, {counts['INFO']} safe"
        + (f" ({accepted} accepted)" if accepted else "")
    )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: DiffReport) -> str:
    counts = report.summary()
    lines = [
        f"### API changes: {report.base_file or report.base.path} → {report.revision.path}",
        "",
        f"**{counts['ERR']}** breaking, **{counts['WARN']}** may break, **{counts['INFO']}** safe.",
        "",
    ]
    if report.changes:
        lines += ["| Level | Id | Where | Change |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {c.level}{' (accepted)' if c.accepted else ''} | `{c.id}` | {_cell(c.where)} "
            f"| {_cell(c.message)}{_cell(f' (accepted: {c.accepted})') if c.accepted else ''} |"
            for c in report.changes
        ]
    return "\n".join(lines) + "\n"


def render_changelog(report: DiffReport) -> str:
    """Grouped by operation or channel, breaking changes first inside each group."""
    base, revision = report.base.api_version or "?", report.revision.api_version or "?"
    title = report.revision.title or report.revision.path
    lines = [f"# {title}: changes from {base} to {revision}", ""]
    if not report.changes:
        return "\n".join([*lines, "No changes.", ""])
    groups: dict[str, list[Change]] = defaultdict(list)
    for c in report.changes:
        groups[c.where or "Whole document"].append(c)
    for where in sorted(groups, key=lambda w: (w == "Whole document", w)):
        lines += [f"## {where}", ""]
        for c in groups[where]:
            lines.append(f"- **{_HEADING[c.level]}**: {c.message} (`{c.id}`)")
        lines.append("")
    return "\n".join(lines)
