"""A FastAPI application package from an OpenAPI 3.x contract, through datamodel-code-generator.

The package (routers per tag, a `Protocol` per router group that the handlers implement, the
models, the wiring in `main.py`) is regenerated at will. The handler modules beside it, in the
`services` package, are the user's: they are written once, as stubs, and never overwritten.
Each operation's handler method is named after its operationId (snake case), or after its method
and path when it has none: `operation_names()` gives the mapping.
"""

from __future__ import annotations

import re
from pathlib import Path

from accord.contracts.http import split_path_key

from .._dcg import run, supported
from .._names import operation_names
from .._output import Output, Source

__all__ = ["generate_server", "operation_names"]


def generate_server(contract, package: str) -> Output:
    output = Output(Source.of(contract, "server"), package)  # the checksum of the contract as written
    contract = supported(contract, ("openapi",))

    def finish(pkg_dir: Path) -> None:
        (pkg_dir / "problems.py").write_text((_TEMPLATES / "problems.py").read_text())
        if keyed:
            _route_path_keys(pkg_dir, keyed, output.warnings)
        if _json_elsewhere(contract):
            _install_middleware(
                pkg_dir,
                "json_media.py",
                "",
                "JsonMedia",
                "from .json_media import JsonMedia\n",
                output.warnings,
                "text/json bodies are not read as JSON",
            )
        main = pkg_dir / "main.py"
        text = main.read_text()
        if _CREATE_APP not in text:
            output.warnings.append(
                f"{main.name}: could not wire problem+json errors in; pass PROBLEM_HANDLERS yourself"
            )
            return
        text = text.replace(_CREATE_APP, _CREATE_APP + "    exception_handlers=PROBLEM_HANDLERS,\n", 1)
        main.write_text(text.replace(_IMPORT, _IMPORT + "from .problems import PROBLEM_HANDLERS\n", 1))

    # a path key with a query or fragment part ("/#X-Amz-Target=...") keeps the generator's own name
    names = {
        pointer: name
        for pointer, name in operation_names(contract).items()
        if not any(mark in pointer.split("/")[2] for mark in "#?")
    }
    keyed: dict[str, list[str]] = {}
    for op in contract.operations:
        if split_path_key(op.path)[1]:
            keyed.setdefault(op.path, []).append(op.method.upper())
    run(contract, output, package, server={"server_operation_names": names}, finish=finish)
    return output


def _route_path_keys(pkg_dir: Path, keyed: dict[str, list[str]], warnings: list[str]) -> None:
    """Path keys with a query or fragment part get the middleware that routes requests to them."""
    keys = {key: sorted(methods) for key, methods in sorted(keyed.items())}
    _install_middleware(
        pkg_dir,
        "path_keys.py",
        f"\n\nPATH_KEYS = {keys!r}\n",
        "PathKeys, keys=PATH_KEYS",
        "from .path_keys import PATH_KEYS, PathKeys\n",
        warnings,
        "path keys with '?' or '#' are not routed",
    )


def _json_elsewhere(contract) -> bool:
    """Whether a request body is offered as JSON under a type FastAPI does not read as JSON (text/json)."""
    for op in contract.operations:
        for media in op.request_body.content if op.request_body else ():
            main, _, sub = media.split(";")[0].strip().lower().partition("/")
            if main != "application" and (sub == "json" or sub.endswith("+json")):
                return True
    return False


def _install_middleware(
    pkg_dir: Path, module: str, tail: str, call: str, import_line: str, warnings: list[str], lost: str
) -> None:
    """Write a middleware module from its template (plus `tail`) and add it to the application."""
    application = pkg_dir / "application.py"
    text = application.read_text()
    if _NEW_APP not in text:
        warnings.append(f"{application.name}: could not add {call.split(',')[0]}; {lost}")
        return
    (pkg_dir / module).write_text((_TEMPLATES / module).read_text() + tail)
    text = text.replace(_NEW_APP, _NEW_APP + f"    app.add_middleware({call})\n", 1)
    # before the first relative import; the formatter sorts the imports afterwards
    application.write_text(re.sub(r"^from \.(?=\w)", import_line + "from .", text, count=1, flags=re.M))


_TEMPLATES = Path(__file__).parent / "templates"
_CREATE_APP = "app = create_app(\n"
_IMPORT = "from .application import create_app\n"
_NEW_APP = "    app = FastAPI(**{**INFO, **fastapi_kwargs})\n"
