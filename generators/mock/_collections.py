"""`--stateful`: collections recognised from the paths, kept in memory.

A collection is a path `/things` next to an item path `/things/{id}`. POST on the collection creates
(a generated resource, valid for the response schema, overlaid with the request body and given a new
id; an XML body is read by its schema's `xml` objects, `_xml_read`), GET on the item reads, PUT replaces, PATCH merges (RFC 7396), DELETE removes; GET on the
collection lists what is stored, shaped as its response schema (an array, or the first array property
of an object). An unknown id is a 404.
"""

from __future__ import annotations

import random
import uuid
from typing import TYPE_CHECKING, Any

from accord.contracts.http import CompiledOperation, Route, is_xml, negotiate

from ._problems import problem
from ._responses import Canned, Rendered, encode, make_canned
from ._xml_read import read_xml

if TYPE_CHECKING:
    from ._app import CompiledMock

__all__ = ["Collections"]


class _Collection:
    def __init__(self, template: str, item_template: str, id_param: str, id_schema: Any) -> None:
        self.template, self.item_template, self.id_param = template, item_template, id_param
        self.id_schema = id_schema if isinstance(id_schema, dict) else {}
        self.items: dict[str, Any] = {}
        self.counter = 0

    def new_id(self, rng: random.Random) -> str:
        self.counter += 1
        if self.id_schema.get("format") == "uuid":
            return str(uuid.UUID(int=rng.getrandbits(128), version=4))
        return str(self.counter)

    def typed(self, raw: str) -> Any:
        return int(raw) if self.id_schema.get("type") == "integer" and raw.lstrip("-").isdigit() else raw


