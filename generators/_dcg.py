"""Driving datamodel-code-generator: pydantic v2 models (and its FastAPI server) from a bundled contract."""

from __future__ import annotations

import shutil
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from accord.contracts import resolve_pointer

from ._discriminators import with_mappings
from ._keywords import fit_keywords
from ._output import Output, tidy
from ._runtime_fixes import fix_runtime
from ._skips import refused, skip
from ._unions import open_unions
from ._warnings import located


class Unsupported(Exception):
    """The contract cannot be generated from (one line, for exit 2)."""


def supported(contract, kinds: tuple[str, ...]):
    """The contract in a form the generators take (Swagger 2.0 as OpenAPI 3.0), or Unsupported."""
    if contract.kind not in kinds:
        raise Unsupported(
            f"{contract.path}: an {contract.kind} document; this generator needs {' or '.join(kinds)}"
        )
    if contract.format == "oas2":
        from ._swagger2 import as_openapi3

        return as_openapi3(contract)
    return contract


def options(contract, source_header: str) -> dict[str, Any]:
    import datamodel_code_generator as dcg
    from datamodel_code_generator.format import Formatter

    return {
        "input_file_type": dcg.InputFileType.AsyncAPI
        if contract.kind == "asyncapi"
        else dcg.InputFileType.OpenAPI,
        "output_model_type": dcg.DataModelType.PydanticV2BaseModel,
        "target_python_version": dcg.PythonVersion.PY_311,
        "disable_timestamp": True,
        "custom_file_header": source_header.rstrip("\n"),
        "formatters": [Formatter.BUILTIN],
        "use_annotated": True,
        "field_constraints": True,
        "use_schema_description": False,
        "capitalise_enum_members": False,
        "strict_nullable": True,
        # pydantic's EmailStr refuses addresses JSON Schema accepts (special-use domains such as .test);
        # Base64Str refuses base64 of bytes that are not UTF-8, Base64Bytes holds any bytes
        "type_mappings": ["string+email=string", "string+idn-email=string", "string+byte=binary"],
    }


def run(
    contract,
    output: Output,
    package: str,
    *,
    server: dict[str, Any] | None = None,
    finish: Callable[[Path], None] | None = None,
    document: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    """Generate `package/models.py` into `output`; with `server` settings, the FastAPI package too.

    `finish(package_dir)` may add or adjust files before they are formatted and collected;
    `document` replaces the contract's bundled document, `extra` adds generator options.
    """
    import datamodel_code_generator as dcg

    settings = (
        options(contract, output.source.header) | {"base_class": f"{package}._base.OpenModel"} | (extra or {})
    )
    with tempfile.TemporaryDirectory(prefix="accord-generate-") as tmp:
        root = Path(tmp)
        pkg_dir = root.joinpath(*package.split("."))
        pkg_dir.mkdir(parents=True)
        if server:
            settings |= {
                "generate_server": dcg.ServerType.FastAPI,
                "server_package": package,
                "server_model_package": f"{package}.models",
                "server_output": pkg_dir,
                "output": pkg_dir / "models.py",
                **server,
            }
        else:
            settings["output"] = pkg_dir / "models.py"
        document = with_mappings(contract.document if document is None else document)
        document, approximated = fit_keywords(contract, document)
        output.warnings.extend(approximated)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            _generate_skipping(dcg, contract, document, settings, root, pkg_dir, output, server=bool(server))
        messages = [
            _one_line(str(w.message))
            for w in caught
            if not issubclass(w.category, (DeprecationWarning, FutureWarning))
        ]
        output.warnings.extend(located(contract, messages))
        _ensure_init(root, pkg_dir, "Generated from the contract by accord.")
        (pkg_dir / "_base.py").write_text(_BASE)
        open_unions(pkg_dir)
        fix_runtime(pkg_dir)
        if finish is not None:
            finish(pkg_dir)
        tidy(root)
        for path in sorted(root.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            rel = path.relative_to(root).as_posix()
            output.add(
                rel,
                path.read_text(),
                user_owned=not rel.startswith(pkg_dir.relative_to(root).as_posix() + "/"),
            )


_BASE = '''"""The base of every generated model: properties a schema does not name are kept, as JSON Schema
allows them unless `additionalProperties: false` (those models forbid them)."""

from pydantic import BaseModel, ConfigDict


class OpenModel(BaseModel):
    model_config = ConfigDict(extra="allow")
'''


def _generate_skipping(
    dcg, contract, document, settings, root: Path, pkg_dir: Path, output: Output, *, server: bool
):
    """Generate; when the server generator refuses parts of the document, skip them and try again.

    Whatever else goes wrong becomes `Unsupported`: one line for exit 2, never a traceback.
    """
    for _attempt in range(4):
        try:
            _generate(dcg, document, settings, pkg_dir)
            return
        except dcg.Error as exc:
            if not server and "Models not found" in str(exc):
                if output.source.kind == "models":
                    raise Unsupported(
                        f"{contract.path}: the contract declares no schemas: there are no models to generate"
                    ) from None
                (pkg_dir / "models.py").write_text('"""The contract declares no schemas."""\n')
                output.warnings.append(
                    f"{contract.path}: the contract declares no schemas; models.py is empty"
                )
                return
            problems = refused(str(exc)) if server else []
            document, skipped = skip(contract, document, problems) if problems else (document, [])
            if not skipped:
                raise Unsupported(f"{contract.path}: {_reason(str(exc))}") from None
            output.warnings.extend(skipped)
            names = settings.get("server_operation_names") or {}
            settings["server_operation_names"] = {
                pointer: name
                for pointer, name in names.items()
                if isinstance(resolve_pointer(document, pointer), dict)
            }
            shutil.rmtree(root)
            pkg_dir.mkdir(parents=True)
        except Exception as exc:
            message = f"datamodel-code-generator failed: {type(exc).__name__}: {_one_line(str(exc))}"
            raise Unsupported(f"{contract.path}: {message}") from None
    raise Unsupported(f"{contract.path}: the server generator still refuses the contract after skipping")


def _generate(dcg, document: dict, settings: dict[str, Any], pkg_dir: Path) -> None:
    try:
        dcg.generate(document, **settings)
    except dcg.Error as exc:
        if "Modular references" not in str(exc):
            raise
        # schema names with dots become modules: the models are a package
        dcg.generate(document, **(settings | {"output": pkg_dir / "models"}))


def _ensure_init(root: Path, pkg_dir: Path, doc: str) -> None:
    """An `__init__.py` in the package and in each enclosing package of a dotted name."""
    directory = pkg_dir
    while directory != root:
        init = directory / "__init__.py"
        if not init.exists():
            init.write_text(f'"""{doc}"""\n')
        directory = directory.parent


def _reason(text: str) -> str:
    if "recursion_depth_exceeded" in text:  # pydantic-core's fixed limit, met by the generator's own models
        return (
            "schemas nested too deeply for the model generator (it reads about 250 levels of inline "
            "schemas); name the inner schemas as components and refer to them with $ref"
        )
    return _one_line(text)


def _one_line(text: str) -> str:
    return " ".join(text.split())
