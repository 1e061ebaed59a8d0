"""OpenAPI adapters: one module per spec version, each filling a `Contract`'s normalised model."""
