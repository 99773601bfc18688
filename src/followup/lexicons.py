"""Reviewed data files under `models/` (word lists, phrases, suggestions), loaded once per run.

A contributor changes what a rule knows by editing these files, not Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .errors import UserError
from .resources import models_dir


def model_path(name: str) -> Path:
    return models_dir() / name


try:  # libyaml's loader where PyYAML was built with it: the lexicons are read every run
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _Loader = yaml.SafeLoader


@cache
def load(name: str) -> Any:
    """Load `models/<name>`: YAML (`.yaml`) or a word list (`.txt`)."""
    path = model_path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"bundled data file is missing or unreadable: {exc.strerror}", path) \
            from None
    if name.endswith((".yaml", ".yml")):
        try:
            return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise UserError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}", path,
                            mark.line + 1 if mark is not None else None) from None
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


# --- phrase lexicons compiled into spaCy Matcher patterns ------------------------------------
#
# A tone lexicon (`models/<name>.yaml`) is a YAML list, one word family per entry, with
# what to say about it and sentences it must and must not match:
#
#   - id: sorry-to-bother
#     phrase: sorry to bother|pester|trouble
#     suggest: I am writing to
#     reason: apologises for writing
#     examples: [Sorry to bother you again, but ...]   # each must match (a test runs them)
#     counter_examples: [I was sorry to hear ...]      # none may match
#
# `phrase` is written as plain words; each word is tokenised with spaCy's English tokenizer
# and matched on its NORM, so "I'm"/"I am"/"I’m" and "didn't"/"did not" are one phrase.
# Inside a phrase, `a|b|c` is a choice of words (`to_hear` for two words in a choice), `*`
# one optional word of any kind and `...` up to three words of any kind. `attr: LOWER`
# matches the exact spelling instead (for "gonna", whose norm is "going to"), `attr: ORTH`
# the exact characters. `pattern` gives raw spaCy Matcher token patterns instead of a phrase
# (NORM, LOWER, ORTH or TEXT, a string or {"IN": [...]}, and "OP": "?"). Optional keys:
# `part` (salutation, signoff, body: where the phrase counts), `first` (true: only as the
# first words of that part), `skip_kinds` (letter kinds where the phrase is a plain fact,
# e.g. a reply to a rejection). Every entry has `suggest` (may be empty) and `reason`.


_TOKENISED: dict[tuple[str, str], list[str]] = {}


def phrase_patterns(phrase: str, attr: str = "NORM") -> list[list[dict[str, Any]]]:
    """spaCy Matcher token patterns for a lexicon phrase (see above); a choice of several
    words ("to_hear|your") becomes one pattern per such choice."""
    from itertools import product

    from .nlp import tokenizer

    make = tokenizer().make_doc

    def value(token: Any) -> str:
        if attr == "NORM":
            return token.norm_
        return token.text if attr == "ORTH" else token.lower_

    def tokens(words: str) -> list[dict[str, Any]]:
        key = (words, attr)
        if key not in _TOKENISED:  # the same words recur across phrases; a Doc is dear
            _TOKENISED[key] = [value(t) for t in make(words.replace("_", " "))]
        return [{attr: v} for v in _TOKENISED[key]]

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


_ATTRS = ("NORM", "LOWER", "ORTH")
_ALIASES = {"TEXT": "ORTH"}


class _Node:
    __slots__ = ("edges", "choices", "any", "ends")

    def __init__(self) -> None:
        self.edges: dict[tuple[int, int], _Node] = {}  # (attribute index, string hash)
        # a token that is one of several words ({"IN": [...]}): one edge to a node of this
        # pattern's own, not one node per word with the rest of the pattern copied below
        # each (a phrase of a few such choices was tens of thousands of nodes to build)
        self.choices: list[tuple[int, frozenset[int], _Node]] = []
        self.any: _Node | None = None  # a token of any kind
        self.ends: list[str] = []  # entry keys whose pattern ends here


@dataclass(frozen=True, eq=False)
class Lexicon:
    """A compiled lexicon: its entries by key and a token trie of all their patterns.

    The patterns are spaCy Matcher token patterns restricted to what the lexicons need
    (NORM, LOWER, ORTH or TEXT with a string or `{"IN": [...]}`, and `"OP": "?"`), so a
    pattern file stays valid for spaCy's Matcher (`spacy_matcher()`, used by the tests)
    while matching runs on a trie of string hashes: one walk over a letter's tokens
    serves every pattern, a few microseconds a sentence.
    """

    entries: dict[str, dict[str, Any]]
    patterns: dict[str, list[list[dict[str, Any]]]]
    root: _Node
    first: tuple[frozenset[int], frozenset[int], frozenset[int]]  # hashes that start one
    depth: int  # tokens in the longest pattern

    def spans(self, doc: Any) -> list[tuple[str, int, int]]:
        """(entry key, start token, end token) of every match in a spaCy Doc, longest
        first where matches of different entries overlap."""
        norms, lowers, orths = _token_columns(doc)
        root = self.root
        first_norm, first_lower, first_orth = self.first
        anywhere = root.any is not None
        size = len(norms)
        found: list[tuple[int, int, str]] = []
        for start in range(size):
            if not (anywhere or norms[start] in first_norm or lowers[start] in first_lower
                    or orths[start] in first_orth):
                continue
            states = [root]
            position = start
            stop = min(size, start + self.depth)
            while states and position < stop:
                token = (norms[position], lowers[position], orths[position])
                keys = ((0, token[0]), (1, token[1]), (2, token[2]))
                position += 1
                following: list[_Node] = []
                for node in states:
                    edges = node.edges
                    for key in keys:
                        step = edges.get(key)
                        if step is not None and step not in following:
                            following.append(step)
                    for column, values, step in node.choices:
                        if token[column] in values and step not in following:
                            following.append(step)
                    if node.any is not None and node.any not in following:
                        following.append(node.any)
                for node in following:
                    for entry_key in node.ends:
                        found.append((start, position, entry_key))
                states = following
        groups: dict[str, list[tuple[int, int, str]]] = {}
        for match in found:  # overlaps are resolved within each lexicon file
            groups.setdefault(self.entries[match[2]]["lexicon"], []).append(match)
        return sorted((key, s, e) for matches in groups.values()
                      for s, e, key in _longest(matches))

    def spacy_matcher(self, vocab: Any, validate: bool = True) -> Any:
        """The same patterns in a spaCy `Matcher` (for tests and cross-checks)."""
        from spacy.matcher import Matcher

        matcher = Matcher(vocab, validate=validate)
        for key, patterns in self.patterns.items():
            matcher.add(key, patterns)
        return matcher


def _longest(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping matches, longest first, then earliest (like spaCy's filter_spans)."""
    chosen: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for start, end, key in sorted(set(found), key=lambda m: (m[0] - m[1], m[0], m[2])):
        if any(i in taken for i in range(start, end)):
            continue
        chosen.append((start, end, key))
        taken.update(range(start, end))
    return sorted(chosen)


