"""An XML request body read back into a JSON value by its schema's OpenAPI `xml` objects, so that
`--stateful` stores what an XML client sent as it stores JSON (the inverse of `_xml.render_xml`).

The schema decides the shape: an object's properties are looked for as attributes
(`xml.attribute: true`) or child elements named by their `xml.name` or their own name; an array is
the repeated elements named by its items' `xml.name` (or the property's name), inside one element
when `xml.wrapped: true`; a root array is the root's children. Names match by local name, so a
namespace prefix the client chose differs harmlessly. Scalars are typed by the schema's `type`
(integer, number, boolean; text that does not parse stays text, for validation to report).
Elements the schema does not name are left out. Without a schema, a leaf is its text and an element
with children a mapping of their local names. The body was already checked well-formed and free of
DTDs (`contracts.http.check_xml`), so parsing it expands no entity.
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

from ._xml import resolved_schema

__all__ = ["read_xml"]

_COMBINERS = ("allOf", "oneOf", "anyOf")
_DEPTH = 32  # elements read below this are kept as text (a deep body costs no recursion)


def read_xml(text: str, schema: Any, contract: Any) -> Any:
    """The body's value; None when it is not one XML document."""
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return None
    return _Reader(contract).value(root, schema, 0)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _types(schema: dict) -> set[str]:
    kind = schema.get("type")
    if isinstance(kind, str):
        return {kind}
    return {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else set()


class _Reader:
    def __init__(self, contract: Any) -> None:
        self.contract = contract

    def resolve(self, schema: Any) -> dict:
        return resolved_schema(schema, self.contract)[0]

    def properties(self, schema: dict, depth: int) -> dict[str, Any]:
        """Every property an instance may have: own, then those of allOf/oneOf/anyOf members."""
        found: dict[str, Any] = {}
        if depth > _DEPTH:
            return found
        for combiner in _COMBINERS:
            for member in schema.get(combiner) or ():
                found.update(self.properties(self.resolve(member), depth + 1))
        own = schema.get("properties")
        if isinstance(own, dict):
            found.update(own)
        return found

    def value(self, node: ElementTree.Element, schema: Any, depth: int) -> Any:
        resolved = self.resolve(schema)
        types = _types(resolved)
        if depth > _DEPTH:  # deeper than any schema describes usefully: its text, no recursion
            return _scalar(node.text or "", types)
        if "array" in types or (not types and "items" in resolved):
            return [self.value(child, resolved.get("items"), depth + 1) for child in node]
        properties = self.properties(resolved, depth)
        if properties or "object" in types:
            return self.object(node, properties, depth)
        if not resolved and len(node):
            return {_local(child.tag): self.value(child, None, depth + 1) for child in node}
        return _scalar(node.text or "", types)

    def object(self, node: ElementTree.Element, properties: dict[str, Any], depth: int) -> dict[str, Any]:
        attributes = {_local(name): text for name, text in node.attrib.items()}
        out: dict[str, Any] = {}
        for key, raw in properties.items():
            schema = self.resolve(raw)
            xml = schema.get("xml") if isinstance(schema.get("xml"), dict) else {}
            name = _local(str(xml.get("name") or key))
            if xml.get("attribute") is True:
                if name in attributes:
                    out[key] = _scalar(attributes[name], _types(schema))
                continue
            if "array" in _types(schema) or "items" in schema:
                items = self.resolve(schema.get("items"))
                item_xml = items.get("xml") if isinstance(items.get("xml"), dict) else {}
                if xml.get("wrapped") is True:
                    holder = next((c for c in node if _local(c.tag) == name), None)
                    if holder is not None:
                        out[key] = [self.value(c, schema.get("items"), depth + 1) for c in holder]
                    continue
                item_name = _local(str(item_xml.get("name") or key))
                found = [c for c in node if _local(c.tag) == item_name]
                if found:
                    out[key] = [self.value(c, schema.get("items"), depth + 1) for c in found]
                continue
            child = next((c for c in node if _local(c.tag) == name), None)
            if child is not None:
                out[key] = self.value(child, raw, depth + 1)
        return out


def _scalar(text: str, types: set[str]) -> Any:
    text = text.strip() if types & {"integer", "number", "boolean"} else text
    if "boolean" in types and text in ("true", "false"):
        return text == "true"
    if "integer" in types:
        try:
            return int(text)
        except ValueError:
            pass
    if "number" in types:
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number
    return text
