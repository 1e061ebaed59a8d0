"""Dogfood: the broker's HTTP API has an OpenAPI contract in the repository, and passes `accord fuzz`."""

from __future__ import annotations

import json

from accord.broker.contract import CONTRACT, generate, render

from tests.cli import accord


def test_the_checked_in_contract_is_current():
    assert CONTRACT.read_text() == render(generate()), (
        "broker/contract/openapi.json is stale: run scripts/broker-contract and commit the result"
    )


def test_the_broker_passes_its_own_fuzzing(serve, tmp_path):
    from accord.broker.api import create_app
    from accord.broker.settings import Settings

    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'broker.sqlite3'}"))
    url = serve(app)
    report = tmp_path / "fuzz.json"
    r = accord(
        "fuzz", CONTRACT, "--url", url, "--max-examples", "5", "--seed", "20261124", "--report-json", report,
        timeout=300,
    )  # fmt: skip
    document = json.loads(report.read_text())
    assert r.code == 0, r.stdout[-6000:]
    summary = document["summary"]
    assert summary["failed"] == summary["errored"] == summary["skipped"] == 0, summary
    assert summary["operations"] == summary["passed"] > 40  # every operation of the API was exercised
    app.state.services.db.dispose()
