"""What a thank-you note must say: something specific, thanks, and continued interest.

Career advisers agree on the three parts of a good note: thank the reader, mention
something specific from the interview (so it is not a form letter), and restate interest
in the role or why you fit. These rules apply to thank-you notes (a letter's kind
comes from front matter `kind:` or is inferred, see `kinds.py`); C002 also to a reply to a
rejection, which should accept the decision and thank the reader. The cue phrases and word
lists are data in `models/content.yaml`.

C001 with a linked record compares the note with the topics recorded for the interview and
for the addressee, word by word on Snowball stems ("plans for the holiday volume" names
the topic "holiday volume planning"), with a little slack for spelling (one edit); a
note names a topic when it names most of the topic's content words in one sentence. With
or without a record, a sentence that refers to the conversation with a concrete subject
("your point about matching staffing to the forecast") also counts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import cache, lru_cache

from .. import lexicons
from ..document import Document
from ..findings import Problem, Severity
from ..nlp import stem
from ..records import Record
from .base import Context, Options, Rule

_PROSE = frozenset({"salutation", "body", "heading"})
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\w.,%]*")


@cache
def _data() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], frozenset[str]]:
    data = lexicons.load("content.yaml")
    flags = re.IGNORECASE
    return (re.compile(data["thanks"], flags), re.compile(data["interest"], flags),
            re.compile(data["reference_cue"], flags),
            frozenset(str(w).lower() for w in data["generic"]))


@cache
def _stock_stems() -> frozenset[str]:
    """Stems of the stock words of a thank-you note (`stock` and `generic` in
    models/content.yaml): "responsibilities", "insights" and "departments" name nothing
    that happened in the interview, in any of their forms."""
    data = lexicons.load("content.yaml")
    words = [str(w).lower() for key in _STOCK_LISTS for w in data.get(key, ())]
    return frozenset(stem(part) for w in words for part in w.split())


# the lists of models/content.yaml whose words are stock of a generic note (C001)
_STOCK_LISTS = ("generic", "stock", "virtues", "praise", "career", "spans", "workplace",
                "took_in", "occasion", "sector", "doing_well", "offers", "hosting", "premises",
                "people", "reach", "struck", "verbs", "disciplines")
# "customer-focused", "patient-centred", "results-driven": a compound that praises
_PRAISE_COMPOUND = re.compile(r"-(?:centered|centred|focused|focussed|driven|oriented|"
                              r"minded|first|friendly|paced|led|owned|run)$")


@lru_cache(maxsize=65536)
def _concrete(word: str) -> bool:
    """A word that may name something discussed: not a stock word in any of its forms,
    nor a praising compound ("customer-focused"), nor an adverb made from an ordinary
    word ("closely", "deeply", "strongly"): how much, not what."""
    return stem(word) not in _stock_stems() and not _PRAISE_COMPOUND.search(word) and \
        not _adverb(word)


def _adverb(word: str) -> bool:
    """"closely", "deeply": "-ly" after an ordinary English word of four letters or more
    ("family", "supply" and "assembly" are not such words)."""
    return word.endswith("ly") and len(word) >= 6 and \
        word[:-2] in lexicons.english_frequencies()


# a capitalised word after one of these names a piece of work, not the company
_NAMED_THING = frozenset({"project", "program", "programme", "initiative", "campaign",
                          "operation", "phase", "release", "version"})
_VERSION = re.compile(r" \d")
_CAPITALISED = re.compile(r"(?<![\w'’.-])[A-Z][\w'’-]*")


def _names(sentence: str) -> frozenset[str]:
    """The capitalised words of a sentence, lower case, but for its first word when that is
    an ordinary English word: without a record they are the company, the job title or a
    person ("Halvorsen Analytics", "the Data Analyst job"), which every form letter names,
    so a name alone is no specific reference."""
    found = set()
    frequencies = lexicons.english_frequencies()
    previous = ""
    for index, match in enumerate(_CAPITALISED.finditer(sentence)):
        word = match.group(0).lower().replace("’", "'")
        bare = word[:-2] if word.endswith("'s") else word
        head, previous = previous, bare
        if head in _NAMED_THING and sentence[match.start() - 1:match.start()] == " ":
            continue  # "Project Falcon", "Operation Clean Sweep": a named piece of work
        if _VERSION.match(sentence, match.end()):
            continue  # "Microsoft 365", "Windows 11": a named tool, not the employer
        if match.start() == len(sentence) - len(sentence.lstrip()) and index == 0 and \
                bare in frequencies and bare == word:
            continue  # "The", "Learning": an ordinary word at the start of the sentence
        if bare != "i":
            found.update({word, bare})
    return frozenset(found)


def _prose(document: Document, roles: frozenset[str] = _PROSE) -> list[tuple[int, int]]:
    return [(p.start, p.end) for p in document.paragraphs if p.role in roles]


def _anchor(document: Document) -> tuple[int, int]:
    """Where a finding about the whole note points: the first line of the body."""
    body = document.body or document.paragraphs
    if not body:
        return 0, min(len(document.text), 1)
    start = body[0].start
    newline = document.text.find("\n", start, body[0].end)
    return start, body[0].end if newline == -1 else newline


_CONTRACTIONS = re.compile(r"['’](d|ll|m|re|ve)\b", re.IGNORECASE)
_EXPANDED = {"d": " would", "ll": " will", "m": " am", "re": " are", "ve": " have"}


def expand(text: str) -> str:
    """"I'd love" -> "I would love": the cue patterns are written on full forms."""
    return _CONTRACTIONS.sub(lambda m: _EXPANDED[m.group(1).lower()], text)


def _found(document: Document, pattern: re.Pattern[str],
           roles: frozenset[str] = _PROSE) -> bool:
    return any(pattern.search(expand(document.text[s:e])) for s, e in _prose(document, roles))


# a short note or reply to a rejection often thanks in its close ("Many thanks,\nDana"),
# and that counts
_REPLY_PARTS = _PROSE | {"signoff"}


def check_thanks(document: Document, context: Context, options: Options) -> Iterator[Problem]:
    thanks, _, _, _ = _data()
    reply = document.kind == "rejection-reply"
    if not _found(document, thanks, _REPLY_PARTS):
        start, end = _anchor(document)
        if reply:
            # advisers: accept the decision graciously and thank them for considering you
            yield Problem(start, end, "this reply to a rejection never thanks the reader; "
                          "accept the decision graciously and thank them ('Thank you for "
                          "letting me know')", ("Thank you for letting me know",))
            return
        yield Problem(start, end, "this thank-you note never thanks the reader; say "
                      "'Thank you for ...' early on", ("Thank you for meeting with me",))


def check_interest(document: Document, context: Context, options: Options
                   ) -> Iterator[Problem]:
    _, interest, _, _ = _data()
    if not _found(document, interest):
        start, end = _anchor(document)
        yield Problem(start, end, "the note never restates your interest in the role or "
                      "why you fit it; add a sentence such as 'I am very interested in ...'")


# --- C001 -------------------------------------------------------------------------------


def _sentences(document: Document) -> list[str]:
    prose = _prose(document)
    out = []
    for sentence in document.spacy.sents:
        if any(s <= sentence.start_char < e for s, e in prose):
            out.append(expand(sentence.text))
    return out


def _stems(text: str, generic: frozenset[str]) -> list[str]:
    return [stem(w) for w in _WORD.findall(text.lower().replace("’", "'"))
            if w not in generic and len(w) > 1]


def _close(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 2:
        return False
    return a.startswith(b) or b.startswith(a) or _one_edit(a, b)


def _one_edit(a: str, b: str) -> bool:
    """Whether two words differ by one substitution, insertion or deletion."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


