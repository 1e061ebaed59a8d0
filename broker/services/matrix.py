"""The matrix and can-i-deploy: which consumer and provider versions are compatible.

Each selector (pacticipant plus version, latest, tag, branch or main branch) resolves to versions.
With one selector and a destination (an environment, a tag, `latest` or the main branch), the
broker infers the other side: every pacticipant integrated with the selected one, at the versions
in that destination. Every pact between a consumer and a provider in the selection must have a
successful verification for the version to be deployable. Where a provider version has not verified a
pact but published a provider contract, the bi-directional result stands in for a verification (see
`bidirectional`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import Environment, Pacticipant, Version
from ..errors import Invalid
from ..repositories import environments as environments_repo
from ..repositories import matrix_rows
from ..repositories import pacticipants as pacticipants_repo
from ..repositories import versions as versions_repo
from ..repositories.matrix_rows import PactRef, VerificationRef, VersionDetails, VersionRef
from .bidirectional import BidirectionalResult, results_for

__all__ = [
    "DEFAULT_LIMIT",
    "MatrixQuery",
    "MatrixResult",
    "MatrixService",
    "Row",
    "Selector",
    "branch_to_environment",
]

DEFAULT_LIMIT = 100  # rows, as the Pact Broker answers without `limit`

SUCCESSFUL = "All required verification results are published and successful"
NO_DEPENDENCIES = "There are no missing dependencies"
NO_ENVIRONMENT = (
    "WARN: It is recommended to specify the environment into which you are deploying. Without the "
    "environment, this result will not be reliable."
)
NO_VERSION = (
    "WARN: It is recommended to specify the version number (rather than the tag or branch) of the "
    "pacticipant you wish to deploy to avoid race conditions. Without a version number, this result will "
    "not be reliable."
)


@dataclass
class Selector:
    pacticipant: str = ""
    version: str | None = None
    latest: bool = False
    tag: str | None = None
    branch: str | None = None
    main_branch: bool = False


@dataclass
class MatrixQuery:
    selectors: list[Selector]
    latestby: str | None = None
    latest: bool = False
    tag: str | None = None
    environment: str | None = None
    main_branch: bool = False
    ignore: list[Selector] = field(default_factory=list)
    success: bool | None = None  # only the rows whose verification succeeded (True) or failed (False)
    limit: int = DEFAULT_LIMIT  # the most recent pacts considered, and rows answered


def branch_to_environment(pacticipant: str, branch: str, environment: str) -> MatrixQuery:
    """Can the latest version on the branch go to the environment? Every version deployed or released
    there is checked on its own (`cvpv`), as the Pact Broker's branch-to-environment form asks."""
    return MatrixQuery(
        selectors=[Selector(pacticipant=pacticipant, latest=True, branch=branch)],
        latestby="cvpv",
        environment=environment,
    )


def _refs(versions: list[Version | None]) -> list[VersionRef]:
    return [VersionRef(v.id, v.number, v.created_at) for v in versions if v is not None]


@dataclass
class _Resolved:
    """A selector's versions; kind `all` stands for every version of the pacticipant (not listed)."""

    pacticipant: Pacticipant
    versions: list[VersionRef]
    specified: bool
    kind: str  # version | latest | tag | branch | main | all | environment
    label: str = ""  # tag, branch or environment name
    missing_version: str | None = None

    def describe(self, version: VersionRef | None = None) -> str:
        name = self.pacticipant.name
        many = len(self.versions) > 1
        number = f" ({version.number})" if version else ""
        if self.kind == "version":
            if version is None:
                return f"version {self.missing_version} of {name} (no such version exists)"
            return f"version {version.number} of {name}"
        if self.kind == "environment":
            if version is None:
                return (
                    f"a version of {name} currently in {self.label} "
                    "(no version is currently recorded as deployed/released in this environment)"
                )
            return f"{'one of the versions' if many else 'the version'} of {name} currently in {self.label}{number}"
        suffix = number or " (no such version exists)"
        if self.kind == "tag":
            return f"the latest version of {name} with tag {self.label}{suffix}"
        if self.kind == "branch":
            return f"the latest version of {name} from branch {self.label}{suffix}"
        if self.kind == "main":
            if version is None:
                which = "the latest version" if self.specified else "any version"
                return f"{which} of {name} from the main branch (no versions exist for this branch)"
            return f"the latest version of {name} from the main branch{number}"
        if self.kind == "latest":
            return f"the latest version of {name}{suffix}"
        return f"any version of {name}"


