"""Several `accord broker serve` processes on one database (issue 16, item 9): they migrate the empty
database at the same time, and what is written through both of them at once is kept as one broker
would keep it. Each race runs REPEATS times on PostgreSQL (and once on one SQLite file), its requests
released together and split across the two processes: identical publishes leave one pact version,
merges keep every interaction, one version stays currently deployed per environment and application
instance, labels are written once per pacticipant and name, each webhook event is delivered once (not
once per process), and a delivery waiting for a retry outlives the broker that began it."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.servers import free_port

from ..services import postgres_database
from .conftest import start_broker_process, wait_for_broker
from .helpers import environment, publish, verify
from .receiver import Receiver

REPEATS = 5
T = TypeVar("T")
WEBHOOKS = {  # receivers on 127.0.0.1 over plain HTTP; retries and polling quick enough for a test
    "ACCORD_BROKER_WEBHOOK_SCHEMES": "http",
    "ACCORD_BROKER_WEBHOOK_HOSTS": "127.0.0.1",
    "ACCORD_BROKER_WEBHOOK_ATTEMPTS": "3",
    "ACCORD_BROKER_WEBHOOK_RETRY_SECONDS": "0.2",
    "ACCORD_BROKER_WEBHOOK_POLL_SECONDS": "0.2",
}


def _start(url: str, port: int, **env: str) -> subprocess.Popen:
    return start_broker_process(url, port, {**WEBHOOKS, **env})


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()  # SIGTERM: uvicorn's graceful shutdown
    proc.wait(timeout=30)


def _sql(url: str, query: str, **params: Any) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(query), params)]
    finally:
        engine.dispose()


def together(calls: list[Callable[[], T]]) -> list[T]:
    """Each call on its own thread, all released at the same moment."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], T]) -> T:
        barrier.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def _until(check: Callable[[], T], what: str, timeout: float = 30) -> T:
    deadline = time.monotonic() + timeout
    while not (found := check()):
        if time.monotonic() > deadline:
            pytest.fail(f"still waiting for {what}")
        time.sleep(0.05)
    return found


@dataclass
class Replicas:
    database: str
    bases: list[str]
    receiver: Receiver
    repeats: int  # how many times each race is run

    def base(self, i: int) -> str:
        """The broker the i-th concurrent request goes to: alternately one and the other."""
        return self.bases[i % len(self.bases)]


@pytest.fixture(scope="module", params=["postgres", "sqlite"])
def replicas(request, tmp_path_factory) -> Iterator[Replicas]:
    """Two brokers on one fresh database: PostgreSQL, each race REPEATS times; and one SQLite file
    (one writer at a time, `BEGIN IMMEDIATE`), each race once."""
    if request.param == "postgres":
        database = postgres_database()
        url, repeats, drop = next(database), REPEATS, database.close
    else:
        url, repeats = f"sqlite:///{tmp_path_factory.mktemp('replicas') / 'broker.sqlite3'}", 1
        drop = None
    receiver = Receiver()
    ports = [free_port(), free_port()]
    procs = [_start(url, port) for port in ports]  # both migrate the empty database at once
    try:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base, proc in zip(bases, procs, strict=True):
            wait_for_broker(base, proc)
        yield Replicas(url, bases, receiver, repeats)
    finally:
        for proc in procs:
            _stop(proc)
        receiver.close()
        if drop is not None:
            drop()


def _statuses(answers: list[httpx.Response]) -> list[int]:
    return [a.status_code for a in answers]


