"""Interview records: one YAML file per interview, linked to the letters written about it.

A record is validated field by field from PyYAML's node tree so that every error can name
the file, the line and the field ("interview.yaml:4: interview_date: 'Nov 20' is not a
date (use YYYY-MM-DD)"), and every contact keeps the position of its name in the file so
findings about the record itself (a missing thank-you note) point at the right line.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from . import safepath
from .errors import RecordError, excerpt
from .yamlnodes import BadValue, compose, construct, read_text

RECORD_FILENAME = "interview.yaml"
# a title or relationship that says the person recruits: whom a status inquiry goes to
_RECRUITER = re.compile(r"recruit|talent|human resources|\bHR\b|hiring|people partner|"
                        r"people team|staffing", re.IGNORECASE)
MIN_YEAR, MAX_YEAR = 1900, 2999  # date arithmetic (deadlines, weekdays) never overflows


@dataclass(frozen=True)
class Contact:
    """A person in a record: an interviewer, another contact, or a reference."""

    name: str
    role: str  # "interviewer", "contact" or "reference"
    email: str | None = None
    title: str | None = None
    honorific: str | None = None  # "Dr.", "Ms.", "Mx." ... as the person uses it
    nicknames: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    phone: str | None = None
    relationship: str | None = None  # "former manager", "mentor" ...
    organization: str | None = None
    line: int = 0  # 1-based position of the name in the record file
    column: int = 0

    given_name: str | None = None  # recorded when the name is not "given family"
    family_name: str | None = None  # e.g. "Nguyễn" for "Nguyễn Thị Minh", "Ó Súilleabháin"
    greeting: str | None = None  # how the person asked to be greeted ("Sam", "Dr. Lee")

    @property
    def formal_name(self) -> str:
        """The name as a letter writes it: without a nickname in quotes
        ('Robert "Bob" Fischer' is Robert Fischer on an envelope)."""
        return " ".join(QUOTED_NICKNAME.sub(" ", self.name).split()) or self.name

    @property
    def first_name(self) -> str:
        """The given name: recorded, or the name without its recorded family name, or the
        first word."""
        if self.given_name:
            return self.given_name
        name = self.formal_name
        words = name.split()
        if self.family_name and name.startswith(self.family_name + " "):
            return name[len(self.family_name) + 1:].split()[0]
        return words[0] if words else name

    @property
    def last_name(self) -> str:
        """The family name: recorded, or the last word with the particles before it
        ("van der Berg", "Ó Súilleabháin", "bin Laden", "Mac Donncha")."""
        if self.family_name:
            return self.family_name
        parts = self.formal_name.split()
        if len(parts) < 2:
            return self.formal_name
        start = len(parts) - 1
        while start > 1 and parts[start - 1].lower() in NAME_PARTICLES:
            start -= 1
        return " ".join(parts[start:])

    @property
    def greeting_name(self) -> str:
        """Who the salutation addresses: the recorded greeting; else honorific and family
        name; else the full name. Never a guessed title, never a first name by default."""
        if self.greeting:
            return self.greeting
        if self.honorific:
            return f"{self.honorific} {self.last_name}"
        return self.formal_name


# Words that start a family name; folded to lower case. Irish (Ó, Ní, Nic, Mac, Ua), Dutch,
# German, Romance and Arabic particles; "al-"/"el-" attached with a hyphen need no entry.
NAME_PARTICLES = frozenset({
    "de", "van", "von", "der", "den", "la", "le", "da", "di", "du", "del", "della", "dos",
    "das", "do", "bin", "binti", "ibn", "bint", "al", "el", "ter", "ten", "st.", "y", "ó", "o",
    "ní", "nic", "mac", "mc", "ua", "uí", "ap", "ab", "zu", "vom", "lo", "d'",
    "giolla", "ghiolla", "mhic",  # Irish "Nic Giolla Phádraig", "Mac Giolla Bhríde"
})

# A nickname written in quotes inside the name: Robert "Bob" Fischer, Ana “Nina” Ruiz.
QUOTED_NICKNAME = re.compile(r"(?<!\S)[\"“”«»‘’']([^\"“”«»‘’'\s][^\"“”«»‘’']*)[\"“”«»‘’'](?!\S)")

# Titles that belong in `honorific:`, not in `name:` (folded, without the full stop).
HONORIFICS = {
    "mr": "Mr.", "mister": "Mr.", "mrs": "Mrs.", "ms": "Ms.", "miss": "Miss", "mx": "Mx.",
    "dr": "Dr.", "doctor": "Dr.", "prof": "Prof.", "professor": "Prof.",
}


def _with_quoted_nicknames(name: str, nicknames: tuple[str, ...]) -> tuple[str, ...]:
    """The recorded nicknames and any written in quotes in the name itself."""
    quoted = [m.group(1).strip() for m in QUOTED_NICKNAME.finditer(name)]
    return tuple(dict.fromkeys([*nicknames, *quoted]))


@dataclass(frozen=True)
class Record:
    """One interview: who, where, when, and what came up."""

    path: Path
    company: str
    position: str
    interview_date: date | datetime
    interviewers: tuple[Contact, ...]
    company_aliases: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    decision_date: date | None = None
    contacts: tuple[Contact, ...] = ()
    references: tuple[Contact, ...] = ()
    address: tuple[str, ...] = ()
    location: str | None = None
    documents_requested: tuple[str, ...] = ()
    notes: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    outcome: str | None = None  # one of OUTCOMES, once you have heard
    outcome_date: date | None = None  # when you heard
    lines: dict[str, int] = field(default_factory=dict)  # field name -> 1-based line

    @property
    def interview_day(self) -> date:
        d = self.interview_date
        return d.date() if isinstance(d, datetime) else d

    @property
    def people(self) -> tuple[Contact, ...]:
        """Everyone whose name the record spells: interviewers, contacts, references (one
        tuple per record, so what is worked out per record can be keyed on it)."""
        cached: tuple[Contact, ...] | None = self.__dict__.get("_people")
        if cached is None:
            cached = self.interviewers + self.contacts + self.references
            object.__setattr__(self, "_people", cached)  # frozen: a private memo
        return cached

    @property
    def recruiters(self) -> tuple[Contact, ...]:
        """Contacts or interviewers whose title or relationship says they recruit (a
        recruiter, talent partner, HR): the natural addressee of a status inquiry. Here,
        not in the drafts, so `followup plan` needs no Jinja."""
        return tuple(p for p in (*self.contacts, *self.interviewers)
                     if _RECRUITER.search(f"{p.title or ''} {p.relationship or ''}"))

    @property
    def company_names(self) -> tuple[str, ...]:
        return (self.company, *self.company_aliases)

    @property
    def all_topics(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for topic in (*self.topics, *(t for c in self.interviewers for t in c.topics)):
            seen.setdefault(topic, None)
        return tuple(seen)

    def find_person(self, name: str) -> Contact | None:
        """The contact whose full name (with or without a quoted nickname), first name,
        surname, email or nickname is `name`."""
        wanted = name.strip().casefold()
        for person in self.people:
            keys = {person.name, person.formal_name, person.first_name, person.last_name,
                    *person.nicknames}
            if person.email:
                keys.add(person.email)
            if wanted in {k.casefold() for k in keys}:
                return person
        return None

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)

    def spelled_phrases(self) -> tuple[str, ...]:
        """Every text the record spells that a letter may repeat and a speller must never
        call a misspelling: people's names, nicknames, e-mails, titles, honorifics,
        organizations, relationships and topics; the company names, position, topics,
        location, address lines and documents requested. Computed once per record; the
        one source for the spelling checks (S001 offline and LanguageTool's)."""
        cached: tuple[str, ...] | None = self.__dict__.get("_spelled_phrases")
        if cached is None:
            texts: list[str | None] = [*self.company_names, self.position, *self.topics,
                                       self.location, *self.address,
                                       *self.documents_requested]
            for person in self.people:
                texts += [person.name, *person.nicknames, person.email, person.title,
                          person.honorific, person.organization, person.relationship,
                          *person.topics]
            cached = tuple(dict.fromkeys(t.strip() for t in texts if t and t.strip()))
            object.__setattr__(self, "_spelled_phrases", cached)  # frozen: a private memo
        return cached


# --- loading -------------------------------------------------------------------------

_TOP_FIELDS = {
    "company", "company_aliases", "position", "interview_date", "interviewers", "topics",
    "decision_date", "contacts", "references", "address", "location", "documents_requested",
    "notes", "extra", "outcome", "outcome_date",
}
OUTCOMES = ("offer", "rejected", "withdrawn", "accepted")
_CONTACT_FIELDS = {
    "name", "email", "title", "honorific", "nicknames", "topics", "phone", "relationship",
    "organization", "given_name", "family_name", "greeting",
}


class _Reader:
    """Turns YAML nodes into typed values, raising RecordError with file:line on mistakes."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: yaml.Node, where: str, problem: str) -> RecordError:
        mark = node.start_mark
        return RecordError(f"{where}: {problem}", self.path, mark.line + 1, mark.column + 1)

    def mapping(self, node: yaml.Node, where: str, allowed: set[str],
                required: Iterable[str]) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            if where == "record":  # not a record at all: say nothing of what it holds
                raise self.fail(node, where, "expected a mapping of fields such as "
                                "'company: ...'; this is not an interview record")
            raise self.fail(node, where, f"expected a mapping of fields, found {_kind(node)}")
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                raise self.fail(key_node, where, "field names must be plain words")
            if key not in allowed:
                close = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else (
                    "; put your own fields under 'extra:'" if where == "record" else "")
                label = key if where == "record" else f"{where}.{key}"
                raise self.fail(key_node, label, f"unknown field{hint}")
            if key in out:
                raise self.fail(key_node, key, "field given twice")
            out[key] = value_node
        for key in required:
            if key not in out:
                raise self.fail(node, where if where != "record" else key,
                                f"required field '{key}' is missing")
        return out

    def text(self, node: yaml.Node, where: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            raise self.fail(node, where, f"expected text, found {_kind(node)}")
        value = str(node.value).strip()
        if not value:
            raise self.fail(node, where, "must not be empty")
        bad = _CONTROL.search(value)
        if bad:
            raise self.fail(node, where, f"contains the control character "
                            f"U+{ord(bad.group()):04X}; remove it (it would reach the "
                            "terminal and the drafts)")
        return value

    def optional_text(self, node: yaml.Node | None, where: str) -> str | None:
        if node is None or _is_null(node):
            return None
        return self.text(node, where)

    def texts(self, node: yaml.Node | None, where: str) -> tuple[str, ...]:
        """A list of strings; a single string is accepted as a one-item list."""
        if node is None or _is_null(node):
            return ()
        if isinstance(node, yaml.ScalarNode):
            return (self.text(node, where),)
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, where, f"expected a list of text, found {_kind(node)}")
        return tuple(self.text(item, f"{where}[{i}]") for i, item in enumerate(node.value))

    def when(self, node: yaml.Node, where: str, allow_time: bool) -> date | datetime:
        if not isinstance(node, yaml.ScalarNode) or _is_null(node):
            raise self.fail(node, where, f"expected a date, found {_kind(node)}")
        raw = str(node.value).strip()
        try:
            if len(raw) == 10:
                value: date | datetime = date.fromisoformat(raw)
            elif allow_time:
                value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
            else:
                raise ValueError(raw)
            if not MIN_YEAR <= value.year <= MAX_YEAR:
                raise self.fail(node, where, f"{excerpt(raw)} is not a plausible date "
                                f"(a year from {MIN_YEAR} to {MAX_YEAR})")
            return value
        except ValueError:
            pass
        expected = "YYYY-MM-DD or an ISO date and time" if allow_time else "YYYY-MM-DD"
        raise self.fail(node, where, f"'{excerpt(raw)}' is not a valid date (use {expected})")

    def contact(self, node: yaml.Node, where: str, role: str) -> Contact:
        if isinstance(node, yaml.ScalarNode) and not _is_null(node):
            # a bare name is fine for contacts and references
            if not any(c.isalpha() for c in self.text(node, where)):
                raise self.fail(node, where, f"'{excerpt(node.value)}' is not a name")
            return Contact(name=self.text(node, where), role=role,
                           line=node.start_mark.line + 1, column=node.start_mark.column + 1)
        fields = self.mapping(node, where, _CONTACT_FIELDS, required=("name",))
        name_node = fields["name"]
        email = self.optional_text(fields.get("email"), f"{where}.email")
        if email is not None and ("@" not in email or " " in email):
            raise self.fail(fields["email"], f"{where}.email",
                            f"'{excerpt(email)}' is not an email address")
        name = " ".join(self.text(name_node, f"{where}.name").split())
        if not any(c.isalpha() for c in name):
            raise self.fail(name_node, f"{where}.name", f"'{excerpt(name)}' is not a name")
        title, _, rest = name.partition(" ")
        honorific = HONORIFICS.get(title.rstrip(".").lower())
        if honorific and rest and any(c.isalpha() for c in rest):
            raise self.fail(name_node, f"{where}.name",
                            f"'{title}' is a title, not part of the name; did you mean "
                            f"'honorific: {honorific}' and 'name: {rest}'?")
        given = self.optional_text(fields.get("given_name"), f"{where}.given_name")
        family = self.optional_text(fields.get("family_name"), f"{where}.family_name")
        for part, key in ((given, "given_name"), (family, "family_name")):
            if part is not None and part not in name:
                raise self.fail(fields[key], f"{where}.{key}",
                                f"'{excerpt(part)}' is not part of the name '{excerpt(name)}'")
        return Contact(
            name=name,
            role=role,
            email=email,
            title=self.optional_text(fields.get("title"), f"{where}.title"),
            honorific=self.optional_text(fields.get("honorific"), f"{where}.honorific"),
            nicknames=_with_quoted_nicknames(
                name, self.texts(fields.get("nicknames"), f"{where}.nicknames")),
            topics=self.texts(fields.get("topics"), f"{where}.topics"),
            phone=self.optional_text(fields.get("phone"), f"{where}.phone"),
            relationship=self.optional_text(fields.get("relationship"), f"{where}.relationship"),
            organization=self.optional_text(fields.get("organization"), f"{where}.organization"),
            given_name=given,
            family_name=family,
            greeting=self.optional_text(fields.get("greeting"), f"{where}.greeting"),
            line=name_node.start_mark.line + 1,
            column=name_node.start_mark.column + 1,
        )

    def contacts(self, node: yaml.Node | None, where: str, role: str) -> tuple[Contact, ...]:
        if node is None or _is_null(node):
            return ()
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, where, f"expected a list of people, found {_kind(node)}")
        return tuple(self.contact(item, f"{where}[{i}]", role) for i, item in enumerate(node.value))


# C0 and C1 controls (a line break only inside multi-line text), bidi overrides/isolates
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


MAX_EXTRA_VALUES = 10_000


def _expanded_size(root: yaml.Node) -> int:
    """How many values `root` holds with every alias expanded, counted in time linear in
    the node tree (aliases share nodes; a "billion laughs" record would hang a draft)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            continue
        children = [c for pair in node.value for c in pair] if isinstance(
            node, yaml.MappingNode) else list(node.value)
        if done:
            sizes[id(node)] = min(1 + sum(sizes.get(id(c), 1) for c in children),
                                  MAX_EXTRA_VALUES + 1)
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(root)]


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if _is_null(node):
        return "nothing"
    return f"'{excerpt(node.value)}'"


