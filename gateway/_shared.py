"""Discovery shared by the workers of one gateway (`workers: N`), through the supervisor's private folder.

Each worker writes its counts to `discovery-<pid>.pickle` in that folder (created by the supervisor,
mode 0700, removed when it stops): at start (an empty state, so siblings know it is there), every
two seconds when it counted something, on SIGUSR1, and when it stops. The worker that answers
`/__accord/discovery` asks each living sibling to write (SIGUSR1), waits for their files to be
replaced (a second at most), and merges every file, those of workers that have died included.
"""

from __future__ import annotations

import asyncio
import logging
import os
import pickle
import signal
import time
from pathlib import Path
from typing import Any

from ._discovery import Discovery

__all__ = ["SHARED_DIR_ENV", "SharedDiscovery"]

SHARED_DIR_ENV = "ACCORD_GATEWAY_SHARED_DIR"  # set by the supervisor for its workers

_WRITE_EVERY = 2.0  # seconds between writes of a worker's counts when they moved
_ANSWER_WITHIN = 1.0  # seconds to wait for siblings to write before merging what is there

log = logging.getLogger("accord.gateway")


def _sibling(pid: int) -> bool:
    """A living process started by the same supervisor (never signal a pid some other process reused)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    fields = stat[stat.rindex(")") + 2 :].split()
    return fields[0] != "Z" and int(fields[1]) == os.getppid()


def _version(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return found.st_ino, found.st_mtime_ns


class SharedDiscovery:
    def __init__(self, local: Discovery, folder: Path) -> None:
        self.local = local
        self.folder = folder
        self.path = folder / f"discovery-{os.getpid()}.pickle"
        self._written = -1

    def write(self) -> None:
        """Replace this worker's file with its counts (atomically: readers see the old or the new)."""
        self._written = self.local.recorded
        partial = self.path.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(self.local.state(), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, self.path)

    def start(self) -> asyncio.Task:
        """Write now, on SIGUSR1, and every few seconds while requests are counted; the task writes until cancelled."""
        self.write()
        asyncio.get_running_loop().add_signal_handler(signal.SIGUSR1, self.write)
        return asyncio.create_task(self._keep_written())

    async def _keep_written(self) -> None:
        while True:
            await asyncio.sleep(_WRITE_EVERY)
            if self.local.recorded != self._written:
                self.write()

    async def snapshot(self) -> dict[str, Any]:
        """Every worker's counts merged, as `/__accord/discovery` serves them."""
        self.write()
        waiting = {}
        for path in self.folder.glob("discovery-*.pickle"):
            pid = int(path.stem.partition("-")[2])
            if pid != os.getpid() and _sibling(pid):
                waiting[path] = _version(path)
                os.kill(pid, signal.SIGUSR1)
        deadline = time.monotonic() + _ANSWER_WITHIN
        while waiting and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
            waiting = {path: seen for path, seen in waiting.items() if _version(path) == seen}
        if waiting:
            log.warning(
                "discovery: %d worker(s) did not write their counts in time; using their last", len(waiting)
            )
        merged = Discovery(
            max_shapes=self.local.shapes.max_shapes,
            values_per_position=self.local.shapes.values_per_position,
            max_clients=self.local.shapes.max_clients,
        )
        merged.catalogue = self.local.catalogue
        for path in sorted(self.folder.glob("discovery-*.pickle")):
            try:
                merged.absorb(pickle.loads(path.read_bytes()))
            except FileNotFoundError:
                continue
        return merged.snapshot()
