"""Tone and register: informal language, negative phrasing, apology, pushiness, gifts.

What a career coach crosses out when proofreading a follow-up note. The phrases live in
reviewed lexicons under `models/` (`informal.yaml`, `negative.yaml`, `apologetic.yaml`,
`pushy.yaml`, `social.yaml`, `shouting.yaml`) of spaCy Matcher token patterns, compiled
once into one token trie that walks the letter's tokens (`document.spacy`) once. Each entry
carries its reason and, where there is one, the formal wording to suggest. A phrase inside
double quotes is a quotation, not the writer's voice, and is never flagged; the header
block and the signature are not prose.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache
from typing import Any

from .. import lexicons
from ..document import Document, Paragraph
from ..findings import Problem, Severity, safe
from . import apology, negative_model, pressure, verdicts
from .base import Context, Options, Rule

_PROSE = frozenset({"salutation", "body", "heading"})  # where phrases count by default


def paragraph_at(document: Document, offset: int) -> Paragraph | None:
    starts = document.cache.get("tone:starts")
    if starts is None:
        starts = document.cache["tone:starts"] = [p.start for p in document.paragraphs]
    index = bisect_right(starts, offset) - 1
    if index < 0:
        return None
    paragraph = document.paragraphs[index]
    return paragraph if offset < paragraph.end else None


def in_quotes(document: Document, paragraph: Paragraph, offset: int) -> bool:
    """Whether `offset` lies inside a double-quoted stretch of its paragraph."""
    before = document.text[paragraph.start:offset]
    straight = before.count('"') % 2 == 1
    curly = before.rfind("“") > before.rfind("”")
    return straight or curly


def in_prose(document: Document, offset: int) -> bool:
    """Whether `offset` is in the writer's own prose: a salutation, body or heading
    paragraph, outside double quotes."""
    paragraph = paragraph_at(document, offset)
    return paragraph is not None and paragraph.role in _PROSE and \
        not in_quotes(document, paragraph, offset)


LEXICONS = ("informal.yaml", "negative.yaml", "apologetic.yaml", "pushy.yaml",
            "social.yaml")


def lexicon_matches(document: Document, name: str) -> list[tuple[int, int, dict[str, Any]]]:
    """(start, end, entry) of every entry of lexicon `name` that applies where it stands.

    The five tone lexicons share one token trie: the first rule to ask walks the letter
    once and the matches of every lexicon are kept in `document.cache`.
    """
    key = f"tone:{name}"
    if key not in document.cache:
        _match_all(document)
    return document.cache.get(key, [])  # type: ignore[no-any-return]


def _match_all(document: Document) -> None:
    doc = document.spacy
    lexicon = lexicons.compiled_together(LEXICONS)
    found: dict[str, list[tuple[int, int, dict[str, Any]]]] = {name: [] for name in LEXICONS}

    def keep(key: str, start: int, end: int) -> bool:
        return _counts(document, key, lexicon.entries[key], start, end)

    for key, start, end in lexicon.spans(doc, keep):
        first, last = doc[start], doc[end - 1]
        entry = lexicon.entries[key]
        found[entry["lexicon"]].append((first.idx, last.idx + len(last.text), entry))
    for name, matches in found.items():
        document.cache[f"tone:{name}"] = matches


_SENTENCE_ENDS = frozenset({".", "!", "?", ";"})
_QUOTES = frozenset({'"', "“", "”"})
_FULL_STOPS = frozenset({".", "!", "?"})
_LONG_GAP = re.compile(r"(?:^|\s)\.\.\.\d(?:\s|$)")


@cache
def _limits(phrases: tuple[str, ...], unless: tuple[str, ...]
            ) -> tuple[bool, frozenset[str]]:
    """Whether an entry's phrases have a long gap (`...N`), and its `unless_inside` words."""
    return (any(_LONG_GAP.search(p) for p in phrases),
            frozenset(w.lower() for w in unless))


