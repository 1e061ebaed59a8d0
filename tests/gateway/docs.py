"""Reading docs/gateway.md's examples, so the tests run what the page shows."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def section_blocks(heading: str, *languages: str) -> tuple[str, ...]:
    """The first code block of each language (`yaml`, `bash`, `text`) after the heading."""
    text = (ROOT / "docs" / "gateway.md").read_text()
    section = text[text.index(heading) :]
    return tuple(re.search(rf"```{language}\n(.*?)```", section, re.S).group(1) for language in languages)
