"""Alembic environment: runs on the connection the broker hands over (see broker.db.engine)."""

from accord.broker.db.models import Base
from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
