step "Generate a FastAPI server (handlers in services/, never overwritten) and a typed client" \
  accord generate server examples/contracts/orders.yaml -o "$work/gen" --package shop
accord generate client examples/contracts/orders.yaml -o "$work/gen" --package shopclient
step "CI check: the generated code is up to date with the contract" \
  accord generate server examples/contracts/orders.yaml -o "$work/gen" --package shop --check
