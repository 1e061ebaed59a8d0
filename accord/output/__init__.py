"""Output renderers shared by every checker (lint, diff, validate, fuzz): JUnit, SARIF and GitHub
annotations over one `Annotation` record. Each checker keeps its own text and JSON shapes."""

from ._annotation import Annotation, Level
from .github import render_github
from .junit import render_junit
from .sarif import render_sarif

__all__ = ["Annotation", "Level", "render_github", "render_junit", "render_sarif"]
