"""schema: the value is valid against a JSON Schema given in the options (`schema`, `dialect`)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jsonschema_rs
import orjson

from .._rule import Hit, JsonPath
from ._support import MISSING, property_name

OPTIONS = {
    "type": "object",
    "properties": {
        "schema": {"type": ["object", "boolean"]},
        "dialect": {"enum": ["auto", "draft4", "draft6", "draft7", "draft2019-09", "draft2020-12"]},
        "allErrors": {"type": "boolean"},
    },
    "required": ["schema"],
    "additionalProperties": False,
}
_DRAFTS = {
    "draft4": jsonschema_rs.Draft4Validator,
    "draft6": jsonschema_rs.Draft6Validator,
    "draft7": jsonschema_rs.Draft7Validator,
    "draft2019-09": jsonschema_rs.Draft201909Validator,
    "draft2020-12": jsonschema_rs.Draft202012Validator,
}


@lru_cache(maxsize=256)
def _validator(schema_json: bytes, dialect: str) -> Any:
    schema = orjson.loads(schema_json)
    if dialect in _DRAFTS:
        return _DRAFTS[dialect](schema)
    return jsonschema_rs.validator_for(schema)


def run(value: Any, options: dict[str, Any], path: JsonPath) -> list[Hit]:
    if value is MISSING:
        return [(path, f'"{property_name(path)}" property must exist')]
    key = orjson.dumps(options["schema"], option=orjson.OPT_SORT_KEYS)
    validator = _validator(key, options.get("dialect", "auto"))
    hits: list[Hit] = []
    for error in validator.iter_errors(value):
        where = (*path, *error.instance_path)
        hits.append((where, f'"{property_name(where)}" property {error.message}'))
        if not options.get("allErrors"):
            break
    return hits
