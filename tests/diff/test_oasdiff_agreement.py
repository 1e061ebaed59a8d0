"""benchmarks/_oasdiff_agreement.py on a small repository laid out like oasdiff's: which test pairs it
reads, the verdict it takes from each, and the figures it prints."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.agreement import peer_repository, run_harness

RULES = """package checker
func rules() {
\tnewBackwardCompatibilityRule(RequestPropertyPatternAddedId, ERR, RequestPropertyPatternUpdatedCheck)
\tnewBackwardCompatibilityRule(ResponsePropertyPatternAddedId, INFO, ResponsePatternAddedOrChangedCheck)
}
"""
IDS = """package checker
const (
\tRequestPropertyPatternAddedId = "request-property-pattern-added"
\tResponsePropertyPatternAddedId = "response-property-pattern-added"
)
"""
TESTS = """package checker_test
func TestPatternAdded(t *testing.T) {
\ts1, err := open("../data/base.yaml")
\ts2, err := open("../data/revision.yaml")
\terrs := checker.CheckBackwardCompatibilityUntilLevel(singleCheckConfig(checker.X), d, osm, checker.ERR)
\trequireChange(t, errs, checker.RequestPropertyPatternAddedId)
}

func TestNothingChanged(t *testing.T) {
\ts1, err := open("../data/base.yaml")
\ts2, err := open("../data/base.yaml")
\terrs := checker.CheckBackwardCompatibility(allChecksConfig(), d, osm)
\trequire.Empty(t, errs)
}

func TestPatternRemovedLooksSafeToOneCheck(t *testing.T) {
\ts1, err := open("../data/revision.yaml")
\ts2, err := open("../data/base.yaml")
\terrs := checker.CheckBackwardCompatibility(singleCheckConfig(checker.X), d, osm)
\trequire.Empty(t, errs)
}

func TestEditedInGo(t *testing.T) {
\ts1, err := open("../data/base.yaml")
\ts2, err := open("../data/base.yaml")
\ts2.Spec.Info.Version = "2"
\trequire.Empty(t, errs)
}
"""


def _contract(pattern: str | None) -> str:
    name = {"type": "string", **({"pattern": pattern} if pattern else {})}
    body = {"content": {"application/json": {"schema": {"type": "object", "properties": {"name": name}}}}}
    return yaml.safe_dump(
        {
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1.0.0"},
            "paths": {"/test": {"post": {"requestBody": body, "responses": {"200": {"description": "ok"}}}}},
        }
    )


def _repository(tmp_path: Path) -> Path:
    files = {
        "checker/rules.go": RULES,
        "checker/ids.go": IDS,
        "checker/pattern_test.go": TESTS,
        "data/base.yaml": _contract(None),
        "data/revision.yaml": _contract("^\\\\w+$"),
    }
    return peer_repository(tmp_path, files)


def test_pairs_verdicts_and_figures(tmp_path: Path) -> None:
    done = run_harness("_oasdiff_agreement", _repository(tmp_path), "--json")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    # the Go-edited test is skipped; a single check's empty result says nothing about the pair
    assert figures["pairs"] == 2
    assert (figures["breaking"], figures["recall"]) == (1, 1.0)
    assert (figures["safe"], figures["false_alarms"]) == (1, 0.0)


def test_not_oasdiff_is_exit_2(tmp_path: Path) -> None:
    git_dir = peer_repository(
        tmp_path, dict.fromkeys(("checker/rules.go", "data/base.yaml"), "package checker\n")
    )
    done = run_harness("_oasdiff_agreement", git_dir)
    assert done.returncode == 2
    assert "no test pairs found" in done.stderr
    elsewhere = run_harness("_oasdiff_agreement", tmp_path)
    assert elsewhere.returncode == 2
    assert "cannot read checker/ and data/" in elsewhere.stderr and "Traceback" not in elsewhere.stderr
