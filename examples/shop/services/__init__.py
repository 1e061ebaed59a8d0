"""The shop's hand-written code: the handlers the generated servers import (`services.orders`,
`services.payments`, `services.reservations`, `services.authorize`), the order saga
(`python -m services.saga`) and an event tap for the demo (`python -m services.tap`).

`accord generate server` writes the `*_api` packages beside this one and never touches it."""
