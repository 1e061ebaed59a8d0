"""The web shop, the shop's consumer: it places and shows orders through the generated
`orders_client`, and tells a customer when a payment failed (the `payments.failed` event).

Its contract tests (`test_pacts.py`, pact-python) write the pacts it publishes: one HTTP pact with
Orders and one message pact with ShopEvents. Run them with `pytest examples/shop/webshop` from a
folder where `examples/shop/generate` wrote the client (PYTHONPATH), PACT_DIR naming where pacts go."""