def parse_record(text: str, path: Path) -> Record:
    """Parse and validate record text; `path` is used for messages and relative links."""
    reader = _Reader(path)
    try:
        root = compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        # PyYAML quotes what it found; a file that is not YAML is never quoted
        problem = re.sub(r"\s*'[^']*'|\s*\"[^\"]*\"", "",
                         exc.problem or exc.context or "invalid YAML")
        raise RecordError(f"invalid YAML: {excerpt(problem, 80)}", path, line,
                          column) from None
    except yaml.YAMLError:
        raise RecordError("invalid YAML", path) from None
    if root is None:
        raise RecordError("the record is empty; it needs company, position, interview_date "
                          "and interviewers", path, 1)
    fields = reader.mapping(root, "record", _TOP_FIELDS,
                            required=("company", "position", "interview_date", "interviewers"))
    interviewers = reader.contacts(fields["interviewers"], "interviewers", "interviewer")
    if not interviewers:
        raise reader.fail(fields["interviewers"], "interviewers", "list at least one interviewer")
    decision = None
    if "decision_date" in fields and not _is_null(fields["decision_date"]):
        when = reader.when(fields["decision_date"], "decision_date", allow_time=True)
        decision = when.date() if isinstance(when, datetime) else when
    outcome, outcome_date = _outcome(reader, fields)
    address_node = fields.get("address")
    address: tuple[str, ...] = ()
    if address_node is not None and not _is_null(address_node):
        if isinstance(address_node, yaml.ScalarNode):
            address = tuple(line.strip() for line in str(address_node.value).splitlines()
                            if line.strip())
        else:
            address = reader.texts(address_node, "address")
    extra: dict[str, Any] = {}
    if "extra" in fields:
        if _expanded_size(fields["extra"]) > MAX_EXTRA_VALUES:
            raise reader.fail(fields["extra"], "extra", f"more than {MAX_EXTRA_VALUES} values "
                              "once its YAML aliases are expanded (an alias bomb?)")
        try:
            loaded = construct(fields["extra"])
        except BadValue as exc:
            raise reader.fail(exc.node, "extra", str(exc)) from None
        if not isinstance(loaded, dict):
            raise reader.fail(fields["extra"], "extra", "expected a mapping")
        extra = loaded
    return Record(
        path=path,
        company=reader.text(fields["company"], "company"),
        company_aliases=reader.texts(fields.get("company_aliases"), "company_aliases"),
        position=reader.text(fields["position"], "position"),
        interview_date=reader.when(fields["interview_date"], "interview_date", allow_time=True),
        interviewers=interviewers,
        topics=reader.texts(fields.get("topics"), "topics"),
        decision_date=decision,
        contacts=reader.contacts(fields.get("contacts"), "contacts", "contact"),
        references=reader.contacts(fields.get("references"), "references", "reference"),
        address=address,
        location=reader.optional_text(fields.get("location"), "location"),
        documents_requested=reader.texts(fields.get("documents_requested"),
                                         "documents_requested"),
        notes=reader.optional_text(fields.get("notes"), "notes"),
        extra=extra,
        outcome=outcome,
        outcome_date=outcome_date,
        lines={key: node.start_mark.line + 1 for key, node in fields.items()},
    )


