"""broker: the Pact broker service.

Stores consumer-driven contracts (pacts), verification results, environments, deployments and
releases (SQLAlchemy; SQLite by default, PostgreSQL in production, Alembic migrations), serves the
HAL/JSON API that the official Pact clients speak, and answers the matrix and can-i-deploy.
"""
