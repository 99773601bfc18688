"""Output formats: each a small function of the lint result."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from ..linter import LintResult

FORMATS = ("text", "json", "github", "sarif")


def render(fmt: str, result: LintResult, stream: TextIO, *, color: bool = False,
           show_source: bool = True) -> None:
    renderer: Callable[..., None]
    if fmt == "json":
        from .json import render as renderer
    elif fmt == "github":
        from .github import render as renderer
    elif fmt == "sarif":
        from .sarif import render as renderer
    else:
        from .text import render as text_renderer

        text_renderer(result, stream, color=color, show_source=show_source)
        return
    renderer(result, stream)