@dataclass(slots=True)
class Row:
    consumer_side: _Resolved
    provider_side: _Resolved
    pact: PactRef
    provider_version: VersionRef | None
    verification: VerificationRef | BidirectionalResult | None
    ignored: bool = False
    checked: VersionRef | None = None  # the provider version the row is about, verified or not

    @property
    def consumer(self) -> Pacticipant:
        return self.consumer_side.pacticipant

    @property
    def provider(self) -> Pacticipant:
        return self.provider_side.pacticipant

    @property
    def consumer_version(self) -> VersionRef:
        return self.pact.consumer_version

    def between(self) -> str:
        """ "<the consumer version> and <the provider version>", as reasons name them."""
        return f"{self.consumer_side.describe(self.consumer_version)} and {self.provider_side.describe(self.checked)}"

    def last_action(self) -> tuple:
        """The Pact Broker's order of recency: the later of the two versions, then the pact, then the
        verification."""
        created = self.pact.consumer_version.created_at
        if self.provider_version is not None and self.provider_version.created_at > created:
            created = self.provider_version.created_at
        return (created, self.pact.consumer_version.id, self.verification.id if self.verification else 0)


@dataclass
class MatrixResult:
    rows: list[Row]
    deployable: bool | None
    reasons: list[str]
    success: int
    failed: int
    unknown: int
    ignored: int
    notices: list[dict[str, str]]
    versions: dict[int, VersionDetails]  # the tags and branches of every version in the rows


def _validate(session: Session, query: MatrixQuery) -> tuple[dict[str, Pacticipant], Environment | None]:
    """Check the query; returns the selected pacticipants by name, and the destination environment."""
    errors: list[str] = []
    found = pacticipants_repo.by_names(session, [s.pacticipant for s in query.selectors if s.pacticipant])
    if not query.selectors:
        errors.append("Please provide 1 or more version selectors.")
    for selector in query.selectors:
        if not selector.pacticipant:
            errors.append("Please specify the pacticipant name")
        elif selector.version and selector.latest:
            errors.append(
                f"A version number and latest flag cannot both be specified for {selector.pacticipant}"
            )
        elif selector.pacticipant not in found:
            errors.append(f"Pacticipant {selector.pacticipant} not found")
    for selector in query.ignore:
        if not selector.pacticipant:
            errors.append("Please specify the pacticipant name to ignore")
    destinations = [d for d in (query.tag, query.environment, query.main_branch or None) if d]
    if len(destinations) > 1:
        errors.append("Cannot specify more than one of tag, environment and mainBranch.")
    if query.latest and query.environment:
        errors.append("Cannot specify both latest=true and an environment.")
    environment = environments_repo.by_name(session, query.environment) if query.environment else None
    if query.environment and environment is None:
        errors.append(f"Environment with name '{query.environment}' does not exist")
    if query.latestby not in (None, "", "cvp", "cvpv"):
        errors.append("latestby must be cvp or cvpv")
    if errors:
        raise Invalid(errors[0], errors)
    return found, environment


