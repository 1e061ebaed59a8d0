"""What a pact's publication detected, as the Pact Broker describes it to the publisher (the `Events
detected:` notice): `contract_published`, and `contract_content_changed` with why, for a new pact
against the previous pact of each of the consumer version's tags (or the previous untagged pact), for
a pact published over the version's existing one against that; `contract_content_unchanged` when
republished as it was."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..repositories import pacts as pacts_repo
from ..repositories import versions as versions_repo

__all__ = ["detected"]


def _compared_with_tags(
    session: Session, consumer_id: int, version_id: int, provider_id: int, sha: str, tags: list[str] | None
) -> tuple[str, ...]:
    if tags is None:
        tags = versions_repo.tag_names(session, version_id)
    reasons = []
    for tag in tags or [None]:
        previous = pacts_repo.previous_sha(
            session, consumer_id, version_id, provider_id, tag=tag, untagged=tag is None
        )
        if previous == sha:
            continue
        if tag is None:
            reasons.append(
                "pact content has changed since previous untagged version"
                if previous
                else "first time untagged pact published"
            )
        elif previous:
            reasons.append(f"pact content has changed since the last consumer version tagged with {tag}")
        else:
            reasons.append(
                f"first time any pact published for this consumer with consumer version tagged {tag}"
            )
    if reasons:
        return ("contract_published", f"contract_content_changed ({', '.join(reasons)})")
    if len(tags) == 1:
        same = f"pact content is the same as previous version with tag {tags[0]}"
    else:  # the Pact Broker's words, also for a version with no tag
        same = f"pact content is the same as previous versions with tags {', '.join(tags)}"
    return (f"contract_published ({same} and no new tags were applied)",)


def detected(
    session: Session,
    *,
    consumer: str,
    consumer_id: int,
    number: str,
    version_id: int,
    provider_id: int,
    sha: str,
    outcome: str,
    tags: list[str] | None = None,
) -> tuple[str, ...]:
    """The events of one pact's publication (`outcome`: created, updated or unchanged), each named with
    why where the Pact Broker says why; `tags`: the version's, when known (else they are read)."""
    if outcome == "created":
        return _compared_with_tags(session, consumer_id, version_id, provider_id, sha, tags)
    if outcome == "updated":
        why = f"pact content modified since previous publication for {consumer} version {number}"
        return ("contract_published", f"contract_content_changed ({why})")
    return ("contract_published", "contract_content_unchanged (pact content was unchanged)")
