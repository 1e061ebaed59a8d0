"""The public surface of `gateway` is pinned."""

from accord import gateway


def test_exported_members():
    assert gateway.__all__ == [
        "ConfigError",
        "Discovery",
        "Gateway",
        "GatewayConfig",
        "GatewayMetrics",
        "discovery_from_log",
        "fetch_discovery",
        "load_config",
        "openapi_fragment",
        "render_text",
        "serve",
    ]
    for name in gateway.__all__:
        assert getattr(gateway, name) is not None
