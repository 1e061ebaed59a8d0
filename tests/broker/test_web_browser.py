"""Headless Chromium (Debian's `chromium`, driven by Playwright) against `accord broker serve`, seeded over
its API with credentials: the graph, a pact page, the matrix and the environments show what was
published. Screenshots are kept in tests/artifacts/web-view/ (git-ignored)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .conftest import broker_process
from .helpers import publish_document

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "web-view"
WRITER = ("ci", "s3cret")
READER = ("reader", "look")


def pact(consumer: str, provider: str, *interactions: dict) -> dict:
    return {
        "consumer": {"name": consumer},
        "provider": {"name": provider},
        "interactions": list(interactions),
        "metadata": {"pactSpecification": {"version": "4.0"}},
    }


def http(description: str, path: str, body: dict) -> dict:
    return {
        "type": "Synchronous/HTTP",
        "description": description,
        "providerStates": [{"name": "orders exist"}],
        "request": {"method": "GET", "path": path},
        "response": {"status": 200, "body": {"content": body, "contentType": "application/json"}},
    }


def seed(broker: str) -> None:
    """Three services, four pacts, verification results and a deployment, all over the API."""
    web = pact(
        "Web",
        "Orders",
        http("a request for order 7", "/orders/7", {"id": 7, "total": 12.5}),
        {
            "type": "Asynchronous/Messages",
            "description": "an order-placed event",
            "contents": {"content": {"orderId": 7}},
            "metadata": {"topic": "orders.placed"},
        },
    )
    first = {**web, "interactions": web["interactions"][:1]}  # 1.1.0 adds the message
    for number, document in (("1.0.0", first), ("1.1.0", web)):
        assert publish_document(broker, document, number, branch="main", auth=WRITER).status_code == 200
    mobile = pact("Mobile", "Orders", http("a request for my orders", "/orders", {"items": []}))
    assert publish_document(broker, mobile, "3.2.1", branch="main", auth=WRITER).status_code == 200
    orders = pact("Orders", "Payments", http("a payment lookup", "/payments/7", {"paid": True}))
    assert publish_document(broker, orders, "4.0.0", branch="main", auth=WRITER).status_code == 200
    with httpx.Client(base_url=broker, auth=WRITER, timeout=60) as client:
        for consumer, number, success in (("Web", "1.1.0", True), ("Mobile", "3.2.1", False)):
            pact_url = f"/pacts/provider/Orders/consumer/{consumer}/version/{number}"
            results = client.get(pact_url).json()["_links"]["pb:publish-verification-results"]["href"]
            body = {"success": success, "providerApplicationVersion": "4.0.0"}
            assert client.post(results, json=body).status_code == 201
        production = client.post("/environments", json={"name": "production", "production": True})
        uuid = production.json()["uuid"]
        deployed = client.post(f"/pacticipants/Orders/versions/4.0.0/deployed-versions/environment/{uuid}")
        assert deployed.status_code == 201


@pytest.fixture(scope="module")
def broker(tmp_path_factory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("web") / "broker.sqlite3"
    env = {
        "ACCORD_BROKER_BASIC_AUTH_USERNAME": WRITER[0],
        "ACCORD_BROKER_BASIC_AUTH_PASSWORD": WRITER[1],
        "ACCORD_BROKER_BASIC_AUTH_READ_ONLY_USERNAME": READER[0],
        "ACCORD_BROKER_BASIC_AUTH_READ_ONLY_PASSWORD": READER[1],
    }
    with broker_process(f"sqlite:///{database}", env) as url:
        seed(url)
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        message = "no /usr/bin/chromium: scripts/test installs Debian's chromium with apt-get where it can"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser, broker):
    context = browser.new_context(http_credentials={"username": READER[0], "password": READER[1]})
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


def keep(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_the_front_page_draws_who_consumes_whom(page, broker):
    page.goto(broker + "/")
    keep(page, "index")
    nodes = page.locator("svg#network a.node")
    assert sorted(nodes.evaluate_all("els => els.map(e => e.dataset.name)")) == [
        "Mobile",
        "Orders",
        "Payments",
        "Web",
    ]
    edges = page.locator("svg#network path[data-consumer]")
    assert sorted(
        edges.evaluate_all("els => els.map(e => e.dataset.consumer + '>' + e.dataset.provider)")
    ) == [
        "Mobile>Orders",
        "Orders>Payments",
        "Web>Orders",
    ]
    outcomes = edges.evaluate_all("els => els.map(e => e.dataset.consumer + ':' + e.dataset.outcome)")
    assert sorted(outcomes) == ["Mobile:failure", "Orders:unknown", "Web:success"]
    # consumers are drawn left of their providers
    box = {
        name: page.locator(f'svg#network a.node[data-name="{name}"] rect').bounding_box()
        for name in ("Web", "Orders", "Payments")
    }
    assert box["Web"]["x"] < box["Orders"]["x"] < box["Payments"]["x"]
    rows = page.locator("table#integrations tr.integration")
    assert rows.count() == 3
    assert "failed by 4.0.0" in rows.filter(has_text="Mobile").inner_text()
    assert "verified by 4.0.0" in rows.filter(has_text="Web").inner_text()


def test_a_pact_page_shows_the_published_interactions(page, broker):
    page.goto(broker + "/")
    page.locator("table#integrations tr.integration", has_text="Web").get_by_role(
        "link", name="1.1.0"
    ).click()
    page.wait_for_url("**/ui/pacts/provider/Orders/consumer/Web/version/1.1.0")
    keep(page, "pact")
    assert page.locator("h1").inner_text() == "Pact between Web and Orders"
    http_interaction = page.locator('section.interaction[data-kind="HTTP"]')
    assert "a request for order 7" in http_interaction.inner_text()
    assert (
        "GET /orders/7" in http_interaction.inner_text() and '"total": 12.5' in http_interaction.inner_text()
    )
    message = page.locator('section.interaction[data-kind="Asynchronous message"]')
    assert "an order-placed event" in message.inner_text() and "orders.placed" in message.inner_text()
    assert "passed" in page.locator("table#verifications").inner_text()


def test_opening_a_pact_url_shows_its_interactions(page, broker):
    """The URL a CI log or a webhook names, opened in a browser: the pact page, not the HAL document."""
    page.goto(broker + "/pacts/provider/Orders/consumer/Web/latest")
    keep(page, "pact-url")
    assert page.locator("h1").inner_text() == "Pact between Web and Orders"
    sections = page.locator("section.interaction")
    assert sections.count() == 2
    assert "a request for order 7" in sections.nth(0).inner_text()
    assert "an order-placed event" in sections.nth(1).inner_text()
    assert "1.1.0" in page.locator("main p").first.inner_text()
    published = page.locator("#pact-json + details")
    published.locator("summary").click()
    assert '"topic": "orders.placed"' in published.locator("pre").inner_text()


def test_the_matrix_filters_by_consumer_and_provider(page, broker):
    page.goto(broker + "/ui")
    page.get_by_role("link", name="Matrix", exact=True).click()
    page.fill('input[name="consumer"]', "Web")
    page.fill('input[name="provider"]', "Orders")
    page.get_by_role("button", name="Show").click()
    page.wait_for_selector("table#matrix")
    keep(page, "matrix")
    rows = page.locator("table#matrix tr.row")
    assert rows.count() == 2
    texts = rows.all_inner_texts()
    assert any("1.1.0" in t and "4.0.0" in t and "passed" in t for t in texts)
    assert any("1.0.0" in t and "not verified" in t for t in texts)


def test_a_pacticipant_and_the_environments_show_what_is_deployed(page, broker):
    page.goto(broker + "/ui/environments")
    keep(page, "environments")
    assert "Orders" in page.locator('table.environment[data-environment="production"]').inner_text()
    page.get_by_role("link", name="Orders").first.click()
    keep(page, "pacticipant")
    assert "Production" in page.locator("table#deployments").inner_text()
    assert page.locator("table#versions tr.version").count() == 1


def test_without_the_brokers_credentials_the_browser_is_refused(browser, broker):
    """The broker challenges for Basic credentials: headless Chromium with none to give gives up, and
    with wrong ones shows the 401."""
    from playwright.sync_api import Error

    anonymous = browser.new_context()
    wrong = browser.new_context(http_credentials={"username": READER[0], "password": "wrong"})
    try:
        with pytest.raises(Error, match="ERR_INVALID_AUTH_CREDENTIALS"):
            anonymous.new_page().goto(broker + "/ui")
        answer = wrong.new_page().goto(broker + "/ui")
        assert answer is not None and answer.status == 401
    finally:
        anonymous.close()
        wrong.close()
