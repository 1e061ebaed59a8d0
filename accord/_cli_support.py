"""What every command shares: the bad-input exit, and the output format option."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import NoReturn

import typer

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def bad_input(message: str) -> NoReturn:
    """One line on stderr naming the file and the problem, exit 2."""
    typer.echo(f"accord: {message}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


class TextOrJson(StrEnum):
    text = "text"
    json = "json"


def emit(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
