"""A real local HTTP server that webhooks are sent to: it records every request it is sent."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["Receiver"]


def _parsed(body: bytes):
    """A JSON body as what it holds; any other body (a bare URL a template filled in) as text."""
    try:
        return json.loads(body or b"null")
    except ValueError:
        return body.decode(errors="replace")


class Receiver:
    """An HTTP server that records what it is sent; it answers 500 to the first `failures` requests,
    and `answer` (the body) to every request."""

    def __init__(self, failures: int = 0, answer: bytes = b"ok") -> None:
        self.received: list[dict] = []
        self.failures = failures
        self.answer = answer
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                with receiver._lock:
                    receiver.received.append(
                        {
                            "path": self.path,
                            "headers": dict(self.headers),
                            "body": _parsed(body),
                        }
                    )
                    status = 500 if len(receiver.received) <= receiver.failures else 200
                self.send_response(status)
                self.send_header("content-length", str(len(receiver.answer)))
                self.end_headers()
                self.wfile.write(receiver.answer)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count: int, timeout: float = 20) -> list[dict]:
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(self.received) >= count, f"received {len(self.received)} of {count}: {self.received}"
        return self.received

    def events(self) -> list[str]:
        return [r["body"]["event"] for r in self.received]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
