"""AsyncAPI 2.0-2.6 into the normalised model.

2.x names operations from the point of view of other applications: `publish` means others publish
and this application receives, `subscribe` means this application sends. They are mapped onto the
3.x actions `receive` and `send`.
"""

from __future__ import annotations

from .._contract import Contract
from .._model import AsyncOperation, Channel, Server
from .._nodes import deref, listing, mapping, security_list, string_list
from .._pointers import escape
from ._messages import read_message

_ACTIONS = {"publish": "receive", "subscribe": "send"}


def normalise(contract: Contract) -> None:
    doc = contract.document
    components = mapping(doc.get("components"))
    contract.schemas = mapping(components.get("schemas"))
    for name, raw in mapping(doc.get("servers")).items():
        server, pointer = deref(contract, raw, f"/servers/{escape(name)}")
        contract.servers.append(
            Server(
                url=str(server.get("url", "")),
                pointer=pointer,
                name=str(name),
                protocol=server.get("protocol"),
                description=server.get("description"),
                variables=mapping(server.get("variables")),
            )
        )
    for key, raw_channel in mapping(doc.get("channels")).items():
        channel, channel_pointer = deref(contract, raw_channel, f"/channels/{escape(key)}")
        messages = {}
        for verb, action in _ACTIONS.items():
            op = channel.get(verb)
            if not isinstance(op, dict):
                continue
            op_pointer = f"{channel_pointer}/{verb}"
            raw_message = op.get("message")
            if isinstance(raw_message, dict) and isinstance(raw_message.get("oneOf"), list):
                resolved = [
                    read_message(contract, m, f"{op_pointer}/message/oneOf/{i}", f"{key}-{verb}-{i}")
                    for i, m in enumerate(raw_message["oneOf"])
                ]
            elif raw_message is not None:
                resolved = [read_message(contract, raw_message, f"{op_pointer}/message", f"{key}-{verb}")]
            else:
                resolved = []
            for message in resolved:
                messages.setdefault(message.name, message)
            contract.async_operations.append(
                AsyncOperation(
                    key=str(op.get("operationId") or f"{verb} {key}"),
                    action=action,
                    channel=str(key),
                    messages=resolved,
                    pointer=op_pointer,
                    operation_id=op.get("operationId"),
                    summary=op.get("summary"),
                    tags=[str(mapping(t).get("name")) for t in listing(op.get("tags"))],
                    security=security_list(op.get("security")),
                    bindings=mapping(op.get("bindings")),
                )
            )
        contract.channels[str(key)] = Channel(
            key=str(key),
            address=str(key),
            pointer=channel_pointer,
            parameters=mapping(channel.get("parameters")),
            messages=messages,
            servers=string_list(channel.get("servers")),
            bindings=mapping(channel.get("bindings")),
            description=channel.get("description"),
        )
