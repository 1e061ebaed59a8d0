"""The FastAPI application factory: storage migrated at start-up, services registered, routes mounted."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from ..db.engine import Database
from ..services import Services
from ..settings import Settings
from . import problems, web
from .auth import Credentials, RequireCredentials
from .paths import EncodedSlashes
from .problems import problem
from .routes import ROUTERS
from .safe_text import SafeText
from .schemas.common import PROBLEM

__all__ = ["create_app"]


def create_app(settings: Settings | None = None, *, migrate: bool = True) -> FastAPI:
    settings = settings or Settings()
    db = Database(settings.database_url)
    if migrate:
        db.migrate()
    app = FastAPI(
        title="accord broker",
        version="1.0.0",
        description="A Pact Broker: pacts, verification results, environments, the matrix and can-i-deploy.",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.services = Services(db, settings)
    problems.install(app)
    for router in ROUTERS:
        app.include_router(router)
    app.include_router(web.router)
    # base64 makes a pact a third larger inside /contracts/publish
    app.add_middleware(SafeText)  # inside BodyLimit and JsonBodies: reads only bodies they let through
    app.add_middleware(problems.JsonBodies)
    app.add_middleware(problems.BodyLimit, limit=settings.max_pact_bytes * 4 // 3 + 64 * 1024)
    app.add_middleware(
        EncodedSlashes,
        refuse=lambda detail: problem(400, "Validation errors", detail, errors={"path": [detail]}),
    )
    credentials = Credentials.from_settings(settings)
    if credentials is not None:  # outermost: nothing is read before the caller is known
        app.add_middleware(RequireCredentials, credentials=credentials)
    app.router.on_startup.append(
        app.state.services.webhooks.start
    )  # deliveries due, e.g. from before a restart
    app.router.on_shutdown.append(app.state.services.webhooks.close)
    app.router.on_shutdown.append(db.dispose)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict:
    """FastAPI documents request validation failures as 422; this API answers them 400 problem+json.
    Any path may also name something that does not exist (404)."""
    if app.openapi_schema is None:
        schema = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        problem = {"$ref": "#/components/schemas/Problem"}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                codes = operation.get("responses", {})
                codes.pop("422", None)
                codes.setdefault(
                    "400", {"description": "Invalid request", "content": {PROBLEM: {"schema": problem}}}
                )
                codes.setdefault(
                    "404", {"description": "Not found", "content": {PROBLEM: {"schema": problem}}}
                )
        for name in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(name, None)
        app.openapi_schema = schema
    return app.openapi_schema
