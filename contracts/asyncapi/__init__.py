"""AsyncAPI adapters: one module per major version, each filling a `Contract`'s normalised model."""
