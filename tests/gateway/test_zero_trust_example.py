"""docs/gateway.md's zero-trust example, run as written: the configuration in the docs is the
example file, and the curl lines there get the answers their comments promise (`accord gateway` in a
subprocess, a real upstream, a local JWKS standing in for id.example)."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
from pathlib import Path

import httpx
import yaml
from accord.gateway import Gateway, load_config

from tests.gateway import upstream as upstream_app
from tests.gateway.docs import ROOT, section_blocks
from tests.gateway.issuer import Issuer
from tests.gateway.servers import GatewayProcess

EXAMPLE = ROOT / "examples" / "gateway" / "zero-trust"
SECTION = "### Zero trust: security and CORS from the contract"


def documented_blocks() -> tuple[str, ...]:
    return section_blocks(SECTION, "yaml", "bash")


def test_the_docs_show_the_example_file():
    config, commands = documented_blocks()
    assert config == (EXAMPLE / "gateway.yaml").read_text()
    assert "accord gateway --config examples/gateway/zero-trust/gateway.yaml" in commands


def test_the_zero_trust_example_answers_as_documented(tmp_path, upstream):
    _, commands = documented_blocks()
    key = re.search(r"X-API-Key: ([\w-]+)", commands).group(1)
    with Issuer(issuer="https://id.example", audience="orders") as issuer:
        folder = shutil.copytree(EXAMPLE, tmp_path / "zero-trust")
        config = yaml.safe_load((folder / "gateway.yaml").read_text())
        orders = config["apis"][0]
        orders["versions"]["1"]["upstream"] = upstream.url
        for scheme in orders["security"]["schemes"].values():
            if "jwks_url" in scheme:
                scheme["jwks_url"] = issuer.jwks_url
        (folder / "gateway.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
        reader = {"Authorization": f"Bearer {issuer.token(sub='ann', scope='orders:read')}"}
        with GatewayProcess(folder / "gateway.yaml", None, "--no-watch") as gw:
            hits = len(upstream_app.HITS)
            anonymous = httpx.get(gw.url + "/orders")
            refused_write = httpx.post(gw.url + "/orders", headers=reader)
            assert len(upstream_app.HITS) == hits  # neither reached the service
            read = httpx.get(gw.url + "/orders", headers={**reader, "X-User-Id": "admin"})
            partner = httpx.get(gw.url + "/orders", headers={"X-API-Key": key})
            preflight = httpx.options(
                gw.url + "/orders",
                headers={
                    "Origin": "https://shop.example",
                    "Access-Control-Request-Method": "POST",
                    "Access-Control-Request-Headers": "authorization",
                },
            )
            browser = httpx.get(gw.url + "/orders", headers={"Origin": "https://shop.example"})
            status = httpx.get(gw.url + "/status")
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"].startswith('Bearer realm="orders"')
    assert refused_write.status_code == 403
    assert 'error="insufficient_scope"' in refused_write.headers["www-authenticate"]
    assert read.status_code == 200
    assert upstream_app.HITS[hits] == "GET /orders"
    assert json.loads(read.headers["x-upstream-saw"])["headers"]["x-user-id"] == ["ann"]  # not "admin"
    assert partner.status_code == 200
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-methods"] == "GET, POST"
    assert preflight.headers["access-control-allow-origin"] == "https://shop.example"
    assert browser.status_code == 401  # refused, but readable by the page
    assert browser.headers["access-control-allow-origin"] == "https://shop.example"
    assert status.status_code == 200


def test_both_example_configurations_compile():
    async def compile_and_close(path: Path) -> None:
        gateway = Gateway(load_config(path))
        await gateway.start()
        await gateway.close()

    for path in (ROOT / "examples" / "gateway" / "gateway.yaml", EXAMPLE / "gateway.yaml"):
        asyncio.run(compile_and_close(path))
