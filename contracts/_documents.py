"""Reading one file into data: JSON on a fast path, YAML through a safe loader with an alias guard."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import yaml

from ._errors import ContractError, Location
from ._positions import SourceMap

__all__ = ["MAX_YAML_NODES", "SourceFile", "parse_text", "read_file"]

MAX_YAML_NODES = 5_000_000  # expanded nodes; a larger document is an alias bomb, not a contract


class _YAML_LOADER(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML, but timestamps stay strings as written: a contract is JSON data (no date objects).

    For the same reason mapping keys are strings, as written: an unquoted `200:` response code is
    the key "200", not the integer 200.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:
        self.flatten_mapping(node)  # `<<` merge keys
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value
            else:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a string, not a collection", key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


_YAML_LOADER.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)
_ORJSON_POSITION = re.compile(r"line (\d+) column (\d+)")


@dataclass(slots=True)
class SourceFile:
    """One parsed file: where it came from, its text, its data, and a lazy pointer -> position map."""

    name: str  # as the user gave it, or a URL
    text: str
    data: Any
    is_json: bool
    _source_map: SourceMap | None = field(default=None, repr=False)

    def location(self, pointer: str) -> Location:
        if self._source_map is None:
            self._source_map = SourceMap(self.text, self.is_json)
        position = self._source_map.position(pointer)
        if position is None:
            return Location(self.name, pointer)
        return Location(self.name, pointer, position[0], position[1])


def read_file(path: str | os.PathLike[str]) -> SourceFile:
    """Read and parse a local file. Raises ContractError with one clear line on any problem."""
    name = str(path)
    p = Path(path)
    if p.is_dir():
        raise ContractError("is a directory, not a contract file", Location(name))
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ContractError("no such file", Location(name)) from None
    except OSError as exc:
        raise ContractError(f"cannot read: {exc.strerror or exc}", Location(name)) from None
    return parse_bytes(name, raw)


def parse_bytes(name: str, raw: bytes) -> SourceFile:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContractError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            Location(name, "", line, column),
        ) from None
    return parse_text(name, text)


def parse_text(name: str, text: str) -> SourceFile:
    if not text.strip():
        raise ContractError("the file is empty", Location(name))
    stripped = text.lstrip()
    if name.endswith(".json") or stripped[:1] in "{[":
        try:
            return SourceFile(name, text, orjson.loads(text), True)
        except orjson.JSONDecodeError as exc:
            if name.endswith(".json"):
                found = _ORJSON_POSITION.search(str(exc))
                line, column = (int(found[1]), int(found[2])) if found else (None, None)
                reason = str(exc).split(":")[0]
                raise ContractError(f"malformed JSON: {reason}", Location(name, "", line, column)) from None
            # Not JSON after all (flow-style YAML); fall through to YAML.
    return SourceFile(name, text, _load_yaml(name, text), False)


def _load_yaml(name: str, text: str) -> Any:
    loader = _YAML_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ContractError("the file holds no document", Location(name))
        _check_expanded_size(name, node)
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = exc.problem or exc.context or "syntax error"
        if (
            exc.context
            and exc.context_mark
            and exc.problem_mark
            and exc.context_mark.line != exc.problem_mark.line
        ):
            problem += f" ({exc.context} at line {exc.context_mark.line + 1})"
        raise ContractError(f"malformed YAML: {problem}", Location(name, "", line, column)) from None
    except yaml.YAMLError as exc:
        raise ContractError(f"malformed YAML: {exc}", Location(name)) from None
    except RecursionError:
        raise ContractError("malformed YAML: nested too deeply", Location(name)) from None
    finally:
        loader.dispose()


def _check_expanded_size(name: str, root: yaml.Node) -> None:
    """Refuse alias bombs: count the nodes the document would expand to, sharing work per node."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = 1
            continue
        if isinstance(node, yaml.MappingNode):
            children = [item for pair in node.value for item in pair]
        else:
            children = node.value
        if not children_done:
            if key in in_progress:
                continue  # a recursive alias: counted once, where it started
            in_progress.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        in_progress.discard(key)
        total = 1 + sum(sizes.get(id(child), 1) for child in children)
        if total > MAX_YAML_NODES:
            raise ContractError(
                f"YAML aliases expand to more than {MAX_YAML_NODES:,} nodes (an alias bomb?); refused",
                Location(name, "", node.start_mark.line + 1, node.start_mark.column + 1),
            )
        sizes[key] = total
