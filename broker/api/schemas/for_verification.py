"""The pacts-for-verification query (`POST` body or `GET` query string), as the Pact Broker's
`PactsForVerificationJSONQuerySchema` validates it: each consumer version selector's fields and the
combinations of them it allows. A refusal is 400 with `errors` keyed by field, a selector's as
`consumerVersionSelectors[i]`, in the Pact Broker's words."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainValidator,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ...errors import Invalid
from ...services.for_verification import (
    BRANCH_KEYS,
    ENVIRONMENT_KEYS,
    VerificationQuery,
    VerificationSelector,
)

__all__ = [
    "QUERY_SCHEMA",
    "ConsumerVersionSelector",
    "PactsForVerificationQuery",
    "verification_query",
]


def _check(test: Any, message: str, shown: Any, null: str | None = "must be filled") -> Any:
    """A field validator that keeps the value when `test` accepts it, else refuses it with `message`;
    null is refused with `null` (the Pact Broker's `filled`), or kept when that is None. `shown` is the
    type the OpenAPI document gives."""

    def validate(value: Any) -> Any:
        if value is None and null is None:
            return None
        if value is None or not test(value):
            raise PydanticCustomError("invalid", message if value is not None else null)
        return value

    return PlainValidator(validate, json_schema_input_type=shown)


def _to_date(value: Any) -> datetime | None:
    if value is None:  # the Rust verifier sends null when it asks for no WIP pacts
        return None
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    raise PydanticCustomError("invalid", "must be a date")


def _is_name(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


TrueOnly = Annotated[bool | None, _check(lambda v: v is True, "must be true", Literal[True] | None)]
SelectorName = Annotated[str | None, _check(_is_name, "can't be blank", str | None)]


class ConsumerVersionSelector(BaseModel):
    """Which consumer versions' pacts to verify. A field given as null counts as not given."""

    # fields in the order the Pact Broker reports their type errors; unknown fields are kept to be named
    # in the refusal (one given as null is not refused)
    model_config = ConfigDict(extra="allow", frozen=True, json_schema_extra={"additionalProperties": False})

    mainBranch: TrueOnly = None
    matchingBranch: TrueOnly = None
    deployed: TrueOnly = None
    released: TrueOnly = None
    deployedOrReleased: TrueOnly = None
    tag: SelectorName = None
    branch: SelectorName = None
    fallbackTag: SelectorName = None
    fallbackBranch: SelectorName = None
    consumer: Annotated[
        str | None, _check(lambda v: isinstance(v, str) and v != "", "can't be blank", str | None)
    ] = None  # blank (spaces) is refused with the combinations' errors, as by the Pact Broker
    environment: SelectorName = None
    latest: Annotated[
        bool | None, _check(lambda v: isinstance(v, bool), "must be true or false", bool | None)
    ] = None

    @model_validator(mode="before")
    @classmethod
    def _given(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise PydanticCustomError("invalid", "must be an object")
        return {k: v for k, v in data.items() if v is not None or k in cls.model_fields}

    @model_validator(mode="after")
    def _combinations(self, info: ValidationInfo) -> ConsumerVersionSelector:
        problems = self._problems(bool((info.context or {}).get("providerVersionBranch")))
        if problems:
            raise PydanticCustomError("combination", "{problems}", {"problems": problems})
        return self

    def _problems(self, provider_branch: bool) -> list[str]:
        values = {k: getattr(self, k) for k in self.model_fields_set} | (self.model_extra or {})
        given = set(values)
        errors = (
            ["consumer can't be blank"] if self.consumer is not None and not self.consumer.strip() else []
        )
        unknown = sorted(given - set(BRANCH_KEYS) - set(ENVIRONMENT_KEYS) - {"consumer"})
        if unknown:
            errors.append(f"unknown selector field(s) {', '.join(unknown)}")
        chosen = ("mainBranch", "tag", "branch", "environment", "matchingBranch", *ENVIRONMENT_KEYS[1:])
        if not any(values.get(k) for k in chosen) and self.latest is not True:
            errors.append(
                "must specify a value for environment or tag or branch, or specify mainBranch=true, "
                "matchingBranch=true, latest=true, deployed=true, released=true or deployedOrReleased=true"
            )
        if self.mainBranch and given - {"consumer", "mainBranch", "latest"}:
            errors.append("cannot specify mainBranch=true with any other criteria apart from consumer")
        if self.mainBranch and self.latest is False:
            errors.append("cannot specify mainBranch=true with latest=false")
        if self.matchingBranch and given - {"consumer", "matchingBranch"}:
            errors.append("cannot specify matchingBranch=true with any other criteria apart from consumer")
        if self.matchingBranch and not provider_branch:
            errors.append(
                "the providerVersionBranch must be specified when the selector matchingBranch=true is used"
            )
        if "tag" in given and "branch" in given:
            errors.append("cannot specify both a tag and a branch")
        branch_fields = sorted(given & set(BRANCH_KEYS))
        environment_fields = sorted(given & set(ENVIRONMENT_KEYS))
        if branch_fields and environment_fields:
            errors.append(
                f"cannot specify the field{'s' if len(branch_fields) > 1 else ''} {'/'.join(branch_fields)} "
                f"with the field{'s' if len(environment_fields) > 1 else ''} {'/'.join(environment_fields)}"
            )
        if "fallbackTag" in given and not self.latest:
            errors.append("fallbackTag can only be set if latest is true")
        if "fallbackTag" in given and "tag" not in given:
            errors.append("a tag must be specified when a fallbackTag is specified")
        if "fallbackBranch" in given and "branch" not in given:
            errors.append("a branch must be specified when a fallbackBranch is specified")
        if "fallbackBranch" in given and self.latest is False:
            errors.append("fallbackBranch can only be set if latest is true")
        if "branch" in given and self.latest is False:
            errors.append("cannot specify a branch with latest=false")
        flags = [k for k in ENVIRONMENT_KEYS[1:] if values.get(k)]
        if len(flags) > 1:
            errors.append(f"cannot specify both {flags[0]}=true and {flags[1]}=true")
        return errors

    def selector(self) -> VerificationSelector:
        return VerificationSelector(**{k: getattr(self, k) for k in type(self).model_fields})


BRANCH_EMPTY = (
    "when pending or WIP pacts are enabled and there are no tags provided, the provider version branch must "
    "not be an empty string, as it is used in the calculations for WIP/pending. A value must be provided "
    "(recommended), or it must not be set at all."
)


def _not_blank_if_given(value: Any) -> bool:
    return isinstance(value, str) and (not value or bool(value.strip()))


def _array(value: Any) -> Any:
    if value is not None and not isinstance(value, list):  # null: none given, as the Rust verifier sends it
        raise PydanticCustomError("invalid", "must be an array")
    return value


class PactsForVerificationQuery(BaseModel):
    """The pacts a provider asks to verify; fields not named here are ignored, as by the Pact Broker."""

    # validate it with the `providerVersionBranch` in the context too: `matchingBranch` selectors need it
    consumerVersionSelectors: Annotated[list[ConsumerVersionSelector] | None, BeforeValidator(_array)] = None
    includePendingStatus: Annotated[
        bool,
        _check(lambda v: isinstance(v, bool), "must be true or false", bool, null="must be true or false"),
    ] = True  # the Pact Broker's default
    providerVersionTags: Annotated[
        list[str] | None,
        _check(
            lambda v: isinstance(v, list) and all(isinstance(t, str) for t in v),
            "must be an array of strings",
            list[str] | None,
            null=None,
        ),
    ] = None
    providerVersionBranch: Annotated[
        str | None, _check(_not_blank_if_given, "can't be blank", str | None, null=None)
    ] = None
    includeWipPactsSince: Annotated[
        datetime | None, PlainValidator(_to_date, json_schema_input_type=datetime | None)
    ] = None

    @model_validator(mode="after")
    def _branch_for_pending(self) -> PactsForVerificationQuery:
        """An empty provider branch, where pending or WIP pacts are asked for and no tags are given, is
        most likely a mistake: they are judged against that branch (the Pact Broker's rule)."""
        pending = self.includePendingStatus and "includePendingStatus" in self.model_fields_set
        asked = pending or self.includeWipPactsSince is not None
        if self.providerVersionBranch == "" and asked and not self.providerVersionTags:
            raise PydanticCustomError(
                "combination", "{problems}", {"field": "providerVersionBranch", "problems": [BRANCH_EMPTY]}
            )
        return self

    def query(self) -> VerificationQuery:
        return VerificationQuery(
            selectors=[s.selector() for s in self.consumerVersionSelectors or []],
            provider_branch=self.providerVersionBranch,
            provider_tags=self.providerVersionTags or [],
            include_pending=self.includePendingStatus is True,
            wip_since=self.includeWipPactsSince,
        )


def _errors(error: ValidationError) -> dict[str, list[str]]:
    """Pydantic's errors in the Pact Broker's shape: a selector's as `consumerVersionSelectors[i]`, its
    field errors prefixed with the field's name."""
    errors: dict[str, list[str]] = {}
    for line in error.errors():
        loc = tuple(line["loc"])
        if "problems" in line.get("ctx", {}):
            messages = line["ctx"]["problems"]
        elif len(loc) == 3:
            messages = [f"{loc[2]} {line['msg']}"]
        else:
            messages = [line["msg"]]
        key = line.get("ctx", {}).get("field") or (f"{loc[0]}[{loc[1]}]" if len(loc) > 1 else str(loc[0]))
        errors.setdefault(key, []).extend(messages)
    return errors


def verification_query(body: dict[str, Any]) -> VerificationQuery:
    """The validated query, or `Invalid` with every field's and selector's errors."""
    try:
        parsed = PactsForVerificationQuery.model_validate(
            body, context={"providerVersionBranch": body.get("providerVersionBranch")}
        )
    except ValidationError as error:
        raise Invalid("the pacts for verification query is invalid", _errors(error)) from None
    return parsed.query()


def _inlined(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema with its nested models written out in place (no `$defs` to resolve)."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})
    text = json.dumps(schema)
    for name, definition in defs.items():
        text = text.replace(json.dumps({"$ref": f"#/$defs/{name}"}), json.dumps(definition))
    return json.loads(text)


QUERY_SCHEMA = _inlined(PactsForVerificationQuery)
