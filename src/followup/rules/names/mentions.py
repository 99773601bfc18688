"""Reading names from a letter: the salutation, names after titles or next to recorded
names, full names, the To: display name, and the company regions; judged once per letter."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ...document import Document
from ...records import Contact, Record
from .matching import (
    NAME_TOKEN,
    RecordNames,
    Verdict,
    compare,
    fold,
    is_common_word,
    judge,
    known_words_for,
    name_data,
    nfc,
    phrase_pattern,
    record_names,
    strip_possessive,
)


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


_JOINED_PARTICLE = re.compile(r"^[^\W\d_]{1,3}['’\-]([^\W\d_])")


@lru_cache(maxsize=1 << 14)
def _is_capitalised(token: str) -> bool:
    """'Smyth', and also 'al-Hashimi', "d'Argenson": a lower-case particle joined to a name
    (once per word: asked of every word of every letter)."""
    if token[:1].isupper():
        return True
    joined = _JOINED_PARTICLE.match(token)
    return joined is not None and joined.group(1).isupper()


def _tokens(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(NAME_TOKEN.finditer(text, start, end))


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
        for match in phrase_pattern(company.text, False).finditer(text, pos, stop):
            s, e = match.span()
            if any(s < oe and os_ < e for os_, oe in spans):
                continue
            tokens = NAME_TOKEN.findall(text, s, e)
            if len(tokens) == 1 and (tokens[0] in names.person_parts
                                     or not _is_capitalised(tokens[0])):
                continue
            spans.append((s, e))
    return spans


# where the names of a salutation end: "!", ":", ", thanks", ". Thanks for"
_SALUTATION_END = re.compile(r"[!?:;]|,\s*(?=[a-z])(?!(?:and|und)\b)|\.\s+(?=\S+\s+[a-z])")


def _followed_by_name(text: str, pos: int, stop: int) -> bool:
    following = NAME_TOKEN.match(text, pos + 1, stop) if text[pos: pos + 1] == " " else None
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
        if paragraph == salutation or paragraph.role == "signoff":
            continue
        # a printed letter's inside address names the person: full names and titles there
        # count, but a lone capitalised word of an address block is a street or a town
        in_header = paragraph.role == "header"
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
            out.extend(_run_mentions(text, run, people, known_words, lone=not in_header))
        if not in_header:
            out.extend(_lowercase_mentions(text, tokens, people))
    return out


def _lowercase_mentions(text: str, tokens: list[re.Match[str]], people: Sequence[Contact]
                        ) -> Iterator[Mention]:
    """A lower-case word right next to a recorded name that is another part of that name
    ("Ralph tomlin"); ordinary words ("I hope Grant liked it") are left alone."""
    for index, match in enumerate(tokens):
        word = match.group(0)
        if _never_a_name_part(word):
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


@lru_cache(maxsize=1 << 14)
def _never_a_name_part(word: str) -> bool:
    """A capitalised word, a particle, a letter or a common word: not a lower-case name part
    (once per word: the letters of a folder repeat the same words)."""
    return _is_capitalised(word) or word.lower() in name_data().particles or len(word) < 2 \
        or is_common_word(fold(strip_possessive(word)), threshold=10000)


def _run_mentions(text: str, run: list[re.Match[str]], people: Sequence[Contact],
                  known_words: frozenset[str], lone: bool = True) -> Iterator[Mention]:
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
            v1 = compare(nfc(strip_possessive(first)), nfc(parts[0]), person)
            v2 = compare(nfc(strip_possessive(last)), nfc(parts[-1]), person)
            if v1 is not None and v2 is not None and v1.status != "nickname" and \
                    v2.status != "nickname":
                yield Mention(run[names[0]].start(), run[names[0]].end(), first, "full-name",
                              hint=person)
                yield Mention(run[names[-1]].start(), run[names[-1]].end(), last,
                              "full-name", hint=person)
                return
    # (d) a lone capitalised word that is no ordinary word, close to a long recorded name;
    # two or more capitalised words that match no recorded person are someone else's name
    if len(names) != 1 or not lone:
        return
    for i in names:
        match = run[i]
        word = strip_possessive(match.group(0))
        if _sentence_initial_word(text, match) or word in known_words or \
                fold(word) in known_words:
            continue
        if is_common_word(fold(word)) and fold(word) == word.lower():
            continue
        yield Mention(match.start(), match.end(), match.group(0), "body")


def _sentence_initial_word(text: str, match: re.Match[str]) -> bool:
    return _sentence_start(text, match.start())



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
        for token in NAME_TOKEN.finditer(display):
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
    for token in NAME_TOKEN.findall(written):
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
        known = known_words_for(record, records)
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

def company_regions(document: Document) -> list[tuple[str, int, int, bool]]:
    """(text, start, end, in_file) regions where company names may appear: the text and the
    subject line."""
    regions = [(document.text, 0, len(document.text), False)]
    span = document.field_spans.get("subject")
    if span is not None:
        regions.append((document.file_text, span[0], span[1], True))
    return regions