def _counts(document: Document, key: str, entry: dict[str, Any], start: int, end: int
            ) -> bool:
    """Whether the match of entry `key` over tokens `start`-`end` counts where it stands.

    It does not when it runs from one sentence into the next (a full stop and a capital
    inside it: "the role. Your receptionist was rude" is the second sentence's verdict, and
    the shorter match there is kept), when it breaks a limit its entry sets (a long gap,
    `...N`, runs over the end of a sentence; a word of `unless_inside` is among the
    matched words: "I sent this note as a thank-you" is the letter itself, not a gift), or
    when it stands where the entry does not count (outside its `part`, not `first` in it,
    a letter kind it skips, inside double quotes), is a denial (`_negated`), follows an
    `unless_after` word, precedes an `unless_next` word, is a `vocative` not set off as an
    address, is an informal word inside a proper name (`_inside_name`) or a bracketed
    abbreviation its words spell out (`_defined_abbreviation`), is a word mentioned in
    single quotes (`_single_quoted`) or shares its sentence with an `unless_in_sentence`
    word."""
    doc = document.spacy
    tokens = doc[start:end]
    phrases = entry.get("phrase") or ()
    long_gap, words = _limits((phrases,) if isinstance(phrases, str) else tuple(phrases),
                              tuple(entry.get("unless_inside") or ()))
    if long_gap or words:
        for token in tokens:
            if token.lower_ in words:
                return False
            if long_gap and start < token.i < end - 1 and \
                    (token.text in _SENTENCE_ENDS or "\n" in token.text):
                return False  # inside the match, not the full stop a phrase may end on
    for token in tokens[1:-1]:  # a full stop and a capital inside: two sentences
        if token.text in _FULL_STOPS and doc[token.i + 1].text[:1].isupper():
            return False
    if entry.get("lexicon") == "negative.yaml" and any(t.text in _QUOTES for t in tokens):
        return False  # a quoted verdict: 'you joked that "the parking is a nightmare"'
    if _single_quoted(doc, start, end):
        return False  # a word mentioned, not used: "vague 'ASAP' requests"
    at = doc[start].idx
    paragraph = paragraph_at(document, at)
    if paragraph is None or paragraph.role not in (entry.get("part") or _PROSE):
        return False
    if entry.get("first") and document.text[paragraph.start:at].strip():
        return False
    if document.kind in entry.get("skip_kinds", ()) or in_quotes(document, paragraph, at):
        return False
    if entry.get("lexicon") in _NEGATABLE and entry.get("negatable", True) and \
            _negated(list(tokens), key):
        return False
    if entry.get("unless_after") and _comes_after(doc, start, entry["unless_after"]):
        return False
    if entry.get("unless_next") and end < len(doc) and \
            _is_one_of(doc[end], entry["unless_next"]):
        return False  # "Please excuse me from the Friday session" releases, not apologises
    if entry.get("vocative") and not _addresses(doc, start, end):
        return False  # "the family dude ranch" names a place; "Thanks, dude!" addresses
    if entry.get("lexicon") == "informal.yaml" and (
            _inside_name(doc, start, end) or _defined_abbreviation(doc, start, end)
            or _unit_of_number(doc, start)):
        return False  # "the Haha Comedy Club" is a name, not laughter; so is "(LoL)"
    if entry.get("unless_in_sentence") and \
            _in_sentence(doc, start, end, entry["unless_in_sentence"]):
        return False
    # a denied judgement: "I never once felt the panel was cold" (last: the dearest test)
    return not (entry.get("lexicon") == "negative.yaml" and verdicts.denied_before(doc, start))


# A verdict the writer denies is no verdict: "I was not nervous at all", "the parking was
# never a problem", "I never stumbled". A negator is taken as a denial when it fills a
# wildcard of the phrase (`*`, `...`), i.e. when the match minus that word still matches the
# same entry; a negator the phrase spells out ("i do not think i", "@poor: not great") is the
# fault itself and stays. "never ... so|as|more" is the writer's emphasis ("I have never been
# so nervous"), not a denial.
_NEGATABLE = frozenset({"negative.yaml", "apologetic.yaml", "pushy.yaml"})
_NEGATORS = frozenset({"not", "never", "no", "hardly", "barely", "nowhere", "neither", "nor"})
_EMPHASIS = frozenset({"so", "as", "more", "this", "that", "such"})


def _negated(tokens: list[Any], key: str) -> bool:
    """Whether a match of entry `key` over these tokens is a denial: a negator in a
    wildcard slot."""
    if len(tokens) < 2:
        return False
    for i, token in enumerate(tokens):
        if i == 0 or token.norm_ not in _NEGATORS:
            continue
        if token.norm_ == "never" and any(t.norm_ in _EMPHASIS for t in tokens[i + 1:i + 3]):
            continue  # "I have never been so nervous": emphasis, not a denial
        if _still_matches([t for j, t in enumerate(tokens) if j != i], key):
            return True
    return False


