"""Deprecation headers for deprecated operations: RFC 9745 `Deprecation`, RFC 8594 `Sunset`, `Link`.

`Deprecation` is a structured-field date, `@<unix seconds>`, from `x-deprecated-at`; an operation
marked deprecated without a date gets `@0` (deprecated, since an unknown time). `Sunset` is the
HTTP-date of `x-sunset`. `Link` carries `x-deprecation-link` (rel="deprecation") or else the
operation's `externalDocs.url`, and `x-sunset-link` (rel="sunset").
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from email.utils import format_datetime
from typing import Any

from .._model import Operation

__all__ = ["lifecycle_headers"]


def _moment(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if not isinstance(value, str):
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            from email.utils import parsedate_to_datetime

            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def lifecycle_headers(operation: Operation, raw: dict[str, Any] | None = None) -> list[tuple[str, str]]:
    """The headers every response of this operation carries (empty for a current operation)."""
    raw = raw or {}
    headers: list[tuple[str, str]] = []
    links: list[str] = []
    if operation.deprecated:
        moment = _moment(raw.get("x-deprecated-at", operation.deprecated_at))
        headers.append(("Deprecation", f"@{int(moment.timestamp()) if moment else 0}"))
        docs = raw.get("externalDocs") if isinstance(raw.get("externalDocs"), dict) else {}
        target = raw.get("x-deprecation-link") or docs.get("url")
        if isinstance(target, str):
            links.append(f'<{target}>; rel="deprecation"')
    sunset = _moment(raw.get("x-sunset", operation.sunset))
    if sunset is not None:
        headers.append(("Sunset", format_datetime(sunset.astimezone(UTC), usegmt=True)))
        if isinstance(raw.get("x-sunset-link"), str):
            links.append(f'<{raw["x-sunset-link"]}>; rel="sunset"')
    if links:
        headers.append(("Link", ", ".join(links)))
    return headers
