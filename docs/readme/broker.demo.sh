# Pact broker: serve it, publish a pact, ask can-i-deploy (exit 1: the provider is not in production yet)
accord broker serve --port 9393 --database-url sqlite:////tmp/accord-demo-broker.sqlite3 >/dev/null 2>&1 & broker=$!; sleep 4
accord broker publish examples/pacts --consumer-app-version 1.0.0 --branch main -b http://127.0.0.1:9393
pact broker create-environment --name production --production --broker-base-url http://127.0.0.1:9393 >/dev/null
accord can-i-deploy --pacticipant UserWeb --version 1.0.0 --to-environment production -b http://127.0.0.1:9393 || true
kill $broker
