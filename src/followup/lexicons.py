"""Reviewed data files under `models/` (word lists, phrases, suggestions), loaded once per run.

A contributor changes what a rule knows by editing these files, not Python.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .errors import UserError
from .resources import models_dir


def model_path(name: str) -> Path:
    return models_dir() / name


@cache
def load(name: str) -> Any:
    """Load `models/<name>`: YAML (`.yaml`), JSON Lines (`.jsonl`) or a word list (`.txt`)."""
    path = model_path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"bundled data file is missing or unreadable: {exc.strerror}", path) \
            from None
    if name.endswith(".jsonl"):
        entries = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("//"):
                try:
                    entries.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise UserError(f"invalid JSON: {exc.msg}", path, number) from None
        return entries
    if name.endswith((".yaml", ".yml")):
        return yaml.safe_load(text)
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


# --- phrase lexicons compiled into spaCy Matcher patterns ------------------------------------
#
# A JSONL lexicon entry is one phrase or pattern with what to say about it:
#
#   {"id": "sorry-to-bother", "phrase": "sorry to bother you", "suggest": "...", "reason": "..."}
#
# `phrase` is written as plain words; each word is tokenised with spaCy's English tokenizer
# and matched on its NORM, so "I'm"/"I am"/"I’m" and "didn't"/"did not" are one phrase.
# Inside a phrase, `a|b|c` is a choice of words (`to_hear` for two words in a choice), `*` one optional word of any kind
# and `...` up to three words of any kind. `attr: "LOWER"` matches the exact spelling
# instead (for "gonna", whose norm is "going to"), `attr: "ORTH"` the exact characters. `pattern` gives raw spaCy Matcher token
# patterns instead of a phrase. Optional keys: `part` (salutation, signoff, body: where the
# phrase counts), `first` (true: only as the first words of that part), `skip_kinds` (letter
# kinds where the phrase is a plain fact, e.g. a reply to a rejection), `case` ("upper" or
# "title": the text must be written so).


def phrase_patterns(phrase: str, attr: str = "NORM") -> list[list[dict[str, Any]]]:
    """spaCy Matcher token patterns for a lexicon phrase (see above); a choice of several
    words ("to_hear|your") becomes one pattern per such choice."""
    from itertools import product

    from .nlp import tokenizer

    make = tokenizer()

    def value(token: Any) -> str:
        if attr == "NORM":
            return token.norm_
        return token.text if attr == "ORTH" else token.lower_

    def tokens(words: str) -> list[dict[str, Any]]:
        return [{attr: value(t)} for t in make(words.replace("_", " "))]

    slots: list[list[list[dict[str, Any]]]] = []  # per piece, its alternatives
    for piece in phrase.split():
        if piece == "*":
            slots.append([[{"OP": "?"}]])
        elif piece == "...":
            slots.append([[{"OP": "?"}] * 3])
        elif "|" in piece:
            single: list[str] = []
            several: list[list[dict[str, Any]]] = []
            for choice in piece.split("|"):
                found = tokens(choice)
                if len(found) == 1:
                    single.append(found[0][attr])
                elif found:
                    several.append(found)
            alternatives = [[{attr: {"IN": single}}]] if single else []
            slots.append(alternatives + several)
        else:
            slots.append([tokens(piece)])
    return [[token for part in combo for token in part] for combo in product(*slots)]


# Words too common to tell whether a sentence may hold a phrase; every other word of a
# pattern can serve as its trigger.
_COMMON = frozenset("""i me my am be is are was were been you your the a an to of for and or
my we our us not do did have has had will would can could it that this in on at with so
very really just , . ! ?""".split())


@dataclass(frozen=True, eq=False)
class Lexicon:
    """A compiled lexicon: its Matcher, its entries by id, and its trigger words.

    Every pattern has one required word that is not a common one (its trigger, by the
    attribute it matches on); a sentence without any trigger cannot hold a match, so the
    Matcher runs only on the few sentences that have one.
    """

    matcher: Any
    entries: dict[str, dict[str, Any]]
    triggers: dict[str, frozenset[str]]  # attribute (NORM, LOWER, ORTH) -> words
    hashes: dict[str, Any]  # the same as sorted numpy arrays of string hashes
    hash_sets: dict[str, frozenset[int]]  # and as sets
    longest: int = 16  # tokens in the longest pattern

    def spans(self, doc: Any) -> list[tuple[str, int, int]]:
        """(entry id, start token, end token) of every match in a spaCy Doc."""
        import numpy as np

        table, present = _token_table(doc)
        columns = [column for column, attr in enumerate(("NORM", "LOWER", "ORTH"))
                   if attr in self.triggers and not present[column].isdisjoint(
                       self.hash_sets[attr])]
        if not columns:
            return []
        hit = np.zeros(len(doc), dtype=bool)
        for column in columns:
            attr = ("NORM", "LOWER", "ORTH")[column]
            hit |= np.isin(table[:, column], self.hashes[attr])
        # Run the Matcher only on a window around each trigger, inside its sentence: a match
        # holds its trigger and is at most `self.longest` tokens long.
        starts = np.flatnonzero(table[:, 3] == 1)
        if not len(starts) or starts[0] != 0:
            starts = np.concatenate(([0], starts))
        bounds = np.concatenate((starts, [len(doc)]))
        windows: list[list[int]] = []
        reach = self.longest
        for token in np.flatnonzero(hit).tolist():
            sentence = int(np.searchsorted(starts, token, "right")) - 1
            lo = max(int(bounds[sentence]), token - reach)
            hi = min(int(bounds[sentence + 1]), token + reach + 1)
            if windows and lo <= windows[-1][1] and windows[-1][2] == sentence:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi, sentence])
        found: set[tuple[str, int, int]] = set()
        strings = doc.vocab.strings
        for lo, hi, _ in windows:
            for match_id, start, end in self.matcher(doc[lo:hi]):
                found.add((strings[match_id], start + lo, end + lo))
        return sorted(found, key=lambda m: (m[1], m[2]))


def _token_table(doc: Any) -> tuple[Any, list[set[int]]]:
    """NORM, LOWER, ORTH hashes and SENT_START of every token, and the sets of hashes of
    the first three columns: computed once per Doc and shared by every lexicon."""
    cached = doc.user_data.get("followup:tokens")
    if cached is None:
        from spacy.attrs import LOWER, NORM, ORTH, SENT_START

        table = doc.to_array([NORM, LOWER, ORTH, SENT_START])
        cached = (table, [set(table[:, column].tolist()) for column in range(3)])
        doc.user_data["followup:tokens"] = cached
    return cached  # type: ignore[no-any-return]


def _trigger(pattern: list[dict[str, Any]]) -> tuple[str, set[str]]:
    """The attribute and values of the rarest required token of a pattern (by the English
    word frequencies of the spelling list), so that few sentences need the Matcher."""
    frequency = _frequencies()
    best: tuple[float, str, set[str]] | None = None
    for token in pattern:
        if "OP" in token and token["OP"] not in ("1", "!"):
            continue
        for attr in ("NORM", "LOWER", "ORTH"):
            if attr not in token:
                continue
            value = token[attr]
            values = set(value["IN"]) if isinstance(value, dict) else {value}
            weight = sum(frequency.get(v.lower(), 0) for v in values)
            if values & _COMMON:
                weight += 10**12
            if best is None or weight < best[0]:
                best = (weight, attr, values)
    if best is None:
        raise ValueError("a pattern needs at least one word that is not a wildcard")
    return best[1], best[2]


def _frequencies() -> dict[str, int]:
    try:
        from .rules.spelling import frequencies
    except ImportError:  # pragma: no cover - the word list is optional for the tone rules
        return {}
    return frequencies()


@cache
def compiled(name: str, validate: bool = False) -> Lexicon:
    """The JSONL lexicon `models/<name>` compiled into a spaCy Matcher, built once.

    `validate` checks every pattern against spaCy's schema (slow; the tests do it)."""
    return compiled_together((name,), validate)


