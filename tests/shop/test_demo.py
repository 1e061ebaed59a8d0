"""scripts/demo runs the whole loop on the shop and exits 0 only if every step did what it should
(the issue's "Done when": a test runs it, in CI too, NATS included). It is given the shop's code as
the shop's other tests generate it, once a session (tests/shop/shop.py)."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests import services
from tests.shop.shop import ROOT, generated_once


def test_the_demo_completes_every_step(tmp_path_factory: pytest.TempPathFactory) -> None:
    services.require(services.NATS)
    env = {
        **os.environ,
        "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "SHOP_GENERATED": str(generated_once(tmp_path_factory)),
    }
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
