"""JUnit XML: one test suite per checked file, one failing test case per finding."""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from ._annotation import Annotation

__all__ = ["render_junit"]


def render_junit(tool: str, annotations: list[Annotation], checked: list[str]) -> str:
    """`checked` lists every file looked at, so a clean file shows as one passing test case."""
    by_file: dict[str, list[Annotation]] = defaultdict(list)
    for a in annotations:
        by_file[a.file].append(a)
    root = ET.Element("testsuites", name=tool, tests="0", failures="0")
    total = failures = 0
    for file in dict.fromkeys([*checked, *by_file]):
        found = by_file.get(file, [])
        suite = ET.SubElement(root, "testsuite", name=file)
        if not found:
            ET.SubElement(suite, "testcase", name=f"{tool}: no findings", classname=file)
        for a in found:
            where = f"{file}:{a.line}:{a.column}" if a.line else file
            case = ET.SubElement(
                suite, "testcase", name=f"{a.rule} {a.pointer}".strip(), classname=a.group or file
            )
            tag = "failure" if a.level in ("error", "warning") else "system-out"
            element = ET.SubElement(case, tag)
            if tag == "failure":
                element.set("message", a.message)
                element.set("type", a.level)
                failures += 1
            element.text = f"{where}: {a.message}"
        suite.set("tests", str(max(len(found), 1)))
        suite.set("failures", str(sum(1 for a in found if a.level in ("error", "warning"))))
        total += max(len(found), 1)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
