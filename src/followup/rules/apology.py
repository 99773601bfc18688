"""T004's structural apology check: the writer's apology and what it is for, linked inside
one sentence.

The phrase entries of `models/apologetic.yaml` know what writers were seen apologising
for ("the delay", "bothering you"); what a writer apologises for is an open class, any of
their own doings ("Sorry for going blank", "I am truly sorry for that slip", "I deeply
regret fumbling the numbers", "I'm sorry if that ate into your lunch"). This check knows
the parts (`models/apology.yaml`): an apology in the writer's own voice, then a gerund,
"my"/"that"/"this" or a clause about the writer. Sympathy ("sorry to hear", "sorry for
your loss", "sorry that your team lost the contract") names the reader's misfortune and is
never one of those. One pass over the letter's tokens, no model.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import lexicons
from ..document import Document
from .verdicts import Phrases, entry_phrases, index_phrases, token_columns

APOLOGY = "apology.yaml"
KINDS = ("sorry", "apologise", "regret", "shame", "between", "link", "own", "not_doing")
MESSAGE = "apologises for your own conduct; say what you would add or do instead"
# a reply to a rejection or a withdrawal regrets the outcome, not a doing of the writer's
SKIPPED_KINDS = frozenset({"withdrawal"})
REGRET_SKIPPED_KINDS = frozenset({"withdrawal", "rejection-reply"})

_CUTS = frozenset({".", "!", "?", ";", ":"})
# before "sorry": the writer's own voice ("I am", "I'm", "I feel", "say"), or nothing
_SORRY_VOICE = frozenset({"i", "am", "was", "feel", "felt", "say", "saying"})
# before "apologise": these make it someone else's apology or none at all
_NOT_MINE = frozenset({"your", "his", "her", "their", "no", "need", "he", "she", "they",
                       "thank", "thanks", "without"})
_OPENERS = frozenset({",", "and", "but", "-", "—", "–", "p.s.", "ps", "so", "also", "again"})
# shame is over one's doing after these as well ("ashamed of", "embarrassed by my")
_SHAME_LINKS = frozenset({"of", "at", "by"})
# "embarrassed to realise that I ...": the writer finding out their own slip
_FOUND_OUT = frozenset({"realise", "realize", "admit", "discover", "find", "notice", "see",
                        "say", "confess", "learn", "hear", "think", "remember", "recall"})
# "I'm so sorry; I forgot to attach ...": the clause after a semicolon or colon says what for
_CLAUSE_BREAKS = frozenset({";", ":"})


@dataclass(frozen=True)
class Model:
    heads: dict[str, str]  # word -> sorry/apologise/regret
    between: Phrases
    link: frozenset[str]
    own: Phrases
    not_doing: frozenset[str]


@cache
def model() -> Model:
    entries = lexicons.load(APOLOGY) or []
    phrases: dict[str, set[tuple[str, ...]]] = {kind: set() for kind in KINDS}
    for entry in entries:
        phrases[entry["kind"]] |= entry_phrases(entry["words"])
    heads = {p[0]: kind for kind in ("sorry", "apologise", "regret", "shame")
             for p in phrases[kind]}
    return Model(heads=heads, between=index_phrases(phrases["between"]),
                 link=frozenset(p[0] for p in phrases["link"]),
                 own=index_phrases(phrases["own"]),
                 not_doing=frozenset(p[0] for p in phrases["not_doing"]))


def _doing(m: Model, text: str) -> bool:
    """A gerund: the writer's doing ("going blank", "keeping you")."""
    word = text.lower()
    return len(word) >= 5 and word.isalpha() and word.endswith("ing") and \
        word not in m.not_doing


def _voice(m: Model, norms: list[str], start: int, i: int, kind: str) -> bool:
    """Whether the apology at token `i` is the writer's own, said now."""
    k = i - 1
    while k >= start:
        if norms[k] in ("would", "like", "to", "must", "want", "wish", "ought", "should"):
            k -= 1
            continue
        # a word or phrase between ending right here ("so", "a little", "once more")
        j = next((j for j in range(k, max(start, k - 3) - 1, -1)
                  if m.between.at(norms, j, k + 1) == k + 1 - j), None)
        if j is None:
            break
        k = j - 1
    before = norms[k] if k >= start else ""
    if kind in ("sorry", "shame"):
        if before in ("am", "was") and (k - 1 < start or norms[k - 1] != "i"):
            return False  # "the team was sorry for ..."
        return not before or before in _SORRY_VOICE or before in _OPENERS
    if kind == "regret":
        return before == "i"
    if any(norms[j] in _NOT_MINE for j in range(max(start, i - 6), i)):
        return False
    if norms[i].endswith(("ied", "sed", "zed")):
        return False  # "the courier apologised for the mix-up": a story
    mine = any(norms[j] in ("i", "me", "my") for j in range(max(start, i - 6), i))
    return mine or not before or before in _OPENERS


