step "Mock the orders API and ask it for an order (example served, security and validation enforced)" \
  sh -c 'accord mock examples/contracts/orders.yaml --port 4010 --quiet & pid=$!; sleep 2; curl -s -H "Authorization: Bearer t" http://127.0.0.1:4010/orders/not-a-uuid; echo; curl -s -H "Authorization: Bearer t" -H "Prefer: code=404" http://127.0.0.1:4010/orders/3f2c1a9e-5b7d-4c8e-9f10-2a3b4c5d6e7f; echo; kill $pid'
step "Publish the order events to NATS (3 of each) while checking them" \
  sh -c 'accord mock examples/contracts/order-events.yaml --check --count 6 --timeout 20 & sleep 1; accord mock examples/contracts/order-events.yaml --port 0 --count 3 --rate 10 --quiet; wait'