def _comes_after(doc: Any, first: int, words: list[str]) -> bool:
    """Whether one of `words` (by norm) is among the two tokens before token `first`: "I
    know this is my third email" owns up (T004), "this is my third email" chases (T005)."""
    wanted = {w.lower() for w in words}
    return any(t.norm_ in wanted or t.lower_ in wanted for t in doc[max(0, first - 2):first])


def _is_one_of(token: Any, words: list[str]) -> bool:
    """Whether `token` is one of `words` (by norm or lower case)."""
    wanted = {w.lower() for w in words}
    return bool(token.norm_ in wanted or token.lower_ in wanted)


def _boundary(doc: Any, i: int) -> bool:
    """Whether position `i` is outside the Doc or a punctuation or line-break token."""
    return i < 0 or i >= len(doc) or doc[i].is_punct or "\n" in doc[i].text


def _addresses(doc: Any, start: int, end: int) -> bool:
    """Whether the match stands as a form of address: set off by punctuation or a line on
    at least one side ("Seriously dude, ...", "Thanks dude!"), not inside a noun phrase
    ("the family dude ranch")."""
    return _boundary(doc, start - 1) or _boundary(doc, end)


def _inside_name(doc: Any, start: int, end: int) -> bool:
    """Whether the match is a capitalised word inside a proper name in a sentence of
    ordinary case: every matched word Title Case, not the sentence's first word, and a
    capitalised word ("Comedy", "Club") right beside it. A sentence written mostly in
    Title Case is shouting (`shouting.yaml`), not a name, and keeps its match."""
    if start == 0 or _boundary(doc, start - 1) or \
            not all(t.is_title for t in doc[start:end]):
        return False

    def named(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].is_title and doc[i].text != "I" and \
            not _boundary(doc, i - 1)

    if not (named(start - 1) or named(end)):
        return False
    first, last = _sentence_of(doc, start, end)
    words = [t for t in doc[first:last] if t.is_alpha]
    return sum(t.is_title for t in words) * 2 < len(words)


def _unit_of_number(doc: Any, start: int) -> bool:
    """Whether the match is glued to the number before it: the "K" of "the Leeds 10K" or
    "a £30k budget" is a unit, not the chat spelling "k"."""
    if start == 0:
        return False
    before = doc[start - 1]
    return not before.whitespace_ and before.text[-1:].isdigit()


def _single_quoted(doc: Any, start: int, end: int) -> bool:
    """Whether the match is a short stretch (at most four words) in single quotes of its
    own: "replaced vague 'ASAP' requests" names the word; "I'm" keeps its apostrophe."""
    if start == 0 or end >= len(doc) or end - start > 4:
        return False
    opening, closing = doc[start - 1].text, doc[end].text
    return (opening, closing) in (("'", "'"), ("‘", "’"))


def _defined_abbreviation(doc: Any, start: int, end: int) -> bool:
    """Whether the match holds a bracketed abbreviation, not all lower case, that the
    words before the bracket spell out: "League of Legends (LoL)", "Ongoing Monitoring
    Group (OMG)" name a thing; "(lol)" laughs."""
    for token in doc[start:end]:
        word = token.text
        if not (word.isalpha() and 2 <= len(word) <= 6) or word.islower() or \
                token.i == 0 or doc[token.i - 1].text != "(":
            continue
        before = [t.text for t in doc[max(0, token.i - 1 - len(word)):token.i - 1]]
        if len(before) == len(word) and before[0][:1].isupper() and \
                "".join(w[:1] for w in before).lower() == word.lower():
            return True
    return False


def _in_sentence(doc: Any, start: int, end: int, words: list[str]) -> bool:
    """Whether one of `words` (by norm or lower case) is in the sentence of the match at
    tokens `start`-`end`: "As you asked, I will call you on Thursday" is a call the
    reader asked for, "I will call you on Thursday" announces one (T005). A word with `_`
    is a run of words ("your_plans": the reader's plans, not "my plans")."""
    flat = [w.lower() for w in _flat(words)]
    wanted = frozenset(w for w in flat if "_" not in w)
    runs = [tuple(w.split("_")) for w in flat if "_" in w]
    first, last = _sentence_of(doc, start, end)
    if any(t.norm_ in wanted or t.lower_ in wanted for t in doc[first:last]):
        return True
    return any(all(doc[i + k].norm_ == w or doc[i + k].lower_ == w for k, w in enumerate(run))
               for run in runs for i in range(first, last - len(run) + 1))


