"""Choosing whom to write to: `--to NAME` (diacritics and case folded), `--all`, or the
template's default audience."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from ..records import Contact, Record
from .templates import DraftError, TemplateInfo, _close, audience, check_audience

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


def _named(to: str | Sequence[str] | None) -> list[str]:
    """The names `--to` gave: repeated, comma-separated, or both ("Nick, José")."""
    if to is None:
        return []
    return [to] if isinstance(to, str) else list(to)


def _one_person(record: Record, name: str) -> Contact:
    person = find_person(record, name)
    if person is None:
        names = [p.name for p in record.people]
        close = _close(name, names)
        hint = f"did you mean '{close}'? " if close else ""
        raise DraftError(f"'{name}' is not in the record; {hint}recorded people are "
                         f"{_roster(record)}", record.path)
    return person


def _people_named(record: Record, value: str) -> list[Contact]:
    """One `--to` value: a recorded name as given (even with a comma in it), else each
    comma-separated name."""
    whole = find_person(record, value)
    if whole is not None or "," not in value:
        return [whole if whole is not None else _one_person(record, value)]
    return [_one_person(record, part.strip()) for part in value.split(",") if part.strip()]


def choose_people(record: Record, info: TemplateInfo, to: str | Sequence[str] | None,
                  everyone: bool) -> list[Contact]:
    """The addressees: `--to NAME` (one or several), `--all`, or the template's default;
    every one of them checked against the template's audience before anything is drafted."""
    names = _named(to)
    if names and everyone:
        raise DraftError("use either --to NAME or --all, not both")
    if names:
        chosen: list[Contact] = []
        for value in names:
            for person in _people_named(record, value):
                if all(person.name != p.name for p in chosen):
                    chosen.append(person)
        for person in chosen:
            check_audience(record, info, person)
        return chosen
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
