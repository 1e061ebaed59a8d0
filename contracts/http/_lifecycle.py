"""Deprecation headers for deprecated operations: RFC 9745 `Deprecation`, RFC 8594 `Sunset`, `Link`.

The dates come parsed from the model (`Operation.deprecated_at`, `Operation.sunset`: an RFC 3339
date or date-time, a date meaning midnight UTC). `Deprecation` is a structured-field date,
`@<unix seconds>`, from `x-deprecated-at`; an operation marked deprecated without a valid date gets
`@0` (deprecated, since an unknown time). `Sunset` is the HTTP-date of `x-sunset`; an `x-sunset`
that is not a valid date gives no `Sunset` (and a located warning at start-up). `Link` carries
`x-deprecation-link` (rel="deprecation") or else the operation's `externalDocs.url`, and
`x-sunset-link` (rel="sunset"). A server may supply what the contract leaves out (`LifecycleDefaults`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from .._contract import Contract
from .._model import Operation

__all__ = ["LifecycleDefaults", "lifecycle_headers", "lifecycle_warnings"]


@dataclass(frozen=True, slots=True)
class LifecycleDefaults:
    """What a server adds where the contract says nothing (the gateway's deprecation config)."""

    deprecated_at: datetime | None = None  # used when the operation has no x-deprecated-at
    deprecation_link: str | None = None  # when neither x-deprecation-link nor externalDocs.url
    sunset_link: str | None = None  # when no x-sunset-link


def lifecycle_headers(
    operation: Operation, raw: dict[str, Any] | None = None, defaults: LifecycleDefaults | None = None
) -> list[tuple[str, str]]:
    """The headers every response of this operation carries (empty for a current operation)."""
    raw = raw or {}
    defaults = defaults or LifecycleDefaults()
    headers: list[tuple[str, str]] = []
    links: list[str] = []
    if operation.deprecated:
        stated = operation.deprecated_at
        moment = stated.moment if stated is not None else defaults.deprecated_at
        headers.append(("Deprecation", f"@{int(moment.timestamp()) if moment else 0}"))
        docs = raw.get("externalDocs") if isinstance(raw.get("externalDocs"), dict) else {}
        target = raw.get("x-deprecation-link") or docs.get("url") or defaults.deprecation_link
        if isinstance(target, str):
            links.append(f'<{target}>; rel="deprecation"')
    sunset = operation.sunset.moment if operation.sunset is not None else None
    if sunset is not None:
        headers.append(("Sunset", format_datetime(sunset.astimezone(UTC), usegmt=True)))
        target = raw.get("x-sunset-link", defaults.sunset_link)
        if isinstance(target, str):
            links.append(f'<{target}>; rel="sunset"')
    if links:
        headers.append(("Link", ", ".join(links)))
    return headers


def lifecycle_warnings(contract: Contract) -> list[str]:
    """One located line for each lifecycle date of an operation that gives no header."""
    found = []
    for operation in contract.operations:
        for stated, effect in (
            (operation.sunset, "no Sunset header"),
            (operation.deprecated_at, "no date in Deprecation"),
        ):
            if stated is not None and stated.problem:
                found.append(f"{contract.location(stated.pointer)}: {stated.problem}; ignored ({effect})")
    return found
