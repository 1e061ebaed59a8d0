"""What every generated operation shares: sending with retries, credentials, decoding, errors, and
reading streamed responses (Server-Sent Events, JSON Lines, JSON text sequences) item by item."""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, quote

import httpx
from pydantic import BaseModel, TypeAdapter
from pydantic_core import to_jsonable_python

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE", "QUERY"})


class ApiError(Exception):
    """A response outside 2xx. `problem` is the decoded problem+json (or JSON) body, if any."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.status_code = response.status_code
        self.problem: Any = None
        if "json" in response.headers.get("content-type", ""):
            try:
                self.problem = response.json()
            except ValueError:
                self.problem = None
        title = self.problem.get("title") if isinstance(self.problem, dict) else None
        detail = self.problem.get("detail") if isinstance(self.problem, dict) else None
        text = ": ".join(str(part) for part in (title, detail) if part) or response.reason_phrase
        super().__init__(
            f"{response.request.method} {response.request.url} answered {self.status_code}: {text}"
        )


@dataclass(frozen=True)
class Retry:
    """Retries of idempotent operations on connection errors and on `statuses`, with exponential backoff."""

    attempts: int = 3
    backoff: float = 0.2
    statuses: frozenset[int] = frozenset({429, 502, 503, 504})

    def delay(self, attempt: int) -> float:
        return self.backoff * (2**attempt)


@dataclass(frozen=True)
class Scheme:
    """How one security scheme puts its credential on a request."""

    kind: str  # bearer, basic, header, query, cookie
    name: str = "Authorization"


@dataclass
class Call:
    method: str
    path: str
    path_params: Mapping[str, Any] = field(default_factory=dict)
    query: Mapping[str, Any] = field(default_factory=dict)
    headers: Mapping[str, Any] = field(default_factory=dict)
    cookies: Mapping[str, Any] = field(default_factory=dict)
    body: Any = None
    media_type: str | None = None
    security: Sequence[Sequence[str]] = ()
    results: Mapping[str, Any] = field(default_factory=dict)
    querystring: Any = None  # OpenAPI 3.2 `in: querystring`: the whole query string, as a value
    querystring_media: str | None = None
    stream: tuple[str, Any] | None = None  # a streamed response: (framing, item type)


_NOTHING = object()


class Unframer:
    """Items of a streamed body, fed one line at a time: "sse" events (an object of their fields, `data`
    lines joined), "lines" (one JSON text per line) or "json-seq" (RFC 7464 records)."""

    def __init__(self, framing: str) -> None:
        self.framing = framing
        self.event: dict[str, Any] = {}
        self.data: list[str] = []

    def feed(self, line: str) -> Any:
        """The item a line completes, or _NOTHING."""
        if self.framing != "sse":
            text = line.lstrip("\x1e").strip()
            return json.loads(text) if text else _NOTHING
        if not line:
            return self.end()
        if not line.startswith(":"):
            name, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if name == "data":
                self.data.append(value)
            elif name in ("event", "id"):
                self.event[name] = value
            elif name == "retry" and value.isdigit():
                self.event["retry"] = int(value)
        return _NOTHING

    def end(self) -> Any:
        """The event collected so far (SSE), or _NOTHING."""
        if self.data:
            self.event["data"] = "\n".join(self.data)
        event, self.event, self.data = self.event, {}, []
        return event or _NOTHING


def _key_parts(path: str) -> tuple[str, dict[str, str]]:
    """A path key's query part (`/{Bucket}?acl`, `/alerts?lat=1`) goes to the query; a fragment part
    (`#tagKeys`, `#X-Amz-Target=...`) only told operations apart in the contract, and is not sent."""
    cut = min((i for i in (path.find("?"), path.find("#")) if i >= 0), default=-1)
    if cut < 0 or "/" in path[cut + 1 :]:
        return path.replace("#", "%23"), {}
    query = path[cut + 1 :].split("#")[0] if path[cut] == "?" else ""
    return path[:cut] or "/", dict(parse_qsl(query, keep_blank_values=True))


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return to_jsonable_python(value, by_alias=True)


def _text(value: Any) -> Any:
    value = _plain(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return [_text(item) for item in value]
    return value


class Base:
    """Configuration shared by the sync and async clients."""

    def __init__(
        self,
        base_url: str,
        *,
        credentials: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout = 10.0,
        retry: Retry | None = None,
        headers: Mapping[str, str] | None = None,
        **httpx_options: Any,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.credentials = dict(credentials or {})
        self.retry = retry or Retry()
        self._options = {"timeout": timeout, "headers": dict(headers or {}), **httpx_options}

    def _request(self, call: Call, schemes: Mapping[str, Scheme]) -> httpx.Request:
        path = call.path
        for name, value in call.path_params.items():
            path = path.replace("{" + name + "}", quote(str(_text(value)), safe=""))
        path, key_query = _key_parts(path)
        params = {
            **key_query,
            **{name: _text(value) for name, value in call.query.items() if value is not None},
        }
        if call.querystring is not None:
            whole = _plain(call.querystring)
            if "json" in (call.querystring_media or ""):  # the query string is one JSON text
                path += "?" + quote(json.dumps(whole, separators=(",", ":")), safe="")
            else:  # form-encoded: its fields are the query parameters
                params.update({name: _text(value) for name, value in whole.items() if value is not None})
        # HTTP trims a header value's surrounding whitespace (and refuses it on the wire)
        headers = {
            name: str(_text(value)).strip() for name, value in call.headers.items() if value is not None
        }
        cookies = {name: str(_text(value)) for name, value in call.cookies.items() if value is not None}
        self._authorise(call.security, schemes, headers, params, cookies)
        content: dict[str, Any] = {}
        if call.body is not None:
            media = call.media_type or "application/json"
            body = _plain(call.body)
            if "json" in media:
                content["json"] = body
            elif media == "application/x-www-form-urlencoded":
                content["data"] = body
            elif media.startswith("multipart/"):
                content["files"] = {key: (None, str(value)) for key, value in (body or {}).items()}
            else:
                content["content"] = body if isinstance(body, bytes) else str(body).encode()
            if "json" not in media and not media.startswith("multipart/"):
                headers.setdefault("Content-Type", "application/octet-stream" if "*" in media else media)
        return httpx.Request(  # params=None keeps a query written into the path (httpx drops it for {})
            call.method,
            self.base_url + path,
            params=params or None,
            headers=headers,
            cookies=cookies,
            **content,
        )

    def _authorise(
        self,
        security: Sequence[Sequence[str]],
        schemes: Mapping[str, Scheme],
        headers: dict[str, str],
        params: dict[str, Any],
        cookies: dict[str, str],
    ) -> None:
        for requirement in security:
            if not all(self.credentials.get(name) is not None for name in requirement):
                continue
            for name in requirement:
                scheme, value = schemes[name], self.credentials[name]
                if scheme.kind == "bearer":
                    headers["Authorization"] = f"Bearer {value}"
                elif scheme.kind == "basic":
                    user, password = value
                    token = base64.b64encode(f"{user}:{password}".encode()).decode()
                    headers["Authorization"] = f"Basic {token}"
                elif scheme.kind == "query":
                    params[scheme.name] = value
                elif scheme.kind == "cookie":
                    cookies[scheme.name] = value
                else:
                    headers[scheme.name] = value
            return

    def _should_retry(self, method: str, attempt: int, response: httpx.Response | None) -> bool:
        if method not in IDEMPOTENT or attempt + 1 >= self.retry.attempts:
            return False
        return response is None or response.status_code in self.retry.statuses

    @staticmethod
    def _result(response: httpx.Response, results: Mapping[str, Any]) -> Any:
        if not response.is_success:
            raise ApiError(response)
        status = str(response.status_code)
        kind = results.get(status, results.get(status[0] + "XX", results.get("default")))
        if kind is None or not response.content:
            return None
        if "json" not in response.headers.get("content-type", "json"):
            return response.text if kind is str else response.content
        return TypeAdapter(kind).validate_json(response.content)


class SyncBase(Base):
    def __init__(self, base_url: str, **options: Any) -> None:
        super().__init__(base_url, **options)
        self._http = httpx.Client(**self._options)

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def _call(self, call: Call, schemes: Mapping[str, Scheme]) -> Any:
        request = self._request(call, schemes)
        for attempt in range(self.retry.attempts):
            try:
                response = self._http.send(request)
            except httpx.TransportError:
                if not self._should_retry(call.method, attempt, None):
                    raise
            else:
                if not self._should_retry(call.method, attempt, response):
                    return self._result(response, call.results)
                response.close()
            time.sleep(self.retry.delay(attempt))
        raise AssertionError("unreachable")

    def _stream(self, call: Call, schemes: Mapping[str, Scheme]) -> Iterator[Any]:
        """The items of a streamed response as they arrive, each validated as the item type."""
        assert call.stream is not None
        framing, kind = call.stream
        adapter, unframer = TypeAdapter(kind), Unframer(framing)
        response = self._http.send(self._request(call, schemes), stream=True)
        try:
            if not response.is_success:
                response.read()
                raise ApiError(response)
            for line in response.iter_lines():
                item = unframer.feed(line)
                if item is not _NOTHING:
                    yield adapter.validate_python(item)
        finally:
            response.close()
        last = unframer.end()
        if last is not _NOTHING:
            yield adapter.validate_python(last)


class AsyncBase(Base):
    def __init__(self, base_url: str, **options: Any) -> None:
        super().__init__(base_url, **options)
        self._http = httpx.AsyncClient(**self._options)

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _call(self, call: Call, schemes: Mapping[str, Scheme]) -> Any:
        request = self._request(call, schemes)
        for attempt in range(self.retry.attempts):
            try:
                response = await self._http.send(request)
            except httpx.TransportError:
                if not self._should_retry(call.method, attempt, None):
                    raise
            else:
                if not self._should_retry(call.method, attempt, response):
                    return self._result(response, call.results)
                await response.aclose()
            await asyncio.sleep(self.retry.delay(attempt))
        raise AssertionError("unreachable")

    async def _stream(self, call: Call, schemes: Mapping[str, Scheme]) -> AsyncIterator[Any]:
        """The items of a streamed response as they arrive, each validated as the item type."""
        assert call.stream is not None
        framing, kind = call.stream
        adapter, unframer = TypeAdapter(kind), Unframer(framing)
        response = await self._http.send(self._request(call, schemes), stream=True)
        try:
            if not response.is_success:
                await response.aread()
                raise ApiError(response)
            async for line in response.aiter_lines():
                item = unframer.feed(line)
                if item is not _NOTHING:
                    yield adapter.validate_python(item)
        finally:
            await response.aclose()
        last = unframer.end()
        if last is not _NOTHING:
            yield adapter.validate_python(last)
