"""The web view reads every Pact specification's interactions into one shape: HTTP request and response,
or messages, with their provider states (one pact per case under web_pacts/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from accord.broker.api.web.pact_view import Exchange, Interaction, document, interactions

CASES = Path(__file__).parent / "web_pacts"

EXPECTED = {
    "v2-http.json": [
        Interaction(
            "HTTP",
            "a search",
            ["orders exist"],
            [
                Exchange("GET /orders?status=open&page=2", [("Accept", "application/json")]),
                Exchange("Status 200", [("Content-Type", "application/json")], '[\n  {\n    "id": 1\n  }\n]'),
            ],
        )
    ],
    "v3-messages.json": [
        Interaction(
            "Asynchronous message",
            "an order-placed event",
            ["an order"],
            [
                Exchange(
                    "Message",
                    [("contentType", "application/json"), ("topic", "orders")],
                    '{\n  "orderId": 7\n}',
                )
            ],
        )
    ],
    "v4-sync-message.json": [
        Interaction(
            "Synchronous message",
            "a quote request",
            [],
            [
                Exchange("Request message", [], '{\n  "symbol": "ACME"\n}'),
                Exchange("Response message", [("status", "ok")], "42.0"),
            ],
        ),
        Interaction(
            "HTTP",
            "a quote by HTTP",
            [],
            [
                Exchange("POST /quotes?fresh=true&fresh=1", [], "symbol=ACME"),
                Exchange("Status 201", [("Location", "/quotes/9")]),
            ],
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_specification_reads_into_one_shape(name):
    assert interactions((CASES / name).read_text()) == EXPECTED[name]


def test_the_case_directory_and_the_expectations_agree():
    assert sorted(p.name for p in CASES.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"interactions": "x", "messages": [3]}'])
def test_what_is_not_a_pact_reads_as_no_interactions(content):
    assert interactions(content) == []


def test_the_whole_pact_reads_pretty_printed_and_what_is_not_json_as_stored():
    assert document('{"consumer":{"name":"Web"},"interactions":[]}') == (
        '{\n  "consumer": {\n    "name": "Web"\n  },\n  "interactions": []\n}'
    )
    assert document("not json") == "not json"
