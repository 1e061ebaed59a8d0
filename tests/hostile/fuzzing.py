"""The fuzzing budget and tally shared by the hostile-input suites.

`ACCORD_FUZZ_EXAMPLES` sets hypothesis' `max_examples` per test (default 20: the bounded budget the
test suite runs in CI); `benchmarks/fuzz-hostile` raises it for the long run. With
`ACCORD_FUZZ_REPORT=FILE`, the number of inputs tried per target is written there as JSON at the end.
"""

from __future__ import annotations

import json
import os
from collections import Counter

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("ACCORD_FUZZ_EXAMPLES", "20"))
BUDGET = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="ACCORD_FUZZ_REPORT" not in os.environ,  # CI: the same inputs every run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    database=None,
)
tried: Counter[str] = Counter()


def write_report() -> None:
    path = os.environ.get("ACCORD_FUZZ_REPORT")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(dict(sorted(tried.items())), out, indent=2)