def _outcome(reader: _Reader, fields: dict[str, yaml.Node]) -> tuple[str | None, date | None]:
    """`outcome:` (offer|rejected|withdrawn|accepted, with did-you-mean) and `outcome_date:`;
    a rejection needs its date, since the reply is due two days after it."""
    outcome = reader.optional_text(fields.get("outcome"), "outcome")
    if outcome is not None and outcome not in OUTCOMES:
        close = difflib.get_close_matches(outcome.lower(), OUTCOMES, n=1, cutoff=0.5)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise reader.fail(fields["outcome"], "outcome", f"'{outcome}' is not one of "
                          f"{', '.join(OUTCOMES)}{hint}")
    when = None
    node = fields.get("outcome_date")
    if node is not None and not _is_null(node):
        if outcome is None:
            raise reader.fail(node, "outcome_date", "given without an outcome (add "
                              f"outcome: {'|'.join(OUTCOMES)})")
        value = reader.when(node, "outcome_date", allow_time=True)
        when = value.date() if isinstance(value, datetime) else value
    elif outcome == "rejected":
        raise reader.fail(fields["outcome"], "outcome_date", "required with outcome: "
                          "rejected (the day you heard, YYYY-MM-DD)")
    return outcome, when


_CACHE: dict[tuple[Path, float, str], Record] = {}
RecordMemo = dict[tuple[Path, float, str], Record]


