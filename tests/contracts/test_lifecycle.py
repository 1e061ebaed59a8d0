"""The one lifecycle reader: what oasdiff accepts as a sunset date, and nothing else.

oasdiff (checker/deprecation.go, getSunsetDate) takes `civil.ParseDate` (YYYY-MM-DD) or Go's
`time.Parse(time.RFC3339, ...)`; every other value is `api-deprecated-sunset-parse` /
`api-path-sunset-parse` / `request-parameter-sunset-parse` there, and invalid here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from accord.contracts import Stability, load_contract, parse_lifecycle_date, read_lifecycle

VALID = [
    ("2030-01-01", date(2030, 1, 1)),
    ("2030-01-01T10:00:00Z", datetime(2030, 1, 1, 10, tzinfo=UTC)),
    ("2030-01-01T10:00:00.5Z", datetime(2030, 1, 1, 10, 0, 0, 500000, tzinfo=UTC)),
    ("2030-01-01T10:00:00.123456789+02:00", datetime(2030, 1, 1, 10, 0, 0, 123456, tzinfo=timezone(timedelta(hours=2)))),
    ("2030-01-01T23:30:00-05:30", datetime(2030, 1, 1, 23, 30, tzinfo=timezone(-timedelta(hours=5, minutes=30)))),
    ("2028-02-29", date(2028, 2, 29)),
]  # fmt: skip

INVALID = [
    "20300101",  # ISO 8601 basic format: Python's fromisoformat takes it, oasdiff does not
    20300101,  # a bare YAML number
    "2030-01-01 10:00:00",  # a space for T
    "2030-01-01t10:00:00z",  # Go's RFC3339 layout wants upper case T and Z
    "2030-01-01T10:00:00",  # no offset
    "2030-01-01T10:00Z",  # no seconds
    "2030-1-1",
    "2030-02-30",
    "2029-02-29",
    "2030-01-01T24:00:00Z",
    "2030-01-01T10:00:60Z",
    "2030-01-01T10:00:00+24:00",  # Go's lax fallback takes this one and the next two; RFC 3339 does not
    "2030-01-01T1:00:00Z",
    "2030-01-01T10:00:00+02:60",
    "2030-01-01T10:00:00,5Z",
    " 2030-01-01",
    "2030-01-01\n",
    "\uff12\uff10\uff13\uff10-01-01",  # full-width digits
    "next spring",
    "",
    None,
    True,
    ["2030-01-01"],
]


@pytest.mark.parametrize(("raw", "expected"), VALID)
def test_rfc3339_dates_and_date_times_are_read(raw: str, expected: date) -> None:
    assert parse_lifecycle_date(raw) == expected


@pytest.mark.parametrize("raw", INVALID)
def test_everything_else_is_invalid(raw: object) -> None:
    assert parse_lifecycle_date(raw) is None
    facts = read_lifecycle({"deprecated": True, "x-sunset": raw}, "/paths/~1a/get")
    assert facts.sunset is not None and not facts.sunset.valid
    assert facts.sunset.moment is None and facts.sunset.day is None
    assert facts.sunset.pointer == "/paths/~1a/get/x-sunset"
    assert "is not an RFC 3339 date (2030-01-01) or date-time (2030-01-01T10:00:00Z)" in facts.sunset.problem


def test_a_date_is_midnight_utc_and_a_date_time_keeps_its_own_day() -> None:
    facts = read_lifecycle({"x-sunset": "2030-01-01", "x-deprecated-at": "2030-01-01T23:00:00-05:00"}, "")
    assert facts.sunset.moment == datetime(2030, 1, 1, tzinfo=UTC)
    assert facts.deprecated_at.day == date(2030, 1, 1)  # as written (oasdiff's civil.DateOf)
    assert facts.deprecated_at.moment == datetime(2030, 1, 2, 4, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "level"),
    [("draft", Stability.DRAFT), ("alpha", Stability.ALPHA), ("beta", Stability.BETA), ("stable", Stability.STABLE),
     ("Beta", None), ("ga", None), (1, None), (None, None)],
)  # fmt: skip
def test_stability_levels_are_oasdiffs(raw: object, level: Stability | None) -> None:
    facts = read_lifecycle({"x-stability-level": raw}, "/x")
    assert facts.stability is not None and facts.stability.value == level
    assert facts.stability.pointer == "/x/x-stability-level"
    assert (facts.stability.problem is None) == (level is not None)


def test_stability_levels_are_ordered() -> None:
    assert [s.rank for s in (Stability.DRAFT, Stability.ALPHA, Stability.BETA, Stability.STABLE)] == [
        0,
        1,
        2,
        3,
    ]


def test_absent_facts_are_none() -> None:
    facts = read_lifecycle({"summary": "x"}, "/x")
    assert (facts.deprecated, facts.sunset, facts.deprecated_at, facts.stability) == (False, None, None, None)


def test_the_model_carries_parsed_values_with_their_place(tmp_path: Path) -> None:
    contract = tmp_path / "api.yaml"
    contract.write_text(
        "openapi: 3.0.3\n"
        "info: {title: t, version: 1.0.0}\n"
        "paths:\n"
        "  /a:\n"
        "    get:\n"
        "      deprecated: true\n"
        "      x-sunset: 20300101\n"
        "      x-deprecated-at: 2026-01-01T00:00:00Z\n"
        "      x-stability-level: beta\n"
        "      parameters:\n"
        "        - {name: q, in: query, deprecated: true, x-sunset: 2030-01-01, schema: {type: string}}\n"
        "      responses: {'200': {description: ok}}\n"
    )
    c = load_contract(contract)
    op = c.operations[0]
    assert (op.sunset.raw, op.sunset.valid) == (20300101, False)
    assert str(c.location(op.sunset.pointer)) == f"{contract}:7:17"
    assert op.deprecated_at.value == datetime(2026, 1, 1, tzinfo=UTC)
    assert op.stability.value is Stability.BETA
    assert op.parameters[0].sunset.value == date(2030, 1, 1)
