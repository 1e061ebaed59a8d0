"""oas3-server-variables / asyncapi-server-variables: `{var}` in a server URL and `variables` agree
and a default belongs to its enum; for OpenAPI (as Spectral's options for it say) every variable
also has a default and every substitution gives an absolute URL."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import Any

from .._context import LintContext
from .._rule import Hit, JsonPath

_VARIABLE = re.compile(r"{([^}]+)}")
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?!//(/|$))")  # a scheme, and a host after //


def _servers(ctx: LintContext) -> Iterable[tuple[JsonPath, Any]]:
    servers = ctx.document.get("servers")
    if ctx.format.startswith("asyncapi"):
        containers = [
            (("servers",), servers),
            (("components", "servers"), ctx.components().get("servers")),
        ]
        for base, holder in containers:
            if isinstance(holder, dict):
                yield from (((*base, k), v) for k, v in holder.items())
        return
    holders = [((), ctx.document)]
    paths = ctx.document.get("paths")
    if isinstance(paths, dict):
        holders += [(("paths", k), v) for k, v in paths.items() if isinstance(v, dict)]
    holders += ctx.operations()
    for base, holder in holders:
        listed = holder.get("servers")
        if isinstance(listed, list):
            yield from (((*base, "servers", i), s) for i, s in enumerate(listed))
    for path, node in _links(ctx):
        if isinstance(node.get("server"), dict):
            yield (*path, "server"), node["server"]


def _links(ctx: LintContext) -> Iterable[tuple[JsonPath, dict]]:
    """Link objects: in components and in every response's `links`."""
    shared = ctx.components().get("links")
    if isinstance(shared, dict):
        yield from ((("components", "links", k), v) for k, v in shared.items() if isinstance(v, dict))
    for path, operation in ctx.operations():
        responses = operation.get("responses")
        for code, response in responses.items() if isinstance(responses, dict) else ():
            links = response.get("links") if isinstance(response, dict) else None
            if isinstance(links, dict):
                at = (*path, "responses", code, "links")
                yield from (((*at, k), v) for k, v in links.items() if isinstance(v, dict))


def variable_hits(path: JsonPath, server: Any, *, openapi: bool) -> Iterable[Hit]:
    if not isinstance(server, dict) or not isinstance(server.get("url"), str):
        return
    used = list(dict.fromkeys(_VARIABLE.findall(server["url"])))
    variables = server.get("variables") if isinstance(server.get("variables"), dict) else {}
    for name in variables:
        if name not in used:
            yield (
                (*path, "variables", name),
                f'Server\'s "variables" object has unused defined "{name}" url variable.',
            )
    missing = [n for n in used if n not in variables]
    if missing:
        yield (
            (*path, "variables"),
            f'Not all server\'s variables are described with "variables" object. Missing: {", ".join(missing)}.',
        )
    for name in used:
        variable = variables.get(name)
        if not isinstance(variable, dict):
            continue
        if (
            isinstance(variable.get("enum"), list)
            and "default" in variable
            and variable["default"] not in variable["enum"]
        ):
            yield (
                (*path, "variables", name, "default"),
                f'Server Variable "{name}" has a default not listed in the enum.',
            )
        if "default" not in variable and openapi:
            yield (*path, "variables", name), f'Server Variable "{name}" has a missing default.'
    if openapi:
        yield from _substitutions(path, server["url"], used, variables)


def _substitutions(path: JsonPath, url: str, used: list[str], variables: dict) -> Iterable[Hit]:
    """Every combination of enum (or default) values must give an absolute URL (at most 5 shown)."""
    choices = []
    for name in used:
        variable = variables.get(name)
        if not isinstance(variable, dict):
            continue
        values = (
            variable.get("enum")
            if isinstance(variable.get("enum"), list)
            else [variable["default"]]
            if "default" in variable
            else []
        )
        choices.append([(name, str(v)) for v in values])
    if not choices:
        return
    invalid: list[str] = []
    for combination in itertools.product(*choices):
        candidate = url
        for name, value in combination:
            candidate = candidate.replace("{" + name + "}", value)
        if not _ABSOLUTE.match(candidate) or " " in candidate:
            invalid.append(candidate)
            if len(invalid) == 5:
                break
    if len(invalid) == 5:
        yield (
            (*path, "variables"),
            f"At least 5 substitutions of server variables resulted in invalid URLs: {', '.join(invalid)} and more",
        )
    elif invalid:
        yield (
            (*path, "variables"),
            f"A few substitutions of server variables resulted in invalid URLs: {', '.join(invalid)}",
        )


def check(ctx: LintContext) -> Iterable[Hit]:
    openapi = not ctx.format.startswith("asyncapi")
    for path, server in _servers(ctx):
        yield from variable_hits(path, server, openapi=openapi)
