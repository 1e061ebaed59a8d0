"""benchmarks/_spectral_agreement.py on a small repository laid out like Spectral's: its TypeScript
rule tests are read with node, each case is linted with that rule alone, and the figures add up."""

from __future__ import annotations

import json
from pathlib import Path

from tests.agreement import peer_repository, run_harness

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
    rules = "packages/rulesets/src"
    return peer_repository(
        tmp_path,
        {
            f"{rules}/oas/__tests__/array-items.test.ts": ARRAY_ITEMS,
            f"{rules}/asyncapi/__tests__/.keep": "",
            f"{rules}/__tests__/__fixtures__/.keep": "",
        },
    )


def test_cases_are_read_linted_and_counted(tmp_path: Path) -> None:
    done = run_harness("_spectral_agreement", _repository(tmp_path), "--json")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert (figures["cases"], figures["agreed"], figures["agreement"]) == (2, 1, 0.5)
    assert figures["per_rule"] == {"array-items": "1/2"}
    assert figures["not_in_accord"] == {"a-rule-accord-lacks": 1}
    assert figures["apart"] == 1


def test_not_spectral_is_exit_2(tmp_path: Path) -> None:
    done = run_harness("_spectral_agreement", tmp_path)
    assert done.returncode == 2
    assert "cannot read Spectral's rule tests" in done.stderr and "Traceback" not in done.stderr
