"""The built wheel claims one top-level import name, `accord`, and works in a provider project that
has its own `gateway` and `broker` packages (issue 23): the project's packages and accord's rooms
(`accord.gateway`, `accord.broker`) live side by side, in one process and in one pytest run.

The wheel is built from this checkout (`pip wheel --no-deps --no-build-isolation`) and installed
into an empty virtualenv; accord's dependencies come from this repository's .venv through a plain
path line in a .pth file, which adds that directory to sys.path without running its own .pth files,
so the editable install of this checkout never takes part.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ROOMS = ("contracts", "generators", "broker", "gateway")

CONTRACT = """\
openapi: 3.0.3
info: {title: Orders, version: 1.0.0}
paths:
  /orders/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, minimum: 1}}
      responses:
        "200":
          description: One order
          content:
            application/json:
              schema:
                type: object
                required: [id, routed_by]
                properties:
                  id: {type: integer}
                  routed_by: {type: string, enum: [project gateway]}
        "404":
          description: No such order
"""

# The project's own `gateway` (its ASGI app) and `broker` (what the app uses), named like accord's rooms.
GATEWAY = '''\
"""The project's own gateway: one route, answered with the name of the project's broker."""

import json

import broker


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    last = scope["path"].rsplit("/", 1)[1]
    if not last.isdigit() or int(last) < 1:
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b""})
        return
    body = json.dumps({"id": int(last), "routed_by": broker.ROUTER}).encode()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})
'''

BROKER = '''"""The project's own broker package."""\n\nROUTER = "project gateway"\n'''

TEST_PROVIDER = """\
import accord
import accord.broker
import accord.gateway
import broker
import gateway
from accord.pytest_plugin import accord_fuzz

test_orders = accord_fuzz("openapi.yaml", app="gateway:app", max_examples=5, seed=1)


def test_both_gateways_and_both_brokers_are_importable():
    assert broker.ROUTER == "project gateway" and callable(gateway.app)
    assert accord.gateway.__name__ == "accord.gateway" and accord.broker.__name__ == "accord.broker"
    assert accord.gateway.__file__.startswith(accord.__path__[0])
    assert "site-packages" in accord.__file__
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    # The build writes build/ and *.egg-info next to setup.py; a copy of the tracked files keeps the
    # checkout clean.
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(
        b"\0"
    )
    for name in filter(None, files):  # no __pycache__ or build leftovers: what a release builds
        source = ROOT / name.decode()
        if source.is_file():
            target = build / name.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", out, build],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("accord-*.whl")
    return built


def test_the_wheel_adds_exactly_one_top_level_import_name(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/", 1)[0] for name in names}
    assert {entry for entry in top if not entry.endswith((".dist-info", ".data"))} == {"accord"}
    [top_level] = [name for name in names if name.endswith(".dist-info/top_level.txt")] or [None]
    if top_level:
        assert zipfile.ZipFile(wheel).read(top_level).decode().split() == ["accord"]
    # every tracked file of accord and its rooms ships, data folders without __init__.py included
    # (broker/migrations, contracts/asyncapi/schemas)
    tracked = subprocess.run(
        ["git", "ls-files", "accord", *ROOMS], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    expected = {name if name.startswith("accord/") else f"accord/{name}" for name in tracked}
    assert len(expected) > 300
    assert expected - set(names) == set()


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty virtualenv with only the wheel; accord's dependencies are read from this .venv."""
    home = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", home], check=True)
    python = home / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps",
         "--disable-pip-version-check", wheel],
        check=True, capture_output=True,
    )  # fmt: skip
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    (Path(purelib) / "repository_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return home


def _run(venv: Path, project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(
        [venv / "bin" / "python", *args], cwd=project, env=env, capture_output=True, text=True, timeout=240
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "gateway").mkdir()
    (tmp_path / "gateway" / "__init__.py").write_text(GATEWAY)
    (tmp_path / "broker").mkdir()
    (tmp_path / "broker" / "__init__.py").write_text(BROKER)
    (tmp_path / "openapi.yaml").write_text(CONTRACT)
    (tmp_path / "test_provider.py").write_text(TEST_PROVIDER)
    return tmp_path


def test_only_accord_is_claimed_in_the_installed_venv(venv: Path, project: Path) -> None:
    code = textwrap.dedent(
        """
        import importlib.util, json, sys
        import accord.contracts, accord.generators, accord.broker, accord.gateway
        sys.path.remove('')  # the project's own folders aside: what does the install itself provide?
        print(json.dumps({
            "accord": accord.__file__,
            "editable": any("__editable__" in repr(f) for f in sys.meta_path),
            "claimed": [n for n in ("contracts", "generators", "broker", "gateway")
                        if importlib.util.find_spec(n) is not None],
        }))
        """
    )
    result = _run(venv, project, "-c", code)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["accord"].startswith(str(venv)), seen
    assert seen["editable"] is False and seen["claimed"] == []


def test_the_cli_runs_beside_the_projects_own_gateway_and_broker(venv: Path, project: Path) -> None:
    result = _run(venv, project, "-m", "accord", "validate", "openapi.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "openapi.yaml" in result.stdout


def test_the_pytest_plugin_fuzzes_the_projects_own_gateway(venv: Path, project: Path) -> None:
    result = _run(venv, project, "-m", "pytest", "-p", "no:cacheprovider", "-v", "test_provider.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "test_orders[GET /orders/{id}] PASSED" in result.stdout
    assert "test_both_gateways_and_both_brokers_are_importable PASSED" in result.stdout
    assert "2 passed" in result.stdout