class Collections:
    def __init__(self, state: CompiledMock) -> None:
        self.state = state
        self.rng = random.Random(state.options.seed)
        templates = {op.operation.path for op in state.runtime.operations}
        self._by_template: dict[str, tuple[_Collection, bool]] = {}
        for compiled in state.runtime.operations:
            op = compiled.operation
            parent, _, last = op.path.rstrip("/").rpartition("/")
            if not (last.startswith("{") and last.endswith("}")) or parent not in templates or not parent:
                continue
            if parent in self._by_template:
                continue
            name = last[1:-1]
            id_schema = next(
                (p.schema for p in op.parameters if p.location == "path" and p.name == name), None
            )
            resolved = state.contract.resolve(id_schema)[0] if id_schema is not None else None
            collection = _Collection(parent, op.path, name, resolved)
            self._by_template[parent] = (collection, False)
            self._by_template[op.path] = (collection, True)

    def handle(self, route: Route, check: Any, headers: dict) -> Canned | None:
        found = self._by_template.get(route.template or "")
        if found is None:
            return None
        collection, is_item = found
        compiled = route.operation
        method = compiled.operation.method
        body = self._body(compiled, check)
        if not is_item:
            if method == "post":
                return self._create(collection, compiled, body, headers)
            if method == "get":
                return self._list(collection, compiled, check, headers)
            return None
        raw_id = route.path_params.get(collection.id_param, "")
        key = str(collection.typed(raw_id))
        if key not in collection.items:
            if method in ("get", "put", "patch", "delete"):
                return self._missing(compiled, headers, raw_id)
            return None
        if method == "get":
            return self._render(compiled, collection.items[key], headers)
        if method == "delete":
            del collection.items[key]
            return self._render(compiled, None, headers)
        if method in ("put", "patch") and isinstance(body, dict):
            current = collection.items[key]
            updated = {**current, **body} if method == "put" else _merge_patch(current, body)
            self._set_id(collection, compiled, updated, key)
            collection.items[key] = updated
            return self._render(compiled, updated, headers)
        return None

    # -- operations ---------------------------------------------------------------------------
    def _create(
        self, collection: _Collection, compiled: CompiledOperation, body: Any, headers: dict
    ) -> Canned | None:
        rendered, media_type = self._success(compiled, headers)
        if rendered is None:
            return None
        resource = self._resource(compiled, rendered, media_type, body)
        new_id = collection.new_id(self.rng)
        if isinstance(resource, dict):
            self._set_id(collection, compiled, resource, new_id)
        collection.items[str(collection.typed(new_id))] = resource
        location = collection.template.rstrip("/") + "/" + new_id
        extra = [(b"location", location.encode("latin-1", "replace"))]
        return self._canned(rendered, media_type, resource, extra)

    def _list(
        self, collection: _Collection, compiled: CompiledOperation, check: Any, headers: dict
    ) -> Canned | None:
        rendered, media_type = self._success(compiled, headers)
        if rendered is None or media_type is None:
            return None
        items = list(collection.items.values())
        filters = check.parameters.get("query", {}) if check is not None else {}
        for name, wanted in filters.items():
            items = [i for i in items if not isinstance(i, dict) or name not in i or i[name] == wanted]
        base = rendered.defaults[media_type].value
        if isinstance(base, list) or base is None:
            return self._canned(rendered, media_type, items, [])
        if isinstance(base, dict):
            for name, value in base.items():
                if isinstance(value, list):
                    return self._canned(rendered, media_type, {**base, name: items}, [])
        return None

    def _render(self, compiled: CompiledOperation, value: Any, headers: dict) -> Canned | None:
        rendered, media_type = self._success(compiled, headers)
        if rendered is None:
            return None
        if rendered.empty is not None or media_type is None:
            return make_canned(rendered.status, None, b"", rendered.header_values, "state")
        return self._canned(rendered, media_type, value, [])

    def _missing(self, compiled: CompiledOperation, headers: dict, raw_id: str) -> Canned:
        own = self.state.prepared(compiled).by_status.get("404")
        if own is not None:
            if own.empty is not None:
                return own.empty
            media_type = negotiate(headers.get("accept", ""), list(own.media)) or next(iter(own.media))
            return own.defaults[media_type]
        return problem(404, f"no resource with id {raw_id!r} (stateful mock)", self.state.common)

    # -- helpers ------------------------------------------------------------------------------
    def _body(self, compiled: CompiledOperation, check: Any) -> Any:
        """The request's value: JSON and forms as parsed, XML read back by its schema's xml objects."""
        if check is None or not check.has_body:
            return None
        if isinstance(check.body, str) and check.media_type and is_xml(check.media_type):
            request_body = compiled.operation.request_body
            media = request_body.content.get(check.media_type) if request_body is not None else None
            return read_xml(check.body, media.schema if media is not None else None, self.state.contract)
        return check.body

    def _success(self, compiled: CompiledOperation, headers: dict) -> tuple[Rendered | None, str | None]:
        prepared = self.state.prepared(compiled)
        key = prepared.default_key
        if key is None or not key.startswith("2"):
            return None, None
        rendered = prepared.by_status[key]
        if rendered.empty is not None:
            return rendered, None
        media_type = negotiate(headers.get("accept", ""), list(rendered.media)) or next(iter(rendered.media))
        return rendered, media_type

    def _resource(
        self, compiled: CompiledOperation, rendered: Rendered, media_type: str | None, body: Any
    ) -> Any:
        """A generated resource overlaid with the request body, valid for the response schema if feasible."""
        if media_type is None:
            return body if body is not None else {}
        model = next(r for k, r in compiled.operation.responses.items() if k.upper() == rendered.key).content[
            media_type
        ]
        if model.schema is None:
            return body if body is not None else {}
        validator = compiled.responses[rendered.key].media[media_type][1].validator
        first = None
        for _ in range(12):
            base = self.state.generator.value(model.schema, self.rng, use_examples=False)
            resource = {**base, **body} if isinstance(base, dict) and isinstance(body, dict) else base
            if validator is None or validator.is_valid(resource):
                return resource
            first = resource if first is None else first
        return first

    def _set_id(
        self, collection: _Collection, compiled: CompiledOperation, resource: dict, new_id: str
    ) -> None:
        for name in (collection.id_param, "id"):
            if name in resource:
                current = resource[name]
                resource[name] = int(new_id) if isinstance(current, int) and new_id.isdigit() else new_id
                return

    def _canned(self, rendered: Rendered, media_type: str | None, value: Any, extra: list) -> Canned:
        replaced = {name for name, _ in extra}  # e.g. the real Location replaces a generated one
        return make_canned(
            rendered.status,
            media_type,
            encode(value, media_type, rendered.schemas.get(media_type or ""), self.state.contract),
            [h for h in rendered.header_values if h[0] not in replaced] + extra,
            "state",
            value,
        )


def _merge_patch(target: Any, patch: Any) -> Any:
    if not isinstance(patch, dict):
        return patch
    out = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = _merge_patch(out.get(key), value)
    return out
