"""generators.mock: `accord mock`, an HTTP mock server compiled from an OpenAPI contract.

`MockState` compiles the contract (router, validators, prepared responses) once; `MockApp` is the raw
ASGI application serving it; `serve()` runs it under uvicorn and `mock_server()` runs it in a
background thread for tests, yielding the base URL. Heavy imports happen when a server starts.
"""

from ._app import MockApp, MockOptions, MockState
from ._server import mock_server, serve

__all__ = ["MockApp", "MockOptions", "MockState", "mock_server", "serve"]
