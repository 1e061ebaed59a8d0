"""Packaging layout: the repository keeps its rooms as top-level folders (contracts/, generators/,
broker/, gateway/) and installs them under the one import name `accord` (accord.contracts, ...),
so installing accord claims no generic top-level name. Everything else is in pyproject.toml."""

from setuptools import find_namespace_packages, find_packages, setup

ROOMS = ("contracts", "generators", "broker", "gateway")

setup(
    packages=[
        *find_packages(include=["accord", "accord.*"]),
        *(
            f"accord.{name}"
            # namespace packages too: folders of data without __init__.py (broker/migrations,
            # contracts/asyncapi/schemas) ship with their room
            for name in find_namespace_packages(
                include=[f"{room}{tail}" for room in ROOMS for tail in ("", ".*")], exclude=["*__pycache__"]
            )
        ),
    ],
    package_dir={f"accord.{room}": room for room in ROOMS},
)