def record_memo() -> RecordMemo:
    """A copy of the records read so far this run (keyed by path, mtime and the name
    given): what a forked reader sends back so its parent need not read them again."""
    return dict(_CACHE)


def merge_record_memo(memo: RecordMemo) -> None:
    """Take in another process's record memo; a record this process already read wins
    (the same key is the same file at the same mtime, and keeps one object a record)."""
    for key, record in memo.items():
        _CACHE.setdefault(key, record)


def load_record(path: str | Path) -> Record:
    """Load (once per run) and validate the record at `path`."""
    resolved = Path(path).resolve()
    try:
        key = (resolved, resolved.stat().st_mtime, str(path))
    except OSError:
        key = None  # read_text says what is wrong
    if key in _CACHE:  # keyed by the name too: a relative path means the current folder
        return _CACHE[key]
    record = parse_record(read_text(path, "record", RecordError), Path(path))
    if key is not None:
        _CACHE[key] = record
    return record


def nearest_record_path(start: Path, stop_at: Path | None = None) -> Path | None:
    """The nearest `interview.yaml` in `start`'s folder or a parent folder."""
    folder = start if safepath.is_dir(start) else start.parent
    folder = folder.resolve()
    for candidate_dir in (folder, *folder.parents):
        candidate = candidate_dir / RECORD_FILENAME
        if safepath.is_file(candidate):
            return _as_given(candidate)
        if stop_at is not None and candidate_dir == stop_at:
            break
        if safepath.exists(candidate_dir / ".git"):
            break  # a record never comes from outside the repository the letter is in
    return None


