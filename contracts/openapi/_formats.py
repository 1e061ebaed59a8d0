"""The string formats openapi-spec-validator checks in `default` values, as it checks them.

openapi-schema-validator's format checkers are jsonschema's registered ones plus the OpenAPI
formats; these functions give the same answers so that a `default` is judged the same way. Every
other format jsonschema-rs knows is accepted, as openapi-spec-validator does without its optional
packages.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
from datetime import date, datetime
from typing import Any
from uuid import UUID

from .._contract import SCHEMA_2020_12_FORMATS

__all__ = ["default_formats", "int_format_error"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
# Formats jsonschema-rs checks by itself; openapi-spec-validator does not check these.
_UNCHECKED = (
    "hostname", "uri", "uri-reference", "iri", "iri-reference", "uri-template", "json-pointer",
    "relative-json-pointer", "duration",
)  # fmt: skip


def _email(value: str) -> bool:
    return "@" in value


def _ipv4(value: str) -> bool:
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return False
    return True


def _ipv6(value: str) -> bool:
    try:
        address = ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return not getattr(address, "scope_id", "")


def _date(value: str) -> bool:
    try:
        return bool(_DATE.fullmatch(value) and date.fromisoformat(value))
    except ValueError:
        return False


def _date_time(value: str) -> bool:
    try:
        from rfc3339_validator import validate_rfc3339
    except ImportError:  # pragma: no cover - installed with openapi-schema-validator
        return True
    return bool(validate_rfc3339(value.upper()))


def _time(value: str) -> bool:
    try:
        return bool(datetime.strptime(value, "%H:%M:%S"))
    except ValueError:
        return False


def _idn_hostname(value: str) -> bool:
    import idna

    try:
        idna.encode(value)
    except (idna.IDNAError, UnicodeError):
        return False
    return True


def _uuid(value: str) -> bool:
    try:
        UUID(value)
    except ValueError:
        return False
    return all(value[i] == "-" for i in (8, 13, 18, 23))


def _regex(value: str) -> bool:
    try:
        re.compile(value)
    except re.error:
        return False
    return True


def _byte(value: str) -> bool:
    try:
        base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def _any(value: str) -> bool:
    return True


def default_formats(fmt: str) -> dict[str, Any]:
    """Format checkers for defaults of an OpenAPI version ("oas2", "oas3", "oas3.1", "oas3.2")."""
    formats: dict[str, Any] = dict.fromkeys(_UNCHECKED, _any)
    formats.update(
        {
            "email": _email,
            "idn-email": _email,
            "ipv4": _ipv4,
            "ipv6": _ipv6,
            "date": _date,
            "date-time": _date_time,
            "time": _time,
            "idn-hostname": _idn_hostname,
            "uuid": _uuid,
            "regex": _regex,
        }
    )
    if fmt not in SCHEMA_2020_12_FORMATS:
        formats["byte"] = _byte
    return formats


def int_format_error(schema: dict, value: Any) -> str | None:
    """int32/int64 bound a number default (jsonschema-rs checks formats on strings only)."""
    bits = {"int32": 31, "int64": 63}.get(schema.get("format"))  # type: ignore[arg-type]
    if bits is None or isinstance(value, bool) or not isinstance(value, int):
        return None
    if ~(1 << bits) < value < 1 << bits:
        return None
    return f"{value} is not a {schema['format']!r}"
