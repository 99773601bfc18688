"""Unfilled template slots: the mark of a letter sent before it was finished."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from .. import lexicons
from ..document import Document
from ..findings import Problem, Severity
from .base import Context, Options, Rule

_BRACKETED = re.compile(r"_{2,}\(([^()\n]{1,80})\)_{2,}|"
                        r"\[([^\[\]\n]{1,80})\]|<([A-Za-z][A-Za-z .'_-]{0,40})>|"
                        r"\(((?:fill in|insert|add|enter|your|name of|todo)\b[^()\n]{0,60})\)|"
                        r"\{\{.{0,80}?\}\}|\{%.{0,80}?%\}|\$\{[^}\n]{1,40}\}|"
                        r"\{([A-Za-z_][\w .-]{0,30})\}")
_WORD = re.compile(r"[A-Za-z]+")


@cache
def _data() -> tuple[frozenset[str], tuple[str, ...], re.Pattern[str], re.Pattern[str]]:
    data = lexicons.load("placeholders.yaml")
    markers = "|".join(re.escape(m) for m in sorted(data["markers"], key=len, reverse=True))
    marker_re = re.compile(rf"(?<![\w?_])(?:{markers})(?![\w?_])|_{{3,}}")
    name_slots = "|".join(re.escape(m) for m in data["name_slots"])
    return (frozenset(w.lower() for w in data["slot_words"]),
            tuple(s.lower() for s in data["slot_starts"]), marker_re,
            re.compile(rf"(?<![\w?_])(?:{name_slots})(?![\w?_])"))


def _is_slot(inner: str) -> bool:
    words, starts, _, _ = _data()
    lowered = inner.strip().lower()
    if not lowered or lowered.isdigit() or lowered in {"sic", "sic!", "x", " "}:
        return False
    if lowered.startswith(starts):
        return True
    tokens = _WORD.findall(inner)
    if not tokens or len(tokens) > 6:
        return False
    capitalised = all(t[0].isupper() for t in tokens)
    return capitalised and any(t.lower() in words for t in tokens) or inner.strip().isupper()


def check(document: Document, context: Context, options: Options) -> Iterator[Problem]:
    text = document.text
    flagged: list[tuple[int, int]] = []
    for match in _BRACKETED.finditer(text):
        inner = match.group(2) if match.group(2) is not None else match.group(3)
        if match.group(5) is not None:
            inner = match.group(5).replace("_", " ")
            if not _is_slot(inner) and not inner.islower():
                continue
        elif inner is not None and not _is_slot(inner):
            continue
        if match.group(3) is not None and "@" in text[match.start(): match.end()]:
            continue
        flagged.append(match.span())
        yield Problem(match.start(), match.end(),
                      f"unfilled placeholder '{match.group(0)}'; replace it before sending")
    for match in _data()[2].finditer(text):
        if any(s <= match.start() < e for s, e in flagged):
            continue
        flagged.append(match.span())
        yield Problem(match.start(), match.end(),
                      f"placeholder '{match.group(0)}' left in the letter")
    # "xx" stands for a name in a template ("Dear xx,", "working for xx"); as the last
    # word of the letter it is a pair of kisses, not a slot
    signoff = document.signoff
    for match in _data()[3].finditer(text):
        if any(s <= match.start() < e for s, e in flagged):
            continue
        if signoff is not None and signoff.start <= match.start() < signoff.end:
            continue
        if not text[match.end():].strip():
            continue
        flagged.append(match.span())
        yield Problem(match.start(), match.end(),
                      f"placeholder '{match.group(0)}' left in the letter; fill in the name")


RULES = [
    Rule(
        code="C004", name="placeholder-left", severity=Severity.ERROR,
        summary="Unfilled template slots such as [Name], {name}, {{ company }}, <Company>, XXX, "
        "xx, ____, (fill in the organization), [TODO ...].",
        explanation="A letter with a template slot in it shows the reader it was a form letter "
        "and sent in a hurry: the opposite of a personal thank-you.",
        bad="Dear [Interviewer Name],\n\nThank you for the interview at {{ company }}.",
        good="Dear Ms. Okonkwo-Reyes,\n\nThank you for the interview at Acme.",
        check=check,
    ),
]
