"""The benchmark's token issuer: serves a JWKS (RSA 2048) on a free port and writes, one a line,
its JWKS URL, issuer, audience and a token valid for an hour to the file named first; runs until killed."""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

from tests.gateway.issuer import Issuer

if __name__ == "__main__":
    with Issuer() as issuer:
        token = issuer.token(sub="bench", scope="items:read", exp=int(time.time()) + 3600)
        lines = [issuer.jwks_url, issuer.issuer, issuer.audience, token]
        Path(sys.argv[1]).write_text("\n".join(lines) + "\n")
        signal.pause()  # until SIGTERM
