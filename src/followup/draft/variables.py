"""What a template sees: the record, the addressee, the other interviewers, the candidate."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any, overload

from ..records import Contact, Record
from ..timing import thank_you_due
from .environment import Bag, ReadOnlyList, _stable_hash
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
        "topics": ReadOnlyList(person.topics),
        "nicknames": ReadOnlyList(person.nicknames),
    })


def record_bag(record: Record, interviewers: Sequence[Bag] | None = None) -> Bag:
    """The record as templates see it; `interviewers` are their bags when already built
    (`--all` builds them once, not once per letter)."""
    when = record.interview_date
    if interviewers is None:
        interviewers = [person_bag(p, "interviewer") for p in record.interviewers]
    return Bag("record", {
        "company": record.company,
        "company_aliases": ReadOnlyList(record.company_aliases),
        "position": record.position,
        "interview_date": record.interview_day,
        "interview_time": f"{when:%H:%M}" if isinstance(when, datetime) else None,
        "interviewers": ReadOnlyList(interviewers),
        "contacts": ReadOnlyList(person_bag(p, "contact") for p in record.contacts),
        "references": ReadOnlyList(person_bag(p, "reference") for p in record.references),
        "topics": ReadOnlyList(record.topics),
        "all_topics": ReadOnlyList(record.all_topics),
        "interviewer_topics": ReadOnlyList(dict.fromkeys(
            t for p in record.interviewers for t in p.topics)),
        "decision_date": record.decision_date,
        "outcome": record.outcome,
        "outcome_date": record.outcome_date,
        "address": ReadOnlyList(record.address),
        "location": record.location,
        "documents_requested": ReadOnlyList(record.documents_requested),
        "notes": record.notes,
        "extra": _plain(record.extra, "record.extra"),
    })


def candidate_bag(profile: Any) -> Bag:
    return Bag("candidate", {
        "name": profile.name,
        "first_name": profile.first_name,
        "email": profile.email,
        "phone": profile.phone,
        "address": ReadOnlyList(profile.address),
        "linkedin": profile.linkedin,
        "website": profile.website,
        "title": profile.title,
        "strengths": ReadOnlyList(profile.strengths),
        "sign_off": profile.sign_off,
        "signature": ReadOnlyList(profile.signature_lines),
        "extra": _plain(profile.extra, "candidate.extra"),
    })


def _plain(value: Any, label: str) -> Any:
    """YAML data made safe for the sandbox (mappings become read-only Bags)."""
    if isinstance(value, Mapping):
        return Bag(label, {str(k): _plain(v, f"{label}.{k}") for k, v in value.items()})
    if isinstance(value, list | tuple):
        return ReadOnlyList(_plain(v, label) for v in value)
    if isinstance(value, str | int | float | bool | date) or value is None:
        return value
    return str(value)


def variant_of(record: Record, person: Contact) -> int:
    """A stable number per addressee: a number for the interview (a hash of company,
    position and day, so the first interviewer of every record does not get the same
    wording) plus the person's position among the record's people of the same role (so
    a panel of up to seven always gets different wording); a name hash for others."""
    return RecordVariables(record, None, date.min, None).variant(person)


class _AllBut(Sequence[Bag]):
    """`others`: every interviewer but the addressee, without copying the list for each
    letter (a copy per letter is quadratic for `--all`)."""

    __slots__ = ("_items", "_skip")

    def __init__(self, items: Sequence[Bag], skip: int | None) -> None:
        self._items = items
        self._skip = skip

    def __len__(self) -> int:
        return len(self._items) - (self._skip is not None)

    @overload
    def __getitem__(self, index: int) -> Bag: ...

    @overload
    def __getitem__(self, index: slice) -> list[Bag]: ...

    def __getitem__(self, index: int | slice) -> Bag | list[Bag]:
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("others: index out of range")
        if self._skip is not None and index >= self._skip:
            index += 1
        return self._items[index]

    def __iter__(self) -> Iterator[Bag]:
        for position, item in enumerate(self._items):
            if position != self._skip:
                yield item

    def __add__(self, other: Any) -> list[Any]:
        return [*self, *other]

    def __radd__(self, other: Any) -> list[Any]:
        return [*other, *self]

    def __repr__(self) -> str:
        return f"<others: {len(self)} interviewers>"


class RecordVariables:
    """What the templates see for one record, built once: each letter adds only its
    addressee, so `--all` for N interviewers takes time linear in N. `late` is true once a
    thank-you is past its window (`thank_you_within_hours`) or the decision date has
    passed: the letter then says so briefly and does not write as if the process were
    just starting."""

    def __init__(self, record: Record, profile: Any, when: date,
                 info: TemplateInfo | None, thank_you_within_hours: int = 24) -> None:
        self.record = record
        self.profile = profile
        self.when = when
        self.info = info
        self._decision_passed = record.decision_date is not None and \
            record.decision_date < when
        self._late = self._decision_passed or \
            when > thank_you_due(record, thank_you_within_hours).day
        self._base = _stable_hash(  # the interview's number: not every first interviewer
            f"{record.company}|{record.position}|{record.interview_day}") % 1000  # alike
        self._positions: dict[str, dict[str, int]] = {}
        for role, group in (("interviewer", record.interviewers),
                            ("contact", record.contacts), ("reference", record.references)):
            positions: dict[str, int] = {}
            for index, other in enumerate(group):
                positions.setdefault(other.name, index)
            self._positions[role] = positions
        self._sizes = {"interviewer": len(record.interviewers), "contact": len(record.contacts),
                       "reference": len(record.references)}
        self._name_counts = Counter(p.name for p in record.interviewers)
        self._interviewers: list[Bag] | None = None
        self._record_bag: Bag | None = None
        self._candidate: Bag | None = None

    def variant(self, person: Contact) -> int:
        index = self._positions.get(person.role or "", {}).get(person.name)
        if index is not None:
            return self._base + index
        return self._base + _stable_hash(person.name) % 1000

    def for_person(self, person: Contact) -> dict[str, Any]:
        if self._interviewers is None:
            self._interviewers = [person_bag(p, "interviewer")
                                  for p in self.record.interviewers]
            self._record_bag = record_bag(self.record, self._interviewers)
        assert self.info is not None
        family, turn = variant_family(self.info)
        others: Sequence[Bag]
        if self._name_counts[person.name] > 1:  # the same name twice: leave out each
            others = ReadOnlyList(bag for p, bag in zip(self.record.interviewers,
                                                        self._interviewers, strict=True)
                                  if p.name != person.name)
        else:
            others = _AllBut(self._interviewers,
                             self._positions["interviewer"].get(person.name))
        variables: dict[str, Any] = {
            "record": self._record_bag,
            "to": person_bag(person),
            "others": others,
            "date": self.when,
            "kind": self.info.kind,
            "template": self.info.name,
            "variant": self.variant(person),
            "variant_batch": self._base,
            "variant_place": self._positions.get(person.role or "", {}).get(person.name),
            "variant_size": self._sizes.get(person.role or "", 0),
            "variant_family": family,
            "variant_turn": turn,
            "days_since_interview": (self.when - self.record.interview_day).days,
            "decision_passed": self._decision_passed,
            "late": self._late,
        }
        if self.profile is not None:
            if self._candidate is None:
                self._candidate = candidate_bag(self.profile)
            variables["candidate"] = self._candidate
        return variables


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
    """The variables of one letter (for many letters to one record, `RecordVariables`)."""
    return RecordVariables(record, profile, when, info,
                           thank_you_within_hours).for_person(person)
