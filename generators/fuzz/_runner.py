"""Drive schemathesis' engine over a contract and collect a `FuzzResult`."""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from accord.contracts import Contract, Operation

from ._options import DEFAULT_PHASES, FuzzOptions, select_operations
from ._result import Failure, FuzzResult, OperationResult, RunError

__all__ = ["ProgressEvent", "run_fuzz"]


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    """What a progress display needs: a phase starting, or one operation's scenario ending."""

    kind: str  # "phase" | "scenario"
    phase: str
    operation: str | None = None
    status: str | None = None  # success, failure, error, skip


def schemathesis_config(options: FuzzOptions, base_url: str) -> Any:
    """The schemathesis configuration for a run, built from its documented configuration format."""
    import schemathesis

    return schemathesis.Config.from_dict(
        {
            "seed": options.seed,
            "base-url": base_url,
            "workers": options.workers,
            "headers": dict(options.headers),
            "request-timeout": options.request_timeout,
            "generation": {"max-examples": options.max_examples, "database": "none"},
            "checks": {"enabled": False, **{name: {"enabled": True} for name in options.checks}},
            "phases": {name: {"enabled": name in options.phases} for name in DEFAULT_PHASES},
            "warnings": False,
            # no crash cache in the user's directory: a run is reproduced by its seed alone
            "cache": {"enabled": False},
        }
    )


def load_schema(
    contract: Contract,
    options: FuzzOptions,
    chosen: list[Operation],
    *,
    base_url: str | None,
    app: Any = None,
) -> Any:
    """A schemathesis schema over (a copy of) the bundled contract, limited to the chosen operations."""
    import schemathesis

    if contract.kind != "openapi":
        raise ValueError(f"{contract.path}: accord fuzz needs an OpenAPI contract, not {contract.kind}")
    schema = schemathesis.openapi.from_dict(
        copy.deepcopy(contract.document), config=schemathesis_config(options, base_url or "http://localhost")
    )
    if app is not None:
        schema.app = app
    if len(chosen) < len(contract.operations):
        schema = schema.include(name=[op.key for op in chosen])
    return schema


def run_fuzz(
    contract: Contract,
    options: FuzzOptions,
    *,
    base_url: str | None = None,
    app: Any = None,
    target: str | None = None,
    on_progress: Callable[[ProgressEvent], None] | None = None,
) -> FuzzResult:
    """Fuzz the provider at `base_url` (or the in-process `app`) against `contract`.

    Raises OptionError / ValueError for bad input; everything the provider does wrong is in the result.
    """
    from schemathesis.engine import events, from_schema

    options.check()
    chosen = select_operations(contract, options.include, options.exclude)
    schema = load_schema(contract, options, chosen, base_url=base_url, app=app)
    result = FuzzResult(
        contract=contract.path,
        target=target or base_url or "app",
        seed=options.seed,
        checks=options.checks,
        phases=options.phases,
        operations={op.key: OperationResult(op.key, op.operation_id) for op in chosen},
    )
    seen: set[tuple[str, str, str, str]] = set()
    notify = on_progress or (lambda _event: None)
    started = time.monotonic()
    for event in from_schema(schema).execute():
        if isinstance(event, events.PhaseStarted) and event.phase.is_enabled:
            notify(ProgressEvent("phase", event.phase.name.value))
        elif isinstance(event, events.ScenarioFinished | events.FuzzScenarioFinished):
            phase = getattr(event, "phase", None)
            phase_name = phase.value if phase is not None else "fuzzing"
            _record_scenario(result, event.recorder, phase_name, seen)
            notify(ProgressEvent("scenario", phase_name, event.recorder.label, str(event.status.value)))
        elif isinstance(event, events.NonFatalError):
            _record_error(result, event)
        elif isinstance(event, events.FatalError):
            raise ValueError(f"schemathesis could not run: {event.exception}")
    result.duration = time.monotonic() - started
    return result


def _record_scenario(
    result: FuzzResult, recorder: Any, phase: str, seen: set[tuple[str, str, str, str]]
) -> None:
    for case_id, node in recorder.cases.items():
        op = result.operations.get(node.value.operation.label)
        if op is not None and case_id in recorder.interactions:
            op.tested = True
    for case_id, checks in recorder.checks.items():
        node = recorder.cases.get(case_id)
        if node is None:
            continue
        label = node.value.operation.label
        op = result.operations.get(label)
        if op is None:
            continue
        op.tested = True
        interaction = recorder.interactions.get(case_id)
        status = interaction.response.status_code if interaction and interaction.response else None
        for check in checks:
            info = check.failure_info
            if info is None:
                continue
            failure = info.failure
            key = (label, check.name, failure.code, failure.title)
            if key in seen:
                continue
            seen.add(key)
            op.failures.append(
                Failure(
                    operation=label,
                    check=check.name,
                    code=failure.code,
                    title=failure.title,
                    message=failure.message.strip() or _body_excerpt(interaction),
                    curl=info.code_sample,
                    status_code=status,
                    phase=phase,
                )
            )


def _body_excerpt(interaction: Any) -> str:
    """A server error's message is empty; the start of the response body usually says what broke."""
    response = interaction.response if interaction is not None else None
    if response is None:
        return ""
    text = response.content.decode("utf-8", "replace").strip()
    return text[:300] + ("…" if len(text) > 300 else "")


def _record_error(result: FuzzResult, event: Any) -> None:
    from schemathesis.errors import NoLinksFound

    if isinstance(event.value, NoLinksFound):
        return  # the filters left no OpenAPI link to follow: the stateful phase has nothing to do
    error = RunError(
        operation=event.label if event.related_to_operation else None,
        title=event.info.title,
        message=event.info.message,
        phase=event.phase.value if event.phase is not None else None,
    )
    op = result.operations.get(event.label) if event.related_to_operation else None
    target = op.errors if op is not None else result.errors
    if error not in target:
        target.append(error)
