"""gateway: the contract-aware ASGI reverse proxy.

Routes and versions from contracts and config, rate limits (memory or Redis), Deprecation/Sunset
headers and 410 after sunset, request and response validation against the contract, access log
and metrics, discovery of shadow endpoints and contract coverage. Entry points: `load_config(path)`, `Gateway(config)` (an ASGI app), `serve(path)`.
Each behaviour is a plain ASGI middleware in its own module; the upstream calls go through one
pooled `httpx.AsyncClient`.
"""

from ._app import Gateway
from ._config import ConfigError, GatewayConfig, load_config
from ._discovery import Discovery
from ._discovery_sources import discovery_from_log, fetch_discovery
from ._launch import serve
from ._metrics import GatewayMetrics
from ._report import openapi_fragment, render_text

__all__ = [
    "ConfigError",
    "Discovery",
    "Gateway",
    "GatewayConfig",
    "GatewayMetrics",
    "discovery_from_log",
    "fetch_discovery",
    "load_config",
    "openapi_fragment",
    "render_text",
    "serve",
]
