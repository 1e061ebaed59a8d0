"""`workers: N`: one listening socket, N worker processes accepting on it, kept at N.

The supervisor binds the socket once and starts each worker as `python -m accord.gateway._worker`
with the socket's descriptor inherited (as gunicorn and uvicorn's --workers do); the kernel gives
each new connection to whichever worker accepts it first. A worker that dies is replaced (after a
second's pause if it lived less than that). SIGHUP or a changed file: the configuration is checked
here once, then SIGHUP goes to every worker, which reloads it. SIGTERM or SIGINT stops them all
(each finishes its requests for up to 10 s, then is killed).

The workers share a private folder (mode 0700, removed at the end): prometheus_client's multiprocess
files, so `/-/metrics` sums every worker, and each worker's discovery counts (`_shared`).
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import signal
import socket
import sys
import tempfile
import time
from pathlib import Path

from accord.contracts import current_read_limits

from ._config import ConfigError, GatewayConfig
from ._server import listen_for, prepare, watch_files
from ._shared import SHARED_DIR_ENV

__all__ = ["supervise"]

log = logging.getLogger("accord.gateway")

_STOP_GRACE = 15.0  # seconds a worker has to finish after SIGTERM (its own grace is 10)


class Supervisor:
    def __init__(self, path: Path, config: GatewayConfig, sock: socket.socket, count: int) -> None:
        self.path = path
        self.config = config
        self.sock = sock
        self.count = count
        self.folder = Path(tempfile.mkdtemp(prefix="accord-gateway-"))
        self.env = {
            **os.environ,
            "PROMETHEUS_MULTIPROC_DIR": str(self.folder),
            SHARED_DIR_ENV: str(self.folder),
        }
        self.workers: dict[int, asyncio.subprocess.Process] = {}  # slot -> the process serving it
        self.stopping = asyncio.Event()

    async def _keep(self, slot: int) -> None:
        """Run the slot's worker, and another each time it dies, until the supervisor stops."""
        reading = current_read_limits()  # --ref-root and the file size cap, as the command line set them
        while not self.stopping.is_set():
            started = time.monotonic()
            proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "accord.gateway._worker",
                str(self.path),
                str(self.sock.fileno()),
                str(slot),
                str(self.count),
                str(reading.ref_root or ""),
                str(reading.max_bytes),
                pass_fds=(self.sock.fileno(),),
                env=self.env,
                process_group=0,  # a terminal's Ctrl-C reaches the supervisor only, which stops them once
            )
            self.workers[slot] = proc
            code = await proc.wait()
            if self.stopping.is_set():
                return
            how = f"signal {-code}" if code < 0 else f"status {code}"
            log.error("worker %d (pid %d) exited with %s; starting another", slot, proc.pid, how)
            if time.monotonic() - started < 1:
                await asyncio.sleep(1)

    async def reload(self, reason: str) -> None:
        """Check the configuration once here; only a good one is sent to the workers."""
        try:
            gateway = await prepare(self.path, self.count)
        except ConfigError as exc:
            log.error("reload (%s) failed; the workers keep the previous configuration: %s", reason, exc)
            return
        await gateway.close()
        self.config = gateway.config
        if self.config.worker_count() != self.count and self.config.workers is not None:
            log.warning("workers: %d takes effect on restart; %d serve now", self.config.workers, self.count)
        for proc in self.workers.values():
            if proc.returncode is None:
                proc.send_signal(signal.SIGHUP)
        log.info("configuration reloaded (%s): checked, and sent to %d worker(s)", reason, len(self.workers))

    async def _stop(self) -> None:
        for proc in self.workers.values():
            if proc.returncode is None:
                proc.send_signal(signal.SIGTERM)
        waits = [proc.wait() for proc in self.workers.values()]
        try:
            await asyncio.wait_for(asyncio.gather(*waits), _STOP_GRACE)
        except TimeoutError:
            for proc in self.workers.values():
                if proc.returncode is None:
                    log.error("worker pid %d did not stop in %.0f s; killing it", proc.pid, _STOP_GRACE)
                    proc.kill()
            await asyncio.gather(*(proc.wait() for proc in self.workers.values()))

    def _keeper_done(self, keeper: asyncio.Task) -> None:
        """A slot that cannot start workers at all (no Python, no memory) stops the whole gateway."""
        if not keeper.cancelled() and keeper.exception() is not None:
            log.error("cannot start a worker (%s); stopping", keeper.exception())
            self.stopping.set()

    async def run(self, watch: bool, where: str) -> None:
        loop = asyncio.get_running_loop()
        tasks: set[asyncio.Task] = set()

        def reload_on_sighup() -> None:
            task = asyncio.ensure_future(self.reload("SIGHUP"))
            tasks.add(task)
            task.add_done_callback(tasks.discard)

        loop.add_signal_handler(signal.SIGHUP, reload_on_sighup)
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, self.stopping.set)
        keepers = [asyncio.create_task(self._keep(slot)) for slot in range(self.count)]
        for keeper in keepers:
            keeper.add_done_callback(self._keeper_done)
        watcher = asyncio.create_task(watch_files(lambda: self.config, self.reload)) if watch else None
        log.info("listening on %s (%d API(s), %d workers)", where, len(self.config.apis), self.count)
        try:
            await self.stopping.wait()
        finally:
            self.stopping.set()
            if watcher is not None:
                watcher.cancel()
            await self._stop()
            for keeper in keepers:
                keeper.cancel()
            self.sock.close()
            shutil.rmtree(self.folder, ignore_errors=True)


async def supervise(path: Path, host: str | None, port: int | None, watch: bool, count: int) -> None:
    """Check the configuration, bind, and run `count` workers until SIGTERM/SIGINT. ConfigError first."""

    gateway = await prepare(path, count)
    await gateway.close()
    config = gateway.config
    host = host or config.host
    port = port if port is not None else config.port
    sock = listen_for(host, port)
    await Supervisor(path, config, sock, count).run(watch, f"http://{host}:{port}")
