"""Generated values are valid against their schemas and the same for the same seed."""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

import pytest
from accord.contracts import contract_validator, load_contract
from accord.generators.mock._generate import Generator

SCHEMAS = """
openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Formats:
      type: object
      required: [a, b, c, d, e, f, g, h]
      properties:
        a: {type: string, format: date-time, minLength: 25}
        b: {type: string, format: date}
        c: {type: string, format: uuid, pattern: "^[0-9A-F-]+$"}
        d: {type: string, format: email}
        e: {type: string, format: ipv4}
        f: {type: string, format: uri}
        g: {type: string, pattern: "^arn:[a-z]{3}:\\\\d{12}:[A-Za-z0-9_/.-]{0,63}$", minLength: 40, maxLength: 45}
        h: {type: string, pattern: ".*[0-9a-f]{8}-[0-9a-f]{4}.*", minLength: 13, maxLength: 13}
    Numbers:
      type: object
      required: [i, j, k, l]
      properties:
        i: {type: integer, exclusiveMinimum: 5, exclusiveMaximum: 7}
        j: {type: number, multipleOf: 0.25, minimum: 1, maximum: 2}
        k: {type: integer, format: int32, minimum: -5, maximum: -5}
        l: {type: array, minItems: 3, maxItems: 3, uniqueItems: true, items: {type: integer, minimum: 1, maximum: 3}}
    Tree:
      type: object
      required: [name, children]
      properties:
        name: {type: string, minLength: 1}
        children: {type: array, items: {$ref: "#/components/schemas/Tree"}}
    Overlap:  # every object fits the first branch: only one that fits no other branch is valid
      oneOf:
        - {type: object}
        - {type: object, required: [b], properties: {b: {type: string}}}
        - {type: object, required: [c], properties: {c: {type: string}}}
    Shape:
      oneOf:
        - {$ref: "#/components/schemas/Circle"}
        - {$ref: "#/components/schemas/Square"}
      discriminator: {propertyName: kind, mapping: {circle: "#/components/schemas/Circle"}}
    Circle:
      type: object
      required: [kind, r]
      properties: {kind: {type: string}, r: {type: number, exclusiveMinimum: 0}}
      additionalProperties: false
    Square:
      type: object
      required: [kind, side]
      properties: {kind: {const: Square}, side: {type: integer}}
      additionalProperties: false
    Closed:  # Azure's pattern: a closed part next to one that adds properties
      allOf:
        - {type: object, properties: {id: {type: string}, name: {type: string}}}
        - {type: object, additionalProperties: false, properties: {name: {type: string}, size: {type: integer}}}
    Untyped:  # 1Password's cursor: two untyped branches that every object fits, unless told apart
      oneOf:
        - {properties: {cursor: {type: string}}}
        - {properties: {limit: {type: number, maximum: 1000}, start: {type: string, format: date-time}}}
    Paged:  # Zalando's page: the base leaves items open, the refinement types them
      allOf:
        - {type: object, required: [content], properties: {content: {type: array, minItems: 1, items: {}}}}
        - {properties: {content: {type: array, items: {$ref: "#/components/schemas/Circle"}}}}
    Merged:
      allOf:
        - {type: object, required: [a], properties: {a: {type: integer, minimum: 10}}}
        - {type: object, required: [b], properties: {a: {maximum: 12}, b: {type: ["null", "boolean"]}}}
    WrongExamples:  # examples and defaults that break their own schema (linode, loket, zoom)
      type: object
      required: [id, day, count, name]
      properties:
        id: {type: string, format: uuid, example: 3a3ddd59d9a78bb8de041391075df44de62bfec8}
        day: {type: string, format: date, example: "2025-10-15T13:53:59.463Z"}
        count: {type: integer, enum: [1, 3], default: "1"}
        name: {type: string, example: Dune}
    NumberAndInteger:  # mailchimp: one part says number, the other integer
      allOf:
        - {type: object, properties: {n: {type: number}}}
        - {type: object, required: [n], properties: {n: {type: integer}}}
    Deep:  # past the depth where optional properties are left out, minProperties still holds
      type: object
      required: [a]
      properties:
        a:
          type: object
          required: [b]
          properties:
            b:
              type: object
              required: [c]
              properties:
                c:
                  type: object
                  required: [d]
                  properties:
                    d:
                      type: object
                      required: [e]
                      properties:
                        e:
                          type: object
                          minProperties: 1
                          additionalProperties: false
                          properties: {x: {type: string}}
"""


@pytest.fixture(scope="module")
def contract(tmp_path_factory):
    path: Path = tmp_path_factory.mktemp("generate") / "schemas.yaml"
    path.write_text(textwrap.dedent(SCHEMAS))
    return load_contract(path)


@pytest.mark.parametrize(
    "name",
    [
        "Formats",
        "Numbers",
        "Tree",
        "Overlap",
        "Shape",
        "Closed",
        "Merged",
        "Untyped",
        "Paged",
        "WrongExamples",
        "NumberAndInteger",
        "Deep",
    ],
)
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_generated_values_validate(contract, name: str, seed: int) -> None:
    schema = {"$ref": f"#/components/schemas/{name}"}
    validator = contract_validator(contract, schema, "response")
    value = Generator(contract).value(schema, random.Random(seed))
    assert validator.is_valid(value), (value, [e.message for e in validator.errors(value)])


def test_same_seed_same_value_and_discriminator_names_the_branch(contract) -> None:
    schema = {"$ref": "#/components/schemas/Shape"}
    values = [Generator(contract).value(schema, random.Random(seed)) for seed in range(8)]
    assert values[0] == Generator(contract).value(schema, random.Random(0))
    kinds = {v["kind"] for v in values}
    assert kinds == {"circle", "Square"}  # the mapping name, else the schema name


def test_an_example_that_fits_is_used_and_one_that_breaks_its_schema_is_not(contract) -> None:
    value = Generator(contract).value({"$ref": "#/components/schemas/WrongExamples"}, random.Random(0))
    assert value["name"] == "Dune"
    assert value["id"] != "3a3ddd59d9a78bb8de041391075df44de62bfec8" and value["count"] in (1, 3)
