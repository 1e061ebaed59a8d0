"""HAL documents against approved files (host, times and uuids normalised).
Regenerate deliberately with ACCORD_UPDATE_GOLDEN=1 and review the diff."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest

from .helpers import deploy, environment, publish, verify

GOLDEN = Path(__file__).parent / "golden"
TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _normalise(value, base: str):
    if isinstance(value, dict):
        return {k: _normalise(v, base) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v, base) for v in value]
    if isinstance(value, str):
        if TIME.match(value):
            return "<time>"
        return UUID.sub("<uuid>", value.replace(base, "http://broker"))
    return value


def approve(name: str, document: dict, base: str) -> None:
    path = GOLDEN / f"{name}.approved.json"
    received = json.dumps(_normalise(document, base), indent=2, sort_keys=True) + "\n"
    if os.environ.get("ACCORD_UPDATE_GOLDEN"):
        path.write_text(received)
    if not path.exists():
        pytest.fail(f"no approved file {path.name}: run with ACCORD_UPDATE_GOLDEN=1 and review it")
    assert received == path.read_text(), f"{path.name} differs (ACCORD_UPDATE_GOLDEN=1 to regenerate)"


def test_documents_match_the_approved_files(sqlite_broker: str) -> None:
    broker = sqlite_broker
    approve("index", httpx.get(broker + "/").json(), broker)
    prod = environment(broker, "production")
    approve("publish", publish(broker, "Web", "1", "Api", "a", branch="main", tags=["prod"]).json(), broker)
    verify(broker, "Web", "1", "Api", "a1", True, branch="main")
    deploy(broker, "Api", "a1", prod)
    approve("pact", httpx.get(f"{broker}/pacts/provider/Api/consumer/Web/version/1").json(), broker)
    body = {
        "consumerVersionSelectors": [{"branch": "main"}],
        "providerVersionBranch": "main",
        "includePendingStatus": True,
    }
    approve(
        "for_verification",
        httpx.post(f"{broker}/pacts/provider/Api/for-verification", json=body).json(),
        broker,
    )
    query = urlencode(
        [
            ("q[][pacticipant]", "Web"),
            ("q[][version]", "1"),
            ("latestby", "cvpv"),
            ("environment", "production"),
        ]
    )
    approve("matrix", httpx.get(f"{broker}/matrix?{query}").json(), broker)
    approve("version", httpx.get(f"{broker}/pacticipants/Api/versions/a1").json(), broker)
