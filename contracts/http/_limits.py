"""What every accord server (mock, gateway, broker) refuses before its application sees a request.

`ServerLimits` holds the limits; `server_config(app, limits, ...)` is the uvicorn `Config` that enforces
them with `LimitedHttpProtocol` (in `_protocol`), uvicorn's httptools protocol with, per connection:

- a request head (request line and headers) not complete within `head_timeout` seconds of the
  connection or of its first byte: 408 problem+json and the connection closed (a silent connection is
  only closed), so one byte a second holds nothing;
- a body not complete within `body_timeout` seconds of its head (a `Content-Length` larger than what is
  sent, a stalled chunked body): 408 and closed; time the application spends not reading does not count;
- a head over `max_header_bytes` (URL, names and values): 431, counted while it arrives, so an
  endless header line is not buffered;
- a body over `max_body_bytes`: 413 from `Content-Length` before any of it is read, or while a chunked
  body streams;
- HTTP/1.1 without exactly one `Host` (RFC 9112 section 3.2): 400;
- anything the parser rejects: 400 problem+json (uvicorn's own answer is text/plain).

Each refusal closes the connection: what follows on it cannot be trusted to be a new request.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from uvicorn import Config

__all__ = ["ServerLimits", "server_config"]


@dataclass(frozen=True)
class ServerLimits:
    head_timeout: float = 10.0  # seconds for the request line and headers
    body_timeout: float = 30.0  # seconds for the whole body, once the head is in
    max_header_bytes: int = 16_384  # URL plus header names and values
    max_body_bytes: int = 10_485_760  # 10 MiB

    def __post_init__(self) -> None:
        for item in fields(self):
            if not getattr(self, item.name) > 0:
                raise ValueError(f"{item.name} must be more than 0 (got {getattr(self, item.name)!r})")

    @classmethod
    def from_environ(cls, prefix: str) -> ServerLimits:
        """Limits from PREFIX_HEAD_TIMEOUT, PREFIX_BODY_TIMEOUT, PREFIX_MAX_HEADER_BYTES and
        PREFIX_MAX_BODY_BYTES where set, else the defaults; ValueError names a bad one."""
        values: dict[str, Any] = {}
        for item in fields(cls):
            text = os.environ.get(prefix + item.name.upper())
            if text:
                kind = float if item.type == "float" else int
                try:
                    values[item.name] = kind(text)
                except ValueError:
                    raise ValueError(f"{prefix}{item.name.upper()}={text!r} is not a number") from None
        return cls(**values)


def server_config(app: Any, limits: ServerLimits, **options: Any) -> Config:
    """A uvicorn Config serving `app` over `LimitedHttpProtocol` with `limits` (picklable, so
    `uvicorn.supervisors.Multiprocess` workers enforce them too)."""
    from uvicorn import Config  # imported when a server starts, not with contracts.http

    from ._protocol import LimitedHttpProtocol

    config = Config(app, http=LimitedHttpProtocol, **options)
    config.server_limits = limits  # type: ignore[attr-defined]  # read by each connection
    return config
