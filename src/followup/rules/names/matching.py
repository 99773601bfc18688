"""Comparing a written name with the recorded ones: folding, fuzzy and phonetic matching,
and what each record spells (people, companies), worked out once per record."""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import jellyfish
from rapidfuzz.distance import OSA, JaroWinkler

from ... import lexicons
from ...lexicons import english_frequencies
from ...records import Contact, Record

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
    # folded: family names written first in their bearers' own order ("Nguyễn Văn An")
    family_first: frozenset[str] = frozenset()


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
        family_first=frozenset(fold(str(w)) for w in raw.get("family_first", ())),
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


def strip_possessive(token: str) -> str:
    if "'" not in token and "’" not in token:
        return token
    for ending in ("'s", "’s", "'", "’"):
        if token.endswith(ending) and len(token) > len(ending) + 1:
            return token[: -len(ending)]
    return token


# A name token: letters (with combining marks, the okina, inner apostrophes and hyphens).
_LETTER = r"[^\W\d_]"
NAME_TOKEN = re.compile(
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


# people tuple (a record's `people`) -> (that tuple, written token -> its verdict): a
# record's letters repeat the same words, so each is judged once per record; the entry
# holds the tuple, so its id cannot be reused while the entry lives
_JUDGED: dict[int, tuple[tuple[Contact, ...], dict[str, Verdict | None]]] = {}


def judge(written: str, people: Iterable[Contact]) -> Verdict | None:
    """The best verdict for a written token against the people's recorded name parts:
    an exact spelling wins at once; otherwise case, then accents, then a known nickname,
    then the closest typo (fewest edits, then highest Jaro-Winkler similarity)."""
    if not isinstance(people, tuple):
        return _judge(written, people)
    entry = _JUDGED.get(id(people))
    if entry is None or entry[0] is not people:
        if len(_JUDGED) > 64:
            _JUDGED.clear()
        entry = _JUDGED[id(people)] = (people, {})
    verdicts = entry[1]
    if written not in verdicts:
        verdicts[written] = _judge(written, people)
    return verdicts[written]


def _judge(written: str, people: Iterable[Contact]) -> Verdict | None:
    token = nfc(strip_possessive(written))
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
        companies = [split_company(n) for n in dict.fromkeys(record.company_names) if n.strip()]
        cached = RecordNames(
            person_parts=frozenset(p for c in record.people for p in name_parts(c)),
            company_words=frozenset(w for name in record.company_names
                                    for w in NAME_TOKEN.findall(name)),
            companies=tuple(sorted((c for c in companies if c.words), key=lambda c: -c.size)),
        )
        memo["names"] = cached
    return cached  # type: ignore[no-any-return]


def known_words_for(record: Record, records: Sequence[Record]) -> frozenset[str]:
    """`known_words` without the record's own name parts, once per record and tree."""
    memo = _record_memo(record)
    cached = memo.get("known")
    if cached is not None and len(cached[0]) == len(records) and \
            all(ref() is other for ref, other in zip(cached[0], records, strict=True)):
        return cached[1]  # type: ignore[no-any-return]
    known = known_words(record, records) - record_names(record).person_parts
    memo["known"] = (tuple(weakref.ref(r) for r in records), known)
    return known


# --- finding the names in a letter -----------------------------------------------------------

def known_words(record: Record | None, records: Sequence[Record]) -> frozenset[str]:
    """Words that are names of something else in the records: companies, positions,
    topics, places; a lone word among them is not a misspelled person."""
    words: set[str] = set()
    for rec in (*records, *([record] if record else [])):
        for text in (*rec.company_names, rec.position, *(rec.all_topics), rec.location or "",
                     *rec.address):
            for token in NAME_TOKEN.findall(text):
                words.add(token)
                words.add(fold(token))
    return frozenset(words)

_INNER_STOP = re.compile(r"\.\w")
_WORDS = re.compile(r"[\w&][\w&'’.\-]*[\w&]|[\w&]")


def word_spans(text: str, start: int = 0, end: int | None = None
                ) -> list[tuple[int, int, str]]:
    out = []
    for match in _WORDS.finditer(text, start, len(text) if end is None else end):
        word = match.group(0)
        begin = match.start()
        if "'" in word or "’" in word:  # a match ends in a letter: only a possessive
            word = strip_possessive(word)  # cut off can leave a stop at its end
            if word.endswith(".") and not _INNER_STOP.search(word):
                word = word.rstrip(".")
        out.append((begin, begin + len(word), word))
    return out


@lru_cache(maxsize=1024)
def phrase_pattern(phrase: str, case: bool) -> re.Pattern[str]:
    flags = 0 if case else re.IGNORECASE
    return re.compile(r"(?<![\w&])" + r"\s+".join(re.escape(w) for w in phrase.split())
                      + r"(?![\w&])", flags)


def find_phrase(text: str, phrase: str, case: bool) -> Iterator[tuple[int, int]]:
    for match in phrase_pattern(phrase, case).finditer(text):
        yield match.start(), match.end()


def gap_between(between: str) -> str:
    return re.sub(r"\s+", "", between)


def split_company(name: str) -> CompanyName:
    spans = word_spans(name)
    return CompanyName(
        text=name, words=tuple(w for _, _, w in spans),
        gaps=tuple(gap_between(name[spans[i][1]: spans[i + 1][0]]) for i in range(len(spans) - 1)))


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


def may_start_company(written: str, company: CompanyName, record: Record) -> bool:
    """Whether a window starting with this word can have a `company_verdict`: its first
    word passes the verdict's test of the first recorded word (once per word and record:
    most capitalised words of a letter are nowhere near the company's name)."""
    memo: dict[tuple[str, str], bool] = _record_memo(record).setdefault("company_starts", {})
    key = (written, company.text)
    found = memo.get(key)
    if found is None:
        recorded = fold(company.words[0]).rstrip(".")
        data = name_data()
        if recorded in data.company_connectives or recorded in data.legal_suffixes:
            found = fold(written).rstrip(".") == recorded
        else:
            found = _company_word(written, company.words[0]) is not None
        memo[key] = found
    return found


def company_verdict(written: Sequence[str], company: CompanyName,
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
