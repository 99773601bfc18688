"""Emoticons and emoji: career advisers list them among the things to proofread out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from .. import lexicons
from ..document import Document
from ..findings import Problem, Severity, safe
from .base import Context, Options, Rule

# eyes, optional nose, mouth: ":)", ";-)", ":D", ":'(", "=P". Never after a letter or digit
# (times like 10:30, ratios 3:2, "Re:D") and never before one (":Dear").
_FACE = r"[:;=][-o'^]?[)(\]\[DPpOo/\\|*}{@3]"
_EMOJI = (
    "\U0001F000-\U0001FAFF"  # pictographs, emoticons, transport, symbols and pictographs
    "\u2600-\u26FF\u2700-\u27BF"  # miscellaneous symbols and dingbats
    "\u2B50\u2B55\u2764\u2763\u203C\u2049"
)
_EMOJI_RUN = re.compile(f"[{_EMOJI}](?:[\uFE0F\u200D\U0001F3FB-\U0001F3FF{_EMOJI}])*")
# ballot boxes, ticks, bullets and stars that letters use as plain symbols
_NOT_EMOJI = set("\u2610\u2611\u2612\u2713\u2714\u2715\u2022\u260E\u2605\u2606")


@cache
def _pattern() -> re.Pattern[str]:
    literals = sorted(lexicons.load("emoticons.yaml")["literal"], key=len, reverse=True)
    alternatives = "|".join([_FACE, *map(re.escape, literals)])
    return re.compile(rf"(?<![\w:/\\]){'(?:' + alternatives + ')'}(?![\w/])")


def check(document: Document, context: Context, options: Options) -> Iterator[Problem]:
    text = document.text
    for match in _pattern().finditer(text):
        if re.search(r"https?:|www\.", text[max(0, match.start() - 40): match.start()]) and \
                not text[match.start() - 1: match.start()].isspace():
            continue
        yield Problem(match.start(), match.end(),
                      f"emoticon '{match.group(0)}'; say it in words in a professional note",
                      (safe(""),))  # removal, with the space beside it, is the one fix
    for match in _EMOJI_RUN.finditer(text):
        if all(c in _NOT_EMOJI or c in "\uFE0F\u200D" for c in match.group(0)):
            continue
        yield Problem(match.start(), match.end(),
                      f"emoji '{match.group(0)}'; leave emoji out of a professional note",
                      (safe(""),))


RULES = [
    Rule(
        code="T002", name="emoticon", severity=Severity.ERROR,
        summary="Text emoticons (:) ;-) :D <3 ^_^) and emoji.",
        explanation="Proofreading advice for interview follow-ups names emoticons explicitly: "
        "they read as casual and can render oddly in the reader's mail client.",
        bad="Thanks again for your time :)",
        good="Thank you again for your time.",
        check=check,
    ),
]
