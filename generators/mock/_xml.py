"""A JSON value rendered as XML, honouring the schema's OpenAPI `xml` objects.

The root element is named by the schema's `xml.name`, else by the component a `$ref` names
(`#/components/schemas/Pet` -> `<Pet>`), else `<xml>` as Prism names it. Properties become child
elements named by their `xml.name` or their own name; `xml.attribute: true` makes a scalar an
attribute of its parent; `xml.namespace` and `xml.prefix` give `prefix:name` with its
`xmlns:prefix` declaration (`xmlns` without a prefix). Arrays repeat their items' element, named by
the items' `xml.name` or else the property's name; `xml.wrapped: true` puts them inside one element
named by the array's `xml.name` or the property's name. A root array is always wrapped (a document
has one root). Elements are built with ElementTree, which escapes every value.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree

__all__ = ["render_xml", "resolved_schema"]

_NOT_NAME = re.compile(r"[^A-Za-z0-9._:-]")
_COMBINERS = ("allOf", "oneOf", "anyOf")


def render_xml(value: Any, schema: Any, contract: Any) -> bytes:
    """The value as one XML document, UTF-8."""
    return _Renderer(contract).document(value, schema)


def resolved_schema(schema: Any, contract: Any) -> tuple[dict, str | None]:
    """The schema with its `$ref`s followed, and the name of the component it came from."""
    name = None
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        name = schema["$ref"].rsplit("/", 1)[-1]
        try:
            schema, _ = contract.resolve(schema)
        except Exception:  # a broken reference: read and rendered without its xml objects
            schema = {}
    return (schema if isinstance(schema, dict) else {}), name


class _Renderer:
    def __init__(self, contract: Any) -> None:
        self.contract = contract

    def resolve(self, schema: Any) -> tuple[dict, str | None]:
        return resolved_schema(schema, self.contract)

    def xml_of(self, schema: dict) -> dict:
        xml = schema.get("xml")
        return xml if isinstance(xml, dict) else {}

    def document(self, value: Any, schema: Any) -> bytes:
        resolved, ref_name = self.resolve(schema)
        xml = self.xml_of(resolved)
        name = xml.get("name") or ref_name or "xml"
        if isinstance(value, list):
            root = self.element(name, xml)
            items, items_ref = self.resolve(resolved.get("items"))
            item_name = self.xml_of(items).get("name") or items_ref or "item"
            for item in value:
                self.append(root, item_name, item, resolved.get("items"))
        else:
            root = self.build(name, value, resolved)
        # no XML declaration, as Prism: UTF-8 is XML's default and the Content-Type says the rest
        return ElementTree.tostring(root, encoding="unicode").encode()

    def element(self, name: str, xml: dict, parent: ElementTree.Element | None = None) -> ElementTree.Element:
        tag = _tag(name, xml)
        node = ElementTree.Element(tag) if parent is None else ElementTree.SubElement(parent, tag)
        namespace = xml.get("namespace")
        if isinstance(namespace, str):
            prefix = xml.get("prefix")
            node.set(f"xmlns:{prefix}" if isinstance(prefix, str) and prefix else "xmlns", namespace)
        return node

    def build(
        self, name: str, value: Any, schema: dict, parent: ElementTree.Element | None = None
    ) -> ElementTree.Element:
        node = self.element(name, self.xml_of(schema), parent)
        if isinstance(value, dict):
            for key, item in value.items():
                self.append(node, str(key), item, self.property(schema, str(key)))
        else:
            node.text = _text(value)
        return node

    def append(self, parent: ElementTree.Element, key: str, value: Any, schema: Any) -> None:
        """A property (or an array item) of `parent`: an attribute, repeated elements, or one element."""
        resolved, _ = self.resolve(schema)
        xml = self.xml_of(resolved)
        name = str(xml.get("name") or key)
        if xml.get("attribute") is True and not isinstance(value, dict | list):
            parent.set(_tag(name, xml), _text(value))
            return
        if isinstance(value, list):
            items, _ = self.resolve(resolved.get("items"))
            item_name = str(self.xml_of(items).get("name") or key)
            holder = self.element(name, xml, parent) if xml.get("wrapped") is True else parent
            for item in value:
                if isinstance(item, list):  # an array of arrays: each inner array in turn
                    self.append(holder, item_name, item, resolved.get("items"))
                else:
                    self.build(item_name, item, items, holder)
            return
        self.build(name, value, resolved, parent)

    def property(self, schema: dict, key: str, depth: int = 0) -> Any:
        """The schema of property `key`, looked for in `properties`, then in allOf/oneOf/anyOf."""
        properties = schema.get("properties")
        if isinstance(properties, dict) and key in properties:
            return properties[key]
        if depth > 8:
            return None
        for combiner in _COMBINERS:
            for member in schema.get(combiner) or ():
                found = self.property(self.resolve(member)[0], key, depth + 1)
                if found is not None:
                    return found
        extra = schema.get("additionalProperties")
        return extra if isinstance(extra, dict) else None


def _tag(name: str, xml: dict) -> str:
    """An element or attribute name: the xml `prefix:` if any, characters XML names refuse as `_`."""
    safe = _NOT_NAME.sub("_", name) or "_"
    if not (safe[0].isalpha() or safe[0] == "_"):
        safe = "_" + safe
    prefix = xml.get("prefix")
    return f"{prefix}:{safe}" if isinstance(prefix, str) and prefix and ":" not in safe else safe


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
