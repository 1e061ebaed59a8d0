"""Every accord server (mock, gateway, broker), run as a user runs it, holds hostile connections to the
same limits (contracts.http.ServerLimits): raw sockets send a head one byte at a time, a body shorter
than its Content-Length, oversized heads and bodies, and HTTP/1.1 without Host. Short limits are set
through each server's own options so that every case ends in well under a second."""

from __future__ import annotations

import json
import socket
import time

import httpx

from .servers import answer as _answer
from .servers import connect as _connect


def _writes(kind: str) -> bytes:
    """A path whose handler reads the body."""
    return b"/pacticipants" if kind == "broker" else b"/widgets"


def _json_post_head(kind: str) -> bytes:
    """The start of a JSON POST to `_writes(kind)`: the caller adds the framing headers and the body."""
    return b"POST " + _writes(kind) + b" HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"


def _problem(sock: socket.socket, status: int) -> dict:
    got, headers, body = _answer(sock)
    assert got == status, body
    assert headers["content-type"] == "application/problem+json"
    problem = json.loads(body)
    assert problem["status"] == status
    return problem


def _send_slowly(sock: socket.socket, data: bytes) -> None:
    """One byte every 50 ms, stopping when the server has closed."""
    for byte in data:
        try:
            sock.sendall(bytes([byte]))
        except OSError:
            return
        time.sleep(0.05)


def test_a_head_sent_one_byte_at_a_time_is_answered_408_and_closed(server) -> None:
    _, port = server
    with _connect(port) as sock:
        _send_slowly(sock, b"GET /widgets HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200)
        assert "head" in _problem(sock, 408)["detail"]


def test_a_silent_connection_is_closed(server) -> None:
    _, port = server
    with _connect(port) as sock:
        assert sock.recv(100) == b""


def test_a_body_shorter_than_its_content_length_is_answered_408_and_closed(server) -> None:
    kind, port = server
    with _connect(port) as sock:
        sock.sendall(_json_post_head(kind))
        sock.sendall(b'Content-Length: 500\r\n\r\n{"name":')
        assert "body" in _problem(sock, 408)["detail"]


def test_oversized_headers_are_answered_431(server) -> None:
    kind, port = server
    size = 20_000 if kind == "gateway" else 3000  # the gateway counts only headers (URL allowance)
    with _connect(port) as sock:
        sock.sendall(b"GET /widgets HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * size + b"\r\n\r\n")
        assert _problem(sock, 431)["status"] == 431


def test_an_endless_header_line_is_answered_431_without_waiting_for_its_end(server) -> None:
    _, port = server
    with _connect(port) as sock:
        sock.sendall(b"GET /widgets HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20_000)
        assert _problem(sock, 431)["status"] == 431


def test_a_declared_oversized_body_is_answered_413_before_it_is_sent(server) -> None:
    kind, port = server
    with _connect(port) as sock:
        sock.sendall(_json_post_head(kind))
        sock.sendall(b"Content-Length: 200000000\r\n\r\n")
        assert "1000 bytes" in _problem(sock, 413)["detail"]


def test_a_chunked_body_is_answered_413_while_it_streams(server) -> None:
    kind, port = server
    with _connect(port) as sock:
        sock.sendall(_json_post_head(kind))
        sock.sendall(b"Transfer-Encoding: chunked\r\n\r\n")
        for _ in range(3):  # 1,200 bytes, never the closing chunk
            sock.sendall(b"190\r\n" + b" " * 400 + b"\r\n")
        assert _problem(sock, 413)["status"] == 413


def test_http_1_1_without_host_is_answered_400(server) -> None:
    _, port = server
    with _connect(port) as sock:
        sock.sendall(b"GET /widgets HTTP/1.1\r\n\r\n")
        assert "Host" in _problem(sock, 400)["detail"]


def test_two_host_headers_are_answered_400(server) -> None:
    _, port = server
    with _connect(port) as sock:
        sock.sendall(b"GET /widgets HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
        assert _problem(sock, 400)["status"] == 400


def test_http_1_0_without_host_is_served(server) -> None:
    _, port = server
    with _connect(port) as sock:
        sock.sendall(b"GET /widgets HTTP/1.0\r\n\r\n")
        status, _, _ = _answer(sock)
        assert status != 400


def test_bytes_that_are_not_http_are_answered_400_problem_json(server) -> None:
    _, port = server
    with _connect(port) as sock:
        sock.sendall(b"\x00\x01 nonsense\r\n\r\n")
        assert _problem(sock, 400)["status"] == 400


def test_a_request_within_the_limits_is_served_on_a_kept_alive_connection(server) -> None:
    kind, port = server
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
        first = client.get("/widgets")
        second = client.post(_writes(kind).decode(), json={"name": "w" * 100})
    assert first.status_code < 500 and first.status_code not in (400, 408, 413, 431)
    assert second.status_code < 500 and second.status_code not in (400, 408, 413, 431)
