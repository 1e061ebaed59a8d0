"""Packaging layout: the repository keeps its rooms as top-level folders (contracts/, generators/,
broker/, gateway/) and installs them under the one import name `accord` (accord.contracts, ...),
so installing accord claims no generic top-level name. Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

ROOMS = ("contracts", "generators", "broker", "gateway")

setup(
    packages=[
        *find_packages(include=["accord", "accord.*"]),
        *(
            f"accord.{name}"
            for name in find_packages(include=[f"{room}{tail}" for room in ROOMS for tail in ("", ".*")])
        ),
    ],
    package_dir={f"accord.{room}": room for room in ROOMS},
)
