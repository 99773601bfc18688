"""`followup plan`: what to send, to whom, by when, across every application.

Each record's actions come from the advice (`timing.py` says when each is due) and are
done by a letter that was **sent** (front matter `sent: DATE`, or an e-mail with a `Date:`
and no `X-Unsent`); a draft does nothing. Letters are linked to records the way `lint`
links them, and a thank-you note's addressee is found the way C005 finds it, so the plan
and the linter never disagree about who was thanked or when a letter was late.

Once an outcome is recorded, nothing more is asked of the employer: no status inquiries or
reference heads-ups; after a rejection (or a withdrawal) only the reply to it remains.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from . import timing
from .config import Config
from .document import Document
from .errors import RecordError, UserError
from .kinds import infer_kind
from .linter import iter_letter_paths
from .records import RECORD_FILENAME, Contact, Record, find_record_for, load_record, records_under
from .source import read_document
from .timing import Due

ACTIONS = ("thank-you", "documents", "reference", "status-inquiry", "rejection-reply")
TEMPLATES = {
    "thank-you": "thank-you-email",
    "documents": "additional-documents",
    "reference": "reference-heads-up",
    "status-inquiry": "status-inquiry",
    "rejection-reply": "rejection-reply",
}
# what is still asked for once an outcome is recorded
_OPEN_AFTER_OUTCOME = {
    "offer": {"thank-you", "documents"},
    "accepted": {"thank-you", "documents"},
    "rejected": {"rejection-reply"},
    "withdrawn": set(),
}


@dataclass(frozen=True)
class Action:
    """One thing to send for one application."""

    record: Record
    action: str  # one of ACTIONS
    to: str  # the person's name
    due: Due
    state: str  # one of timing.STATES
    letter: Document | None = None  # the sent letter that did it
    what: str | None = None  # the document asked for; "second" for a second inquiry
    late: bool = False  # done, but after it was due

    @property
    def template(self) -> str:
        return TEMPLATES[self.action]

    @property
    def sent(self) -> date | datetime | None:
        return self.letter.sent if self.letter is not None else None


@dataclass
class Plan:
    actions: list[Action] = field(default_factory=list)
    errors: list[UserError] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for a in self.actions if a.state == state)

    def failed(self, fail_on: str) -> bool:
        """`--fail-on overdue|due|never`: whether the exit status is 1."""
        if fail_on == "never":
            return False
        states = {"overdue"} if fail_on == "overdue" else {"overdue", "due"}
        return any(a.state in states for a in self.actions)


# --- who a letter is to -----------------------------------------------------------------


def _addressed(document: Document, record: Record, records: Sequence[Record]
               ) -> list[Contact]:
    from .rules.folder import addressed_people  # the way C005 reads it

    return addressed_people(document, record, records)


def _employer_contact(record: Record) -> Contact:
    """Whom a status inquiry, documents or a rejection reply go to: as the templates
    choose (a recruiter, else the first interviewer)."""
    from .draft import recruiters

    found = recruiters(record)
    return found[0] if found else record.interviewers[0]


def _mentions(document: Document, thing: str) -> bool:
    """Whether a letter names a requested document ("my portfolio" matches "portfolio")."""
    core = re.sub(r"^(?:my|the|a|an|your)\s+", "", thing.strip(), flags=re.IGNORECASE)
    words = r"\s+".join(re.escape(w) for w in core.split())
    subject = str(document.front_matter.get("subject") or document.headers.get("subject")
                  or "")
    return bool(words) and bool(re.search(rf"(?<!\w){words}(?!\w)",
                                          f"{subject}\n{document.text}", re.IGNORECASE))


# --- the actions of one application --------------------------------------------------------


def _sent_day(record: Record, document: Document) -> datetime:
    assert document.sent is not None
    return timing.sent_moment(record, document.sent)


def actions_for(record: Record, letters: Sequence[Document], config: Config, today: date,
                records: Sequence[Record] = ()) -> list[Action]:
    """Every action of one application, with its state on `today`."""
    sent = sorted((d for d in letters if d.sent is not None),
                  key=lambda d: (_sent_day(record, d), d.path))
    by_kind: dict[str, list[Document]] = {}
    for document in sent:
        by_kind.setdefault(document.kind, []).append(document)
    out: list[Action] = []

    def add(action: str, to: str, due: Due, letter: Document | None, what: str | None = None,
            timely: bool = True) -> None:
        late = letter is not None and timely and letter.sent is not None and \
            not timing.on_time(due, record, letter.sent)
        out.append(Action(record, action, to, due, timing.state_of(due, today,
                                                                   letter is not None),
                          letter, what, late))

    def first_to(kind: str, person: Contact) -> Document | None:
        return next((d for d in by_kind.get(kind, ())
                     if person in _addressed(d, record, records)), None)

    due = timing.thank_you_due(record, config.thank_you_within_hours)
    for person in record.interviewers:
        add("thank-you", person.name, due, first_to("thank-you", person))
    employer = _employer_contact(record).name
    due = timing.documents_due(record)
    for thing in record.documents_requested:
        letter = next((d for d in sent if _sent_day(record, d).date() >= record.interview_day
                       and _mentions(d, thing)), None)
        add("documents", employer, due, letter, thing)
    due = timing.reference_due(record)
    for person in record.references:
        add("reference", person.name, due, first_to("reference", person))
    inquiries = by_kind.get("status-inquiry", [])
    add("status-inquiry", employer,
        timing.status_inquiry_due(record, config.status_inquiry_after_days),
        inquiries[0] if inquiries else None, timely=False)
    if inquiries:
        first = _sent_day(record, inquiries[0]).date()
        later = [d for d in inquiries[1:] if _sent_day(record, d).date() > first]
        add("status-inquiry", employer, timing.second_inquiry_due(first),
            later[0] if later else None, "second", timely=False)
    if record.outcome == "rejected" and record.outcome_date is not None:
        replies = by_kind.get("rejection-reply", [])
        add("rejection-reply", employer, timing.rejection_reply_due(record.outcome_date),
            replies[0] if replies else None)
    if record.outcome is not None:
        still = _OPEN_AFTER_OUTCOME[record.outcome]
        out = [a for a in out if a.state == "done" or a.action in still]
    return out


# --- across the tree -----------------------------------------------------------------------


def _records_and_folders(paths: Iterable[str], errors: list[UserError]
                         ) -> tuple[list[Path], list[Path]]:
    """(record files, folders to search for letters) from the command's paths."""
    record_paths: list[Path] = []
    folders: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            folders.append(path)
            record_paths.extend(records_under([path]))
        elif path.is_file():
            record_paths.append(path)
            folders.append(path.parent)
        else:
            errors.append(UserError("no such file or folder", raw))
    return record_paths, folders


