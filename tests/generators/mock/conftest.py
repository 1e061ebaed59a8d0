from __future__ import annotations

from pathlib import Path

import pytest
from accord.generators.mock import mock_server

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def pets() -> Path:
    return FIXTURES / "pets.yaml"


@pytest.fixture
def pets_url(pets: Path):
    with mock_server(pets, seed=1) as url:
        yield url