def _flat(words: list[Any]) -> list[str]:
    """An `unless_in_sentence` list with its nested lists spread: a shared YAML anchor plus
    an entry's own words (`[*reader_set, [forward, send]]`)."""
    return [w for item in words for w in (_flat(item) if isinstance(item, list) else [item])]


def _sentence_of(doc: Any, start: int, end: int) -> tuple[int, int]:
    """The token span of the sentence around the match at tokens `start`-`end` (at most
    40 tokens either side), cut at full stops, `;` and line breaks."""
    def ends(token: Any) -> bool:
        return token.text in _SENTENCE_ENDS or "\n" in token.text

    first = start
    while first > max(0, start - 40) and not ends(doc[first - 1]):
        first -= 1
    last = end - 1 if ends(doc[end - 1]) else end  # a phrase may end on its full stop
    while last < min(len(doc), end + 40) and not ends(doc[last]):
        last += 1
    return first, last


def _still_matches(tokens: list[Any], key: str) -> bool:
    """Whether these tokens, as one short Doc with their norms, hold a match of entry
    `key`."""
    from spacy.tokens import Doc

    doc = Doc(tokens[0].doc.vocab, words=[t.text for t in tokens])
    for new, old in zip(doc, tokens, strict=True):
        new.norm_ = old.norm_
    lexicon = lexicons.compiled_together(LEXICONS)
    return bool(lexicon.spans(doc, lambda found, first, last: found == key))


def _problems(document: Document, name: str, what: str, trim: bool = False
              ) -> Iterator[Problem]:
    """One finding per match; `trim` leaves out a closing mark the phrase ends on ("I
    follow your Instagram." points at the words, not the full stop)."""
    for start, end, entry in lexicon_matches(document, name):
        while trim and end - start > 1 and document.text[end - 1] in ".,;:!?":
            end -= 1
        text = document.text[start:end]
        suggest = entry.get("suggest") or ""
        if suggest and text[:1].isupper() and suggest[:1].islower():
            suggest = suggest[0].upper() + suggest[1:]  # "Thx" at a sentence start
        message = f"{what} '{text}': {entry.get('reason', '')}".rstrip(": ")
        if suggest:
            message += f"; consider '{suggest}'"
        yield Problem(start, end, message, (suggest,) if suggest else ())


# --- T001 -----------------------------------------------------------------------------------


@cache
def _shouting() -> tuple[frozenset[str], frozenset[str], re.Pattern[str]]:
    data = lexicons.load("shouting.yaml")
    doubled = "|".join(re.escape(d) for d in data["doubled"])
    return (frozenset(w.lower() for w in data["emphasis"]),
            frozenset(w.upper() for w in data["acronyms"]),
            re.compile(rf"(?:{doubled})[!?]*"))


# doubled marks standing alone mid-sentence ("Kotlin's !! operator") or in backticks
# ("`??`") are a symbol being named, not shouting
_SYMBOL_AFTER = re.compile(r"[ \t]+[a-z0-9]")


def _named_symbol(text: str, start: int, end: int) -> bool:
    """Whether the doubled marks at start:end are a symbol named, not emphasis."""
    before = text[start - 1] if start else ""
    if before == "`" and text[end:end + 1] == "`":
        return True
    return before in (" ", "\t") and _SYMBOL_AFTER.match(text, end) is not None


def check_informal(document: Document, context: Context, options: Options
                   ) -> Iterator[Problem]:
    yield from _problems(document, "informal.yaml", "informal", trim=True)
    yield from _register(document)
    emphasis, acronyms, doubled = _shouting()
    text = document.text
    for match in doubled.finditer(text):
        paragraph = paragraph_at(document, match.start())
        if paragraph is None or paragraph.role not in _PROSE or \
                in_quotes(document, paragraph, match.start()) or \
                _named_symbol(text, match.start(), match.end()):
            continue
        yield Problem(match.start(), match.end(),
                      f"informal punctuation '{match.group(0)}'; one mark is enough",
                      (_one_mark(match.group(0)),))
    for match in _CAPS_RUN.finditer(text):
        words = [w for w in re.findall(r"[A-Z][A-Z'’]*[A-Z]|[A-Z]", match.group(0))
                 if len(w) >= 2]
        loud = [w for w in words if w.upper() not in acronyms]
        if not (len(loud) >= 3 or any(w.lower().replace("’", "'") in emphasis
                                      for w in loud)):
            continue
        first = match.start() + match.group(0).find(loud[0])
        last = match.start() + match.group(0).rfind(loud[-1]) + len(loud[-1])
        paragraph = paragraph_at(document, first)
        if paragraph is None or paragraph.role not in _PROSE or \
                in_quotes(document, paragraph, first):
            continue
        line_start = text.rfind("\n", 0, first) + 1
        line_end = text.find("\n", last)
        line = text[line_start: len(text) if line_end == -1 else line_end]
        if line.strip().upper() == line.strip() and len(line.split()) <= 12 and \
                not line.rstrip().endswith((".", "!", "?")):
            continue  # a title or subject line in capitals, not shouting inside a sentence
        yield Problem(first, last, f"all-caps '{text[first:last]}' reads as shouting; "
                      "use normal case", (text[first:last].lower(),))


