"""Reviewed data files under `models/` (word lists, phrases, suggestions), loaded once per run.

A contributor changes what a rule knows by editing these files, not Python.
"""

from __future__ import annotations

import json
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
# Inside a phrase, `a|b|c` is a choice of single words, `*` one optional word of any kind
# and `...` up to three words of any kind. `attr: "LOWER"` matches the exact spelling
# instead (for "gonna", whose norm is "going to"), `attr: "ORTH"` the exact characters. `pattern` gives raw spaCy Matcher token
# patterns instead of a phrase. Optional keys: `part` (salutation, signoff, body: where the
# phrase counts), `first` (true: only as the first words of that part), `skip_kinds` (letter
# kinds where the phrase is a plain fact, e.g. a reply to a rejection), `case` ("upper" or
# "title": the text must be written so).


def phrase_pattern(phrase: str, attr: str = "NORM") -> list[dict[str, Any]]:
    """spaCy Matcher token patterns for a lexicon phrase (see above)."""
    from .nlp import tokenizer

    make = tokenizer()
    pattern: list[dict[str, Any]] = []

    def value(token: Any) -> str:
        if attr == "NORM":
            return token.norm_
        return token.text if attr == "ORTH" else token.lower_

    for piece in phrase.split():
        if piece == "*":
            pattern.append({"OP": "?"})
        elif piece == "...":
            pattern.extend({"OP": "?"} for _ in range(3))
        elif "|" in piece:
            choices = []
            for choice in piece.split("|"):
                tokens = make(choice)
                if len(tokens) != 1:
                    raise ValueError(f"choice '{choice}' in '{phrase}' is not one token")
                choices.append(value(tokens[0]))
            pattern.append({attr: {"IN": choices}})
        else:
            pattern.extend({attr: value(token)} for token in make(piece))
    return pattern


@cache
def compiled(name: str) -> tuple[Any, dict[str, dict[str, Any]]]:
    """(spaCy Matcher, entries by id) for the JSONL lexicon `models/<name>`, built once."""
    from spacy.matcher import Matcher

    from .nlp import tokenizer

    matcher = Matcher(tokenizer().vocab, validate=True)
    entries: dict[str, dict[str, Any]] = {}
    for number, entry in enumerate(load(name), start=1):
        key = str(entry.get("id") or f"{name}:{number}")
        if key in entries:
            raise UserError(f"lexicon id '{key}' given twice", model_path(name), number)
        if "pattern" in entry:
            patterns = entry["pattern"]
            if patterns and isinstance(patterns[0], dict):
                patterns = [patterns]
        else:
            phrases = entry["phrase"] if isinstance(entry["phrase"], list) else [entry["phrase"]]
            patterns = [phrase_pattern(p, entry.get("attr", "NORM")) for p in phrases]
        try:
            matcher.add(key, patterns)
        except ValueError as exc:
            raise UserError(f"lexicon entry '{key}': {exc}", model_path(name), number) from None
        entries[key] = entry
    return matcher, entries
