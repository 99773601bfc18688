"""Sentence models: a linear score over a sentence's words and word classes.

The phrase entries (models/negative.yaml, models/pushy.yaml) and the structural checks
(rules/verdicts.py, rules/pressure.py) find the families someone has written down; real
letters run themselves down, and press, in more ways than any list holds ("my nerves got
the better of me", "the role at my current firm has been a slog"). A model generalises
from the labelled sentences of the development sets: a logistic regression over Snowball
stems, stem bigrams and the word classes the lexicons already name (models/wordclasses.yaml,
the one-word parts of models/verdicts.yaml), so that "interviewers" and "panel", "awful"
and "dreadful" share what was learnt about either. T003 has one (negative-model.json),
T005 another (pushy-model.json); both share the features below.

The weights are reviewed data (models/*-model.json), written by `bench/train_negative.py`,
which prints its cross-validated figures and chooses the threshold; the features below are
the one definition both use. Precision first: each threshold is set so that,
cross-validated, no clean development letter is flagged, and the sentences a coach would
not mark (a quotation, the reader's own account, and per code a reply to a rejection or a
withdrawal) are never scored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from typing import Any

from .. import lexicons
from ..document import Document
from ..errors import UserError
from ..nlp import stem
from . import verdicts


@dataclass(frozen=True)
class Spec:
    """What one code's model is: its file, the letter kinds it never scores, and what its
    finding says."""
    code: str
    file: str
    skipped_kinds: frozenset[str]
    reason: str


SPECS = {
    # a reply to a rejection says "I was disappointed" as a plain fact, and a withdrawal
    # says no: the phrase entries skip those kinds one by one; the model cannot tell
    "T003": Spec("T003", "negative-model.json", frozenset({"rejection-reply", "withdrawal"}),
                 "reads as a negative comment about yourself, a former employer or the "
                 "interview; say what you offer instead"),
    # a withdrawal may well set its own date ("please remove me by Friday")
    "T005": Spec("T005", "pushy-model.json", frozenset({"withdrawal"}),
                 "reads as pressing the reader or as desperate; state your interest and "
                 "leave the timing to them"),
}
MODEL_FILE = SPECS["T003"].file

_MIN_WORDS = 3  # "Thank you." and sign-offs carry no verdict


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    threshold: float
    stems: dict[str, str]  # word -> its Snowball stem, for the words of the training set


@cache
def word_classes() -> dict[str, tuple[str, ...]]:
    """Lower-case word -> the classes it belongs to: every one-word choice of a
    models/wordclasses.yaml class, and of every models/verdicts.yaml entry's `words`
    (a target, an evaluation, a failure...), named `v_<id>`."""
    classes: dict[str, set[str]] = {}
    for name in lexicons.load("wordclasses.yaml") or {}:
        for word in lexicons.choices("@" + name):
            if "_" not in word:
                classes.setdefault(word.lower(), set()).add(name)
    for entry in lexicons.load("verdicts.yaml") or []:
        for piece in entry.get("words") or []:
            if " " in str(piece):
                continue
            for word in lexicons.choices(str(piece)):
                if "_" not in word:
                    classes.setdefault(word.lower(), set()).add("v_" + str(entry["id"]))
    return {word: tuple(sorted(names)) for word, names in classes.items()}


@cache
def _stem(word: str) -> str:
    """The Snowball stem, looked up first among the training words' stems that the model
    file carries (Snowball in pure Python was most of the model's time)."""
    known = _known_stems().get(word)
    return known if known is not None else stem(word)


@cache
def _known_stems() -> dict[str, str]:
    try:
        return model().stems
    except UserError:  # no model yet: bench/train_negative.py is writing the first one
        return {}


# a negator is a one-word choice of models/verdicts.yaml's `negators` entry (its class),
# and "without", which denies what follows it ("without a hitch") but is no denied verdict
# for the verdict check
_NEGATOR_CLASS = "v_negators"
_NEGATORS_BESIDE = frozenset({"without"})
# a negator denies the words after it up to the end of its clause ("nothing about the
# process felt rushed"), but no further than this: "not" rarely reaches past five words
_NEGATION_SPAN = 5
# a clause ends at punctuation and at a joining word (models/verdicts.yaml `joiners`:
# "the panel was not late, although the room was cold" denies nothing about the room)
_CLAUSE_ENDS = frozenset({"and", "or"})
_JOINER_CLASS = "v_joiners"
# grammar words ("although", "not", "I", "quite", "was") say nothing alone, only next to
# a word (`b:`, `cb:`): alone, as a class or a stem, they taught the model that a long
# sentence, or any "did not" ("my bad knee did not stop me"), leans negative
_GRAMMAR_CLASSES = frozenset({"v_joiners", "v_negators", "v_self-i", "v_degree-words",
                              "v_link-verbs", "v_aux-verbs", "v_target-heads"})


def _columns(doc: Any) -> tuple[list[str], list[str], list[int]]:
    """Each token's norm and lower-case text, and 0 (a word), 1 (punctuation) or 2
    (space), read once per letter from one token array."""
    cached = doc.user_data.get("followup:model-columns")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    from spacy.attrs import IS_PUNCT, IS_SPACE

    norms, texts, _ = verdicts.token_columns(doc)
    kinds = [2 if space or not text.strip() else 1 if punct else 0
             for (punct, space), text in zip(doc.to_array([IS_PUNCT, IS_SPACE]).tolist(),
                                             texts, strict=True)]
    cached = ([n.lower() for n in norms], [t.lower() for t in texts], kinds)
    doc.user_data["followup:model-columns"] = cached
    return cached


def _span(tokens: Any) -> Any:
    """A sentence as a Span: a whole Doc (a lexicon example) becomes one."""
    return tokens if hasattr(tokens, "start") else tokens[:]


def words(tokens: Any) -> set[str]:
    """The norms of a sentence's words, for the model file's stem table."""
    span = _span(tokens)
    norms, _, kinds = _columns(span.doc)
    return {norms[i] for i in range(span.start, span.end) if kinds[i] == 0}


# Snowball takes these noun endings off ("presentation" -> "present"), which makes a
# gift and a talk one word; the model keeps them apart ("present=ation")
_DERIVED = (("ations", "ation"), ("ation", "ation"), ("ments", "ment"), ("ment", "ment"),
            ("ness", "ness"), ("ities", "ity"), ("ity", "ity"))


@cache
def _word(norm: str, lower: str) -> tuple[str, tuple[str, ...]]:
    """A word's stem and classes (by its spelling, else by its norm)."""
    classes = word_classes()
    word_stem = _stem(norm)
    for ending, kept in _DERIVED:
        if norm.endswith(ending) and len(word_stem) <= len(norm) - len(ending) + 1:
            word_stem += "=" + kept
            break
    return word_stem, classes.get(lower, ()) or classes.get(norm, ())


@dataclass(frozen=True)
class _Token:
    """What `features` needs of one word, worked out once per spelling: its stem, its
    unigram and class features (plain and denied), its place in the class sequence, and
    whether it ends a clause or starts a denial."""
    stem: str
    plain: tuple[str, ...]  # `u:` and `c:` features; empty parts for grammar words
    denied: tuple[str, ...]  # the same as `n:` and `nc:`
    sequence: tuple[str, ...]  # its classes, else ("w:<stem>",)
    ends_clause: bool
    negator: bool


@cache
def _token(norm: str, lower: str) -> _Token:
    word_stem, names = _word(norm, lower)
    content = [n for n in names if n not in _GRAMMAR_CLASSES]
    unigram = _GRAMMAR_CLASSES.isdisjoint(names)
    return _Token(word_stem,
                  (("u:" + word_stem,) if unigram else ()) + tuple("c:" + n for n in content),
                  (("n:" + word_stem,) if unigram else ()) + tuple("nc:" + n for n in content),
                  names or ("w:" + word_stem,),
                  norm in _CLAUSE_ENDS or _JOINER_CLASS in names,
                  _NEGATOR_CLASS in names or norm in _NEGATORS_BESIDE)


def features(tokens: Any) -> set[str]:
    """The features of one sentence (a spaCy Span, or a Doc): stems (`u:`, not for the
    grammar words), stem bigrams (`b:`), word classes (`c:`) and bigrams with at least one
    class (`cb:`). What a
    negator denies (by norm: "n't" is "not"), the words after it to the end of its clause,
    counts apart (`n:`, `nc:`, and `nb:`, `ncb:` for a bigram that holds a denied word):
    "the parking was not awful" is not "the parking was awful", and "not sure I answered
    well" is its own signal."""
    span = _span(tokens)
    norms, lowers, kinds_of = _columns(span.doc)
    found: set[str] = set()
    previous: _Token | None = None
    previous_denied = False
    left = 0
    for i in range(span.start, span.end):
        kind = kinds_of[i]
        if kind == 2:
            continue
        if kind == 1:
            left = 0
            continue
        token = _token(norms[i], lowers[i])
        if token.ends_clause:
            left = 0
        denied = left > 0
        found.update(token.denied if denied else token.plain)
        if previous is not None:
            either = denied or previous_denied
            found.add(f"{'nb' if either else 'b'}:{previous.stem}_{token.stem}")
            prefix = "ncb:" if either else "cb:"
            for a in previous.sequence:
                for b in token.sequence:
                    if not (a.startswith("w:") and b.startswith("w:")):
                        found.add(f"{prefix}{a}_{b}")
        previous, previous_denied = token, denied
        left = _NEGATION_SPAN if token.negator else max(0, left - 1)
    return found


@cache
def model(file: str = MODEL_FILE) -> Model:
    path = lexicons.model_path(file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Model({str(k): float(v) for k, v in data["weights"].items()},
                     float(data["bias"]), float(data["threshold"]),
                     {str(k): str(v) for k, v in data.get("stems", {}).items()})
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UserError(f"bundled sentence model is missing or invalid: {exc}", path) \
            from None


def score(tokens: Iterable[Any], m: Model | None = None) -> float:
    m = m or model()
    return m.bias + sum(map(m.weights.get, features(tokens), repeat(0.0)))


_QUOTES = frozenset('"“”')


@cache
def _reader_reports() -> verdicts.Phrases:
    """The reader's own account as the verdict check knows it (models/verdicts.yaml,
    `account`), told in the second person: "you mentioned", "as you said". The rest of
    that entry ("~face", "for the team") silences verdicts on the reader's side only;
    a whole sentence is not the reader's account for holding "face" or "for the team"."""
    account = verdicts.model().account.first
    phrases = {words for first in ("you", "as") for words in account.get(first, ())
               if words[0] == "you" or words[:2] == ("as", "you")}
    return verdicts.index_phrases(phrases)


def _silenced(doc: Any, start: int, end: int) -> bool:
    """Whether the sentence at tokens `start`-`end` is someone else's words: it quotes
    ("a customer wrote that waiting was \"a joke\"") or reports the reader's own account
    ("you mentioned that staff have struggled to find parking")."""
    norms, texts, _ = verdicts.token_columns(doc)
    if not _QUOTES.isdisjoint("".join(texts[start:end])):
        return True
    reports = _reader_reports()
    first = reports.first
    return any(reports.at(norms, k, end) for k in range(start, end) if norms[k] in first)


def sentences(document: Document) -> Iterator[tuple[int, int, Any]]:
    """(start, end, span) of every sentence the model scores: at least three words, in
    the writer's prose (tone.py owns what prose is), not silenced."""
    from .tone import in_prose  # tone imports this module

    doc = document.spacy
    _, texts, starts = verdicts.token_columns(doc)
    _, _, kinds = _columns(doc)
    bounds = [i for i, first in enumerate(starts) if first] + [len(texts)]
    for start, end in zip(bounds, bounds[1:], strict=False):
        words = [i for i in range(start, end) if texts[i].isalpha()]
        if len(words) < _MIN_WORDS:
            continue
        if not in_prose(document, doc[words[0]].idx) or _silenced(doc, start, end):
            continue
        last = end - 1
        while kinds[last] == 2 and last > start:
            last -= 1
        yield doc[start].idx, doc[last].idx + len(texts[last]), doc[start:end]


def problems(document: Document, code: str = "T003") -> Iterator[tuple[int, int, str]]:
    """(start, end, reason) of every sentence whose score reaches the threshold of
    `code`'s model."""
    spec = SPECS[code]
    if document.kind in spec.skipped_kinds:
        return
    m = model(spec.file)
    for start, end, sentence in sentences(document):
        if score(sentence, m) >= m.threshold:
            yield start, end, spec.reason
