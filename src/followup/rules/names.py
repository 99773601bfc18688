"""People and companies against the interview record (N001-N006).

The costliest mistakes in a follow-up note are factual: the interviewer's name misspelled,
the wrong person greeted, the company misspelled, or a leftover from another application.
Every check here compares the letter with the linked record (`interview.yaml`) and says
exactly what the record holds.

Where a name can be: the salutation ("Dear Ms. Okonkwo-Reyes,"), after a title anywhere
("Dr. Núñez"), next to a recorded first name or surname ("Catherine Smith"), a full name
close to a recorded one ("Katherine Smyth"), and the display name of the `To:` header or
front matter. A capitalised word elsewhere is a name only when it is not an ordinary word
and is one edit away from a long recorded name, or differs from it only in accents or case
("Okonkow", "Jose", "Mcdonald"): "Grant", "Will" and "Hope" in a sentence are verbs.

Matching is fuzzy (rapidfuzz: optimal string alignment distance and Jaro-Winkler
similarity) and phonetic (jellyfish: Metaphone and NYSIIS), on names folded for accents;
accents and case are then compared separately so that "Jose" for "José" and "Mcdonald"
for "McDonald" are reported as such. A name spelled exactly as recorded (any part of it,
a recorded nickname, an initial) is never reported.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import jellyfish
from rapidfuzz.distance import OSA, JaroWinkler

from .. import lexicons
from ..document import Document
from ..findings import Problem, Severity
from ..lexicons import english_frequencies
from ..records import Contact, Record
from .base import Context, Options, Rule

# --- the data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NameData:
    titles: frozenset[str]  # lower case, without the full stop
    particles: frozenset[str]
    suffixes: frozenset[str]
    greetings: tuple[str, ...]  # lower case, longest first
    generic: tuple[tuple[str, str], ...]  # (phrase, reason)
    group_words: frozenset[str]  # "team", "committee": greet no one person
    nickname_groups: tuple[tuple[str, ...], ...]
    company_connectives: frozenset[str] = frozenset()  # folded: "and", "&", "of"
    legal_suffixes: frozenset[str] = frozenset()  # folded, without the full stop: "ltd"


@cache
def name_data() -> NameData:
    raw = lexicons.load("names.yaml")
    return NameData(
        titles=frozenset(t.lower().rstrip(".") for t in raw["titles"]),
        particles=frozenset(p.lower() for p in raw["particles"]),
        suffixes=frozenset(s.lower().rstrip(".") for s in raw["suffixes"]),
        greetings=tuple(sorted((g.lower() for g in raw["greetings"]), key=len, reverse=True)),
        generic=tuple((g["phrase"].lower(), g["reason"]) for g in raw["generic_salutations"]),
        group_words=frozenset(w.lower() for w in raw["group_words"]),
        nickname_groups=tuple(tuple(group) for group in raw["nicknames"]),
        company_connectives=frozenset(fold(str(w)) for w in raw.get("company_connectives", ())),
        legal_suffixes=frozenset(fold(str(w)).rstrip(".")
                                 for w in raw.get("legal_suffixes", ())),
    )


@cache
def _nickname_index() -> dict[str, frozenset[str]]:
    """Folded name -> folded names of the same person in some nickname group."""
    index: dict[str, set[str]] = {}
    for group in name_data().nickname_groups:
        folded = {fold(n) for n in group}
        formal = fold(group[0])
        for name in group[1:]:
            index.setdefault(fold(name), set()).add(formal)
        index.setdefault(formal, set()).update(folded - {formal})
    return {k: frozenset(v) for k, v in index.items()}


def is_common_word(word: str, threshold: int = 2000) -> bool:
    return english_frequencies().get(word.lower(), 0) >= threshold


# --- spelling helpers ---------------------------------------------------------------------

_FOLD_EXTRA = str.maketrans({
    "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
    "þ": "th", "Þ": "th", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss", "ı": "i",
    "’": "'", "ʼ": "'", "ʻ": "'", "‘": "'", "`": "'", "‐": "-", "‑": "-", "–": "-",
})


@lru_cache(maxsize=1 << 15)
def fold(text: str) -> str:
    """Case- and accent-free form for comparison: 'Núñez' -> 'nunez', 'Łukasz' -> 'lukasz'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("’", "'").replace("ʼ", "'"))


def _strip_possessive(token: str) -> str:
    for ending in ("'s", "’s", "'", "’"):
        if token.endswith(ending) and len(token) > len(ending) + 1:
            return token[: -len(ending)]
    return token


# A name token: letters (with combining marks, the okina, inner apostrophes and hyphens).
_LETTER = r"[^\W\d_]"
_TOKEN = re.compile(
    rf"{_LETTER}(?:[\w\u0300-\u036f\u02bb'’\-]*[\w\u0300-\u036f])?"
    r"(?:['’]s\b)?"
)


@dataclass(frozen=True)
class Verdict:
    """How a written name relates to the recorded name part it is closest to."""

    status: str  # exact | case | accents | typo | nickname
    written: str
    recorded: str  # the recorded part ("Smyth")
    person: Contact
    distance: int = 0
    similarity: float = 1.0


_STATUS_RANK = {"exact": 0, "case": 1, "accents": 2, "nickname": 3, "typo": 4}


@lru_cache(maxsize=1 << 12)
def name_parts(person: Contact) -> tuple[str, ...]:
    """Every recorded spelling of a person: name tokens, halves of hyphenated ones,
    the particle surname, nicknames."""
    data = name_data()
    parts: list[str] = []
    tokens = person.name.split()
    for index, token in enumerate(tokens):
        token = nfc(token.strip(",.")) if token.lower().rstrip(".") not in data.suffixes \
            else ""
        if not token:
            continue
        if token.lower() in data.particles and not token[:1].isupper() and \
                0 < index < len(tokens) - 1:
            continue  # "van der" in "Anna van der Berg" is judged with "Berg"
        parts.append(token)
        if "-" in token:
            parts.extend(p for p in token.split("-") if len(p) > 1)
    parts.extend(nfc(n) for n in person.nicknames)
    return tuple(dict.fromkeys(parts))


