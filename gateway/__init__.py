"""gateway: the contract-aware ASGI reverse proxy.

Routes and versions from contracts and config, rate limits (memory or Redis), Deprecation/Sunset
headers and 410 after sunset, request and response validation against the contract, access log
and metrics.
"""
