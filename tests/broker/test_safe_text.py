"""Names, versions, tags, branches and descriptions are checked the same way on SQLite and PostgreSQL
(issue 17: on PostgreSQL a NUL or a 300-character version answered 500 text/plain and reset the
connection; SQLite stored them): 400 problem+json with the Pact Broker's `errors`, never 500. What is
accepted but hostile (markup in a name, a description, a header, a body) reaches a browser escaped."""

from __future__ import annotations

import httpx
import pytest

from .helpers import SCRIPT, hostile_pact, publish, publish_document

LONG = "v" * 300


def _refused(answer: httpx.Response, field: str) -> None:
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert field in answer.json()["errors"], answer.json()


@pytest.mark.parametrize(
    ("field", "consumer", "version", "branch", "tags"),
    [
        ("pacticipantName", "Web\x00", "1", None, None),
        ("pacticipantVersionNumber", "Web", "1\x00", None, None),
        ("branch", "Web", "1", "main\x00", None),
        ("tags", "Web", "1", None, ["prod\x00"]),
        ("pacticipantVersionNumber", "Web", LONG, None, None),
        ("branch", "Web", "1", LONG, None),
        ("tags", "Web", "1", None, [LONG]),
        ("pacticipantVersionNumber", "Web", "1\x07", None, None),
    ],
)
def test_publishing_bad_text_is_refused_on_both_databases(
    broker, field, consumer, version, branch, tags
) -> None:
    _refused(publish(broker, consumer, version, "Api", branch=branch, tags=tags), field)
    assert httpx.get(f"{broker}/pacticipants").status_code == 200  # the broker still serves
    assert publish(broker, "Web", "2", "Api", branch="main", tags=["t" * 255]).status_code in (200, 201)


def test_bad_text_in_a_path_is_refused_on_both_databases(broker) -> None:
    assert publish(broker, "Web", "1", "Api").status_code in (200, 201)
    _refused(httpx.put(f"{broker}/pacticipants/Web/versions/{LONG}/tags/prod", json={}), "path")
    _refused(httpx.put(f"{broker}/pacticipants/Web/versions/1/tags/{LONG}", json={}), "path")
    _refused(httpx.put(f"{broker}/pacticipants/Web/versions/1/tags/a%00b", json={}), "path")
    _refused(httpx.get(f"{broker}/pacticipants/We%00b"), "path")
    _refused(httpx.get(f"{broker}/matrix?q[][pacticipant]=Web%00&latestby=cvp"), "path")
    assert httpx.get(f"{broker}/pacticipants/{LONG}").status_code in (400, 404)  # a lookup: never 500
    tagged = httpx.put(f"{broker}/pacticipants/Web/versions/1/tags/{'t' * 255}", json={})
    assert tagged.status_code in (200, 201), tagged.text


def test_bad_text_in_other_bodies_is_refused_on_both_databases(broker) -> None:
    _refused(httpx.post(f"{broker}/pacticipants", json={"name": "Web\x00"}), "name")
    _refused(
        httpx.post(f"{broker}/pacticipants", json={"name": "Web", "displayName": "W\x00"}), "displayName"
    )
    _refused(httpx.post(f"{broker}/environments", json={"name": "e" * 300}), "name")
    hook = {"description": "nul\x00", "request": {"method": "POST", "url": "https://ci.example.org/x"}}
    _refused(httpx.post(f"{broker}/webhooks", json=hook), "description")


def test_markup_in_a_pact_reaches_a_browser_opening_its_url_escaped_on_both_databases(broker) -> None:
    document = hostile_pact("Shop<img src=x onerror=alert(1)>", "Stock")
    assert publish_document(broker, document, "1.0.0", tags=[f"t{SCRIPT}"]).status_code == 200
    pair = f"{broker}/pacts/provider/Stock/consumer/Shop%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E"
    accept = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    for url in (
        f"{pair}/version/1.0.0",
        f"{pair}/latest",
        f"{pair}/latest/t%3Cscript%3Ealert('pwned')%3C%2Fscript%3E",
    ):
        page = httpx.get(url, headers=accept)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), url
        assert "<script" not in page.text and "<img" not in page.text, url
        assert "<title>Shop&lt;img src=x onerror=alert(1)&gt; → Stock" in page.text
        assert page.text.count("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;") >= 5  # tag, state, ...
    missing = httpx.get(f"{pair}/latest/%3Cscript%3Enone", headers=accept)
    assert (
        missing.status_code == 404 and "<script" not in missing.text and "&lt;script&gt;none" in missing.text
    )
