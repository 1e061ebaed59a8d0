"""The text of a generated `events.py`."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Channel", "render_events"]


@dataclass
class Channel:
    key: str
    name: str  # snake case, for method names
    address: str
    parameters: list[str]
    payloads: list[str]  # model alias names
    description: str


def _line(text: str) -> str:
    return " ".join(str(text).split())[:160].replace("\\", "/").replace('"', "'")


def render_events(contract, channels: list[Channel], broker: tuple[str, str, str], url: str) -> str:
    module, cls, _ = broker
    title = _line(contract.title or "the contract")
    lines = [
        f'"""Typed publishers and subscribers for the channels of {title}, on FastStream ({cls})."""',
        "",
        "from __future__ import annotations",
        "",
        "from collections.abc import Callable",
        "from typing import Any",
        "",
        f"from {module} import {cls}",
        "from pydantic import TypeAdapter",
        "",
        "from . import models",
        "",
        f"DEFAULT_URL = {url!r}",
        "",
        "",
        f"def broker(url: str = DEFAULT_URL, **options: Any) -> {cls}:",
        '    """A broker for the contract\'s server (or another URL); pass it to `Channels`."""',
        f"    return {cls}(url, **options)",
        "",
        "",
    ]
    for channel in channels:
        lines.append(f"{channel.name.upper()}_PAYLOAD = TypeAdapter({_payload(channel)})")
    lines += [
        "",
        "",
        "class Channels:",
        '    """One publisher and one subscriber per channel; `prefix` namespaces every address."""',
        "",
        f'    def __init__(self, broker: {cls}, *, prefix: str = "") -> None:',
        "        self.broker = broker",
        "        self.prefix = prefix",
        "",
    ]
    if not channels:
        lines.append("    pass")
    for channel in channels:
        lines += _channel(channel)
    return "\n".join(lines) + "\n"


def _payload(channel: Channel) -> str:
    return " | ".join(f"models.{name}" for name in channel.payloads)


def _channel(channel: Channel) -> list[str]:
    params = {name: _arg(name) for name in channel.parameters}
    keyword = ", *" + "".join(f", {arg}: str" for arg in params.values())
    address = repr(channel.address)
    if params:
        address = f"{address}.format({', '.join(f'{name}={arg}' for name, arg in params.items())})"
    adapter = f"{channel.name.upper()}_PAYLOAD"
    about = f" {_line(channel.description)}" if channel.description else ""
    return [
        f"    async def publish_{channel.name}(",
        f"        self, message: {_payload(channel)} | dict[str, Any]{keyword}, headers: dict[str, str] | None = None",
        "    ) -> None:",
        f'        """Validate the payload against the contract, then publish it to {_line(channel.address)}.{about}"""',
        f'        payload = {adapter}.dump_python({adapter}.validate_python(message), mode="json", by_alias=True)',
        f"        await self.broker.publish(payload, self.prefix + {address}, headers=headers)",
        "",
        f"    def subscribe_{channel.name}(self, **options: Any) -> Callable[..., Any]:",
        f'        """Decorate a handler of {_line(channel.address)}: it receives {_payload(channel)}."""',
        f"        return self.broker.subscriber(self.prefix + {channel.address!r}, **options)",
        "",
    ]


def _arg(name: str) -> str:
    from .._names import snake

    return snake(name, "param")
