"""openapi-tags-uniqueness / asyncapi-tags-uniqueness: a `tags` list names each tag once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._rule import Hit, JsonPath


def duplicates(path: JsonPath, tags: Any) -> Iterable[Hit]:
    if not isinstance(tags, list):
        return
    names = [t.get("name") if isinstance(t, dict) else None for t in tags]
    for i, name in enumerate(names):
        if name is not None and names.index(name) != i:
            yield (*path, i, "name"), f'"tags" object contains duplicate tag name "{name}".'