@lru_cache(maxsize=4096)
def _topic_stems(topic: str, generic: frozenset[str], common: frozenset[str]
                 ) -> frozenset[str]:
    """The stems `names_topic` looks for, once per topic (not per sentence and letter)."""
    wanted = set(_stems(topic, generic))
    return frozenset((wanted - common) or wanted)


# topic stem -> (the stems it was compared with, those `_close` to it): the letters of a
# folder share most of their words, so each pair of words is compared once per run, and a
# letter's question is two set operations per topic word
_CLOSE_TO: dict[str, tuple[set[str], set[str]]] = {}
_CLOSE_TO_MAX = 200_000  # compared stems kept in all (a long-lived language server)
_close_to_size = 0


def _near_any(word: str, stems: set[str]) -> bool:
    """Whether `word` is `_close` to one of `stems`."""
    global _close_to_size
    if word in stems:
        return True
    if len(word) < 5:
        return False  # `_close` then asks for the same word
    entry = _CLOSE_TO.get(word)
    if entry is None:
        entry = _CLOSE_TO[word] = (set(), set())
    tested, close = entry
    new = stems - tested
    if new:
        if _close_to_size > _CLOSE_TO_MAX:
            _CLOSE_TO.clear()
            _close_to_size = 0
            entry = _CLOSE_TO[word] = (set(), set())
            tested, close = entry
            new = set(stems)
        tested |= new
        _close_to_size += len(new)
        close.update(s for s in new if _close(word, s))
    return not close.isdisjoint(stems)


