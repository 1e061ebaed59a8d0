"""The pacts-for-verification query's validation, case by case as the Pact Broker's contract spec lists
them (spec/lib/pact_broker/api/contracts/pacts_for_verification_json_query_schema_spec.rb): what is
accepted answers 200, what is refused answers 400 with exactly these `errors`. Cases other modules
already pin (tag with branch, mainBranch with a tag, fallbackTag without latest, deployed with released,
branch with environment, matchingBranch without a provider branch) are not repeated here."""

from __future__ import annotations

import httpx
import pytest

from tests.broker.helpers import publish

PROBLEM = "application/problem+json"
ENV = "{env}"  # stands for an environment the test creates

ACCEPTED = {
    "nothing specified": {},
    "the latest with a tag": {
        "providerVersionTags": ["master"],
        "consumerVersionSelectors": [{"tag": "master", "latest": True}],
    },
    "a fallback tag with latest": {
        "consumerVersionSelectors": [{"tag": "feat-x", "fallbackTag": "master", "latest": True}]
    },
    "the latest for a consumer": {"consumerVersionSelectors": [{"consumer": "{consumer}", "latest": True}]},
    "the latest of all": {"consumerVersionSelectors": [{"latest": True}]},
    "a tag without latest": {"consumerVersionSelectors": [{"tag": "master"}]},
    "a valid includeWipPactsSince": {"includeWipPactsSince": "2013-02-13T20:04:45.000+11:00"},
    "a consumer with a latest tag": {
        "consumerVersionSelectors": [{"latest": True, "tag": "feat-x", "consumer": "foo"}]
    },
    "deployed": {"consumerVersionSelectors": [{"deployed": True}]},
    "released": {"consumerVersionSelectors": [{"released": True}]},
    "an environment": {"consumerVersionSelectors": [{"environment": ENV}]},
    "deployed to an environment": {"consumerVersionSelectors": [{"environment": ENV, "deployed": True}]},
    "a branch without latest": {"consumerVersionSelectors": [{"branch": "foo"}]},
    "an empty provider branch with tags": {
        "providerVersionBranch": "",
        "providerVersionTags": ["master"],
        "consumerVersionSelectors": [{"latest": True}],
    },
    "an empty provider branch, pending status with tags": {
        "providerVersionBranch": "",
        "includePendingStatus": True,
        "providerVersionTags": ["foo"],
    },
    "an empty provider branch, no pending status": {
        "providerVersionBranch": "",
        "includePendingStatus": False,
    },
    "an empty provider branch, WIP with tags": {
        "providerVersionBranch": "",
        "includePendingStatus": False,
        "includeWipPactsSince": "2020-01-01",
        "providerVersionTags": ["foo"],
    },
    "mainBranch with latest=true": {"consumerVersionSelectors": [{"mainBranch": True, "latest": True}]},
}

MUST_SPECIFY = (
    "must specify a value for environment or tag or branch, or specify mainBranch=true, matchingBranch=true, "
    "latest=true, deployed=true, released=true or deployedOrReleased=true"
)
BRANCH_EMPTY = (
    "when pending or WIP pacts are enabled and there are no tags provided, the provider version branch must not "
    "be an empty string, as it is used in the calculations for WIP/pending. A value must be provided "
    "(recommended), or it must not be set at all."
)


def _selector(*messages: str) -> dict[str, list[str]]:
    return {"consumerVersionSelectors[0]": list(messages)}


