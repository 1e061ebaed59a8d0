"""`accord checks`: the catalogue of change ids `accord diff` reports, generated from its registry."""

from __future__ import annotations

from enum import StrEnum

import typer

from .._cli_support import emit


class ChecksFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def register(app: typer.Typer) -> None:
    app.command("checks")(checks_command)


def checks_command(
    format: ChecksFormat = typer.Option(ChecksFormat.text, "--format", "-f", help="Output format."),
    level: str | None = typer.Option(None, "--level", help="Only ids of this level (ERR, WARN, INFO)."),
    area: str | None = typer.Option(
        None, "--area", help="Only ids of this area (e.g. parameters, security)."
    ),
) -> None:
    """List every change id with its level, direction, area and description."""
    from accord.contracts.diff import REGISTRY

    rules = [
        r
        for r in REGISTRY.values()
        if (level is None or r.level == level.upper()) and (area is None or r.area == area)
    ]
    if format is ChecksFormat.json:
        import orjson

        emit(
            orjson.dumps(
                [
                    {
                        "id": r.id,
                        "level": r.level,
                        "direction": r.direction,
                        "area": r.area,
                        "description": r.description,
                    }
                    for r in rules
                ]
            ).decode()
        )
    elif format is ChecksFormat.markdown:
        lines = ["| Id | Level | Direction | Area | Description |", "| --- | --- | --- | --- | --- |"]
        lines += [f"| `{r.id}` | {r.level} | {r.direction} | {r.area} | {r.description} |" for r in rules]
        emit("\n".join(lines))
    else:
        emit("\n".join(f"{r.level:<4} {r.id}  {r.description}" for r in rules) + f"\n{len(rules)} check(s)")