class _NearLetter(dict[str, bool]):
    """Word stem -> whether it is close to a stem of the letter (filled as asked)."""

    def __init__(self, letter_stems: set[str]) -> None:
        super().__init__()
        self.letter_stems = letter_stems

    def __missing__(self, word: str) -> bool:
        found = _near_any(word, self.letter_stems)
        self[word] = found
        return found


def _may_name(topic: str, generic: frozenset[str], common: frozenset[str],
              near: dict[str, bool]) -> bool:
    """Whether enough of the topic's words are close to words of the whole letter for one
    sentence to name it (`names_topic` asks as much of a single sentence)."""
    wanted = _topic_stems(topic, generic, common)
    hits = sum(1 for w in wanted if near[w])
    return bool(wanted) and (hits == len(wanted) if len(wanted) <= 2
                             else hits >= math.ceil(len(wanted) * 0.6))


def names_topic(sentence_stems: set[str], topic: str, generic: frozenset[str],
                common: frozenset[str] = frozenset()) -> bool:
    """Whether a sentence (its stems) names the content words of `topic`: all of them for a
    topic of one or two words, three in five for longer ones. Words of the company name and
    the position title (`common`, stems) are no evidence when the topic has others."""
    wanted = _topic_stems(topic, generic, common)
    if not wanted:
        return False
    hits = sum(1 for w in wanted if _near_any(w, sentence_stems))
    return hits == len(wanted) if len(wanted) <= 2 else hits >= math.ceil(len(wanted) * 0.6)


def _addressee_topics(document: Document, record: Record) -> tuple[str, ...]:
    candidates: list[str] = []
    if document.recipient:
        candidates.append(document.recipient)
    salutation = document.salutation
    if salutation is not None:
        candidates.extend(re.findall(r"[^\W\d_][\w'’.-]*", document.slice(salutation)))
    for name in candidates:
        person = record.find_person(name.strip(" ,.")) if name else None
        if person is None and name and "<" in name:
            person = record.find_person(name.split("<")[-1].rstrip(">"))
        if person is not None:
            return person.topics
    return ()


_TITLE_ENDS = frozenset({"position", "role", "job", "opening", "post", "vacancy", "place",
                         "placement", "apprenticeship", "internship", "lectureship"})
# a job title ("the communications position") names the role, not something discussed;
# "each roofing job", "every job" is a piece of work the reader described, not the post
_TITLE = re.compile(r"(?<!\beach )(?<!\bevery )(?<!\bper )(?<!\bany )(?<!\banother )"
                    r"\b(?:(?!(?:each|every|per|any|another)\b)[\w'’-]+\s+){1,3}"
                    r"(?:position|role|job|opening|post|vacancy)\b"
                    r"(?!\s+(?:hours|times|date|day|night|ceremony|event))", re.IGNORECASE)


def _number(words: list[str], at: int) -> bool:
    """A number that may be a fact from the interview ("300 users", "in 21 days",
    "Microsoft 365"), not a date or a time ("March 3", "at 10 am")."""
    word = words[at]
    if not word[:1].isdigit():
        return False
    before = words[at - 1] if at else ""
    after = words[at + 1] if at + 1 < len(words) else ""
    return before not in _CALENDAR and after not in _CLOCK


# a telephone number, an e-mail address or a link: how to reach the writer, not a fact
_CONTACT = re.compile(r"\+?\(?\d[\d ().-]{5,}\d|\S+@\S+|https?://\S+|www\.\S+")
_CALENDAR = frozenset({"january", "february", "march", "april", "may", "june", "july",
                       "august", "september", "october", "november", "december", "jan",
                       "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                       "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
                       "saturday", "sunday", "at", "on", "the"})
_CLOCK = frozenset({"am", "pm", "a.m", "p.m", "o'clock", "th", "st", "nd", "rd"})


def _evidence(words: list[str], generic: frozenset[str], own: frozenset[str],
              shortest: int) -> list[str]:
    """The words that may name something discussed: concrete words of `shortest` letters
    or more that are neither generic, stock nor names, and numbers that are no date."""
    return [w for at, w in enumerate(words)
            if _number(words, at) or (w not in generic and w not in own and
                                      len(w) >= shortest and _concrete(w))]


