"""Document-wide changes: servers, webhooks, component schemas, and the versioning policy on info.version."""

from __future__ import annotations

import re

from accord.contracts import escape_pointer

from ._change import Change, Collector

__all__ = ["compare_document", "version_policy"]

_VERSION = re.compile(r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?")


def compare_document(out: Collector) -> None:
    base_servers = {s.url: s for s in out.base.servers}
    revision_servers = {s.url: s for s in out.revision.servers}
    for url, s in base_servers.items():
        if url not in revision_servers:
            out.add("server-removed", f"server {url} removed", base=s.pointer, revision=None)
    for url, s in revision_servers.items():
        if url not in base_servers:
            out.add("server-added", f"server {url} added", base=None, revision=s.pointer)
    base_hooks, revision_hooks = (
        _mapping(out.base.document.get("webhooks")),
        _mapping(out.revision.document.get("webhooks")),
    )
    for name in base_hooks.keys() - revision_hooks.keys():
        out.add(
            "webhook-removed",
            f"webhook '{name}' removed",
            base=f"/webhooks/{escape_pointer(name)}",
            revision=None,
        )
    for name in revision_hooks.keys() - base_hooks.keys():
        out.add(
            "webhook-added",
            f"webhook '{name}' added",
            base=None,
            revision=f"/webhooks/{escape_pointer(name)}",
        )
    pointer = out.base.schemas_pointer
    for name in out.base.schemas.keys() - out.revision.schemas.keys():
        out.add(
            "component-schema-removed",
            f"schema '{name}' removed",
            base=f"{pointer}/{escape_pointer(name)}",
            revision=None,
        )
    for name in out.revision.schemas.keys() - out.base.schemas.keys():
        out.add(
            "component-schema-added",
            f"schema '{name}' added",
            base=None,
            revision=f"{out.revision.schemas_pointer}/{escape_pointer(name)}",
        )


def _mapping(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _parse(version: str | None) -> tuple[int, int, int] | None:
    match = _VERSION.match(version or "")
    return None if match is None else tuple(int(g or 0) for g in match.groups())  # type: ignore[return-value]


def version_policy(out: Collector, changes: list[Change]) -> None:
    """A breaking change needs a new major version (or minor, below 1.0); versions never go down."""
    raw_base, raw_revision = out.base.api_version, out.revision.api_version
    base, revision = _parse(raw_base), _parse(raw_revision)
    if base is None or revision is None:
        return
    where = {"base": "/info/version", "revision": "/info/version"}
    if revision < base:
        out.add("api-version-decreased", f"info.version went down from {raw_base} to {raw_revision}", **where)
    if not changes:
        return
    if raw_base == raw_revision:
        out.add(
            "api-version-unchanged",
            f"info.version is still {raw_revision} although the contract changed",
            **where,
        )
    breaking = sum(1 for c in changes if c.level == "ERR")
    bumped = revision[0] > base[0] or (base[0] == 0 and revision[0] == 0 and revision[1] > base[1])
    if breaking and not bumped:
        out.add(
            "api-major-version-not-bumped",
            f"{breaking} breaking change(s) but info.version went from {raw_base} to {raw_revision}, not to a new major version",
            **where,
        )