def _token_columns(doc: Any) -> list[list[int]]:
    """NORM, LOWER and ORTH string hashes of every token (three lists), once per Doc."""
    columns = doc.user_data.get("followup:tokens")
    if columns is None:
        from spacy.attrs import LOWER, NORM, ORTH

        columns = doc.to_array([NORM, LOWER, ORTH]).reshape(len(doc), 3).T.tolist()
        doc.user_data["followup:tokens"] = columns
    return columns  # type: ignore[no-any-return]


def _expand(pattern: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The pattern without optional tokens: one variant per choice of those kept."""
    variants: list[list[dict[str, Any]]] = [[]]
    for token in pattern:
        op = token.get("OP")
        plain = {k: v for k, v in token.items() if k != "OP"}
        if op in (None, "1"):
            variants = [v + [plain] for v in variants]
        elif op == "?":
            variants = variants + [v + [plain] for v in variants]
        else:
            raise ValueError(f"operator '{op}' is not supported in lexicons (use '?')")
    unique: dict[str, list[dict[str, Any]]] = {}
    for variant in variants:
        if variant:
            unique.setdefault(repr(variant), variant)
    return list(unique.values())


def _add(root: _Node, key: str, pattern: list[dict[str, Any]], strings: Any) -> int:
    """Add a pattern to the trie; returns the length of its longest variant."""
    longest = 0
    for variant in _expand(pattern):
        longest = max(longest, len(variant))
        nodes = [root]
        for token in variant:
            unknown = set(token) - set(_ATTRS) - set(_ALIASES)
            if unknown:
                raise ValueError(f"token attribute {sorted(unknown)} is not supported in "
                                 "lexicons (NORM, LOWER, ORTH, TEXT)")
            following: list[_Node] = []
            for node in nodes:
                if not token:
                    node.any = node.any or _Node()
                    following.append(node.any)
                    continue
                if len(token) > 1:
                    raise ValueError("one attribute per token in lexicon patterns")
                (attr, value), = token.items()
                index = _ATTRS.index(_ALIASES.get(attr, attr))
                values = value["IN"] if isinstance(value, dict) else [value]
                if isinstance(value, dict) and set(value) != {"IN"}:
                    raise ValueError(f"only {{'IN': [...]}} is supported, not {value}")
                hashes = [strings.add(str(item)) for item in values]
                if len(hashes) == 1:
                    following.append(node.edges.setdefault((index, hashes[0]), _Node()))
                else:  # never shared with another pattern: no other path runs through it
                    step = _Node()
                    node.choices.append((index, frozenset(hashes), step))
                    following.append(step)
            nodes = following
        for node in nodes:
            if key not in node.ends:
                node.ends.append(key)
    return longest


@cache
def compiled(name: str) -> Lexicon:
    """The YAML lexicon `models/<name>` compiled once into a token trie."""
    return compiled_together((name,))


@cache
def compiled_together(names: tuple[str, ...]) -> Lexicon:
    """Several YAML lexicons in one trie (one walk over a letter serves them all); entry
    keys are `<file>#<id>` and every entry knows its file as `entry["lexicon"]`."""
    from .nlp import tokenizer

    strings = tokenizer().vocab.strings
    root = _Node()
    entries: dict[str, dict[str, Any]] = {}
    all_patterns: dict[str, list[list[dict[str, Any]]]] = {}
    depth = 1
    for name in names:
        for number, entry in enumerate(load(name), start=1):
            key = f"{name}#{entry.get('id') or number}"
            if key in entries:
                raise UserError(f"lexicon entry {number}: id '{entry.get('id')}' given twice",
                                model_path(name))
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
                for pattern in patterns:
                    depth = max(depth, _add(root, key, pattern, strings))
            except (ValueError, KeyError, TypeError) as exc:
                raise UserError(f"lexicon entry {number} ('{entry.get('id')}'): {exc}",
                                model_path(name)) from None
            entries[key] = {**entry, "lexicon": name}
            all_patterns[key] = patterns
    first: tuple[set[int], set[int], set[int]] = (set(), set(), set())
    for column, value in root.edges:
        first[column].add(value)
    for column, values, _ in root.choices:
        first[column].update(values)
    return Lexicon(entries, all_patterns, root,
                   (frozenset(first[0]), frozenset(first[1]), frozenset(first[2])), depth)


@cache
def english_frequencies() -> dict[str, int]:
    """Ordinary English, lower-case word -> frequency: pyspellchecker's list, read once per
    run and shared by the speller (S001) and the name checks (N001)."""
    from importlib.resources import files

    from .wordcache import load_frequencies

    data = files("spellchecker").joinpath("resources", "en.json.gz").read_bytes()
    return load_frequencies(data)