def _skip_between(m: Model, norms: list[str], k: int, end: int) -> int:
    for _ in range(4):
        length = m.between.at(norms, k, end) if k < end else 0
        if not length:
            break
        k += length
    return k


def _what_for(m: Model, norms: list[str], texts: list[str], k: int, end: int, kind: str
              ) -> int | None:
    """The end of what the apology at `k` (after its head) is for, or None."""
    k = _skip_between(m, norms, k, end)
    if k >= end:
        return k if kind == "apologise" else None  # "I apologise."
    if kind == "apologise" and norms[k] == "to":  # "apologise to Ms. Tan for ..."
        for j in range(k + 1, min(end, k + 5)):
            if norms[j] in m.link:
                k = j
                break
    if kind == "shame":
        if norms[k] in _SHAME_LINKS:
            norms = norms[:k] + ["for"] + norms[k + 1:]  # "ashamed of knocking": as "for"
        elif k + 1 < end and (norms[k] == "to" and norms[k + 1] in _FOUND_OUT
                              or norms[k] == "when" and norms[k + 1] == "i"):
            return k + 2  # "embarrassed to realise ...", "mortified when I saw ..."
        elif norms[k] == "if":
            return None  # "embarrassed if I got the date wrong": unsure, not owned
    if kind == "regret":
        if _doing(m, texts[k]) or m.own.at(norms, k, end) and norms[k] not in ("that", "this"):
            return k + 1
        if norms[k] == "that" and k + 1 < end and norms[k + 1] in ("i", "my"):
            return k + 2
        return None
    if norms[k] in m.link:
        after = k + 1
        if after >= end:
            return after if kind == "apologise" or norms[k] == "about" else None
        if kind == "apologise":
            return min(end, after + 2)
        length = m.own.at(norms, after, end)
        if length:
            nxt = after + length
            if norms[after] in ("not", "never", "having", "being"):
                return nxt + 1 if nxt < end and _doing(m, texts[nxt]) else nxt
            return min(end, nxt + 1)
        return after + 1 if _doing(m, texts[after]) else None
    if norms[k] == "if":
        return k + 1
    if kind == "apologise":
        return None
    if norms[k] == "that" and k + 1 < end and norms[k + 1] in ("i", "my"):
        return k + 2  # not "we"/"our": "sorry that our start was delayed" is shared regret
    if norms[k] == "i":
        return min(end, k + 2)  # "sorry I kept you" ("sorry my answers were weak" is T003)
    if norms[k] == "you" and k + 1 < end and norms[k + 1] in ("had", "have", "were"):
        for j in range(k + 2, end):
            if norms[j] in ("my", "me", "i"):
                return j + 1
    return None


def find(doc: Any, letter_kind: str = "") -> list[tuple[int, int]]:
    """(first, end) token spans of the writer's apologies, at most one per sentence."""
    m = model()
    norms, texts, starts = token_columns(doc)
    found: list[tuple[int, int]] = []
    start = 0
    for i, norm in enumerate(norms):
        if starts[i] or texts[i] in _CUTS or "\n" in texts[i]:
            start = i + (texts[i] in _CUTS or "\n" in texts[i])
        kind = m.heads.get(norm)
        if kind is None or (kind == "regret" and letter_kind in REGRET_SKIPPED_KINDS):
            continue
        if found and found[-1][1] > i:
            continue
        end = i + 1
        while end < len(norms) and not starts[end] and texts[end] not in _CUTS and \
                "\n" not in texts[end]:
            end += 1
        if not _voice(m, norms, start, i, kind):
            continue
        last = _what_for(m, norms, texts, i + 1, end, kind)
        if last is None and kind == "sorry" and end + 1 < len(norms) and \
                texts[end] in _CLAUSE_BREAKS and _skip_between(m, norms, i + 1, end) == end \
                and norms[end + 1] == "i":
            last = end + 2  # "I'm so sorry; I forgot to attach it"
        if last is not None:
            found.append((i, max(i + 1, last)))
    return found


def problems(document: Document) -> Iterator[tuple[int, int, str]]:
    """(start, end, message) of every apology for the writer's own doing."""
    if document.kind in SKIPPED_KINDS:
        return
    doc = document.spacy
    for first, end in find(doc, document.kind or ""):
        a, b = doc[first], doc[end - 1]
        yield a.idx, b.idx + len(b.text), MESSAGE