def test_identical_publishes_through_two_brokers_leave_one_pact_version(replicas: Replicas) -> None:
    for run in range(replicas.repeats):
        number = f"same-{run}"
        answers = together(
            [
                partial(publish, replicas.base(i), "Web", number, "Api", f"request {run}", branch="main")
                for i in range(20)
            ]
        )
        assert _statuses(answers) == [200] * 20, [a.text for a in answers if a.status_code != 200]
        [(pact_versions, publications)] = _sql(
            replicas.database,
            "SELECT count(DISTINCT pp.pact_version_id), count(*) FROM pact_publications pp"
            " JOIN versions v ON v.id = pp.consumer_version_id WHERE v.number = :number",
            number=number,
        )
        assert (pact_versions, publications) == (1, 1)
        assert _sql(replicas.database, "SELECT count(*) FROM pact_versions") == [(run + 1,)]
        assert _sql(replicas.database, "SELECT count(*) FROM versions WHERE number = :n", n=number) == [(1,)]
        for base in replicas.bases:
            pact = httpx.get(f"{base}/pacts/provider/Api/consumer/Web/version/{number}").json()
            assert [i["description"] for i in pact["interactions"]] == [f"request {run}"]
    assert _sql(replicas.database, "SELECT count(*) FROM pacticipants WHERE name IN ('Web', 'Api')") == [(2,)]
    assert _sql(replicas.database, "SELECT count(*) FROM branches") == [(1,)]


def test_concurrent_merges_through_two_brokers_keep_every_interaction(replicas: Replicas) -> None:
    for run in range(replicas.repeats):
        number = f"merged-{run}"
        assert publish(replicas.base(run), "Shop", number, "Stock", "the first request").status_code == 200
        answers = together(
            [
                partial(
                    publish, replicas.base(i), "Shop", number, "Stock", f"request {i}", on_conflict="merge"
                )
                for i in range(20)
            ]
        )
        assert _statuses(answers) == [200] * 20, [a.text for a in answers if a.status_code != 200]
        expected = sorted(["the first request", *(f"request {i}" for i in range(20))])
        for base in replicas.bases:
            pact = httpx.get(f"{base}/pacts/provider/Stock/consumer/Shop/version/{number}").json()
            assert sorted(i["description"] for i in pact["interactions"]) == expected


def _deploy(base: str, number: str, environment_uuid: str, instance: str | None = None) -> httpx.Response:
    return httpx.post(
        f"{base}/pacticipants/Orders/versions/{number}/deployed-versions/environment/{environment_uuid}",
        json={"applicationInstance": instance} if instance else {},
        timeout=60,
    )


def _currently_deployed(replicas: Replicas, environment_uuid: str) -> list[tuple[str, str | None]]:
    """(version, application instance) of each deployment both brokers call current, checked to agree."""
    seen = []
    for base in replicas.bases:
        body = httpx.get(
            f"{base}/environments/{environment_uuid}/deployed-versions/currently-deployed"
        ).json()
        seen.append(
            sorted(
                (d["_embedded"]["version"]["number"], d.get("applicationInstance"))
                for d in body["_embedded"]["deployedVersions"]
            )
        )
    assert seen[0] == seen[1]
    open_rows = _sql(
        replicas.database,
        "SELECT count(*) FROM deployed_versions d JOIN environments e ON e.id = d.environment_id"
        " WHERE e.uuid = :uuid AND d.undeployed_at IS NULL",
        uuid=environment_uuid,
    )
    assert open_rows == [(len(seen[0]),)]
    return seen[0]


def test_concurrent_deployments_through_two_brokers_leave_one_version_currently_deployed(
    replicas: Replicas,
) -> None:
    numbers = [str(n) for n in range(1, 11)]
    for number in numbers:
        assert httpx.put(f"{replicas.bases[0]}/pacticipants/Orders/versions/{number}", json={}).is_success
    for run in range(replicas.repeats):
        different = environment(replicas.base(run), f"stage-{run}")
        answers = together([partial(_deploy, replicas.base(i), numbers[i], different) for i in range(10)])
        assert _statuses(answers) == [201] * 10, [a.text for a in answers if a.status_code != 201]
        [(number, instance)] = _currently_deployed(replicas, different)
        assert number in numbers and instance is None

        same = environment(replicas.base(run), f"test-{run}")
        answers = together([partial(_deploy, replicas.base(i), "1", same) for i in range(20)])
        assert _statuses(answers) == [201] * 20, [a.text for a in answers if a.status_code != 201]
        assert _currently_deployed(replicas, same) == [("1", None)]

        instances = environment(replicas.base(run), f"prod-{run}")  # one current per application instance
        answers = together(
            [
                partial(_deploy, replicas.base(i), numbers[i], instances, ("blue", "green")[i % 2])
                for i in range(10)
            ]
        )
        assert _statuses(answers) == [201] * 10, [a.text for a in answers if a.status_code != 201]
        assert sorted(i for _, i in _currently_deployed(replicas, instances)) == ["blue", "green"]


