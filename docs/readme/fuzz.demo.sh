step "Fuzz the orders mock against its contract (it answers 401/422 the contract never documents)" \
  bash -c 'accord mock examples/contracts/orders.yaml --port 4719 -q & m=$!; sleep 2; accord fuzz examples/contracts/orders.yaml --url http://127.0.0.1:4719 --max-examples 5 --seed 1 --include "GET /orders/{orderId}" --junit "$0/fuzz.xml"; kill $m; exit 0' "$work"
