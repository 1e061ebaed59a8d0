"""Registry-wide: every built-in rule is described, scoped to formats, and has a test table."""

from __future__ import annotations

from accord.contracts.lint import SEVERITIES
from accord.contracts.lint.rulesets import all_rules, rulesets

from . import test_asyncapi_rules, test_governance_rules, test_oas32_rules, test_oas_rules

TABLES = {
    **test_oas_rules.CASES,
    **test_oas32_rules.CASES,
    **test_asyncapi_rules.CASES,
    **test_governance_rules.CASES,
}


def test_every_rule_is_described_and_tested() -> None:
    for rule_id, rule in all_rules().items():
        assert rule.description.strip(), f"{rule_id} has no description"
        assert rule.severity in SEVERITIES, rule_id
        assert rule.formats, f"{rule_id} applies to no format"
        assert TABLES.get(rule_id), f"{rule_id} has no test table"


def test_ids_are_unique_across_rulesets() -> None:
    ids = [rule_id for rules in rulesets().values() for rule_id in rules]
    assert len(ids) == len(set(ids))


def test_every_table_names_a_rule() -> None:
    assert set(TABLES) <= set(all_rules())


def test_every_spectral_rule_id_exists() -> None:
    """Teams keep their .spectral.yaml overrides: each spectral:oas / spectral:asyncapi id is known here."""
    assert set(all_rules()) >= SPECTRAL_IDS


SPECTRAL_IDS = {
    *[
        "operation-success-response",
        "oas2-operation-formData-consume-check",
        "operation-operationId-unique",
        "operation-parameters",
        "operation-tag-defined",
        "path-params",
        "contact-properties",
        "duplicated-entry-in-enum",
        "info-contact",
        "info-description",
        "info-license",
        "license-url",
        "no-eval-in-markdown",
        "no-script-tags-in-markdown",
        "openapi-tags-alphabetical",
        "openapi-tags-uniqueness",
        "openapi-tags",
        "operation-description",
        "operation-operationId",
        "operation-operationId-valid-in-url",
        "operation-singular-tag",
        "operation-tags",
        "path-declarations-must-exist",
        "path-keys-no-trailing-slash",
        "path-not-include-query",
        "tag-description",
        "no-$ref-siblings",
        "array-items",
        "typed-enum",
        "oas2-api-host",
        "oas2-api-schemes",
        "oas2-discriminator",
        "oas2-host-not-example",
        "oas2-host-trailing-slash",
        "oas2-parameter-description",
        "oas2-operation-security-defined",
        "oas2-valid-schema-example",
        "oas2-valid-media-example",
        "oas2-anyOf",
        "oas2-oneOf",
        "oas2-schema",
        "oas2-unused-definition",
        "oas3-api-servers",
        "oas3-examples-value-or-externalValue",
        "oas3-operation-security-defined",
        "oas3-parameter-description",
        "oas3-server-not-example.com",
        "oas3-server-trailing-slash",
        "oas3-valid-media-example",
        "oas3-valid-schema-example",
        "oas3-schema",
        "oas3-unused-component",
        "oas3-server-variables",
        "oas3-callbacks-in-callbacks",
        "oas3_1-servers-in-webhook",
        "oas3_1-callbacks-in-webhook",
    ],
    *[
        "asyncapi-channel-no-empty-parameter",
        "asyncapi-3-channel-no-empty-parameter",
        "asyncapi-channel-no-query-nor-fragment",
        "asyncapi-3-channel-no-query-nor-fragment",
        "asyncapi-channel-no-trailing-slash",
        "asyncapi-3-channel-no-trailing-slash",
        "asyncapi-channel-parameters",
        "asyncapi-channel-servers",
        "asyncapi-3-channel-servers",
        "asyncapi-headers-schema-type-object",
        "asyncapi-3-headers-schema-type-object",
        "asyncapi-info-contact-properties",
        "asyncapi-info-contact",
        "asyncapi-info-description",
        "asyncapi-info-license-url",
        "asyncapi-info-license",
        "asyncapi-latest-version",
        "asyncapi-message-examples",
        "asyncapi-message-messageId-uniqueness",
        "asyncapi-operation-description",
        "asyncapi-3-operation-description",
        "asyncapi-operation-operationId-uniqueness",
        "asyncapi-operation-operationId",
        "asyncapi-operation-security",
        "asyncapi-3-operation-security",
        "asyncapi-parameter-description",
        "asyncapi-payload-default",
        "asyncapi-payload-examples",
        "asyncapi-payload-unsupported-schemaFormat",
        "asyncapi-3-payload-unsupported-schemaFormat",
        "asyncapi-payload",
        "asyncapi-schema-default",
        "asyncapi-schema-examples",
        "asyncapi-schema",
        "asyncapi-server-variables",
        "asyncapi-server-no-empty-variable",
        "asyncapi-3-server-no-empty-variable",
        "asyncapi-server-no-trailing-slash",
        "asyncapi-3-server-no-trailing-slash",
        "asyncapi-server-not-example-com",
        "asyncapi-3-server-not-example-com",
        "asyncapi-server-security",
        "asyncapi-servers",
        "asyncapi-tag-description",
        "asyncapi-3-tag-description",
        "asyncapi-tags-alphabetical",
        "asyncapi-3-tags-alphabetical",
        "asyncapi-tags-uniqueness",
        "asyncapi-3-tags-uniqueness",
        "asyncapi-tags",
        "asyncapi-3-tags",
        "asyncapi-unused-components-schema",
        "asyncapi-unused-components-server",
        "asyncapi-3-document-resolved",
        "asyncapi-3-document-unresolved",
    ],
}
