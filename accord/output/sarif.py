"""SARIF 2.1.0, for code-scanning dashboards."""

from __future__ import annotations

import orjson

from ._annotation import Annotation

__all__ = ["render_sarif"]

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render_sarif(tool: str, version: str, annotations: list[Annotation]) -> str:
    rules: dict[str, dict] = {}
    results = []
    for a in annotations:
        rules.setdefault(a.rule, {"id": a.rule, "shortDescription": {"text": a.rule_description or a.rule}})
        location: dict = {"physicalLocation": {"artifactLocation": {"uri": a.file}}}
        if a.line:
            location["physicalLocation"]["region"] = {"startLine": a.line, "startColumn": a.column or 1}
        if a.pointer:
            location["logicalLocations"] = [{"fullyQualifiedName": a.pointer, "kind": "member"}]
        results.append(
            {"ruleId": a.rule, "level": a.level, "message": {"text": a.message}, "locations": [location]}
        )
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": tool, "version": version, "rules": list(rules.values())}},
                "results": results,
            }
        ],
    }
    return orjson.dumps(log, option=orjson.OPT_INDENT_2).decode() + "\n"
