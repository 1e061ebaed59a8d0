"""`InteractionReporter`: builds the findings of one HTTP interaction, once routed to an operation."""

from __future__ import annotations

from typing import Any

from ._pact import HttpInteraction
from ._report import Finding, MockDetails, SpecDetails, dotted

__all__ = ["InteractionReporter"]


class InteractionReporter:
    """Builds findings for one interaction against (once routed) one operation."""

    def __init__(self, interaction: HttpInteraction, pact_file: str, spec_file: str) -> None:
        self.interaction, self.pact_file, self.spec_file = interaction, pact_file, spec_file
        self.method: str | None = None
        self.path: str | None = None
        self.found: list[Finding] = []

    def add(
        self, code: str, message: str, mock_where: str, mock_value: Any, spec_pointer: str, spec_value: Any
    ):
        i = self.interaction
        self.found.append(
            Finding(
                code,
                message,
                MockDetails(i.description, i.state, f"{i.location}.{mock_where}", self.pact_file, mock_value),
                SpecDetails(dotted(spec_pointer), self.method, self.path, self.spec_file, spec_value),
            )
        )
