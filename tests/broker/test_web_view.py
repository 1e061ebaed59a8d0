"""The web view over real HTTP: browsers get HTML pages, JSON clients the same HAL as before; every page
escapes what pacts hold; pages hold one bounded page of rows however many versions exist; credentials
guard the pages as they guard the API."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import httpx
import pytest
from accord.broker.api.web import prefers_html

from .helpers import environment, hostile_pact, publish, publish_document, verify

COMPAT = Path(__file__).resolve().parents[1] / "compat" / "fixtures"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def html(url: str, **kwargs) -> httpx.Response:
    response = httpx.get(url, headers={"Accept": BROWSER}, timeout=60, **kwargs)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response


def rows(page: str, css_class: str) -> int:
    return len(re.findall(rf'<tr class="{css_class}">', page))


@pytest.mark.parametrize(
    ("accept", "browser"),
    [
        (None, False),
        ("*/*", False),
        ("application/hal+json", False),
        ("application/hal+json, application/json, */*; q=0.01", False),
        ("application/json, text/html", False),
        ("text/html;q=0.5, application/json", False),
        (BROWSER, True),
        ("text/html", True),
        ("application/xhtml+xml, application/json;q=0.9", True),
    ],
)
def test_only_a_client_ranking_html_first_is_a_browser(accept, browser):
    assert prefers_html(accept) is browser


def test_json_clients_get_the_hal_index_and_browsers_the_web_view(sqlite_broker):
    broker = sqlite_broker
    assert publish(broker, "Web", "1.0.0", "Orders", "list orders").status_code == 200
    for headers in ({}, {"Accept": "*/*"}, {"Accept": "application/hal+json"}):
        index = httpx.get(f"{broker}/", headers=headers)
        assert index.headers["content-type"] == "application/hal+json"
        assert index.json()["_links"]["pb:pacticipants"]["href"] == f"{broker}/pacticipants"
    page = html(f"{broker}/").text
    assert page == html(f"{broker}/ui").text
    assert 'data-consumer="Web" data-provider="Orders"' in page  # the graph's edge
    assert f'href="{broker}/ui/pacts/provider/Orders/consumer/Web/version/1.0.0"' in page
    assert rows(page, "integration") == 1


def test_a_pact_page_renders_http_and_message_interactions_with_verifications(sqlite_broker):
    broker = sqlite_broker
    document = {
        "consumer": {"name": "Web"},
        "provider": {"name": "Orders"},
        "interactions": [
            {
                "type": "Synchronous/HTTP",
                "description": "a request for order 7",
                "providerStates": [{"name": "order 7 exists"}],
                "request": {"method": "GET", "path": "/orders/7", "query": {"full": ["true"]}},
                "response": {
                    "status": 200,
                    "headers": {"Content-Type": ["application/json"]},
                    "body": {"content": {"id": 7, "total": 12.5}, "contentType": "application/json"},
                },
            },
            {
                "type": "Asynchronous/Messages",
                "description": "an order-shipped event",
                "contents": {"content": {"orderId": 7, "carrier": "DHL"}},
                "metadata": {"topic": "orders.shipped"},
            },
        ],
        "metadata": {"pactSpecification": {"version": "4.0"}},
    }
    assert publish_document(broker, document, "2.0.0", branch="main").status_code == 200
    assert verify(broker, "Web", "2.0.0", "Orders", "9.9.9", True).status_code == 201
    page = html(f"{broker}/ui/pacts/provider/Orders/consumer/Web/version/2.0.0").text
    assert "GET /orders/7?full=true" in page and "Given order 7 exists" in page
    assert "Status 200" in page and "&#34;total&#34;: 12.5" in page
    assert 'data-kind="Asynchronous message"' in page and "an order-shipped event" in page
    assert "orders.shipped" in page and "&#34;carrier&#34;: &#34;DHL&#34;" in page
    assert re.search(r"<td>9\.9\.9</td>\s*<td><span class=\"badge success\">passed", page)


def test_a_browser_opening_a_pact_url_reads_the_pact_page_and_json_clients_the_hal(sqlite_broker):
    """As the Pact Broker's pact resources offer text/html (spec/features/get_pact_spec.rb reads the
    JSON; its HTML renderer answers a browser): every URL of one pact is its /ui page for a browser."""
    broker = sqlite_broker
    assert publish(broker, "Shop", "1.0.0", "Stock", "an old count").status_code == 200  # untagged
    assert (
        publish(broker, "Shop", "2.0.0", "Stock", "a stock count", branch="main", tags=["prod"]).status_code
        == 200
    )
    pair = f"{broker}/pacts/provider/Stock/consumer/Shop"
    links = httpx.get(f"{pair}/latest").json()["_links"]
    by_sha = links["pb:pact-version"]["href"]
    with_metadata = links["pb:publish-verification-results"]["href"].removesuffix("/verification-results")
    assert "/metadata/" in with_metadata
    ui = html(f"{broker}/ui/pacts/provider/Stock/consumer/Shop/version/2.0.0").text
    assert "a stock count" in ui and "&#34;description&#34;: &#34;a stock count&#34;" in ui  # the JSON too
    urls = [f"{pair}/version/2.0.0", f"{pair}/latest", f"{pair}/latest/prod", f"{pair}/branch/main/latest"]
    for url in [*urls, by_sha, with_metadata]:
        assert html(url).text == ui, url
    assert "an old count" in html(f"{pair}/latest-untagged").text
    json_accepts = [
        None,
        "*/*",
        "application/hal+json",
        "application/json",
        "application/hal+json, application/json, */*; q=0.01",
    ]
    for url in [*urls, by_sha, with_metadata, f"{pair}/latest-untagged"]:
        answers = [httpx.get(url, headers={"Accept": a} if a else {}) for a in json_accepts]
        assert {a.headers["content-type"] for a in answers} == {"application/hal+json"}, url
        assert all(a.json() == answers[0].json() for a in answers), url
    missing = httpx.get(f"{pair}/latest/%3Cb%3Enone", headers={"Accept": BROWSER})
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert '<h1 id="problem">Not found</h1>' in missing.text and "&lt;b&gt;none" in missing.text
    for url in (
        f"{pair}/version/9",
        f"{pair}/pact-version/{'0' * 40}",
        f"{broker}/pacts/provider/No/consumer/Shop/latest",
    ):
        assert httpx.get(url, headers={"Accept": BROWSER}).status_code == 404, url
        refused = httpx.get(url)
        assert refused.status_code == 404 and refused.headers["content-type"] == "application/problem+json"


def test_everything_a_pact_holds_is_escaped(sqlite_broker):
    broker = sqlite_broker
    document = hostile_pact("Web<img src=x onerror=alert(1)>", "Orders")
    assert publish_document(broker, document, "1.0.0").status_code == 200
    consumer = "Web%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E"
    pages = [
        html(f"{broker}/ui").text,
        html(f"{broker}/ui/pacticipants/{consumer}").text,
        html(f"{broker}/ui/pacts/provider/Orders/consumer/{consumer}/version/1.0.0").text,
        html(f"{broker}/pacts/provider/Orders/consumer/{consumer}/latest").text,
        html(f"{broker}/ui/matrix?consumer={consumer}&provider=Orders").text,
    ]
    for page in pages:
        assert "<script>" not in page and "<img" not in page
        assert "Web&lt;img src=x onerror=alert(1)&gt;" in page
    assert all("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in page for page in pages[2:4])


def test_a_pacticipant_page_holds_one_page_of_versions_however_many_exist(sqlite_broker):
    broker = sqlite_broker
    count = 1234
    with httpx.Client(base_url=broker, timeout=60) as client:
        for number in range(1, count + 1):
            answer = client.put(
                f"/pacticipants/Busy/versions/{number}.0.0", json={"branch": f"b{number % 7}"}
            )
            assert answer.status_code in (200, 201)
    assert publish(broker, "Busy", f"{count}.0.0", "Orders", branch="b2").status_code == 200
    first = html(f"{broker}/ui/pacticipants/Busy").text
    assert rows(first, "version") == 50
    assert f"Page 1 of 25 ({count} in all)" in first
    assert "<code>1234.0.0</code>" in first and "<code>1184.0.0</code>" not in first
    assert f'href="{broker}/ui/pacticipants/Busy?page=2" rel="next"' in first
    assert f'href="{broker}/ui/pacts/provider/Orders/consumer/Busy/version/1234.0.0"' in first
    assert first.count('title="branch"') == 50  # each row's branch
    assert "&#x2387; b0" in first  # the branches section
    last = html(f"{broker}/ui/pacticipants/Busy?page=25").text
    assert rows(last, "version") == 34 and "<code>1.0.0</code>" in last and 'rel="next"' not in last


def test_what_does_not_exist_or_is_out_of_range_is_a_page_with_its_status(sqlite_broker):
    broker = sqlite_broker
    missing = httpx.get(f"{broker}/ui/pacticipants/%3Cb%3ENobody", headers={"Accept": BROWSER})
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "<p>No pacticipant with name &#39;&lt;b&gt;Nobody&#39; found</p>" in missing.text
    for path in ("/ui/pacticipants/Busy?page=0", "/ui/matrix?consumer=A&limit=5000", "/ui?page=x"):
        invalid = httpx.get(broker + path, headers={"Accept": BROWSER})
        assert invalid.status_code == 400 and '<h1 id="problem">Invalid request</h1>' in invalid.text
    pact = httpx.get(f"{broker}/ui/pacts/provider/P/consumer/C/version/1", headers={"Accept": BROWSER})
    assert pact.status_code == 404 and '<h1 id="problem">Not found</h1>' in pact.text


def test_the_matrix_page_filters_and_the_environments_page_shows_deployments(sqlite_broker):
    broker = sqlite_broker
    for number, success in (("1.0.0", True), ("1.1.0", False)):
        assert publish(broker, "Web", number, "Orders", f"call {number}").status_code == 200
        assert verify(broker, "Web", number, "Orders", f"p-{number}", success).status_code == 201
    assert publish(broker, "Mobile", "5.0.0", "Orders").status_code == 200
    everything = html(f"{broker}/ui/matrix?provider=Orders").text
    assert rows(everything, "row") == 3
    one = html(f"{broker}/ui/matrix?consumer=Web&consumer_version=1.1.0&provider=Orders").text
    assert rows(one, "row") == 1 and "badge failure" in one and "<code>p-1.1.0</code>" in one
    assert "not compatible" in one
    assert "Name a consumer" in html(f"{broker}/ui/matrix").text

    production = environment(broker, "production")
    recorded = httpx.post(
        f"{broker}/pacticipants/Web/versions/1.0.0/deployed-versions/environment/{production}"
    )
    assert recorded.status_code == 201
    page = html(f"{broker}/ui/environments").text
    assert re.search(r'data-environment="production".*?>Web</a></td><td><code>1\.0\.0</code>', page, re.S)
    assert "deployed" in html(f"{broker}/ui/pacticipants/Web").text


def test_the_pages_ask_for_the_brokers_credentials(guarded):
    document = {
        "consumer": {"name": "Web"},
        "provider": {"name": "Orders"},
        "interactions": [],
        "metadata": {"pactSpecification": {"version": "3.0.0"}},
    }
    assert publish_document(guarded, document, "1.0.0", auth=("ci", "s3cret")).status_code == 200
    for path in ("/", "/ui", "/ui/pacticipants/Web", "/ui/matrix?consumer=Web", "/ui/environments"):
        refused = httpx.get(guarded + path, headers={"Accept": BROWSER})
        assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("Basic ")
        assert httpx.get(guarded + path, headers={"Accept": BROWSER}, auth=("ci", "wrong")).status_code == 401
        html(guarded + path, auth=("reader", "look"))
    bearer = httpx.get(f"{guarded}/ui", headers={"Accept": BROWSER, "Authorization": "Bearer t0ken-of-ci"})
    assert bearer.status_code == 200 and 'data-name="Web"' in bearer.text


def test_bidirectional_results_show_on_the_pact_the_provider_the_network_and_the_matrix(sqlite_broker):
    broker = sqlite_broker
    body = {
        "pacticipantVersionNumber": "1.0.0",
        "branch": "main",
        "contract": {
            "content": base64.b64encode((COMPAT / "openapi30.yaml").read_bytes()).decode(),
            "contentType": "application/yaml",
            "specification": "oas",
            "selfVerificationResults": {"success": True, "verifier": "accord fuzz"},
        },
    }
    assert httpx.post(f"{broker}/provider-contracts/provider/pets/publish", json=body).status_code == 201
    for number, case in (("1", "pact-v3-ok.json"), ("2", "pact-response.body.incompatible.json")):
        document = json.loads((COMPAT / case).read_text())
        assert publish_document(broker, document, number, branch="main").status_code == 200

    compatible = html(f"{broker}/ui/pacts/provider/pets/consumer/web/version/1").text
    assert rows(compatible, "comparison") == 1 and 'badge success">compatible</span>' in compatible
    assert 'self-verification passed</span> <span class="muted">by accord fuzz' in compatible
    incompatible = html(f"{broker}/ui/pacts/provider/pets/consumer/web/version/2").text
    assert 'badge failure">incompatible</span>' in incompatible
    assert (
        '<tr class="finding error"><td><code>response.body.incompatible</code></td><td>extra prop</td>'
        in (incompatible)
    )
    provider = html(f"{broker}/ui/pacticipants/pets").text
    assert f'<a href="{broker}/provider-contracts/provider/pets/version/1.0.0">oas</a>' in provider
    index = html(f"{broker}/ui").text  # the newest pact (2) is the incompatible one
    assert 'data-consumer="web" data-provider="pets" data-outcome="failure"' in index
    assert "incompatible with 1.0.0 (bi-directional)" in index
    matrix = html(f"{broker}/ui/matrix?consumer=web&provider=pets").text
    assert "compatible with 1.0.0 (bi-directional)" in matrix
    assert re.search(
        r"incompatible with 1\.0\.0 \(bi-directional\)</span>\s*<code>response\.body\.incompatible<", matrix
    )
