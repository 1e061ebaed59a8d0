"""contracts.http: a contract compiled into an HTTP runtime (shared by the mock and the gateway).

`HttpRuntime(contract)` compiles, once: a router (path templates, most specific first, servers' base
paths honoured, 404 vs 405), and per operation the parameter readers (style/explode), body parsers
(JSON, form, multipart), schema validators (contracts._jsonschema), the credential-presence check and
the deprecation headers. Requests and responses go in as plain data (method, raw path, query string,
lower-cased header mapping, body bytes); what comes out is plain data too (`Route`, `RequestCheck`,
lists of `Issue` with a location and a JSON pointer). Nothing here depends on a web framework.

`listen(host, port)` opens the listening socket of every accord server (mock, gateway, broker), so a
bad port or host and a port in use are one `ListenError` line in each of them; `server_config(app,
ServerLimits(...))` is the uvicorn configuration that holds each of them to the same request limits
(head and body timeouts, header and body sizes, a Host header). `serve_lifespan` answers the ASGI
lifespan protocol for each of their applications.
"""

from ._compiled import CompiledOperation, Issue, RequestCheck
from ._lifecycle import LifecycleDefaults, lifecycle_headers
from ._lifespan import serve_lifespan
from ._limits import ServerLimits, server_config
from ._listen import ListenError, check_port, listen
from ._media import MAX_JSON_DEPTH, body_kind, essence, is_xml, negotiate, pick_media_type
from ._router import Router, base_path
from ._runtime import HttpRuntime, Route, split_path_key

__all__ = [
    "MAX_JSON_DEPTH",
    "CompiledOperation",
    "HttpRuntime",
    "Issue",
    "LifecycleDefaults",
    "LimitedHttpProtocol",
    "ListenError",
    "RequestCheck",
    "Route",
    "Router",
    "ServerLimits",
    "base_path",
    "body_kind",
    "check_port",
    "essence",
    "is_xml",
    "lifecycle_headers",
    "listen",
    "negotiate",
    "pick_media_type",
    "serve_lifespan",
    "server_config",
    "split_path_key",
]


def __getattr__(name: str) -> object:
    """`LimitedHttpProtocol` is imported on first use: it brings uvicorn, which readers do not need."""
    if name == "LimitedHttpProtocol":
        from ._protocol import LimitedHttpProtocol

        return LimitedHttpProtocol
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
