"""Who a thank-you note thanks, and whether it was sent: ONE answer for C005 and the plan.

A letter is sent when its front matter says `sent: DATE` or it is an e-mail with a `Date:`
and no `X-Unsent` header (`Document.sent`); anything else is a draft. For each interviewer
of a record, `thank_you_notes` gives the first note sent to them (by when it went out) and
the drafts to them. The plan counts a thank-you as done only when a note was sent; C005
(missing-thank-you) speaks only when an interviewer has no note at all, sent or drafted: a
draft is a note on its way, and D001 says when it is late to send it, with the same
deadline the plan shows (`timing.thank_you_due`).

Who a letter is to: its To:/`to:` and the people its salutation greets, as the names rules
read them (`rules.folder.addressed_people`); the common case (a To: that names one recorded
person exactly, a salutation that names that person and nobody else in the record) is
settled here without loading the names rules, so a plan stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from . import timing
from .lettercache import Letter, read_letter
from .records import Contact, Record


@dataclass
class Thanks:
    """The thank-you notes to one interviewer."""

    sent: Letter | None = None  # the first one sent
    drafts: list[Letter] = field(default_factory=list)

    @property
    def any(self) -> bool:
        """Whether there is a note at all, sent or drafted (C005 is quiet then)."""
        return self.sent is not None or bool(self.drafts)


def sent_on(letter: Letter) -> date | datetime:
    """When a letter known to be sent went out."""
    if letter.sent is None:
        raise ValueError(f"{letter.path} is a draft, not a sent letter")
    return letter.sent


def thank_you_notes(record: Record, letters: Iterable[Letter],
                    records: Sequence[Record] = ()) -> dict[Contact, Thanks]:
    """For each interviewer of `record`: the first thank-you note sent to them and the
    drafts to them, from `letters` (the record's letters, sent or not)."""
    notes = {person: Thanks() for person in record.interviewers}
    drafts = [d for d in letters if d.kind == "thank-you" and d.sent is None]
    sent = sorted((d for d in letters if d.kind == "thank-you" and d.sent is not None),
                  key=lambda d: (timing.sent_moment(record, sent_on(d)), d.path))
    for letter in (*sent, *drafts):
        for person in addressed(letter, record, records):
            thanks = notes.get(person)
            if thanks is None:
                continue  # a note to a contact or a reference
            if letter.sent is None:
                thanks.drafts.append(letter)
            elif thanks.sent is None:
                thanks.sent = letter
    return notes


def addressed(letter: Letter, record: Record, records: Sequence[Record] = ()
              ) -> list[Contact]:
    """The record's people a letter is to (To:/`to:` and salutation)."""
    quick = _plainly_to(letter, record)
    if quick is not None:
        return [quick]
    from .rules.folder import addressed_people

    if letter.document is None:
        letter.document = read_letter(letter.path)
    return addressed_people(letter.document, record, records)


_NAME_WORDS: dict[Contact, frozenset[str]] = {}


def _name_words(person: Contact) -> frozenset[str]:
    words = _NAME_WORDS.get(person)
    if words is None:
        words = frozenset(w.casefold() for w in (person.first_name, person.last_name,
                                                 *person.nicknames, *person.name.split())
                          if len(w) > 1)
        _NAME_WORDS[person] = words
    return words


_NAME_ADDRESS = re.compile(r'\s*"?([^"<>@,]*?)"?\s*<([^<>\s@,]+@[^<>\s@,]+)>\s*')
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _name_and_address(recipient: str) -> tuple[str, str]:
    """("Nick Claus", "nick@example.com") from "Nick Claus <nick@example.com>"; anything
    else by the email package (not imported for the common case)."""
    match = _NAME_ADDRESS.fullmatch(recipient)
    if match:
        return match.group(1).strip(), match.group(2)
    from email.utils import parseaddr

    return parseaddr(recipient)


def _plainly_to(letter: Letter, record: Record) -> Contact | None:
    """The one recorded person a letter is plainly to, or None (then the names rules
    decide)."""
    recipient = letter.recipient
    if not recipient:
        return None
    name, address = _name_and_address(recipient) if "@" in recipient else (recipient, "")
    wanted = {" ".join(v.split()).casefold() for v in (name, address, recipient) if v}
    found = [p for p in record.people
             if p.name.casefold() in wanted or (p.email and p.email.casefold() in wanted)]
    if len(found) != 1 or letter.salutation is None:
        return None
    person = found[0]
    words = {w.casefold() for w in _WORD.findall(letter.salutation)}
    if not words & _name_words(person):
        return None
    own = _name_words(person)
    for other in record.people:
        if other is not person and words & (_name_words(other) - own):
            return None
    return person
