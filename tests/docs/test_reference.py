"""docs/reference/ is generated from the code (scripts/reference): a page that differs from what the
code says now is stale, and this test names it."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord._reference import pages

ROOT = Path(__file__).resolve().parents[2]
GENERATED = pages()


@pytest.mark.parametrize("page", sorted(GENERATED))
def test_the_reference_page_is_current(page: str) -> None:
    written = (ROOT / page).read_text() if (ROOT / page).exists() else ""
    assert written == GENERATED[page], f"{page} is stale: run scripts/reference and commit it"


def test_the_reference_covers_the_code() -> None:
    cli, rules, checks = (GENERATED[f"docs/reference/{name}.md"] for name in ("cli", "rules", "checks"))
    for command in ("accord validate", "accord broker serve", "accord gateway report", "accord can-i-deploy"):
        assert f"## `{command}`" in cli
    assert "`oas3-schema`" in rules and "`asyncapi-payload`" in rules
    assert checks.count("\n| `") > 1000
