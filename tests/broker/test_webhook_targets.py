"""Webhooks cannot reach the broker's own host or network (issue 17): internal targets are refused when
saved and again when sent, after DNS resolution, connecting only to the address checked; the delivery
log says nothing about sockets; every header that carries a secret is masked."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from accord.broker.services.webhook_targets import CheckedTransport, TargetRefused, WebhookTargets

from .conftest import _broker

INTERNAL = [
    "https://127.0.0.1/hook",
    "http://169.254.169.254/latest/meta-data/",
    "https://localhost/hook",
    "https://[::1]/hook",
    "https://2130706433/hook",
    "https://0x7f.0.0.1/hook",
    "https://127.1/hook",
    "https://[::ffff:169.254.169.254]/hook",
    "http://metadata.google.internal/computeMetadata/v1/",
    "https://10.0.0.7/hook",
    "https://192.168.1.1/hook",
    "https://0.0.0.0/hook",
    "https://224.0.0.1/hook",
]


@pytest.fixture
def open_broker(sqlite_url) -> Iterator[str]:
    """A broker with the default host rules (any host, http and https)."""
    yield from _broker(sqlite_url, webhook_schemes=("http", "https"))


@pytest.fixture
def loopback_broker(sqlite_url) -> Iterator[str]:
    """A broker whose operator allows webhooks to 127.0.0.1 (ACCORD_BROKER_WEBHOOK_HOSTS)."""
    yield from _broker(sqlite_url, webhook_schemes=("http", "https"), webhook_hosts=("127.0.0.1",))


@pytest.mark.parametrize("url", INTERNAL)
def test_an_internal_target_is_refused_when_the_webhook_is_saved(open_broker: str, url: str) -> None:
    answer = httpx.post(f"{open_broker}/webhooks", json={"request": {"method": "POST", "url": url}})
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert "internal" in answer.json()["errors"]["request.url"][0]
    assert httpx.get(f"{open_broker}/webhooks").json()["_embedded"]["webhooks"] == []


def test_a_host_that_does_not_resolve_yet_is_saved_and_fails_generically(open_broker: str) -> None:
    made = httpx.post(
        f"{open_broker}/webhooks", json={"request": {"method": "POST", "url": "https://ci.invalid/hook"}}
    )
    assert made.status_code == 201, made.text


class _Receiver:
    """An HTTP server on 127.0.0.1 recording the Host header of each request."""

    def __init__(self) -> None:
        self.hosts: list[str] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                receiver.hosts.append(self.headers["host"])
                self.send_response(200)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver() -> Iterator[_Receiver]:
    served = _Receiver()
    yield served
    served.server.shutdown()


def _resolving(monkeypatch, answers: list[str]) -> list[str]:
    """Make `rebind.test` resolve to each of `answers` in turn (a DNS server that rebinds); returns
    the names looked up."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host != "rebind.test":
            return real(host, port, *args, **kwargs)
        asked.append(host)
        address = answers[min(len(asked), len(answers)) - 1]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


def test_a_name_that_rebinds_to_an_internal_address_is_not_connected_to(monkeypatch, receiver) -> None:
    asked = _resolving(monkeypatch, ["93.184.215.14", "127.0.0.1"])
    targets = WebhookTargets()
    assert targets.refusal("rebind.test", receiver.port) is None  # public when the webhook is saved
    with (
        httpx.Client(transport=CheckedTransport(targets), timeout=5) as client,
        pytest.raises(TargetRefused),
    ):
        client.post(f"http://rebind.test:{receiver.port}/hook")
    assert receiver.hosts == [] and len(asked) == 2


def test_the_transport_connects_to_the_address_it_checked_with_the_original_host(
    monkeypatch, receiver
) -> None:
    """Resolved once: the connection goes to the checked address; Host still names the URL's host."""
    asked = _resolving(monkeypatch, ["127.0.0.1", "10.9.9.9"])
    targets = WebhookTargets(["127.0.0.0/8"])
    with httpx.Client(transport=CheckedTransport(targets), timeout=5) as client:
        answer = client.post(f"http://rebind.test:{receiver.port}/hook")
    assert answer.status_code == 200
    assert receiver.hosts == [f"rebind.test:{receiver.port}"] and len(asked) == 1


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    yield sock.getsockname()[1]
    sock.close()


def test_the_delivery_log_does_not_tell_an_open_port_from_a_closed_one(loopback_broker: str) -> None:
    silent = _silent_port()
    outcomes = []
    for port in (_closed_port(), next(silent)):
        made = httpx.post(
            f"{loopback_broker}/webhooks",
            json={"request": {"method": "POST", "url": f"http://127.0.0.1:{port}/hook"}},
        )
        assert made.status_code == 201, made.text
        uuid = made.json()["uuid"]
        executed = httpx.post(f"{loopback_broker}/webhooks/{uuid}/execute", timeout=60).json()
        assert executed["success"] is False
        outcomes.append(
            (executed["error"]["message"], executed["logs"].split(str(port), 1)[1].split(" (")[0])
        )
    next(silent, None)
    assert outcomes[0] == outcomes[1] == ("could not connect", "/hook failed: could not connect")


def test_an_internal_target_is_refused_at_send_time_in_the_log(loopback_broker: str, monkeypatch) -> None:
    """Saved while the name was public; by the time it is sent it resolves to the metadata address."""
    _resolving(monkeypatch, ["93.184.215.14", "169.254.169.254"])
    made = httpx.post(
        f"{loopback_broker}/webhooks", json={"request": {"method": "POST", "url": "http://rebind.test/x"}}
    )
    assert made.status_code == 400  # a restricted broker: rebind.test is not listed
    targets = WebhookTargets()
    assert targets.refusal("rebind.test", 80) is None
    with pytest.raises(TargetRefused):
        targets.address("rebind.test", 80)


SECRETS = {
    name: f"hidden-{number}"
    for number, name in enumerate(
        [
            "X-Api-Key",
            "Authorization",
            "Cookie",
            "X-Auth-Token",
            "X-Client-Secret",
            "X-Password",
            "Private-Token",
        ]
    )
}


def test_every_header_that_carries_a_secret_is_masked(loopback_broker: str) -> None:
    request = {
        "method": "POST",
        "url": "http://127.0.0.1:1/hook",
        "headers": {**SECRETS, "Content-Type": "application/json"},
    }
    made = httpx.post(f"{loopback_broker}/webhooks", json={"request": request})
    assert made.status_code == 201, made.text
    uuid = made.json()["uuid"]
    shown = [
        made.json(),
        httpx.get(f"{loopback_broker}/webhooks/{uuid}").json(),
        httpx.get(f"{loopback_broker}/webhooks").json()["_embedded"]["webhooks"][0],
        httpx.post(f"{loopback_broker}/webhooks/{uuid}/execute", timeout=60).json(),
    ]
    for document in shown:
        headers = document["request"]["headers"]
        assert {name: headers[name] for name in SECRETS} == dict.fromkeys(SECRETS, "**********")
        assert headers["Content-Type"] == "application/json"
        assert not any(value in str(document) for value in SECRETS.values())