_TRIPLE = re.compile(r"([A-Za-z])\1\1+")  # linear: the word around it is found by hand


@cache
def elongated(word: str) -> str | None:
    """The ordinary word behind a drawn-out one ("sooo" -> "so", "Heyyy" -> "hey"), or
    None when the word is not one (a real word, or no word once the letters are folded)."""
    lower = word.lower()
    frequencies = lexicons.english_frequencies()
    if lower in frequencies or lower in ("www", "iii", "xxx", "zzz", "aaa"):
        return None
    single = re.sub(r"(.)\1{2,}", r"\1", lower)
    double = re.sub(r"(.)\1{2,}", r"\1\1", lower)
    for candidate in (double, single):
        if candidate in frequencies or candidate in ("hey", "hi", "yay", "ok", "omg", "lol"):
            return candidate
    return None


_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|(?=\n)|$)")  # never backtracks: linear
_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def _title_case_shouting(sentence: str) -> bool:
    """A sentence of five or more words written In Title Case: most words capitalised,
    and at least three of them ordinary lower-case English words (not names)."""
    words = _TITLE_WORD.findall(sentence)
    if len(words) < 5:
        return False
    frequencies = lexicons.english_frequencies()
    capitalised = [w for w in words[1:] if w[:1].isupper() and not w.isupper()]
    ordinary = [w for w in capitalised if frequencies.get(w.lower(), 0) >= 200000]
    return len(capitalised) >= 0.7 * (len(words) - 1) and len(ordinary) >= 3


# four or more capitalised words in a row inside a sentence ("I am Really Excited About
# This Opportunity"); linear: one pass, no nested repetition that backtracks
_TITLE_RUN = re.compile(r"(?<![\w'’])[A-Z][a-z'’]+(?: [A-Z][a-z'’]+){3,}(?![\w'’])")
# words a name or a title hardly ever holds, but a sentence In Title Case does
_SENTENCE_WORDS = frozenset({
    "about", "this", "that", "these", "so", "very", "really", "truly", "you", "your", "am",
    "is", "are", "was", "were", "be", "been", "can't", "cannot", "wait", "much", "my",
    "me", "it", "we", "our", "just", "what", "how", "i'm", "i've", "it's", "love",
    "excited", "thank", "thanks", "forward", "looking", "amazing", "grateful", "thrilled",
    "happy", "can", "will", "would", "hear", "hearing", "soon"})


def _shouted_run(run: str) -> bool:
    """A run of capitalised words that is a phrase written In Title Case, not a name or a
    title ("Department for Work and Pensions"): two or more of its words (after the
    first) are words of a sentence, not of a name."""
    words = [w.lower().replace("’", "'") for w in run.split()[1:]]
    return sum(w in _SENTENCE_WORDS for w in words) >= 2


