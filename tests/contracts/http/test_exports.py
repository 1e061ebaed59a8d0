"""The public surface of contracts.http is what its __init__ says."""

from __future__ import annotations

import contracts.http


def test_exported_names() -> None:
    assert sorted(contracts.http.__all__) == [
        "CompiledOperation",
        "HttpRuntime",
        "Issue",
        "LifecycleDefaults",
        "LimitedHttpProtocol",
        "ListenError",
        "MAX_JSON_DEPTH",
        "RequestCheck",
        "Route",
        "Router",
        "ServerLimits",
        "base_path",
        "body_kind",
        "check_port",
        "essence",
        "is_xml",
        "lifecycle_headers",
        "listen",
        "negotiate",
        "pick_media_type",
        "server_config",
        "split_path_key",
    ]
    assert all(hasattr(contracts.http, name) for name in contracts.http.__all__)
