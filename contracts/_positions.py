"""Lazy source positions: JSON pointer -> line and column, computed only when something is reported."""

from __future__ import annotations

import bisect
import json
import re

import yaml

from ._pointers import escape

__all__ = ["SourceMap"]

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SourceMap:
    """Maps JSON pointers of one file to (line, column), 1-based. Builds its index on first use."""

    def __init__(self, text: str, is_json: bool) -> None:
        self._text = text
        self._is_json = is_json
        self._index: dict[str, int] | None = None  # pointer -> character offset
        self._yaml_index: dict[str, tuple[int, int]] | None = None
        self._newlines: list[int] | None = None

    def position(self, pointer: str) -> tuple[int, int] | None:
        """The line and column of the value at `pointer`, or of its nearest existing ancestor."""
        while True:
            found = self._lookup(pointer)
            if found is not None:
                return found
            if not pointer:
                return None
            pointer = pointer.rsplit("/", 1)[0]

    def offset_position(self, offset: int) -> tuple[int, int]:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self._text)]
        line = bisect.bisect_left(self._newlines, offset)
        start = self._newlines[line - 1] + 1 if line else 0
        return line + 1, offset - start + 1

    def _lookup(self, pointer: str) -> tuple[int, int] | None:
        if self._is_json:
            if self._index is None:
                self._index = _index_json(self._text)
            offset = self._index.get(pointer)
            return None if offset is None else self.offset_position(_skip_blanks(self._text, offset))
        if self._yaml_index is None:
            self._yaml_index = _index_yaml(self._text)
        return self._yaml_index.get(pointer)


def _index_json(text: str) -> dict[str, int]:
    """One pass over the structural tokens of a JSON text, recording where each value starts.

    Offsets point just past the token that precedes a value; `_skip_blanks` moves them onto it.
    """
    index: dict[str, int] = {"": 0}
    stack: list[list] = []  # frames: [pointer, is_object, array_index, key]
    next_pointer = ""
    expect_key = False
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token[0] == '"':
            if expect_key:
                stack[-1][3] = token[1:-1] if "\\" not in token else json.loads(token)
                expect_key = False
        elif token == ":":
            frame = stack[-1]
            next_pointer = f"{frame[0]}/{escape(frame[3])}"
            index[next_pointer] = match.end()
        elif token == ",":
            frame = stack[-1]
            if frame[1]:
                expect_key = True
            else:
                frame[2] += 1
                next_pointer = f"{frame[0]}/{frame[2]}"
                index[next_pointer] = match.end()
        elif token == "{":
            stack.append([next_pointer, True, 0, ""])
            expect_key = True
        elif token == "[":
            stack.append([next_pointer, False, 0, ""])
            next_pointer = f"{next_pointer}/0"
            index[next_pointer] = match.end()
        else:  # } or ]
            stack.pop()
            expect_key = False
    return index


def _skip_blanks(text: str, offset: int) -> int:
    n = len(text)
    while offset < n and text[offset] in " \t\r\n":
        offset += 1
    return offset


def _index_yaml(text: str) -> dict[str, tuple[int, int]]:
    index: dict[str, tuple[int, int]] = {}
    try:
        root = yaml.compose(text, Loader=_YAML_LOADER)
    except yaml.YAMLError:
        return index
    if root is None:
        return index
    # A block mapping or sequence under a key starts on the lines after it; like JSON's `{` (and
    # like editors), it is located at its key. Scalars and flow collections stay where they are.
    stack: list[tuple[str, yaml.Node, yaml.Mark]] = [("", root, root.start_mark)]
    seen: set[int] = set()
    while stack:
        pointer, node, mark = stack.pop()
        index.setdefault(pointer, (mark.line + 1, mark.column + 1))
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                block = isinstance(value_node, yaml.CollectionNode) and not value_node.flow_style
                where = key_node.start_mark if block else value_node.start_mark
                stack.append((f"{pointer}/{escape(str(key_node.value))}", value_node, where))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                stack.append((f"{pointer}/{i}", item, item.start_mark))
    return index