REFUSED = {
    "two errors are both given": (
        {"consumerVersionSelectors": [{"consumer": " ", "tag": "feat-x", "fallbackTag": "master"}]},
        _selector("consumer can't be blank", "fallbackTag can only be set if latest is true"),
    ),
    "providerVersionTags not an array": (
        {"providerVersionTags": True, "consumerVersionSelectors": [{"tag": "master", "latest": True}]},
        {"providerVersionTags": ["must be an array of strings"]},
    ),
    "consumerVersionSelectors not an array": (
        {"consumerVersionSelectors": True},
        {"consumerVersionSelectors": ["must be an array"]},
    ),
    "an empty selector": ({"consumerVersionSelectors": [{}]}, _selector(MUST_SPECIFY)),
    "includeWipPactsSince not a date": (
        {"includeWipPactsSince": "foo"},
        {"includeWipPactsSince": ["must be a date"]},
    ),
    "a blank consumer": (
        {"consumerVersionSelectors": [{"tag": "feat-x", "consumer": " "}]},
        _selector("consumer can't be blank"),
    ),
    "deployed=false with an environment": (
        {"consumerVersionSelectors": [{"environment": ENV, "deployed": False}]},
        _selector("deployed must be true"),
    ),
    "deployed null with an environment": (
        {"consumerVersionSelectors": [{"environment": ENV, "deployed": None}]},
        _selector("deployed must be filled"),
    ),
    "deployed null": (
        {"consumerVersionSelectors": [{"deployed": None}]},
        _selector("deployed must be filled"),
    ),
    "latest with an environment": (
        {"consumerVersionSelectors": [{"environment": ENV, "latest": True}]},
        _selector("cannot specify the field latest with the field environment"),
    ),
    "latest and a tag with an environment and deployed": (
        {"consumerVersionSelectors": [{"environment": ENV, "latest": True, "tag": "foo", "deployed": True}]},
        _selector("cannot specify the fields latest/tag with the fields deployed/environment"),
    ),
    "a fallbackTag without a tag": (
        {"consumerVersionSelectors": [{"fallbackTag": "foo", "latest": True, "branch": "foo"}]},
        _selector("a tag must be specified when a fallbackTag is specified"),
    ),
    "a fallbackBranch without a branch": (
        {"consumerVersionSelectors": [{"fallbackBranch": "foo", "tag": "foo"}]},
        _selector("a branch must be specified when a fallbackBranch is specified"),
    ),
    "a branch with latest=false": (
        {"consumerVersionSelectors": [{"branch": "foo", "latest": False}]},
        _selector("cannot specify a branch with latest=false"),
    ),
    "an environment that does not exist": (
        {"consumerVersionSelectors": [{"environment": "{consumer}prod"}]},
        _selector("environment with name '{consumer}prod' does not exist"),
    ),
    "an environment name that is not a string": (
        {"consumerVersionSelectors": [{"environment": 1}]},
        _selector("environment can't be blank"),
    ),
    "a provider branch of a space": (
        {"providerVersionBranch": " ", "consumerVersionSelectors": [{"matchingBranch": True}]},
        {"providerVersionBranch": ["can't be blank"]},
    ),
    "an empty provider branch, pending status, no tags": (
        {"providerVersionBranch": "", "includePendingStatus": True},
        {"providerVersionBranch": [BRANCH_EMPTY]},
    ),
    "an empty provider branch, pending status, empty tags": (
        {"providerVersionBranch": "", "includePendingStatus": True, "providerVersionTags": []},
        {"providerVersionBranch": [BRANCH_EMPTY]},
    ),
    "an empty provider branch, WIP, no tags": (
        {"providerVersionBranch": "", "includeWipPactsSince": "2020-01-01"},
        {"providerVersionBranch": [BRANCH_EMPTY]},
    ),
    "mainBranch with latest=false": (
        {"consumerVersionSelectors": [{"mainBranch": True, "latest": False}]},
        _selector("cannot specify mainBranch=true with latest=false"),
    ),
}


def _filled(value, consumer: str, env: str):
    """The case's body (or errors) with the test's own names in it."""
    if isinstance(value, dict):
        return {k: _filled(v, consumer, env) for k, v in value.items()}
    if isinstance(value, list):
        return [_filled(v, consumer, env) for v in value]
    if isinstance(value, str):
        return value.replace(ENV, env).replace("{consumer}", consumer)
    return value


def _query(broker: str, n: str, body: dict, environment: bool) -> httpx.Response:
    assert publish(broker, f"{n}Web", "1", f"{n}Api").status_code == 200
    if environment:
        assert httpx.post(f"{broker}/environments", json={"name": f"{n}test"}).status_code == 201
    return httpx.post(
        f"{broker}/pacts/provider/{n}Api/for-verification", json=_filled(body, f"{n}Web", f"{n}test")
    )


@pytest.mark.parametrize("body", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_accepted_queries_answer_200(broker, n, body):
    """pacts_for_verification_json_query_schema_spec.rb: the cases without errors."""
    response = _query(broker, n, body, ENV in str(body))
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(("body", "errors"), REFUSED.values(), ids=REFUSED.keys())
def test_refused_queries_answer_400_with_the_errors(broker, n, body, errors):
    """pacts_for_verification_json_query_schema_spec.rb: the cases with errors, each in the Pact Broker's
    `errors` shape and words."""
    response = _query(broker, n, body, ENV in str(body))
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["errors"] == _filled(errors, f"{n}Web", f"{n}test")


def test_the_get_forms_parameters_are_validated_as_the_posts(broker, n):
    """pacts_for_verification_json_query_schema_spec.rb, through the GET form's query string: the same
    refusals as the POST body's fields."""
    assert publish(broker, f"{n}Web", "1", f"{n}Api").status_code == 200
    url = f"{broker}/pacts/provider/{n}Api/for-verification"
    for params, errors in (
        ({"includeWipPactsSince": "foo"}, {"includeWipPactsSince": ["must be a date"]}),
        ({"providerVersionBranch": " "}, {"providerVersionBranch": ["can't be blank"]}),
        (
            {"providerVersionBranch": "", "includeWipPactsSince": "2020-01-01"},
            {"providerVersionBranch": [BRANCH_EMPTY]},
        ),
    ):
        response = httpx.get(url, params=params)
        assert response.status_code == 400 and response.json()["errors"] == errors, response.text
    for accepted in (
        {"providerVersionBranch": "main", "includeWipPactsSince": "2020-01-01"},
        {"providerVersionBranch": ""},  # pending status by default: not asked for, so no refusal
    ):
        assert httpx.get(url, params=accepted).status_code == 200, accepted
    asked = {"providerVersionBranch": "", "includePendingStatus": "true"}
    assert httpx.get(url, params=asked).json()["errors"] == {"providerVersionBranch": [BRANCH_EMPTY]}
