"""The broker package's public names, and that importing it stays cheap."""

from __future__ import annotations

import subprocess
import sys

from accord import broker


def test_exported_names() -> None:
    assert broker.__all__ == [
        "BrokerError",
        "Conflict",
        "Database",
        "Invalid",
        "NotFound",
        "Settings",
        "TooLarge",
        "create_app",
    ]
    for name in broker.__all__:
        assert getattr(broker, name) is not None


def test_importing_broker_does_not_import_fastapi_or_sqlalchemy() -> None:
    code = "import sys, broker; print(any(m in sys.modules for m in ('fastapi', 'sqlalchemy')))"
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
    )
