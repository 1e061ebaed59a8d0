"""benchmarks/_spectral_agreement.py on a small repository laid out like Spectral's: its TypeScript
rule tests are read with node, each case is linted with that rule alone, and the figures add up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HARNESS = ROOT / "benchmarks" / "_spectral_agreement.py"

ARRAY_ITEMS = """import { DiagnosticSeverity } from '@stoplight/types';
import testRule from './__helpers__/tester';

const schemas: Record<string, unknown> = { A: { type: 'array' } };

testRule('array-items', [
  {
    name: 'items missing',
    document: { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {}, components: { schemas } },
    errors: [{ message: 'm', path: ['components', 'schemas', 'A'], severity: DiagnosticSeverity.Error }],
  },
  {
    name: 'expects a place accord does not report',
    document: { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {} },
    errors: [{ message: 'm', path: ['info'], severity: DiagnosticSeverity.Error }],
  },
  {
    name: 'no path asserted',
    document: { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {} },
    errors: [{ message: 'm' }],
  },
]);

testRule('a-rule-accord-lacks', [{ name: 'x', document: { openapi: '3.0.3' }, errors: [] }]);
"""


def _repository(tmp_path: Path) -> Path:
    tests = tmp_path / "packages/rulesets/src/oas/__tests__"
    tests.mkdir(parents=True)
    (tests / "array-items.test.ts").write_text(ARRAY_ITEMS)
    (tmp_path / "packages/rulesets/src/asyncapi/__tests__").mkdir(parents=True)
    (tmp_path / "packages/rulesets/src/asyncapi/__tests__/.keep").write_text("")
    (tmp_path / "packages/rulesets/src/__tests__/__fixtures__").mkdir(parents=True)
    (tmp_path / "packages/rulesets/src/__tests__/__fixtures__/.keep").write_text("")
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "fixture"], check=True)
    return tmp_path / ".git"


def test_cases_are_read_linted_and_counted(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(HARNESS), str(_repository(tmp_path)), "--json"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert (figures["cases"], figures["agreed"], figures["agreement"]) == (2, 1, 0.5)
    assert figures["per_rule"] == {"array-items": "1/2"}
    assert figures["not_in_accord"] == {"a-rule-accord-lacks": 1}
    assert figures["apart"] == 1


def test_not_spectral_is_exit_2(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(HARNESS), str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert "cannot read Spectral's rule tests" in done.stderr and "Traceback" not in done.stderr
