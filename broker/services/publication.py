"""Publishing pacts: `POST /contracts/publish` and the older `PUT /pacts/.../version/{v}`."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import PactPublication, TriggeredWebhook
from ..errors import Conflict, Invalid, TooLarge
from ..repositories import pacticipants as pacticipants_repo
from ..repositories import pacts as pacts_repo
from ..repositories import verifications as verifications_repo
from ..repositories import versions as versions_repo
from ..settings import Settings
from . import content, publication_events, webhook_events
from .comparisons import ComparisonService
from .diffs import pact_diff
from .pacticipants import put_version
from .similar_names import similar_names
from .webhooks import Occurrence, TemplateUrls, WebhookService

__all__ = ["PublicationService", "PublishResult", "Published"]

SET_BRANCH = "Configure the version branch to be the value of your repository branch."


@dataclass(frozen=True)
class Published:
    """One pact of a publication: its provider, the content it now has, and what the publisher is told
    of it: what happened (created, updated or unchanged; `merge`: by merging), the events detected,
    whether the provider has verified any of the consumer's pacts and whether a webhook listens."""

    provider: str
    provider_id: int
    pact_version_id: int
    publication_id: int
    outcome: str
    merge: bool = False
    events: tuple[str, ...] = ()
    verified: bool = False
    listened: bool = False


@dataclass
class PublishResult:
    consumer: str
    number: str
    tags: list[str]
    contracts: list[Published]
    notices: list[dict[str, str]] = field(default_factory=list)  # of the version
    created: bool = False
    occurrences: list[Occurrence] = field(default_factory=list)  # for webhooks
    triggered: list[TriggeredWebhook] = field(default_factory=list)  # the deliveries recorded


@dataclass(frozen=True)
class _Stored:
    """What attaching one pact to a consumer version did."""

    publication_id: int
    pact_version_id: int
    sha: str
    outcome: str  # created, updated or unchanged
    events: tuple[str, ...]  # what it set off, with why (`publication_events`)
    occurrences: list[Occurrence]  # the webhook events it set off
    listened: bool  # some enabled webhook listens to the pair


@dataclass(frozen=True)
class _Version:
    """The consumer version a publication writes to (its row locked by this transaction)."""

    consumer: str
    consumer_id: int
    number: str
    id: int
    created: bool  # by this transaction: it has no pact yet


def _decode(contract: dict[str, Any], index: int, limit: int) -> dict[str, Any]:
    where = f"contracts[{index}]"
    if contract.get("specification", "pact") != "pact":
        raise Invalid(
            f"{where}: only pact contracts are supported", {where: ["specification must be 'pact'"]}
        )
    if "json" not in str(contract.get("contentType", "application/json")):
        raise Invalid(f"{where}: contentType must be application/json", {where: ["contentType must be JSON"]})
    encoded = contract.get("content")
    if not isinstance(encoded, str) or not encoded:
        raise Invalid(f"{where}: content is missing", {f"{where}.content": ["can't be blank"]})
    if len(encoded) * 3 // 4 > limit:
        raise TooLarge(f"{where}: the pact is larger than the limit of {limit} bytes")
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise Invalid(
            f"{where}: content is not valid base64", {f"{where}.content": ["must be base64"]}
        ) from None
    try:
        return content.parse_pact(raw)
    except Invalid as exc:
        raise Invalid(f"{where}: {exc.detail}", {f"{where}.content": [exc.detail]}) from None


