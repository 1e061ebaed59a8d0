"""The worked shop (examples/shop) running for a test: its code generated into a temporary folder,
the three providers and the saga as real processes on free ports, events on a real NATS under a
prefix of the test's own, and a tap that records every event with its eventId."""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
SHOP = ROOT / "examples" / "shop"
SUBJECTS = (
    "orders.placed",
    "inventory.reserved",
    "inventory.released",
    "payments.completed",
    "payments.failed",
)


def generated_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder where examples/shop/generate wrote the shop's code with this venv's accord: once a
    test session, by whichever test (or xdist worker) asks first while the others wait. Read-only:
    the shop runs in a copy (`shop_code`)."""
    base = tmp_path_factory.getbasetemp()
    # xdist's workers each have a folder in the session's own; without xdist the session's is `base`
    session = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    code = session / "shop-generated"
    with open(session / "shop-generated.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (session / "shop-generated.done").exists():
            shutil.rmtree(code, ignore_errors=True)
            env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
            subprocess.run([str(SHOP / "generate"), str(code)], check=True, env=env, capture_output=True)
            (session / "shop-generated.done").touch()
    return code


def shop_code(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A new folder holding a copy of the shop's generated code, to run the shop in."""
    work = tmp_path_factory.mktemp(name)
    shutil.copytree(generated_once(tmp_path_factory), work, dirs_exist_ok=True)
    return work


@dataclass
class Tap:
    """Every event seen on the shop's subjects: (subject, eventId, payload), in arrival order."""

    nats_url: str
    prefix: str
    events: list[tuple[str, str, dict]] = field(default_factory=list)

    def start(self) -> None:
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_until_complete, args=(self._run(ready),), daemon=True).start()
        assert ready.wait(10), "the tap could not subscribe"

    async def _run(self, ready: threading.Event) -> None:
        import nats

        self.connection = await nats.connect(self.nats_url)

        async def record(message) -> None:
            headers = message.headers or {}
            self.events.append(
                (
                    message.subject.removeprefix(self.prefix),
                    headers.get("eventId", ""),
                    json.loads(message.data),
                )
            )

        for subject in SUBJECTS:
            await self.connection.subscribe(self.prefix + subject, cb=record)
        await self.connection.flush()
        ready.set()
        self._stop = asyncio.Event()
        await self._stop.wait()
        await self.connection.close()

    def redeliver(self, subject: str, event_id: str, payload: dict) -> None:
        """Publish an event again with the same eventId, as a redelivery would."""
        asyncio.run_coroutine_threadsafe(
            self.connection.publish(
                self.prefix + subject, json.dumps(payload).encode(), headers={"eventId": event_id}
            ),
            self._loop,
        ).result(10)

    def of(self, order_id: str) -> list[str]:
        return [subject for subject, _, payload in self.events if payload.get("orderId") == order_id]

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)


class Shop:
    """The shop's processes; `url(service)` answers where each listens."""

    def __init__(
        self, work: Path, nats_url: str, prefix: str, databases: dict[str, str] | None = None
    ) -> None:
        """`databases`: a SQLAlchemy URL per service (orders, payments, inventory); SQLite files by default."""
        self.work, self.nats_url, self.prefix = work, nats_url, prefix
        self.databases = databases or {
            name: f"sqlite:///{work / name}.sqlite3" for name in ("orders", "payments", "inventory")
        }
        self.ports = {name: free_port() for name in ("orders", "payments", "inventory")}
        self.processes: list[subprocess.Popen] = []
        self.tap = Tap(nats_url, prefix)

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.ports[service]}"

    def _start(self, args: list[str], service: str, log: str) -> None:
        env = {
            **os.environ,
            "SHOP_DATABASE_URL": self.databases[service],
            "SHOP_NATS_URL": self.nats_url,
            "SHOP_EVENT_PREFIX": self.prefix,
            "SHOP_INVENTORY_URL": self.url("inventory"),
            "SHOP_PAYMENTS_URL": self.url("payments"),
        }
        out = open(self.work / log, "w")  # noqa: SIM115 (kept open while the process runs)
        self.processes.append(
            subprocess.Popen([sys.executable, *args], cwd=self.work, env=env, stdout=out, stderr=out)
        )

    def __enter__(self) -> Shop:
        self.tap.start()
        for service in ("orders", "payments", "inventory"):
            app = f"{service}_api.main:app"
            self._start(["-m", "uvicorn", app, "--port", str(self.ports[service])], service, f"{service}.log")
        self._start(["-m", "services.saga"], "orders", "saga.log")
        for service in self.ports:
            self._wait(f"{self.url(service)}/openapi.json")
        self._wait_for_saga()
        return self

    def _wait(self, url: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"nothing answers {url}: {self.logs()}")

    def _wait_for_saga(self) -> None:
        deadline = time.monotonic() + 60
        while "started successfully" not in (self.work / "saga.log").read_text():
            assert time.monotonic() < deadline, f"the saga did not start: {self.logs()}"
            time.sleep(0.2)

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in sorted(self.work.glob("*.log")))

    def __exit__(self, *exc: object) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        self.tap.stop()
