"""Representations: domain objects to HAL/JSON documents (links come from `broker.api.links`)."""
