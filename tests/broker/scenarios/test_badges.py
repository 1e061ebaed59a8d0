"""Badges (the Pact Broker's default `redirect` badge mode): a 307 to a shields.io image whose words
and colour say how the latest pact stands, or whether a tagged version can be deployed."""

from __future__ import annotations

import httpx
import pytest

from tests.broker.helpers import publish, verify

SHIELDS = "https://img.shields.io/badge/"


def badge(url: str, **params: str) -> str:
    response = httpx.get(url, params=params, follow_redirects=False)
    assert response.status_code == 307, response.text
    assert response.headers["cache-control"] == "no-cache"
    location = response.headers["location"]
    assert location.startswith(SHIELDS) and location.endswith(".svg")
    return location[len(SHIELDS) : -len(".svg")]


def test_latest_pact_badge_follows_the_verifications(broker, n):
    """spec/features/get_latest_pact_badge_spec.rb and spec/lib/pact_broker/badges/service_spec.rb:
    unknown before any verification, verified, failed, changed (a new pact content since the last
    success); `label` names one side, `initials` shortens the names; a missing pact is 'pact not found'."""
    consumer, provider = f"{n}-consumer", f"{n}Provider"
    url = f"{broker}/pacts/provider/{provider}/consumer/{consumer}/latest/badge"
    assert badge(f"{broker}/pacts/provider/{provider}/consumer/{n}nobody/latest/badge") == (
        "pact%20not%20found-unknown-lightgrey"
    )
    assert publish(broker, consumer, "1", provider).status_code == 200
    assert badge(url) == f"{n}--consumer%2F{n.lower()}provider%20pact-unknown-lightgrey"
    assert verify(broker, consumer, "1", provider, "p1", True).status_code == 201
    assert badge(url) == f"{n}--consumer%2F{n.lower()}provider%20pact-verified-brightgreen"
    assert badge(url, label="consumer") == f"{n}--consumer%20pact-verified-brightgreen"
    assert badge(url, label="provider", initials="true") == "tp%20pact-verified-brightgreen"
    assert publish(broker, consumer, "2", provider, "a changed request").status_code == 200
    assert badge(url, label="consumer") == f"{n}--consumer%20pact-changed-orange"
    assert verify(broker, consumer, "2", provider, "p2", False).status_code == 201
    assert badge(url, label="consumer") == f"{n}--consumer%20pact-failed-red"


def test_tagged_and_untagged_pact_badges(broker, n):
    """spec/features/get_latest_tagged_pact_badge_spec.rb and get_latest_untagged_pact_badge_spec.rb:
    each badge follows its own pact (prod: verified; untagged: never verified)."""
    consumer, provider = f"{n}Consumer", f"{n}Provider"
    assert publish(broker, consumer, "1", provider, tags=["prod"]).status_code == 200
    assert verify(broker, consumer, "1", provider, "p1", True).status_code == 201
    assert publish(broker, consumer, "2", provider, "a new request").status_code == 200
    pair = f"{broker}/pacts/provider/{provider}/consumer/{consumer}"
    assert badge(f"{pair}/latest/prod/badge", label="consumer").endswith("-verified-brightgreen")
    assert badge(f"{pair}/latest-untagged/badge", label="consumer").endswith("-unknown-lightgrey")
    assert badge(f"{pair}/latest/nope/badge") == "pact%20not%20found-unknown-lightgrey"


def test_matrix_badge_with_tags(broker, n):
    """spec/features/get_matrix_badge_spec.rb: the latest prod pact against the latest verification by a
    provider version tagged master; the tags are shown beside the names; an unknown pacticipant is
    'pact not found'."""
    consumer, provider = f"{n}consumer", f"{n}provider"
    assert publish(broker, consumer, "1", provider, tags=["prod"]).status_code == 200
    assert verify(broker, consumer, "1", provider, "4", True).status_code == 201
    path = f"{broker}/matrix/provider/{provider}/latest/master/consumer/{consumer}/latest/prod/badge"
    assert badge(path).endswith("-unknown-lightgrey")  # version 4 is not tagged master yet
    assert httpx.put(f"{broker}/pacticipants/{provider}/versions/4/tags/master").is_success
    assert badge(path) == f"{consumer}%20%28prod%29%2F{provider}%20%28master%29%20pact-verified-brightgreen"
    missing = f"{broker}/matrix/provider/{provider}/latest/master/consumer/{n}other/latest/prod/badge"
    assert "not%20found" in badge(missing)


@pytest.mark.parametrize("deployable", [True, False])
def test_can_i_deploy_badge(broker, n, deployable):
    """spec/features/get_can_i_deploy_badge_spec.rb: a 307 to shields.io, 'main to prod', green when the
    latest main version can go with the latest prod versions; a missing pacticipant or version says so."""
    foo, bar = f"{n}Foo", f"{n}Bar"
    assert publish(broker, foo, "1.2.3", bar, tags=["main"]).status_code == 200
    assert verify(broker, foo, "1.2.3", bar, "b1", deployable).status_code == 201
    assert httpx.put(f"{broker}/pacticipants/{bar}/versions/b1/tags/prod").is_success
    url = f"{broker}/pacticipants/{foo}/latest-version/main/can-i-deploy/to/prod/badge"
    color = "brightgreen" if deployable else "red"
    assert badge(url) == f"can--i--deploy-main%20to%20prod-{color}"
    assert badge(url, label="ship it") == f"ship%20it-main%20to%20prod-{color}"
    assert badge(f"{broker}/pacticipants/{foo}/latest-version/nope/can-i-deploy/to/prod/badge") == (
        "version-not%20found-lightgrey"
    )
    assert badge(f"{broker}/pacticipants/{n}Nobody/latest-version/main/can-i-deploy/to/prod/badge") == (
        "pacticipant-not%20found-lightgrey"
    )
