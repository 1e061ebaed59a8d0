"""scripts/demo runs the whole loop on the shop and exits 0 only if every step did what it should
(the issue's "Done when": a test runs it, in CI too, NATS included)."""

from __future__ import annotations

import os
import subprocess

from tests import services
from tests.shop.shop import ROOT


def test_the_demo_completes_every_step() -> None:
    services.require(services.NATS)
    env = {**os.environ, "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        [str(ROOT / "scripts" / "demo")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert "demo finished: every step did what it should." in done.stdout
    for shown in (
        "(exit 1, as expected)",
        "6 passed",
        "verified",
        "deployable: yes",
        "429 Too Many Requests",
        "(bi-directional)",
        "message.payload.incompatible",
        "sunset:",
        "inventory.released",
    ):
        assert shown in done.stdout, shown
