"""T003's structural verdict check: a target of criticism and a negative evaluation of it,
linked inside one clause.

The phrase entries of `models/negative.yaml` know the shapes they were shown; writers
judge in many more ("the panel seemed a little dismissive", "your clunky portal", "my
manager micromanaged everyone", "what a mess the parking was"). This check knows the
parts instead (`models/verdicts.yaml`: target word classes with the owner they need,
evaluations, linking, conduct, neglect and failure verbs, idioms, negators, words of
degree, the reader's own account) and the few ways English joins a target to a verdict:

- copula or perception verb: TARGET ... be/seem/feel/look/sound ... EVALUATION
- attributive: the/your/my ... EVALUATION TARGET ("the chaotic reception")
- bad conduct with the target as subject: TARGET ignored/kept interrupting/micromanaged
- a duty denied: TARGET never listened / didn't introduce himself
- judging verb: I found TARGET EVALUATION
- exclamation: what a EVALUATION ... TARGET
- the writer's performance: I/my answer + a failure verb or an evaluation of oneself

The letter is tokenised once (`document.spacy`); the check walks its tokens once, cutting
clauses at sentence ends, semicolons and joining words, and from each target scans a
bounded window ahead, so the pass is linear in the tokens (no re-parsing, no model). A
denial ("was not cold at all") is no verdict, and a sentence that reports the reader's
own account or offers to solve the reader's problem silences verdicts on the reader's
side ("you mentioned the old system was slow", "your team has had a chaotic year and I
can help").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import product
from pathlib import Path
from typing import Any

from .. import lexicons
from ..document import Document

VERDICTS = "verdicts.yaml"
SIDES = ("reader", "employer", "self")


@dataclass(frozen=True)
class Phrases:
    """Token sequences (by spaCy norm) indexed by their first token, longest first."""

    first: dict[str, tuple[tuple[str, ...], ...]]

    def at(self, norms: list[str], i: int, end: int) -> int:
        """The length of the longest phrase starting at token `i` and ending by `end`."""
        phrases = self.first.get(norms[i])
        if phrases is None:
            return 0
        for words in phrases:
            n = len(words)
            if i + n <= end and (n == 1 or tuple(norms[i:i + n]) == words):
                return n
        return 0

    def __contains__(self, norm: str) -> bool:
        phrases = self.first.get(norm)
        return phrases is not None and len(phrases[-1]) == 1  # shortest last


@cache
def _tokens(text: str) -> tuple[str, ...]:
    """The norms of a choice's tokens: the tokenizer splits at spaces first, so each word
    is tokenised once, however many choices share it."""
    return tuple(n for word in text.split() for n in _word_tokens(word))


@cache
def _word_tokens(text: str) -> tuple[str, ...]:
    from ..nlp import tokenizer

    title = lexicons.titled_token(text)  # "mr." is one token, as "Mr." is in a letter
    if title:
        return (title,)
    return tuple(t.norm_ for t in tokenizer().tokenizer(text) if not t.is_space)


def entry_phrases(words: Iterable[str]) -> set[tuple[str, ...]]:
    """The token sequences of an entry's choices (`~word` forms and `@class` expanded)."""
    out: set[tuple[str, ...]] = set()
    for piece in words:
        text = str(piece)
        if " @" in text:  # a class inside a phrase ("less @self_strength than"): each word
            spread = [[c.replace("_", " ") for c in lexicons.choices(w)] for w in text.split()]
            for combination in product(*spread):
                tokens = _tokens(" ".join(combination))
                if tokens:
                    out.add(tokens)
            continue
        for choice in lexicons.choices(text.replace(" ", "_")):
            tokens = _tokens(choice.replace("_", " "))
            if tokens:
                out.add(tokens)
    return out


