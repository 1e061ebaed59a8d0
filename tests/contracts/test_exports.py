"""The public surface of accord.contracts (and of its diff and lint packages) is what their __init__s say:
what the CLI, the generators, the broker and the gateway use of contracts is exported there."""

from __future__ import annotations

import pytest
from accord.contracts import diff, lint
from accord.contracts.lint import checks

from accord import contracts


def test_contracts_exports() -> None:
    assert sorted(contracts.__all__) == [
        "AsyncOperation",
        "BrokerClient",
        "BrokerClientError",
        "Bundle",
        "Channel",
        "CompatReport",
        "Contract",
        "ContractError",
        "ContractIndex",
        "DATE_FORMS",
        "DEFAULT_MAX_BYTES",
        "HTTP_METHODS",
        "Header",
        "Lifecycle",
        "LifecycleDate",
        "Location",
        "MAX_FILE_SIZE_ENV",
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
        "SCHEMA_2020_12_FORMATS",
        "SEQUENTIAL_MEDIA_TYPES",
        "SUPPORTED_VERSIONS",
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


def test_diff_exports() -> None:
    assert sorted(diff.__all__) == [
        "ACCEPT_FILE",
        "Acceptance",
        "Change",
        "DiffReport",
        "LEVELS",
        "REGISTRY",
        "Rule",
        "diff_contracts",
        "find_accept",
        "read_accept",
        "read_ignore",
        "read_severity",
        "render_changelog",
        "render_markdown",
        "render_text",
    ]


def test_lint_exports() -> None:
    assert sorted(lint.__all__) == [
        "CONFIG_NAMES",
        "Finding",
        "LintConfig",
        "LintReport",
        "Rule",
        "SEVERITIES",
        "Severity",
        "default_config",
        "find_config",
        "lint_file",
        "load_config",
        "read_contract_roots",
        "ruleset_config",
    ]


def test_lint_selectors_for_the_rulesets() -> None:
    assert sorted(checks.__all__) == [
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


@pytest.mark.parametrize("module", [contracts, diff, lint, checks], ids=lambda m: m.__name__)
def test_every_exported_name_is_there(module) -> None:
    assert all(getattr(module, name) is not None for name in module.__all__)
