"""`followup plan`: what to send, to whom, by when, across every application.

Each record's actions come from the advice (`timing.py` says when each is due) and are
done by a letter that was **sent** (front matter `sent: DATE`, or an e-mail with a `Date:`
and no `X-Unsent`); a draft does nothing. Letters are linked to records the way `lint`
links them, and who a thank-you note thanks comes from `thanks.py`, which C005 uses too,
so the plan and the linter never disagree about who was thanked or when a letter was late.

Once an outcome is recorded, nothing more is asked of the employer: no status inquiries or
reference heads-ups; after a rejection (or a withdrawal) only the reply to it remains.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from . import timing
from .config import Config
from .errors import RecordError, UserError
from .lettercache import DRAFT, Letter, LetterCache, read_letter
from .letterfiles import iter_letter_paths
from .records import Contact, Record, find_record_for, load_record, records_under
from .thanks import addressed, sent_on, thank_you_notes
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
    letter: Letter | None = None  # the sent letter that did it
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


# --- whom the letters to the employer go to ------------------------------------------------


def _employer_contact(record: Record) -> Contact:
    """Whom a status inquiry, documents or a rejection reply go to: as the templates
    choose (a recruiter, else the first interviewer; `Record.recruiters`, which the drafts'
    own `recruiters` must agree with, tested)."""
    found = record.recruiters
    return found[0] if found else record.interviewers[0]


_ENCLOSED = re.compile(r"\b(?:attach\w*|enclos\w*|here (?:is|are)|please find|as (?:you )?"
                       r"requested|I(?:'ve|’ve| have) (?:sent|included|shared|uploaded)|"
                       r"I am (?:sending|sharing)|I'm (?:sending|sharing)|below is|linked)\b",
                       re.IGNORECASE)
_PROMISED = re.compile(r"\b(?:will|shall|tomorrow|soon|later|by (?:monday|tuesday|wednesday|"
                       r"thursday|friday|the end))\b|\bgoing to\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


def _sends(letter: Letter, thing: str) -> bool:
    """Whether a letter sends a requested document: a sentence that names it ("my
    portfolio" matches "portfolio") and says it is attached, enclosed or sent, not that it
    will follow."""
    core = re.sub(r"^(?:my|the|a|an|your)\s+", "", thing.strip(), flags=re.IGNORECASE)
    words = r"\s+".join(re.escape(w) for w in core.split())
    if not words:
        return False
    named = re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)
    for sentence in _SENTENCE.findall(letter.text):
        if named.search(sentence) and _ENCLOSED.search(sentence) and \
                not _PROMISED.search(sentence):
            return True
    return False


# --- the actions of one application --------------------------------------------------------


def _sent_day(record: Record, letter: Letter) -> datetime:
    return timing.sent_moment(record, sent_on(letter))


def actions_for(record: Record, letters: Sequence[Letter], config: Config, today: date,
                records: Sequence[Record] = ()) -> list[Action]:
    """Every action of one application, with its state on `today`."""
    sent = sorted(letters, key=lambda d: (_sent_day(record, d), d.path))
    by_kind: dict[str, list[Letter]] = {}
    for document in sent:
        by_kind.setdefault(document.kind, []).append(document)
    out: list[Action] = []

    def add(action: str, to: str, due: Due, letter: Letter | None, what: str | None = None,
            timely: bool = True) -> None:
        late = letter is not None and timely and \
            not timing.on_time(due, record, sent_on(letter))
        out.append(Action(record, action, to, due, timing.state_of(due, today,
                                                                   letter is not None),
                          letter, what, late))

    def first_to(kind: str, person: Contact) -> Letter | None:
        return next((d for d in by_kind.get(kind, ())
                     if person in addressed(d, record, records)), None)

    due = timing.thank_you_due(record, config.thank_you_within_hours)
    notes = thank_you_notes(record, sent, records)  # as C005 counts them
    for person in record.interviewers:
        add("thank-you", person.name, due, notes[person].sent)
    employer = _employer_contact(record).name
    due = timing.documents_due(record)
    for thing in record.documents_requested:
        letter = next((d for d in sent if _sent_day(record, d).date() >= record.interview_day
                       and _sends(d, thing)), None)
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
        elif path.is_file() and path.suffix.lower() in (".yaml", ".yml"):
            record_paths.append(path)
            folders.append(path.parent)
        elif path.is_file():
            errors.append(UserError("not a record: name a folder of applications or an "
                                    "interview.yaml", raw))
        else:
            errors.append(UserError("no such file or folder", raw))
    return record_paths, folders


_SENT_LINE = re.compile(rb"^sent[ \t]*:", re.MULTILINE)
_HEADERS_END = re.compile(rb"\r?\n\r?\n")


def _sent_bytes(path: Path) -> bytes | None:
    """The file's bytes when it may be a sent letter, after a cheap look: Markdown or text
    with a `sent:` line, or an e-mail whose headers have a Date and no X-Unsent. None for
    a draft, which does nothing."""
    try:
        data = path.read_bytes()
    except OSError:
        return b""  # read_document says what is wrong
    if path.suffix.lower() == ".eml":
        end = _HEADERS_END.search(data)
        headers = (data[:end.start()] if end else data).lower()
        sent = re.search(rb"^date[ \t]*:", headers, re.MULTILINE) is not None and \
            re.search(rb"^x-unsent[ \t]*:", headers, re.MULTILINE) is None
    else:
        sent = _SENT_LINE.search(data, 0, 16384) is not None
    return data if sent else None


def _letter(path: str, cache: LetterCache) -> Letter | None:
    """The sent letter at `path` (from the cache when the file has not changed), or None
    for a draft."""
    try:
        stat = os.stat(path)
    except OSError:
        stat = None  # read_document says what is wrong
    if stat is not None:
        cached = cache.get(path, stat)
        if cached == DRAFT:
            return None
        if isinstance(cached, Letter):
            return cached
    data = _sent_bytes(Path(path))
    letter = None
    if data is not None:
        document = read_letter(path, data or None)
        if document.sent is not None:
            letter = Letter.of(document)
    if stat is not None:
        cache.put(path, stat, letter)
    return letter


def build_plan(paths: Sequence[str], config: Config, today: date) -> Plan:
    """The plan of every record under `paths` (folders or record files)."""
    plan = Plan()
    reported: set[str] = set()

    def report(exc: UserError) -> None:
        if str(exc) not in reported:
            reported.add(str(exc))
            plan.errors.append(exc)

    record_paths, folders = _records_and_folders(paths, plan.errors)
    records: dict[str, Record] = {}
    for record_path in record_paths:
        try:
            records.setdefault(os.path.abspath(record_path), load_record(record_path))
        except RecordError as exc:
            report(exc)
    letters: dict[str, list[Letter]] = {key: [] for key in records}
    nearest: dict[Path, Path | None] = {}
    by_folder: dict[Path, Record | None] = {}  # the nearest record, once per folder
    for record_path in record_paths:  # a record's own folder: no need to look for it
        record = records.get(os.path.abspath(record_path))
        if record is not None:
            by_folder.setdefault(Path(record_path).parent, record)
    key_of: dict[int, str] = {}
    cache = LetterCache()
    for path in iter_letter_paths([str(f) for f in folders], config, []):
        letter_path = Path(path)
        try:
            letter = _letter(path, cache)
            if letter is None:
                continue  # a draft does nothing
            if letter.record_link:
                record = find_record_for(letter_path, letter.record_link,
                                         roots=[Path(f) for f in folders])
            else:
                folder = letter_path.parent
                if folder not in by_folder:
                    by_folder[folder] = find_record_for(letter_path, None, nearest=nearest)
                record = by_folder[folder]
        except UserError as exc:
            report(exc)
            continue
        if record is None:
            continue
        if id(record) not in key_of:
            key_of[id(record)] = os.path.abspath(record.path)
        key = key_of[id(record)]
        if key in letters:
            letters[key].append(letter)
    cache.save()
    all_records = tuple(records.values())
    plan.records = sorted(all_records, key=lambda r: (r.interview_day, str(r.path)))
    for record in plan.records:
        plan.actions.extend(actions_for(record, letters[os.path.abspath(record.path)], config,
                                        today, all_records))
    return plan


_URGENCY = {"overdue": 0, "due": 1, "upcoming": 2}


def next_actions(actions: Sequence[Action], everything: bool = False) -> list[Action]:
    """What `followup draft --next` drafts: the most urgent open action (overdue, then due,
    then the nearest upcoming); with `everything`, every overdue and due one (or, when
    nothing is, that nearest upcoming one)."""
    open_ = sorted((a for a in actions if a.state in _URGENCY),
                   key=lambda a: (_URGENCY[a.state], a.due.day, ACTIONS.index(a.action)))
    if not open_:
        return []
    if everything:
        pressing = [a for a in open_ if a.state in ("overdue", "due")]
        return pressing or open_[:1]
    return open_[:1]
