"""Where a node of a bundled contract is reached from in the root file.

A node written in a fragment (api/schemas.yaml) has its own file:line; a finding about it is also
named by the root's file:line that brings it in: the node itself when the root holds it, else the
root's `$ref` that leads to it (through other fragments if need be), preferring a `$ref` inside the
finding's operation or channel.
"""

from __future__ import annotations

from ._errors import Location
from ._pointers import escape
from ._refs import Bundle, iter_refs

__all__ = ["RootLocator", "scope_pointer"]


def scope_pointer(operation: str | None, channel: str | None) -> str:
    """The pointer of an operation (`GET /orders`) or channel, where `$ref` sites are looked for first."""
    if operation and " " in operation:
        method, path = operation.split(" ", 1)
        return f"/paths/{escape(path)}/{method.lower()}"
    return f"/channels/{escape(channel)}" if channel else ""


class RootLocator:
    """Root locations of bundle pointers, for one bundle (the `$ref` sites are collected once)."""

    def __init__(self, source: Bundle) -> None:
        self.source = source
        self._sites: dict[str, list[str]] | None = None

    def locate(self, pointer: str, within: str = "") -> Location | None:
        """The root file's location for the node at `pointer`; None when no root `$ref` leads there."""
        return self._find(pointer, within, set())

    def _origin(self, pointer: str, strictly_above: bool = False) -> str | None:
        best = None
        for prefix in self.source.origins:
            inside = pointer.startswith(prefix + "/") or (pointer == prefix and not strictly_above)
            if inside and (best is None or len(prefix) > len(best)):
                best = prefix
        return best

    def _ref_sites(self) -> dict[str, list[str]]:
        if self._sites is None:
            self._sites = {}
            for holder, ref in iter_refs(self.source.document):
                self._sites.setdefault(ref, []).append(holder)
            for holders in self._sites.values():
                holders.sort()
        return self._sites

    def _find(self, pointer: str, within: str, seen: set[str]) -> Location | None:
        origin = self._origin(pointer)
        if origin is None:
            return self.source.root.location(pointer)
        sites = self._ref_sites().get("#" + origin)
        if sites:  # hoisted into the components: reached through the `$ref`s to it
            if origin in seen:
                return None
            seen.add(origin)
            preferred = sorted(
                sites, key=lambda s: not (within and (s == within or s.startswith(within + "/")))
            )
            for site in preferred:
                found = self._find(f"{site}/$ref", within, seen)
                if found is not None:
                    return found
            return None
        # inlined where its `$ref` was written: in the root, or in the fragment holding the parent
        parent = origin.rsplit("/", 1)[0]
        if self._origin(origin, strictly_above=True) is None:
            return self.source.root.location(f"{origin}/$ref")
        return self._find(parent, within, seen)
