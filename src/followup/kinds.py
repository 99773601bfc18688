"""What kind of letter this is: from `kind:` when the writer says, else from its text.

Signs are weighed in order of how telling they are: a reply to a rejection says so; a
thank-you note thanks for the interview in its opening; a status inquiry asks where
things stand; a reference letter asks someone to act as one. A thank-you note that ends
"I look forward to an update on the next steps" is still a thank-you note, so a thanks in
the opening paragraph outweighs status words later on. The subject line (e-mail header or
front matter `subject:`) counts as opening text.
"""

from __future__ import annotations

import re

from .document import Document

_FLAGS = re.IGNORECASE | re.DOTALL

REJECTION = re.compile(
    r"\b(not (?:been )?(?:selected|chosen|successful)|(?:decided|decision) to (?:move forward|"
    r"proceed|go) with (?:another|other|a different)|other candidates?\b.{0,40}\b(?:selected|"
    r"chosen|hired)|disappointed (?:to learn|to hear|by the news|with the news)|although I was "
    r"not|(?:while|though) I (?:am|was) disappointed|thank you for (?:letting me know|informing "
    r"me|your message about|the update on) (?:of )?(?:your|the) (?:decision|outcome)|"
    r"(?:keep|kept) me in mind for (?:future|other)|(?:the|your) decision to (?:hire|offer)|"
    r"did not get the (?:role|job|position)|wasn't selected|was not selected|unsuccessful)",
    _FLAGS)
THANK_YOU = re.compile(
    r"\b(thank(?:s| you)\b.{0,60}\b(?:interview|interviewing|meeting|meet|speaking|speak|"
    r"talking|talk|time|conversation|chat|visit|tour|opportunity|call)|(?:enjoyed|appreciated) "
    r"(?:meeting|speaking|talking|our|the|learning|hearing)|"
    r"(?:it was|was) (?:a pleasure|great|wonderful) (?:to meet|meeting|speaking|talking))",
    _FLAGS)
STATUS = re.compile(
    r"\b(status of|update on (?:the|my) (?:application|hiring|decision|search|position|role|"
    r"timeline|process)|(?:hiring|decision) (?:timeline|process)|following up on (?:my|the) "
    r"(?:application|interview|conversation|candidacy)|any (?:news|update)s? (?:on|about|"
    r"regarding)|decision (?:has been|is) (?:delayed|made)|where things stand|"
    r"(?:checking|check) in (?:on|about|regarding)|have not (?:yet )?heard|haven't (?:yet )?"
    r"heard|still (?:very )?interested .{0,40}\b(?:update|timeline|decision))",
    _FLAGS)
REFERENCE = re.compile(
    r"\b(as (?:a|one of my|my) references?|listed you as|(?:may|might|will) (?:be )?(?:contact|"
    r"call|reach out to|hear from) you|for agreeing to (?:be|serve|act)|serve as (?:a|my) "
    r"reference|be (?:a|my) reference|(?:willing|able) to (?:be|act as|serve as) (?:a|my) "
    r"reference)", _FLAGS)
_SUBJECT = (
    ("rejection-reply", re.compile(r"\b(decision|outcome|regret)\b", re.I)),
    ("thank-you", re.compile(r"\b(thank|thanks)\b", re.I)),
    ("status-inquiry", re.compile(r"\b(status|update|following up|follow-up|follow up)\b",
                                  re.I)),
    ("reference", re.compile(r"\breferences?\b", re.I)),
)


def infer_kind(document: Document) -> tuple[str, bool]:
    """(kind, explicit): the front matter's `kind:` wins; otherwise the weighed signs."""
    explicit = document.front_matter.get("kind")
    if explicit:
        return str(explicit), True
    return infer_kind_of_text(document.body_text or document.text,
                              document.front_matter.get("subject")
                              or document.headers.get("subject")
                              or None,
                              document.slice(document.body[0]) if document.body else None), False


def infer_kind_of_text(text: str, subject: str | None = None,
                       opening: str | None = None) -> str:
    """The kind of a letter from its body text, subject line and opening paragraph."""
    if REJECTION.search(text):
        return "rejection-reply"
    opening = opening if opening is not None else text.split("\n\n", 1)[0]
    if subject:
        subject = re.sub(r"^\s*(?:re|fwd?|aw)\s*:\s*", "", str(subject), flags=re.I)
        for kind, pattern in _SUBJECT:
            if pattern.search(subject):
                return kind
    if THANK_YOU.search(opening) and not STATUS.search(opening):
        return "thank-you"
    if STATUS.search(text):
        return "status-inquiry"
    if REFERENCE.search(text):
        return "reference"
    if THANK_YOU.search(text):
        return "thank-you"
    return "other"
