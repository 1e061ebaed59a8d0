"""Security from the contract over real HTTP: JWTs against a live JWKS, API keys, alternatives, report mode.

Every refused request is checked not to have reached the upstream (its hit list is unchanged).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.cli import accord
from tests.gateway import upstream as upstream_app
from tests.gateway.conftest import ORDERS, api
from tests.gateway.issuer import Issuer
from tests.gateway.servers import write_config
from tests.servers import free_port

SECURED = Path(__file__).resolve().parent / "fixtures" / "secured.yaml"
KEYS = ("k-alpha-7f3e", "k-beta-91c2")


@pytest.fixture(scope="module")
def issuer() -> Iterator[Issuer]:
    with Issuer() as running:
        yield running


@pytest.fixture
def keys_file(tmp_path: Path) -> Path:
    path = tmp_path / "keys"
    path.write_text("# one key a line\n" + "\n".join(KEYS) + "\n")
    return path


def secured(upstream_url: str, issuer: Issuer, keys_file: Path, **security) -> dict:
    schemes = {
        "bearerAuth": issuer.scheme(),
        "oauth": issuer.scheme(),
        "headerKey": {"keys_file": str(keys_file)},
        "cookieKey": {"keys_file": str(keys_file)},
        "queryKey": {"keys_file": str(keys_file)},
    }
    settings = {"schemes": schemes, "jwks_min_refresh_seconds": 0, **security}
    return {"apis": [api(upstream_url, SECURED, security=settings)]}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


class Hits:
    """What reached the upstream during the block."""

    def __enter__(self) -> Hits:
        self.start = len(upstream_app.HITS)
        return self

    def __exit__(self, *exc) -> None:
        self.seen = upstream_app.HITS[self.start :]


def assert_refused(response: httpx.Response, status: int, error: str | None) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == status
    challenge = response.headers["www-authenticate"]
    assert challenge.startswith("Bearer realm=") or challenge.startswith("ApiKey realm=")
    if error:
        assert f'error="{error}"' in challenge
    else:
        assert "error=" not in challenge


def test_a_valid_token_passes_and_its_claims_are_forwarded(upstream, gateway, issuer, keys_file):
    gw = gateway(secured(upstream.url, issuer, keys_file, forward_claims={"sub": "X-User-Id"}))
    with Hits() as hits:
        forged = {**bearer(issuer.token(sub="ann")), "X-User-Id": "root"}
        response = httpx.get(gw.url + "/me", headers=forged)
    assert response.status_code == 200, response.text
    assert hits.seen == ["GET /me"]
    saw = response.json()
    assert saw["headers"]["x-user-id"] == ["ann"]  # the verified subject; the client's value dropped
    assert "accord-security" not in response.headers  # reported only in report mode


@pytest.mark.parametrize(
    "case",
    [
        "expired",
        "not yet valid",
        "wrong audience",
        "wrong issuer",
        "wrong key",
        "alg none",
        "hs256 with public key",
        "garbage",
        "no exp",
    ],
)
def test_invalid_tokens_are_refused_before_the_upstream(upstream, gateway, issuer, keys_file, case):
    gw = gateway(secured(upstream.url, issuer, keys_file))
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = {
        "expired": lambda: issuer.token(exp=1_000_000),
        "not yet valid": lambda: issuer.token(nbf=4_000_000_000),
        "wrong audience": lambda: issuer.token(aud="billing"),
        "wrong issuer": lambda: issuer.token(iss="https://evil.test"),
        "wrong key": lambda: issuer.token(key=stranger),
        "alg none": lambda: issuer.unsigned_token(),
        "hs256 with public key": lambda: issuer.hmac_with_public_key(),
        "garbage": lambda: "not.a.jwt",
        "no exp": lambda: issuer.token(exp=None),
    }[case]()
    with Hits() as hits:
        response = httpx.get(gw.url + "/me", headers=bearer(token))
    assert_refused(response, 401, "invalid_token")
    assert hits.seen == []


def test_missing_credentials_are_401_without_an_error_code(upstream, gateway, issuer, keys_file):
    gw = gateway(secured(upstream.url, issuer, keys_file))
    with Hits() as hits:
        response = httpx.get(gw.url + "/me")
    assert_refused(response, 401, None)
    assert hits.seen == []


def test_scopes_from_scope_or_scp(upstream, gateway, issuer, keys_file):
    gw = gateway(secured(upstream.url, issuer, keys_file))
    with Hits() as hits:
        reader = bearer(issuer.token(scope="orders:read profile"))
        assert httpx.get(gw.url + "/orders", headers=reader).status_code == 200
        refused = httpx.post(gw.url + "/orders", headers=reader)
        writer = bearer(issuer.token(scp=["orders:read", "orders:write"]))
        assert httpx.post(gw.url + "/orders", headers=writer).status_code == 201
    assert_refused(refused, 403, "insufficient_scope")
    assert 'scope="orders:read orders:write"' in refused.headers["www-authenticate"]
    assert hits.seen == ["GET /orders", "POST /orders"]


def test_unknown_kid_after_rotation_refetches_the_keys(upstream, gateway, issuer, keys_file):
    gw = gateway(secured(upstream.url, issuer, keys_file))
    assert httpx.get(gw.url + "/me", headers=bearer(issuer.token())).status_code == 200
    fetched = issuer.hits
    assert httpx.get(gw.url + "/me", headers=bearer(issuer.token())).status_code == 200
    assert issuer.hits == fetched  # cached
    issuer.rotate()
    assert httpx.get(gw.url + "/me", headers=bearer(issuer.token())).status_code == 200
    assert issuer.hits == fetched + 1


def test_refetching_on_unknown_kids_is_rate_limited(upstream, gateway, issuer, keys_file):
    gw = gateway(secured(upstream.url, issuer, keys_file, jwks_min_refresh_seconds=3600))
    assert httpx.get(gw.url + "/me", headers=bearer(issuer.token())).status_code == 200
    fetched = issuer.hits
    for attempt in range(5):
        made_up = bearer(issuer.token(kid=f"made-up-{attempt}"))
        assert_refused(httpx.get(gw.url + "/me", headers=made_up), 401, "invalid_token")
    assert issuer.hits == fetched


def test_keys_that_cannot_be_fetched_are_503(upstream, gateway, issuer, keys_file, tmp_path):
    config = secured(upstream.url, issuer, keys_file)
    dead = f"http://127.0.0.1:{free_port()}/jwks.json"
    config["apis"][0]["security"]["schemes"]["bearerAuth"]["jwks_url"] = dead
    gw = gateway(config)
    with Hits() as hits:
        response = httpx.get(gw.url + "/me", headers=bearer(issuer.token()))
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == "5"
    assert hits.seen == []


@pytest.mark.parametrize(
    ("path", "where"),
    [("/exports", "query"), ("/reports", "header and cookie")],
)
def test_api_keys_in_each_location(upstream, gateway, issuer, keys_file, path, where):
    gw = gateway(secured(upstream.url, issuer, keys_file))
    if where == "query":
        good = {"params": {"api_key": KEYS[1]}}
        bad = {"params": {"api_key": "k-alpha-7f3f"}}
    else:
        good = {"headers": {"X-API-Key": KEYS[0], "Cookie": f"session_key={KEYS[1]}"}}
        bad = {"headers": {"X-API-Key": KEYS[0], "Cookie": "session_key=wrong"}}
    with Hits() as hits:
        assert httpx.get(gw.url + path, **good).status_code == 200
        refused = httpx.get(gw.url + path, **bad)
    assert_refused(refused, 401, None)  # RFC 6750's error codes are for bearer tokens
    assert refused.json()["detail"].endswith("the API key is not known")
    assert hits.seen == [f"GET {path}"]


def test_alternatives_a_or_b_and_c(upstream, gateway, issuer, keys_file):
    gw = gateway(secured(upstream.url, issuer, keys_file))
    with Hits() as hits:
        by_token = httpx.get(gw.url + "/reports", headers=bearer(issuer.token()))
        by_both_keys = httpx.get(
            gw.url + "/reports", headers={"X-API-Key": KEYS[0], "Cookie": f"session_key={KEYS[0]}"}
        )
        header_only = httpx.get(gw.url + "/reports", headers={"X-API-Key": KEYS[0]})
        cookie_only = httpx.get(gw.url + "/reports", headers={"Cookie": f"session_key={KEYS[0]}"})
    assert by_token.status_code == 200 and by_both_keys.status_code == 200
    assert_refused(header_only, 401, None)
    assert_refused(cookie_only, 401, None)
    assert (
        'ApiKey realm="secured", in="cookie", name="session_key"' in header_only.headers["www-authenticate"]
    )
    assert hits.seen == ["GET /reports", "GET /reports"]


def test_an_open_operation_needs_nothing(upstream, gateway, issuer, keys_file):
    gw = gateway(secured(upstream.url, issuer, keys_file))
    assert httpx.get(gw.url + "/status").status_code == 200


def test_report_mode_forwards_and_says_why(upstream, gateway, issuer, keys_file, caplog):
    gw = gateway(secured(upstream.url, issuer, keys_file, enforce=False))
    with Hits() as hits:
        expired = httpx.get(
            gw.url + "/me", headers={**bearer(issuer.token(exp=1_000_000)), "Accord-Security": "pass"}
        )
        fine = httpx.get(gw.url + "/me", headers=bearer(issuer.token()))
    assert expired.status_code == 200
    assert expired.headers["accord-security"] == "401 invalid_token"
    assert expired.json()["headers"]["accord-security"] == ["401 invalid_token"]  # the client's value dropped
    assert fine.headers["accord-security"] == "pass"
    assert hits.seen == ["GET /me", "GET /me"]
    assert any("would be refused (401 invalid_token)" in r.getMessage() for r in caplog.records)


def test_rate_limits_count_verified_subjects_only(upstream, gateway, issuer, keys_file):
    config = secured(upstream.url, issuer, keys_file)
    config["apis"][0]["rate_limits"] = [{"limits": ["1/minute"], "key": "bearer-subject"}]
    gw = gateway(config)
    assert httpx.get(gw.url + "/me", headers=bearer(issuer.token(sub="ann"))).status_code == 200
    # another token for the same subject shares the counter
    assert httpx.get(gw.url + "/me", headers=bearer(issuer.token(sub="ann", jti="2"))).status_code == 429
    assert httpx.get(gw.url + "/me", headers=bearer(issuer.token(sub="bob"))).status_code == 200
    # a forged token naming a fresh subject is refused before it is counted
    assert httpx.get(gw.url + "/me", headers=bearer(issuer.unsigned_token(sub="eve"))).status_code == 401


def test_claim_keys_need_a_token_scheme(tmp_path):
    config = {
        "apis": [api("http://127.0.0.1:1", rate_limits=[{"limits": ["1/second"], "key": "claim:tenant"}])]
    }
    result = accord("gateway", "--config", write_config(tmp_path, config), "--port", free_port(), timeout=60)
    assert result.code == 2
    assert "key 'claim:tenant' counts verified tokens" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


TOKEN = {"jwks_url": "http://127.0.0.1:1/jwks.json", "issuer": "https://id.test", "audience": "orders"}


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        ({"oauth": None}, "requires scheme 'oauth' (listOrders) but security.schemes does not configure it"),
        (
            {"bearAuth": {"keys_file": "keys"}},
            "security.schemes.bearAuth: no contract of this API defines it",
        ),
        ({"headerKey": TOKEN}, "headerKey is an API key scheme"),
        ({"bearerAuth": {"keys_file": "keys"}}, "bearerAuth is a token scheme"),
        ({"bearerAuth": {"jwks_url": "http://x/j"}}, "a token scheme needs jwks_url, issuer and audience"),
        ({"headerKey": {"keys_file": "no-such-file"}}, "keys_file"),
        ({"queryKey": {"keys_file": "empty"}}, "holds no key"),
        ({"bearerAuth": {**TOKEN, "algorithms": ["HS256"]}}, "algorithm 'HS256' is refused"),
    ],
)
def test_security_mistakes_are_one_line(tmp_path, changed, expected):
    (tmp_path / "keys").write_text("k-1\n")
    (tmp_path / "empty").write_text("# no keys yet\n\n")
    keyed = {"keys_file": "keys"}
    schemes = {"bearerAuth": TOKEN, "oauth": TOKEN, "headerKey": keyed, "cookieKey": keyed, "queryKey": keyed}
    schemes = {name: value for name, value in {**schemes, **changed}.items() if value is not None}
    config = {"apis": [api("http://127.0.0.1:1", SECURED, security={"schemes": schemes})]}
    result = accord("gateway", "--config", write_config(tmp_path, config), "--port", free_port(), timeout=60)
    assert result.code == 2, result.stderr
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_refusals_carry_cors_fields(upstream, gateway, issuer, keys_file):
    cors = {"origins": ["https://shop.test"], "credentials": True}
    up = secured(upstream.url, issuer, keys_file)
    up["apis"][0]["cors"] = cors
    down = secured(upstream.url, issuer, keys_file)
    down["apis"][0]["cors"] = cors
    down["apis"][0]["security"]["schemes"]["oauth"]["jwks_url"] = f"http://127.0.0.1:{free_port()}/jwks"
    gw, keys_down = gateway(up), gateway(down)
    origin = {"Origin": "https://shop.test"}
    answers = [
        httpx.get(gw.url + "/me", headers=origin),
        httpx.get(gw.url + "/reports", headers={**origin, "X-API-Key": KEYS[0]}),
        httpx.post(gw.url + "/orders", headers={**origin, **bearer(issuer.token(scope="orders:read"))}),
        httpx.get(keys_down.url + "/orders", headers={**origin, **bearer(issuer.token())}),
    ]
    assert [a.status_code for a in answers] == [401, 401, 403, 503]
    for answer in answers:
        assert answer.headers["access-control-allow-origin"] == "https://shop.test"
        assert "WWW-Authenticate" in answer.headers["access-control-expose-headers"]


def test_a_remembered_token_is_refused_once_it_expires(upstream, gateway, issuer, keys_file):
    gw = gateway(secured(upstream.url, issuer, keys_file))
    expires = int(time.time()) + 8  # two requests must fit before it expires, even on a loaded machine
    token = bearer(issuer.token(exp=expires))
    assert httpx.get(gw.url + "/me", headers=token).status_code == 200
    assert httpx.get(gw.url + "/me", headers=token).status_code == 200  # taken from memory
    while time.time() <= expires:
        time.sleep(0.2)
    assert_refused(httpx.get(gw.url + "/me", headers=token), 401, "invalid_token")


def test_schemes_are_checked_against_every_versions_contracts(upstream, gateway, issuer, keys_file):
    config = secured(upstream.url, issuer, keys_file)
    orders = config["apis"][0]
    orders["versions"] = {
        "1": {"contract": str(ORDERS), "upstream": upstream.url},  # defines bearerAuth only
        "2": {"contract": str(SECURED), "upstream": upstream.url},
    }
    orders["versioning"] = {"by": ["path"]}
    gw = gateway(config)
    assert_refused(httpx.get(gw.url + "/v1/orders"), 401, None)
    assert httpx.get(gw.url + "/v1/orders", headers=bearer(issuer.token())).status_code == 200
    assert httpx.get(gw.url + "/v2/exports", params={"api_key": KEYS[0]}).status_code == 200


def test_forwarded_claims_need_header_names(tmp_path, keys_file):
    security = {"schemes": {"headerKey": {"keys_file": str(keys_file)}}, "forward_claims": {"sub": "X User"}}
    config = {"apis": [api("http://127.0.0.1:1", SECURED, security=security)]}
    result = accord("gateway", "--config", write_config(tmp_path, config), "--port", free_port(), timeout=60)
    assert result.code == 2
    assert "forward_claims.sub: 'X User' is not a header name" in result.stderr


def test_rate_limits_by_any_verified_claim(upstream, gateway, issuer, keys_file):
    config = secured(upstream.url, issuer, keys_file)
    config["apis"][0]["rate_limits"] = [{"limits": ["1/minute"], "key": "claim:tenant"}]
    gw = gateway(config)
    acme_ann, acme_bob = issuer.token(sub="ann", tenant="acme"), issuer.token(sub="bob", tenant="acme")
    assert httpx.get(gw.url + "/me", headers=bearer(acme_ann)).status_code == 200
    assert httpx.get(gw.url + "/me", headers=bearer(acme_bob)).status_code == 429  # one tenant, one counter
    assert httpx.get(gw.url + "/me", headers=bearer(issuer.token(tenant="globex"))).status_code == 200