def _allowed_distance(length: int) -> int:
    if length >= 7:
        return 2
    if length >= 2:
        return 1
    return 0


def compare(written: str, recorded: str, person: Contact) -> Verdict | None:
    """The relation between one written token and one recorded name part, if close."""
    if written == recorded:
        return Verdict("exact", written, recorded, person)
    fw, fr = fold(written), fold(recorded)
    if fw == fr:
        if nfc(written).casefold() == recorded.casefold():
            return Verdict("case", written, recorded, person)
        return Verdict("accents", written, recorded, person)
    if fr in _nickname_index().get(fw, ()):
        return Verdict("nickname", written, recorded, person, OSA.distance(fw, fr),
                       JaroWinkler.similarity(fw, fr))
    if len(fw) < 2 or len(fr) < 2:
        return None
    distance = OSA.distance(fw, fr)
    similarity = JaroWinkler.similarity(fw, fr)
    allowed = _allowed_distance(len(fr))
    if distance <= 1 and allowed >= 1 and not (len(fr) <= 3 and len(fw) <= 2 and fw[0] != fr[0]):
        return Verdict("typo", written, recorded, person, distance, similarity)
    if distance <= allowed and (similarity >= 0.9 or _sounds_alike(fw, fr)):
        return Verdict("typo", written, recorded, person, distance, similarity)
    if distance <= 2 and len(fr) >= 4 and _sounds_alike(fw, fr) and similarity >= 0.85:
        return Verdict("typo", written, recorded, person, distance, similarity)
    return None


def _sounds_alike(a: str, b: str) -> bool:
    a2, b2 = a.replace("-", " "), b.replace("-", " ")
    try:
        return jellyfish.metaphone(a2) == jellyfish.metaphone(b2) or \
            jellyfish.nysiis(a2) == jellyfish.nysiis(b2)
    except (ValueError, IndexError):  # pragma: no cover - unusual characters
        return False


def judge(written: str, people: Iterable[Contact]) -> Verdict | None:
    """The best verdict for a written token against the people's recorded name parts:
    an exact spelling wins at once; otherwise case, then accents, then a known nickname,
    then the closest typo (fewest edits, then highest Jaro-Winkler similarity)."""
    token = nfc(_strip_possessive(written))
    best: Verdict | None = None
    for person in people:
        for part in name_parts(person):
            verdict = compare(token, part, person)
            if verdict is None:
                continue
            if verdict.status == "exact":
                return verdict
            if best is None or _better(verdict, best):
                best = verdict
    return best


def _better(a: Verdict, b: Verdict) -> bool:
    return (_STATUS_RANK[a.status], a.distance, -a.similarity) < \
        (_STATUS_RANK[b.status], b.distance, -b.similarity)


# --- what a record spells, worked out once per record --------------------------------------

_PER_RECORD: dict[int, tuple[weakref.ref[Record], dict[str, Any]]] = {}


def _record_memo(record: Record) -> dict[str, Any]:
    """A memo that lives as long as the record object: the same `Record` is linked to every
    letter of its folder, so what depends only on it is worked out once, not per letter."""
    key = id(record)
    entry = _PER_RECORD.get(key)
    if entry is not None and entry[0]() is record:
        return entry[1]

    def forget(ref: weakref.ref[Record], key: int = key) -> None:
        current = _PER_RECORD.get(key)
        if current is not None and current[0] is ref:
            del _PER_RECORD[key]

    memo: dict[str, Any] = {}
    _PER_RECORD[key] = (weakref.ref(record, forget), memo)
    return memo


@dataclass(frozen=True)
class CompanyName:
    """A recorded company name or alias split into words, for word-by-word comparison."""

    text: str
    words: tuple[str, ...]
    gaps: tuple[str, ...]  # the punctuation between consecutive words, spaces removed

    @property
    def size(self) -> int:
        return len(self.words)


@dataclass(frozen=True)
class RecordNames:
    """The name data of one record."""

    person_parts: frozenset[str]  # every recorded spelling of every person's name
    company_words: frozenset[str]  # name tokens of the company and its aliases
    companies: tuple[CompanyName, ...]  # the company and its aliases, most words first


def record_names(record: Record) -> RecordNames:
    memo = _record_memo(record)
    cached = memo.get("names")
    if cached is None:
        companies = [_split_company(n) for n in dict.fromkeys(record.company_names) if n.strip()]
        cached = RecordNames(
            person_parts=frozenset(p for c in record.people for p in name_parts(c)),
            company_words=frozenset(w for name in record.company_names
                                    for w in _TOKEN.findall(name)),
            companies=tuple(sorted((c for c in companies if c.words), key=lambda c: -c.size)),
        )
        memo["names"] = cached
    return cached  # type: ignore[no-any-return]


def _known_for(record: Record, records: Sequence[Record]) -> frozenset[str]:
    """`_known_words` without the record's own name parts, once per record and tree."""
    memo = _record_memo(record)
    cached = memo.get("known")
    if cached is not None and len(cached[0]) == len(records) and \
            all(ref() is other for ref, other in zip(cached[0], records, strict=True)):
        return cached[1]  # type: ignore[no-any-return]
    known = _known_words(record, records) - record_names(record).person_parts
    memo["known"] = (tuple(weakref.ref(r) for r in records), known)
    return known


