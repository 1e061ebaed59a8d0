"""The Pact Broker's check for a new pacticipant name that is very probably a misspelling of an
existing one (`UserService` vs `user-service`, `Users API` vs `User`): on by default, it refuses the
first publication under the new name with 409 until the pacticipant is created explicitly."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["similar_names"]

_NOISE = {"api", "provider", "service"}


def _words(name: str) -> list[str]:
    """The name's words, lower case, split at spaces, `_`, `-`, `::` and case changes."""
    text = re.sub(r"\s", "_", name).replace("::", "/")
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", text)
    text = re.sub(r"([a-z\d])([A-Z])", r"\1_\2", text)
    return text.replace("-", "_").lower().split("_")


def _key(name: str) -> list[str]:
    return [w.removesuffix("s") for w in _words(name) if w.removesuffix("s") not in _NOISE]


def similar_names(new: str, existing: Iterable[str]) -> list[str]:
    """The existing names `new` is probably meant to be (none when `new` itself exists)."""
    names = list(existing)
    if new in names:
        return []
    return [name for name in names if _key(name) == _key(new)]