def _register(document: Document) -> Iterator[Problem]:
    """Drawn-out words ("sooo", "pleeease") and sentences In Title Case."""
    text = document.text
    for paragraph in document.paragraphs:
        if paragraph.role not in _PROSE:
            continue
        chunk = text[paragraph.start:paragraph.end]
        done = -1
        for match in _TRIPLE.finditer(chunk):
            left, right = match.start(), match.end()
            if left < done:
                continue
            while left > 0 and chunk[left - 1].isalpha() and match.start() - left < 40:
                left -= 1
            while right < len(chunk) and chunk[right].isalpha() and right - match.end() < 40:
                right += 1
            done = right
            word = chunk[left:right]
            if (left and chunk[left - 1] in "'’_") or len(word) > 40:
                continue
            plain = elongated(word)
            start = paragraph.start + left
            if plain is None or in_quotes(document, paragraph, start):
                continue
            yield Problem(start, paragraph.start + right,
                          f"informal '{word}': drawn-out letters are chat register", (plain,))
        if paragraph.role != "body":
            continue
        for match in _SENTENCE.finditer(chunk):
            sentence = match.group(0)
            lead = len(sentence) - len(sentence.lstrip())
            start = paragraph.start + match.start() + lead
            if sentence.rstrip().endswith((".", "!", "?")) and \
                    _title_case_shouting(sentence.strip()) and \
                    not in_quotes(document, paragraph, start):
                yield Problem(start, paragraph.start + match.end(),
                              "informal: a sentence In Title Case reads as shouting; use "
                              "sentence case")
                continue
            for run in _TITLE_RUN.finditer(sentence):
                if _shouted_run(run.group(0)):
                    at = paragraph.start + match.start() + run.start()
                    if not in_quotes(document, paragraph, at):
                        yield Problem(at, at + len(run.group(0)),
                                      f"informal: '{run.group(0)}' In Title Case reads as "
                                      "shouting; use sentence case",
                                      (run.group(0).lower(),))


def _one_mark(marks: str) -> str:
    """'!!' -> '!' is the one right answer (safe); '?!' -> '?' may drop what was meant."""
    return safe(marks[0]) if len(set(marks)) == 1 else marks[0]


# a run of all-caps words ("THANK YOU SO MUCH"), across spaces and light punctuation
_CAPS_RUN = re.compile(r"(?<![\w'’])[A-Z][A-Z'’]*[A-Z](?![\w'’])"
                       r"(?:[ ,]+(?:[A-Z][A-Z'’]*[A-Z]|A|I)(?![\w'’]))*")


def _beside_phrases(document: Document, phrases: list[Problem],
                    found: Iterator[tuple[int, int, str]], label: str) -> Iterator[Problem]:
    """The structural findings (verdicts, pressure) that no phrase finding already covers,
    in prose outside quotes, worded as the phrase findings are."""
    for start, end, reason in found:
        if any(p.start < end and start < p.end for p in phrases):
            continue
        if not in_prose(document, start):
            continue
        text = document.text[start:end]
        yield Problem(start, end, f"{label} '{text}': {reason}".rstrip(": "))


def check_negative(document: Document, context: Context, options: Options
                   ) -> Iterator[Problem]:
    """The phrase entries of models/negative.yaml, then the structural verdicts
    (rules/verdicts.py) that no phrase already covers."""
    phrases = list(_problems(document, "negative.yaml", "negative phrasing"))
    yield from phrases
    found = list(verdicts.problems(document))
    yield from _beside_phrases(document, phrases, iter(found), "negative phrasing")
    if options["sentence_model"]:
        covered = phrases + [Problem(start, end, "") for start, end, _ in found]
        yield from _beside_phrases(document, covered, negative_model.problems(document),
                                   "negative phrasing")


def check_apologetic(document: Document, context: Context, options: Options
                     ) -> Iterator[Problem]:
    """The phrase entries of models/apologetic.yaml, then the structural apology check
    (rules/apology.py) where no phrase already covers it."""
    phrases = list(_problems(document, "apologetic.yaml", "apologetic"))
    yield from phrases
    yield from _beside_phrases(document, phrases, apology.problems(document), "apologetic")


def check_pushy(document: Document, context: Context, options: Options) -> Iterator[Problem]:
    """The phrase entries of models/pushy.yaml, then the structural pressure check
    (rules/pressure.py) where no phrase already covers it, then the sentence model where
    neither does."""
    phrases = list(_problems(document, "pushy.yaml", "pushy", trim=True))
    yield from phrases
    pressing = list(_beside_phrases(document, phrases, pressure.problems(document), "pushy"))
    yield from pressing
    if options["sentence_model"]:
        yield from _beside_phrases(document, phrases + pressing,
                                   negative_model.problems(document, "T005"), "pushy")


def check_social(document: Document, context: Context, options: Options) -> Iterator[Problem]:
    yield from _problems(document, "social.yaml", "gift or social", trim=True)


