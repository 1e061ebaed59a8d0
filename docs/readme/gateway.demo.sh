step "Gateway in front of the orders mock: rate-limit fields, deprecation headers from the contract, a request refused by the contract" \
  sh -c 'accord mock examples/contracts/orders.yaml --port 9001 -q & m=$!; accord gateway --config examples/gateway/gateway.yaml --no-watch >/dev/null 2>&1 & g=$!;
  for i in $(seq 50); do curl -sf http://127.0.0.1:8080/-/ready >/dev/null && break; sleep 0.2; done;
  curl -si -X DELETE http://127.0.0.1:8080/v1/orders/3f2c1a9e-5b7d-4c8e-9f10-2a3b4c5d6e7f -H "Authorization: Bearer t" | grep -iE "^(HTTP|deprecation|sunset|link|ratelimit)";
  curl -s "http://127.0.0.1:8080/v1/orders?limit=500" -H "Authorization: Bearer t"; echo; kill $g $m'