# --- finding the names in a letter -----------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """A written token in a name position."""

    start: int
    end: int
    text: str
    where: str  # salutation | title | next-to-name | full-name | body | to
    in_file: bool = False
    hint: Contact | None = None  # the person the context says this is


@dataclass
class Greeting:
    """One person greeted in the salutation: their tokens and who they resolve to."""

    mentions: list[Mention]
    title: str | None
    person: Contact | None = None

    @property
    def start(self) -> int:
        return self.mentions[0].start

    @property
    def end(self) -> int:
        return self.mentions[-1].end

    def written(self, text: str) -> str:
        return text[self.start: self.end] if self.mentions else ""


@dataclass
class Analysis:
    """Everything the N rules (and the folder checks) need, computed once per letter."""

    record: Record | None
    generic: tuple[int, int, str, str] | None = None  # start, end, phrase, reason
    greetings: list[Greeting] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    verdicts: list[tuple[Mention, Verdict]] = field(default_factory=list)
    addressee: Contact | None = None  # from the To: address or front matter `to:`
    addressee_span: tuple[int, int] | None = None  # file offsets
    addressee_text: str = ""


def _is_capitalised(token: str) -> bool:
    """'Smyth', and also 'al-Hashimi', "d'Argenson": a lower-case particle joined to a name."""
    if token[:1].isupper():
        return True
    joined = re.match(r"^[^\W\d_]{1,3}['’\-]([^\W\d_])", token)
    return joined is not None and joined.group(1).isupper()


def _tokens(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text, start, end))


def _title_at(text: str, match: re.Match[str]) -> bool:
    word = match.group(0)
    return word.lower() in name_data().titles and word[:1].isupper()


def _parse_salutation(document: Document, record: Record | None) -> tuple[
        tuple[int, int, str, str] | None, list[Greeting]]:
    paragraph = document.salutation
    if paragraph is None:
        return None, []
    text = document.text
    line = text[paragraph.start: paragraph.end]
    data = name_data()
    # generic salutation?
    plain = re.sub(r"[\s]+", " ", re.sub(r"[,:;.!\u2014-]+\s*$", "", line.strip())).lower()
    for phrase, reason in data.generic:
        if plain == phrase:
            return (paragraph.start, paragraph.start + len(line.rstrip(",:;.! ")), phrase,
                    reason), []
    # skip the greeting words
    pos = paragraph.start
    lowered = line.lower()
    for greeting in data.greetings:
        if lowered.startswith(greeting) and (len(lowered) == len(greeting)
                                             or not lowered[len(greeting)].isalpha()):
            pos = paragraph.start + len(greeting)
            break
    stop = paragraph.end
    for cut in _SALUTATION_END.finditer(text[pos:stop]):
        before = re.search(r"(\w+)$", text[pos: pos + cut.start()])
        word = before.group(1) if before else ""
        if cut.group(0).startswith(".") and (len(word) == 1 or word.lower() in data.titles):
            continue  # "Ms. Hernández del Río", "J. R. Martínez"
        stop = pos + cut.start()
        break
    greetings: list[Greeting] = []
    current: list[Mention] = []
    title: str | None = None

    def close() -> None:
        nonlocal current, title
        if current:
            greetings.append(Greeting(current, title))
        current, title = [], None

    names = record_names(record) if record is not None else None
    company_spans = _company_in_salutation(text, pos, stop, names)
    group = False
    previous_end = pos
    for match in _tokens(text, pos, stop):
        word = match.group(0)
        between = text[previous_end: match.start()]
        previous_end = match.end()
        if "," in between or "&" in between or "/" in between:
            close()
        if any(s <= match.start() < e for s, e in company_spans):
            close()
            group = True
            continue  # "Dear Wells Fargo," "Dear Grant & Will Architects team,"
        lower = word.lower()
        if lower in ("and", "und") and current:
            close()
            continue
        if word in ("and",):
            continue
        if _title_at(text, match) and not current:
            title = word
            continue
        if lower in data.particles and (not word[:1].isupper() or _followed_by_name(
                text, match.end(), stop)):
            continue  # part of a surname: "van der", never judged on its own
        if lower.rstrip(".") in data.suffixes or lower in ("ph", "d"):
            continue  # "Jr.", "PhD", "Ph.D."
        if len(word) == 1 and text[match.end(): match.end() + 1] == ".":
            continue  # an initial
        if not _is_capitalised(word) and lower in _SMALL_WORDS:
            close()
            break
        if lower in data.group_words or (
                names is not None and word in names.company_words and _is_capitalised(word)
                and word not in names.person_parts):
            close()
            group = True
            continue  # "Dear Mr. Claus and team", "Dear Acme Team"; not "Dear Mr. Wells,"
        if not _is_capitalised(word) and (record is None or judge(word, record.people) is None):
            continue  # a lower-case word that is no name ("Dear Mr. Claus and colleagues")
        current.append(Mention(match.start(), match.end(), word, "salutation"))
    close()
    if group and not greetings:
        end = paragraph.start + len(line.rstrip(",:;.! "))
        return (paragraph.start, end, "", "greets a group, not a person"), []
    return None, greetings


def _company_in_salutation(text: str, pos: int, stop: int, names: RecordNames | None
                           ) -> list[tuple[int, int]]:
    """Where the whole company name or an alias stands in the salutation. A one-word name
    that is also a recorded person's name is the person ("Dear Mr. Wells," with Sam Wells
    of Wells Fargo; "Dear Grant," with Hope Grant of Grant)."""
    if names is None:
        return []
    spans: list[tuple[int, int]] = []
    for company in names.companies:
        for match in _phrase_pattern(company.text, False).finditer(text, pos, stop):
            s, e = match.span()
            if any(s < oe and os_ < e for os_, oe in spans):
                continue
            tokens = _TOKEN.findall(text, s, e)
            if len(tokens) == 1 and (tokens[0] in names.person_parts
                                     or not _is_capitalised(tokens[0])):
                continue
            spans.append((s, e))
    return spans


