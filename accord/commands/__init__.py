"""One module per `accord` command; each exposes `register(app)`. Commands parse, call, format, exit."""