def test_the_other_writes_race_through_two_brokers_to_one_row_and_no_server_error(replicas: Replicas) -> None:
    """Creations that ten requests make at once: one is told it created the row (201), the others that
    it exists (200, or 409 where the Pact Broker refuses a duplicate); verification numbers are not
    shared; nothing is answered 5xx."""
    assert publish(replicas.bases[0], "Racer", "1", "Target").status_code == 200

    def race(call: Callable[[str], httpx.Response]) -> list[int]:
        return sorted(_statuses(together([partial(call, replicas.base(i)) for i in range(10)])))

    created_once = [200] * 9 + [201]
    assert race(lambda base: httpx.post(f"{base}/pacticipants", json={"name": "Newcomer"})) == created_once
    assert race(lambda base: httpx.put(f"{base}/pacticipants/Racer/versions/1/tags/prod")) == created_once
    assert race(lambda base: httpx.put(f"{base}/pacticipants/Racer/branches/feat/versions/1")) == created_once
    assert (
        race(lambda base: httpx.post(f"{base}/environments", json={"name": "shared"})) == [201] + [400] * 9
    )  # the name taken: a validation error
    shared = environment(replicas.bases[0], "released")
    assert (
        race(
            lambda base: httpx.post(
                f"{base}/pacticipants/Racer/versions/1/released-versions/environment/{shared}"
            )
        )
        == created_once
    )
    assert race(lambda base: verify(base, "Racer", "1", "Target", "t1", True)) == [201] * 10
    numbers = _sql(
        replicas.database,
        "SELECT number FROM verifications v JOIN pact_versions p ON p.id = v.pact_version_id"
        " JOIN pacticipants c ON c.id = p.consumer_id WHERE c.name = 'Racer' ORDER BY number",
    )
    assert numbers == [(n,) for n in range(1, 11)]
    for table in ("tags", "branch_versions", "released_versions"):
        rows = _sql(
            replicas.database,
            f"SELECT count(*) FROM {table} t JOIN versions v ON v.id = t.version_id"
            " JOIN pacticipants p ON p.id = v.pacticipant_id WHERE p.name = 'Racer'",
        )
        assert rows == [(1,)], table


def _label(base: str, pacticipant: str, label: str, method: str = "PUT") -> httpx.Response:
    return httpx.request(method, f"{base}/pacticipants/{pacticipant}/labels/{label}", timeout=60)


def _labels_of(replicas: Replicas, pacticipant: str) -> list[str]:
    """The pacticipant's labels as the database holds them, checked to be what both brokers answer."""
    rows = _sql(
        replicas.database,
        "SELECT l.name FROM labels l JOIN pacticipants p ON p.id = l.pacticipant_id"
        " WHERE p.name = :name ORDER BY l.name",
        name=pacticipant,
    )
    names = [name for (name,) in rows]
    for base in replicas.bases:
        body = httpx.get(f"{base}/pacticipants/{pacticipant}").json()
        assert sorted(label["name"] for label in body["_embedded"]["labels"]) == names
    return names


def test_label_writes_through_two_brokers(replicas: Replicas) -> None:
    """20 labellings of a new pacticipant at once create it and the label once (one 201, the others
    200); ten different labels at once are all kept; labelling and unlabelling at once leave at most one
    row, the same through both brokers, and nothing 5xx (the unique constraint on pacticipant and name
    holds it, not a read before the write)."""
    for run in range(replicas.repeats):
        name = f"Labelled{run}"
        answers = together([partial(_label, replicas.base(i), name, "ios") for i in range(20)])
        assert sorted(_statuses(answers)) == [200] * 19 + [201], [a.text for a in answers]
        assert _sql(replicas.database, "SELECT count(*) FROM pacticipants WHERE name = :n", n=name) == [(1,)]
        assert _labels_of(replicas, name) == ["ios"]

        answers = together([partial(_label, replicas.base(i), name, f"team-{i}") for i in range(10)])
        assert _statuses(answers) == [201] * 10, [a.text for a in answers]
        assert _labels_of(replicas, name) == sorted(["ios", *(f"team-{i}" for i in range(10))])

        answers = together(
            [partial(_label, replicas.base(i), name, "ios", ("PUT", "DELETE")[i % 2]) for i in range(20)]
        )
        puts, deletes = _statuses(answers)[0::2], _statuses(answers)[1::2]
        assert set(puts) <= {200, 201} and set(deletes) <= {204, 404}, [a.text for a in answers]
        assert 204 in deletes  # the label existed when the race began, so one removal found it
        assert _labels_of(replicas, name).count("ios") <= 1
        assert len(_labels_of(replicas, name)) == 10 + _labels_of(replicas, name).count("ios")