# where the names of a salutation end: "!", ":", ", thanks", ". Thanks for"
_SALUTATION_END = re.compile(r"[!?:;]|,\s*(?=[a-z])(?!(?:and|und)\b)|\.\s+(?=\S+\s+[a-z])")


def _followed_by_name(text: str, pos: int, stop: int) -> bool:
    following = _TOKEN.match(text, pos + 1, stop) if text[pos: pos + 1] == " " else None
    return following is not None


_SMALL_WORDS = frozenset({
    "there", "all", "everyone", "team", "folks", "again", "both", "you", "guys", "thanks",
    "thank", "i", "it", "was", "the", "a", "an", "for", "to", "so", "just", "hope", "is",
})


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"“(‘'")
    return not before or before[-1] in ".!?\n:;"


def _body_mentions(document: Document, people: Sequence[Contact],
                   known_words: frozenset[str]) -> list[Mention]:
    """Tokens in name positions outside the salutation."""
    text = document.text
    data = name_data()
    out: list[Mention] = []
    salutation = document.salutation
    for paragraph in document.paragraphs:
        if paragraph == salutation or paragraph.role in ("header", "signoff"):
            continue
        tokens = _tokens(text, paragraph.start, paragraph.end)
        # runs of capitalised words joined by single spaces (particles may sit inside)
        runs: list[list[re.Match[str]]] = []
        run: list[re.Match[str]] = []
        for match in tokens:
            word = match.group(0)
            between = text[run[-1].end(): match.start()] if run else ""
            joined = bool(run) and (between == " " or (
                between == ". " and (len(run[-1].group(0)) == 1
                                     or run[-1].group(0).lower() in data.titles)))
            if not joined:
                if run:
                    runs.append(run)
                run = []
            if _is_capitalised(word) or (run and word.lower() in data.particles):
                run.append(match)
            else:
                if run:
                    runs.append(run)
                run = []
        if run:
            runs.append(run)
        for run in runs:
            while run and run[-1].group(0).lower() in data.particles and \
                    not _is_capitalised(run[-1].group(0)):
                run = run[:-1]
            out.extend(_run_mentions(text, run, people, known_words))
        out.extend(_lowercase_mentions(text, tokens, people))
    return out


def _lowercase_mentions(text: str, tokens: list[re.Match[str]], people: Sequence[Contact]
                        ) -> Iterator[Mention]:
    """A lower-case word right next to a recorded name that is another part of that name
    ("Ralph tomlin"); ordinary words ("I hope Grant liked it") are left alone."""
    particles = name_data().particles
    for index, match in enumerate(tokens):
        word = match.group(0)
        if _is_capitalised(word) or word.lower() in particles or len(word) < 2 or \
                is_common_word(fold(_strip_possessive(word)), threshold=10000):
            continue
        for other in (index - 1, index + 1):
            if not 0 <= other < len(tokens):
                continue
            neighbour = tokens[other]
            gap = text[min(match.end(), neighbour.end()): max(match.start(), neighbour.start())]
            if gap != " " or not _is_capitalised(neighbour.group(0)):
                continue
            verdict = judge(neighbour.group(0), people)
            if verdict is not None and verdict.status == "exact":
                yield Mention(match.start(), match.end(), word, "lowercase", hint=verdict.person)
                break


def _run_mentions(text: str, run: list[re.Match[str]], people: Sequence[Contact],
                  known_words: frozenset[str]) -> Iterator[Mention]:
    data = name_data()
    words = [m.group(0) for m in run]
    # (a) after a title: every capitalised word that follows it in the run
    for index, match in enumerate(run):
        if _title_at(text, match) and index + 1 < len(run):
            for follower in run[index + 1: index + 4]:
                word = follower.group(0)
                if word.lower() in data.particles or not _is_capitalised(word):
                    continue
                if len(word) == 1:
                    continue
                yield Mention(follower.start(), follower.end(), word, "title")
            return
    names = [i for i, m in enumerate(run) if m.group(0).lower() not in data.particles
             and len(m.group(0)) > 1]
    exact: dict[int, Contact] = {}
    for i in names:
        verdict = judge(run[i].group(0), people)
        if verdict is not None and verdict.status == "exact":
            exact[i] = verdict.person
    # (b) next to a recorded name: the neighbours are that person's other name parts
    if exact and len(names) >= 2:
        for k, i in enumerate(names):
            if i in exact:
                continue
            near = [names[j] for j in (k - 1, k + 1) if 0 <= j < len(names)]
            neighbours = [exact[j] for j in near if j in exact]
            if neighbours:
                yield Mention(run[i].start(), run[i].end(), words[i], "next-to-name",
                              hint=neighbours[0])
        return
    # (c) a full name close to a recorded one: first and last both close
    if len(names) >= 2 and not exact:
        first, last = run[names[0]].group(0), run[names[-1]].group(0)
        for person in people:
            parts = person.name.split()
            if len(parts) < 2:
                continue
            v1 = compare(nfc(_strip_possessive(first)), nfc(parts[0]), person)
            v2 = compare(nfc(_strip_possessive(last)), nfc(parts[-1]), person)
            if v1 is not None and v2 is not None and v1.status != "nickname" and \
                    v2.status != "nickname":
                yield Mention(run[names[0]].start(), run[names[0]].end(), first, "full-name",
                              hint=person)
                yield Mention(run[names[-1]].start(), run[names[-1]].end(), last,
                              "full-name", hint=person)
                return
    # (d) a lone capitalised word that is no ordinary word, close to a long recorded name;
    # two or more capitalised words that match no recorded person are someone else's name
    if len(names) != 1:
        return
    for i in names:
        match = run[i]
        word = _strip_possessive(match.group(0))
        if _sentence_initial_word(text, match) or word in known_words or \
                fold(word) in known_words:
            continue
        if is_common_word(fold(word)) and fold(word) == word.lower():
            continue
        yield Mention(match.start(), match.end(), match.group(0), "body")


