"""The broker's errors. The API turns each into RFC 9457 problem+json (400s also carry `errors`)."""

from __future__ import annotations

__all__ = [
    "BrokerError",
    "Conflict",
    "Invalid",
    "NotFound",
    "TooLarge",
    "Unavailable",
    "UnsupportedMediaType",
]


class BrokerError(Exception):
    status = 500
    title = "Broker error"

    def __init__(
        self,
        detail: str,
        errors: dict[str, list[str]] | list[str] | None = None,
        notices: list[dict[str, str]] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.notices = notices  # {"type", "text"} messages for the client to show, as the Pact Broker's


class NotFound(BrokerError):
    status = 404
    title = "Not found"


class Invalid(BrokerError):
    status = 400
    title = "Validation errors"


class Conflict(BrokerError):
    status = 409
    title = "Conflict"


class Unavailable(BrokerError):
    """The database could not take the write (still deadlocked or locked after every retry, or away)."""

    status = 503
    title = "Service unavailable"


class TooLarge(BrokerError):
    status = 413
    title = "Request body too large"


class UnsupportedMediaType(BrokerError):
    """A JSON body of a media type this method does not take (a PUT as a merge patch)."""

    status = 415
    title = "Unsupported Media Type"