def build_plan(paths: Sequence[str], config: Config, today: date) -> Plan:
    """The plan of every record under `paths` (folders or record files)."""
    plan = Plan()
    reported: set[str] = set()

    def report(exc: UserError) -> None:
        if str(exc) not in reported:
            reported.add(str(exc))
            plan.errors.append(exc)

    record_paths, folders = _records_and_folders(paths, plan.errors)
    records: dict[Path, Record] = {}
    for record_path in record_paths:
        try:
            records.setdefault(record_path.resolve(), load_record(record_path))
        except RecordError as exc:
            report(exc)
    letters: dict[Path, list[Document]] = {key: [] for key in records}
    nearest: dict[Path, Path | None] = {}
    for path in iter_letter_paths([str(f) for f in folders], config, []):
        if Path(path).name == RECORD_FILENAME:
            continue
        try:
            document = read_document(path)
            if document.sent is None:
                continue  # a draft does nothing
            record = find_record_for(Path(path), document.record_link, nearest=nearest)
        except UserError as exc:
            report(exc)
            continue
        if record is None or record.path.resolve() not in letters:
            continue
        document.kind, document.kind_explicit = infer_kind(document)
        letters[record.path.resolve()].append(document)
    all_records = tuple(records.values())
    plan.records = sorted(all_records, key=lambda r: (r.interview_day, str(r.path)))
    for record in plan.records:
        plan.actions.extend(actions_for(record, letters[record.path.resolve()], config, today,
                                        all_records))
    return plan
