"""path-params: path templates and path parameters agree (declared, used, required, not repeated)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .._context import LintContext, path_item_operations
from .._rule import Hit, JsonPath
from ._support import resolved

# Spectral's pattern allows only [a-zA-Z0-9_-] in a name; any name validate accepts (`{größe}`,
# `{id.v2}`) is one here, so names outside ASCII are not reported as unused (docs/lint.md).
_TEMPLATE = re.compile(r"\{;?\??[^{}/;?*]+\*?\}")


def _declared(ctx: LintContext, params: Any, base: JsonPath, hits: list[Hit]) -> dict[str, JsonPath]:
    found: dict[str, JsonPath] = {}
    for i, raw in enumerate(params if isinstance(params, list) else []):
        param = resolved(ctx, raw)
        if not isinstance(param, dict) or param.get("in") != "path" or "name" not in param:
            continue
        where, name = (*base, "parameters", i), str(param["name"])
        if param.get("required") is not True:
            hits.append(
                (where, f'Path parameter "{name}" must have "required" property that is set to "true".')
            )
        if name in found:
            hits.append((where, f'Path parameter "{name}" must not be defined multiple times.'))
        else:
            found[name] = where
    return found


def check(ctx: LintContext) -> Iterable[Hit]:
    paths = ctx.document.get("paths")
    if not isinstance(paths, dict):
        return []
    hits: list[Hit] = []
    normalised: dict[str, str] = {}
    for key, item in paths.items():
        if not isinstance(item, dict):
            continue
        shape = _TEMPLATE.sub("%", key)
        if shape in normalised:
            hits.append((("paths", key), f'Paths "{normalised[shape]}" and "{key}" must not be equivalent.'))
        else:
            normalised[shape] = key
        used: list[str] = []
        for match in _TEMPLATE.finditer(key):
            name = re.sub(r"[{}?*;]", "", match[0])
            if name in used:
                hits.append(
                    (("paths", key), f'Path "{key}" must not use parameter "{{{name}}}" multiple times.')
                )
            else:
                used.append(name)
        shared = _declared(ctx, item.get("parameters"), ("paths", key), hits)
        for below, op in path_item_operations(ctx.format, item):
            own = _declared(ctx, op.get("parameters"), ("paths", key, *below), hits)
            defined = {**shared, **own}
            for name, where in defined.items():
                if name not in used:
                    hits.append((where, f'Parameter "{name}" must be used in path "{key}".'))
            for name in used:
                if name not in defined:
                    hits.append(
                        (
                            ("paths", key, *below),
                            f'Operation must define parameter "{{{name}}}" as expected by path "{key}".',
                        )
                    )
    return hits
