accord lint examples/contracts/orders.yaml examples/contracts/order-events.yaml
accord lint examples/contracts/orders.yaml --ruleset accord:governance -f github
