"""What a template sees: the record, the addressee, the other interviewers, the candidate."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from ..records import Contact, Record
from ..timing import thank_you_due
from .environment import Bag, _stable_hash
from .templates import BUILTIN_PREFIX, TemplateInfo

# --- variables -----------------------------------------------------------------------


def person_bag(person: Contact, label: str = "to") -> Bag:
    return Bag(label, {
        "name": person.name,
        "formal_name": person.formal_name,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "honorific": person.honorific,
        "greeting_name": person.greeting_name,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "greeting": person.greeting,
        "title": person.title,
        "email": person.email,
        "phone": person.phone,
        "organization": person.organization,
        "relationship": person.relationship,
        "role": person.role,
        "topics": list(person.topics),
        "nicknames": list(person.nicknames),
    })


def record_bag(record: Record) -> Bag:
    when = record.interview_date
    return Bag("record", {
        "company": record.company,
        "company_aliases": list(record.company_aliases),
        "position": record.position,
        "interview_date": record.interview_day,
        "interview_time": f"{when:%H:%M}" if isinstance(when, datetime) else None,
        "interviewers": [person_bag(p, "interviewer") for p in record.interviewers],
        "contacts": [person_bag(p, "contact") for p in record.contacts],
        "references": [person_bag(p, "reference") for p in record.references],
        "topics": list(record.topics),
        "all_topics": list(record.all_topics),
        "interviewer_topics": list(dict.fromkeys(
            t for p in record.interviewers for t in p.topics)),
        "decision_date": record.decision_date,
        "outcome": record.outcome,
        "outcome_date": record.outcome_date,
        "address": list(record.address),
        "location": record.location,
        "documents_requested": list(record.documents_requested),
        "notes": record.notes,
        "extra": _plain(record.extra, "record.extra"),
    })


def candidate_bag(profile: Any) -> Bag:
    return Bag("candidate", {
        "name": profile.name,
        "first_name": profile.first_name,
        "email": profile.email,
        "phone": profile.phone,
        "address": list(profile.address),
        "linkedin": profile.linkedin,
        "website": profile.website,
        "title": profile.title,
        "strengths": list(profile.strengths),
        "sign_off": profile.sign_off,
        "signature": list(profile.signature_lines),
        "extra": _plain(profile.extra, "candidate.extra"),
    })


def _plain(value: Any, label: str) -> Any:
    """YAML data made safe for the sandbox (mappings become read-only Bags)."""
    if isinstance(value, Mapping):
        return Bag(label, {str(k): _plain(v, f"{label}.{k}") for k, v in value.items()})
    if isinstance(value, list | tuple):
        return [_plain(v, label) for v in value]
    if isinstance(value, str | int | float | bool | date) or value is None:
        return value
    return str(value)


def _interview_number(record: Record) -> int:
    return _stable_hash(f"{record.company}|{record.position}|{record.interview_day}") % 1000


def _group(record: Record, person: Contact) -> tuple[Contact, ...]:
    return {"interviewer": record.interviewers, "contact": record.contacts,
            "reference": record.references}.get(person.role, ())


def place_of(record: Record, person: Contact) -> int | None:
    """The person's place among the record's people of the same role (none for others)."""
    for index, other in enumerate(_group(record, person)):
        if other.name == person.name:
            return index
    return None


def variant_of(record: Record, person: Contact) -> int:
    """A stable number per addressee: a number for the interview (a hash of company,
    position and day, so the first interviewer of every record does not get the same
    wording) plus the person's position among the record's people of the same role (so
    a panel of up to seven always gets different wording); a name hash for others."""
    base = _interview_number(record)
    place = place_of(record, person)
    return base + (place if place is not None else _stable_hash(person.name) % 1000)


def variant_family(info: TemplateInfo) -> tuple[str, int]:
    """Which template's turn of wording a draft takes, and its place in that family: a
    printed letter that extends the e-mail (`thank-you-letter` on `thank-you-email`) is
    the family's second turn, so the same person's letter and e-mail never share a
    variant; a template on its own (or overriding its built-in namesake) is its own."""
    parent = (info.extends or "").removeprefix(BUILTIN_PREFIX)
    if parent and parent != info.name:
        return parent, 1
    return info.name, 0


def build_variables(record: Record, person: Contact, profile: Any, when: date,
                    info: TemplateInfo, thank_you_within_hours: int = 24
                    ) -> dict[str, Any]:
    """Everything a template sees. `late` is true once a thank-you is past its window
    (`thank_you_within_hours`) or the decision date has passed: the letter then says so
    briefly and does not write as if the process were just starting."""
    family, turn = variant_family(info)
    decision_passed = record.decision_date is not None and record.decision_date < when
    past_window = when > thank_you_due(record, thank_you_within_hours).day
    variables: dict[str, Any] = {
        "record": record_bag(record),
        "to": person_bag(person),
        "others": [person_bag(p, "interviewer") for p in record.interviewers
                   if p.name != person.name],
        "date": when,
        "kind": info.kind,
        "template": info.name,
        "variant": variant_of(record, person),
        "variant_batch": _interview_number(record),
        "variant_place": place_of(record, person),
        "variant_size": len(_group(record, person)),
        "variant_family": family,
        "variant_turn": turn,
        "days_since_interview": (when - record.interview_day).days,
        "decision_passed": decision_passed,
        "late": past_window or decision_passed,
    }
    if profile is not None:
        variables["candidate"] = candidate_bag(profile)
    return variables
