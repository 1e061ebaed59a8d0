"""Every id in the change catalogue has a case: a small base/revision pair and the expected level.

Schema checks are described once per kind in cases/schema-kinds.yaml and placed here in every
schema context; every other id has its own file cases/<id>.yaml holding `level`, `base` (a document,
or the name of one in cases/_shared/, optionally changed by `base_patch`) and `revision` (a document)
or `patch` (a JSON merge patch applied to the base). A registered id without a case fails `test_every_id_has_a_case`.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml
from accord.contracts import load_contract
from accord.contracts.diff import REGISTRY, diff_contracts

CASES = Path(__file__).parent / "cases"
_SCHEMA_SPEC = yaml.safe_load((CASES / "schema-kinds.yaml").read_text())


def _openapi(path_item: dict) -> dict:
    return {"openapi": "3.0.3", "info": {"title": "t", "version": "1.0.0"}, "paths": {"/things": path_item}}


def _asyncapi(action: str, part: str, schema: Any) -> dict:
    return {
        "asyncapi": "3.0.0",
        "info": {"title": "t", "version": "1.0.0"},
        "channels": {"things": {"address": "things", "messages": {"thing": {part: schema}}}},
        "operations": {
            "op": {
                "action": action,
                "channel": {"$ref": "#/channels/things"},
                "messages": [{"$ref": "#/channels/things/messages/thing"}],
            }
        },
    }


_OK = {"204": {"description": "ok"}}
# context -> (document around a schema, direction, id prefix at the root, nested, property family)
PLACEMENTS = {
    "request-body": (
        lambda s: _openapi({"post": {"requestBody": {"content": {"application/json": {"schema": s}}}, "responses": _OK}}),
        "request", "request-body", "request-property", "request-property",
    ),
    "request-parameter": (
        lambda s: _openapi({"get": {"parameters": [{"name": "q", "in": "query", "schema": s}], "responses": _OK}}),
        "request", "request-parameter", "request-parameter", "request-parameter-property",
    ),
    "response-body": (
        lambda s: _openapi({"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": s}}}}}}),
        "response", "response-body", "response-property", "response-property",
    ),
    "response-header": (
        lambda s: _openapi({"get": {"responses": {"200": {"description": "ok", "headers": {"X-Thing": {"schema": s}}}}}}),
        "response", "response-header", "response-header", "response-header-property",
    ),
    "received-payload": (
        lambda s: _asyncapi("receive", "payload", s),
        "request", "received-message-payload", "received-message-property", "received-message-property",
    ),
    "received-headers": (
        lambda s: _asyncapi("receive", "headers", s),
        "request", "received-message-header", "received-message-header", "received-message-header",
    ),
    "sent-payload": (
        lambda s: _asyncapi("send", "payload", s),
        "response", "sent-message-payload", "sent-message-property", "sent-message-property",
    ),
    "sent-headers": (
        lambda s: _asyncapi("send", "headers", s),
        "response", "sent-message-header", "sent-message-header", "sent-message-header",
    ),
}  # fmt: skip


def _bound_kinds() -> dict[str, dict]:
    kinds = {}
    for stem, b in _SCHEMA_SPEC["bounds"].items():
        plain = {"type": b["type"]}
        at = {**plain, b["keyword"]: b["value"]}
        tighter, looser = ("decreased", "increased") if b["side"] == "max" else ("increased", "decreased")
        kinds[f"{stem}-{tighter}"] = {
            "base": at,
            "revision": {**plain, b["keyword"]: b["tighter"]},
            "request": "ERR",
            "response": "INFO",
        }
        kinds[f"{stem}-{looser}"] = {
            "base": at,
            "revision": {**plain, b["keyword"]: b["looser"]},
            "request": "INFO",
            "response": "ERR",
        }
        kinds[f"{stem}-set"] = {"base": plain, "revision": at, "request": "WARN", "response": "INFO"}
        kinds[f"{stem}-unset"] = {"base": at, "revision": plain, "request": "INFO", "response": "ERR"}
    return kinds  # fmt: skip


def _nest(schema: Any) -> dict:
    return {"type": "object", "properties": {"field": schema}}


def schema_cases() -> dict[str, tuple[dict, dict, str]]:
    """id -> (base document, revision document, expected level)."""
    kinds = {**_SCHEMA_SPEC["kinds"], **_bound_kinds()}
    cases = {}
    for wrap, direction, root, nested, family in PLACEMENTS.values():
        for kind, spec in kinds.items():
            cases[f"{root}-{kind}"] = (
                wrap(spec["base"]),
                wrap(spec["revision"]),
                spec.get(root, spec[direction]),
            )
            if nested != root:
                cases[f"{nested}-{kind}"] = (
                    wrap(_nest(spec["base"])),
                    wrap(_nest(spec["revision"])),
                    spec[direction],
                )
        for kind, spec in _SCHEMA_SPEC["membership"].items():
            cases[f"{family}-{kind}"] = (wrap(spec["base"]), wrap(spec["revision"]), spec[direction])
    return cases


def _merge(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON merge patch."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = _merge(result.get(key), value)
    return result


def file_cases() -> dict[str, tuple[dict, dict, str]]:
    cases = {}
    for path in sorted(CASES.glob("*.yaml")):
        if path.name == "schema-kinds.yaml":
            continue
        case = yaml.safe_load(path.read_text())
        base = case["base"]
        if isinstance(base, str):
            base = yaml.safe_load((CASES / "_shared" / f"{base}.yaml").read_text())
        base = _merge(base, case.get("base_patch", {}))
        revision = case["revision"] if "revision" in case else _merge(base, case["patch"])
        cases[path.stem] = (base, revision, case["level"])
    return cases


ALL_CASES = {**schema_cases(), **file_cases()}


def test_every_id_has_a_case() -> None:
    missing = sorted(set(REGISTRY) - set(ALL_CASES))
    assert not missing, f"{len(missing)} registered id(s) without a case: {missing[:20]}"


def test_every_case_names_a_registered_id() -> None:
    unknown = sorted(set(ALL_CASES) - set(REGISTRY))
    assert not unknown, f"case(s) for ids not in the registry: {unknown}"


def test_every_rule_is_described() -> None:
    for rule in REGISTRY.values():
        assert rule.level in ("ERR", "WARN", "INFO") and rule.description and rule.area, rule


@pytest.mark.parametrize("change_id", sorted(ALL_CASES))
def test_case(change_id: str, tmp_path: Path) -> None:
    base, revision, level = ALL_CASES[change_id]
    (tmp_path / "base.json").write_bytes(orjson.dumps(base))
    (tmp_path / "revision.json").write_bytes(orjson.dumps(revision))
    report = diff_contracts(load_contract(tmp_path / "base.json"), load_contract(tmp_path / "revision.json"))
    found = {(c.id, c.level) for c in report.changes}
    assert (change_id, level) in found, f"expected {change_id} {level}, found {sorted(found)}"
    change = next(c for c in report.changes if c.id == change_id)
    assert change.message
    for side, pointer in (("base", change.base), ("revision", change.revision)):
        assert pointer is None or report.line(side, pointer) is not None
