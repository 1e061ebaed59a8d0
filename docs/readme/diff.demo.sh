accord diff examples/diff/orders-v1.yaml examples/diff/orders-v2.yaml || true
accord changelog examples/diff/orders-v1.yaml examples/diff/orders-v2.yaml
