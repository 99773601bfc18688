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


def _safe(text: str) -> str:
    """Control characters, bidi overrides and isolates escaped (`\\x1b`, `\\u202e`): a
    letter or a record must not rewrite the terminal or reorder what it shows."""
    if not _unsafe(text):
        return text
    return "".join(_escape(c) if _bad(c) else c for c in text)


def _bad(c: str) -> bool:
    return (unicodedata.category(c) == "Cc" and c != "\t") or c in _BIDI


def _escape(c: str) -> str:
    return f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}"


def _unsafe(text: str) -> bool:
    return not (text.isascii() and text.isprintable()) and any(_bad(c) for c in text)


_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def render(result: LintResult, stream: TextIO, *, color: bool = False,
           show_source: bool = True) -> None:
    documents: dict[str, Document] = {d.path: d for d in result.documents}

    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if color else text  # type: ignore[arg-type]

    for finding in result.findings:
        where = style(f"{finding.path}:{finding.line}:{finding.column}:", bold=True)
        code = style(finding.code, fg=_COLORS[finding.severity.value], bold=True)
        stream.write(f"{where} {code} {finding.name} {_safe(finding.message)}\n")
        document = documents.get(finding.path)
        if show_source and document is not None:
            source = document.source_line(finding.line).replace("\t", " ")
            if _unsafe(source):  # escaping widens the line: keep the marker right
                prefix_raw = source[: finding.column - 1]
                span_raw = source[finding.column - 1: finding.end_column - 1] \
                    if finding.end_line == finding.line else source[finding.column - 1:]
                rest = source[len(prefix_raw) + len(span_raw):]
                source = _safe(prefix_raw) + _safe(span_raw) + _safe(rest)
                finding_column, finding_end = len(_safe(prefix_raw)) + 1, \
                    len(_safe(prefix_raw)) + len(_safe(span_raw)) + 1
            else:
                finding_column, finding_end = finding.column, finding.end_column
            if source.strip():
                prefix = source[: finding_column - 1]
                if finding.end_line == finding.line:
                    span = source[finding_column - 1: finding_end - 1]
                else:
                    span = source[finding_column - 1:]
                marker = " " * _width(prefix) + "^" * max(1, _width(span))
                gutter = f"{finding.line:>4} | "
                stream.write(style(gutter, dim=True) + source + "\n")
                stream.write(" " * len(gutter) + style(marker, fg=_COLORS[
                    finding.severity.value]) + "\n")
        if finding.suggestions:
            shown = ", ".join(f"'{_safe(s)}'" for s in finding.suggestions[:5])
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
