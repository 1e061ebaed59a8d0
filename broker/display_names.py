"""The name a pacticipant or environment is shown by when it was given none: words split at case
changes and separators, each capitalised (`user-service` and `UserService` are "User Service",
`SNSPactEventConsumer` "SNS Pact Event Consumer"), as the Pact Broker generates it."""

from __future__ import annotations

import re

__all__ = ["display_name"]


def _capitalised(word: str) -> str:
    word = re.sub(r"_+([a-z])", lambda m: m.group(1).upper(), word)
    return word[:1].upper() + word[1:] if word[:1].islower() else word


def display_name(name: str) -> str:
    spaced = re.sub(r"([A-Z])([A-Z])([a-z])", r"\1 \2\3", name)
    spaced = re.sub(r"([a-z\d])([A-Z])(\S)", r"\1 \2\3", spaced)
    spaced = re.sub(r"(\S)([-_\s.])(\S)", r"\1 \3", spaced)
    return " ".join(_capitalised(word) for word in spaced.split())
