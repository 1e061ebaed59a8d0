"""Reading one file into data: JSON on a fast path, YAML through a safe loader with an alias guard."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from typing import Any

import orjson
import yaml

from ._errors import ContractError, Location
from ._limits import MAX_FILE_SIZE_ENV, ReadLimits, current_read_limits, show_size
from ._positions import SourceMap, find_duplicate_key

__all__ = [
    "MAX_DEPTH",
    "MAX_YAML_NODES",
    "SourceFile",
    "parse_bytes",
    "parse_text",
    "read_bytes",
    "read_file",
]

MAX_YAML_NODES = 5_000_000  # expanded nodes; a larger document is an alias bomb, not a contract
MAX_DEPTH = 1_000  # nesting levels (JSON parsing stops at 1,024 too); deeper is not a contract


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
_SPACED_COLON = re.compile(r'"[ \t\r\n]+:')
# An escaped quote before a colon is inside a string (a description quoting JSON), never a key.
_ESCAPED_COLON = re.compile(r'\\"[ \t\r\n]*:')
# A string ending in a backslash before a colon: a key that the escaped-quote count would miss.
_BACKSLASH_END_COLON = re.compile(r'\\\\"[ \t\r\n]*:')


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


def read_file(path: str | os.PathLike[str], limits: ReadLimits | None = None) -> SourceFile:
    """Read and parse a local file. Raises ContractError with one clear line on any problem.

    Only regular files are read (a FIFO or a device is refused without opening it), and at most
    `limits.max_bytes` of them: a larger file is refused, never read whole.
    """
    return parse_bytes(str(path), read_bytes(path, limits))


def read_bytes(path: str | os.PathLike[str], limits: ReadLimits | None = None) -> bytes:
    """The bytes of a regular file no larger than the size cap, or ContractError."""
    name = str(path)
    cap = (limits or current_read_limits()).max_bytes
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise ContractError("is a directory, not a contract file", Location(name))
        if not stat.S_ISREG(mode):
            raise ContractError(
                f"is {_kind_of(mode)}, not a regular file; refused without reading", Location(name)
            )
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            size = os.fstat(fd).st_size
            if size <= cap:
                raw = handle.read(cap + 1)
    except FileNotFoundError:
        raise ContractError("no such file", Location(name)) from None
    except OSError as exc:
        raise ContractError(f"cannot read: {exc.strerror or exc}", Location(name)) from None
    if size > cap or len(raw) > cap:
        raise ContractError(
            f"larger than the {show_size(cap)} limit for a contract file; refused "
            f"(raise it with {MAX_FILE_SIZE_ENV} or `reading: {{max-file-size: ...}}` in accord.yaml)",
            Location(name),
        )
    return raw


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


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
            data = orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            if name.endswith(".json"):
                found = _ORJSON_POSITION.search(str(exc))
                line, column = (int(found[1]), int(found[2])) if found else (None, None)
                reason = str(exc).split(":")[0]
                raise ContractError(f"malformed JSON: {reason}", Location(name, "", line, column)) from None
            # Not JSON after all (flow-style YAML); fall through to YAML.
        else:
            _refuse_duplicate_json_keys(name, text, data)
            return SourceFile(name, text, data, True)
    return SourceFile(name, text, _load_yaml(name, text), False)


def _refuse_duplicate_json_keys(name: str, text: str, data: Any) -> None:
    """JSON parsers keep the last of two equal keys; a contract must not hide an operation that way.

    Cheap first: every key written ends in `"` then `:` (maybe with blanks between), and inside a
    string such a pair has its quote escaped (`\\"`), so the pairs less the escaped ones are exactly
    the keys written, unless a string ends in a backslash (then the text is scanned). When that
    count equals the keys parsed there is no duplicate; only otherwise is the text scanned for it.
    """
    written = text.count('":') + len(_SPACED_COLON.findall(text)) - len(_ESCAPED_COLON.findall(text))
    if written == _count_keys(data) and not _BACKSLASH_END_COLON.search(text):
        return
    found = find_duplicate_key(text)
    if found is None:
        return
    key, first, second = found
    positions = SourceMap(text, True)
    line, column = positions.offset_position(first)
    raise ContractError(
        f"duplicate key {key!r} (first at line {line}, column {column}); "
        "a reader would silently keep only one of them",
        Location(name, "", *positions.offset_position(second)),
    )


def _count_keys(data: Any) -> int:
    count, stack = 0, [data]
    while stack:
        value = stack.pop()
        if type(value) is dict:
            count += len(value)
            value = value.values()
        elif type(value) is not list:
            continue
        stack.extend(child for child in value if type(child) is dict or type(child) is list)
    return count


def _load_yaml(name: str, text: str) -> Any:
    loader = _YAML_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ContractError("the file holds no document", Location(name))
        _check_nodes(name, node)
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


def _check_nodes(name: str, root: yaml.Node) -> None:
    """One walk over the composed YAML, before anything is built from it. Refuses:

    - alias bombs: the nodes the document would expand to, counted sharing work per node;
    - a mapping that names one key twice (a reader would keep one of them without a word);
    - an alias inside the node it refers to (data no JSON document can hold), and nesting
      deeper than MAX_DEPTH (aliases can nest deeper than the text does).
    """
    sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (expanded nodes, depth)
    in_progress: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = (1, 1)
            continue
        if isinstance(node, yaml.MappingNode):
            children = [item for pair in node.value for item in pair]
        else:
            children = node.value
        if not children_done:
            if key in in_progress:
                raise ContractError(
                    "a YAML alias refers to a node that contains it; refused", _mark(name, node)
                )
            if isinstance(node, yaml.MappingNode):
                _refuse_duplicate_keys(name, node)
            in_progress.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        in_progress.discard(key)
        measured = [sizes.get(id(child), (1, 1)) for child in children]
        total = 1 + sum(size for size, _ in measured)
        depth = 1 + max((d for _, d in measured), default=0)
        if total > MAX_YAML_NODES:
            raise ContractError(
                f"YAML aliases expand to more than {MAX_YAML_NODES:,} nodes (an alias bomb?); refused",
                _mark(name, node),
            )
        if depth > MAX_DEPTH:
            raise ContractError(f"nested deeper than {MAX_DEPTH:,} levels; refused", _mark(name, node))
        sizes[key] = (total, depth)


def _refuse_duplicate_keys(name: str, node: yaml.MappingNode) -> None:
    first: dict[str, yaml.Node] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            continue  # `<<` merges may be overridden on purpose; collection keys are refused later
        earlier = first.setdefault(key_node.value, key_node)
        if earlier is not key_node:
            where = _mark(name, earlier)
            raise ContractError(
                f"duplicate key {key_node.value!r} (first at line {where.line}, column {where.column}); "
                "a reader would silently keep only one of them",
                _mark(name, key_node),
            )


def _mark(name: str, node: yaml.Node) -> Location:
    return Location(name, "", node.start_mark.line + 1, node.start_mark.column + 1)