def _resolve(session: Session, selector: Selector, pacticipants: dict[str, Pacticipant]) -> _Resolved:
    pacticipant = pacticipants.get(selector.pacticipant)
    assert pacticipant is not None
    if selector.version:
        version = versions_repo.by_number(session, pacticipant.id, selector.version)
        resolved = _Resolved(pacticipant, _refs([version]), True, "version")
        resolved.missing_version = None if version else selector.version
        return resolved
    if selector.main_branch:
        branch, kind, label = pacticipant.main_branch, "main", ""
    else:
        branch, kind, label = selector.branch, "branch", selector.branch or ""
    if branch or selector.main_branch:
        if selector.latest or selector.main_branch:
            version = versions_repo.latest(session, pacticipant.id, branch=branch) if branch else None
            return _Resolved(pacticipant, _refs([version]), True, kind, label)
        return _Resolved(
            pacticipant,
            _refs(list(versions_repo.versions_of(session, pacticipant.id, branch=branch))),
            True,
            kind,
            label,
        )
    if selector.tag:
        if selector.latest:
            version = versions_repo.latest(session, pacticipant.id, tag=selector.tag)
            return _Resolved(pacticipant, _refs([version]), True, "tag", selector.tag)
        return _Resolved(
            pacticipant,
            _refs(list(versions_repo.versions_of(session, pacticipant.id, tag=selector.tag))),
            True,
            "tag",
            selector.tag,
        )
    if selector.latest:
        version = versions_repo.latest(session, pacticipant.id)
        return _Resolved(pacticipant, _refs([version]), True, "latest")
    return _Resolved(pacticipant, [], True, "all")


def _infer(
    session: Session, query: MatrixQuery, target: _Resolved, environment: Environment | None
) -> list[_Resolved]:
    """The versions of every pacticipant integrated with the target, in the destination."""
    pacticipant = target.pacticipant
    version_ids = None if target.kind == "all" else [v.id for v in target.versions]
    others = pacticipants_repo.integrated_ids(session, pacticipant.id, version_ids)
    rows = {p.id: p for p in pacticipants_repo.by_ids(session, others)}
    inferred: list[_Resolved] = []
    if environment is not None:
        found: dict[int, list[Version]] = {}
        for row in environments_repo.currently_deployed(
            session, environment_id=environment.id, pacticipant_ids=others
        ):
            found.setdefault(row.pacticipant_id, []).append(row.version)
        for row in environments_repo.currently_released(
            session, environment_id=environment.id, pacticipant_ids=others
        ):
            found.setdefault(row.pacticipant_id, []).append(row.version)
    for other_id, other in sorted(rows.items(), key=lambda item: item[1].name):
        if environment is not None:
            unique = {v.id: v for v in found.get(other_id, [])}
            inferred.append(
                _Resolved(other, _refs(list(unique.values())), False, "environment", environment.name)
            )
        elif query.main_branch:
            version = (
                versions_repo.latest(session, other_id, branch=other.main_branch)
                if other.main_branch
                else None
            )
            inferred.append(_Resolved(other, _refs([version]), False, "main"))
        elif query.tag:
            version = versions_repo.latest(session, other_id, tag=query.tag)
            inferred.append(_Resolved(other, _refs([version]), False, "tag", query.tag))
        else:
            version = versions_repo.latest(session, other_id)
            inferred.append(_Resolved(other, _refs([version]), False, "latest"))
    return inferred


def _warnings(query: MatrixQuery, resolved: list[_Resolved]) -> list[str]:
    """One selected pacticipant compared with no environment, tag or main branch: the answer says
    nothing about where it is going. Selected versions none of which is named by its number (a tag's
    or branch's latest): the answer may be about another version by the time it is used."""
    warnings = []
    if sum(1 for r in resolved if r.specified) == 1 and not (
        query.environment or query.tag or query.main_branch
    ):
        warnings.append(NO_ENVIRONMENT)
    selected = [r for r in resolved if r.specified and r.kind != "all"]
    if selected and not any(r.kind == "version" for r in selected):
        warnings.append(NO_VERSION)
    return warnings


def _ignored(query: MatrixQuery, pacticipant: Pacticipant, version: VersionRef | None) -> bool:
    return bool(query.ignore) and any(
        s.pacticipant == pacticipant.name
        and (s.version is None or (version is not None and s.version == version.number))
        for s in query.ignore
    )


