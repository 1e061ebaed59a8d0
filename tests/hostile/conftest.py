"""The servers under attack (`server`: (kind, port) of the mock, the gateway and the broker in turn),
and the fuzzing tally written at the end of the session when asked for (ACCORD_FUZZ_REPORT)."""

from .fuzzing import write_report
from .servers import server  # noqa: F401  # the fixture, for every test here


def pytest_sessionfinish(session, exitstatus) -> None:
    write_report()
