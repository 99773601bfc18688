"""`path:line:col: CODE name message`, the source line with the span marked, a summary."""

from __future__ import annotations

import unicodedata
from typing import TextIO

import click

from ..document import Document
from ..linter import LintResult

_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def render(result: LintResult, stream: TextIO, *, color: bool = False,
           show_source: bool = True) -> None:
    documents: dict[str, Document] = {d.path: d for d in result.documents}

    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if color else text  # type: ignore[arg-type]

    for finding in result.findings:
        where = style(f"{finding.path}:{finding.line}:{finding.column}:", bold=True)
        code = style(finding.code, fg=_COLORS[finding.severity.value], bold=True)
        stream.write(f"{where} {code} {finding.name} {finding.message}\n")
        document = documents.get(finding.path)
        if show_source and document is not None:
            source = document.source_line(finding.line).replace("\t", " ")
            if source.strip():
                prefix = source[: finding.column - 1]
                if finding.end_line == finding.line:
                    span = source[finding.column - 1: finding.end_column - 1]
                else:
                    span = source[finding.column - 1:]
                marker = " " * _width(prefix) + "^" * max(1, _width(span))
                gutter = f"{finding.line:>4} | "
                stream.write(style(gutter, dim=True) + source + "\n")
                stream.write(" " * len(gutter) + style(marker, fg=_COLORS[
                    finding.severity.value]) + "\n")
        if finding.suggestions:
            shown = ", ".join(f"'{s}'" if s else "remove it"
                              for s in finding.suggestions[:5])
            stream.write(f"     = suggestion: {shown}\n")
    files = len(result.documents)
    counts = {level: sum(1 for f in result.findings if f.severity.value == level)
              for level in ("error", "warning", "info")}
    parts = [f"{n} {level}{'s' if n != 1 else ''}" for level, n in counts.items() if n]
    total = len(result.findings)
    checked = f"{files} letter{'s' if files != 1 else ''} checked"
    unreadable = len(result.errors)
    if unreadable:
        checked += (f"; {unreadable} input error{'s' if unreadable != 1 else ''} "
                    "(see the messages on stderr)")
    if total:
        summary = f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}); " \
                  f"{checked}."
    elif unreadable:
        summary = f"No problems found in what could be read: {checked}."
    else:
        summary = f"All good: {checked}, no problems found."
    stream.write(style(summary, bold=True) + "\n")
