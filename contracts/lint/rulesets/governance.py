"""accord:governance: the house rules Spectral leaves to each team.

Options, under `governance:` in the config: `sunset-min-days` (default 90), `operation-id-casing`
(default camel) and `path-casing` (default kebab), casings as in Spectral's `casing` function.
"""

from __future__ import annotations

from typing import Any

from .._rule import ALL_FORMATS, Rule
from ..checks import (
    governance_casing,
    governance_path_version,
    governance_problem_json,
    governance_security,
    governance_semver,
    governance_servers,
    governance_stability,
    governance_sunset,
)
from ..functions.casing import CASES

OAS = frozenset({"oas2", "oas3", "oas3.1", "oas3.2"})
SETTINGS: dict[str, tuple[str, Any]] = {
    "sunset-min-days": ("a whole number of days, 0 or more", 90),
    "operation-id-casing": (f"one of {', '.join(CASES)}", "camel"),
    "path-casing": (f"one of {', '.join(CASES)}", "kebab"),
}


def _rule(rule_id: str, description: str, check, severity, formats=ALL_FORMATS) -> Rule:
    """A governance rule reports its own specific message, not its description."""
    return Rule(rule_id, description, check, severity, formats, message="{{error}}")


RULES = [
    _rule("info-version-semver", "info.version is a semantic version.", governance_semver.check, "error"),
    _rule(
        "deprecated-has-sunset",
        "Whatever is deprecated carries an x-sunset date at least sunset-min-days days ahead; every "
        "x-sunset and x-deprecated-at is an RFC 3339 date or date-time.",
        governance_sunset.check,
        "error",
    ),
    _rule(
        "stability-level-known",
        "x-stability-level is one of draft, alpha, beta, stable.",
        governance_stability.check,
        "error",
    ),
    _rule(
        "path-version-matches-info",
        "A /vN path prefix agrees with the major version in info.version.",
        governance_path_version.check,
        "error",
        OAS,
    ),
    _rule(
        "error-response-problem-json",
        "4xx and 5xx responses with a body use application/problem+json (RFC 9457).",
        governance_problem_json.check,
        "warn",
        OAS,
    ),
    _rule(
        "operation-security-declared",
        "Every operation declares security, or the document declares global security.",
        governance_security.check,
        "error",
        OAS,
    ),
    _rule(
        "operation-id-casing",
        "operationIds are unique and in the configured casing (operation-id-casing).",
        governance_casing.operation_ids,
        "warn",
        ALL_FORMATS,
    ),
    _rule(
        "path-segment-casing",
        "Path segments are in the configured casing (path-casing).",
        governance_casing.path_segments,
        "warn",
        OAS,
    ),
    _rule(
        "server-not-example",
        "Servers of a production contract do not point at example.com or localhost.",
        governance_servers.check,
        "error",
    ),
]


def read_settings(raw: dict[str, Any]) -> dict[str, Any]:
    """Checked options; ValueError(message, key) names the first bad one."""
    settings = {}
    for key, value in raw.items():
        if key not in SETTINGS:
            raise ValueError(f"unknown governance option {key!r} (known: {', '.join(SETTINGS)})", key)
        ok = (
            isinstance(value, int) and not isinstance(value, bool) and value >= 0
            if key == "sunset-min-days"
            else value in CASES
        )
        if not ok:
            raise ValueError(f"governance option {key!r} must be {SETTINGS[key][0]}, got {value!r}", key)
        settings[key] = value
    return settings
