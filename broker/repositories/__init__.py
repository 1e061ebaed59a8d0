"""Repositories: the broker's queries (`select()` and inserts) and nothing else. Each takes the Session."""
