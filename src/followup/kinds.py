"""What kind of letter this is: from `kind:` when the writer says, else from its text."""

from __future__ import annotations

import re

from .document import Document

_SIGNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("rejection-reply", re.compile(
        r"\b(not (?:been )?(?:selected|chosen)|(?:decided|decision) to (?:move forward|proceed|"
        r"go) with (?:another|other)|other candidates?\b.{0,40}\b(?:selected|chosen|hired)|"
        r"disappointed (?:to learn|to hear|by the news)|although I was not|"
        r"thank you for (?:letting me know|informing me|your message about) (?:of )?"
        r"(?:your|the) decision|for considering me)", re.IGNORECASE)),
    ("status-inquiry", re.compile(
        r"\b(status of|update on (?:the|my)|(?:hiring|decision) (?:timeline|process)|"
        r"following up on (?:my|the) (?:application|interview)|any news on|"
        r"decision (?:has been|is) (?:delayed|made)|where things stand)", re.IGNORECASE)),
    ("reference", re.compile(
        r"\b(as (?:a|one of my) references?|listed you as|may (?:be )?(?:contact|call|"
        r"reach out to) you|might (?:contact|call|hear from) you|for agreeing to be)",
        re.IGNORECASE)),
    ("thank-you", re.compile(
        r"\b(thank(?:s| you)\b.{0,60}\b(?:interview|meeting|meet|speaking|speak|talking|talk|"
        r"time|conversation|chat|visit|tour|opportunity)|(?:enjoyed|appreciated) "
        r"(?:meeting|speaking|talking|our|the))", re.IGNORECASE | re.DOTALL)),
)


def infer_kind(document: Document) -> tuple[str, bool]:
    """(kind, explicit): the front matter's `kind:` wins; otherwise the first sign found."""
    explicit = document.front_matter.get("kind")
    if explicit:
        return str(explicit), True
    text = document.body_text or document.text
    for kind, pattern in _SIGNS:
        if pattern.search(text):
            return kind, False
    return "other", False
