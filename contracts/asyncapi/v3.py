"""AsyncAPI 3.0 and 3.1 into the normalised model."""

from __future__ import annotations

from .._contract import Contract
from .._model import AsyncOperation, Channel, Server
from .._nodes import deref, listing, mapping, security_list
from .._pointers import escape, ref_pointer
from ._messages import read_message


def normalise(contract: Contract) -> None:
    doc = contract.document
    components = mapping(doc.get("components"))
    contract.schemas = mapping(components.get("schemas"))
    for name, raw in mapping(doc.get("servers")).items():
        server, pointer = deref(contract, raw, f"/servers/{escape(name)}")
        protocol = server.get("protocol")
        host = str(server.get("host", ""))
        url = f"{protocol}://{host}{server.get('pathname', '')}" if protocol else host
        contract.servers.append(
            Server(
                url=url,
                pointer=pointer,
                name=str(name),
                protocol=protocol,
                description=server.get("description"),
                variables=mapping(server.get("variables")),
            )
        )
    channel_by_pointer: dict[str, str] = {}
    for key, raw_channel in mapping(doc.get("channels")).items():
        channel, channel_pointer = deref(contract, raw_channel, f"/channels/{escape(key)}")
        channel_by_pointer[channel_pointer] = str(key)
        channel_by_pointer[f"/channels/{escape(key)}"] = str(key)
        messages = {
            str(name): read_message(contract, raw, f"{channel_pointer}/messages/{escape(name)}", str(name))
            for name, raw in mapping(channel.get("messages")).items()
        }
        servers = []
        for ref in listing(channel.get("servers")):
            target = mapping(ref).get("$ref", "")
            if isinstance(target, str) and target.startswith("#/servers/"):
                servers.append(target.rsplit("/", 1)[-1])
        contract.channels[str(key)] = Channel(
            key=str(key),
            address=channel.get("address") if isinstance(channel.get("address"), str) else None,
            pointer=channel_pointer,
            parameters=mapping(channel.get("parameters")),
            messages=messages,
            servers=servers,
            bindings=mapping(channel.get("bindings")),
            description=channel.get("description"),
        )
    for key, raw_op in mapping(doc.get("operations")).items():
        op, op_pointer = deref(contract, raw_op, f"/operations/{escape(key)}")
        channel_ref = mapping(op.get("channel")).get("$ref", "")
        channel_key = (
            channel_by_pointer.get(ref_pointer(channel_ref), "") if isinstance(channel_ref, str) else ""
        )
        channel = contract.channels.get(channel_key)
        if isinstance(op.get("messages"), list):
            messages = [
                read_message(contract, raw, f"{op_pointer}/messages/{i}", f"{key}-{i}")
                for i, raw in enumerate(op["messages"])
            ]
        else:
            messages = list(channel.messages.values()) if channel else []
        action = op.get("action")
        contract.async_operations.append(
            AsyncOperation(
                key=str(key),
                action=action if action in ("send", "receive") else "send",
                channel=channel_key,
                messages=messages,
                pointer=op_pointer,
                operation_id=str(key),
                summary=op.get("summary"),
                tags=[str(mapping(t).get("name")) for t in listing(op.get("tags"))],
                security=security_list(op.get("security")),
                bindings=mapping(op.get("bindings")),
                reply=op.get("reply"),
            )
        )
