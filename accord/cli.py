"""The `accord` command line. Each command lives in its own module under `accord.commands`."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import typer

from accord.contracts import ContractError

from . import __version__, commands
from ._cli_support import EXIT_BAD_INPUT

try:  # Typer 0.29+ vendors click; older releases use the click package
    from typer._click.exceptions import ClickException
except ImportError:  # pragma: no cover
    from click.exceptions import ClickException  # type: ignore[assignment]

app = typer.Typer(
    name="accord",
    help="Contract-first API governance and testing: validate, lint, diff, mock, generate, fuzz, broker, gateway.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Every module in accord.commands registers its command(s); adding a command is adding a file.
# The core commands come first in `accord --help`, the rest in name order.
_FIRST = ("validate", "bundle", "inspect")
_names = sorted(
    (info.name for info in pkgutil.iter_modules(commands.__path__) if not info.name.startswith("_")),
    key=lambda name: (_FIRST.index(name) if name in _FIRST else len(_FIRST), name),
)
for _name in _names:
    importlib.import_module(f"{commands.__name__}.{_name}").register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"accord {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """accord: contracts are the source of truth."""


def _usage_line(exc: ClickException) -> str:
    """A usage error as one line: the command, the problem, where help is (click prints four)."""
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return f"accord: {exc.format_message()}"
    return f"{ctx.command_path}: {exc.format_message()} (see {ctx.command_path} --help)"


def main(argv: list[str] | None = None) -> int:
    """Console entry point: usage errors and bad input exit 2 with one line, never a traceback."""
    # Pact's anonymous usage tracking is off unless the user turns it on (PACT_DO_NOT_TRACK=false).
    os.environ.setdefault("PACT_DO_NOT_TRACK", "true")
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="accord", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        typer.echo("accord: aborted", err=True)
        return EXIT_BAD_INPUT
    except ClickException as exc:
        typer.echo(_usage_line(exc), err=True)
        return EXIT_BAD_INPUT
    except ContractError as exc:
        typer.echo(f"accord: {exc}", err=True)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
