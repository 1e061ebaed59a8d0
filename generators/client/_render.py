"""The text of a generated client's `client.py`."""

from __future__ import annotations

__all__ = ["render_client"]

_SCHEME_KINDS = {"bearer": "bearer", "basic": "basic"}


def render_client(contract, plans) -> str:
    title = " ".join(str(contract.title or "the API").split()).replace('"', "'")
    lines = [
        f'"""Typed client of {title} {contract.api_version or ""}: `Client` (sync) and `AsyncClient`."""',
        "",
        "from __future__ import annotations",
        "",
        "from collections.abc import AsyncIterator, Iterator",
        "from typing import Any, TypedDict",
        "",
        "from . import models",
        "from .runtime import AsyncBase, Call, Scheme, SyncBase",
        "",
        f"SCHEMES: dict[str, Scheme] = {{{', '.join(f'{n!r}: {_scheme(s)}' for n, s in sorted(contract.security_schemes.items()))}}}",
        "",
        f"Credentials = TypedDict('Credentials', {{{', '.join(f'{n!r}: {_credential(s)}' for n, s in sorted(contract.security_schemes.items()))}}}, total=False)",
        '"""Credentials by security scheme name: a token or key, or (user, password) for basic."""',
        "",
    ]
    for cls, base, asynchronous in (("Client", "SyncBase", False), ("AsyncClient", "AsyncBase", True)):
        lines += [
            "",
            f"class {cls}({base}):",
            f'    """{"Asynchronous" if asynchronous else "Synchronous"} client: one method per operation."""',
            "",
        ]
        if not plans:
            lines.append("    pass")
        for plan in plans:
            lines += _method(plan, asynchronous)
    return "\n".join(lines) + "\n"


def _scheme(scheme) -> str:
    if scheme.type == "http":
        kind = _SCHEME_KINDS.get((scheme.scheme or "").lower(), "header")
        return f"Scheme({kind!r})"
    if scheme.type == "apiKey":
        return f"Scheme({(scheme.location or 'header')!r}, {(scheme.parameter_name or 'Authorization')!r})"
    return "Scheme('bearer')"


def _credential(scheme) -> str:
    return "tuple[str, str]" if scheme.type == "http" and (scheme.scheme or "").lower() == "basic" else "str"


def _method(plan, asynchronous: bool) -> list[str]:
    args = ["self"]
    path_params = [p for p in plan.params if p.location == "path"]
    others = [p for p in plan.params if p.location != "path"]
    args += [f"{p.arg}: {p.annotation}" for p in path_params]
    keyword = []
    body_type = f"models.{plan.body_model}" if plan.body_model else "Any"
    if plan.body_media:
        keyword.append(f"body: {body_type}" if plan.body_required else f"body: {body_type} | None = None")
    keyword += [f"{p.arg}: {p.annotation}" for p in others if p.required]
    keyword += [f"{p.arg}: {p.annotation} | None = None" for p in others if not p.required]
    if keyword:
        args += ["*", *keyword]
    results = {
        status: ("bytes" if model == "bytes" else f"models.{model}") for status, model in plan.results.items()
    }
    returns = " | ".join(dict.fromkeys(results.values())) or "None"
    fields = [repr(plan.method), repr(plan.path)]
    for location, name in (
        ("path", "path_params"),
        ("query", "query"),
        ("header", "headers"),
        ("cookie", "cookies"),
    ):
        chosen = [p for p in plan.params if p.location == location]
        if chosen:
            fields.append(f"{name}={{{', '.join(f'{p.name!r}: {p.arg}' for p in chosen)}}}")
    whole = next((p for p in plan.params if p.location == "querystring"), None)
    if whole is not None:
        fields += [f"querystring={whole.arg}", f"querystring_media={whole.media!r}"]
    if plan.body_media:
        # a wildcard (`*/*`) with a schema is sent as JSON
        sent = "application/json" if plan.body_model and "*" in plan.body_media else plan.body_media
        fields += ["body=body", f"media_type={sent!r}"]
    if plan.security:
        fields.append(f"security={plan.security!r}")
    if results:
        fields.append(f"results={{{', '.join(f'{s!r}: {t}' for s, t in results.items())}}}")
    doc = f"{plan.method} {plan.path}" + (f": {plan.summary}" if plan.summary else "")
    define, call = ("async def", "await self._call") if asynchronous else ("def", "self._call")
    if plan.stream is not None:  # items as they arrive; the method returns the iterator unawaited
        framing, item = plan.stream
        fields.append(f"stream=({framing!r}, models.{item})")
        define, call = "def", "self._stream"
        returns = f"{'AsyncIterator' if asynchronous else 'Iterator'}[models.{item}]"
    return [
        f"    {define} {plan.name}({', '.join(args)}) -> {returns}:",
        f'        """{doc}"""',
        f"        return {call}(Call({', '.join(fields)}), SCHEMES)",
        "",
    ]
