"""path-version-matches-info: a `/vN/...` path prefix agrees with the major of info.version."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit

_PREFIX = re.compile(r"^/v(\d+)(?:/|$)")
_MAJOR = re.compile(r"^v?(\d+)")


def check(ctx: LintContext) -> Iterable[Hit]:
    major = _MAJOR.match(ctx.contract.api_version or "")
    paths = ctx.document.get("paths")
    if major is None or not isinstance(paths, dict):
        return
    for key in paths:
        prefix = _PREFIX.match(key)
        if prefix and int(prefix[1]) != int(major[1]):
            yield (
                ("paths", key),
                f"path version v{prefix[1]} does not match info.version {ctx.contract.api_version} (major {int(major[1])})",
            )
