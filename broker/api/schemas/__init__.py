"""Request and response schemas (Pydantic) for the broker's OpenAPI contract."""
