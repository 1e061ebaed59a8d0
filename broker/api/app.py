"""The FastAPI application factory: storage migrated at start-up, services registered, routes mounted."""

from __future__ import annotations

from fastapi import FastAPI

from ..db.engine import Database
from ..services import Services
from ..settings import Settings
from . import problems
from .routes import ROUTERS

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
    # base64 makes a pact a third larger inside /contracts/publish
    app.add_middleware(problems.BodyLimit, limit=settings.max_pact_bytes * 4 // 3 + 64 * 1024)
    app.router.on_shutdown.append(db.dispose)
    return app
