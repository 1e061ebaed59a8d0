"""Rewrites that mean the same (or do not), as oasdiff's checker tests pose them: a nullable wrapper,
an inline alternative moved into a `$ref`, a body restructured into a `oneOf`, an empty pattern,
properties demanded in `then`/`else`."""

from __future__ import annotations

from pathlib import Path

from tests.diff.test_semantics import _doc, changes

ROLE = {"type": "string", "enum": ["user", "admin"]}


def _ids(found: list[tuple[str, str]]) -> list[str]:
    return sorted(i for i, _ in found)


def test_an_enum_narrowed_through_a_nullable_wrapper_is_still_a_removed_value(tmp_path: Path) -> None:
    ref = {"$ref": "#/components/schemas/Role"}
    base = _doc({"type": "object", "properties": {"role": ref}}, {"Role": ROLE})
    wrapped = {"oneOf": [{"type": "null"}, ref]}
    narrowed = {"Role": {**ROLE, "enum": ["user"]}}
    found = changes(tmp_path, base, _doc({"type": "object", "properties": {"role": wrapped}}, narrowed))
    assert _ids(found) == ["request-property-became-nullable", "request-property-enum-value-removed"]


def test_wrapping_in_null_alone_only_allows_null(tmp_path: Path) -> None:
    base = _doc({"type": "object", "properties": {"role": ROLE}})
    wrapped = {"anyOf": [ROLE, {"type": "null"}]}
    found = changes(tmp_path, base, _doc({"type": "object", "properties": {"role": wrapped}}))
    assert _ids(found) == ["request-property-became-nullable"]
    back = changes(tmp_path, _doc({"type": "object", "properties": {"role": wrapped}}), base)
    assert _ids(back) == ["request-property-became-not-nullable"]


def test_an_inline_any_of_member_moved_into_a_ref_is_the_same_member(tmp_path: Path) -> None:
    inline = {"anyOf": [{**ROLE, "title": "Role"}, {"type": "null"}]}
    moved = {"anyOf": [{"$ref": "#/components/schemas/Role"}, {"type": "null"}]}
    found = changes(
        tmp_path,
        _doc(
            {"type": "object", "properties": {"role": inline, "note": {"anyOf": [ROLE, {"type": "integer"}]}}}
        ),
        _doc(
            {"type": "object", "properties": {"role": moved, "note": {"anyOf": [{"type": "integer"}, ROLE]}}},
            {"Role": ROLE},
        ),
    )
    assert found == [("component-schema-added", "schema 'Role' added")]


def test_a_changed_member_moved_into_a_ref_is_still_compared(tmp_path: Path) -> None:
    inline = {"anyOf": [ROLE, {"type": "integer"}]}
    moved = {"anyOf": [{"$ref": "#/components/schemas/Role"}, {"type": "integer"}]}
    found = changes(
        tmp_path,
        _doc({"type": "object", "properties": {"role": inline}}),
        _doc({"type": "object", "properties": {"role": moved}}, {"Role": {**ROLE, "enum": ["user"]}}),
    )
    assert "request-property-any-of-removed" in _ids(found)


def test_a_body_restructured_into_one_of_is_one_breaking_change(tmp_path: Path) -> None:
    body = {
        "type": "object",
        "required": ["a", "b"],
        "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
    }
    either = {"oneOf": [{**body, "required": ["a"]}, {**body, "required": ["b"]}]}
    found = changes(tmp_path, _doc(body), _doc(either))
    assert _ids(found) == ["request-body-wrapped-in-one-of"]


def test_an_empty_pattern_is_no_pattern(tmp_path: Path) -> None:
    def named(pattern: str) -> dict:
        return _doc({"type": "object", "properties": {"name": {"type": "string", "pattern": pattern}}})

    assert _ids(changes(tmp_path, named(""), named("^\\w+$"))) == ["request-property-pattern-added"]
    assert _ids(changes(tmp_path, named("^\\w+$"), named(""))) == ["request-property-pattern-removed"]


def test_properties_required_in_then_and_else_are_compared(tmp_path: Path) -> None:
    def conditional(required: list[str]) -> dict:
        branch = {"properties": {"code": {"type": "string"}}, "required": required}
        return _doc({"type": "object", "if": {"required": ["kind"]}, "then": branch, "else": branch})

    found = changes(tmp_path, conditional([]), conditional(["code"]))
    assert _ids(found) == ["request-property-became-required"] * 2
    assert {m.split("'")[1] for _, m in found} == {"then/code", "else/code"}
