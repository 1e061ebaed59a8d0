"""The listening socket of every accord server (mock, gateway, broker), opened before the server starts.

The port is checked, the host resolved and the socket bound here, so that a port out of range, an
unknown or unassignable host or a port in use is one `ListenError` line naming the address and the
problem: never a traceback, and never a server that says it listens where it does not.
"""

from __future__ import annotations

import errno
import socket

__all__ = ["ListenError", "check_port", "listen"]


class ListenError(ValueError):
    """The server cannot listen where it was asked to; the message is one line."""


def check_port(port: object) -> int:
    """`port` when it is a TCP port number (0 picks a free one), else ListenError."""
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
        raise ListenError(f"{port!r} is not a TCP port (0 to 65535; 0 picks a free one)")
    return port


def listen(host: str, port: int, *, backlog: int = 2048) -> socket.socket:
    """A bound, listening, inheritable TCP socket on host:port (workers may share it)."""
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        check_port(port)
    except ListenError as exc:
        raise ListenError(f"cannot listen on {where}: {exc}") from None
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise ListenError(
            f"cannot listen on {where}: unknown host ({getattr(exc, 'strerror', exc)})"
        ) from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(backlog)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ListenError(f"cannot listen on {where}: the port is already in use") from None
        raise ListenError(f"cannot listen on {where}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock
