"""Badges: where the Pact Broker sends a README's badge image by default (its `redirect` badge mode):
a shields.io URL whose words and colour say whether the latest pact is verified, or whether a tagged
version can be deployed. Nothing is fetched from shields.io here; the client follows the redirect."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import PactPublication, Tag, Verification, Version
from ..repositories import environments as environments_repo
from ..repositories import pacticipants as pacticipants_repo
from ..repositories import pacts as pacts_repo
from ..repositories import versions as versions_repo
from .matrix import MatrixQuery, MatrixService, Selector, branch_to_environment

__all__ = ["BadgeService", "PactStatus"]

# the Pact Broker's words and colours for a pact's "pseudo branch" verification status
_STATUS = {
    "success": ("verified", "brightgreen"),
    "failed": ("failed", "red"),
    "stale": ("changed", "orange"),
}
_UNKNOWN = ("unknown", "lightgrey")
_SEPARATORS = re.compile(r"[\s_\-]")
_CAMEL = (re.compile(r"([A-Z]+)([A-Z][a-z])"), re.compile(r"([a-z\d])([A-Z])"))


@dataclass(frozen=True)
class PactStatus:
    consumer: str
    provider: str
    found: bool  # is there a pact at all
    status: str  # never | success | failed | stale


def _escape(text: str) -> str:
    """A shields.io path segment: a dash or underscore doubled, then percent-encoded."""
    return quote(text.replace("-", "--").replace("_", "__"), safe="")


def _initials(name: str) -> str:
    parts = _SEPARATORS.split(name)
    if len(parts) == 1:
        name = _CAMEL[1].sub(r"\1_\2", _CAMEL[0].sub(r"\1_\2", name))
        parts = name.replace("-", "_").split("_")
    return "".join(p[:1] for p in parts).lower() if len(parts) > 1 else name.lower()


def _name(name: str, initials: bool, tag: str | None) -> str:
    short = _initials(name) if initials else name.lower()
    return f"{short} ({tag})" if tag else short


class BadgeService:
    def __init__(self, db: Database, matrix: MatrixService, shields_base_url: str) -> None:
        self.db = db
        self.matrix = matrix
        self.shields = shields_base_url.rstrip("/")

    def _url(self, left: str, right: str, color: str) -> str:
        return f"{self.shields}/badge/{_escape(left)}-{_escape(right)}-{color}.svg"

    def error_url(self, left: str, right: str) -> str:
        return self._url(left, right, "lightgrey")

    def pact_status(
        self,
        provider: str,
        consumer: str,
        *,
        tag: str | None = None,
        untagged: bool = False,
        provider_tag: str | None = None,
    ) -> PactStatus:
        """The latest pact of the pair (of a consumer version with the tag, or with none) against the
        latest verification of any of the pair's pacts from such versions (by a provider version with
        `provider_tag`): verified, failed, or changed since its last successful verification."""
        with self.db.reading() as session:
            consumer_row = pacticipants_repo.by_name(session, consumer)
            provider_row = pacticipants_repo.by_name(session, provider)
            if consumer_row is None or provider_row is None:
                return PactStatus(consumer, provider, False, "never")
            pact = pacts_repo.latest_publication(
                session, consumer_row.id, provider_row.id, tag=tag, untagged=untagged
            )
            if pact is None:
                return PactStatus(consumer, provider, False, "never")
            verification = _latest_verification(
                session, consumer_row.id, provider_row.id, tag, untagged, provider_tag
            )
            if verification is None:
                status = "never"
            elif not verification.success:
                status = "failed"
            else:
                status = "success" if verification.pact_version_id == pact.pact_version_id else "stale"
            return PactStatus(consumer_row.name, provider_row.name, True, status)

    def pact_url(
        self,
        status: PactStatus,
        label: str | None,
        initials: bool,
        tags: tuple[str | None, str | None] = (None, None),
    ) -> str:
        """The badge of a pact's status; `label` consumer or provider names only that side; `tags` are
        the consumer and provider tags the matrix badge shows beside the names."""
        words, color = _STATUS.get(status.status, _UNKNOWN)
        if not status.found:
            return self._url("pact not found", words, color)
        consumer, provider = (
            _name(status.consumer, initials, tags[0]),
            _name(status.provider, initials, tags[1]),
        )
        side = (label or "").lower()
        title = (
            consumer if side == "consumer" else provider if side == "provider" else f"{consumer}/{provider}"
        )
        return self._url(f"{title} pact".lower(), words, color)

    def can_i_deploy_url(self, pacticipant: str, tag: str, to: str, label: str | None) -> str:
        """Can the latest version of `pacticipant` with `tag` go where the latest versions tagged `to` are."""
        with self.db.reading() as session:
            row = pacticipants_repo.by_name(session, pacticipant)
            if row is None:
                return self.error_url("pacticipant", "not found")
            if versions_repo.latest(session, row.id, tag=tag) is None:
                return self.error_url("version", "not found")
        query = MatrixQuery(
            selectors=[Selector(pacticipant=pacticipant, latest=True, tag=tag)],
            latestby="cvp",
            latest=True,
            tag=to,
        )
        deployable = self.matrix.find(query).deployable is True
        return self._url(label or "can-i-deploy", f"{tag} to {to}", "brightgreen" if deployable else "red")

    def can_i_deploy_branch_url(
        self, pacticipant: str, branch: str, environment: str, label: str | None
    ) -> str:
        """Can the latest version of `pacticipant` on the branch go to the environment."""
        with self.db.reading() as session:
            row = pacticipants_repo.by_name(session, pacticipant)
            if row is None:
                return self.error_url("pacticipant", "not found")
            if versions_repo.latest(session, row.id, branch=branch) is None:
                missing = "version" if versions_repo.branch(session, row.id, branch) else "branch"
                return self.error_url(missing, "not found")
            if environments_repo.by_name(session, environment) is None:
                return self.error_url("environment", "not found")
        query = branch_to_environment(pacticipant, branch, environment)
        deployable = self.matrix.find(query).deployable is True
        return self._url(
            label or "can-i-deploy", f"{branch} to {environment}", "brightgreen" if deployable else "red"
        )


def _latest_verification(
    session: Session,
    consumer_id: int,
    provider_id: int,
    tag: str | None,
    untagged: bool,
    provider_tag: str | None,
) -> Verification | None:
    versions = versions_repo.newest_first(consumer_id, tag=tag).order_by(None).with_only_columns(Version.id)
    if untagged:
        versions = versions.where(~Version.id.in_(select(Tag.version_id)))
    pact_versions = select(PactPublication.pact_version_id).where(
        PactPublication.provider_id == provider_id, PactPublication.consumer_version_id.in_(versions)
    )
    query = select(Verification).where(Verification.pact_version_id.in_(pact_versions))
    if provider_tag is not None:
        query = query.where(
            Verification.provider_version_id.in_(select(Tag.version_id).where(Tag.name == provider_tag))
        )
    return session.scalar(query.order_by(Verification.id.desc()).limit(1))