def _webhook(base: str, receiver: Receiver, provider: str) -> None:
    made = httpx.post(
        f"{base}/webhooks",
        json={
            "provider": {"name": provider},
            "events": [{"name": "contract_published"}],
            "request": {
                "method": "POST",
                "url": f"{receiver.url}/hook",
                "body": {
                    "event": "${pactbroker.eventName}",
                    "version": "${pactbroker.consumerVersionNumber}",
                },
            },
        },
    )
    assert made.status_code == 201, made.text


def _delivered(base: str, provider: str, consumer: str, count: int) -> dict:
    def settled() -> dict | None:
        status = httpx.get(f"{base}/pacts/provider/{provider}/consumer/{consumer}/webhooks/status").json()
        return status if status["summary"]["successful"] >= count else None

    return _until(settled, f"{count} successful deliveries")


def test_each_webhook_event_is_delivered_once_by_two_brokers(replicas: Replicas) -> None:
    assert publish(replicas.bases[0], "Caller", "0", "Notified").status_code == 200
    _webhook(replicas.bases[1], replicas.receiver, "Notified")
    expected: list[str] = []
    for run in range(replicas.repeats):
        numbers = [f"{run}.{i}" for i in range(20)]
        answers = together(
            [
                partial(publish, replicas.base(i), "Caller", n, "Notified", f"request {n}")
                for i, n in enumerate(numbers)
            ]
        )
        assert _statuses(answers) == [200] * 20
        expected += numbers
        status = _delivered(replicas.base(run), "Notified", "Caller", len(expected))
        assert status["summary"] == {"successful": len(expected), "failed": 0}  # none not run or retrying
        received = [(r["body"]["event"], r["body"]["version"]) for r in replicas.receiver.received]
        assert sorted(received) == sorted(("contract_published", n) for n in expected)


def test_a_delivery_waiting_for_a_retry_survives_a_broker_restart() -> None:
    database = postgres_database()
    url = next(database)
    receiver = Receiver(failures=1)  # the first attempt is answered 500
    waiting = {"ACCORD_BROKER_WEBHOOK_RETRY_SECONDS": "3"}
    base = f"http://127.0.0.1:{free_port()}"
    first = _start(url, int(base.rsplit(":", 1)[1]), **waiting)
    try:
        wait_for_broker(base, first)
        assert publish(base, "Web", "1", "Api").status_code == 200
        _webhook(base, receiver, "Api")
        assert publish(base, "Web", "2", "Api", "another request").status_code == 200
        receiver.wait_for(1)
        retrying = "SELECT status, attempts FROM triggered_webhooks"
        _until(lambda: _sql(url, retrying) == [("retrying", 1)], "the delivery to wait for its retry")
        _stop(first)
        assert _sql(url, retrying) == [("retrying", 1)]  # stopping did not give up on it
        assert len(receiver.received) == 1

        base = f"http://127.0.0.1:{free_port()}"
        second = _start(url, int(base.rsplit(":", 1)[1]), **waiting)
        try:
            wait_for_broker(base, second)
            status = _delivered(base, "Api", "Web", 1)  # the new broker made the second attempt
            [delivery] = status["_embedded"]["triggeredWebhooks"]
            assert (delivery["status"], delivery["attemptsMade"]) == ("success", 2)
            assert [r["body"]["version"] for r in receiver.received] == ["2", "2"]
        finally:
            _stop(second)
    finally:
        if first.poll() is None:
            _stop(first)
        receiver.close()
        database.close()
