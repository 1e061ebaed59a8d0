"""Generated contracts and contracts with random damage, into the loaders and the command line
(`accord.cli.main`, the console entry point, in-process for speed): every run exits 0, 1 or 2 and
never raises (a raised exception is the traceback a user would see)."""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

import pytest
import yaml
from accord.contracts import ContractError, load_contract, validate
from hypothesis import given
from hypothesis import strategies as st

from accord.cli import main

from .fuzzing import BUDGET, tried

ROOT = Path(__file__).resolve().parents[2]
BASES = [
    ROOT / "examples" / "contracts" / "orders.yaml",
    ROOT / "examples" / "contracts" / "payments.yaml",
    ROOT / "examples" / "contracts" / "order-events.yaml",
    ROOT / "tests" / "gateway" / "fixtures" / "widgets.yaml",
]
_NAMES = st.text(st.sampled_from("abcxyz_-é"), min_size=1, max_size=8)


def _schemas(depth: int = 4) -> st.SearchStrategy:
    leaf = st.fixed_dictionaries(
        {"type": st.sampled_from(["string", "integer", "number", "boolean", "nil", "null"])},
        optional={
            "format": st.sampled_from(["date", "uuid", "int32", "x"]),
            "enum": st.lists(st.integers(), max_size=3),
        },
    ) | st.fixed_dictionaries(
        {"$ref": st.sampled_from(["#/components/schemas/A", "#/components/schemas/B", "#/x"])}
    )
    return st.recursive(
        leaf,
        lambda inner: (
            st.fixed_dictionaries(
                {"type": st.just("object"), "properties": st.dictionaries(_NAMES, inner, max_size=3)}
            )
            | st.fixed_dictionaries({"type": st.just("array"), "items": inner})
            | st.fixed_dictionaries({"allOf": st.lists(inner, min_size=1, max_size=2)})
        ),
        max_leaves=depth * 3,
    )


@st.composite
def contracts(draw) -> dict:
    """An OpenAPI 3.x document: structurally plausible, often wrong in detail."""
    operations = {}
    for method in draw(
        st.lists(st.sampled_from(["get", "post", "put", "delete", "fetch"]), max_size=3, unique=True)
    ):
        operation: dict = {
            "responses": {
                draw(st.sampled_from(["200", "201", "4XX", "default", "abc"])): {"description": "x"}
            }
        }
        if draw(st.booleans()):
            operation["parameters"] = [
                {
                    "name": draw(_NAMES),
                    "in": draw(st.sampled_from(["path", "query", "header", "body"])),
                    "schema": draw(_schemas()),
                }
            ]
        if draw(st.booleans()):
            operation["requestBody"] = {"content": {"application/json": {"schema": draw(_schemas())}}}
        operations[method] = operation
    path = "/" + "/".join(
        draw(st.lists(_NAMES.map(lambda n: draw(st.sampled_from([n, "{" + n + "}"]))), max_size=3))
    )
    return {
        "openapi": draw(st.sampled_from(["3.0.3", "3.1.0", "2.0", "3.9"])),
        "info": {"title": draw(_NAMES), "version": "1"},
        "paths": {path: operations},
        "components": {"schemas": {"A": draw(_schemas()), "B": draw(_schemas())}},
    }


@st.composite
def damaged(draw) -> bytes:
    """A real contract with a few random edits: bytes deleted, inserted, replaced, or the end cut off."""
    data = bytearray(draw(st.sampled_from(BASES)).read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["delete", "insert", "replace", "cut"]))
        if edit == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif edit == "insert":
            data[at:at] = draw(
                st.binary(min_size=1, max_size=20)
                | st.sampled_from([b": [", b"{", b"\t", b"&a", b"*a", b"!!python/object:os.system"])
            )
        elif edit == "replace" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        else:
            del data[at:]
    return bytes(data)


def _run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, err.getvalue()


def _check_commands(path: Path, base: Path) -> None:
    for args in (
        ["validate", str(path)],
        ["lint", str(path)],
        ["bundle", str(path)],
        ["diff", str(base), str(path)],
    ):
        code, err = _run(*args)
        tried[f"cli {args[0]}"] += 1
        assert code in (0, 1, 2), (args, code, err[-2000:])
        assert "Traceback" not in err, (args, err[-2000:])
        if code == 2:
            assert len(err.strip().splitlines()) >= 1


def _load(path: Path) -> None:
    tried["loader"] += 1
    try:
        validate(load_contract(path))
    except ContractError:
        pass


@given(document=contracts(), as_json=st.booleans())
@BUDGET
def test_generated_contracts_exit_0_1_or_2(document: dict, as_json: bool) -> None:
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / ("api.json" if as_json else "api.yaml")
        path.write_text(json.dumps(document) if as_json else yaml.safe_dump(document), encoding="utf-8")
        _load(path)
        _check_commands(path, BASES[0])


@given(data=damaged())
@BUDGET
def test_damaged_contracts_exit_0_1_or_2(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "api.yaml"
        path.write_bytes(data)
        _load(path)
        _check_commands(path, BASES[0])


@pytest.mark.parametrize(
    "head",
    [
        'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /x:\n    get:\n      security: [{a: []}]\n'
        '      responses: {"200": {description: ok}}\n',
        'asyncapi: 2.6.0\ninfo: {title: t, version: "1"}\nchannels: {}\nservers:\n'
        "  s: {url: x, protocol: nats, security: [{a: []}]}\n",
    ],
)
@pytest.mark.parametrize("components", ["x", "[1]", "{securitySchemes: x, servers: x}"])
def test_lint_survives_components_that_are_not_mappings(tmp_path: Path, head: str, components: str) -> None:
    """Found by this suite: `components: x` made lint raise AttributeError."""
    path = tmp_path / "api.yaml"
    path.write_text(head + f"components: {components}\n", encoding="utf-8")
    code, err = _run("lint", str(path))
    assert code in (0, 1, 2) and "Traceback" not in err