def _as_given(path: Path) -> Path:
    """Relative to the current folder when below it, as users name files in messages."""
    try:
        return path.relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def repository_top(path: Path) -> Path | None:
    """The top folder of the git repository `path` lies in, if any."""
    folder = path.resolve()
    folder = folder if safepath.is_dir(folder) else folder.parent
    for candidate in (folder, *folder.parents):
        if safepath.exists(candidate / ".git"):
            return candidate
    return None


def check_contained(target: Path, letter: Path | None, roots: Sequence[Path],
                    shown: str) -> None:
    """A record a letter names must lie inside the letter's git repository, or, outside
    any repository, inside the current folder or a folder tree being linted: a letter
    from a pull request cannot make a run read (and report on) any file of the machine."""
    resolved = target.resolve()
    top = repository_top(letter if letter is not None else Path.cwd())
    allowed = [top] if top is not None else [Path.cwd().resolve(),
                                             *(r.resolve() for r in roots)]
    if not any(resolved == a or a in resolved.parents for a in allowed):
        where = "the letter's git repository" if top is not None else \
            "the folders being linted"
        raise RecordError(f"the record '{excerpt(shown, 80)}' named in the letter lies "
                          f"outside {where}; a letter may only link a record inside it",
                          letter if letter is not None else "-")


