"""gateway: the contract-aware ASGI reverse proxy.

Routes and versions from contracts and config, rate limits (memory or Redis), Deprecation/Sunset
headers and 410 after sunset, request and response validation against the contract, access log
and metrics. Entry points: `load_config(path)`, `Gateway(config)` (an ASGI app), `serve(path)`.
Each behaviour is a plain ASGI middleware in its own module; the upstream calls go through one
pooled `httpx.AsyncClient`.
"""

from ._app import Gateway
from ._config import ConfigError, GatewayConfig, load_config
from ._metrics import GatewayMetrics
from ._server import serve

__all__ = ["ConfigError", "Gateway", "GatewayConfig", "GatewayMetrics", "load_config", "serve"]
