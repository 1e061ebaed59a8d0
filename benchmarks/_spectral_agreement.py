"""How often `accord lint` agrees with Spectral's own per-rule tests.

Reads a checkout (or bare clone) of stoplightio/spectral, turns every case of
`packages/rulesets/src/{oas,asyncapi}/__tests__/*.test.ts` into JSON with node
(`_spectral_cases.js`), then runs accord with only that rule on the case's document. A case agrees
when accord finds exactly the paths Spectral's test expects (as JSON pointers, duplicates merged).
Cases of rules accord does not have are listed; cases that need other documents (remote `$ref`s)
or assert no path are counted apart. Prints the agreement overall and per rule, then each disagreement.
Usage: python benchmarks/_spectral_agreement.py SPECTRAL_GIT_DIR [--json]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from _peer import checkout

TESTS = ("packages/rulesets/src/oas/__tests__", "packages/rulesets/src/asyncapi/__tests__")
FIXTURES = ("packages/rulesets/src/__tests__/__fixtures__",)


def collect(root: Path) -> list[dict]:
    files = sorted(str(p) for folder in TESTS for p in (root / folder).glob("*.test.ts"))
    script = Path(__file__).with_name("_spectral_cases.js")
    done = subprocess.run(["node", str(script), *files], capture_output=True, text=True, check=True)
    for line in done.stderr.splitlines():
        print(f"not read: {line.replace(str(root) + '/', '')}", file=sys.stderr)
    return json.loads(done.stdout)


def _pointer(path: list) -> str:
    return "".join("/" + str(step).replace("~", "~0").replace("/", "~1") for step in path)


def judge(case: dict, scratch: Path, rules: dict) -> tuple[set[str], set[str]]:
    """(pointers Spectral expects, pointers accord finds) for one case; a document accord refuses to
    read finds `refused: <why>`, which never agrees."""
    from accord.contracts import ContractError
    from accord.contracts.lint import LintConfig, lint_file

    document = scratch / "contract.json"
    document.write_text(json.dumps(case["document"]))
    config = LintConfig(rules=rules, enabled={case["rule"]: "on"}, settings={})
    try:
        found = {f.pointer for f in lint_file(document, config).findings if f.rule == case["rule"]}
    except ContractError as exc:
        found = {f"refused: {exc}"}
    return {_pointer(e["path"]) for e in case["errors"]}, found


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    from accord.contracts.lint.rulesets import rulesets

    accord_rules = {
        rule_id: rule
        for name in ("accord:oas", "accord:asyncapi")
        for rule_id, rule in rulesets()[name].items()
    }
    with tempfile.TemporaryDirectory() as scratch:
        try:
            checkout(argv[0], Path(scratch), *TESTS, *FIXTURES)
        except subprocess.CalledProcessError as exc:
            print(
                f"{argv[0]}: cannot read Spectral's rule tests: {exc.stderr.decode().strip()}",
                file=sys.stderr,
            )
            return 2
        cases = collect(Path(scratch))
        if not cases:
            print("no Spectral rule tests found: is this stoplightio/spectral?", file=sys.stderr)
            return 2
        results, absent, apart = [], Counter(), 0
        for case in cases:
            if case["rule"] not in accord_rules:
                absent[case["rule"]] += 1
            elif case["remote"] or any("path" not in e for e in case["errors"]):
                apart += 1
            else:
                results.append((case, *judge(case, Path(scratch), accord_rules)))
    per_rule: dict[str, list[int]] = {}
    for case, expected, found in results:
        tally = per_rule.setdefault(case["rule"], [0, 0])
        tally[0] += expected == found
        tally[1] += 1
    agreed = sum(t[0] for t in per_rule.values())
    figures = {
        "cases": len(results),
        "agreed": agreed,
        "agreement": round(agreed / len(results), 3) if results else None,
        "rules": len(per_rule),
        "rules_fully_agreeing": sum(t[0] == t[1] for t in per_rule.values()),
        "not_in_accord": dict(absent),
        "apart": apart,
    }
    if "--json" in argv:
        figures["per_rule"] = {rule: f"{t[0]}/{t[1]}" for rule, t in sorted(per_rule.items())}
        print(json.dumps(figures, indent=1))
        return 0
    print(json.dumps(figures))
    for rule, (ok, total) in sorted(per_rule.items(), key=lambda item: item[1][0] / item[1][1]):
        if ok < total:
            print(f"{rule}: {ok}/{total}")
    for case, expected, found in results:
        if expected != found:
            print(
                f"differs: {case['rule']} / {case['name']}: spectral={sorted(expected)} accord={sorted(found)}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
