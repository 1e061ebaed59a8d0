"""accord:governance (being written)."""

from __future__ import annotations

from typing import Any

RULES: list = []


def read_settings(raw: dict[str, Any]) -> dict[str, Any]:
    return dict(raw)
