"""The repository stands alone: no tracked file names a path outside it (a directory of the machine it
was written on, or a relative path that climbs out of the checkout), and every relative link in the
Markdown pages leads to a file in the repository. A fresh clone anywhere reads and runs the same."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Directories of one machine's layout or its scratch space, never of a checkout (system paths such as
# /usr/bin/time or /dev/null are the same everywhere and stay allowed). Output goes to build/ instead.
_MACHINE_ROOTS = (
    "tmp",
    "work",
    "home",
    "Users",
    "root",
    "mnt",
    "srv",
    "opt",
    "data",
    "Volumes",
    "workspace",
    "scratch",
)
_MACHINE_PATH = re.compile(r"(?<![\w.:/~-])/(?:" + "|".join(_MACHINE_ROOTS) + r")/[\w.-]+")
_WINDOWS_PATH = re.compile(r"(?<![\w])[A-Za-z]:\\(?:Users|work)\\")
_CLIMBING = re.compile(r"(?<![\w.])((?:\.\./)+[\w.*{}$-][^\s'\"`)\]>,;]*)")
_MD_LINK = re.compile(r"\]\(([^)\s]+)\)")


def tracked_texts() -> list[tuple[str, str]]:
    names = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, text=True, check=True
    ).stdout.split("\0")
    texts = []
    for name in filter(None, names):
        try:
            texts.append((name, (ROOT / name).read_text(encoding="utf-8")))
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue  # binary, or deleted in the working tree
    return texts


def outside_paths(name: str, text: str) -> list[str]:
    """`file:line: path` for each path in `text` (the content of tracked file `name`) outside the repository."""
    found = []
    for pattern in (_MACHINE_PATH, _WINDOWS_PATH):
        found += [(m.start(), m[0]) for m in pattern.finditer(text)]
    for m in _CLIMBING.finditer(text):
        if not ((ROOT / name).parent / m[1]).resolve().is_relative_to(ROOT):
            found.append((m.start(), m[1]))
    return [f"{name}:{text.count(chr(10), 0, at) + 1}: {path}" for at, path in sorted(found)]


def test_the_scanner_finds_what_it_looks_for() -> None:
    # built from pieces, so that this file does not name them itself
    machine, scratch = "/" + "work/bench-cache", "/" + "tmp/out.yaml"
    assert outside_paths("tests/x.py", f'Path(os.environ.get("CACHE", "{machine}"))') == [
        f"tests/x.py:1: {machine}"
    ]
    assert outside_paths("docs/x.md", f"accord bundle a.yaml -o {scratch}") == [f"docs/x.md:1: {scratch}"]
    sibling = "../" + "shared/DESIGN.md"
    assert outside_paths("README.md", f"a\nSee `{sibling}`.") == [f"README.md:2: {sibling}"]
    assert (
        outside_paths("docs/x.md", "[y](../examples/gateway/gateway.yaml) build/a.yaml /usr/bin/time") == []
    )
    assert outside_paths("docs/x.md", "https://example.org/home/page") == []


def test_no_tracked_file_names_a_path_outside_the_repository() -> None:
    texts = tracked_texts()
    assert len(texts) > 100  # the scan read the repository
    found = [hit for name, text in texts for hit in outside_paths(name, text)]
    assert found == []


def test_every_relative_link_in_the_pages_leads_to_a_file_here() -> None:
    broken = []
    for name, text in tracked_texts():
        if not name.endswith(".md"):
            continue
        for m in _MD_LINK.finditer(text):
            target = m[1].split("#")[0]
            if not target or re.match(r"^[a-z]+:", target):
                continue  # an anchor in the page, or a URL
            resolved = ((ROOT / name).parent / target).resolve()
            if not (resolved.is_relative_to(ROOT) and resolved.exists()):
                broken.append(f"{name}: {m[1]}")
    assert broken == []
