"""contracts: reading the source of truth.

Loads OpenAPI (2.0, 3.0, 3.1, 3.2) and AsyncAPI (2.x, 3.x) documents from YAML or JSON, follows and
bundles `$ref`s across files, keeps source positions (computed lazily), validates against the
specifications, and exposes one normalised model (operations, parameters, bodies, responses,
channels, messages). Entry point: `load_contract(path) -> Contract`.

The one Pact Broker client (`BrokerClient`, HAL over httpx) and JSON Schema validation as every room
does it (`contract_validator(contract, schema)` for a schema
of a contract, with OpenAPI's dialects converted; `SchemaCompiler` for many schemas of one
document) and the pact comparison (`check_pact`) are imported on first use.

This package knows nothing of the rest of accord; everything else builds on it.
"""

from typing import TYPE_CHECKING

from ._contract import SCHEMA_2020_12_FORMATS, SUPPORTED_VERSIONS, Contract, load_contract, normalise
from ._depth import deep_call
from ._documents import SourceFile, read_file
from ._errors import ContractError, Location
from ._lifecycle import (
    DATE_FORMS,
    Lifecycle,
    LifecycleDate,
    Stability,
    StabilityLevel,
    parse_lifecycle_date,
    read_lifecycle,
)
from ._limits import (
    DEFAULT_MAX_BYTES,
    MAX_FILE_SIZE_ENV,
    ReadLimits,
    current_read_limits,
    parse_size,
    use_read_limits,
)
from ._model import (
    HTTP_METHODS,
    AsyncOperation,
    Channel,
    Header,
    MediaType,
    Message,
    OAuthFlow,
    Operation,
    Parameter,
    RequestBody,
    Response,
    SecurityScheme,
    Server,
    Tag,
)
from ._pointers import escape as escape_pointer
from ._pointers import resolve_pointer
from ._pointers import split as split_pointer
from ._refs import Bundle, bundle, iter_refs
from ._rootlines import RootLocator, scope_pointer
from ._streams import SEQUENTIAL_MEDIA_TYPES, StreamError, frame_item, stream_framing, unframe_items
from ._summary import summarise
from ._validation import ValidationIssue, ValidationReport, unsatisfiable_schemas, validate, validate_file
from ._workspace import (
    ContractIndex,
    index_contracts,
    is_contract_file,
    names_a_spec,
    shown_path,
)
from ._writing import dump_document, to_json, write_document

__all__ = [
    "DATE_FORMS",
    "DEFAULT_MAX_BYTES",
    "HTTP_METHODS",
    "MAX_FILE_SIZE_ENV",
    "SCHEMA_2020_12_FORMATS",
    "SEQUENTIAL_MEDIA_TYPES",
    "SUPPORTED_VERSIONS",
    "AsyncOperation",
    "BrokerClient",
    "BrokerClientError",
    "Bundle",
    "Channel",
    "CompatReport",
    "Contract",
    "ContractError",
    "ContractIndex",
    "Header",
    "Lifecycle",
    "LifecycleDate",
    "Location",
    "MediaType",
    "Message",
    "OAuthFlow",
    "Operation",
    "PactError",
    "Parameter",
    "ReadLimits",
    "RequestBody",
    "Response",
    "RootLocator",
    "SchemaCompileError",
    "SchemaCompiler",
    "SchemaError",
    "SchemaValidator",
    "SecurityScheme",
    "Server",
    "SourceFile",
    "Stability",
    "StabilityLevel",
    "StreamError",
    "Tag",
    "ValidationIssue",
    "ValidationReport",
    "bundle",
    "check_pact",
    "contract_validator",
    "current_read_limits",
    "deep_call",
    "dump_document",
    "escape_pointer",
    "frame_item",
    "index_contracts",
    "is_contract_file",
    "iter_refs",
    "load_contract",
    "names_a_spec",
    "normalise",
    "parse_lifecycle_date",
    "parse_size",
    "read_file",
    "read_lifecycle",
    "resolve_pointer",
    "scope_pointer",
    "shown_path",
    "split_pointer",
    "stream_framing",
    "summarise",
    "to_json",
    "unframe_items",
    "unsatisfiable_schemas",
    "use_read_limits",
    "validate",
    "validate_file",
    "write_document",
]

if TYPE_CHECKING:
    from ._broker_client import BrokerClient, BrokerClientError
    from ._jsonschema import (
        SchemaCompileError,
        SchemaCompiler,
        SchemaError,
        SchemaValidator,
        contract_validator,
    )
    from .compat import CompatReport, PactError, check_pact

_COMPAT = frozenset(("CompatReport", "PactError", "check_pact"))
_BROKER_CLIENT = frozenset(("BrokerClient", "BrokerClientError"))
_JSONSCHEMA = frozenset(
    ("SchemaCompileError", "SchemaCompiler", "SchemaError", "SchemaValidator", "contract_validator")
)


def __getattr__(name: str) -> object:
    """The pact comparison (contracts.compat), the broker client (httpx) and the schema compiler
    (jsonschema-rs) are imported on first use: most commands that import contracts never need them."""
    if name in _COMPAT:
        from . import compat

        return getattr(compat, name)
    if name in _BROKER_CLIENT:
        from . import _broker_client

        return getattr(_broker_client, name)
    if name in _JSONSCHEMA:
        from . import _jsonschema

        return getattr(_jsonschema, name)
    raise AttributeError(f"module 'accord.contracts' has no attribute {name!r}")
