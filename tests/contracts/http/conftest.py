from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from accord.contracts import load_contract
from accord.contracts.http import HttpRuntime


@pytest.fixture
def runtime_for(tmp_path: Path):
    """Compile a contract written inline as YAML."""

    def build(text: str) -> HttpRuntime:
        path = tmp_path / "contract.yaml"
        path.write_text(textwrap.dedent(text))
        return HttpRuntime(load_contract(path))

    return build