def _sentence_initial_word(text: str, match: re.Match[str]) -> bool:
    return _sentence_start(text, match.start())


def _known_words(record: Record | None, records: Sequence[Record]) -> frozenset[str]:
    """Words that are names of something else in the records: companies, positions,
    topics, places; a lone word among them is not a misspelled person."""
    words: set[str] = set()
    for rec in (*records, *([record] if record else [])):
        for text in (*rec.company_names, rec.position, *(rec.all_topics), rec.location or "",
                     *rec.address):
            for token in _TOKEN.findall(text):
                words.add(token)
                words.add(fold(token))
    return frozenset(words)


def _addressee(document: Document, record: Record) -> tuple[Contact | None, tuple[int, int] |
                                                              None, str, list[Mention]]:
    """Who the To: header / front matter `to:` names, and its display-name mentions."""
    raw = document.headers.get("to") if document.format == "email" else None
    raw = raw or (str(document.front_matter["to"]) if document.front_matter.get("to") else None)
    if not raw:
        return None, None, "", []
    from email.utils import getaddresses

    span = document.field_spans.get("to")
    addresses = getaddresses([raw])
    display, address = (addresses[0] if addresses else ("", ""))
    if "@" not in address:
        display, address = raw.strip(), ""
    person: Contact | None = None
    if address:
        person = next((p for p in record.people if p.email and
                       p.email.casefold() == address.casefold()), None)
    mentions: list[Mention] = []
    if display and span is not None:
        region = document.file_text[span[0]: span[1]]
        cursor = 0
        for token in _TOKEN.finditer(display):
            word = token.group(0)
            found = region.find(word, cursor)
            if found == -1:
                continue
            cursor = found + len(word)
            if _title_at(display, token) or word.lower() in name_data().particles or \
                    len(word) == 1:
                continue
            mentions.append(Mention(span[0] + found, span[0] + found + len(word), word, "to",
                                    in_file=True))
    if person is None and display:
        person = _resolve(display, record.people)
    return person, span, raw, mentions


def _resolve(written: str, people: Sequence[Contact]) -> Contact | None:
    """The one person a written name (exact or close) most plausibly refers to."""
    votes: dict[str, tuple[int, Contact]] = {}
    for token in _TOKEN.findall(written):
        if token.lower() in name_data().particles or token.lower() in name_data().titles:
            continue
        verdict = judge(token, people)
        if verdict is None:
            continue
        score = 3 if verdict.status == "exact" else 1
        old = votes.get(verdict.person.name, (0, verdict.person))
        votes[verdict.person.name] = (old[0] + score, verdict.person)
    if not votes:
        return None
    ranked = sorted(votes.values(), key=lambda v: -v[0])
    if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
        return None
    return ranked[0][1]


def analyse(document: Document, record: Record | None,
            records: Sequence[Record] = ()) -> Analysis:
    """Find and judge the names of a letter (cached on the document)."""
    key = "names.analysis"
    cached = document.cache.get(key)
    if cached is not None and cached.record is record:
        return cached  # type: ignore[no-any-return]
    analysis = Analysis(record)
    generic, greetings = _parse_salutation(document, record)
    analysis.generic = generic
    analysis.greetings = greetings
    if record is not None:
        people = record.people
        known = _known_for(record, records)
        mentions = [m for g in greetings for m in g.mentions]
        mentions += _body_mentions(document, people, known)
        person, span, raw, to_mentions = _addressee(document, record)
        analysis.addressee, analysis.addressee_span, analysis.addressee_text = person, span, raw
        mentions += to_mentions
        analysis.mentions = mentions
        for mention in mentions:
            candidates = [mention.hint] if mention.hint is not None else people
            verdict = judge(mention.text, candidates)
            if verdict is None:
                continue
            if mention.where == "body" and not _confident_lone(verdict):
                continue
            if mention.where == "lowercase" and verdict.status not in ("case", "accents"):
                continue
            analysis.verdicts.append((mention, verdict))
        for greeting in greetings:
            greeting.person = _resolve(greeting.written(document.text), people)
    document.cache[key] = analysis
    return analysis


def _confident_lone(verdict: Verdict) -> bool:
    """A lone capitalised word is reported only when it can hardly be anything else."""
    if verdict.status in ("case", "accents"):
        return verdict.written[:1].isupper()
    if verdict.status == "typo":
        return verdict.distance <= 1 and len(fold(verdict.recorded)) >= 6
    return verdict.status == "exact"


# --- the checks ----------------------------------------------------------------------------


def _ctx_analysis(document: Document, context: Context) -> Analysis:
    return analyse(document, context.record, context.records)


def check_misspelled(document: Document, context: Context, options: Options
                     ) -> Iterator[Problem]:
    analysis = _ctx_analysis(document, context)
    seen: set[tuple[int, int, bool]] = set()
    for mention, verdict in analysis.verdicts:
        if verdict.status == "exact":
            continue
        key = (mention.start, mention.end, mention.in_file)
        if key in seen:
            continue
        seen.add(key)
        written = _strip_possessive(mention.text)
        right = verdict.recorded
        full = verdict.person.name
        suffix = mention.text[len(written):]
        suggestion = right + suffix
        if verdict.status == "case":
            message = (f"'{written}' differs in capitalisation from the recorded name "
                       f"'{full}'; write '{right}'")
        elif verdict.status == "accents":
            message = (f"'{written}' differs in its accents from the recorded name "
                       f"'{full}'; write '{right}'")
        elif verdict.status == "nickname":
            message = (f"'{written}' is a familiar form of '{right}' in the recorded name "
                       f"'{full}'; write '{right}', or add `nicknames: [{written}]` to the "
                       "record if that is how they introduced themselves")
            yield Problem(mention.start, mention.end, message, (suggestion,),
                          in_file=mention.in_file, severity=Severity.WARNING)
            continue
        else:
            message = (f"'{written}' differs from the recorded name '{full}'; "
                       f"did you mean '{right}'?")
        if mention.where == "to":
            message += " (in the To: name)"
        yield Problem(mention.start, mention.end, message, (suggestion,),
                      in_file=mention.in_file)


