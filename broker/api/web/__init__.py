"""The broker's web view: server-rendered pages for people, reading what the API serves."""

from .negotiation import prefers, prefers_html
from .routes import index_page, publication_page, router

__all__ = ["index_page", "prefers", "prefers_html", "publication_page", "router"]
