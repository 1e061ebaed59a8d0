"""How `accord compat` prints its report: text, swagger-mock-validator's JSON shape, or a CI format."""

from __future__ import annotations

import orjson

from .. import __version__
from ..output import Annotation, render_github, render_junit, render_sarif


def render(fmt: str, report) -> str:
    if fmt == "json":
        return orjson.dumps(report.as_json()).decode()
    if fmt == "text":
        return _text(report)
    from contracts.compat import CODES

    annotations = [
        Annotation(
            f.code,
            f.type,
            f"{f.mock.interaction_description}: {f.message} ({f.mock.location} vs {f.spec.location})",
            report.pact_file,
            pointer=f.mock.location,
            group=f.mock.interaction_description,
            rule_description=CODES[f.code][1],
        )
        for f in report.findings
    ]
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