def _names_a_thing(words: list[str], generic: frozenset[str], own: frozenset[str],
                   names: frozenset[str] = frozenset()) -> bool:
    """'the new store layout', 'your new store layout', 'the team's biggest strength':
    after "the" or "your" (and a few generic words or names), two or more words in a row
    that are not generic (going on after "of": "the queue of 300 planning applications"),
    or one before a word for a group ("the sourdough team"), at least one of them concrete
    (not stock: "the exciting challenges ahead" names nothing), and not a job title. A
    name passed over on the way (one of `names`, not the employer's) makes one concrete
    word enough: "the Saturday pantry", "the Harlow depot"."""
    for index, word in enumerate(words):
        if word not in ("the", "your"):
            continue
        at = index + 1
        named = False
        while at < len(words) and at - index <= 3 and (words[at] in generic or
                                                       words[at] in own):
            named = named or words[at] in names
            at += 1
        if words[at - 1] == "as" or (words[at - 1] in ("a", "an") and
                                     words[at - 2] == "as"):
            continue  # "to join the team as a support worker": the post, by its title
        run, concrete, end = _run(words, at, generic, own)
        if run and end < len(words) and words[end] == "of":
            # "the queue of 300 planning applications": the phrase goes on after "of"
            after = end + 1
            while after < len(words) and words[after] in ("a", "an", "the"):
                after += 1
            more, more_concrete, more_end = _run(words, after, generic, own)
            if more:
                run, concrete, end = run + more, concrete + more_concrete, more_end
        following = words[end] if end < len(words) else ""
        last = words[end - 1] if end > at else ""
        if concrete and last not in _TITLE_ENDS and following not in _TITLE_ENDS and \
                (run >= 2 or following in _GROUP_HEADS or named):
            # "the electrical apprenticeship" is the post; "the sourdough team" names which
            return True
    return False


# a generic word for a group after one concrete word names which: "the sourdough team"
_GROUP_HEADS = frozenset({"team", "teams", "department", "office"})


def _run(words: list[str], at: int, generic: frozenset[str], own: frozenset[str]
         ) -> tuple[int, int, int]:
    """(length, concrete words, end) of the run of words from `at` that are neither
    generic nor names nor of two letters or fewer."""
    concrete = 0
    end = at
    while end < len(words) and words[end] not in generic and words[end] not in own and \
            len(words[end]) > 2:
        concrete += _concrete(words[end]) or _number(words, end)
        end += 1
    return end - at, concrete, end


# a plan with a date: "Rolling out Salesforce to the field team by March", "moving payroll
# to Xero before the spring", the reader's project, named by what is done and by when
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december")
_DEADLINE = re.compile(r"\b(?:(?:by|before|until|ahead of|in time for)\s+(?:the\s+)?"
                       r"(?:end\s+of\s+|start\s+of\s+|early\s+|late\s+|mid-?)?(?:"
                       + _MONTHS + r"|spring|summer|autumn|fall|winter|q[1-4]|next\s+\w+)|"
                       r"(?:next|this)\s+(?:year|quarter|spring|summer|autumn|winter))\b",
                       re.IGNORECASE)


# a tour of a named place ("showing me around the bakery", "walked me round your cold
# store"): the place was seen, where "showing me around" alone names nothing
_TOUR = re.compile(r"\b(?:show(?:ed|n|ing)?|took|tak(?:e|en|ing)|walk(?:ed|ing)?) (?:me|us) "
                   r"(?:a)?round (?:the|your) (?:new |main )?([^\W\d_][\w'’-]*)", re.IGNORECASE)


# the writer's availability is no plan of the reader's ("I could start work by March")
_STARTING = frozenset({"start", "starting", "begin", "beginning", "commence", "available"})


def _dated_plan(sentence: str, words: list[str], generic: frozenset[str],
                own: frozenset[str]) -> bool:
    """A sentence that names work by when it is due ("by March") and by at least two
    concrete words or names, one of them no name, without thanking (a thanks with a date
    is the interview's)."""
    if not _DEADLINE.search(sentence) or {"thank", "thanks"} & set(words):
        return False
    names = _names(sentence)  # "to start at Acme Corporation by January": no work named
    found = [w for w in _evidence(words, generic, own, 4) if w not in _STARTING]
    return len(found) >= 2 and any(w not in names for w in found)