def _newest_provider_version_only(rows: list[Row]) -> list[Row]:
    """latestby=cvp: of the verified rows of one consumer version and provider, the one by the newest
    provider version (the rows of an environment's instances each stand)."""
    newest: dict[tuple[int, int], Row] = {}
    for row in rows:
        if row.verification is None or row.provider_side.kind == "environment":
            continue
        key = (row.consumer_version.id, row.provider.id)
        if (
            key not in newest
            or row.verification.provider_version.id > newest[key].verification.provider_version.id
        ):
            newest[key] = row
    return [
        r
        for r in rows
        if r.verification is None
        or r.provider_side.kind == "environment"
        or newest[(r.consumer_version.id, r.provider.id)] is r
    ]


class MatrixService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def find(self, query: MatrixQuery) -> MatrixResult:
        with self.db.reading() as session:
            pacticipants, environment = _validate(session, query)
            resolved = [_resolve(session, s, pacticipants) for s in query.selectors]
            destination = query.environment or query.tag or query.latest or query.main_branch
            if len(resolved) == 1 and destination:
                resolved += _infer(session, query, resolved[0], environment)
            return self._evaluate(session, query, resolved)

    def _evaluate(self, session: Session, query: MatrixQuery, resolved: list[_Resolved]) -> MatrixResult:
        rows: list[Row] = []
        missing = [r for r in resolved if r.specified and r.kind == "version" and not r.versions]
        version_ids = {v.id for r in resolved for v in r.versions}
        any_version_of = {r.pacticipant.id for r in resolved if r.kind == "all"}
        pacts = matrix_rows.publications(
            session,
            {r.pacticipant.id for r in resolved},
            version_ids=version_ids,
            any_version_of=any_version_of,
            limit=query.limit,
        )
        latest: dict[int, dict[int, VerificationRef | BidirectionalResult]] = {}
        if pacts:  # pact version -> provider version -> its newest verification, else its comparison
            pact_version_ids = {p.pact_version_id for p in pacts}
            for verification in matrix_rows.verifications(  # oldest first, so the newest wins
                session, pact_version_ids, version_ids=version_ids, any_version_of=any_version_of
            ):
                latest.setdefault(verification.pact_version_id, {})[verification.provider_version.id] = (
                    verification
                )
            for result in results_for(
                session, pact_version_ids, version_ids=version_ids, any_version_of=any_version_of
            ):
                by_version = latest.setdefault(result.pact_version_id, {})
                by_version.setdefault(result.provider_version.id, result)  # a verification comes first
        for consumer in resolved:
            consumer_ids = {v.id for v in consumer.versions}
            for provider in resolved:
                if consumer is provider or consumer.pacticipant.id == provider.pacticipant.id:
                    continue
                if not (consumer.specified or provider.specified):
                    continue
                pair = [
                    p
                    for p in pacts
                    if p.provider_id == provider.pacticipant.id
                    and (
                        p.consumer_version.id in consumer_ids
                        or (consumer.kind == "all" and p.consumer_id == consumer.pacticipant.id)
                    )
                ]
                rows += self._pair(query, consumer, provider, pair, latest)
        # in the Pact Broker's order: the limit, then latestby=cvp, then the success filter
        if len(rows) > query.limit:  # the most recent rows, in the order found
            kept = {id(r) for r in sorted(rows, key=Row.last_action, reverse=True)[: query.limit]}
            rows = [r for r in rows if id(r) in kept]
        if query.latestby == "cvp":
            rows = _newest_provider_version_only(rows)
        if query.success is not None:
            rows = [r for r in rows if r.verification is not None and r.verification.success == query.success]
        return self._summarise(session, query, resolved, rows, missing)

    def _summarise(
        self,
        session: Session,
        query: MatrixQuery,
        resolved: list[_Resolved],
        rows: list[Row],
        missing: list[_Resolved],
    ) -> MatrixResult:
        reasons: list[str] = []
        failed_reasons: list[str] = []
        unknown_reasons: list[str] = []
        passed_reasons: list[str] = []  # bi-directional passes say what they rest on
        for row in rows:
            if row.ignored:
                continue
            if row.verification is None:
                unknown_reasons.append(f"There is no verified pact between {row.between()}")
            elif isinstance(row.verification, BidirectionalResult):
                found = passed_reasons if row.verification.success else failed_reasons
                found.append(row.verification.why(row.between()))
            elif not row.verification.success:
                failed_reasons.append(f"The verification for the pact between {row.between()} failed")
        considered = [r for r in rows if not r.ignored]
        success = sum(1 for r in considered if r.verification is not None and r.verification.success)
        failed = sum(1 for r in considered if r.verification is not None and not r.verification.success)
        unknown = sum(1 for r in considered if r.verification is None)
        # as the Pact Broker decides: a selected version that does not exist is "no"; any pact not yet
        # verified leaves the answer open (null), even beside a failure; otherwise every result must pass
        if missing:
            deployable: bool | None = False
            reasons += [
                f"No pacts or verifications have been published for version {m.missing_version} of {m.pacticipant.name}"
                for m in missing
            ]
        elif unknown:
            deployable = None
        else:
            deployable = not failed
        reasons += list(dict.fromkeys(failed_reasons + unknown_reasons))
        if deployable:
            reasons += list(dict.fromkeys(passed_reasons))
            reasons.append(SUCCESSFUL if considered else NO_DEPENDENCIES)
        notices = [{"type": "warning", "text": w} for w in _warnings(query, resolved)]
        notices += [{"type": "success" if deployable else "error", "text": r} for r in reasons]
        reasons = [n["text"] for n in notices]
        version_ids = {r.consumer_version.id for r in rows} | {
            r.provider_version.id for r in rows if r.provider_version
        }
        details = matrix_rows.version_details(session, version_ids)
        return MatrixResult(
            rows, deployable, reasons, success, failed, unknown, len(rows) - len(considered), notices, details
        )

    def _pair(
        self,
        query: MatrixQuery,
        consumer: _Resolved,
        provider: _Resolved,
        pacts: list[PactRef],
        latest: dict[int, dict[int, VerificationRef | BidirectionalResult]],
    ) -> list[Row]:
        """One row per verification of each pact by a selected provider version (the newest one by each),
        or one unverified row when none verified it. Where the provider versions are those in an
        environment, each deployed or released instance is a row of its own, verified or not."""
        rows: list[Row] = []
        by_pact_version: dict[int, list] = {}  # any provider version: each pact content's, newest first
        for pact in pacts:
            cv = pact.consumer_version
            by_version = latest.get(pact.pact_version_id, {})
            checks: list[tuple[VersionRef | None, VerificationRef | BidirectionalResult | None]]
            if provider.kind == "all":
                if pact.pact_version_id not in by_pact_version:
                    by_pact_version[pact.pact_version_id] = sorted(
                        ((v.provider_version, v) for v in by_version.values()),
                        key=lambda c: c[0].id,
                        reverse=True,
                    )
                checks = by_pact_version[pact.pact_version_id]
            else:
                checks = [(pv, by_version.get(pv.id)) for pv in provider.versions]
            verified = [c for c in checks if c[1] is not None]
            if provider.kind == "environment":
                chosen = checks or [(None, None)]
            elif verified:
                chosen = verified
            else:
                chosen = [(provider.versions[0] if len(provider.versions) == 1 else None, None)]
            for pv, verification in chosen:
                ignored = _ignored(query, consumer.pacticipant, cv) or _ignored(
                    query, provider.pacticipant, pv
                )
                provider_version = pv if verification else None
                rows.append(Row(consumer, provider, pact, provider_version, verification, ignored, pv))
        return rows
