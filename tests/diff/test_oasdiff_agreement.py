"""benchmarks/_oasdiff_agreement.py on a small repository laid out like oasdiff's: which test pairs it
reads, the verdict it takes from each, and the figures it prints."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
HARNESS = ROOT / "benchmarks" / "_oasdiff_agreement.py"

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
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "fixture"], check=True)
    return tmp_path / ".git"


def test_pairs_verdicts_and_figures(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(HARNESS), str(_repository(tmp_path)), "--json"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    # the Go-edited test is skipped; a single check's empty result says nothing about the pair
    assert figures["pairs"] == 2
    assert (figures["breaking"], figures["recall"]) == (1, 1.0)
    assert (figures["safe"], figures["false_alarms"]) == (1, 0.0)


def test_not_oasdiff_is_exit_2(tmp_path: Path) -> None:
    for name in ("checker/rules.go", "data/base.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("package checker\n")
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "empty"], check=True)
    done = subprocess.run(
        [sys.executable, str(HARNESS), str(tmp_path / ".git")], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "no test pairs found" in done.stderr
    elsewhere = subprocess.run([sys.executable, str(HARNESS), str(tmp_path)], capture_output=True, text=True)
    assert elsewhere.returncode == 2
    assert "cannot read checker/ and data/" in elsewhere.stderr and "Traceback" not in elsewhere.stderr