def _people_list(record: Record) -> str:
    return ", ".join(p.name for p in record.interviewers)


def check_unknown_recipient(document: Document, context: Context, options: Options
                            ) -> Iterator[Problem]:
    record = context.record
    if record is None:
        return
    analysis = _ctx_analysis(document, context)
    judged = {(m.start, m.end) for m, _ in analysis.verdicts}
    for greeting in analysis.greetings:
        if greeting.person is not None:
            continue
        if any((m.start, m.end) in judged for m in greeting.mentions):
            continue
        written = greeting.written(document.text)
        if greeting.title:
            written = f"{greeting.title}{'.' if not greeting.title.endswith('.') else ''} " \
                f"{written}".replace("..", ".")
        elsewhere = _other_record_of(written, record, context.records)
        if elsewhere is not None:
            other, person = elsewhere
            message = (f"the salutation greets '{written}', who is {person.name} of the "
                       f"{other.company} application ({_shown(other.path)}), not of this one "
                       f"({record.company}: {_people_list(record)})")
        else:
            message = (f"the salutation greets '{written}', who is not in the record for "
                       f"{record.company} (interviewers: {_people_list(record)}); check the "
                       "name, or add them to the record's contacts")
        suggestions = tuple(_formal(p) for p in record.interviewers)
        yield Problem(greeting.start, greeting.end, message, suggestions)


def _formal(person: Contact) -> str:
    if person.honorific:
        return f"{person.honorific} {person.last_name}"
    return person.name


def _other_record_of(written: str, record: Record, records: Sequence[Record]
                     ) -> tuple[Record, Contact] | None:
    for other in records:
        if other.path.resolve() == record.path.resolve():
            continue
        tokens = [t for t in _TOKEN.findall(written) if t.lower().rstrip(".") not in
                  name_data().titles]
        for person in other.people:
            parts = set(name_parts(person))
            if tokens and all(nfc(_strip_possessive(t)) in parts for t in tokens):
                return other, person
    return None


def check_generic_salutation(document: Document, context: Context, options: Options
                             ) -> Iterator[Problem]:
    record = context.record
    if record is None or not record.interviewers:
        return
    analysis = _ctx_analysis(document, context)
    if analysis.generic is None:
        return
    start, end, phrase, reason = analysis.generic
    person = analysis.addressee or (record.interviewers[0] if len(record.interviewers) == 1
                                    else None)
    if person is not None:
        advice = f"greet them by name: 'Dear {_formal(person)},'"
        suggestions: tuple[str, ...] = (f"Dear {_formal(person)},",)
    else:
        advice = "greet each interviewer by name in a note of their own: " + ", ".join(
            f"'Dear {_formal(p)},'" for p in record.interviewers)
        suggestions = tuple(f"Dear {_formal(p)}," for p in record.interviewers)
    written = document.text[start:end]
    yield Problem(start, end, f"generic salutation '{written}' ({reason}); the record names "
                  f"{_people_list(record)}: {advice}", suggestions)


# --- companies ---------------------------------------------------------------------------------

_WORDS = re.compile(r"[\w&][\w&'’.\-]*[\w&]|[\w&]")


def _word_spans(text: str, start: int = 0, end: int | None = None
                ) -> list[tuple[int, int, str]]:
    out = []
    for match in _WORDS.finditer(text, start, len(text) if end is None else end):
        word = _strip_possessive(match.group(0))
        if word.endswith(".") and not re.search(r"\.\w", word):
            word = word.rstrip(".")
        out.append((match.start(), match.start() + len(word), word))
    return out


@lru_cache(maxsize=1024)
def _phrase_pattern(phrase: str, case: bool) -> re.Pattern[str]:
    flags = 0 if case else re.IGNORECASE
    return re.compile(r"(?<![\w&])" + r"\s+".join(re.escape(w) for w in phrase.split())
                      + r"(?![\w&])", flags)


def _find_phrase(text: str, phrase: str, case: bool) -> Iterator[tuple[int, int]]:
    for match in _phrase_pattern(phrase, case).finditer(text):
        yield match.start(), match.end()


def _gap(between: str) -> str:
    return re.sub(r"\s+", "", between)


def _split_company(name: str) -> CompanyName:
    spans = _word_spans(name)
    return CompanyName(
        text=name, words=tuple(w for _, _, w in spans),
        gaps=tuple(_gap(name[spans[i][1]: spans[i + 1][0]]) for i in range(len(spans) - 1)))


def _company_regions(document: Document) -> list[tuple[str, int, int, bool]]:
    """(text, start, end, in_file) regions where company names may appear: the text and the
    subject line."""
    regions = [(document.text, 0, len(document.text), False)]
    span = document.field_spans.get("subject")
    if span is not None:
        regions.append((document.file_text, span[0], span[1], True))
    return regions


