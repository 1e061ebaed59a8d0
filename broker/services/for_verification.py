"""Pacts for verification: consumer version selectors, pending and work-in-progress (WIP) pacts.

A pact is *pending* for a provider while its content has never been successfully verified by a
provider version on the provider's branch (or with one of its tags, or at all when neither is
given). WIP pacts are the latest pacts of each consumer branch and tag, published since a date, that
are pending and not already selected; they are verified too, but never fail the provider's build.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import Pacticipant, PactPublication, PactVersion, Verification, Version
from ..errors import Invalid
from ..repositories import environments as environments_repo
from ..repositories import pacticipants as pacticipants_repo
from ..repositories import pacts as pacts_repo
from ..repositories import verifications as verifications_repo
from ..repositories import versions as versions_repo
from .pacticipants import require_pacticipant

__all__ = ["ForVerificationService", "Selection", "VerifiablePact", "validate_query"]

BRANCH_KEYS = ("latest", "tag", "fallbackTag", "branch", "fallbackBranch", "matchingBranch", "mainBranch")
ENVIRONMENT_KEYS = ("environment", "deployed", "released", "deployedOrReleased")


class Selection(NamedTuple):
    """One reason a pact is to be verified: a consumer version's pact that a selector chose."""

    publication: PactPublication
    description: str
    selector: dict[str, Any] | None = None  # None for a WIP pact


@dataclass
class VerifiablePact:
    pact_version: PactVersion
    selected: list[Selection] = field(default_factory=list)
    pending: bool | None = None
    wip: bool = False

    @property
    def latest_publication(self) -> PactPublication:
        return max((s.publication for s in self.selected), key=lambda p: p.consumer_version_id)


def _selector_errors(selector: Any, body: dict[str, Any]) -> list[str]:
    if not isinstance(selector, dict):
        return ["must be an object"]
    errors = []
    values = {k: v for k, v in selector.items() if v is not None}
    for key in ("mainBranch", "matchingBranch", "deployed", "released", "deployedOrReleased"):
        if key in values and values[key] is not True:
            errors.append(f"{key} must be true")
    for key in ("tag", "branch", "fallbackTag", "fallbackBranch", "consumer", "environment"):
        if key in values and (not isinstance(values[key], str) or not values[key].strip()):
            errors.append(f"{key} can't be blank")
    if "latest" in values and not isinstance(values["latest"], bool):
        errors.append("latest must be true or false")
    if errors:
        return errors
    unknown = sorted(set(values) - set(BRANCH_KEYS) - set(ENVIRONMENT_KEYS) - {"consumer"})
    if unknown:
        errors.append(f"unknown selector field(s) {', '.join(unknown)}")
    if (
        not any(
            values.get(k)
            for k in (
                "mainBranch",
                "tag",
                "branch",
                "environment",
                "matchingBranch",
                "deployed",
                "released",
                "deployedOrReleased",
            )
        )
        and values.get("latest") is not True
    ):
        errors.append(
            "must specify a value for environment or tag or branch, or specify mainBranch=true, matchingBranch=true, "
            "latest=true, deployed=true, released=true or deployedOrReleased=true"
        )
    if values.get("mainBranch") and set(values) - {"consumer", "mainBranch", "latest"}:
        errors.append("cannot specify mainBranch=true with any other criteria apart from consumer")
    if values.get("mainBranch") and values.get("latest") is False:
        errors.append("cannot specify mainBranch=true with latest=false")
    if values.get("matchingBranch") and set(values) - {"consumer", "matchingBranch"}:
        errors.append("cannot specify matchingBranch=true with any other criteria apart from consumer")
    if values.get("matchingBranch") and not body.get("providerVersionBranch"):
        errors.append(
            "the providerVersionBranch must be specified when the selector matchingBranch=true is used"
        )
    if "tag" in values and "branch" in values:
        errors.append("cannot specify both a tag and a branch")
    branch_fields = sorted(k for k in values if k in BRANCH_KEYS)
    environment_fields = sorted(k for k in values if k in ENVIRONMENT_KEYS)
    if branch_fields and environment_fields:
        errors.append(
            f"cannot specify the field{'s' if len(branch_fields) > 1 else ''} {'/'.join(branch_fields)} with the "
            f"field{'s' if len(environment_fields) > 1 else ''} {'/'.join(environment_fields)}"
        )
    if "fallbackTag" in values and not values.get("latest"):
        errors.append("fallbackTag can only be set if latest is true")
    if "fallbackTag" in values and "tag" not in values:
        errors.append("a tag must be specified when a fallbackTag is specified")
    if "fallbackBranch" in values and "branch" not in values:
        errors.append("a branch must be specified when a fallbackBranch is specified")
    if "fallbackBranch" in values and values.get("latest") is False:
        errors.append("fallbackBranch can only be set if latest is true")
    if "branch" in values and values.get("latest") is False:
        errors.append("cannot specify a branch with latest=false")
    flags = [k for k in ("deployed", "released", "deployedOrReleased") if values.get(k)]
    if len(flags) > 1:
        errors.append(f"cannot specify both {flags[0]}=true and {flags[1]}=true")
    return errors


