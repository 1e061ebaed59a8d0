step "Validate an AsyncAPI 2.6 and a 3.1 contract (official schemas + semantic checks)" \
  accord validate tests/contracts/fixtures/asyncapi/valid-2.6.yaml tests/contracts/fixtures/asyncapi/valid-3.1.yaml
step "One JSON report for several files, an unreadable one included (exit 2, the worst)" \
  sh -c 'accord validate --format json examples/contracts/orders.yaml tests/contracts/fixtures/bad/empty.yaml; echo "exit $?"'
