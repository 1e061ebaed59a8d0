"""A body nested too deep to be served back is refused on the way in: it never poisons the collection
that later GETs read (issue 17: one 1,000-deep POST made every later GET answer 500 until restart)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from accord.contracts.http import MAX_JSON_DEPTH
from accord.generators.mock import mock_server


def _pet_with_toys(depth: int) -> str:
    return '{"name": "Rex", "kind": "dog", "toys": ' + "[" * depth + "]" * depth + "}"


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 1000, 100_000])
def test_a_too_deep_body_is_refused_and_the_collection_still_serves(pets: Path, depth: int) -> None:
    with mock_server(pets, stateful=True) as url:
        refused = httpx.post(
            url + "/pets", content=_pet_with_toys(depth), headers={"content-type": "application/json"}
        )
        assert refused.status_code == 400
        assert httpx.get(url + "/pets").json() == []
        kept = httpx.post(url + "/pets", json={"name": "Tom", "kind": "cat"})
        assert kept.status_code == 201
        assert [pet["name"] for pet in httpx.get(url + "/pets").json()] == ["Tom"]


def test_a_body_at_the_depth_limit_is_stored_and_served_back(pets: Path) -> None:
    with mock_server(pets, stateful=True) as url:
        body = _pet_with_toys(MAX_JSON_DEPTH - 1)  # the object itself is one level
        created = httpx.post(url + "/pets", content=body, headers={"content-type": "application/json"})
        assert created.status_code == 201, created.text
        listed = httpx.get(url + "/pets")
        assert listed.status_code == 200 and len(listed.json()) == 1
