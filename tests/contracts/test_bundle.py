"""Multi-file contracts: relative $refs, recursion, 3.1 $ref siblings, and `accord bundle`."""

from __future__ import annotations

from pathlib import Path

import yaml
from accord.contracts import iter_refs, load_contract, validate

from tests.cli import accord

MULTI = Path(__file__).parent / "fixtures" / "multi"


def test_external_refs_become_local_and_recursion_stays_a_ref() -> None:
    contract = load_contract(MULTI / "root.yaml")
    refs = [ref for _, ref in iter_refs(contract.document)]
    assert refs and all(ref.startswith("#/") for ref in refs)
    node = contract.document["components"]["schemas"]["node"]
    assert node["properties"]["children"]["items"] == {"$ref": "#/components/schemas/node"}
    schema = contract.operations[0].responses["200"].content["application/json"].schema
    assert schema == {"$ref": "#/components/schemas/node", "description": "a $ref sibling, legal in 3.1"}
    assert validate(contract) == []


def test_positions_point_into_the_file_where_a_node_was_written() -> None:
    contract = load_contract(MULTI / "root.yaml")
    op = contract.operations[0]
    where = contract.location(op.pointer + "/operationId")
    assert where.file.endswith("paths/node.yaml")
    assert (where.line, where.column) == (2, 16)


def test_bundle_command_writes_one_valid_document(tmp_path: Path, examples: Path) -> None:
    out = tmp_path / "bundled.yaml"
    result = accord("bundle", examples / "orders.yaml", "-o", out)
    assert result.code == 0, result.stderr
    data = yaml.safe_load(out.read_text())
    assert all(ref.startswith("#/") for _, ref in iter_refs(data))
    assert set(data["components"]["schemas"]) >= {"Order", "NewOrder", "OrderLine", "Money", "Problem"}
    assert accord("validate", out).code == 0


def test_a_yaml_block_under_a_key_is_located_at_its_key(tmp_path: Path) -> None:
    """As in JSON (where the `{` follows the key), and as editors show it; scalars stay where they are."""
    path = tmp_path / "api.yaml"
    path.write_text(
        "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get:\n"
        "      responses:\n        '200': {description: ok}\n"
    )
    contract = load_contract(path)
    assert (contract.location("/paths/~1a/get").line, contract.location("/paths/~1a/get").column) == (7, 5)
    assert contract.location("/info/title").line == 3
    assert contract.location("/paths/~1a/get/responses/200").line == 9  # flow mapping: where it opens