def check_company_misspelled(document: Document, context: Context, options: Options
                             ) -> Iterator[Problem]:
    """Windows of as many words as a recorded name, compared with it word by word. Exact
    spellings of every name and alias are claimed first, so "Harbour & Finch and its team"
    is the alias "Harbour & Finch", not "Harbour & Finch Ltd" misspelled; a connective or a
    legal suffix is never the misspelled word ("Grant or Will" is not "Grant & Will")."""
    record = context.record
    if record is None:
        return
    names = record_names(record)
    other_names: set[str] | None = None
    for text, start, end, in_file in _company_regions(document):
        words = _word_spans(text, start, end)
        claimed: list[tuple[int, int]] = [
            (s, e) for company in names.companies
            for s, e in _find_phrase(text[:end], company.text, case=True) if s >= start]
        exact = list(claimed)
        for company in names.companies:
            size = company.size
            for i in range(len(words) - size + 1):
                window = words[i: i + size]
                s, e = window[0][0], window[-1][1]
                if any(cs < e and s < ce for cs, ce in claimed):
                    inside = [(cs, ce) for cs, ce in exact if cs < e and s < ce]
                    # a window may only extend an exact alias ("Acme Corportion" for "Acme
                    # Corporation"), never cut into or repeat a claimed span
                    if not inside or any(cs < s or ce > e or (cs, ce) == (s, e)
                                         for cs, ce in inside) or \
                            any(cs < e and s < ce for cs, ce in claimed
                                if (cs, ce) not in inside):
                        continue
                    extends = True
                else:
                    extends = False
                gaps = [text[window[k][1]: window[k + 1][0]] for k in range(size - 1)]
                if any("\n" in g or _gap(g) != company.gaps[k] for k, g in enumerate(gaps)):
                    continue  # across lines or sentences: "Acme. Cooperation is key"
                written = " ".join(w for _, _, w in window)
                verdict = _company_verdict(tuple(w for _, _, w in window), company,
                                           names.person_parts, extends)
                if verdict is None:
                    continue
                if other_names is None:
                    other_names = {fold(n) for r in context.records if r.path != record.path
                                   for n in r.company_names}
                if fold(written) in other_names:
                    continue
                claimed.append((s, e))
                name = company.text
                if verdict == "case":
                    message = (f"'{written}' differs in capitalisation from the company in the "
                               f"record, '{name}'; write '{name}'")
                elif verdict == "accents":
                    message = (f"'{written}' differs in its accents from the company in the "
                               f"record, '{name}'; write '{name}'")
                else:
                    message = (f"'{written}' differs from the company in the record, "
                               f"'{name}'; did you mean '{name}'?")
                yield Problem(s, e, message, (name,), in_file=in_file)


def _company_word(written: str, recorded: str) -> str | None:
    """exact | case | accents | typo, or None: one word of a company name."""
    if written == recorded:
        return "exact"
    fw, fr = fold(written), fold(recorded)
    if fw == fr:
        return "case" if written.casefold() == recorded.casefold() else "accents"
    if len(fr) < 4:
        return None
    distance = OSA.distance(fw, fr)
    if distance > (2 if len(fr) >= 10 else 1):
        return None
    if distance == 2 and fw[0] != fr[0]:
        return None
    return "typo"


def _company_verdict(written: Sequence[str], company: CompanyName,
                     person_parts: frozenset[str] = frozenset(),
                     extends: bool = False) -> str | None:
    """case | accents | typo, or None, for words written where a recorded name may be.

    Connectives and legal suffixes must be the recorded ones (case aside) and are never the
    misspelled word; at most one other word may be misspelled, and it must not be an
    ordinary word standing for a one-word name ("Globe" for "Globex") or a recorded
    person's name. `extends`: the window holds an exact alias and more words, which must
    then be capitalised misspellings of the rest of the name ("Acme Corportion"), not "the
    Acme corporation".
    """
    if len(written) != company.size or not written or not written[0][:1].isupper():
        return None  # "acme" the word, "apple" the fruit
    data = name_data()
    differing: list[tuple[str, str, str]] = []  # (status, written, recorded)
    significant = 0
    for word, recorded in zip(written, company.words, strict=True):
        key = fold(recorded).rstrip(".")
        if key in data.company_connectives or key in data.legal_suffixes:
            if fold(word).rstrip(".") != key:
                return None  # "Grant or Will", "Harbour & Finch and"
            continue
        significant += 1
        status = _company_word(word, recorded)
        if status is None:
            return None
        if status != "exact":
            differing.append((status, word, recorded))
    if not differing:
        return None
    typos = [(w, r) for status, w, r in differing if status == "typo"]
    if len(typos) > 1:
        return None
    for word, recorded in typos:
        if word in person_parts:
            return None  # "Grant" for a company "Grand", when Hope Grant is on the record
        if recorded[:1].isupper() and not word[:1].isupper():
            return None
        if significant == 1 and is_common_word(word, threshold=500):
            return None  # "Globe" is a word; only a non-word is a misspelled "Globex"
    if extends and (len(typos) != len(differing) or not typos):
        return None  # "the Acme corporation": the alias, then an ordinary word
    if typos:
        return "typo"
    return "accents" if any(status == "accents" for status, _, _ in differing) else "case"


