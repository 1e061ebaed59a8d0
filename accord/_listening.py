"""Where the server commands (mock, gateway, broker serve) listen: the shared `contracts.http.listen`,
with its one-line refusal turned into the bad-input exit."""

from __future__ import annotations

import socket

from ._cli_support import bad_input

__all__ = ["listen_or_exit"]


def listen_or_exit(host: str, port: int) -> socket.socket:
    """The bound socket, or exit 2 with one line (port out of range, unknown host, port in use)."""
    from accord.contracts.http import ListenError, listen

    try:
        return listen(host, port)
    except ListenError as exc:
        bad_input(str(exc))