def validate_query(session: Session | None, body: dict[str, Any]) -> None:
    """The Pact Broker's rules for the for-verification body; 400 with `errors` keyed by field."""
    errors: dict[str, list[str]] = {}
    selectors = body.get("consumerVersionSelectors")
    if selectors is not None and not isinstance(selectors, list):
        errors["consumerVersionSelectors"] = ["must be an array"]
    for index, selector in enumerate(selectors if isinstance(selectors, list) else []):
        problems = _selector_errors(selector, body)
        if (
            not problems
            and session is not None
            and isinstance(selector, dict)
            and selector.get("environment")
        ) and environments_repo.by_name(session, selector["environment"]) is None:
            problems.append(f"environment with name '{selector['environment']}' does not exist")
        if problems:
            errors[f"consumerVersionSelectors[{index}]"] = problems
    if "includePendingStatus" in body and not isinstance(body["includePendingStatus"], bool):
        errors["includePendingStatus"] = ["must be true or false"]
    tags = body.get("providerVersionTags")
    if tags is not None and not (isinstance(tags, list) and all(isinstance(t, str) for t in tags)):
        errors["providerVersionTags"] = ["must be an array of strings"]
    branch = body.get("providerVersionBranch")
    if branch is not None and (not isinstance(branch, str) or (branch and not branch.strip())):
        errors["providerVersionBranch"] = ["can't be blank"]
    since = body.get("includeWipPactsSince")
    if since is not None and _parse_date(since) is None:
        errors["includeWipPactsSince"] = ["must be a date"]
    if errors:
        raise Invalid("the pacts for verification query is invalid", errors)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _parse_date(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _describe(selector: dict[str, Any], body: dict[str, Any], fallback: str | None = None) -> str:
    consumer = f" for {selector['consumer']}" if selector.get("consumer") else ""
    if selector.get("mainBranch"):
        return f"latest version from the main branch{consumer}"
    if selector.get("matchingBranch"):
        return f"latest version from branch matching {body.get('providerVersionBranch')}{consumer}"
    if selector.get("branch"):
        name = fallback or selector["branch"]
        return f"latest version from branch {name}{' (fallback)' if fallback else ''}{consumer}"
    if selector.get("tag"):
        if selector.get("latest"):
            name = fallback or selector["tag"]
            return f"latest with tag {name}{' (fallback)' if fallback else ''}{consumer}"
        return f"one of {selector['tag']}{consumer}"
    where = f" to {selector['environment']}" if selector.get("environment") else ""
    if selector.get("deployed"):
        return f"currently deployed{where}{consumer}"
    if selector.get("released"):
        return f"currently released{where}{consumer}"
    if selector.get("environment"):
        return f"currently in {selector['environment']}{consumer}"
    return f"latest{consumer}"


class ForVerificationService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def find(self, provider_name: str, body: dict[str, Any]) -> list[VerifiablePact]:
        with self.db.reading() as session:
            validate_query(session, body)
            provider = require_pacticipant(session, provider_name)
            consumers = sorted(
                pacticipants_repo.by_ids(session, pacticipants_repo.consumer_ids_of(session, provider.id)),
                key=lambda c: c.name,
            )
            selectors = body.get("consumerVersionSelectors") or [{"latest": True}]
            found: dict[int, VerifiablePact] = {}
            for selector in selectors:
                for consumer in consumers:
                    if selector.get("consumer") and selector["consumer"] != consumer.name:
                        continue
                    for publication, description in self._select(session, provider, consumer, selector, body):
                        entry = found.setdefault(
                            publication.pact_version_id, VerifiablePact(publication.pact_version)
                        )
                        if all(
                            s.publication.id != publication.id or s.description != description
                            for s in entry.selected
                        ):
                            entry.selected.append(Selection(publication, description, selector))
            include_pending = body.get("includePendingStatus", True) is True  # the Pact Broker's default
            if include_pending:
                for entry in found.values():
                    entry.pending = self._pending(session, entry.pact_version.id, body)
                since = _parse_date(body.get("includeWipPactsSince"))
                # WIP needs the provider branch (or tags) to know what "pending" means for it
                if since is not None and (
                    body.get("providerVersionBranch") or body.get("providerVersionTags")
                ):
                    for entry in self._wip(session, provider, consumers, since, body, set(found)):
                        found[entry.pact_version.id] = entry
            return list(found.values())

    def _select(
        self,
        session: Session,
        provider: Pacticipant,
        consumer: Pacticipant,
        selector: dict[str, Any],
        body: dict[str, Any],
    ) -> Sequence[tuple[PactPublication, str]]:
        def latest(**filters: Any) -> PactPublication | None:
            return pacts_repo.latest_publication(session, consumer.id, provider.id, **filters)

        described = _describe(selector, body)
        if selector.get("mainBranch"):
            pub = latest(branch=consumer.main_branch) if consumer.main_branch else None
            return [(pub, described)] if pub else []
        if selector.get("matchingBranch"):
            pub = latest(branch=body["providerVersionBranch"])
            return [(pub, described)] if pub else []
        if selector.get("branch"):
            pub = latest(branch=selector["branch"])
            if pub is None and selector.get("fallbackBranch"):
                pub = latest(branch=selector["fallbackBranch"])
                described = _describe(selector, body, selector["fallbackBranch"])
            return [(pub, described)] if pub else []
        if selector.get("tag"):
            if selector.get("latest"):
                pub = latest(tag=selector["tag"])
                if pub is None and selector.get("fallbackTag"):
                    pub = latest(tag=selector["fallbackTag"])
                    described = _describe(selector, body, selector["fallbackTag"])
                return [(pub, described)] if pub else []
            tagged = pacts_repo.publications_for_provider(
                session, provider.id, consumer.id, tag=selector["tag"]
            )
            return [(p, described) for p in tagged]
        if any(selector.get(k) for k in ENVIRONMENT_KEYS):
            environment = (
                environments_repo.by_name(session, selector["environment"])
                if selector.get("environment")
                else None
            )
            env_id = environment.id if environment else None
            versions: list[Version] = []
            if selector.get("deployed") or selector.get("deployedOrReleased") or not selector.get("released"):
                rows = environments_repo.currently_deployed(
                    session, environment_id=env_id, pacticipant_ids=[consumer.id]
                )
                versions += [r.version for r in rows]
            if selector.get("released") or selector.get("deployedOrReleased") or not selector.get("deployed"):
                rows = environments_repo.currently_released(
                    session, environment_id=env_id, pacticipant_ids=[consumer.id]
                )
                versions += [r.version for r in rows]
            publications = pacts_repo.publications_by_consumer_versions(
                session, {v.id for v in versions}, [provider.id]
            )
            return [(p, described) for p in publications]
        pub = latest()
        return [(pub, described)] if pub else []

    def _pending(
        self, session: Session, pact_version_id: int, body: dict[str, Any], *, wip_counts: bool = True
    ) -> bool:
        """Pending until verified successfully by the provider branch (or one of the tags, or at all);
        a success on another branch from before the branch existed also counts, so a new feature
        branch of the provider does not find everything already verified on main pending again.
        Without `wip_counts`, successes published for the pact as work in progress do not count (a pact
        stays WIP until verified when selected)."""
        branch = body.get("providerVersionBranch")
        tags = set(body.get("providerVersionTags") or [])
        successes = verifications_repo.for_pact_versions(session, [pact_version_id], success=True)
        if not wip_counts:
            successes = [v for v in successes if not v.wip]
        if branch:
            provider_id = successes[0].provider_version.pacticipant_id if successes else None
            row = versions_repo.branch(session, provider_id, branch) if provider_id else None
            for verification in successes:
                names = {bv.branch.name for bv in verification.provider_version.branch_versions}
                if branch in names:
                    return False
                if names and (row is None or _aware(verification.created_at) < _aware(row.created_at)):
                    return False
            return True
        if tags:
            return any(self._pending_for_tag(session, tag, successes) for tag in tags)
        return not successes

    @staticmethod
    def _pending_for_tag(session: Session, tag: str, successes: Sequence[Verification]) -> bool:
        """As for a branch: pending for the tag unless a provider version with the tag verified it, or one
        with another tag did before the tag was first used."""
        if not successes:
            return True
        first = versions_repo.first_tagged_at(session, successes[0].provider_version.pacticipant_id, tag)
        for verification in successes:
            names = {t.name for t in verification.provider_version.tags}
            if tag in names:
                return False
            if names and (first is None or _aware(verification.created_at) < _aware(first)):
                return False
        return True

    def _wip(
        self,
        session: Session,
        provider: Pacticipant,
        consumers: Sequence[Pacticipant],
        since: datetime,
        body: dict[str, Any],
        already: set[int],
    ) -> list[VerifiablePact]:
        wip: dict[int, VerifiablePact] = {}
        for consumer in consumers:
            heads: dict[tuple[str, str], PactPublication] = {}
            recent = pacts_repo.publications_for_provider(
                session, provider.id, consumer.id, created_since=since
            )
            versions_repo.load_details(session, [p.consumer_version for p in recent])
            for publication in recent:
                version = publication.consumer_version
                for key in [("branch", bv.branch.name) for bv in version.branch_versions] + [
                    ("tag", t.name) for t in version.tags
                ]:
                    heads.setdefault(key, publication)  # newest first
            for (kind, name), publication in heads.items():
                if publication.pact_version_id in already or not self._pending(
                    session, publication.pact_version_id, body, wip_counts=False
                ):
                    continue
                entry = wip.setdefault(
                    publication.pact_version_id,
                    VerifiablePact(publication.pact_version, pending=True, wip=True),
                )
                entry.selected.append(Selection(publication, f"latest from {kind} {name} (work in progress)"))
        return list(wip.values())
