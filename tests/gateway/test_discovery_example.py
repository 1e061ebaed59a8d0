"""docs/gateway.md's discovery example, run as written: the example gateway (`accord gateway` in a
subprocess, a real upstream) gets the curl lines of the docs, and `accord gateway report` prints the
report the docs show (first/last-seen times and the contract's folder aside)."""

from __future__ import annotations

import re
import shlex

import httpx
import yaml

from tests.cli import accord
from tests.gateway.docs import ROOT, section_blocks
from tests.gateway.servers import GatewayProcess
from tests.servers import free_port

EXAMPLE = ROOT / "examples" / "gateway" / "gateway.yaml"
SECTION = "### Discovery: shadow endpoints and contract coverage"


def normalized(report: str) -> str:
    report = re.sub(r"first \S+  last \S+", "first T  last T", report)
    return re.sub(r"\(\S*/(orders\.yaml)\)", r"(\1)", report)


def test_the_discovery_example_reports_as_documented(tmp_path, upstream):
    commands, documented = section_blocks(SECTION, "bash", "text")
    assert "accord gateway --config examples/gateway/gateway.yaml" in commands
    config = yaml.safe_load(EXAMPLE.read_text())
    config["port"] = free_port()
    version = config["apis"][0]["versions"]["1"]
    version["upstream"] = upstream.url
    version["contract"] = str((EXAMPLE.parent / version["contract"]).resolve())
    path = tmp_path / "gateway.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    with GatewayProcess(path, config["port"], "--no-watch") as gw:
        for line in commands.splitlines():
            if not line.startswith("curl "):
                continue
            words = shlex.split(line.split("  #")[0])
            headers = dict(words[i + 1].split(": ", 1) for i, word in enumerate(words) if word == "-H")
            url = next(w for w in words if w.startswith("http://"))
            httpx.get(url.replace("http://127.0.0.1:8080", gw.url), headers=headers)
        report = next(line for line in commands.splitlines() if line.startswith("accord gateway report"))
        args = shlex.split(report.replace("http://127.0.0.1:8080", gw.url))[1:]
        result = accord(*args)
    assert result.code == 0, result.stderr
    assert normalized(result.stdout) == normalized(documented)