class PublicationService:
    def __init__(
        self, db: Database, settings: Settings, webhooks: WebhookService, comparisons: ComparisonService
    ) -> None:
        self.db = db
        self.settings = settings
        self.webhooks = webhooks
        self.comparisons = comparisons  # each pact published is compared with its provider's contracts

    def _version(
        self,
        session: Session,
        known: dict[str, tuple[int, str | None]],
        name: str,
        number: str,
        **details: Any,
    ) -> _Version:
        """The consumer version, created if missing, with its branch and tags (`details`), its row
        locked: publications to one version (a merge reads the pact it adds to) take turns, across
        every broker process."""
        consumer_id, main_branch = known[name]
        version_id, created = put_version(session, consumer_id, main_branch, number, lock=True, **details)
        return _Version(name, consumer_id, number, version_id, created)

    def _store(
        self,
        session: Session,
        version: _Version,
        provider: str,
        provider_id: int,
        pact: dict[str, Any],
        on_conflict: str,
        *,
        first: bool,
        tags: list[str] | None = None,
        context: dict[str, str] | None = None,
    ) -> _Stored:
        """Attach the pact to the consumer version (`first`: the version was created by this
        transaction and has no pact for this provider yet; `tags`: the version's, when known;
        `context`: what the request gives the webhook templates, `webhook_events.published`)."""
        wanted = webhook_events.wanted(session, version.consumer_id, provider_id)
        publication_id, pact_version_id, sha, outcome = self._attach(
            session, version, provider, provider_id, pact, on_conflict, first=first
        )
        events = publication_events.detected(
            session,
            consumer=version.consumer,
            consumer_id=version.consumer_id,
            number=version.number,
            version_id=version.id,
            provider_id=provider_id,
            sha=sha,
            outcome=outcome,
            tags=tags,
        )
        if not wanted:
            return _Stored(publication_id, pact_version_id, sha, outcome, events, [], False)
        publication = pacts_repo.publication_by_id(session, publication_id)
        changed = any(event.startswith("contract_content_changed") for event in events)
        occurrences = webhook_events.published(
            session, publication, changed=changed, wanted=wanted, context=context or {}
        )
        return _Stored(publication_id, pact_version_id, sha, outcome, events, occurrences, True)

    def _attach(
        self,
        session: Session,
        version: _Version,
        provider: str,
        provider_id: int,
        pact: dict[str, Any],
        on_conflict: str,
        *,
        first: bool,
    ) -> tuple[int, int, str, str]:
        """The publication's and its pact version's ids, the content's SHA and what happened."""
        existing = None if first else pacts_repo.published(session, version.id, provider_id)
        if existing is not None and on_conflict == "merge":
            pact = content.merge(orjson.loads(pacts_repo.content(session, existing.pact_version_id)), pact)
        sha = content.sha_of(pact)
        if existing is not None and existing.sha == sha:
            return existing.id, existing.pact_version_id, sha, "unchanged"
        if existing is not None and on_conflict != "merge" and not self.settings.allow_contract_modification:
            text = (
                f"Cannot change the content of the pact for {version.consumer} version {version.number} and "
                f"provider {provider}, as race conditions will cause unreliable results for can-i-deploy. Each "
                "pact must be published with a unique consumer version number. Use onConflict=merge to add "
                "interactions."
            )
            change = pact_diff(
                pacts_repo.content(session, existing.pact_version_id),
                content.prepare(pact),
                "the published pact",
                "this pact",
            )
            raise Conflict(
                text,
                {"contracts": [text]},
                [{"type": "error", "text": text}, {"type": "info", "text": change}],
            )
        pact_version_id = pacts_repo.pact_version_id(
            session, version.consumer_id, provider_id, sha
        ) or pacts_repo.ensure_pact_version_id(
            session, version.consumer_id, provider_id, sha, content.prepare(pact)
        )
        if existing is None:
            return (
                pacts_repo.insert_publication(session, version.id, provider_id, pact_version_id),
                pact_version_id,
                sha,
                "created",
            )
        pacts_repo.repoint_publication(session, existing.id, pact_version_id)
        return existing.id, pact_version_id, sha, "updated"

    def _pacticipants(self, session: Session, names: list[str]) -> dict[str, tuple[int, str | None]]:
        """The id and main branch of each named pacticipant, each created if missing: a 409 when a
        name not known yet is very like an existing pacticipant's (probably a typo)."""
        known = pacticipants_repo.main_branches(session, names)
        missing = [name for name in dict.fromkeys(names) if name not in known]
        if not missing:  # the usual publication: nothing new to compare
            return known
        if self.settings.check_duplicate_names:
            existing = pacticipants_repo.all_names(session)
            messages = [
                f"This is the first publication for {name!r}, which is very like the existing pacticipant(s) "
                f"{', '.join(repr(m) for m in matches)}. Correct the name, or create {name!r} first "
                "(create-or-update-pacticipant) if it is a new one."
                for name in missing
                if (matches := similar_names(name, existing))
            ]
            if messages:
                raise Conflict(
                    messages[0], {"contracts": messages}, [{"type": "error", "text": m} for m in messages]
                )
        for name in missing:
            pacticipants_repo.insert(session, name)
        return pacticipants_repo.main_branches(session, names)

    def publish_contracts(self, body: dict[str, Any], urls: TemplateUrls) -> PublishResult:
        """Publish the contracts; the webhook deliveries they set off are recorded with them
        (`urls` gives the broker's own links for the webhook templates)."""
        name, number = body["pacticipantName"], body["pacticipantVersionNumber"]
        pacts = [_decode(c, i, self.settings.max_pact_bytes) for i, c in enumerate(body["contracts"])]
        for i, (contract, pact) in enumerate(zip(body["contracts"], pacts, strict=True)):
            for role in ("consumer", "provider"):
                given = contract.get(f"{role}Name")
                if given is not None and given != pact[role]["name"]:
                    key = f"contracts[{i}].{role}Name"
                    raise Invalid(
                        f"{key} ({given}) does not match the {role} name in the pact ({pact[role]['name']})",
                        {key: [f"does not match the {role} name in the pact content"]},
                    )
            if pact["consumer"]["name"] != name:
                key = f"contracts[{i}].consumerName"
                raise Invalid(
                    f"{key} must match pacticipantName ({name})", {key: ["must match pacticipantName"]}
                )

        tags = body.get("tags") or []

        def work(session: Session) -> tuple[PublishResult, list[Occurrence]]:
            known = self._pacticipants(session, [name, *(pact["provider"]["name"] for pact in pacts)])
            version = self._version(
                session,
                known,
                name,
                number,
                build_url=body.get("buildUrl"),
                branch=body.get("branch"),
                tags=tags,
            )
            result = PublishResult(
                name, number, versions_repo.tag_names(session, version.id, tags) if tags else [], []
            )
            verb = "Created" if version.created else "Updated"
            extras = " and ".join(
                part
                for part in (
                    f"with branch {body['branch']}" if body.get("branch") else "",
                    f"{'' if body.get('branch') else 'with '}tags {', '.join(tags)}" if tags else "",
                )
                if part
            )
            result.notices.append(
                {"type": "debug", "text": f"{verb} {name} version {number} {extras}".rstrip()}
            )
            if body.get("branch") is None:
                result.notices.append({"type": "prompt", "text": f"  Next steps:\n    {SET_BRANCH}"})
            for contract, pact in zip(body["contracts"], pacts, strict=True):
                provider = pact["provider"]["name"]
                provider_id = known[provider][0]
                first = version.created and all(c.provider_id != provider_id for c in result.contracts)
                on_conflict = contract.get("onConflict", "overwrite")
                stored = self._store(
                    session,
                    version,
                    provider,
                    provider_id,
                    pact,
                    on_conflict,
                    first=first,
                    tags=tags if version.created else None,  # a new version has only these
                    context={  # as the Pact Broker's: the request's branch, even none
                        "consumerVersionBranch": body.get("branch") or "",
                        "buildUrl": body.get("buildUrl") or "",
                    },
                )
                result.contracts.append(
                    Published(
                        provider,
                        provider_id,
                        stored.pact_version_id,
                        stored.publication_id,
                        stored.outcome,
                        merge=on_conflict == "merge" and stored.outcome != "created",
                        events=stored.events,
                        verified=verifications_repo.any_for_pair(session, version.consumer_id, provider_id),
                        listened=stored.listened,
                    )
                )
                result.occurrences.extend(stored.occurrences)
                result.created = result.created or stored.outcome == "created"
            return result, result.occurrences

        result, result.triggered = self.webhooks.write_recorded(work, urls)
        self.comparisons.after_pacts({p.pact_version_id: p.provider_id for p in result.contracts})
        return result

    def put_pact(
        self,
        provider_name: str,
        consumer_name: str,
        number: str,
        raw: bytes,
        urls: TemplateUrls,
        *,
        merge: bool = False,
    ) -> tuple[PactPublication, bool]:
        """PUT stores a pact (changing an existing one is a conflict); PATCH (`merge`) adds its
        interactions to the version's pact, a same-named interaction with other content a conflict."""
        if len(raw) > self.settings.max_pact_bytes:
            raise TooLarge(f"the pact is larger than the limit of {self.settings.max_pact_bytes} bytes")
        pact = content.parse_pact(raw)
        for role, expected in (("consumer", consumer_name), ("provider", provider_name)):
            if pact[role]["name"] != expected:
                raise Invalid(
                    f"the {role} name in the pact ({pact[role]['name']}) does not match the URL ({expected})",
                    {f"{role}.name": [f"does not match the {role} name in the path ({expected})"]},
                )

        def work(session: Session) -> tuple[tuple[PactPublication, bool], list[Occurrence]]:
            known = self._pacticipants(session, [consumer_name, provider_name])
            version = self._version(session, known, consumer_name, number)
            provider_id = known[provider_name][0]
            stored = self._store(
                session,
                version,
                provider_name,
                provider_id,
                pact,
                "merge" if merge else "overwrite",
                first=version.created,
                tags=[] if version.created else None,
            )
            publication = pacts_repo.publication_by_id(session, stored.publication_id, with_content=True)
            return (publication, stored.outcome == "created"), stored.occurrences

        stored = self.webhooks.write(work, urls)
        self.comparisons.after_pacts({stored[0].pact_version_id: stored[0].provider_id})
        return stored
