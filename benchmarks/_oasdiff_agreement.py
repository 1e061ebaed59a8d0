"""How often `accord diff` agrees with oasdiff's own checker tests.

Reads a checkout (or bare clone) of oasdiff: every test function in `checker/*_test.go` that diffs
two files from `data/` as they are (tests that edit a loaded spec in Go, or load more or fewer than
two files, are skipped) becomes a pair. Its verdict is what the test expects: *breaking* when an id
it asserts is ERR in oasdiff's `checker/rules.go`, *safe* when a test that runs every check asserts
no change or INFO ones only (a test of one check says nothing of the rest of the pair); WARN-only
pairs are counted apart. accord then diffs each pair in-process.

Prints recall (breaking pairs where accord reports an ERR) and the false-alarm rate (safe pairs
where accord reports an ERR or WARN), then every disagreement with the test it came from.
Usage: python benchmarks/_oasdiff_agreement.py OASDIFF_GIT_DIR [--json]
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from _peer import checkout

_FUNC = re.compile(r"^func (Test\w+)\(t \*testing\.T\) \{\n(.*?)^\}", re.S | re.M)
_HANDLES = {"deprecationFile": "deprecation", "paramDeprecationFile": "param-deprecation"}
_HANDLES |= {"requiredPropertyFile": "required-properties", "stabilityFile": "stability"}
_OPEN = re.compile(r'open\((?:(\w+)\()?"([^"]+)"\)?')
_LOAD_FROM = re.compile(r'loadFrom\(t, "([^"]+)", (\d+)\)')
_NUMBERED = re.compile(r"\bd\(t, diff\.NewConfig\(\), (\d+), (\d+)\)")
_HELPER = re.compile(r'\w+\(t, "(\.\./data/[^"]+)", "(\.\./data/[^"]+)"')  # a test helper given both files
_STABILITY = re.compile(r'stabilityChanges\(t, "([^"]+)", "([^"]+)"')
_MUTATION = re.compile(r"\bs[12]\.Spec\b")  # the test reaches into a loaded spec, mostly to edit it
_SKIP = (
    "diff.Config{",
    "NewConfig().With",
    "WithOptionalCheck",
    "for _, ",
    "WithSeverityLevels",
    "StabilityLevel =",
)
_SKIP += (
    "WithDeprecation(",
    "WithAttributes(",
    "StabilityLevelAlpha",
    "StabilityLevelBeta",
    "StabilityLevelStable",
)
# (policies and report thresholds accord has no option for)
_SETTER = re.compile(r"\bset\w*\(t, s[12]\b")
_ID_USE = re.compile(r"checker\.(\w+Id)\b")
_CONST = re.compile(r'^\s*(\w+Id)\s*=\s*"([^"]+)"', re.M)
_RULE = re.compile(r"newBackwardCompatibilityRule\((\w+Id), (ERR|WARN|INFO)")
_ABSENT = re.compile(
    r"\b(False|NotContains|NotEqual|Nil|requireNoChange)\("
)  # an id the test says is not there
_ALL_CHECKS = re.compile(r"allChecksConfig\(|\bd\(t, |stabilityChanges\(|nullableWrapChanges\(")
_EMPTY = re.compile(r"require\.(Empty|Len)\(t, \w+(, 0)?\)")


@dataclass(frozen=True, slots=True)
class Pair:
    test: str
    base: str
    revision: str
    verdict: str  # breaking | warn | safe
    ids: tuple[str, ...]


def _files(body: str) -> list[str]:
    found: list[tuple[int, str]] = []
    for match in _OPEN.finditer(body):
        handle, name = match.groups()
        path = f"../data/{_HANDLES[handle]}/{name}" if handle in _HANDLES else name if not handle else None
        if path:
            found.append((match.start(), path))
    found += [(m.start(), f"{m[1]}spec{m[2]}.yaml") for m in _LOAD_FROM.finditer(body)]
    for m in _NUMBERED.finditer(body):
        found += [
            (m.start(), f"../data/openapi-test{m[1]}.yaml"),
            (m.start() + 1, f"../data/openapi-test{m[2]}.yaml"),
        ]
    for m in _HELPER.finditer(body):
        found += [(m.start(), m[1]), (m.start() + 1, m[2])]
    for m in _STABILITY.finditer(body):
        found += [(m.start(), f"../data/stability/{m[1]}"), (m.start() + 1, f"../data/stability/{m[2]}")]
    return [path for _, path in sorted(found)]


def collect(root: Path) -> list[Pair]:
    checker = root / "checker"
    sources = {p: p.read_text() for p in checker.glob("*.go")}
    names = {name: value for text in sources.values() for name, value in _CONST.findall(text)}
    levels = {
        names[const]: level for const, level in _RULE.findall(sources[checker / "rules.go"]) if const in names
    }
    pairs = []
    for path, text in sorted(sources.items()):
        if not path.name.endswith("_test.go"):
            continue
        for test, body in _FUNC.findall(text):
            files = _files(body)
            if (
                len(files) != 2
                or _MUTATION.search(body)
                or _SETTER.search(body)
                or any(s in body for s in _SKIP)
            ):
                continue
            asserted = "\n".join(line for line in body.splitlines() if not _ABSENT.search(line))
            ids = tuple(dict.fromkeys(names[c] for c in _ID_USE.findall(asserted) if names.get(c) in levels))
            graded = {levels[i] for i in ids}
            if not ids and not _EMPTY.search(body):
                continue
            verdict = "breaking" if "ERR" in graded else "warn" if "WARN" in graded else "safe"
            if verdict == "safe" and not _ALL_CHECKS.search(body):
                continue  # one check found nothing: the pair may still break in a way it does not look at
            base, revision = ((checker / f).resolve() for f in files)
            if base.exists() and revision.exists():
                pairs.append(Pair(f"{path.name}:{test}", str(base), str(revision), verdict, ids))
    return pairs


def judge(pair: Pair) -> str | None:
    """The highest level accord reports for the pair, or "error: ..." when it cannot diff it."""
    from accord.contracts import ContractError, load_contract
    from accord.contracts.diff import diff_contracts

    try:
        changes = diff_contracts(load_contract(pair.base), load_contract(pair.revision)).changes
    except ContractError as exc:
        return f"error: {exc}"
    levels = {c.level for c in changes if c.id not in _POLICY}
    return next((level for level in ("ERR", "WARN", "INFO") if level in levels), None)


_POLICY = {"api-major-version-not-bumped", "api-version-decreased", "api-version-unchanged"}


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        try:
            checkout(argv[0], Path(scratch), "checker", "data")
        except subprocess.CalledProcessError as exc:
            print(
                f"{argv[0]}: cannot read checker/ and data/: {exc.stderr.decode().strip()}", file=sys.stderr
            )
            return 2
        pairs = collect(Path(scratch))
        if not pairs:
            print("no test pairs found: is this oasdiff?", file=sys.stderr)
            return 2
        results = [(pair, judge(pair)) for pair in pairs]
    breaking = [(p, got) for p, got in results if p.verdict == "breaking"]
    safe = [(p, got) for p, got in results if p.verdict == "safe"]
    missed = [(p, got) for p, got in breaking if got != "ERR"]
    alarms = [(p, got) for p, got in safe if got in ("ERR", "WARN")]
    figures = {
        "pairs": len(results),
        "breaking": len(breaking),
        "recall": round(1 - len(missed) / len(breaking), 3) if breaking else None,
        "safe": len(safe),
        "false_alarms": round(len(alarms) / len(safe), 3) if safe else None,
    }
    if "--json" in argv:
        figures["missed"] = [p.test for p, _ in missed]
        figures["alarms"] = [p.test for p, _ in alarms]
        print(json.dumps(figures, indent=1))
        return 0
    print(json.dumps(figures))
    for label, rows in (("missed", missed), ("false alarm", alarms)):
        for pair, got in rows:
            print(f"{label}: {pair.test} oasdiff={','.join(pair.ids) or '-'} accord={got}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
