"""Raw HTTP requests, generated and damaged, into the mock, the gateway and the broker over real
sockets: every answer is a well-formed HTTP response below 500 whose errors are JSON (problem+json,
or the contract's own error for the mock), or the connection closes; never a traceback, never a hang."""

from __future__ import annotations

import httptools
from hypothesis import given
from hypothesis import strategies as st

from .fuzzing import BUDGET, tried
from .servers import connect

_TOKEN = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz-_"), min_size=1, max_size=20)
_METHODS = st.sampled_from([b"GET", b"POST", b"PUT", b"PATCH", b"DELETE", b"HEAD", b"OPTIONS"]) | st.binary(
    min_size=1, max_size=8
)
_PATHS = st.sampled_from(
    ["/widgets", "/pacticipants", "/contracts/publish", "/webhooks", "/matrix", "/"]
) | st.text(max_size=80).map(lambda t: "/" + t)
_VALUES = st.text(max_size=60).map(lambda t: t.encode("utf-8", "replace")) | st.binary(max_size=60)
_HEADERS = st.lists(st.tuples(_TOKEN.map(str.encode) | st.binary(max_size=12), _VALUES), max_size=6)
_SPECIAL = st.lists(
    st.sampled_from(
        [
            (b"Content-Type", b"application/json"),
            (b"Content-Type", b"application/x-www-form-urlencoded"),
            (b"Transfer-Encoding", b"chunked"),
            (b"Content-Length", b"0"),
            (b"Content-Length", b"5"),
            (b"Content-Length", b"-1"),
            (b"Content-Length", b"99999999999999999999"),
            (b"Expect", b"100-continue"),
            (b"Connection", b"close"),
            (b"Host", b"x"),
        ]
    ),
    max_size=4,
)
_BODIES = st.binary(max_size=300) | st.sampled_from(
    [b'{"name": "w"}', b"[" * 500 + b"]" * 500, b'{"name": "\\u0000"}', b"5\r\nhello\r\n0\r\n\r\n", b"zz\r\n"]
)


@st.composite
def requests(draw) -> bytes:
    method = draw(_METHODS)
    target = draw(_PATHS).encode("utf-8", "replace")
    version = draw(st.sampled_from([b"HTTP/1.1", b"HTTP/1.0", b"HTTP/2.0", b"HTTP/1.1 ", b""]))
    headers = [(b"Host", b"x")] if draw(st.booleans()) else []
    headers += draw(_SPECIAL) + draw(_HEADERS) + [(b"Connection", b"close")]
    head = b" ".join(p for p in (method, target, version) if p) + b"\r\n"
    head += b"".join(n + b": " + v + b"\r\n" for n, v in headers) + b"\r\n"
    data = head + draw(_BODIES)
    cut = draw(st.none() | st.integers(0, len(data)))  # damage: a request cut short
    return data if cut is None else data[:cut]


class _Answer:
    """The first response on a connection, parsed as a client would (httptools)."""

    def __init__(self) -> None:
        self.headers: dict[bytes, bytes] = {}
        self.body = b""
        self.complete = False

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers[name.lower()] = value

    def on_body(self, body: bytes) -> None:
        self.body += body

    def on_message_complete(self) -> None:
        self.complete = True


def _exchange(port: int, data: bytes) -> tuple[int, _Answer] | None:
    """Send `data`, read the first answer; None when the server closed without one."""
    answer = _Answer()
    parser = httptools.HttpResponseParser(answer)
    received = b""
    with connect(port) as sock:
        try:
            sock.sendall(data)
        except OSError:
            pass
        while not answer.complete:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                chunk = b""
            except TimeoutError:
                raise AssertionError(f"no answer and no close within 10 s to {data[:200]!r}") from None
            received += chunk
            if not chunk:
                if not received:
                    return None
                parser.feed_data(b"")  # an answer ending with the connection
                break
            parser.feed_data(chunk)
    return parser.get_status_code(), answer


@given(data=requests())
@BUDGET
def test_raw_requests_get_a_well_formed_answer_below_500(server, data: bytes) -> None:
    kind, port = server
    tried[f"http {kind}"] += 1
    result = _exchange(port, data)
    if result is None:
        return
    status, answer = result
    assert 100 <= status < 500, (data[:300], status, answer.body[:500])
    assert b"Traceback" not in answer.body
    if status >= 400 and answer.body:
        assert b"json" in answer.headers.get(b"content-type", b""), (data[:300], status, answer.headers)
