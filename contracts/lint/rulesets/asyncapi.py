"""accord:asyncapi (being written)."""

RULES: list = []
