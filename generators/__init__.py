"""generators: from a contract to code and behaviour.

Models (datamodel-code-generator), FastAPI server stubs, typed httpx clients, the HTTP mock
server, AsyncAPI message mocks, and the schemathesis-based fuzz runner. Builds on `contracts`.
"""
