"""Custom rules in Spectral's format: `given` JSONPath(s), `then` field + function + functionOptions."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jsonschema_rs
import orjson

from ._jsonpath import JsonPathSyntaxError, compile_path
from ._rule import ALL_FORMATS, NUMERIC_SEVERITIES, SEVERITIES, Rule
from ._spectral import Then, spectral_check
from .functions import FUNCTIONS

__all__ = ["CustomRuleError", "custom_rule"]

_FORMATS = {
    "oas2": {"oas2"}, "oas3": {"oas3", "oas3.1", "oas3.2"}, "oas3.0": {"oas3"}, "oas3_0": {"oas3"},
    "oas3.1": {"oas3.1"}, "oas3_1": {"oas3.1"}, "oas3.2": {"oas3.2"}, "oas3_2": {"oas3.2"}, "asyncapi2": {"asyncapi2"}, "aas2": {"asyncapi2"}, "asyncapi3": {"asyncapi3"},
    "aas3": {"asyncapi3"}, "asyncapi": {"asyncapi2", "asyncapi3"},
}  # fmt: skip


class CustomRuleError(ValueError):
    """A mistake in a custom rule; `pointer` (relative to the rule) says where."""

    def __init__(self, message: str, pointer: str = "") -> None:
        super().__init__(message)
        self.pointer = pointer


@lru_cache(maxsize=64)
def _options_validator(function: str) -> Any:
    schema = FUNCTIONS[function].OPTIONS
    return None if schema is None else jsonschema_rs.validator_for(schema)


def _given(value: Any) -> list:
    givens = [value] if isinstance(value, str) else value
    if not isinstance(givens, list) or not givens or not all(isinstance(g, str) for g in givens):
        raise CustomRuleError("`given` must be a JSONPath or a list of them", "given")
    selectors = []
    for i, expression in enumerate(givens):
        try:
            path = compile_path(expression)
        except JsonPathSyntaxError as exc:
            raise CustomRuleError(str(exc), "given" if isinstance(value, str) else f"given/{i}") from None
        selectors.append(lambda ctx, path=path: path.select(ctx.document))
    return selectors


def _then(value: Any) -> list[Then]:
    steps = [value] if isinstance(value, dict) else value
    if not isinstance(steps, list) or not steps:
        raise CustomRuleError("`then` must be a mapping (or a list of them) with a `function`", "then")
    thens = []
    for i, step in enumerate(steps):
        where = "then" if isinstance(value, dict) else f"then/{i}"
        if not isinstance(step, dict) or "function" not in step:
            raise CustomRuleError("each `then` needs a `function`", where)
        function, options, field = step["function"], step.get("functionOptions"), step.get("field")
        if function not in FUNCTIONS:
            raise CustomRuleError(
                f"unknown function {function!r} (known: {', '.join(FUNCTIONS)})", f"{where}/function"
            )
        if field is not None and not isinstance(field, str):
            raise CustomRuleError("`field` must be a string", f"{where}/field")
        if isinstance(field, str) and field.startswith("$"):
            try:
                compile_path(field)
            except JsonPathSyntaxError as exc:
                raise CustomRuleError(str(exc), f"{where}/field") from None
        validator = _options_validator(function)
        if validator is not None:
            error = next(validator.iter_errors(options), None)
            if error is not None:
                raise CustomRuleError(
                    f"functionOptions of {function}: {error.message}", f"{where}/functionOptions"
                )
        thens.append(
            Then(function, field, orjson.loads(orjson.dumps(options)) if options is not None else None)
        )
    return thens


def _formats(names: Any) -> frozenset[str]:
    if names is None:
        return ALL_FORMATS
    if not isinstance(names, list) or any(n not in _FORMATS for n in names):
        raise CustomRuleError(f"`formats` must list some of: {', '.join(_FORMATS)}", "formats")
    return frozenset(f for n in names for f in _FORMATS[n])


def custom_rule(rule_id: str, spec: dict[str, Any]) -> Rule:
    severity = spec.get("severity", "warn")
    severity = (
        NUMERIC_SEVERITIES.get(severity, severity)
        if isinstance(severity, int) and not isinstance(severity, bool)
        else severity
    )
    if severity not in SEVERITIES:
        raise CustomRuleError(f"severity must be one of {', '.join(SEVERITIES)}", "severity")
    if "given" not in spec or "then" not in spec:
        raise CustomRuleError("a custom rule needs `given` and `then`")
    check = spectral_check(_given(spec["given"]), _then(spec["then"]))
    description = spec.get("description") or spec.get("message") or rule_id
    return Rule(
        rule_id,
        str(description),
        check,
        severity=severity,
        formats=_formats(spec.get("formats")),
        recommended=spec.get("recommended", True) is not False,
        message=spec.get("message"),
    )
