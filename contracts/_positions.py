"""Lazy source positions: JSON pointer -> line and column, computed only when something is reported."""

from __future__ import annotations

import bisect
import json
import re

import yaml

from ._pointers import escape, unescape

__all__ = ["SourceMap", "find_duplicate_key"]

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SourceMap:
    """Maps JSON pointers of one file to (line, column), 1-based. Builds its index on first use."""

    def __init__(self, text: str, is_json: bool) -> None:
        self._text = text
        self._is_json = is_json
        self._index: dict[str, int] | None = None  # pointer -> character offset
        self._yaml_index: dict[str, tuple[int, int]] | None = None
        self._anchors: list[int] = [0]  # offsets whose line is known, sorted
        self._anchor_lines: list[int] = [1]
        self._indent = _pretty_indent(text) if is_json else None  # pretty-printed JSON: no index needed
        self._spans: dict[str, tuple[int, int]] = {"": (0, len(text))}  # pointer -> where its value lies
        self._members: dict[str, dict[str, int]] = {}  # large object's pointer -> member key -> offset

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
        """Counts newlines from the nearest offset already placed, so scattered lookups stay cheap."""
        i = bisect.bisect_right(self._anchors, offset) - 1
        line = self._anchor_lines[i] + self._text.count("\n", self._anchors[i], offset)
        self._anchors.insert(i + 1, offset)
        self._anchor_lines.insert(i + 1, line)
        start = self._text.rfind("\n", 0, offset) + 1
        return line, offset - start + 1

    def _lookup(self, pointer: str) -> tuple[int, int] | None:
        if self._indent is not None:
            offset = _pretty_offset(self._text, pointer, self._indent, self._spans, self._members)
            return None if offset is None else self.offset_position(offset)
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


def find_duplicate_key(text: str) -> tuple[str, int, int] | None:
    """The first key a JSON object names twice: (its name, offset of the first, offset of the second)."""
    frames: list[dict[str, int] | None] = []  # an object's keys so far; None for an array
    expect_key = False
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token[0] == '"':
            if expect_key:
                key = token[1:-1] if "\\" not in token else json.loads(token)
                keys = frames[-1]
                assert keys is not None
                first = keys.setdefault(key, match.start())
                if first != match.start():
                    return key, first, match.start()
                expect_key = False
        elif token == ",":
            expect_key = bool(frames) and frames[-1] is not None
        elif token == "{":
            frames.append({})
            expect_key = True
        elif token == "[":
            frames.append(None)
            expect_key = False
        elif token in "}]":
            frames.pop()
            expect_key = False
    return None


def _pretty_indent(text: str) -> int | None:
    """The indent unit of JSON pretty-printed one member per line (JSON.stringify(doc, null, n)), else None."""
    match = re.match(r'\{\n( +)"', text)
    return len(match[1]) if match else None


_BIG = 1 << 16


def _pretty_offset(
    text: str,
    pointer: str,
    unit: int,
    spans: dict[str, tuple[int, int]],
    spans_members: dict[str, dict[str, int]],
) -> int | None:
    """Where the value at `pointer` starts, found line by line: a member at depth d is indented d units.

    Each step searches only inside the parent value (whose span is remembered), so a lookup reads a
    small part of the file.
    """
    start, end = spans[""]
    here = ""
    for depth, raw in enumerate(pointer.split("/")[1:] if pointer else (), 1):
        here = f"{here}/{raw}"
        if here in spans:
            start, end = spans[here]
            continue
        indent = "\n" + " " * (unit * depth)
        if text[start] == "{":
            key = json.dumps(unescape(raw), ensure_ascii=False)
            if end - start > _BIG:  # many lookups land in /paths or /components/schemas: list members once
                parent = here.rsplit("/", 1)[0]
                members = spans_members.get(parent)
                if members is None:
                    pattern = re.compile(re.escape(indent) + r'("(?:[^"\\]|\\.)*"):')
                    members = spans_members[parent] = {
                        m[1]: m.end() for m in pattern.finditer(text, start, end)
                    }
                found = members.get(key, -1)
            else:
                found = text.find(f"{indent}{key}:", start, end)
                found = found + len(indent) + len(key) + 1 if found >= 0 else -1
            if found < 0:
                return None
            start = _skip_blanks(text, found)
        elif text[start] == "[" and raw.isdigit():
            found, remaining = start, int(raw)
            while True:
                found = text.find(indent, found + 1, end)
                if found < 0:
                    return None
                first = text[found + len(indent)]
                if first not in " ]}":
                    if remaining == 0:
                        break
                    remaining -= 1
            start = found + len(indent)
        else:
            return None
        if text[start : start + 2] in ("{}", "[]"):
            end = start + 2
        elif text[start] in "{[":  # its closing bracket sits at the member's own indent
            close = text.find(indent + ("}" if text[start] == "{" else "]"), start, end)
            end = close + 1 if close >= 0 else end
        spans[here] = (start, end)
    return start


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
