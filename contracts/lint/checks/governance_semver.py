"""info-version-semver: info.version is a semantic version (MAJOR.MINOR.PATCH, optional pre-release)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .._context import LintContext
from .._rule import Hit

SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)


def check(ctx: LintContext) -> Iterable[Hit]:
    version = ctx.contract.api_version
    if version is None or not SEMVER.match(version):
        yield ("info", "version"), f"info.version {version!r} is not a semantic version (e.g. 1.4.0)"
