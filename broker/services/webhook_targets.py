"""Where a webhook may connect: never to the broker's own host or network unless the operator says so.

A webhook's host is resolved (`getaddrinfo`, so `2130706433`, `0x7f.0.0.1` and `127.1` are the
loopback address they spell) and refused when any address it resolves to is internal: private,
loopback, link-local (cloud metadata at 169.254.169.254), multicast, unspecified, reserved or
otherwise not global, IPv4-mapped IPv6 addresses unwrapped first; `localhost`, `*.localhost` and
the cloud metadata names are refused by name. A host named in ACCORD_BROKER_WEBHOOK_HOSTS, or an
address inside a network listed there (`10.0.0.0/8`), is allowed whatever it resolves to.

The check runs when a webhook is saved and again for every request sent: `CheckedTransport` resolves
once, checks, and connects to the checked address (the URL's host still in `Host` and in TLS SNI and
certificate checks), so a name that resolves elsewhere on the second lookup (DNS rebinding) is never
connected to.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable

import httpx

__all__ = ["CheckedTransport", "TargetRefused", "WebhookTargets"]

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_INTERNAL_NAMES = ("localhost", "metadata", "metadata.google.internal", "metadata.goog", "instance-data")


class TargetRefused(httpx.TransportError):
    """The webhook's host is internal and not allowed; the message says so without socket detail."""


def _internal(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


class WebhookTargets:
    """The hosts and networks allowed even when internal (ACCORD_BROKER_WEBHOOK_HOSTS)."""

    def __init__(self, allowed: Iterable[str] = ()) -> None:
        self.hosts: set[str] = set()
        self.networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for entry in allowed:
            try:
                self.networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                self.hosts.add(entry.lower().rstrip("."))

    def listed(self, host: str) -> bool:
        """Whether `host` is named in the list, or is an address inside a listed network."""
        name = host.lower().rstrip(".").strip("[]")
        if name in self.hosts:
            return True
        try:
            address = ipaddress.ip_address(name)
        except ValueError:
            return False
        return any(address in network for network in self.networks)

    def refusal(self, host: str, port: int) -> str | None:
        """Why a webhook may not call `host` (None: it may). An unknown host is not refused here: it
        may exist by the time the webhook is sent, and is checked again then."""
        try:
            self.address(host, port)
        except TargetRefused as exc:
            return str(exc)
        except httpx.ConnectError:
            return None
        return None

    def address(self, host: str, port: int) -> str:
        """The address to connect to for host:port, checked; TargetRefused or ConnectError (unknown)."""
        name = host.lower().rstrip(".").strip("[]")
        if name in self.hosts:
            return self._resolve(name, port)[0].compressed
        refused = TargetRefused(
            f"host {host} is internal; a webhook may call it only when ACCORD_BROKER_WEBHOOK_HOSTS names it"
        )
        if name in _INTERNAL_NAMES or name.endswith(".localhost"):
            raise refused
        addresses = self._resolve(name, port)
        if any(_internal(a) and not any(a in network for network in self.networks) for a in addresses):
            raise refused
        return addresses[0].compressed

    @staticmethod
    def _resolve(name: str, port: int) -> list[Address]:
        try:
            found = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            raise httpx.ConnectError("could not connect") from None
        return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]


class CheckedTransport(httpx.HTTPTransport):
    """An httpx transport that connects only to checked addresses (see the module docstring)."""

    def __init__(self, targets: WebhookTargets, **options: object) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self.targets = targets

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        port = request.url.port or (443 if request.url.scheme == "https" else 80)
        request.url = request.url.copy_with(host=self.targets.address(host, port))
        request.extensions = {**request.extensions, "sni_hostname": host}
        return super().handle_request(request)
