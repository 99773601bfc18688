"""T005's structural pressure check: someone pressing the reader for an answer, what is
asked for and how soon, linked inside one sentence.

The phrase entries of `models/pushy.yaml` know the shapes they were shown; writers press
in many more ("Please reply to this email today", "Would you be able to give me an answer
this week?", "I am counting on an answer from you by then"). This check knows the parts
(`models/pressure.yaml`) and the ways a sentence presses: an imperative or a request to
the reader, the writer's want, or a passive demand ("a decision is expected"), with the
thing asked for (an answer, a decision, the contract, word of where the writer stands) and
a time that hurries it (today, by Friday, as soon as you read this), or a blunt ask that
needs no time ("a clear yes or no"). The reader's own timeline, thanks and courtesy
silence the sentence; the writer's own act ("I would like to reply today") is not pressed
for. One pass over the letter's tokens, no model.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .. import lexicons
from ..document import Document
from .verdicts import (
    Phrases,
    entry_phrases,
    index_phrases,
    model_from_data,
    model_to_data,
    token_columns,
)

PRESSURE = "pressure.yaml"
KINDS = ("ask", "blunt", "urgency", "demand", "passive", "request", "imperative",
         "reader_said")
_CUTS = frozenset({";", ":", "—", "–"})
_SUBJECTS = frozenset({"i", "we"})
_LEAD = frozenset({"p.s.", "ps", "p.s", "and", "so", "then", "also", "just", ",", "-",
                   "now"})
# after "I would like to" or "I need to", what the writer does: only these verbs receive
# the reader's answer ("I need to hear", "I would like to know")
_RECEIVING = frozenset({"know", "hear", "have", "get", "receive", "see", "learn"})


@dataclass(frozen=True)
class Model:
    """The compiled parts of `models/pressure.yaml`, one phrase index per kind."""

    parts: dict[str, Phrases]
    imperative: frozenset[str]
    firsts: frozenset[str]  # every word that opens a phrase of any kind
    anchors: frozenset[str]  # one word of every ask: a sentence without one asks nothing
    message: str


@cache
def model() -> Model:
    """The pressure model, compiled once and kept on disk with the phrase tries."""
    return model_from_data(Model, lexicons.cached_build(
        "pressure", Path(__file__), lambda: model_to_data(_build())))


def _build() -> Model:
    entries = lexicons.load(PRESSURE) or []
    phrases: dict[str, set[tuple[str, ...]]] = {kind: set() for kind in KINDS}
    for entry in entries:
        phrases[entry["kind"]] |= entry_phrases(entry["words"])
    parts = {k: index_phrases(v) for k, v in phrases.items() if k != "imperative"}
    anchors = frozenset(_anchor(p) for kind in ("ask", "blunt") for p in phrases[kind])
    return Model(parts=parts,
                 imperative=frozenset(p[0] for p in phrases["imperative"]),
                 firsts=frozenset(w for index in parts.values() for w in index.first),
                 anchors=anchors,
                 message="presses the reader for an answer; ask once, politely, and leave "
                 "the timing to them")


# words too common to tell a sentence that asks from one that does not
_COMMON = frozenset({"the", "a", "an", "your", "my", "me", "to", "i", "you", "of", "back",
                     "from", "am", "is", "are", "be", "will", "if", "we", "our", "it",
                     "this", "that", "and", "or", "on", "in", "for", "with", "give", "get",
                     "make", "come", "let", "know", "tell", "hear", "have", "whether"})


def _anchor(phrase: tuple[str, ...]) -> str:
    """The word of an ask phrase a sentence must hold to hold the phrase: its longest
    uncommon word ("decision" of "a final decision")."""
    uncommon = [w for w in phrase if w not in _COMMON] or list(phrase)
    return max(uncommon, key=len)


def find(doc: Any) -> list[tuple[int, int]]:
    """(first, end) token spans of the pressing stretches, at most one per sentence."""
    m = model()
    norms, texts, starts = token_columns(doc)
    if m.anchors.isdisjoint(norms):
        return []  # nothing in the letter could be asked for
    cuts = [i for i, (first, text) in enumerate(zip(starts, texts, strict=True))
            if first or text in _CUTS or "\n" in text]
    found: list[tuple[int, int]] = []
    for start, end in zip([0, *cuts], [*cuts, len(norms)], strict=True):
        if end > start:
            span = _sentence(m, norms, start, end)
            if span:
                found.append(span)
    return found


def _sentence(m: Model, norms: list[str], start: int, end: int) -> tuple[int, int] | None:
    """The pressing stretch of the sentence [start, end), or None."""
    if m.anchors.isdisjoint(norms[start:end]):
        return None  # the common case: nothing in the sentence could be asked for
    seen: dict[str, list[tuple[int, int]]] = {k: [] for k in KINDS if k != "imperative"}
    firsts = m.firsts
    for k in range(start, end):
        if norms[k] not in firsts:
            continue  # the common case: a word that opens no part
        for kind, index in m.parts.items():
            length = index.at(norms, k, end) if norms[k] in index.first else 0
            if length:
                seen[kind].append((k, k + length))
    if seen["reader_said"]:
        return None  # "as you said", "thank you for the quick reply today", "no rush"
    asks = [(a, b, False) for a, b in seen["ask"]] + [(a, b, True) for a, b in seen["blunt"]]
    if not asks:
        return None
    lead = start
    while lead < end and norms[lead] in _LEAD:
        lead += 1
    for first, last, blunt in sorted(asks):
        soon = [u for u in seen["urgency"] if not (first <= u[0] < last)]
        if not blunt and not soon:
            continue
        by = _presser(m, norms, seen, lead, first)
        if by is None:
            continue
        # to the time nearest the ask ("Please reply to this email today")
        near = min(soon, key=lambda u: abs(u[0] - last)) if soon else (last, last)
        return min(by, near[0]), max(last, near[1])
    return None


def _presser(m: Model, norms: list[str], seen: dict[str, list[tuple[int, int]]],
             lead: int, ask: int) -> int | None:
    """Where the pressing starts for the ask at token `ask`: an imperative opening the
    sentence, a request before the ask, or the writer's want before it; None otherwise."""
    if lead < ask and norms[lead] in m.imperative:
        return lead
    for a, _ in seen["request"]:
        if a < ask:
            return a
    for a, _ in seen["passive"]:
        if 0 < a - ask <= 2:
            return ask  # "A decision is expected from your side by noon tomorrow"
    for a, b in seen["demand"]:
        if not a < ask or not any(norms[k] in _SUBJECTS for k in range(max(lead, a - 3), a)):
            continue
        if b < len(norms) and norms[b - 1] != "to" and norms[b] == "to":
            b += 1  # "I would like to ..."
        if norms[b - 1] == "to" and (b >= len(norms) or norms[b] not in _RECEIVING):
            continue  # "I would like to reply today": the writer's own act
        if b <= ask:
            return next(k for k in range(max(lead, a - 3), a) if norms[k] in _SUBJECTS)
    return None


def problems(document: Document) -> Iterator[tuple[int, int, str]]:
    """(start, end, message) of every pressing stretch, as character offsets."""
    doc = document.spacy
    m = model()
    for first, end in find(doc):
        a, b = doc[first], doc[end - 1]
        yield a.idx, b.idx + len(b.text), m.message
