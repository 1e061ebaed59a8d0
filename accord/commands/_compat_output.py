"""How `accord compat` prints its report: text, swagger-mock-validator's JSON shape, or a CI format."""

from __future__ import annotations

import re

import orjson

from .. import __version__
from ..output import Annotation, render_github, render_junit, render_sarif


def render(fmt: str, report) -> str:
    if fmt == "json":
        return orjson.dumps(report.as_json()).decode()
    if fmt == "text":
        return _text(report)
    from accord.contracts.compat import CODES

    placed = _placer(report.pact_file)
    annotations = []
    for f in report.findings:
        line, column = placed(f.mock.location)
        annotations.append(
            Annotation(
                f.code,
                f.type,
                f"{f.mock.interaction_description}: {f.message} ({f.mock.location} vs {f.spec.location})",
                report.pact_file,
                line,
                column,
                pointer=f.mock.location,
                group=f.mock.interaction_description,
                rule_description=CODES[f.code][1],
            )
        )
    if fmt == "github":
        return render_github(annotations)
    if fmt == "junit":
        return render_junit("accord compat", annotations, [report.pact_file])
    return render_sarif("accord compat", __version__, annotations)


def _text(report) -> str:
    lines = []
    for f in report.findings:
        lines.append(f"{f.type:<7} {f.code}  [{f.mock.interaction_description}]")
        lines.append(f"        {f.message}")
        lines.append(f"        pact: {f.mock.location}  contract: {f.spec.location}")
    verdict = "compatible" if report.success else "not compatible"
    if report.checked == 0:
        verdict = "nothing compared"
    lines.append(
        f"{report.pact_file} vs {report.contract_file}: {verdict}; {report.checked} interaction(s), "
        f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)"
    )
    return "\n".join(lines)


_STEP = re.compile(r"\[(\d+)\]|\.([^.\[]+)")


def _placer(pact_file: str):
    """Finds the line and column of a finding's `[root].a[0].b` location in the pact file (nothing
    when a key itself holds a dot, or the file cannot be read again)."""
    from accord.contracts import ContractError, escape_pointer, read_file

    try:
        source = read_file(pact_file)
    except ContractError:
        return lambda location: (None, None)

    def place(location: str) -> tuple[int | None, int | None]:
        steps = [index or escape_pointer(key) for index, key in _STEP.findall(location[len("[root]") :])]
        where = source.location("".join(f"/{s}" for s in steps))
        return where.line, where.column

    return place
