"""OpenAPI 3.1 `webhooks`, sent when asked: `POST /__accord/webhooks/{name}?url=URL` makes the mock
call URL with the webhook's request (its first example, else a body generated from its schema) and
answers with what the receiver said. `GET /__accord/webhooks` lists the webhooks the contract has.

Nothing in a contract says when a webhook fires (Prism never sends them), so a test says it. The
URL obeys the callbacks' rule: loopback, or a host named with `--allow-callback-hosts`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, unquote

import orjson

from ._callbacks import Callbacks, operations, payload
from ._problems import problem
from ._responses import Canned, make_canned

__all__ = ["WEBHOOKS_PATH", "send_webhook", "webhooks_of"]

WEBHOOKS_PATH = "/__accord/webhooks"


def webhooks_of(contract: Any) -> dict[str, Any]:
    """The contract's `webhooks` (OpenAPI 3.1), name -> Path Item; empty when it has none."""
    raw = contract.at("")
    found = raw.get("webhooks") if isinstance(raw, dict) else None
    return found if isinstance(found, dict) else {}


async def send_webhook(state: Any, callbacks: Callbacks, method: str, path: str, query: str) -> Canned:
    """The answer to a request under /__accord/webhooks."""
    webhooks = webhooks_of(state.contract)
    name = unquote(path[len(WEBHOOKS_PATH) :].strip("/"))
    if not name:
        if method not in ("GET", "HEAD"):
            return problem(405, f"{method} is not allowed on {WEBHOOKS_PATH}", [(b"allow", b"GET, HEAD")])
        listed = [
            {"name": key, "methods": [m for m, _, _ in operations(state.contract, item)]}
            for key, item in webhooks.items()
        ]
        return make_canned(200, "application/json", orjson.dumps(listed), [], "webhooks")
    if method != "POST":
        return problem(
            405, f"{method} is not allowed on {path}; POST sends the webhook", [(b"allow", b"POST")]
        )
    if name not in webhooks:
        known = ", ".join(webhooks) or "none"
        return problem(404, f"the contract has no webhook named {name!r} (webhooks: {known})")
    args = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}
    url = args.get("url", "")
    if not url.startswith(("http://", "https://")):
        return problem(400, "give the receiver as ?url=http://... (an absolute http or https URL)")
    if not callbacks.allowed(url):
        return problem(403, f"{url} is not a loopback address; allow its host with --allow-callback-hosts")
    choices = operations(state.contract, webhooks[name])
    wanted = args.get("method", "").upper()
    chosen = next((c for c in choices if not wanted or c[0] == wanted), None)
    if chosen is None:
        offered = ", ".join(m for m, _, _ in choices) or "none"
        return problem(404, f"webhook {name!r} has no {wanted or 'operation'} (methods: {offered})")
    verb, media_type, media = chosen
    body = payload(state, media_type, media, f"webhook:{name}")
    status, error = await callbacks.call(f"webhook {name}", verb, url, media_type, body)
    if error is not None:
        return problem(502, f"webhook {name}: {verb} {url} failed: {error}")
    sent = {"webhook": name, "method": verb, "url": url, "status": status}
    return make_canned(200, "application/json", orjson.dumps(sent), [], f"webhook {name}")
