"""Area 3, a provider's pacts across its consumers: all, latest, by consumer version tag and by consumer
branch (the `pb:pacts` lists the `pact` CLI and verifiers read)."""

from __future__ import annotations

import httpx

from tests.broker.helpers import publish


def _pacts(url: str) -> list[str]:
    """The `pb:pacts` hrefs, after checking the HAL list's status, type and links."""
    response = httpx.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/hal+json")
    body = response.json()
    assert body["_links"]["self"]["href"] == url
    assert [p["href"] for p in body["_links"]["pacts"]] == [p["href"] for p in body["_links"]["pb:pacts"]]
    return [p["href"] for p in body["_links"]["pb:pacts"]]


def test_provider_pacts_latest_tagged_and_all(broker, n):
    """spec/features/get_provider_pacts_spec.rb: latest per consumer (2), latest per consumer with tag
    prod (2), none for an unused tag, every pact with tag prod (3), every pact (4); 404 for an unknown
    provider."""
    assert publish(broker, f"{n}Consumer", "0.0.1", f"{n}Provider", "a", tags=["prod"]).status_code == 200
    assert publish(broker, f"{n}Consumer", "1.0.0", f"{n}Provider", "b", tags=["prod"]).status_code == 200
    assert publish(broker, f"{n}Consumer", "1.2.3", f"{n}Provider", "c").status_code == 200
    assert publish(broker, f"{n}Consumer 2", "4.5.6", f"{n}Provider", "d", tags=["prod"]).status_code == 200
    provider = f"{broker}/pacts/provider/{n}Provider"
    consumer, consumer2 = f"{provider}/consumer/{n}Consumer", f"{provider}/consumer/{n}Consumer%202"
    assert sorted(_pacts(f"{provider}/latest")) == [f"{consumer2}/version/4.5.6", f"{consumer}/version/1.2.3"]
    assert sorted(_pacts(f"{provider}/latest/prod")) == [
        f"{consumer2}/version/4.5.6",
        f"{consumer}/version/1.0.0",
    ]
    assert _pacts(f"{provider}/latest/foo") == []
    assert len(_pacts(f"{provider}/tag/prod")) == 3
    assert len(_pacts(provider)) == 4
    listed = httpx.get(provider).json()["_links"]
    assert listed["pb:provider"] == {"href": f"{broker}/pacticipants/{n}Provider", "name": f"{n}Provider"}
    assert {p["name"] for p in listed["pb:pacts"]} == {f"{n}Consumer", f"{n}Consumer 2"}
    for path in ("", "/latest", "/latest/prod", "/tag/prod"):
        assert httpx.get(f"{broker}/pacts/provider/{n}Nobody{path}").status_code == 404


def _branch_history(broker: str, n: str) -> str:
    """The consumer's pacts on its main branch (versions 1, 2 and 4) and on foo (3), one content."""
    for number, branch in (("1", "main"), ("2", "main"), ("3", "foo"), ("4", "main")):
        assert publish(broker, f"{n}Consumer", number, f"{n}Provider", branch=branch).status_code == 200
    return f"{broker}/pacts/provider/{n}Provider"


def test_main_branch_provider_pact_publications(broker, n):
    """spec/features/get_main_branch_provider_pact_publications_spec.rb: every pact of each consumer's
    main branch (3)."""
    provider = _branch_history(broker, n)
    assert len(_pacts(f"{provider}/branch")) == 3


def test_latest_main_branch_provider_pact_publications(broker, n):
    """spec/features/get_latest_main_branch_provider_pact_publications_spec.rb: the latest pact of each
    consumer's main branch (version 4)."""
    provider = _branch_history(broker, n)
    hrefs = _pacts(f"{provider}/branch/latest")
    assert len(hrefs) == 1 and hrefs[0].endswith("4")


def test_branch_provider_pact_publications(broker, n):
    """spec/features/get_branch_provider_pact_publications_spec.rb: the pacts of consumer branch foo."""
    provider = _branch_history(broker, n)
    assert _pacts(f"{provider}/branch/foo") == [f"{provider}/consumer/{n}Consumer/version/3"]
    assert _pacts(f"{provider}/branch/nope") == []


def test_latest_branch_provider_pact_publications(broker, n):
    """spec/features/get_latest_branch_provider_pact_publications_spec.rb: the latest pact of consumer
    branch main (version 4)."""
    provider = _branch_history(broker, n)
    hrefs = _pacts(f"{provider}/branch/main/latest")
    assert len(hrefs) == 1 and hrefs[0].endswith("4")
    assert httpx.get(f"{broker}/pacts/provider/{n}Nobody/branch/main/latest").status_code == 404
