"""Build pact-python's Verifier from `VerifyOptions`, run it, and read its results."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ._options import SELECTOR_KEYS, VerifyOptions

__all__ = ["VerifyError", "VerifyResult", "run_verify"]


class VerifyError(ValueError):
    """The verification could not be set up (bad input, exit 2)."""


@dataclass
class VerifyResult:
    provider: str
    passed: bool
    published: bool
    interactions: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    output: str = ""
    no_pacts: str | None = None  # why nothing was verified: no pact for the provider was found

    @property
    def failed_interactions(self) -> list[dict[str, Any]]:
        return [i for i in self.interactions if i["result"] != "OK" and not i["pending"]]

    def as_json(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            "passed": self.passed,
            "published": self.published,
            "summary": {
                "interactions": len(self.interactions),
                "failed": len(self.failed_interactions),
                "pending_failed": sum(1 for i in self.interactions if i["result"] != "OK" and i["pending"]),
            },
            "interactions": self.interactions,
            "errors": self.errors,
            "notices": self.notices,
            "no_pacts": self.no_pacts,
        }


def _interaction(raw: dict[str, Any]) -> dict[str, Any]:
    mismatch = raw.get("mismatch") or {}
    return {
        "consumer": raw.get("consumer"),
        "description": raw.get("description"),
        "provider_states": raw.get("providerStates", []),
        "result": "OK" if raw.get("result") == "OK" else "failed",
        "pending": bool(raw.get("pending")),
        "mismatches": [
            {"type": m.get("type"), "path": m.get("path"), "message": m.get("mismatch")}
            for m in mismatch.get("mismatches", [])
        ]
        or (
            [{"type": mismatch.get("type"), "path": None, "message": mismatch.get("message")}]
            if mismatch
            else []
        ),
    }


def _add_broker(verifier: Any, options: VerifyOptions) -> None:
    auth = {
        key: value
        for key, value in (
            ("token", options.broker_token),
            ("username", options.broker_username),
            ("password", options.broker_password),
        )
        if value
    }
    builder = verifier.broker_source(options.broker_url, selector=True, **auth)
    for selector in options.selectors:
        builder.consumer_version(**{SELECTOR_KEYS[key]: value for key, value in selector.items()})
    if options.enable_pending:
        builder.include_pending()
    if options.include_wip_pacts_since:
        builder.include_wip_since(options.include_wip_pacts_since)
    if options.provider_branch:
        builder.provider_branch(options.provider_branch)
    if options.provider_tags:
        builder.provider_tags(*options.provider_tags)
    builder.build()
    # run_verify decides what finding no pact means (a failure unless ignore_no_pacts), in one line
    verifier.set_error_on_empty_pact(enabled=False)


def _pact_files(source: str) -> list[Path]:
    path = Path(source)
    if path.is_dir():
        return sorted(path.glob("*.json"))
    if path.is_file():
        return [path]
    raise VerifyError(f"--pact {source}: no such file or directory")


def pact_sources(sources: list[str], provider: str) -> list[str | Path]:
    """Pact URLs as given; local files (directories expanded) kept only when they are `provider`'s pacts.

    The verifier replays whatever file it is given, so a pact for another provider is left out here.
    """
    chosen: list[str | Path] = []
    for source in sources:
        if "://" in source:
            chosen.append(source)
            continue
        for file in _pact_files(source):
            try:
                document = json.loads(file.read_text())
            except (OSError, ValueError) as exc:
                raise VerifyError(f"{file}: not a pact file ({exc})") from None
            name = (document.get("provider") or {}).get("name") if isinstance(document, dict) else None
            if name == provider:
                chosen.append(file)
    return chosen


def build_verifier(options: VerifyOptions, sources: list[str | Path], *, coloured: bool) -> Any:
    from pact import Verifier

    verifier = Verifier(options.provider, host=urlsplit(options.url).hostname).add_transport(url=options.url)
    verifier.set_request_timeout(options.request_timeout_ms)
    verifier.set_coloured_output(enabled=coloured)
    for source in sources:
        verifier.add_source(source)
    if options.broker_url:
        _add_broker(verifier, options)
    if options.consumers:
        verifier.filter_consumers(*options.consumers)
    if options.state_url:
        verifier.state_handler(options.state_url, teardown=options.state_teardown, body=True)
    elif options.state_handler is not None:
        verifier.state_handler(options.state_handler, teardown=options.state_teardown)
    if options.headers:
        verifier.add_custom_headers(options.headers)
    if options.publish and options.provider_version:
        verifier.set_publish_options(
            options.provider_version,
            url=options.build_url,
            branch=options.provider_branch,
            tags=options.provider_tags or None,
        )
    return verifier


def _no_pacts(options: VerifyOptions) -> VerifyResult:
    """Nothing to verify: a failure (the provider's pipeline would be green on nothing) unless ignored."""
    message = f"no pact with interactions for provider {options.provider!r} in {options.where()}; nothing was verified"
    return VerifyResult(
        provider=options.provider, passed=options.ignore_no_pacts, published=False, no_pacts=message
    )


def run_verify(options: VerifyOptions, *, coloured: bool = False) -> VerifyResult:
    """Replay the pacts against the provider. The verifier prints its report on stdout as it goes.

    When no pact for the provider is found the result says so (`no_pacts`), has not passed unless
    `options.ignore_no_pacts`, and nothing is published.
    """
    problems = options.problems()
    if problems:
        raise VerifyError(problems[0])
    parts = urlsplit(options.url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise VerifyError(f"--url {options.url!r}: expected an http(s) URL")
    sources = pact_sources(options.pacts, options.provider)
    if not sources and not options.broker_url:
        return _no_pacts(options)
    verifier = build_verifier(options, sources, coloured=coloured)
    try:
        verifier.verify()
        raised = False
    except RuntimeError:
        raised = True
    results = verifier.results
    interactions = [_interaction(raw) for raw in results.get("interactionResults", [])]
    errors = [
        {"interaction": e.get("interaction"), "mismatch": e.get("mismatch")}
        for e in results.get("errors", [])
    ]
    if not interactions and not errors:
        return _no_pacts(options)
    if not interactions and not options.broker_url:
        detail = "; ".join(str(e.get("mismatch", e)) for e in errors)[:300]
        raise VerifyError(f"cannot verify {', '.join(options.pacts)}: {detail}")
    notices = [n.get("text", "") if isinstance(n, dict) else str(n) for n in results.get("notices", [])]
    passed = not raised and bool(results.get("result", False))
    return VerifyResult(
        provider=options.provider,
        passed=passed,
        published=bool(options.publish),
        interactions=interactions,
        errors=errors,
        notices=[n for n in notices if n],
        output=verifier.output(strip_ansi=True),
    )