def concrete_reference(sentence: str, cue: re.Pattern[str], generic: frozenset[str],
                       own: frozenset[str] = frozenset()) -> bool:
    """A sentence that refers to the conversation and names a concrete subject (a word
    that is neither stock nor a name, see `_names`, or a number)."""
    sentence = _CONTACT.sub(" ", sentence)
    record_own, own = own, own | _names(sentence)
    words = [w for w in _WORD.findall(sentence.lower().replace("’", "'"))]
    if {"your", "you"} & set(words[:12]) and not {"thank", "thanks"} & set(words) and \
            len(_evidence(words, generic, own, 4)) >= 3:
        return True  # "Your plan to split grant reports by funder makes sense."
    # a dated plan counts the names in it ("rolling out Salesforce by March"): a plan with
    # a date names a tool or a site, where a name alone is the employer of any note
    if _names_a_thing(words, generic, own, own - record_own) or \
            _dated_plan(sentence, words, generic, record_own):
        return True
    tour = _TOUR.search(sentence)
    if tour and tour.group(1).lower() not in generic and tour.group(1).lower() not in own:
        return True
    for match in cue.finditer(sentence):
        rest = _TITLE.sub(" ", sentence[match.end():])  # "the communications position"
        if match.group(0).lower().startswith("you "):  # "the close project you described"
            rest = " ".join(sentence[:match.start()].split()[-5:]) + " " + rest
        if _evidence(_WORD.findall(rest.lower().replace("’", "'")), generic, own, 3):
            return True
        named = _THE_NAME_NOUN.match(rest)
        if named and named.group(1).lower() not in record_own and \
                named.group(2).lower() not in generic:
            return True
    return False


# after a cue, "the" + a name + a word that is not generic is a thing of the reader's, named
# ("your plans for the Douro range"), where a name alone is the employer of any note
_THE_NAME_NOUN = re.compile(r"\s*the ([A-Z][\w'’-]+) ([a-z][\w'’-]{2,})\b")


def check_specific(document: Document, context: Context, options: Options
                   ) -> Iterator[Problem]:
    _, _, cue, generic = _data()
    record = context.record
    sentences = _sentences(document)
    topics: tuple[str, ...] = ()
    own: frozenset[str] = frozenset()
    if record is not None:
        topics = tuple(dict.fromkeys((*_addressee_topics(document, record),
                                      *record.all_topics)))
        own = frozenset(w.lower() for text in (record.company, *record.company_aliases,
                                               record.position)
                        for w in _WORD.findall(text))
        common = frozenset(stem(w) for w in own)
        stems_by_sentence = [set(_stems(s, generic)) for s in sentences]
        near = _NearLetter(set().union(*stems_by_sentence))
        for topic in topics:
            if not _may_name(topic, generic, common, near):
                continue  # too few of its words anywhere in the letter
            if any(names_topic(stems, topic, generic, common) for stems in stems_by_sentence):
                return
    if any(concrete_reference(s, cue, generic, own) for s in sentences):
        return
    start, end = _anchor(document)
    message = "the note mentions nothing specific from the interview"
    if topics:
        listed = ", ".join(f"'{t}'" for t in topics[:4])
        message += f"; you could mention {listed}"
    else:
        message += "; name something you discussed ('when we discussed ...')"
    yield Problem(start, end, message, tuple(topics[:4]))


_THANK_YOU = frozenset({"thank-you"})

RULES = [
    Rule(
        code="C001", name="no-specific-reference", severity=Severity.WARNING,
        summary="A thank-you note that mentions nothing specific from the interview.",
        explanation="Advisers' first rule for a thank-you note: refer to something specific "
        "you discussed so the note cannot be a form letter. With a linked record the note "
        "is compared with the recorded topics (for the addressee and the interview, on word "
        "stems); the message names topics you could mention.",
        bad="Thank you for the interview. I enjoyed learning about the company and the "
        "role.",
        good="Thank you for the interview. I enjoyed hearing how your team plans for the "
        "holiday volume on the new conveyor line.",
        check=check_specific, kinds=_THANK_YOU, needs_nlp=True,
    ),
    Rule(
        code="C002", name="no-thanks", severity=Severity.WARNING,
        summary="A thank-you note, or a reply to a rejection, that never thanks the reader.",
        explanation="The note exists to thank the interviewer for their time; a note that "
        "only restates interest reads as a second application. Career advisers say the "
        "same of a reply to a rejection: accept the decision graciously and thank them for "
        "letting you know and for considering you.",
        bad="I enjoyed meeting you on Friday and I am very interested in the role.",
        good="Thank you for meeting with me on Friday; I am very interested in the role.",
        check=check_thanks, kinds=frozenset({"thank-you", "rejection-reply"}),
    ),
    Rule(
        code="C003", name="no-interest", severity=Severity.INFO,
        summary="A thank-you note that never restates interest in the role or why you fit.",
        explanation="Advisers recommend restating your interest and one reason you fit "
        "(or an asset not discussed): it is the note's second purpose after thanks.",
        bad="Thank you for your time on Friday. I enjoyed the warehouse tour.",
        good="Thank you for your time on Friday. The warehouse tour made me even more "
        "interested in the role.",
        check=check_interest, kinds=_THANK_YOU,
    ),
]
