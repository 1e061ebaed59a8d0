"""The public surface of accord.contracts.http is what its __init__ says."""

from __future__ import annotations

from accord.contracts import http


def test_exported_names() -> None:
    assert sorted(http.__all__) == [
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
        "serve_lifespan",
        "server_config",
        "split_path_key",
    ]
    assert all(hasattr(http, name) for name in http.__all__)