def find_record_for(letter: Path | None, linked: str | None = None,
                    override: Path | None = None,
                    nearest: dict[Any, Any] | None = None,
                    roots: Sequence[Path] = ()) -> Record | None:
    """The record for a letter: `--record`, else front matter `record:`, else nearest file.

    `linked` is the front matter value, relative to the letter's folder; it must lie
    inside the letter's repository (or `roots`, the folders being linted, outside one).
    `nearest` is a run's memo of the nearest record by folder, so a folder of letters
    searches once, and of the records linked from each folder.
    """
    if override is not None:
        return load_record(override)
    if linked:
        base = letter.parent if letter is not None else Path.cwd()
        target = base / linked
        # the letters of a folder link the same record: checked and loaded once per run
        # (not for a letter that is a link, whose repository is the one it points into)
        memo_key = ("record:", base, linked)
        memo = nearest if letter is not None and nearest is not None and \
            not os.path.islink(letter) else None
        if memo is not None and memo_key in memo:
            return memo[memo_key]  # type: ignore[no-any-return]
        check_contained(target, letter, roots, linked)
        if not safepath.is_file(target):
            problem = "is a folder, not a record file" if safepath.is_dir(target) else \
                "does not exist"
            raise RecordError(f"the record '{linked}' named in the letter's front matter "
                              f"{problem}", letter if letter is not None else "-")
        record = load_record(target)
        if memo is not None:
            memo[memo_key] = record
        return record
    start = Path.cwd() if letter is None else letter
    if nearest is None:
        found = nearest_record_path(start)
    else:
        folder = start if letter is None else start.parent
        if folder not in nearest:
            nearest[folder] = nearest_record_path(start)
        found = nearest[folder]
    return load_record(found) if found else None


def records_under(roots: Iterable[Path]) -> Iterator[Path]:
    """Every `interview.yaml` below the given folders (for checks across an application tree)."""
    seen: set[Path] = set()
    for root in roots:
        if not safepath.is_dir(root):
            continue
        for path in sorted(root.rglob(RECORD_FILENAME)):
            if any(part.startswith(".") for part in path.relative_to(root).parts[:-1]):
                continue
            resolved = path.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield path
