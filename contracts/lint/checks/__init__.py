"""The built-in rules' own functions, one per module, each a pure function from context to hits.

The selectors the rules share (a rule's `given`: where in the document it looks) are exported here for
the rulesets that declare rules over them: `text_fields`, `named_examples`, `parameters` and
`servers_urls` for OpenAPI; `channels`, `operations`, `messages`, `messages_and_traits` and `servers` for AsyncAPI.
"""

from ._asyncapi import channels, messages, messages_and_traits, operations, servers
from ._given import named_examples, parameters, servers_urls, text_fields

__all__ = [
    "channels",
    "messages",
    "messages_and_traits",
    "named_examples",
    "operations",
    "parameters",
    "servers",
    "servers_urls",
    "text_fields",
]
