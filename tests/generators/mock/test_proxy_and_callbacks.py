"""Proxy mode in front of a real upstream HTTP server, and callbacks received by a real local HTTP
server, both against `accord mock` run as a subprocess."""

from __future__ import annotations

import json
import queue
from http.server import BaseHTTPRequestHandler

import httpx

from tests import servers

from .conftest import FIXTURES
from .running import running_mock, serving

IMPERFECT = FIXTURES / "imperfect.yaml"


class _Upstream(BaseHTTPRequestHandler):
    """A real API that differs from its contract: GET /meetings answers a body the contract refuses;
    POST /meetings is not implemented (501)."""

    received: queue.Queue = queue.Queue()

    def _answer(self, status: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Upstream", "yes")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path.startswith("/meetings"):
            self._answer(200, [{"id": "seven"}])
        else:
            self._answer(200, ["Ana"])

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if self.path == "/meetings":
            self._answer(501, {"message": "not yet"})
            return
        self.received.put((self.path, self.headers.get("Content-Type"), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_proxy_forwards_and_reports_what_the_upstream_broke(free_port: int) -> None:
    with serving(_Upstream) as upstream, running_mock(IMPERFECT, free_port, "--proxy", upstream) as mock:
        response = httpx.get(mock.url + "/meetings")
        refused = httpx.get(mock.url + "/names", params={"q": "a", "limit": "x"})
        not_implemented = httpx.post(mock.url + "/meetings", json={"id": 1, "topic": "t"})
        log = httpx.get(mock.url + "/__accord/requests").json()
    assert response.status_code == 200 and response.json() == [{"id": "seven"}]  # the upstream's answer
    assert response.headers["x-upstream"] == "yes"
    violations = json.loads(response.headers["sl-violations"])
    assert {(tuple(v["location"]), v["code"]) for v in violations} == {
        (("response", "body", "0"), "required"),
        (("response", "body", "0", "id"), "type"),
    }
    assert refused.status_code == 200 and "sl-violations" not in refused.headers  # an extra query is fine
    assert not_implemented.status_code == 501  # passed on: no --fallback
    assert [(e["path"], e["source"], len(e["violations"])) for e in log] == [
        ("/meetings", "proxy", 2),
        ("/names", "proxy", 0),
        ("/meetings", "proxy", 1),  # 501 is not a status the contract declares
    ]


def test_proxy_reports_an_invalid_request_and_still_forwards_it(free_port: int) -> None:
    with serving(_Upstream) as upstream, running_mock(IMPERFECT, free_port, "--proxy", upstream) as mock:
        response = httpx.post(mock.url + "/meetings", json={"id": "seven"})
    assert response.status_code == 501
    assert [v["location"] for v in json.loads(response.headers["sl-violations"])] == [
        ["request", "body"],
        ["request", "body", "id"],
        ["response", "status"],
    ]


def test_fallback_answers_what_the_upstream_does_not_implement(free_port: int) -> None:
    with (
        serving(_Upstream) as upstream,
        running_mock(IMPERFECT, free_port, "--proxy", upstream, "--fallback") as mock,
    ):
        created = httpx.post(mock.url + "/meetings", json={"id": 1, "topic": "t"})
        listed = httpx.get(mock.url + "/meetings")
    assert created.status_code == 201 and created.headers["x-accord-fallback"] == "true"
    assert isinstance(created.json()["id"], int)
    assert listed.json() == [{"id": "seven"}]  # implemented upstream: not the mock's


def test_an_unreachable_upstream_is_502_unless_fallback(free_port: int) -> None:
    down = f"http://127.0.0.1:{servers.free_port()}"
    with running_mock(IMPERFECT, free_port, "--proxy", down) as mock:
        response = httpx.get(mock.url + "/names")
    assert response.status_code == 502
    assert response.headers["content-type"] == "application/problem+json"
    assert down in response.json()["detail"]
    with running_mock(IMPERFECT, free_port, "--proxy", down, "--fallback") as mock:
        response = httpx.get(mock.url + "/names")
    assert (response.status_code, response.json()) == (200, ["Zoë", "Ana"])


def test_a_callback_reaches_the_url_the_request_gave(free_port: int) -> None:
    while not _Upstream.received.empty():
        _Upstream.received.get()
    with serving(_Upstream) as receiver, running_mock(IMPERFECT, free_port) as mock:
        meeting = {"id": 1, "topic": "t", "callbackUrl": receiver + "/hooks/started"}
        assert httpx.post(mock.url + "/meetings", json=meeting).status_code == 201
        path, content_type, body = _Upstream.received.get(timeout=15)
        mock.wait_for("callback started: POST")
    assert path == "/hooks/started" and content_type == "application/json"
    event = json.loads(body)
    assert event["event"] == "meeting.started"  # generated from the callback's schema (an enum)
    assert f"callback started: POST {receiver}/hooks/started 204" in mock.lines


def test_a_callback_to_a_private_address_is_not_made_by_default(free_port: int) -> None:
    with running_mock(IMPERFECT, free_port) as mock:
        meeting = {"id": 1, "topic": "t", "callbackUrl": "http://10.1.2.3/hook"}
        assert httpx.post(mock.url + "/meetings", json=meeting).status_code == 201
        line = mock.wait_for("callback started:")
        no_url = httpx.post(mock.url + "/meetings", json={"id": 1, "topic": "t"})
        missing = mock.wait_for("names nothing")
    assert "http://10.1.2.3/hook is not a loopback address; not called" in line
    assert "--allow-callback-hosts" in line
    assert no_url.status_code == 201 and "{$request.body#/callbackUrl}" in missing


def test_callback_hosts_and_runtime_expressions() -> None:
    from accord.generators.mock._callbacks import Callbacks, _Request, expand
    from accord.generators.mock._responses import make_canned

    default = Callbacks((), print)
    assert default.allowed("http://127.0.0.1:9/x") and default.allowed("http://localhost/x")
    assert default.allowed("http://[::1]:8/x")
    assert not default.allowed("http://169.254.169.254/latest") and not default.allowed("http://hooks.test/x")
    assert Callbacks(("hooks.test",), print).allowed("http://hooks.test/x")
    assert Callbacks(("*",), print).allowed("http://10.0.0.5/x")
    canned = make_canned(201, "application/json", b'{"id": 42}', [(b"x-run", b"r1")], "generated")
    request = _Request(
        "http://mock/things",
        "POST",
        {"id": "7"},
        "to=http%3A%2F%2F127.0.0.1%3A9",
        {"x-hook": "h"},
        b'{"cb": {"url": "http://127.0.0.1:9/cb"}}',
        canned,
    )
    assert expand("{$request.body#/cb/url}/done", request) == "http://127.0.0.1:9/cb/done"
    assert expand("{$request.query.to}?id={$response.body#/id}", request) == "http://127.0.0.1:9?id=42"
    assert (
        expand("http://x/{$request.path.id}/{$request.header.X-Hook}/{$statusCode}", request)
        == "http://x/7/h/201"
    )
    assert expand("http://x/{$response.header.x-run}/{$method}", request) == "http://x/r1/POST"
    assert expand("{$request.body#/missing}", request) is None
