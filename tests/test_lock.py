"""requirements.lock, what scripts/demo, scripts/test and CI install, agrees with pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def _locked() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text()
    pins = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", text, flags=re.MULTILINE)
    return {canonicalize_name(name): version for name, version in pins}


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    build = (ROOT / "requirements-build.in").read_text().splitlines()
    names += [line for line in build if line.strip() and not line.startswith("#")]
    return [Requirement(name) for name in names]


def test_every_declared_dependency_is_pinned_within_its_range() -> None:
    locked = _locked()
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is not in requirements.lock: run scripts/lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{requirement.name}=={locked[name]} is outside {requirement.specifier}: run scripts/lock"
        )


def test_every_pin_carries_hashes() -> None:
    text = (ROOT / "requirements.lock").read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 1)[1])
    assert len(entries) > 100
    for entry in entries:
        assert "--hash=sha256:" in entry, entry.splitlines()[0]
