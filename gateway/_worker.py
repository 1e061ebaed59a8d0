"""One worker of `workers: N`, started by the supervisor: serves the inherited listening socket.

`python -m accord.gateway._worker CONFIG FD SLOT COUNT REF_ROOT MAX_BYTES` (the supervisor's read
limits: REF_ROOT empty for none). The supervisor has set
PROMETHEUS_MULTIPROC_DIR (before prometheus_client is imported here) and the shared folder.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
from pathlib import Path

from accord.contracts import ReadLimits, use_read_limits

from ._config import ConfigError
from ._server import configure_logging, run, serve_here
from ._shared import SHARED_DIR_ENV

log = logging.getLogger("accord.gateway")


def main(argv: list[str]) -> int:
    path, fd, slot, count, ref_root, max_bytes = argv
    use_read_limits(ReadLimits(ref_root=Path(ref_root) if ref_root else None, max_bytes=int(max_bytes)))
    configure_logging(f" worker {slot} (pid {os.getpid()})")
    sock = socket.socket(fileno=int(fd))
    try:
        run(
            serve_here(
                Path(path),
                None,
                None,
                watch=False,
                sock=sock,
                workers=int(count),
                shared_dir=Path(os.environ[SHARED_DIR_ENV]),
            )
        )
    except ConfigError as exc:
        log.error("%s", exc)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