RULES = [
    Rule(
        code="T001", name="informal-language", severity=Severity.WARNING,
        summary="Slang, text-speak and casual register (hey, gonna, thx, awesome, cheers, "
        "ALL CAPS, !!).",
        explanation="A follow-up note is a business letter: advisers recommend a formal "
        "greeting and close and plain, polite wording. \"Hi Name,\", \"Thank you so much\" "
        "and \"excited\" are fine (good published notes use them); slang and text-speak "
        "(models/informal.yaml), shouting in capitals and doubled punctuation are not.",
        bad="Hey Nick,\n\nThx for the chat, I'm gonna read up on the conveyor line!! "
        "Super excited.\n\nCheers,\nJordan",
        good="Dear Nick,\n\nThank you for the conversation; I am going to read up on the "
        "conveyor line. I am excited about the role.\n\nBest regards,\nJordan",
        check=check_informal, needs_nlp=True,
    ),
    Rule(
        code="T003", name="negative-phrasing", severity=Severity.WARNING,
        summary="Unconscious negative comments about yourself, the interview or others.",
        explanation="Coaches warn against undercutting yourself after an interview (\"I'm "
        "not sure I answered well\", \"I know I lack experience\") or criticising a "
        "former employer; restate a strength or add the point you missed instead. "
        "Positive negation (\"I can't wait to\", \"don't hesitate to contact me\") and "
        "plain facts in a reply to a rejection are not flagged (models/negative.yaml). "
        "Beside the phrases, a verdict is found by its parts: a target (the interviewers, "
        "their premises, process or product, your employer, your own answers) and a "
        "negative evaluation linked to it in one clause (models/verdicts.yaml). Beside both, "
        "a sentence model scores each sentence of your own prose on its words and word "
        "classes (models/negative-model.json, bench/train_negative.py); "
        "`sentence_model = false` turns it off.",
        bad="I'm not sure I answered your question on forecasting well, and I know I lack "
        "experience with recyclable packaging.",
        good="I would like to add to my answer on forecasting: at Northwind I built the "
        "weekly volume model.",
        check=check_negative, needs_nlp=True, options={"sentence_model": True},
        # saying no is the message of a withdrawal; in a reply to a rejection the plain
        # facts ("unfortunately I", "I was disappointed") are skipped entry by entry
        # (`skip_kinds` in models/negative.yaml), a complaint about the employer is not
        skip_kinds=frozenset({"withdrawal"}),
    ),
    Rule(
        code="T004", name="apologetic", severity=Severity.WARNING,
        summary="Apologising for following up or for taking the reader's time.",
        explanation="Following up is expected; apologising for it (\"sorry to bother "
        "you\", \"I hate to pester\") signals that you think it is an imposition. State "
        "your purpose politely instead (models/apologetic.yaml).",
        bad="Sorry to bother you again, but I wanted to ask about the timeline.",
        good="I am writing to ask whether there is an update on the timeline.",
        check=check_apologetic, needs_nlp=True,
    ),
    Rule(
        code="T005", name="pushy-or-desperate", severity=Severity.WARNING,
        summary="Desperation, pressure and demands for a decision (\"I really need this "
        "job\", ASAP, \"I will call you tomorrow\").",
        explanation="A follow-up may ask politely about the timeline; pleading, deadlines "
        "for the employer and announced calls read as pushy or desperate "
        "(models/pushy.yaml). Beside the phrases, pressure is found by its parts: who "
        "presses (an imperative, a request, the writer's want), for what (an answer, a "
        "decision) and how soon (today, by Friday), in one sentence (models/pressure.yaml). "
        "Beside both, a sentence model scores each sentence of your own prose "
        "(models/pushy-model.json, bench/train_negative.py --code T005); it is off until "
        "`sentence_model = true` (on five fresh blind sets it flagged 2 of 352 good letters).",
        bad="I really need this job, so please let me know your decision ASAP. I will call "
        "you tomorrow.",
        good="I remain very interested in the role and look forward to hearing from you.",
        check=check_pushy, needs_nlp=True, options={"sentence_model": False},
    ),
    Rule(
        code="T006", name="gift-or-social", severity=Severity.WARNING,
        summary="Offering a gift (flowers, candy, tickets) or adding the interviewer on "
        "Facebook or similar.",
        explanation="Career advisers list sending gifts and befriending the interviewer "
        "on personal social media among the things not to do after an interview; a "
        "LinkedIn connection is fine (models/social.yaml).",
        bad="I sent a small box of chocolates to your office and added you on Facebook.",
        good="I would be glad to connect on LinkedIn.",
        check=check_social, needs_nlp=True,
    ),
]
