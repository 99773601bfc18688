"""Choosing whom to write to: `--to NAME` (diacritics and case folded), `--all`, or the
template's default audience."""

from __future__ import annotations

import unicodedata

from ..records import Contact, Record
from .templates import DraftError, TemplateInfo, _close, audience

# --- choosing whom to write to -------------------------------------------------------


_FOLD = {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d",
         "Đ": "D", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ð": "d", "ı": "i"}



def _roster(record: Record) -> str:
    parts = []
    for label, group in (("interviewers", record.interviewers), ("contacts", record.contacts),
                         ("references", record.references)):
        if group:
            parts.append(f"{label}: " + ", ".join(p.name for p in group))
    return "; ".join(parts) or "nobody"


def _fold(text: str) -> str:
    text = "".join(_FOLD.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace("\u2019", "'").split()).casefold()


def find_person(record: Record, name: str) -> Contact | None:
    """`Record.find_person`, then the same match with diacritics and case folded
    ("siobhan" finds "Siobhán O'Brien") when that finds exactly one person."""
    person = record.find_person(name)
    if person is not None:
        return person
    wanted = _fold(name)
    found = []
    for candidate in record.people:
        keys = {candidate.name, candidate.first_name, candidate.last_name,
                *candidate.nicknames}
        if wanted in {_fold(k) for k in keys}:
            found.append(candidate)
    return found[0] if len({p.name for p in found}) == 1 else None


def choose_people(record: Record, info: TemplateInfo, to: str | None, everyone: bool
                  ) -> list[Contact]:
    """The addressees: `--to NAME`, `--all`, or the template's default."""
    if to is not None and everyone:
        raise DraftError("use either --to NAME or --all, not both")
    if to is not None:
        person = find_person(record, to)
        if person is None:
            names = [p.name for p in record.people]
            close = _close(to, names)
            hint = f"did you mean '{close}'? " if close else ""
            raise DraftError(f"'{to}' is not in the record; {hint}recorded people are "
                             f"{_roster(record)}", record.path)
        return [person]
    people = audience(record, info)
    wanted = " or ".join(g for g in info.to if g != "recruiters" or len(info.to) == 1)
    if not people:
        raise DraftError(f"template '{info.name}' is addressed to the record's {wanted}, and "
                         f"the record lists none; add them to the record or choose someone "
                         f"with --to NAME (recorded: {_roster(record)})", record.path)
    if everyone:
        if not info.each:
            raise DraftError(f"template '{info.name}' is written to one person, not to each "
                             f"of the record's {wanted}; leave out --all (it goes to "
                             f"{people[0].name}) or choose someone with --to NAME")
        return people
    if info.each and len(people) > 1:
        raise DraftError(f"the record lists {len(people)} {wanted} "
                         f"({', '.join(p.name for p in people)}); choose one with --to NAME "
                         f"or write to each with --all", record.path)
    return people[:1]
