"""Publishing pacts: `POST /contracts/publish` and the older `PUT /pacts/.../version/{v}`."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import Pacticipant, PactPublication, Tag, Version
from ..errors import Conflict, Invalid, TooLarge
from ..repositories import pacticipants as pacticipants_repo
from ..repositories import pacts as pacts_repo
from ..repositories import rows
from ..repositories import versions as versions_repo
from ..settings import Settings
from . import content, webhook_events
from .comparisons import ComparisonService
from .diffs import pact_diff
from .pacticipants import ensure_pacticipant, ensure_version
from .similar_names import similar_names
from .webhooks import Occurrence, TemplateUrls, WebhookService

__all__ = ["PublicationService", "PublishResult"]


@dataclass
class PublishResult:
    pacticipant: Pacticipant
    version: Version
    tags: list[Tag]
    contracts: list[PactPublication]
    notices: list[dict[str, str]] = field(default_factory=list)
    created: bool = False
    occurrences: list[Occurrence] = field(default_factory=list)  # for webhooks


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

    def _store(
        self,
        session: Session,
        version: Version,
        provider: Pacticipant,
        pact: dict[str, Any],
        on_conflict: str,
    ) -> tuple[PactPublication, str, list[Occurrence]]:
        """Attach the pact to the consumer version. Returns the publication, what happened and the
        webhook events it sets off. The version's row is locked first: publications to one version
        (a merge reads the pact it adds to) take turns, across every broker process."""
        rows.lock(session, Version, version.id)
        wanted = webhook_events.wanted(session, version.pacticipant_id, provider.id)
        previous = webhook_events.previous_sha(session, version, provider) if wanted else None
        publication, outcome = self._attach(session, version, provider, pact, on_conflict)
        if not wanted:
            return publication, outcome, []
        stored = outcome != "unchanged"
        return (
            publication,
            outcome,
            webhook_events.published(session, publication, previous, stored=stored, wanted=wanted),
        )

    def _attach(
        self,
        session: Session,
        version: Version,
        provider: Pacticipant,
        pact: dict[str, Any],
        on_conflict: str,
    ) -> tuple[PactPublication, str]:
        consumer = version.pacticipant
        existing = pacts_repo.publication(session, version.id, provider.id)
        if existing is not None and on_conflict == "merge":
            pact = content.merge(orjson.loads(existing.pact_version.content), pact)
        sha = content.sha_of(pact)
        if existing is not None and existing.pact_version.sha == sha:
            return existing, "unchanged"
        if existing is not None and on_conflict != "merge" and not self.settings.allow_contract_modification:
            text = (
                f"Cannot change the content of the pact for {consumer.name} version {version.number} and provider "
                f"{provider.name}, as race conditions will cause unreliable results for can-i-deploy. Each pact "
                "must be published with a unique consumer version number. Use onConflict=merge to add interactions."
            )
            change = pact_diff(
                existing.pact_version.content, content.prepare(pact), "the published pact", "this pact"
            )
            raise Conflict(
                text,
                {"contracts": [text]},
                [{"type": "error", "text": text}, {"type": "info", "text": change}],
            )
        pact_version = pacts_repo.pact_version(
            session, consumer.id, provider.id, sha
        ) or pacts_repo.ensure_pact_version(session, consumer, provider, sha, content.prepare(pact))
        if existing is None:
            return pacts_repo.insert_publication(session, version, provider, pact_version), "created"
        existing.pact_version = pact_version
        session.flush()
        return existing, "updated"

    def _refuse_similar_names(self, names: list[str]) -> None:
        """409 when a name not known yet is very like an existing pacticipant's (probably a typo)."""
        if not self.settings.check_duplicate_names:
            return
        with self.db.reading() as session:
            known = pacticipants_repo.by_names(session, names)
            if all(name in known for name in names):  # the usual publication: nothing new to compare
                return
            existing = pacticipants_repo.all_names(session)
        messages = [
            f"This is the first publication for {name!r}, which is very like the existing pacticipant(s) "
            f"{', '.join(repr(m) for m in matches)}. Correct the name, or create {name!r} first "
            "(create-or-update-pacticipant) if it is a new one."
            for name in dict.fromkeys(names)
            if (matches := similar_names(name, existing))
        ]
        if messages:
            raise Conflict(
                messages[0], {"contracts": messages}, [{"type": "error", "text": m} for m in messages]
            )

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

        self._refuse_similar_names([name, *(pact["provider"]["name"] for pact in pacts)])

        def work(session: Session) -> tuple[PublishResult, list[Occurrence]]:
            pacticipant = ensure_pacticipant(session, name)
            _, created = versions_repo.ensure_version(
                session, pacticipant, number, None
            )  # one request creates it
            version = ensure_version(
                session,
                pacticipant,
                number,
                build_url=body.get("buildUrl"),
                branch=body.get("branch"),
                tags=body.get("tags") or [],
            )
            result = PublishResult(
                pacticipant, version, [t for t in version.tags if t.name in (body.get("tags") or [])], []
            )
            verb = "Created" if created else "Updated"
            extras = " and ".join(
                part
                for part in (
                    f"with branch {body['branch']}" if body.get("branch") else "",
                    f"tags {', '.join(body['tags'])}" if body.get("tags") else "",
                )
                if part
            )
            result.notices.append(
                {"type": "debug", "text": f"{verb} {name} version {number} {extras}".rstrip()}
            )
            for contract, pact in zip(body["contracts"], pacts, strict=True):
                provider = ensure_pacticipant(session, pact["provider"]["name"])
                publication, outcome, occurrences = self._store(
                    session, version, provider, pact, contract.get("onConflict", "overwrite")
                )
                result.contracts.append(publication)
                result.occurrences.extend(occurrences)
                result.created = result.created or outcome == "created"
                text = {
                    "created": "Pact successfully published",
                    "updated": "Pact successfully republished",
                    "unchanged": "Pact published",
                }[outcome]
                result.notices.append(
                    {
                        "type": "success",
                        "text": f"{text} for {name} version {number} and provider {provider.name}.",
                    }
                )
                if outcome == "unchanged":
                    result.notices.append(
                        {
                            "type": "info",
                            "text": "  This pact content has already been published: nothing changed.",
                        }
                    )
            return result, result.occurrences

        result = self.webhooks.write(work, urls)
        self.comparisons.after_pacts(p.pact_version_id for p in result.contracts)
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

        self._refuse_similar_names([consumer_name, provider_name])

        def work(session: Session) -> tuple[tuple[PactPublication, bool], list[Occurrence]]:
            version = ensure_version(session, ensure_pacticipant(session, consumer_name), number)
            provider = ensure_pacticipant(session, provider_name)
            publication, outcome, occurrences = self._store(
                session, version, provider, pact, "merge" if merge else "overwrite"
            )
            _ = publication.pact_version.content  # deferred: load it before the session closes
            return (publication, outcome == "created"), occurrences

        stored = self.webhooks.write(work, urls)
        self.comparisons.after_pacts([stored[0].pact_version_id])
        return stored
