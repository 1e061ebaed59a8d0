"""The shared CI renderers produce documents CI systems accept."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from accord.output import Annotation, render_github, render_junit, render_sarif

FINDINGS = [
    Annotation("operation-tags", "warning", "Operation must have tags", "api.yaml", 12, 7, "/paths/~1a/get"),
    Annotation(
        "path-params", "error", "Path parameter 'id' is not declared,\nfix it", "api.yaml", 30, 3, "/paths"
    ),
]


def test_junit_has_a_failure_per_finding_and_a_pass_per_clean_file() -> None:
    root = ET.fromstring(render_junit("accord lint", FINDINGS, ["api.yaml", "clean.yaml"]))
    assert root.get("failures") == "2"
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert len(suites["api.yaml"].findall("testcase/failure")) == 2
    assert suites["clean.yaml"].find("testcase/failure") is None


def test_sarif_names_rules_and_regions() -> None:
    log = json.loads(render_sarif("accord", "0.1.0", FINDINGS))
    run = log["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {"operation-tags", "path-params"}
    region = run["results"][1]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 30, "startColumn": 3}


def test_github_annotations_escape_newlines_and_property_separators() -> None:
    lines = render_github(FINDINGS).splitlines()
    assert lines[0] == "::warning file=api.yaml,line=12,col=7,title=operation-tags::Operation must have tags"
    assert lines[1].startswith("::error file=api.yaml,line=30,col=3,title=path-params::")
    assert "%0A" in lines[1] and "\n" not in lines[1]
