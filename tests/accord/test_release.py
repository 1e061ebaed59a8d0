"""The version a release is tagged with (docs/pre-commit.md, "Releases") is the same everywhere."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import accord

ROOT = Path(__file__).resolve().parents[2]


def test_the_documented_rev_is_the_tag_of_this_version() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert accord.__version__ == version
    for page in ("README.md", "docs/pre-commit.md", "docs/diff.md", "docs/lint.md"):
        revs = set(re.findall(r"rev: (v[0-9][^\s#]*)", (ROOT / page).read_text()))
        assert revs == {f"v{version}"}, page
