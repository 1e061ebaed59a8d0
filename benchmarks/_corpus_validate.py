"""Driver for benchmarks/corpus-validate: a watchdog around one validating worker process."""

from __future__ import annotations

import argparse
import collections
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

WORKER = r"""
import json, resource, sys, time, traceback
resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))
from accord.contracts import validate_file
for line in sys.stdin:
    mode, path = line.rstrip("\n").split("\t", 1)
    start = time.perf_counter()
    try:
        if mode == "osv":
            from openapi_spec_validator import validate
            from openapi_spec_validator.readers import read_from_filename
            try:
                validate(read_from_filename(path)[0])
                outcome, detail = "valid", ""
            except Exception as exc:  # its ValidationErrors are verdicts; anything else is its own crash
                from jsonschema.exceptions import ValidationError
                outcome = "invalid" if isinstance(exc, ValidationError) else "no verdict"
                detail = f"{type(exc).__name__}: {str(exc).splitlines()[0][:150]}"
        else:
            report = validate_file(path)
            outcome = "bad-input" if report.unreadable else "valid" if report.valid else "invalid"
            detail = report.errors[0].message[:150] if report.errors else ""
    except BaseException as exc:
        outcome = "crash"
        detail = "".join(traceback.format_exception_only(exc)).strip()[:300]
        detail += " @ " + traceback.extract_tb(exc.__traceback__)[-1].filename.rsplit("/", 2)[-1]
    print(json.dumps({"outcome": outcome, "detail": detail, "seconds": time.perf_counter() - start}), flush=True)
"""


class Worker:
    def __init__(self) -> None:
        self.proc: subprocess.Popen[str] | None = None

    def ask(self, mode: str, path: Path, timeout: float) -> dict:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
            )
        assert self.proc.stdin and self.proc.stdout
        start = time.perf_counter()
        self.proc.stdin.write(f"{mode}\t{path}\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            self.stop()
            return {"outcome": "timeout", "detail": f"no answer in {timeout:g} s", "seconds": timeout}
        line = self.proc.stdout.readline()
        if not line:
            code = self.proc.wait()
            self.proc = None
            return {
                "outcome": "crash",
                "detail": f"worker died (exit {code})",
                "seconds": time.perf_counter() - start,
            }
        return json.loads(line)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--compare-osv", type=int, default=0)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"missing {args.corpus}: run benchmarks/fetch-data first")
    files = sorted(args.corpus.rglob("*.json"))
    if args.limit:
        files = files[: args.limit]
    worker = Worker()
    results: dict[Path, dict] = {}
    started = time.perf_counter()
    try:
        for i, path in enumerate(files, 1):
            results[path] = worker.ask("accord", path, args.timeout)
            if i % 250 == 0:
                print(f"... {i}/{len(files)} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        wall = time.perf_counter() - started
        compared = []
        if args.compare_osv:
            small = [
                p for p in files if p.stat().st_size < 1_000_000 and results[p]["outcome"] != "bad-input"
            ]
            step = max(1, len(small) // args.compare_osv)
            sample = set(small[::step][: args.compare_osv])
            sample |= {p for p in small if results[p]["outcome"] == "invalid"}
            for path in sorted(sample):
                compared.append((path, worker.ask("osv", path, args.timeout)))
    finally:
        worker.stop()
    text = summary(args.corpus, results, wall, compared)
    print(text)
    if args.out:
        args.out.write_text(text)


def summary(corpus: Path, results: dict[Path, dict], wall: float, compared: list) -> str:
    counts = collections.Counter(r["outcome"] for r in results.values())
    total_cpu = sum(r["seconds"] for r in results.values())
    lines = [
        f"Documents: {len(results)} from `{corpus.parent.parent.name}` (one worker, "
        f"wall {wall:.0f} s, validation time {total_cpu:.0f} s)",
        "",
        "| outcome | documents |",
        "|---|---|",
    ]
    for outcome in ("valid", "invalid", "bad-input", "timeout", "crash"):
        lines.append(f"| {outcome} | {counts.get(outcome, 0)} |")
    lines += ["", "Slowest ten:", "", "| seconds | document | outcome |", "|---|---|---|"]
    slowest = sorted(results.items(), key=lambda item: -item[1]["seconds"])[:10]
    for path, r in slowest:
        lines.append(f"| {r['seconds']:.2f} | {path.relative_to(corpus)} | {r['outcome']} |")
    for outcome in ("crash", "timeout"):
        bad = [(p, r) for p, r in results.items() if r["outcome"] == outcome]
        if bad:
            lines += ["", f"{outcome.capitalize()}es:" if outcome == "crash" else "Timeouts:", ""]
            lines += [f"- {p.relative_to(corpus)}: {r['detail']}" for p, r in bad]
    reasons = collections.Counter(
        r["detail"].split(": ", 1)[-1][:80] for r in results.values() if r["outcome"] == "bad-input"
    )
    if reasons:
        lines += ["", "Bad-input reasons (most common):", ""]
        lines += [f"- {n} x {reason}" for reason, n in reasons.most_common(8)]
    if compared:
        agree = [p for p, r in compared if r["outcome"] == results[p]["outcome"]]
        silent = [p for p, r in compared if r["outcome"] not in ("valid", "invalid")]
        differ = len(compared) - len(agree) - len(silent)
        lines += [
            "",
            f"Verdict vs openapi-spec-validator on {len(compared)} documents: {len(agree)} agree, "
            f"{differ} differ, {len(silent)} without a verdict from openapi-spec-validator (its crash or timeout).",
            "",
        ]
        for path, r in compared:
            if path not in agree:
                lines.append(
                    f"- {path.relative_to(corpus)}: accord {results[path]['outcome']} "
                    f"({results[path]['detail'][:100]}), openapi-spec-validator {r['outcome']} ({r['detail'][:100]})"
                )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    main()
