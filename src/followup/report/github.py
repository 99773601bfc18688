"""GitHub Actions workflow commands: annotations on the pull request's lines."""

from __future__ import annotations

from typing import TextIO

from ..linter import LintResult
from . import general_notice, read_as_general

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: LintResult, stream: TextIO) -> None:
    for f in result.findings:
        props = (f"file={_property(f.path)},line={f.line},col={f.column},"
                 f"endLine={f.end_line},endColumn={f.end_column},"
                 f"title={_property(f'{f.code} {f.name}')}")
        message = f.message
        shown = [s for s in f.suggestions[:3] if s]  # a removal: the message says it
        if shown:
            message += " (suggestion: " + ", ".join(shown) + ")"
        stream.write(f"::{_LEVEL[f.severity.value]} {props}::{_data(message)}\n")
    for e in result.errors:
        props = f"file={_property(e.path)}" if e.path else ""
        if e.path and e.line:
            props += f",line={e.line}"
        stream.write(f"::error {props}::{_data(e.message)}\n")
    for document in result.documents:
        if read_as_general(document):  # the thank-you checks did not run: say so
            stream.write(f"::notice file={_property(document.path)}::"
                         f"{_data(general_notice(document.path))}\n")
