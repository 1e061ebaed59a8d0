"""Pact content rules: parse and check a pact, the content SHA, interaction `_id`s, merging."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from ..errors import Conflict, Invalid

__all__ = ["canonical", "merge", "parse_pact", "prepare", "sha_of"]


def canonical(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def parse_pact(raw: bytes | str) -> dict[str, Any]:
    try:
        pact = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise Invalid(f"the pact is not valid JSON: {exc}", {"pact": [f"is not valid JSON: {exc}"]}) from None
    if not isinstance(pact, dict):
        raise Invalid("the pact must be a JSON object", {"pact": ["must be a JSON object"]})
    errors = {}
    for role in ("consumer", "provider"):
        if (
            not isinstance(pact.get(role), dict)
            or not isinstance(pact[role].get("name"), str)
            or not pact[role]["name"].strip(" \t\r\n\f\v")
        ):
            errors[f"{role}.name"] = ["can't be blank"]
    for key in ("interactions", "messages"):
        if key in pact and not (isinstance(pact[key], list) and all(isinstance(i, dict) for i in pact[key])):
            errors[key] = ["must be an array of objects"]
    if "metadata" in pact and not isinstance(pact["metadata"], dict):
        errors["metadata"] = ["must be an object"]
    if errors:
        raise Invalid("the pact is not a valid pact document", errors)
    return pact


def _interaction_key(interaction: Any) -> tuple[str, bytes]:
    if not isinstance(interaction, dict):
        return ("", canonical(interaction))
    states = interaction.get("providerStates", interaction.get("providerState"))
    return (str(interaction.get("description", "")), canonical(states))


def _strip_ids(items: list[Any]) -> list[Any]:
    return [{k: v for k, v in i.items() if k != "_id"} if isinstance(i, dict) else i for i in items]


def sha_of(pact: dict[str, Any]) -> str:
    """SHA-1 over what affects verification: the interactions and messages, in a stable order,
    without `_id`s or metadata, so re-publishing the same contract is recognised as the same."""
    relevant = {
        key: sorted(canonical(i) for i in _strip_ids(pact[key]))
        for key in ("interactions", "messages")
        if isinstance(pact.get(key), list)
    }
    return hashlib.sha1(canonical({k: [v.decode() for v in vs] for k, vs in relevant.items()})).hexdigest()


def prepare(pact: dict[str, Any]) -> str:
    """The stored document: each interaction gets an `_id` (a hash of its content)."""
    out = dict(pact)
    for key in ("interactions", "messages"):
        if isinstance(out.get(key), list):
            out[key] = [
                {**i, "_id": hashlib.sha1(canonical(i)).hexdigest()} if isinstance(i, dict) else i
                for i in _strip_ids(out[key])
            ]
    return orjson.dumps(out).decode()


def merge(existing: dict[str, Any], incoming: dict[str, Any]) -> dict[str, Any]:
    """onConflict=merge: add the incoming interactions; the same interaction with other content is a conflict."""
    out = dict(existing)
    for key in ("interactions", "messages"):
        if not isinstance(incoming.get(key), list):
            continue
        current = _strip_ids(list(existing.get(key) or []))
        index = {_interaction_key(i): n for n, i in enumerate(current)}
        for interaction in _strip_ids(incoming[key]):
            found = index.get(_interaction_key(interaction))
            if found is None:
                index[_interaction_key(interaction)] = len(current)
                current.append(interaction)
            elif canonical(current[found]) != canonical(interaction):
                raise Conflict(
                    "cannot merge: an interaction with the same description and provider state has different content"
                )
        out[key] = current
    return out
