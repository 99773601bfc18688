"""`path:line:col: CODE name message`, the source line with the span marked, a summary."""

from __future__ import annotations

import unicodedata
from typing import TextIO

import click

from ..document import Document
from ..linter import LintResult
from . import applications, general_notice, read_as_general

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
SPAN_COLUMNS = 100  # carets under at most this much of a span's first line
LINE_COLUMNS = 120  # no excerpt or caret line wider than this, gutter included
_GUTTER = 7  # "1234 | "


def _cut(text: str, columns: int) -> str:
    """The longest start of `text` that fits in `columns` display columns."""
    if text.isascii():
        return text[:max(columns, 0)]  # a column a character
    used = 0
    for index, char in enumerate(text):
        used += _width(char)
        if used > columns:
            return text[:index]
    return text


def _excerpt(source: str, column: int, end_column: int | None) -> tuple[str, str]:
    """The source line and its caret line, cut with `…` so that a long span shows its first
    SPAN_COLUMNS columns and neither line is wider than LINE_COLUMNS with the gutter."""
    prefix = source[: column - 1]
    span = source[column - 1: end_column - 1 if end_column is not None else None]
    rest = source[len(prefix) + len(span):]
    room = LINE_COLUMNS - _GUTTER
    if _width(prefix) + _width(span) + _width(rest) <= room:
        return source, " " * _width(prefix) + "^" * max(1, _width(span))
    shown = _cut(span, SPAN_COLUMNS)
    span_cut = len(shown) < len(span)
    left = room - _width(shown) - 1  # one column kept for a `…` on the right
    if _width(prefix) > left:
        keep = min(left - 1, 30)
        tail = prefix[len(prefix) - len(_cut(prefix[::-1], keep)):] if keep > 0 else ""
        prefix = "…" + tail
    right = room - _width(prefix) - _width(shown)
    if span_cut:
        after = "…"
    elif _width(rest) <= right:
        after = rest
    else:
        after = _cut(rest, right - 1) + "…"
    return prefix + shown + after, " " * _width(prefix) + "^" * max(1, _width(shown))


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
                end = finding_end if finding.end_line == finding.line else None
                source, marker = _excerpt(source, finding_column, end)
                gutter = f"{finding.line:>4} | "
                stream.write(style(gutter, dim=True) + source + "\n")
                stream.write(" " * len(gutter) + style(marker, fg=_COLORS[
                    finding.severity.value]) + "\n")
        if finding.suggestions:
            shown = ", ".join(f"'{_safe(s)}'" if s else "remove it"
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
    general = [d.path for d in result.documents if read_as_general(d)]
    if general:  # the thank-you and status checks did not run on them: say so
        shown = ", ".join(general[:3]) + (f" and {len(general) - 3} more"
                                          if len(general) > 3 else "")
        stream.write(general_notice(_safe(shown), len(general)) + "\n")
    groups = applications(result)
    if len(groups) > 1:
        for group in groups:
            name = (f"{group['company']} — {group['position']}" if group["record"]
                    else "Letters with no record")
            counts_of = ", ".join(_plural(group[key], word) for key, word in (
                ("letters", "letter"), ("errors", "error"), ("warnings", "warning")))
            infos = f", {_plural(group['infos'], 'info')}" if group["infos"] else ""
            stream.write(f"{name}: {counts_of}{infos}\n")
    stream.write(style(summary, bold=True) + "\n")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"
