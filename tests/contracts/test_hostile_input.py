"""Contracts from untrusted pull requests: what reading refuses, and the deep or huge input it survives.

Each case runs the real command line, as CI on a fork's pull request would. docs/security.md says
what is refused by default and how to allow it.
"""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.cli import Result, accord

SECRET = "not-a-contract-s3cret-line"
GATES = (("validate",), ("lint",), ("inspect",), ("bundle",), ("mock", "--port", "0"))


def _contract(schema_ref: str) -> str:
    return (
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      responses:\n"
        "        '200':\n          description: ok\n          content:\n            application/json:\n"
        f"              schema:\n                $ref: '{schema_ref}'\n"
    )


def _one_located_line(result: Result, file: str, problem: str) -> str:
    assert result.code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"{file}:12:" in lines[0] and problem in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A project (not a git repository): the contracts in api/, a shared file beside it, a secret
    outside of it."""
    (tmp_path / "secret").mkdir()
    for name in ("passwd", "x.yaml"):
        (tmp_path / "secret" / name).write_text(f"{SECRET}\nsecond line\n")
    (tmp_path / "repo" / "api").mkdir(parents=True)
    (tmp_path / "repo" / "common").mkdir()
    (tmp_path / "repo" / "common" / "thing.yaml").write_text("type: string\n")
    return tmp_path


@pytest.mark.parametrize("command", GATES, ids=[c[0] for c in GATES])
def test_an_absolute_ref_is_refused_located_and_the_file_never_echoed(tree: Path, command: tuple) -> None:
    contract = tree / "repo" / "api" / "abs.yaml"
    contract.write_text(_contract(str(tree / "secret" / "passwd")))
    result = accord(*command, contract, timeout=60)
    _one_located_line(result, str(contract), "an absolute path is never followed")
    assert SECRET not in result.stdout + result.stderr


def test_diff_refuses_an_absolute_ref_too(tree: Path) -> None:
    contract = tree / "repo" / "api" / "abs.yaml"
    contract.write_text(_contract(str(tree / "secret" / "passwd")))
    result = accord("diff", contract, contract)
    _one_located_line(result, str(contract), "an absolute path is never followed")
    assert SECRET not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("ref", "problem"),
    [
        ("../../secret/x.yaml", "it leads outside"),
        ("file:///etc/passwd", "a file: URL is never followed"),
        ("link/x.yaml", "it leads outside"),  # a symlink inside the tree to a directory outside
        ("notes.txt", "must be .yaml, .yml or .json"),
    ],
    ids=["dot-dot", "file-url", "symlink", "not-a-contract-file"],
)
def test_refs_that_escape_the_tree_are_refused(tree: Path, ref: str, problem: str) -> None:
    api = tree / "repo" / "api"
    (api / "link").symlink_to(tree / "secret")
    (api / "notes.txt").write_text(f"{SECRET}: 1\n")
    contract = api / "escape.yaml"
    contract.write_text(_contract(ref))
    for command in ("validate", "bundle"):
        result = accord(command, contract)
        _one_located_line(result, str(contract), problem)
        assert SECRET not in result.stdout + result.stderr


def test_ref_root_widens_the_tree_by_option_or_accord_yaml(tree: Path) -> None:
    repo = tree / "repo"
    contract = repo / "api" / "shared.yaml"
    contract.write_text(_contract("../common/thing.yaml"))
    assert accord("validate", contract).code == 2  # outside git the default tree is api/ only
    assert accord("validate", "--ref-root", repo, contract).code == 0
    (repo / "accord.yaml").write_text("reading:\n  ref-root: .\n")
    for command in ("validate", "lint", "bundle"):
        assert accord(command, "api/shared.yaml", cwd=repo).code == 0, command
    # still nothing outside the root
    contract.write_text(_contract("../../secret/x.yaml"))
    _one_located_line(accord("validate", "api/shared.yaml", cwd=repo), "api/shared.yaml", "leads outside")


def test_inside_a_git_repository_the_tree_is_the_repository(tree: Path) -> None:
    repo = tree / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    contract = repo / "api" / "shared.yaml"
    contract.write_text(_contract("../common/thing.yaml"))  # a sibling directory of the repository
    assert accord("validate", contract).code == 0
    contract.write_text(_contract("../../secret/x.yaml"))
    _one_located_line(accord("validate", contract), str(contract), f"it leads outside {repo}")


@pytest.mark.parametrize(
    ("name", "text", "second", "first"),
    [
        (
            "dup.json",
            '{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},\n "paths": {"/x": {"get": '
            '{"responses": {"200": {"description": "ok"}}}},\n  "/x": {}}}\n',
            ":3:3:",
            "line 2, column 12",
        ),
        (
            "dup.yaml",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n"
            "    get: {responses: {'200': {description: ok}}}\n  /x: {}\n",
            ":6:3:",
            "line 4, column 3",
        ),
        (
            "quoted.json",  # escaped quotes before colons inside strings, and a key ending in a backslash
            '{"openapi": "3.0.3", "info": {"title": "t", "version": "1", "description": "{\\"a\\": 1}"},\n'
            ' "x-k\\\\": 1, "paths": {"/x": {"get": {"responses": {"200": {"description": "ok"}}}},\n'
            '  "/x": {}}}\n',
            ":3:3:",
            "line 2, column 24",
        ),
    ],
    ids=["json", "yaml", "json-escapes"],
)
def test_duplicate_keys_are_an_error_naming_both(tmp_path: Path, name: str, text: str, second, first) -> None:
    contract = tmp_path / name
    contract.write_text(text)
    for command in (("validate", contract), ("lint", contract), ("diff", contract, contract)):
        result = accord(*command)
        assert result.code == 2, (command, result.stdout, result.stderr)
        line = result.stderr.strip()
        assert f"{name}{second}" in line and "duplicate key '/x'" in line and first in line, line


def _deep(levels: int) -> dict:
    schema: dict = {"type": "string"}
    for i in range(levels):
        schema = {"type": "object", "properties": {f"p{i}": schema}}
    ok = {
        "description": "ok",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Deep"}}},
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "deep", "version": "1"},
        "paths": {"/x": {"get": {"responses": {"200": ok}}}},
        "components": {"schemas": {"Deep": schema}},
    }


def _dump(document: dict, path: Path) -> None:
    """JSON text; a .yaml file starts with a comment, so it is read by the YAML parser."""
    text = json.dumps(document)  # 200 schema levels are 400 JSON levels: within json's limit
    path.write_text(("# flow-style YAML\n" if path.suffix == ".yaml" else "") + text)


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_bundle_works_on_200_nested_schemas(tmp_path: Path, suffix: str) -> None:
    contract = tmp_path / f"deep{suffix}"
    _dump(_deep(200), contract)  # JSON is YAML too
    assert accord("validate", contract).code == 0
    out = tmp_path / f"out{suffix}"
    result = accord("bundle", contract, "-o", out)
    assert result.code == 0, result.stderr[-2000:]
    assert accord("validate", out).code == 0
    printed = accord("bundle", contract)
    assert printed.code == 0 and "p199" in printed.stdout


def test_bundle_of_a_deep_multi_file_contract(tmp_path: Path) -> None:
    document = _deep(200)
    (tmp_path / "schemas.json").write_text(json.dumps({"Deep": document["components"]["schemas"]["Deep"]}))
    document["components"]["schemas"] = {"Deep": {"$ref": "schemas.json#/Deep"}}
    (tmp_path / "api.json").write_text(json.dumps(document))
    result = accord("bundle", tmp_path / "api.json", "-o", tmp_path / "out.json")
    assert result.code == 0, result.stderr[-2000:]
    assert accord("validate", tmp_path / "out.json").code == 0


def test_generate_models_works_on_200_nested_schemas(tmp_path: Path) -> None:
    contract = tmp_path / "deep.json"
    _dump(_deep(200), contract)
    result = accord("generate", "models", contract, "-o", tmp_path / "gen", "--package", "deep")
    assert result.code == 0, result.stderr[-2000:]
    instance: dict = {}
    inner = instance
    for i in reversed(range(1, 200)):
        inner[f"p{i}"] = {}
        inner = inner[f"p{i}"]
    inner["p0"] = "leaf"
    check = (
        "import json, sys; sys.setrecursionlimit(10000); from deep.models import Deep; "
        f"m = Deep.model_validate(json.loads({json.dumps(json.dumps(instance))})); print('ok')"
    )
    ran = subprocess.run(
        [sys.executable, "-c", check], cwd=tmp_path / "gen", capture_output=True, text=True, timeout=300
    )
    assert ran.returncode == 0 and "ok" in ran.stdout, ran.stderr[-2000:]


CYCLES = {
    "refs-only": "    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n",
    "required-properties": (
        "    A:\n      type: object\n      required: [b]\n      properties: {b: {$ref: '#/components/schemas/B'}}\n"
        "    B:\n      type: object\n      required: [a]\n      properties: {a: {$ref: '#/components/schemas/A'}}\n"
    ),
}


@pytest.mark.parametrize("case", CYCLES, ids=list(CYCLES))
def test_a_schema_cycle_with_no_way_out_is_reported(tmp_path: Path, case: str) -> None:
    contract = tmp_path / "cycle.yaml"
    contract.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n" + CYCLES[case]
    )
    result = accord("validate", contract)
    assert result.code == 1, result.stdout
    assert f"{contract}:6:" in result.stdout and "(A -> B -> A)" in result.stdout, result.stdout
    assert "can never be satisfied" in result.stdout
    generated = accord("generate", "models", contract, "-o", tmp_path / "gen")
    assert generated.code == 2 and "can never be satisfied" in generated.stderr
    assert len(generated.stderr.strip().splitlines()) == 1


def test_recursion_with_a_way_out_stays_valid(tmp_path: Path) -> None:
    contract = tmp_path / "tree.yaml"
    contract.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    Node:\n      type: object\n      required: [children, parent]\n      properties:\n"
        "        children: {type: array, items: {$ref: '#/components/schemas/Node'}}\n"
        "        parent: {nullable: true, allOf: [{$ref: '#/components/schemas/Node'}]}\n"
        "    A: {anyOf: [{$ref: '#/components/schemas/A'}, {type: string}]}\n"
    )
    result = accord("validate", contract)
    assert result.code == 0, result.stdout


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom", "fifo"])
def test_special_files_are_refused_without_reading(tmp_path: Path, special: str) -> None:
    path = special
    if special == "fifo":
        path = str(tmp_path / "contract.yaml")
        os.mkfifo(path)  # no writer: opening it to read would block forever
    result = accord("validate", path, timeout=30)
    assert result.code == 2
    assert (
        result.stderr.strip()
        == f"accord: {path}: is {'a FIFO' if special == 'fifo' else 'a device'}, "
        + ("not a regular file; refused without reading")
    )


def test_files_over_the_size_cap_are_refused_in_one_line(tmp_path: Path, examples: Path) -> None:
    contract = examples / "orders.yaml"
    size = contract.stat().st_size
    result = accord("validate", contract, env={"ACCORD_MAX_FILE_SIZE": str(size - 1)})
    assert result.code == 2
    assert result.stderr.strip().endswith(
        "limit for a contract file; refused (raise it with ACCORD_MAX_FILE_SIZE or "
        "`reading: {max-file-size: ...}` in accord.yaml)"
    )
    assert accord("validate", contract, env={"ACCORD_MAX_FILE_SIZE": str(size)}).code == 0
    (tmp_path / "accord.yaml").write_text("reading:\n  max-file-size: 1KiB\n")
    assert accord("lint", contract, cwd=tmp_path).code == 2
    bad = accord("validate", contract, env={"ACCORD_MAX_FILE_SIZE": "lots"})
    assert bad.code == 2 and "ACCORD_MAX_FILE_SIZE: not a size: 'lots'" in bad.stderr


def test_the_default_cap_refuses_a_33_mib_file_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("w") as handle:  # not even JSON: refused on its size alone
        handle.write("x" * (33 * 1024 * 1024))
    result = accord("validate", big)
    assert result.code == 2 and "larger than the 32 MiB limit" in result.stderr


def test_path_params_accepts_the_non_ascii_names_validate_accepts(tmp_path: Path) -> None:
    contract = tmp_path / "größe.yaml"
    contract.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /größe/{größe}:\n    get:\n"
        "      parameters: [{name: größe, in: path, required: true, schema: {type: string}}]\n"
        "      responses: {'200': {description: ok}}\n"
    )
    assert accord("validate", contract).code == 0
    result = accord("lint", "-f", "json", contract)
    assert "path-params" not in result.stdout, result.stdout
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert rules and "path-params" not in rules  # other findings (no tags, no description) still come


def test_a_remote_ref_is_read_no_further_than_the_size_cap(tmp_path: Path) -> None:
    sent: list[int] = []

    class Endless(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/yaml")
            self.end_headers()
            chunk = b"# padding\n" * 10_000
            try:
                for _ in range(10_000):  # up to 1 GB, far past the cap
                    self.wfile.write(chunk)
                    sent.append(len(chunk))
            except OSError:
                pass  # the reader hung up

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Endless)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        contract = tmp_path / "remote.yaml"
        contract.write_text(_contract(f"http://127.0.0.1:{server.server_address[1]}/schema.yaml"))
        result = accord(
            "validate", "--allow-remote", contract, env={"ACCORD_MAX_FILE_SIZE": "1MiB"}, timeout=60
        )
    finally:
        server.shutdown()
    assert result.code == 2
    assert "larger than the 1 MiB limit for a contract file" in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert sum(sent) < 64 * 1024 * 1024  # the download stopped soon after the cap


def test_integers_beyond_64_bits_are_read_and_compared_without_a_crash(tmp_path: Path) -> None:
    """JSON and JSON Schema allow any integer; orjson writes none past 64 bits (found by the fuzz run)."""
    body = "paths:\n  /x:\n    get:\n      responses:\n        '200':\n          description: ok\n"
    body += "          content: {application/json: {schema: {type: integer, enum: [%s]}}}\n"
    head = "openapi: 3.1.0\ninfo: {title: big, version: '1'}\n"
    base, revision = tmp_path / "base.yaml", tmp_path / "revision.yaml"
    base.write_text(head + body % "123456789012345678901234567890, 123456789012345678901234567890")
    revision.write_text(head + body % "123456789012345678901234567891")
    linted = accord("lint", base)
    assert linted.code == 0 and "duplicate items" in linted.stdout and "Traceback" not in linted.stderr
    diffed = accord("diff", base, revision, "--format", "json")
    assert diffed.code in (0, 1) and "123456789012345678901234567890" in diffed.stdout, diffed.stderr
    bundled = accord("bundle", base, "-o", tmp_path / "out.json")
    assert bundled.code == 0 and "123456789012345678901234567890" in (tmp_path / "out.json").read_text()