def _articles_optional(phrases: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """The phrases and, for "a nightmare", "nightmare" too: after "a total" or "an
    absolute" the article has been passed over as a word of degree."""
    return phrases | {p[1:] for p in phrases if len(p) > 1 and p[0] in ("a", "an")}


# comparatives that name a time or an amount rather than a worse thing ("the call was
# later than planned", "the wait was shorter than I feared")
_NOT_COMPARATIVES = frozenset({"later", "latter", "shorter", "higher", "fewer", "lesser",
                               "smaller", "bigger", "larger", "longer", "newer", "older",
                               "cheaper", "lighter", "quieter", "tighter", "badder", "snappier"})
_NOT_PLAIN = ("ed", "ing", "al", "ic", "ful", "ish", "ous", "less", "ive", "ble", "ent",
              "ant", "ate", "ist", "ise", "ize", "er")
_VOWELS = frozenset("aeiou")


def _comparatives(phrases: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """The comparative ("noisier", "ruder", "colder") of every short plain one-word
    evaluation ("noisy", "rude", "cold"): a target judged by comparison ("the office was
    far noisier than I would find comfortable") is judged all the same. Longer words and
    participles compare with "more", a word of degree ("more frustrating than")."""
    out: set[tuple[str, ...]] = set()
    for words in phrases:
        w = words[0]
        if len(words) != 1 or not w.isalpha() or w.endswith(_NOT_PLAIN):
            continue
        if w.endswith("y") and w[-2] not in _VOWELS and 4 <= len(w) <= 9:
            form = w[:-1] + "ier"  # "messy", "messier"
        elif w.endswith("e") and 4 <= len(w) <= 5:
            form = w + "r"  # "rude", "ruder"
        elif len(w) == 3 or (len(w) == 4 and w[-3] not in _VOWELS and w[-2] in _VOWELS
                             and w[-1] not in _VOWELS | {"w", "x", "y"}):
            form = w + w[-1] + "er" if w[-2] in _VOWELS and w[-1] not in _VOWELS else w + "er"
        elif 4 <= len(w) <= 6 and w[-1] not in _VOWELS:
            form = w + "er"  # "cold", "colder"
        else:
            continue
        if form not in _NOT_COMPARATIVES:
            out.add((form,))
    return out


def index_phrases(phrases: Iterable[tuple[str, ...]]) -> Phrases:
    first: dict[str, list[tuple[str, ...]]] = {}
    for words in set(phrases):
        first.setdefault(words[0], []).append(words)
    return Phrases({k: tuple(sorted(v, key=len, reverse=True)) for k, v in first.items()})


@dataclass(frozen=True)
class Model:
    """The compiled parts of `models/verdicts.yaml`."""

    targets: dict[tuple[str, ...], frozenset[str]]  # phrase -> sides
    people: frozenset[tuple[str, ...]]  # the targets that are people
    named: frozenset[tuple[str, ...]]  # titles a capitalised name follows ("Mr. Ridley")
    target_index: Phrases
    messages: dict[str, str]  # side -> what the finding says
    predicate: dict[str, Phrases]  # side[:people|:things] -> evaluations after a verb
    attributive: Phrases
    link: Phrases
    aux: Phrases
    conduct: Phrases
    neglect: Phrases
    judge: Phrases
    failure: Phrases
    unless_next: dict[tuple[str, ...], frozenset[str]]  # a verb -> words it must not precede
    idiom: Phrases
    exclaim: Phrases
    negator: Phrases
    degree: Phrases
    account: Phrases
    remedy: Phrases
    people_conduct: Phrases
    extraposed: Phrases
    extraposed_then: frozenset[str]
    extraposed_skip: frozenset[str]  # letter kinds where "it was disappointing" is a fact
    reassurance: Phrases
    openers: frozenset[str]  # first words of remedy, reassurance and joiner phrases
    denial: Phrases
    dislike: Phrases
    self_neglect: Phrases
    head: Phrases
    failure_adverb: Phrases
    adverb_unless: frozenset[str]  # verbs a failure adverb does not judge ("badly want")
    joiner: Phrases
    bare_nouns: frozenset[tuple[str, ...]]  # "nightmare" of "a nightmare", article dropped


@cache
def model(evaluations: str = "hand") -> Model:
    """The verdict model; `evaluations` is where the negative words come from: `hand`
    (the reviewed lists of models/verdicts.yaml, compiled once and kept on disk with the
    phrase tries: `lexicons.cached_build`) or, for the comparison in
    bench/verdict_sources.py, `vader` or `both`."""
    if evaluations != "hand":
        return _build(evaluations)
    return model_from_data(Model, lexicons.cached_build(
        "verdicts", Path(__file__), lambda: model_to_data(_build("hand"))))


def model_to_data(compiled: Any) -> dict[str, Any]:
    """A compiled model (a dataclass of phrase indexes, sets and maps) as plain data."""
    out: dict[str, Any] = {}
    for name in compiled.__dataclass_fields__:
        value = getattr(compiled, name)
        if isinstance(value, Phrases):
            out[name] = ("phrases", value.first)
        elif isinstance(value, dict) and value and \
                all(isinstance(v, Phrases) for v in value.values()):
            out[name] = ("phrase-map", {k: v.first for k, v in value.items()})
        else:
            out[name] = ("plain", value)
    return out


def model_from_data(kind: Any, data: dict[str, Any]) -> Any:
    """The compiled model of class `kind` again, from `model_to_data`'s plain data."""
    values: dict[str, Any] = {}
    for name, (tag, value) in data.items():
        values[name] = Phrases(value) if tag == "phrases" else \
            {k: Phrases(v) for k, v in value.items()} if tag == "phrase-map" else value
    return kind(**values)


def _build(evaluations: str) -> Model:
    entries = lexicons.load(VERDICTS) or []
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        by_kind.setdefault(entry["kind"], []).append(entry)

    def phrases(kind: str) -> set[tuple[str, ...]]:
        out: set[tuple[str, ...]] = set()
        for entry in by_kind.get(kind, []):
            out |= entry_phrases(entry["words"])
        return out

    targets: dict[tuple[str, ...], set[str]] = {}
    people: set[tuple[str, ...]] = set()
    named: set[tuple[str, ...]] = set()
    messages: dict[str, str] = {}
    for entry in by_kind.get("target", []):
        messages.setdefault(entry["side"], entry.get("message") or entry["reason"])
        for words in entry_phrases(entry["words"]):
            targets.setdefault(words, set()).add(entry["side"])
            if entry.get("people"):
                people.add(words)
            if entry.get("named"):
                named.add(words)

    def judged(entry: dict[str, Any], use: str) -> bool:
        return use in (entry.get("use") or ["predicate"])

    predicate: dict[str, Phrases] = {}
    bare_nouns: set[tuple[str, ...]] = set()
    for key in ("reader:people", "reader:things", "employer:people", "employer:things",
                "self"):
        side, _, of = key.partition(":")

        def applies(entry: dict[str, Any], side: str = side, of: str = of) -> bool:
            return side in (entry.get("sides") or ["reader", "employer"]) and \
                entry.get("of", of) == of

        wanted: set[tuple[str, ...]] = set()
        for entry in by_kind.get("evaluation", []):
            if judged(entry, "predicate") and applies(entry):
                wanted |= entry_phrases(entry["words"])
        if side != "self" and evaluations != "hand":
            vader = {(w,) for w in vader_words()}
            wanted = vader | {w for w in wanted if len(w) > 1} if evaluations == "vader" \
                else wanted | vader
        for entry in by_kind.get("stop", []):
            if applies(entry):
                wanted -= entry_phrases(entry["words"])
        for entry in by_kind.get("evaluation", []):  # what a stop entry took, for `of`
            if judged(entry, "predicate") and applies(entry) and entry.get("of") == of:
                wanted |= entry_phrases(entry["words"])
        wanted |= _comparatives(wanted)
        bare_nouns |= {p[1:] for p in wanted if len(p) > 1 and p[0] in ("a", "an")} - wanted
        predicate[key] = index_phrases(_articles_optional(wanted))
    attributive: set[tuple[str, ...]] = set()
    for entry in by_kind.get("evaluation", []):
        if judged(entry, "attributive"):
            attributive |= entry_phrases(entry["words"])
    unless_next: dict[tuple[str, ...], frozenset[str]] = {}
    for kind in ("failure", "conduct"):
        for entry in by_kind.get(kind, []):
            if entry.get("unless_next"):
                after = frozenset(n for w in entry["unless_next"] for n in _tokens(str(w)))
                for phrase in entry_phrases(entry["words"]):
                    unless_next[phrase] = after
    extraposed = by_kind.get("extraposed", [])
    adverbs = by_kind.get("failure_adverb", [])
    openers = frozenset(words[0] for kind in ("remedy", "reassurance", "joiner")
                        for words in phrases(kind))
    return Model(
        openers=openers,
        adverb_unless=frozenset(n for e in adverbs for w in e.get("unless_after") or ()
                                for n in _tokens(str(w))),
        unless_next=unless_next, named=frozenset(named), bare_nouns=frozenset(bare_nouns),
        extraposed_then=frozenset(n for e in extraposed for w in e.get("then") or ()
                                  for n in _tokens(str(w))),
        extraposed_skip=frozenset(k for e in extraposed for k in e.get("skip_kinds") or ()),
        targets={k: frozenset(v) for k, v in targets.items()}, people=frozenset(people),
        target_index=index_phrases(targets), messages=messages, predicate=predicate,
        attributive=index_phrases(attributive),
        idiom=index_phrases(_articles_optional(phrases("idiom"))),
        **{kind: index_phrases(phrases(kind)) for kind in (
            "link", "aux", "conduct", "neglect", "judge", "failure", "exclaim",
            "negator", "degree", "account", "remedy", "joiner", "people_conduct",
            "extraposed", "reassurance", "denial", "dislike", "self_neglect", "head",
            "failure_adverb")})


VADER_THRESHOLD = -1.5


@cache
def vader_words(threshold: float = VADER_THRESHOLD) -> frozenset[str]:
    """The single words of the VADER sentiment lexicon with a mean valence at or below
    `threshold` (only for the comparison of evaluation sources)."""
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("vaderSentiment")
    if spec is None or spec.origin is None:
        return frozenset()
    path = Path(spec.origin).parent / "vader_lexicon.txt"
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            try:
                if float(parts[1]) <= threshold:
                    out.add(parts[0].lower())
            except ValueError:
                continue
    return frozenset(out)


# Closed-class words the scanner knows by itself (norms): they are grammar, not data.
_READER_OWNERS = frozenset({"the", "your", "their", "its", "this", "that", "these", "those",
                            "his", "her", "'s", "some", "a", "an", "yours", "whose"})
_MY = frozenset({"my"})
# an object pronoun before "to" opens a clause of its own ("taught me to be firm")
_OBJECTS = frozenset({"me", "us", "him", "her", "them"})
_PREPOSITIONS = frozenset({"at", "in", "on", "of", "for", "from", "with", "about", "during",
                           "around", "near", "by", "to", "behind", "inside", "outside",
                           "over", "under", "into", "between", "after", "before",
                           "out", "up"})  # "the drive out to the industrial park"
_PRONOUNS = frozenset({"i", "we", "you", "they", "he", "she"})
_CUTS = frozenset({".", "!", "?", ";", ":", "—", "–", "(", ")", "\"", "“", "”", "…"})
_SOFT = frozenset({",", "-"})
_DETERMINERS = frozenset({"the", "a", "an", "our", "their", "his", "her", "your", "my",
                          "all", "every", "its", "this", "that", "these", "those"})
_TRANSITIVE_FAILURES = frozenset({"froze", "freeze", "freezes", "blew", "blow", "blows",
                                  "forgot", "forget", "forgets", "cut"})
_WINDOW = 12  # tokens a predicate may stand after its target


@dataclass(frozen=True)
class Verdict:
    """One verdict: token span [start, end) and the side of its target."""

    start: int
    end: int
    side: str


_STRINGS: dict[int, str] = {}  # string hash -> string, shared by every letter


def token_columns(doc: Any) -> tuple[list[str], list[str], list[bool]]:
    """Each token's norm, text and whether it starts a sentence, read from one token
    array (no Python Token object per token)."""
    cached = doc.user_data.get("followup:columns")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    from spacy.attrs import NORM, ORTH, SENT_START

    strings, known = doc.vocab.strings, _STRINGS
    rows = doc.to_array([NORM, ORTH, SENT_START]).tolist()
    for row in rows:
        for value in row[:2]:
            if value not in known:
                known[value] = strings[value]
    norms = [known[row[0]] for row in rows]
    texts = [known[row[1]] for row in rows]
    starts = [row[2] == 1 for row in rows]
    if starts:
        starts[0] = True
    doc.user_data["followup:columns"] = (norms, texts, starts)  # the pressure check too
    return norms, texts, starts


def find(doc: Any, evaluations: str = "hand") -> list[Verdict]:
    """Every verdict of the letter, at most one per clause."""
    m = model(evaluations)
    norms, texts, starts = token_columns(doc)
    if not norms:
        return []
    openers = m.openers
    sentence_of = [0] * len(norms)
    silenced: list[bool] = []
    reassured: list[bool] = []
    clauses: list[tuple[int, int]] = []
    relative: set[int] = set()  # clause starts right after "who" or "which"
    start = 0
    sentence = -1
    i, count = 0, len(norms)
    while i <= count:
        if i == count or starts[i]:
            if i > start:
                clauses.append((start, i))
            if i == count:
                break
            sentence += 1
            silenced.append(False)
            reassured.append(False)
            start = i
        sentence_of[i] = sentence
        if norms[i] not in openers and texts[i] not in _CUTS and "\n" not in texts[i]:
            i += 1  # the common case: a word that opens no cue and cuts nothing
            continue
        if not silenced[sentence] and m.remedy.at(norms, i, count):
            silenced[sentence] = True
        if not reassured[sentence] and m.reassurance.at(norms, i, count):
            reassured[sentence] = True
        cut = 1 if (texts[i] in _CUTS or "\n" in texts[i]) else m.joiner.at(norms, i, count)
        if cut:
            if i > start:
                clauses.append((start, i))
            for k in range(i, min(i + cut, count)):
                sentence_of[k] = sentence
            if norms[i] in _RELATIVES:
                relative.add(i + cut)
            i += cut
            start = i
            continue
        i += 1
    found = []
    for n, (first, last) in enumerate(clauses):
        verdict = _clause(m, norms, texts, first, last)
        if verdict is None and first in relative and n > 0:
            verdict = _relative(m, norms, texts, clauses[n - 1], (first, last))
        if verdict is None:
            continue
        if verdict.side == "self" and reassured[sentence_of[first]]:
            continue  # "I was nervous at first, but you put me at ease"
        if verdict.side != "self" and (silenced[sentence_of[first]] or
                                       _reported(m, norms, first, last, verdict.end)):
            continue  # the reader's account, or a problem the writer offers to solve
        found.append(verdict)
    return found


_RELATIVES = frozenset({"who", "which"})


def _relative(m: Model, norms: list[str], texts: list[str], before: tuple[int, int],
              clause: tuple[int, int]) -> Verdict | None:
    """A verdict in a relative clause on the target that ends the clause before it ("my
    current manager, who never explains why", "your video platform, which froze on us
    three times"): the joiner cut the two apart, the relative pronoun joins them again."""
    start, end = before
    last = end - 1 if end - 1 > start and norms[end - 1] == "," else end
    for i in range(last - 1, max(start, last - 6) - 1, -1):
        length = m.target_index.at(norms, i, last) if norms[i] in m.target_index.first else 0
        if not length:
            continue
        words = tuple(norms[i:i + length])
        j = i + length
        if j < last and norms[j] in m.head:
            j += 1
        if j != last or words in m.named:
            continue
        owned = _owned(m, norms, texts, start, end, i, j, m.targets[words])
        side = next((c for c in owned[2] if c != "self"), None) if owned else None
        if owned is None or side is None:
            return None
        at = owned[0]
        of = "people" if words in m.people else "things"
        e = _after(m, norms, clause[0], clause[1], f"{side}:{of}", modifiers=False)
        return Verdict(at, e, side) if e else None
    return None


def _reported(m: Model, norms: list[str], first: int, last: int, end: int) -> bool:
    """Whether the verdict ending at token `end` of the clause [first, last) is the
    reader's own account: "you mentioned" before its end ("the backlog you described
    sounds painful"), right after it ("the old system was slow, you said") or "as you
    said" anywhere; "the people I work with are lazy, and I want the standards you
    described" is the writer's complaint."""
    for k in range(first, last):
        length = m.account.at(norms, k, last)
        if length and (k < end or k <= end + 2 or norms[k] == "as"):
            return True
    return False


def _clause(m: Model, norms: list[str], texts: list[str], start: int, end: int
            ) -> Verdict | None:
    """The first verdict in the clause of tokens [start, end), if any."""
    lead = start
    while lead < end and (norms[lead] in _SOFT or norms[lead] in m.degree):
        lead += 1
    if lead >= end:
        return None
    exclaimed = m.exclaim.at(norms, lead, end)
    # "At my last firm, the partners hoarded the projects": the clause is set at the
    # writer's workplace, so "the partners" are the employer's
    mine = lead + 1 < end and norms[lead] in _AT and norms[lead + 1] in ("my", "our")
    extraposed = _extraposed(m, norms, lead, end)
    if extraposed:
        return Verdict(lead, extraposed, "extraposed")
    i = start
    heads = m.target_index.first
    while i < end:
        length = m.target_index.at(norms, i, end) if norms[i] in heads else 0
        if not length:
            i += 1
            continue
        words = tuple(norms[i:i + length])
        j = i + length
        if words in m.named:  # the title's name: the capitalised words after it
            if j < end and texts[j] == ".":
                j += 1
            if j >= end or not texts[j][:1].isupper():
                i += 1
                continue
            while j < end and texts[j][:1].isupper() and j - i < 5:
                j += 1
        if j < end and norms[j] in m.head:
            j += 1  # "the parking situation"
        hit = _target(m, norms, texts, start, end, i, j, m.targets[words],
                      "people" if words in m.people else "things", exclaimed, lead,
                      named=words in m.named, mine=mine)
        if hit is not None:
            return hit
        i += 1
    return None


def _extraposed(m: Model, norms: list[str], lead: int, end: int) -> int:
    """The end of "it is frustrating that ..." or "I find it annoying when ..." opening
    the clause at token `lead`, or 0."""
    k = lead
    if k + 2 < end and norms[k] == "i" and norms[k + 1] in m.judge:
        k += 2
        linked = True
    else:
        linked = False
    if k >= end or norms[k] not in ("it", "this"):
        return 0
    k += 1
    while not linked and k < end:
        length = m.link.at(norms, k, end)
        if length:
            k += length
            linked = True
            break
        length = m.aux.at(norms, k, end)
        if not length:
            return 0
        k += length
    skipped = 0
    while k < end and skipped <= 4:
        length = m.extraposed.at(norms, k, end)
        if length:
            then = norms[k + length] if k + length < len(norms) else "."
            return k + length if then in m.extraposed_then or k + length == end else 0
        if m.negator.at(norms, k, end):
            return 0
        length = m.degree.at(norms, k, end)
        if not length:
            return 0
        k += length
        skipped += 1
    return 0


def _owner(m: Model, norms: list[str], start: int, i: int) -> tuple[int, str] | None:
    """Where the target at token `i` is owned and by whom: ("reader", the/your/...),
    ("mine", my) or ("bare", at the clause's start)."""
    p = i - 1
    while p >= max(start, i - 8):
        n = norms[p]
        if n == "'s":
            q = p - 1  # the possessor: "the panel's questions" from "the"
            while q > max(start, p - 4) and norms[q - 1] not in _READER_OWNERS and \
                    norms[q - 1] not in _CUTS and norms[q - 1] not in m.judge and \
                    norms[q - 1] not in _PRONOUNS:
                q -= 1  # back to the possessor's first word ("Dr. Osei's questions")
            return (q - 1 if q > start and norms[q - 1] in _READER_OWNERS else q), "reader"
        if n in _MY:
            return p, "mine"
        if n in _READER_OWNERS:
            return p, "reader"
        if n == "-":  # a compound ("back-to-back hours"): its words are modifiers
            p -= 2
            continue
        if n == "of":  # "four hours of interviews": the owner of the head before "of"
            head = _owner(m, norms, start, p) if p > start else (start, "bare")
            return head if head is None or head[1] != "mine" else None
        if n in (",", "and") and p - 1 >= start and norms[p - 1] in m.attributive:
            p -= 1  # "the cramped, stuffy room": a list of attributes
            continue
        if n in _PREPOSITIONS or n in _PRONOUNS or n in (",", "and", "or") or n in m.link:
            return None
        p -= 1
    if p < start:  # the clause opens with the target's noun phrase: "Parking at ..."
        return start, "bare"
    return None


def _placed(m: Model, norms: list[str], texts: list[str], start: int, end: int, i: int,
            j: int) -> tuple[int, str] | None:
    """The employer's people or ways named by where they are, not by "my" ("three years
    of disorganised leadership at Brightline", "management at Corvex was chaotic"): the
    target's noun phrase (its attributes before it) and "placed", or None."""
    if not (j + 1 < end and norms[j] == "at" and texts[j + 1][:1].isupper()):
        return None
    at = i
    while at - 1 >= start and (norms[at - 1] in m.attributive or norms[at - 1] in (",", "and")
                               or norms[at - 1] in m.degree) \
            and norms[at - 1] not in _READER_OWNERS and norms[at - 1] not in _PREPOSITIONS:
        at -= 1
    return at, "placed"


_AT = frozenset({"at", "in", "during", "with"})


def _owned(m: Model, norms: list[str], texts: list[str], start: int, end: int, i: int,
           j: int, sides: frozenset[str], named: bool = False, mine: bool = False
           ) -> tuple[int, str, list[str]] | None:
    """Where the target at tokens [i, j) is owned, how, and whose side it can be on
    (`self`, `employer`, `reader`), or None: "my" makes it the writer's or their
    employer's, "at Brightline" or a clause set "at my last firm" the employer's, the
    other owners the reader's."""
    owner = (i, "reader") if named else _owner(m, norms, start, i)
    if "employer" in sides and (owner is None or (owner[1] == "reader" and
                                                  norms[owner[0]] == "the")):
        # "the leadership at Corvane has never managed to grasp": named by place
        owner = _placed(m, norms, texts, start, end, i, j) or owner
    if owner is None:
        return None
    at, kind = owner
    if kind == "placed" or (mine and kind == "reader" and norms[at] in ("the", "their")
                            and "employer" in sides):
        candidates = ["employer"]
    elif kind == "mine":
        candidates = [s for s in ("self", "employer") if s in sides]
    else:
        candidates = ["reader"] if "reader" in sides else []
    return (at, kind, candidates) if candidates else None


def _target(m: Model, norms: list[str], texts: list[str], start: int, end: int, i: int,
            j: int, sides: frozenset[str], of: str, exclaimed: int, lead: int,
            named: bool = False, mine: bool = False) -> Verdict | None:
    """A verdict on the target at tokens [i, j), in one of the linking shapes."""
    if sides == {"self"} and norms[i] == "i":
        e = _after(m, norms, j, end, "self", modifiers=False) or \
            _failure_adverb(m, norms, j, end)
        return Verdict(i, e, "self") if e else None
    owned = _owned(m, norms, texts, start, end, i, j, sides, named, mine)
    if owned is None:
        return None
    at, kind, candidates = owned
    denied_before = at > start and norms[at - 1] in m.negator
    if _denied_judgement(m, norms, start, at) or (
            at - 2 >= start and norms[at - 1] in ("about", "of", "in", "at") and
            norms[at - 2] in m.negator):
        return None  # "I never felt the panel was cold", "nothing about the process"
    for side in candidates:
        judged = side if side == "self" else f"{side}:{of}"
        # attributive: "the chaotic reception", "my toxic old boss"
        if side != "self" or kind == "mine":
            for p in range(at if kind in ("bare", "placed") else at + 1, i):
                length = m.attributive.at(norms, p, i)
                if length and p + length <= i and not denied_before and \
                        norms[p + length] != "-" and (p == 0 or norms[p - 1] != "-"):
                    # not half of a compound: "the former toxic-waste site", "non-toxic"
                    return Verdict(at, j, side)
        # exclamation: "what a mess the parking was"
        if exclaimed and side != "self" and lead < at:
            e = _evaluation(m, norms, lead + exclaimed, at, judged)
            if e:
                return Verdict(lead, j, side)
        # "I didn't enjoy the group exercise", "I was put off by the open-plan office"
        if side != "self" and kind != "bare":
            for back in range(max(start, at - 5), at):
                if m.dislike.at(norms, back, at) == at - back and back > start and \
                        norms[back - 1] == "i":
                    return Verdict(back - 1, j, side)
        # "I found the panel a little cold"
        judge = at - 1
        if judge >= start and norms[judge] in m.judge and kind != "bare" and not any(
                norms[k] in m.negator for k in range(max(start, judge - 3), judge)) and \
                any(norms[k] in ("i", "we") for k in range(max(start, judge - 3), judge)):
            # the writer's judgement ("I found the panel cold"), not another's reported
            # ("the volunteers found the old rota confusing")
            e = _evaluation(m, norms, j, end, judged, to_be=True)
            if not e and j < end and norms[j] in _PREPOSITIONS:
                # past the target's own phrase: "I found my explanation of the pivot
                # table exercise clumsy"
                for k in range(j + 2, min(end, j + 7)):
                    e = _evaluation(m, norms, k, end, judged, to_be=True)
                    if e or norms[k] in _CUTS:
                        break
            if e:
                return Verdict(judge - 1 if judge > start and norms[judge - 1] == "i"
                               else judge, e, side)
        e = _after(m, norms, j, end, judged, modifiers=True)
        if e:
            return Verdict(at, e, side)
        # "Mr. Ridley spent much of the interview checking his phone"
        if of == "people" and side != "self":
            for k in range(j, min(end, j + _WINDOW)):
                if norms[k] in m.negator:
                    break
                length = m.people_conduct.at(norms, k, end)
                if length:
                    return Verdict(at, k + length, side)
    return None


_ADVERB_STOPS = frozenset({"that", "who", "which", "where", "when", "and", ",", "but", "so",
                           "because", "while"})


def _failure_adverb(m: Model, norms: list[str], j: int, end: int) -> int:
    """The end of "I handled the role-play badly" after the writer at token `j`: a verb,
    up to five words of its own, and an adverb of failure; 0 otherwise."""
    k = j
    while k < end and (m.aux.at(norms, k, end) or m.degree.at(norms, k, end)):
        if m.negator.at(norms, k, end):
            return 0
        k += 1
    if k >= end or m.negator.at(norms, k, end) or norms[k] in m.adverb_unless or \
            norms[k] in m.failure_adverb:
        return 0  # "I didn't handle it badly", "I badly want this job"
    for at in range(k + 1, min(end, k + 7)):
        if norms[at] in _ADVERB_STOPS or norms[at] in m.adverb_unless:
            return 0
        if norms[at] in m.failure_adverb:
            return at + 1
    return 0


def _denied_judgement(m: Model, norms: list[str], start: int, at: int) -> bool:
    """Whether a negator and then a verb of judgement stand before the target ("I never
    once felt the panel was cold", "I don't think the process was slow")."""
    negated = False
    for k in range(start, at):
        if m.negator.at(norms, k, at):
            negated = True
        elif negated and m.denial.at(norms, k, at):
            return True
    return False


def denied_before(doc: Any, i: int) -> bool:
    """Whether the clause before token `i` denies a judgement of what follows ("I never
    once felt | the panel was cold"): the phrase lexicon's matches are checked with it."""
    m = model()
    start = i
    while start > 0 and not doc[start].is_sent_start:
        text = doc[start - 1].text
        if text in _CUTS or "\n" in text or doc[start - 1].norm_ in m.joiner:
            break
        start -= 1
    norms = [t.norm_ for t in doc[start:i]]
    return _denied_judgement(m, norms, 0, len(norms))


def _after(m: Model, norms: list[str], j: int, end: int, side: str, modifiers: bool
           ) -> int:
    """The end of a predicate that judges the target ending at token `j`, or 0: a
    linking verb and an evaluation, an idiom, a verb of conduct or failure, a denied
    duty; prepositional phrases and relative clauses after the target are passed over
    (`modifiers`: "parking at your building was", "the people I work with are")."""
    k, negated, free, mode = j, False, 0, "near"
    limit = min(end, j + _WINDOW)
    while k < limit:
        n = norms[k]
        length = m.idiom.at(norms, k, end)
        if length:
            return 0 if negated else k + length
        verbs = m.failure if side == "self" else m.conduct  # side: a `predicate` key
        length = verbs.at(norms, k, end)
        if length:
            if negated:
                return 0
            after = norms[k + length] if k + length < len(norms) else ""
            if side == "self" and n in _TRANSITIVE_FAILURES and after in _DETERMINERS:
                return 0  # "I froze the hiring budget": an act, not a failure
            if after in m.unless_next.get(tuple(norms[k:k + length]), ()):
                return 0  # "I stumbled on your blog": a find, not a failure
            if after == "-":
                return 0  # half of a compound: "to make those screens crash-free"
            return k + length
        length = m.negator.at(norms, k, end)
        if length:
            negated = True
            k += length
            continue
        if negated:
            length = (m.self_neglect if side == "self" else m.neglect).at(norms, k, end)
            if length:
                return k + length
        length = m.link.at(norms, k, end)
        if length:
            if negated:
                return 0
            e = _evaluation(m, norms, k + length, end, side)
            if e and n == "'s" and tuple(norms[k + 1:e]) in m.bare_nouns:
                return 0  # "the team's struggle to finish": a possessive, not "is a struggle"
            return e
        length = m.aux.at(norms, k, end) or m.degree.at(norms, k, end)
        if length == 1 and n in _PREPOSITIONS:
            length = 0  # "of" of "kind of" is a degree, "of the second round" a phrase
        if length and (mode == "near" or n not in ("the", "a", "an")):
            k += length
            continue
        if n == "-" and mode != "near":
            k += 1  # "your question about year-end reconciliations came out muddled"
            continue
        if not modifiers or n in _SOFT or n in ("and", "or"):
            return 0
        if mode == "pp" and n in _OBJECTS and k + 1 < end and norms[k + 1] == "to":
            return 0  # "the debate team at school taught me to be combative": my trait
        if n in _PREPOSITIONS:
            mode, free = "pp", 4  # "my answer on the seasonal forecasting case came out
        elif n in _PRONOUNS and mode == "near":
            mode, free = "relative", 3
        elif mode != "near" and free > 0:
            free -= 1
        else:
            return 0
        k += 1
    return 0


def _evaluation(m: Model, norms: list[str], k: int, end: int, side: str,
                to_be: bool = False) -> int:
    """The end of an evaluation at token `k` (after words of degree), or 0; 0 as well
    when a negator comes first ("was not cold at all", "never a problem")."""
    predicate = m.predicate[side]  # "self", or "reader:people" and the like
    skipped, paired = 0, False
    while k < end and skipped <= 6:
        length = predicate.at(norms, k, end) or m.idiom.at(norms, k, end)
        if length:
            return k + length
        if m.negator.at(norms, k, end):
            return 0
        length = m.degree.at(norms, k, end)
        if not length and to_be and norms[k] in ("to", "be"):
            length = 1
        if not length and not paired and k + 2 < end and norms[k + 1] in ("and", "or", ","):
            length, paired = 2, True  # "slow and unhelpful": the second word judges too
        if not length:
            return 0
        k += length
        skipped += 1
    return 0


def problems(document: Document, evaluations: str = "hand"
             ) -> Iterator[tuple[int, int, str]]:
    """(start, end, message) of every verdict, as character offsets into the text."""
    doc = document.spacy
    m = model(evaluations)
    for verdict in find(doc, evaluations):
        if verdict.side == "extraposed" and document.kind in m.extraposed_skip:
            continue
        first, last = doc[verdict.start], doc[verdict.end - 1]
        side = "reader" if verdict.side == "extraposed" else verdict.side
        yield first.idx, last.idx + len(last.text), m.messages.get(side, "")
