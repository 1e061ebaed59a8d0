"""Handlers of the generated Orders server (`accord generate server orders.yaml --package orders_api`)."""
