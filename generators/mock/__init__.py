"""generators.mock: `accord mock`, an HTTP mock server compiled from an OpenAPI contract.

`contract_warnings()` turns a contract's specification errors into located warnings (the mock
starts on imperfect contracts). `webhooks_of()` lists a contract's 3.1 webhooks (a contract with
only webhooks is served: its webhooks are sent on request). `Generator` makes a value for a schema
(an example when the contract has one, else generated), as the mock answers; the server generator
fills its examples with it. `CompiledMock` is the contract compiled once (router, validators, prepared
responses); `MockApp` is the raw
ASGI application serving it; `serve()` runs it under uvicorn and `mock_server()` runs it in a
background thread for tests, yielding the base URL. Heavy imports happen when a server starts.
"""

from ._app import CompiledMock, MockApp, MockOptions
from ._generate import Generator
from ._lenient import contract_warnings
from ._server import mock_server, serve
from ._webhooks import webhooks_of

__all__ = [
    "CompiledMock",
    "Generator",
    "MockApp",
    "MockOptions",
    "contract_warnings",
    "mock_server",
    "serve",
    "webhooks_of",
]