@cache
def compiled_together(names: tuple[str, ...], validate: bool = False) -> Lexicon:
    """Several JSONL lexicons in ONE Matcher (one pass over a letter serves them all);
    entry ids are `<file>#<id>` and each entry knows its file as `entry["lexicon"]`."""
    from spacy.matcher import Matcher

    from .nlp import tokenizer

    matcher = Matcher(tokenizer().vocab, validate=validate)
    entries: dict[str, dict[str, Any]] = {}
    triggers: dict[str, set[str]] = {}
    longest = 1
    for name in names:
        for number, entry in enumerate(load(name), start=1):
            key = f"{name}#{entry.get('id') or number}"
            if key in entries:
                raise UserError(f"lexicon id '{entry.get('id')}' given twice", model_path(name),
                                number)
            try:
                if "pattern" in entry:
                    patterns = entry["pattern"]
                    if patterns and isinstance(patterns[0], dict):
                        patterns = [patterns]
                else:
                    phrases = entry["phrase"] if isinstance(entry["phrase"], list) \
                        else [entry["phrase"]]
                    patterns = [pattern for p in phrases
                                for pattern in phrase_patterns(p, entry.get("attr", "NORM"))]
                matcher.add(key, patterns)
                for pattern in patterns:
                    longest = max(longest, len(pattern))
                    attr, values = _trigger(pattern)
                    triggers.setdefault(attr, set()).update(values)
            except (ValueError, KeyError) as exc:
                raise UserError(f"lexicon entry '{entry.get('id')}': {exc}", model_path(name),
                                number) from None
            entries[key] = {**entry, "lexicon": name}
    import numpy as np

    strings = tokenizer().vocab.strings
    hashes = {attr: np.array(sorted(strings.add(v) for v in values), dtype=np.uint64)
              for attr, values in triggers.items()}
    return Lexicon(matcher, entries, {k: frozenset(v) for k, v in triggers.items()}, hashes,
                   {attr: frozenset(a.tolist()) for attr, a in hashes.items()}, longest)
