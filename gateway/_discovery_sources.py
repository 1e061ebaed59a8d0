"""Where `accord gateway report` gets a discovery snapshot: a running gateway, or its access log offline.
Both raise ValueError with one line naming what is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import orjson
from accord.contracts import ContractError, load_contract

from ._config import load_config
from ._discovering import DISCOVERY_PATH
from ._discovery import Discovery, catalogue_of, read_access_log

__all__ = ["discovery_from_log", "fetch_discovery"]


def fetch_discovery(url: str, timeout: float = 10.0) -> dict[str, Any]:
    target = url.rstrip("/") + DISCOVERY_PATH
    try:
        response = httpx.get(target, timeout=timeout)
    except httpx.HTTPError as exc:
        raise ValueError(f"{target}: cannot connect ({exc})") from None
    if response.status_code != 200:
        raise ValueError(f"{target}: answered {response.status_code}: {response.text[:200]}")
    try:
        snapshot = response.json()
    except ValueError:
        raise ValueError(f"{target}: the answer is not JSON") from None
    if not isinstance(snapshot, dict) or not {"shadow", "shadow_other", "coverage"} <= snapshot.keys():
        raise ValueError(f"{target}: the answer is not a discovery report")
    return snapshot


def discovery_from_log(log: Path, config_path: Path | None = None) -> dict[str, Any]:
    """The snapshot the gateway would serve, inferred from its access log; with its config, coverage too."""
    discovery = Discovery()
    if config_path is not None:
        config = load_config(config_path)
        settings = config.discovery
        discovery = Discovery(
            max_shapes=settings.max_shapes,
            values_per_position=settings.values_per_position,
            max_clients=settings.max_clients,
        )
        loaded = []
        for api in config.apis:
            for name, version in api.versions.items():
                try:
                    contracts = [load_contract(path) for path in version.contracts]
                except ContractError as exc:
                    raise ValueError(f"{config_path}: apis.{api.name}.versions.{name}: {exc}") from None
                loaded.append((api.name, name, contracts))
        discovery.catalogue = catalogue_of(loaded)
    try:
        with log.open(encoding="utf-8", errors="replace") as lines:
            read = read_access_log(lines, discovery)
    except OSError as exc:
        raise ValueError(f"{log}: cannot read ({exc.strerror or exc})") from None
    if read == 0:
        raise ValueError(f"{log}: no access-log lines (JSON objects with time, method, path and status)")
    return orjson.loads(orjson.dumps(discovery.snapshot()))