def check_wrong_company(document: Document, context: Context, options: Options
                        ) -> Iterator[Problem]:
    record = context.record
    if record is None:
        return
    own = {fold(n) for n in record.company_names}
    own_position = fold(record.position)
    for text, start, end, in_file in _company_regions(document):
        own_spans = [(s, e) for name in record.company_names
                     for s, e in _find_phrase(text[:end], name, case=False) if s >= start]
        reported: list[tuple[int, int]] = []
        for other in context.records:
            if other.path.resolve() == record.path.resolve():
                continue
            if fold(other.company) in own:
                continue  # another interview at the same company
            for name in sorted(other.company_names, key=len, reverse=True):
                if fold(name) in own or any(fold(name) in o for o in own):
                    continue
                for s, e in _find_phrase(text[:end], name, case=" " not in name.strip()):
                    if s < start or any(os_ < e and s < oe for os_, oe in own_spans + reported):
                        continue
                    reported.append((s, e))
                    right = _same_shape(text[s:e], record.company_names)
                    yield Problem(
                        s, e,
                        f"'{text[s:e]}' is the company of another application "
                        f"({other.position} at {other.company}, {_shown(other.path)}); this "
                        f"letter is for {record.company}: write '{right}'",
                        (right,), in_file=in_file)
            position = other.position
            if len(position.split()) < 2 or fold(position) == own_position or \
                    fold(position) in own_position:
                continue
            for s, e in _find_phrase(text[:end], position, case=False):
                if s < start or any(rs < e and s < re_ for rs, re_ in reported):
                    continue
                reported.append((s, e))
                yield Problem(
                    s, e,
                    f"'{text[s:e]}' is the position of another application ({other.company}, "
                    f"{_shown(other.path)}); this letter is for the {record.position} position at "
                    f"{record.company}: write '{record.position}'",
                    (record.position,), in_file=in_file)


def _same_shape(written: str, names: Sequence[str]) -> str:
    """The recorded company name with as many words as the leftover ("Acme" -> "Globex")."""
    size = len(written.split())
    return next((n for n in names if len(n.split()) == size), names[0])


def _shown(path: Any) -> str:
    import os

    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return relative if not relative.startswith("..") else str(path)


# --- recipients ------------------------------------------------------------------------------


def check_recipient_mismatch(document: Document, context: Context, options: Options
                             ) -> Iterator[Problem]:
    record = context.record
    if record is None:
        return
    analysis = _ctx_analysis(document, context)
    greeted = [g for g in analysis.greetings if g.person is not None]
    addressee = analysis.addressee
    if addressee is not None and greeted and all(g.person != addressee for g in greeted):
        first = greeted[0]
        names = " and ".join(g.person.name for g in greeted if g.person is not None)
        header = "To: address" if document.format == "email" else "front matter `to:`"
        yield Problem(
            first.start, greeted[-1].end,
            f"the salutation greets {names}, but the {header} "
            f"'{analysis.addressee_text}' is {addressee.name}; greet "
            f"'{_formal(addressee)}' or send the note to {names}",
            (_formal(addressee),))
    interviewers = [g for g in greeted if g.person in record.interviewers]
    distinct = {g.person.name for g in interviewers if g.person is not None}
    if len(distinct) >= 2 and len(record.interviewers) >= 2 and \
            document.kind == "thank-you":
        yield Problem(
            interviewers[0].start, interviewers[-1].end,
            f"one note greets {len(distinct)} interviewers ({', '.join(sorted(distinct))}); "
            "send each interviewer a separate note that mentions what you discussed with them")


RULES = [
    Rule(
        code="N001", name="name-misspelled", severity=Severity.ERROR,
        summary="A person's name close to, but not exactly, a name in the interview record.",
        explanation="Misspelling the interviewer's name is the mistake every follow-up guide "
        "warns about first: check the spelling against their card or e-mail signature. "
        "Names are compared with the record in the salutation, after titles, next to a "
        "recorded name and in the To: name, with fuzzy and phonetic matching; accents, "
        "capitalisation and recorded nicknames count.",
        bad="Dear Ms. Okonkwo-Reyse,",
        good="Dear Ms. Okonkwo-Reyes,",
        check=check_misspelled,
    ),
    Rule(
        code="N002", name="unknown-recipient", severity=Severity.WARNING,
        summary="The salutation greets someone who is not in the linked record.",
        explanation="A note greeting the wrong person (or a person from another application) "
        "is worse than none; the sources say address each interviewer by name.",
        bad="Dear Mr. Johnson,   (the record lists Nick Claus and Martha Okonkwo-Reyes)",
        good="Dear Mr. Claus,",
        check=check_unknown_recipient,
    ),
    Rule(
        code="N003", name="generic-salutation", severity=Severity.WARNING,
        summary="'To whom it may concern', 'Dear Hiring Manager', 'Hi there' when the record "
        "names the interviewers.",
        explanation="You know who interviewed you: the sources say greet each by name, never "
        "with a form greeting.",
        bad="Dear Hiring Manager,",
        good="Dear Mr. Claus,",
        check=check_generic_salutation,
    ),
    Rule(
        code="N004", name="company-misspelled", severity=Severity.ERROR,
        summary="The company (or an alias) close to, but not exactly, its recorded name.",
        explanation="Misspelling the employer's name tells the reader the note was not "
        "proofread; the record holds the spelling (and accepted short forms as "
        "company_aliases).",
        bad="I would love to help Acme Corportion make the same move.",
        good="I would love to help Acme Corporation make the same move.",
        check=check_company_misspelled,
    ),
    Rule(
        code="N005", name="wrong-company", severity=Severity.ERROR,
        summary="The letter names the company or position of another application in the tree.",
        explanation="The classic copy-paste leftover: a note reused from another application "
        "that still thanks the other company.",
        bad="I would love to bring that experience to Acme.   (a letter to Globex)",
        good="I would love to bring that experience to Globex.",
        check=check_wrong_company,
    ),
    Rule(
        code="N006", name="recipient-mismatch", severity=Severity.ERROR,
        summary="The To: address belongs to another contact than the one greeted, or one note "
        "greets several interviewers.",
        explanation="An e-mail addressed to one interviewer that greets another is a "
        "copy-paste slip; and the sources say send a separate note to each interviewer.",
        bad="To: martha.okonkwo-reyes@acme.example ... Dear Mr. Claus,",
        good="To: nick.claus@acme.example ... Dear Mr. Claus,",
        check=check_recipient_mismatch,
    ),
]
