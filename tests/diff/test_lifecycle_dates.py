"""The diff reads lifecycle dates from the model: oasdiff's forms, compared by day, located."""

from __future__ import annotations

from pathlib import Path

import orjson
from accord.contracts import load_contract
from accord.contracts.diff import diff_contracts


def _doc(**operation: object) -> dict:
    get = {"responses": {"200": {"description": "ok"}}, **operation}
    return {"openapi": "3.0.3", "info": {"title": "t", "version": "1.0.0"}, "paths": {"/a": {"get": get}}}


def _changes(tmp_path: Path, base: dict, revision: dict) -> list[tuple[str, str, str | None]]:
    (tmp_path / "a.json").write_bytes(orjson.dumps(base))
    (tmp_path / "b.json").write_bytes(orjson.dumps(revision))
    report = diff_contracts(load_contract(tmp_path / "a.json"), load_contract(tmp_path / "b.json"))
    return [(c.id, c.message, c.revision) for c in report.changes if not c.id.startswith("api-")]


def test_the_same_day_written_as_a_date_time_is_no_change(tmp_path: Path) -> None:
    base = _doc(deprecated=True, **{"x-sunset": "2030-01-01"})
    assert _changes(tmp_path, base, _doc(deprecated=True, **{"x-sunset": "2030-01-01T10:00:00Z"})) == []


def test_a_date_time_that_moves_the_day_earlier_is_breaking(tmp_path: Path) -> None:
    base = _doc(deprecated=True, **{"x-sunset": "2030-01-02"})
    revision = _doc(deprecated=True, **{"x-sunset": "2030-01-01T23:00:00-05:00"})  # the day as written
    assert _changes(tmp_path, base, revision) == [
        (
            "endpoint-sunset-moved-earlier",
            "x-sunset moved earlier from 2030-01-02 to 2030-01-01T23:00:00-05:00",
            "/paths/~1a/get/x-sunset",
        )
    ]


def test_removing_an_operation_whose_sunset_is_not_a_date_is_refused(tmp_path: Path) -> None:
    base = _doc(deprecated=True, **{"x-sunset": "2020-01-01 00:00:00"})
    (tmp_path / "a.json").write_bytes(orjson.dumps(base))
    removed = {**base, "paths": {}}
    (tmp_path / "b.json").write_bytes(orjson.dumps(removed))
    report = diff_contracts(load_contract(tmp_path / "a.json"), load_contract(tmp_path / "b.json"))
    (change,) = [c for c in report.changes if not c.id.startswith("api-")]
    assert (change.id, change.level, change.base) == (
        "endpoint-sunset-invalid",
        "ERR",
        "/paths/~1a/get/x-sunset",
    )
    assert "'2020-01-01 00:00:00' is not an RFC 3339 date" in change.message


def test_stability_changes_point_at_the_level(tmp_path: Path) -> None:
    base = _doc(**{"x-stability-level": "beta"})
    assert _changes(tmp_path, base, _doc(**{"x-stability-level": "alpha"})) == [
        (
            "endpoint-stability-decreased",
            "x-stability-level decreased from beta to alpha",
            "/paths/~1a/get/x-stability-level",
        )
    ]
    assert _changes(tmp_path, base, _doc(**{"x-stability-level": "Stable"})) == [
        (
            "endpoint-stability-invalid",
            "x-stability-level 'Stable' is not one of draft, alpha, beta, stable",
            "/paths/~1a/get/x-stability-level",
        )
    ]


def test_a_parameter_sunset_that_becomes_invalid_is_reported_where_it_is_written(tmp_path: Path) -> None:
    def with_sunset(sunset: str) -> dict:
        parameter = {
            "name": "q",
            "in": "query",
            "schema": {"type": "string"},
            "deprecated": True,
            "x-sunset": sunset,
        }
        return _doc(parameters=[parameter])

    assert _changes(tmp_path, with_sunset("2030-01-01"), with_sunset("20300101")) == [
        (
            "request-parameter-sunset-invalid",
            "query parameter 'q': x-sunset '20300101' is not an RFC 3339 date (2030-01-01) or date-time "
            "(2030-01-01T10:00:00Z)",
            "/paths/~1a/get/parameters/0/x-sunset",
        )
    ]
    assert _changes(tmp_path, with_sunset("20300101"), with_sunset("20300101")) == []  # not new: lint's job
