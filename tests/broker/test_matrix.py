"""The matrix and can-i-deploy over HTTP: selectors, latestby, tag, mainBranch, ignore, bad input."""

from __future__ import annotations

import httpx

from .helpers import deploy, environment, matrix, publish, verify


def _scenario(broker: str) -> str:
    prod = environment(broker, "production")
    httpx.patch(f"{broker}/pacticipants/Api", json={"mainBranch": "main"})
    publish(broker, "Web", "1", "Api", "a", branch="main", tags=["prod"])
    publish(broker, "Web", "2", "Api", "a", "b", branch="main")
    verify(broker, "Web", "1", "Api", "a1", True, branch="main")
    verify(broker, "Web", "2", "Api", "a1", False, branch="main")
    verify(broker, "Web", "2", "Api", "a2", True, branch="main")
    httpx.put(f"{broker}/pacticipants/Api/versions/a1/tags/prod")
    return prod


def test_matrix_selectors_are_order_sensitive_and_latestby_collapses_rows(sqlite_broker: str) -> None:
    broker = sqlite_broker
    _scenario(broker)
    both = matrix(
        broker,
        [
            ("q[][pacticipant]", "Web"),
            ("q[][version]", "2"),
            ("q[][pacticipant]", "Api"),
            ("q[][version]", "a1"),
        ],
    ).json()
    assert both["summary"]["deployable"] is False
    assert (
        "The verification for the pact between version 2 of Web and version a1 of Api failed"
        in both["summary"]["reason"]
    )
    # the version belongs to the selector it follows
    swapped = matrix(
        broker,
        [
            ("q[][pacticipant]", "Web"),
            ("q[][version]", "1"),
            ("q[][pacticipant]", "Api"),
            ("q[][version]", "a1"),
        ],
    ).json()
    assert swapped["summary"]["deployable"] is True

    every = matrix(
        broker, [("q[][pacticipant]", "Web"), ("q[][version]", "2"), ("q[][pacticipant]", "Api")]
    ).json()
    assert len(every["matrix"]) == 2
    latest = matrix(
        broker,
        [
            ("q[][pacticipant]", "Web"),
            ("q[][version]", "2"),
            ("q[][pacticipant]", "Api"),
            ("latestby", "cvp"),
        ],
    ).json()
    [row] = latest["matrix"]
    assert (row["provider"]["version"]["number"], row["verificationResult"]["success"]) == ("a2", True)


def test_can_i_deploy_to_an_environment_a_tag_or_the_main_branch(sqlite_broker: str) -> None:
    broker = sqlite_broker
    prod = _scenario(broker)
    to_env = [
        ("q[][pacticipant]", "Web"),
        ("q[][version]", "2"),
        ("latestby", "cvpv"),
        ("environment", "production"),
    ]
    unknown = matrix(broker, to_env).json()["summary"]
    assert unknown["deployable"] is None
    assert "no version is currently recorded as deployed/released in this environment" in unknown["reason"]
    deploy(broker, "Api", "a1", prod)
    assert matrix(broker, to_env).json()["summary"]["deployable"] is False
    deploy(broker, "Api", "a2", prod)  # replaces a1
    assert matrix(broker, to_env).json()["summary"] == {
        "deployable": True,
        "reason": "All required verification results are published and successful",
        "success": 1,
        "failed": 0,
        "unknown": 0,
    }
    # to the latest version tagged prod (a1, which failed Web 2)
    to_tag = [
        ("q[][pacticipant]", "Web"),
        ("q[][version]", "2"),
        ("latestby", "cvp"),
        ("tag", "prod"),
        ("latest", "true"),
    ]
    assert matrix(broker, to_tag).json()["summary"]["deployable"] is False
    to_main = [
        ("q[][pacticipant]", "Web"),
        ("q[][version]", "2"),
        ("latestby", "cvp"),
        ("mainBranch", "true"),
    ]
    assert matrix(broker, to_main).json()["summary"]["deployable"] is True
    # GET /can-i-deploy is the same question
    answer = httpx.get(
        f"{broker}/can-i-deploy", params={"pacticipant": "Web", "version": "2", "environment": "production"}
    )
    assert answer.json()["summary"]["deployable"] is True


def test_ignore_skips_a_pacticipant(sqlite_broker: str) -> None:
    broker = sqlite_broker
    environment(broker, "production")
    publish(broker, "Web", "1", "Api", "a")
    params = [
        ("q[][pacticipant]", "Web"),
        ("q[][version]", "1"),
        ("latestby", "cvpv"),
        ("environment", "production"),
    ]
    assert matrix(broker, params).json()["summary"]["deployable"] is None
    ignored = matrix(broker, [*params, ("ignore[][pacticipant]", "Api")]).json()
    assert ignored["summary"]["deployable"] is True
    assert ignored["summary"]["ignored"] == 1
    assert ignored["matrix"][0]["ignored"] is True


def test_bad_matrix_queries_are_400_with_errors(sqlite_broker: str) -> None:
    broker = sqlite_broker
    publish(broker, "Web", "1", "Api", "a")
    unknown = matrix(
        broker,
        [("q[][pacticipant]", "Nobody"), ("q[][version]", "1"), ("latestby", "cvp"), ("latest", "true")],
    )
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == ["Pacticipant Nobody not found"]
    assert matrix(broker, []).json()["errors"] == ["Please provide 1 or more version selectors."]
    env = matrix(broker, [("q[][pacticipant]", "Web"), ("q[][version]", "1"), ("environment", "nowhere")])
    assert env.json()["errors"] == ["Environment with name 'nowhere' does not exist"]
    both = matrix(broker, [("q[][pacticipant]", "Web"), ("q[][version]", "1"), ("q[][latest]", "true")])
    assert both.status_code == 400
    cid = httpx.get(f"{broker}/can-i-deploy", params={"pacticipant": "Web"})
    assert cid.status_code == 400 and "version" in cid.json()["errors"]
    no_destination = httpx.get(f"{broker}/can-i-deploy", params={"pacticipant": "Web", "version": "1"})
    assert no_destination.status_code == 400 and "environment" in no_destination.json()["errors"]
    missing_version = matrix(
        broker, [("q[][pacticipant]", "Web"), ("q[][version]", "9"), ("latest", "true")]
    ).json()
    assert missing_version["summary"]["deployable"] is False
    assert (
        "No pacts or verifications have been published for version 9 of Web"
        in missing_version["summary"]["reason"]
    )
