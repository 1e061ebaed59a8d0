"""Routing a request path to a path template: a segment trie, literal segments before templated ones.

Templates are split on `/`. At each level a literal segment wins over a segment mixing text and
parameters (`{name}.json`), which wins over a whole-segment parameter (`{id}`); the walk backtracks,
so `/users/me` and `/users/{id}` both route correctly whatever the document order. Servers' base paths
(`https://api.test/v1` -> `/v1`) are stripped before matching; a path without the base path is
also accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Generic, TypeVar
from urllib.parse import unquote, urlsplit

__all__ = ["Router", "base_path"]

T = TypeVar("T")
_PARAM = re.compile(r"\{([^{}]+)\}")


@dataclass(slots=True)
class _Node(Generic[T]):
    literal: dict[str, _Node[T]] = field(default_factory=dict)
    mixed: list[tuple[re.Pattern[str], tuple[str, ...], _Node[T]]] = field(default_factory=list)
    param: tuple[str, _Node[T]] | None = None
    value: T | None = None
    template: str | None = None


class Router(Generic[T]):
    """Path template -> value. `match(path)` returns (template, value, raw path parameters) or None."""

    def __init__(self, base_paths: list[str] | tuple[str, ...] = ()) -> None:
        self._root: _Node[T] = _Node()
        self._exact: dict[str, tuple[str, T]] = {}
        # longest base path first, so /v1/beta wins over /v1
        self._bases = sorted({b for b in base_paths if b and b != "/"}, key=len, reverse=True)

    def add(self, template: str, value: T, patterns: dict[str, str] | None = None) -> None:
        """Add a template. `patterns` (name -> regex) narrows parameters that share a segment with text
        or other parameters, e.g. an enum for `{name}{extension}`."""
        patterns = patterns or {}
        node = self._root
        for segment in _segments(template):
            names = tuple(_PARAM.findall(segment))
            if not names:
                node = node.literal.setdefault(segment, _Node())
            elif _PARAM.fullmatch(segment):
                if node.param is None:
                    node.param = (names[0], _Node())
                node = node.param[1]
            else:
                pattern = re.compile(
                    "".join(
                        f"(?P<p{i}>{patterns.get(part, '.+?')})" if i % 2 else re.escape(part)
                        for i, part in enumerate(_PARAM.split(segment))
                    )
                )
                for existing, existing_names, child in node.mixed:
                    if existing.pattern == pattern.pattern and existing_names == names:
                        node = child
                        break
                else:
                    child = _Node()
                    node.mixed.append((pattern, names, child))
                    node.mixed.sort(key=lambda m: -len(m[0].pattern))
                    node = child
        if node.template is None:  # /a/{id} and /a/{Id}: the first keeps the node (see HttpRuntime)
            node.value, node.template = value, template
        if not _PARAM.search(template):
            self._exact.setdefault(_normal(template), (template, value))

    def match(self, path: str) -> tuple[str, T, dict[str, str]] | None:
        """The most specific template matching `path` (raw, percent-encoded); parameters are decoded."""
        path = _normal(path)
        for base in self._bases:
            if path == base or path.startswith(base + "/"):
                found = self._match(path[len(base) :] or "/")
                if found:
                    return found
        return self._match(path)

    def _match(self, path: str) -> tuple[str, T, dict[str, str]] | None:
        exact = self._exact.get(path)
        if exact is not None:
            return exact[0], exact[1], {}
        segments = _segments(path)
        params: dict[str, str] = {}
        node = self._walk(self._root, segments, 0, params)
        if node is None:
            return None
        return node.template, node.value, params  # type: ignore[return-value]

    def _walk(self, node: _Node[T], segments: list[str], i: int, params: dict[str, str]) -> _Node[T] | None:
        if i == len(segments):
            return node if node.template is not None else None
        segment = segments[i]
        child = node.literal.get(unquote(segment))
        if child is not None:
            found = self._walk(child, segments, i + 1, params)
            if found is not None:
                return found
        for pattern, names, mixed_child in node.mixed:
            m = pattern.fullmatch(segment)
            if m:
                found = self._walk(mixed_child, segments, i + 1, params)
                if found is not None:
                    for j, name in enumerate(names):
                        params[name] = unquote(m[f"p{2 * j + 1}"])
                    return found
        if node.param is not None and segment:
            name, param_child = node.param
            found = self._walk(param_child, segments, i + 1, params)
            if found is not None:
                params.update(_names_for(found.template or "", i, unquote(segment), name))
                return found
        return None


def _names_for(template: str, index: int, value: str, fallback: str) -> dict[str, str]:
    """The parameter name a whole-segment parameter has in the matched template (templates may differ)."""
    segments = _segments(template)
    if index < len(segments):
        m = _PARAM.fullmatch(segments[index])
        if m:
            return {m[1]: value}
    return {fallback: value}


def _normal(path: str) -> str:
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    return path or "/"


def _segments(path: str) -> list[str]:
    path = _normal(path)
    return [] if path == "/" else path[1:].split("/")


def base_path(url: str, variables: dict | None = None) -> str:
    """The path part of a server URL, variables replaced by their defaults: `https://x/v1/` -> `/v1`."""
    for name, spec in (variables or {}).items():
        default = spec.get("default", "") if isinstance(spec, dict) else ""
        url = url.replace("{" + str(name) + "}", str(default))
    path = urlsplit(url).path if "://" in url else url.split("?")[0]
    return _normal(path) if path.startswith("/") else ""
