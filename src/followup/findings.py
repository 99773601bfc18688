"""Findings: what a rule reports, positioned in the file as it is on disk."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.strip().lower())
        except ValueError:
            raise ValueError(f"'{value}' is not a severity (error, warning or info)") from None


class Suggestion(str):
    """A suggested replacement for a finding's span, and whether it is *safe*.

    Safe means one right answer that changes nothing else (a name to its recorded spelling,
    an emoticon removed): `followup lint --fix` and the editor's preferred action apply
    only those. It is a `str`, so every report, merge and test that reads suggestions as
    text keeps working; an empty suggestion removes the span (and one space beside it).
    """

    safe: bool

    def __new__(cls, text: str, safe: bool = False) -> Suggestion:
        self = super().__new__(cls, text)
        self.safe = safe
        return self

    def __reduce__(self) -> tuple[type[Suggestion], tuple[str, bool]]:
        return (Suggestion, (str(self), self.safe))


def is_safe(suggestion: str) -> bool:
    """Whether a suggestion (a plain string or a `Suggestion`) is marked safe."""
    return bool(getattr(suggestion, "safe", False))


def safe(text: str) -> Suggestion:
    return Suggestion(text, safe=True)


@dataclass(frozen=True)
class Problem:
    """What a rule yields: a span of the document's checked text and what is wrong there.

    `start`/`end` are offsets into `Document.text`, or into `Document.file_text` when
    `in_file` is set (for headers and front matter, which are not part of the text).
    `code` names the rule when one check function serves a family of rules.
    """

    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    code: str | None = None
    in_file: bool = False
    severity: Severity | None = None


@dataclass(frozen=True, order=True)
class Finding:
    """A problem placed in a file: 1-based line and column; `end_column` is exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str = field(compare=False)
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    suggestions: tuple[str, ...] = field(default=(), compare=False)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "safe_suggestions": [s for s in self.suggestions if is_safe(s)],
        }


class SpanIndex:
    """Answers "does this span overlap any of these findings?" in logarithmic time, so that
    de-duplicating N findings is N log N, not N² (8,000 emoticons took 13 s)."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        spans = sorted(((f.line, f.column), (f.end_line, f.end_column)) for f in findings)
        self._starts = [start for start, _end in spans]
        self._reach: list[tuple[int, int]] = []  # the furthest end among the first i + 1
        for _start, end in spans:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def overlaps(self, finding: Finding) -> bool:
        """Whether some indexed span starts before `finding` ends and ends after it starts."""
        before_end = bisect.bisect_left(self._starts, (finding.end_line, finding.end_column))
        return before_end > 0 and self._reach[before_end - 1] > (finding.line, finding.column)
