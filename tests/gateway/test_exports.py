"""The public surface of `gateway` is pinned."""

import gateway


def test_exported_members():
    assert gateway.__all__ == [
        "ConfigError",
        "Gateway",
        "GatewayConfig",
        "GatewayMetrics",
        "load_config",
        "serve",
    ]
    for name in gateway.__all__:
        assert getattr(gateway, name) is not None
