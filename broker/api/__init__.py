"""The broker's HTTP API: the Pact Broker's HAL/JSON resources, served by FastAPI."""

from .app import create_app

__all__ = ["create_app"]
