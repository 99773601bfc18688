"""S001 misspelling: offline spelling against a bundled English word list.

The word list is pyspellchecker's English frequency list (about 160,000 words with their
frequencies; it knows contractions such as "don't" and "I'm"), widened by
`models/spelling-accept.txt` (workplace words it lacks) and by British spellings derived
from the American ones it knows (colour, organise, centre, defence, analyse, analyser). A word the
list lacks is reported only when it is a known misspelling (`models/misspellings.yaml`) or
a single edit away from a known word: precision first, so a jargon word or a name with no
close English word is left alone. A word of three letters or fewer is reported only when
it is listed or two swapped letters of one of the commonest words ("adn", "yuo"): typed
in lower case, "hr", "ux" and "wpm" are abbreviations, not typos. A word with accents is
known when the word without them is (résumé, naïve, façade, rôle). Workplace coinages the
list lacks are known too: a prefix on a common word ("rebrand", "upsell"), un- on a past
participle ("unvented"), a closed compound of two common words ("timesheet",
"toolchain") and -ing/-ed after two different consonants ("sharding", "linted"); wrongly
joined pairs ("eachother") are listed misspellings. At a sentence
start a capitalised word is taken for a name or a product ("Figma", "Jira") unless it is
a near miss of a very common word.

Never flagged: the names, company, position, topics, e-mail addresses and other words of
the linked record; words in the user's vocabulary files (config `vocabulary`); URLs, e-mail
addresses and words with digits; all-caps acronyms; capitalised words inside a sentence
(proper nouns: add them to the vocabulary to have them checked out of the way) and the
lower-case particles of such a name ("der" in "van der Merwe", "la" in "de la Cruz");
slang that
T001 reports (thx, gonna). The header block and the signature are not checked. When
LanguageTool runs it reports S001 too; the linter keeps one finding per word.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from .. import lexicons
from ..document import Document, iter_words
from ..findings import Problem, Severity, safe
from ..lexicons import english_frequencies
from ..records import NAME_PARTICLES
from .base import Context, Options, Rule
from .tone import elongated as _elongated

_CHECKED = frozenset({"salutation", "body", "heading"})
# bounded as addresses are (a local part of at most 64, labels of at most 63): every try
# reads a bounded stretch, so a word of 16,000 letters is linear, not quadratic
_SKIP_SPANS = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,10}|"
    r"\b[\w-]{1,63}(?:\.[\w-]{1,63}){0,10}\.(?:com|org|net|io|edu|gov|co|uk|example|dev|ai)"
    r"\b\S*", re.IGNORECASE)
_SENTENCE_OPENERS = ".!?:;\"“‘([-–—•*>"


_LETTERS = "abcdefghijklmnopqrstuvwxyz'"


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + transposes + replaces + inserts)


@cache
def _accepted() -> frozenset[str]:
    words = {w.lower() for w in lexicons.load("spelling-accept.txt")}
    # slang and text-speak are T001's to report, with a better message
    for entry in lexicons.load("informal.yaml"):
        phrases = entry.get("phrase", [])
        for phrase in phrases if isinstance(phrases, list) else [phrases]:
            for piece in phrase.split():
                words.update(w.lower() for w in piece.split("|") if w.isalpha())
    return frozenset(words)


@cache
def _misspellings() -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in lexicons.load("misspellings.yaml").items()}


_BRITISH = (
    (re.compile(r"our"), "or"),  # colour, behaviour, favourite, neighbourhood
    (re.compile(r"oul(?=d)"), "ol"),  # mould, moulding, smoulder
    (re.compile(r"^scep"), "skep"),  # sceptic, sceptical, scepticism
    (re.compile(r"is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),  # organise, realised
    (re.compile(r"ys(e|ed|es|ing|er|ers)$"), r"yz\1"),  # analyse, paralysed, analyser
    (re.compile(r"tre(s?)$"), r"ter\1"),  # centre, metres
    (re.compile(r"tred$"), "tered"),  # centred
    (re.compile(r"ence(s?)$"), r"ense\1"),  # defence, offence
    (re.compile(r"ogue(s?)$"), r"og\1"),  # catalogue
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),  # travelled, labelling
    (re.compile(r"isa(?=tion)"), "iza"),  # organisational, prioritisations
    (re.compile(r"ae"), "e"),  # encyclopaedia
    (re.compile(r"oe"), "e"),  # oesophagus
)


_WORDS = re.compile(r"[^\W\d_](?:[\w'\-]*\w)?")  # iter_words' words, apostrophes straight
_DIGIT = re.compile(r"[\d_]")


def strip_accents(word: str) -> str:
    """`word` without its diacritics: "résumé" -> "resume", "façade" -> "facade"."""
    return "".join(c for c in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(c))


@cache
def known(word: str) -> bool:
    """Whether a lower-case word (apostrophes straight) is an English word."""
    spell = english_frequencies()
    if word in spell or word in _accepted():
        return True
    if not word.isascii():
        plain = strip_accents(word)  # résumé, naïve, façade, rôle: the list spells them plain
        if plain != word and known(plain):
            return True
    for pattern, replacement in _BRITISH:
        if pattern.search(word):
            for match in pattern.finditer(word):  # one change at a time: "colourful"
                variant = word[:match.start()] + match.expand(replacement) + word[match.end():]
                if variant in spell:
                    return True
            if pattern.sub(replacement, word) in spell:
                return True
    if word.endswith("'s") or word.endswith("s'"):
        return known(word[:-2] if word.endswith("'s") else word[:-1])
    if len(word) > 4 and word.endswith("s") and word[:-1] in spell:
        return True  # a plural the list lacks: "encodings"
    if _ROMAN.fullmatch(word) or _derived(word, spell):
        return True
    # a listed misspelling is never excused as a coinage ("eachother", "ontime")
    return word not in _misspellings() and (_prefixed(word, spell) or _compound(word, spell)
                                            or _inflected(word, spell))


# Workplace coinages a frequency list lacks: a prefix on a common word ("rebrand",
# "replatform", "upsell", "offsite", "cofounder", "deduplicate"). The base must be a
# common word of four letters or more; wrongly joined pairs ("ontime", "offcourse") are in
# models/misspellings.yaml, which is checked first.
_PREFIXES = ("re", "co", "de", "un", "pre", "post", "up", "off", "out", "over", "under",
             "sub", "super", "multi", "non", "inter", "cross", "mid", "self", "semi",
             "anti", "micro", "e")


_LONG_BASE_PREFIXES = frozenset({"de", "re", "pre", "co"})


def _prefixed(word: str, spell: dict[str, int]) -> bool:
    for prefix in _PREFIXES:
        base = word[len(prefix):]
        if word.startswith(prefix) and len(base) >= 4 and spell.get(base, 0) >= 5000:
            return True
        # a long base is rarely a misspelling's tail: "deduplication" (de + duplication)
        if prefix in _LONG_BASE_PREFIXES and word.startswith(prefix) and len(base) >= 8 \
                and spell.get(base, 0) >= 200:
            return True
    # un- on any past participle the list knows: "unvented", "unticketed", "unstaffed"
    base = word[2:]
    return word.startswith("un") and base.endswith("ed") and spell.get(base, 0) >= 100


def _compound(word: str, spell: dict[str, int]) -> bool:
    """A closed compound of two common words of four letters or more: "timesheet",
    "toolchain", "roadmapping", "livestream" (the list lacks many such coinages)."""
    for cut in range(4, len(word) - 3):
        left, right = word[:cut], word[cut:]
        if spell.get(left, 0) >= 10000 and spell.get(right, 0) >= 10000:
            return True
    return False


# Agent nouns and the like, which a frequency list often lacks. Not -ed, -ing, -ly, -ful,
# -ment, -able: the list has the real words of those shapes, and they are where classic
# misspellings live ("commited", "greatful", "arguement", "noticable").
_SUFFIXES = ("ers", "er", "ors", "or", "less", "ness", "ship", "ism", "ists", "ist",
             "ity")


def _derived(word: str, spell: dict[str, int]) -> bool:
    """A regular derivative of a common word the list lacks: "funder" (fund + er),
    "licensor" (license + or), "planner" (plan + n + er). Classic misspellings that look
    derived ("occured", "truely") are in models/misspellings.yaml, which is checked first."""
    for suffix in _SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 4:
            continue
        base = word[: -len(suffix)]
        candidates = [base]
        if suffix[0] in "aeiou":  # a silent e and a doubled consonant go only before a vowel
            candidates.append(base + "e")  # licensor, scheduler
            if len(base) > 3 and base[-1] == base[-2]:
                candidates.append(base[:-1])  # planner, shipped
        if base.endswith("i"):
            candidates.append(base[:-1] + "y")  # happiness
        if any(spell.get(c, 0) >= 1000 for c in candidates):
            return True
    return False


_VOWELS = frozenset("aeiouy")


def _inflected(word: str, spell: dict[str, int]) -> bool:
    """-ing or -ed on a word the list knows but not in that form, where the spelling
    cannot go wrong: after two different consonants ("sharding", "linted": shard, lint),
    or a silent e dropped ("triaging": triage) where no word with the consonant or the
    vowel doubled was meant ("quiting": quitting, "chosing": choosing). After a vowel an e
    may be lost ("agreing"), and a base in -s is a plural or a verb's -s form
    ("acceptsed"): those are left to the list."""
    # -eing kept after a vowel + ue, beside the -ing the list has: "queueing" (queuing);
    # not after a consonant + ue, where the e goes ("argueing")
    if word.endswith("eing") and re.search(r"[aeiou]ue$", word[:-3]) and \
            word[:-3] in spell and word[:-4] + "ing" in spell:
        return True
    for suffix in ("ing", "ed"):
        base = word[:-len(suffix)]
        if not word.endswith(suffix) or len(base) < 4 or base[-1] in _VOWELS | {"s"}:
            continue
        if base[-2] not in _VOWELS and base[-2] != base[-1] and spell.get(base, 0) >= 500:
            return True  # shard-ing, lint-ed
        if base[-2] in _VOWELS and spell.get(base + "e", 0) >= 500 and \
                base + base[-1] + suffix not in spell and \
                base[:-1] + base[-2] + base[-1] + suffix not in spell:
            return True  # triag(e)-ing: no "triagging" or "triaaging" was meant
    return False


# a prefix before a hyphen is no word of its own: "mis-picks", "non-urgent", "pre-booked"
_HYPHEN_PREFIXES = frozenset(_PREFIXES) | {"mis", "ex", "pro", "bi", "tri", "quasi", "neo",
                                           "pseudo", "intra", "extra", "ultra", "mini", "mega"}


def _hyphen_parts(word: str) -> list[str]:
    """The parts of a word to check: its pieces between hyphens, but for a prefix before a
    hyphen ("mis" in "mis-picks"), which is checked with the word it belongs to."""
    if "-" not in word:
        return [word]
    parts = [p for p in word.split("-") if p]
    return [p for i, p in enumerate(parts)
            if i == len(parts) - 1 or p not in _HYPHEN_PREFIXES] or parts


_ROMAN = re.compile(r"(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")


@cache
def _worth_a_look(word: str) -> bool:
    """Whether a lower-case word is a known misspelling, or unknown as a whole and in parts."""
    if word in _misspellings():
        return True
    if known(word):
        return False
    if len(word) <= 3 and not _swapped_common(word):
        return False  # hr, ux, kpi, wpm: abbreviations typed in lower case, not typos
    parts = _hyphen_parts(word)
    return not (parts and all(known(p) for p in parts))


def _swapped_common(word: str) -> bool:
    """Whether a short word is two letters of one of the commonest words swapped ("teh",
    "adn", "yuo", "fo"): the typo a short unknown word is, when it is not an abbreviation."""
    spell = english_frequencies()
    return any(spell.get(word[:i] + word[i + 1] + word[i] + word[i + 2:], 0) >= 1_000_000
               for i in range(len(word) - 1))


@cache
def _longest_known() -> int:
    return max(map(len, english_frequencies()), default=0)


@cache
def suggestions(word: str) -> tuple[str, ...]:
    """Known words one edit away from `word`, most frequent first (at most three); for a
    word of 6-14 letters with none, common words two edits away ("exelent")."""
    spell = english_frequencies()
    if len(word) > _longest_known() + 1:  # nothing is one edit away; the edits of a word
        return ()                         # of n letters are 54n strings of n: quadratic
    first = _edits1(word)
    found = {w for w in first if w in spell and w != word}
    if not found and 6 <= len(word) <= 14:
        found = {w for e in first for w in _edits1(e)
                 if spell.get(w, 0) >= 10000 and w != word}
    ranked = sorted(found, key=lambda w: (-spell[w], w))
    return tuple(ranked[:3])


def _record_words(context: Context) -> frozenset[str]:
    record = context.record
    if record is None:
        return frozenset()
    memo = context.resources.memo.setdefault("spelling:record", {})
    if id(record) in memo:
        return memo[id(record)]  # type: ignore[no-any-return]
    words = frozenset(w.lower().replace("’", "'") for text in record.spelled_phrases()
                      for w in re.findall(r"[^\W\d_][\w'’-]*", text)
                      for w in (w, *w.split("-")))
    memo[id(record)] = words
    return words


def _vocabulary(context: Context) -> frozenset[str]:
    memo = context.resources.memo
    if "spelling:vocabulary" not in memo:
        words = set()
        for entry in context.resources.vocabulary:
            for w in entry.replace("’", "'").split():
                words.add(w.lower())
        memo["spelling:vocabulary"] = frozenset(words)
    return memo["spelling:vocabulary"]  # type: ignore[no-any-return]


_TITLE = re.compile(r"(?:^|\W)(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Sr|Jr|Mt|Fr|Rev|Hon|Capt|Sgt|Lt|Col|"
                    r"Gen|Gov|Sen|Rep|Pres|Supt|Insp|Messrs|Mme|Mlle|No|Nos|Inc|Ltd|Co|Corp|"
                    r"Dept|Univ|[A-Z])\.$")


def _sentence_start(text: str, paragraph_start: int, start: int) -> bool:
    pos = start - 1
    while pos >= paragraph_start and (text[pos].isspace() or text[pos] in "\"“‘'(["):
        pos -= 1
    if pos < paragraph_start:
        return True
    if text[pos] == "." and _TITLE.search(text, max(paragraph_start, pos - 8), pos + 1):
        return False  # "Ms. Patel", "J. Smith": a name, not a new sentence
    return text[pos] in _SENTENCE_OPENERS


def _match_case(original: str, suggestion: str) -> str:
    if original[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


_NEXT_WORD = re.compile(r"[ \u00a0]+(\w)")


def _before_a_name(text: str, end: int) -> bool:
    """Whether the word ending at `end` is followed by a capitalised word (a particle of
    a name is: "der" in "van der Merwe")."""
    match = _NEXT_WORD.match(text, end)
    return match is not None and match.group(1).isupper()


def check_spelling(document: Document, context: Context, options: Options
                   ) -> Iterator[Problem]:
    text = document.text
    known_words = english_frequencies()
    table = _misspellings()
    vocabulary = _vocabulary(context)  # read (once a run) even when no word needs it: a
    # broken vocabulary file is the user's error to hear about, whatever the letter says
    # fast path: most letters hold no word outside the list
    unknown = {w for w in set(_WORDS.findall(text.lower().replace("’", "'")))
               if (w not in known_words or w in table) and _worth_a_look(w)}
    if not unknown:
        return
    skip: list[tuple[int, int]] | None = None  # URLs and e-mail addresses, when needed
    skip_starts: list[int] = []
    own = _record_words(context) | vocabulary
    for paragraph in document.paragraphs:
        if paragraph.role not in _CHECKED:
            continue
        for match in iter_words(text, paragraph.start, paragraph.end):
            raw = match.group(0)
            word = raw.replace("’", "'")
            lower = word.lower()
            if lower not in unknown:  # the common case, first
                continue
            start, end = match.span()
            if _DIGIT.search(raw) or (end < len(text) and unicodedata.combining(text[end])):
                continue
            if start > 1 and text[start - 1] in "./\\_" and not text[start - 2].isspace():
                continue  # a file name or path: interview.yaml, src/followup
            base = lower[:-2] if lower.endswith("'s") else lower.rstrip("'")
            if lower in own or base in own or all(p in own for p in base.split("-") if p):
                continue
            capitalised = word[:1].isupper()
            if lower in NAME_PARTICLES and _before_a_name(text, end):
                continue  # a particle of a name: van der Merwe, de la Cruz, Nic Giolla
            if lower not in table:
                if len(word) >= 2 and word.isupper():
                    continue  # an acronym
                if any(c.isupper() for c in word[1:]):
                    continue  # McKinsey, iPhone
                if capitalised and (paragraph.role == "salutation" or
                                    not _sentence_start(text, paragraph.start, start)):
                    continue  # a proper noun
            if skip is None:
                skip = [(m.start(), m.end()) for m in _SKIP_SPANS.finditer(text)]
                skip_starts = [s for s, _e in skip]
            # the spans are in order and apart: only the last one starting before the
            # word can reach it (a bisection, so many URLs and words stay linear)
            before = bisect.bisect_left(skip_starts, end)
            if before and skip[before - 1][1] > start:
                continue  # part of a URL or an e-mail address
            if lower in table:
                fix = _match_case(word, table[lower])
                yield Problem(start, end, f"'{raw}' is misspelled; did you mean '{fix}'?",
                              (safe(fix),))
                continue
            parts = _hyphen_parts(lower)
            if known(lower) or all(known(p) for p in parts):
                continue
            if _elongated(raw) is not None:
                continue  # "sooo", "pleeease": T001 reports drawn-out words
            for part in parts:
                if known(part) or len(part) < 3:
                    continue
                offset = lower.find(part)
                p_start, p_end = start + offset, start + offset + len(part)
                found = suggestions(part)
                if not found:
                    continue
                if capitalised and (len(part) < 4 or known_words[found[0]] < 50000):
                    continue  # a name or a product at the start of a sentence, most likely
                    # ("Figma", "Jira", "Asana"): only a near miss of a very common word
                    # is a typo there
                original = raw[offset: offset + len(part)]
                fixes = tuple(_match_case(original, f) for f in found)
                if len(fixes) == 1:
                    fixes = (safe(fixes[0]),)  # one suggestion: the one right answer
                yield Problem(p_start, p_end, f"'{original}' is not in the English word list; "
                              f"did you mean '{fixes[0]}'?", fixes)


RULES = [
    Rule(
        code="S001", name="misspelling", severity=Severity.ERROR,
        summary="A misspelled word (offline English word list; LanguageTool adds its own).",
        explanation="Every guide to follow-up letters says to proofread: a typo in a short "
        "note is what the reader remembers. Checked offline against a bundled English word "
        "list with British spellings; record names and topics, your vocabulary file, URLs, "
        "e-mail addresses, numbers, acronyms and capitalised proper nouns are never flagged.",
        bad="Thank you for the oppurtunity to meet the team; I recieve good reviews.",
        good="Thank you for the opportunity to meet the team; I receive good reviews.",
        check=check_spelling,
    ),
]
