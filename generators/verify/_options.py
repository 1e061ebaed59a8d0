"""What a verification reads (pact files, or a broker and its selectors) and what it does with the result."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

__all__ = ["SELECTOR_KEYS", "VerifyOptions", "parse_selector", "parse_selectors_json"]

# Pact Broker consumer version selector keys -> pact-python's `consumer_version` keyword arguments.
SELECTOR_KEYS = {
    "consumer": "consumer",
    "tag": "tag",
    "fallbackTag": "fallback_tag",
    "latest": "latest",
    "deployedOrReleased": "deployed_or_released",
    "deployed": "deployed",
    "released": "released",
    "environment": "environment",
    "mainBranch": "main_branch",
    "branch": "branch",
    "matchingBranch": "matching_branch",
    "fallbackBranch": "fallback_branch",
}
_BOOLEAN_KEYS = {"latest", "deployedOrReleased", "deployed", "released", "mainBranch", "matchingBranch"}


@dataclass
class VerifyOptions:
    provider: str
    url: str
    pacts: list[str] = field(default_factory=list)  # files, directories or pact URLs
    broker_url: str | None = None
    broker_token: str | None = None
    broker_username: str | None = None
    broker_password: str | None = None
    selectors: list[dict[str, Any]] = field(default_factory=list)
    consumers: list[str] = field(default_factory=list)
    enable_pending: bool = False
    include_wip_pacts_since: str | None = None
    state_url: str | None = None
    state_handler: Any = None  # a callable (state, action, parameters)
    state_teardown: bool = True
    headers: dict[str, str] = field(default_factory=dict)
    publish: bool = False
    provider_version: str | None = None
    provider_branch: str | None = None
    provider_tags: list[str] = field(default_factory=list)
    build_url: str | None = None
    request_timeout_ms: int = 10_000
    ignore_no_pacts: bool = False  # finding no pact for the provider passes (the Rust verifier's flag)

    def where(self) -> str:
        """Where the pacts were looked for, for the no-pacts line."""
        places = [", ".join(self.pacts)] if self.pacts else []
        if self.broker_url:
            selected = f" matching {json.dumps(self.selectors)}" if self.selectors else ""
            wip = f" (or WIP since {self.include_wip_pacts_since})" if self.include_wip_pacts_since else ""
            places.append(f"the broker {self.broker_url}{selected}{wip}")
        consumers = f" from {', '.join(self.consumers)}" if self.consumers else ""
        return " or ".join(places) + consumers

    def problems(self) -> list[str]:
        """Combinations that cannot work, each one line (empty when the options are consistent)."""
        found = []
        if not self.pacts and not self.broker_url:
            found.append("give pacts with --pact FILE|DIR or a broker with --broker-url")
        if self.state_url and self.state_handler is not None:
            found.append("give one of --state-url or --state-handler, not both")
        if self.publish and not self.provider_version:
            found.append("--publish needs --provider-version")
        if self.publish and not self.broker_url:
            found.append("--publish needs pacts from a broker (--broker-url): results are published to it")
        if (self.selectors or self.enable_pending or self.include_wip_pacts_since) and not self.broker_url:
            found.append("selectors, --enable-pending and --include-wip-pacts-since need --broker-url")
        if self.include_wip_pacts_since and not self.provider_branch:
            found.append(
                "--include-wip-pacts-since needs --provider-branch (WIP pacts are per provider branch)"
            )
        return found


def _selector(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict) or not data:
        raise ValueError(f'{where}: a selector is a non-empty object, e.g. {{"mainBranch": true}}')
    for key, value in data.items():
        if key not in SELECTOR_KEYS:
            raise ValueError(f"{where}: unknown selector key {key!r} (known: {', '.join(SELECTOR_KEYS)})")
        if key in _BOOLEAN_KEYS and not isinstance(value, bool):
            raise ValueError(f"{where}: {key} must be true or false")
        if key not in _BOOLEAN_KEYS and not isinstance(value, str):
            raise ValueError(f"{where}: {key} must be a string")
        if key in _BOOLEAN_KEYS - {"latest"} and value is not True:
            raise ValueError(f"{where}: {key} can only be true")
    return data


def parse_selectors_json(text: str) -> list[dict[str, Any]]:
    """`--consumer-version-selectors '[{"mainBranch": true}, {"deployedOrReleased": true}]'` (or one object)."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"--consumer-version-selectors: not JSON ({exc})") from None
    items = data if isinstance(data, list) else [data]
    return [_selector(item, "--consumer-version-selectors") for item in items]


def parse_selector(text: str) -> dict[str, Any]:
    """`--selector mainBranch=true` or `--selector branch=main,consumer=web`: one selector."""
    data: dict[str, Any] = {}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        if not sep:
            raise ValueError(f"--selector {text!r}: expected key=value[,key=value]")
        key = key.strip()
        value = value.strip()
        data[key] = (
            {"true": True, "false": False}.get(value.lower(), value) if key in _BOOLEAN_KEYS else value
        )
    return _selector(data, f"--selector {text!r}")
