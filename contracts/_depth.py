"""Deeply nested documents: recursion kept safe instead of refused.

Readers stop at MAX_DEPTH nesting levels (JSON parsing at 1,024, YAML at 1,000, aliases included),
so a valid contract may be some 1,000 levels deep. Recursive code (YAML emitting, JSON encoding,
code generators we do not own) needs more than Python's default 1,000 frames for that: `deep_call`
runs such work in a thread with a large stack and a raised recursion limit, where it is safe.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TypeVar

__all__ = ["deep_call"]

T = TypeVar("T")
_STACK_BYTES = 512 * 1024 * 1024  # reserved address space; only the pages used are committed
_RECURSION_LIMIT = 60_000  # frames; ~60 per nesting level of a 1,000-deep document
_lock = threading.Lock()


def deep_call(function: Callable[[], T]) -> T:
    """`function()`, run where deep recursion neither overflows the stack nor hits the limit."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = function()
        except BaseException as exc:  # re-raised in the caller's thread
            outcome["error"] = exc

    previous_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous_limit, _RECURSION_LIMIT))
    try:
        with _lock:  # the stack size applies to threads started while it is set
            previous_stack = threading.stack_size(_STACK_BYTES)
            try:
                worker = threading.Thread(target=run, name="accord-deep", daemon=True)
                worker.start()
            finally:
                threading.stack_size(previous_stack)
        worker.join()
    finally:
        sys.setrecursionlimit(previous_limit)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
