"""Reviewed data files under `models/` (word lists, phrases, suggestions), loaded once per run.

A contributor changes what a rule knows by editing these files, not Python.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
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
# one optional word of any kind and `...` up to three words of any kind; `...N` (N from 1 to
# 8) is up to N words of any kind within one sentence (rules/tone.py drops a match of an
# entry with such a gap that runs over `.`, `!`, `?` or `;`); a piece ending in `?` may be
# absent (`@degree?`: an intensifier or none, where `*` would let any word in, "I am
# comfortable handling anxious callers"). `~word` is the
# word's family: every form of the lemma (apologize: apologise, apologised, apologizing,
# ...; see `word_forms`), and `@name` a word class of `models/wordclasses.yaml` (a named
# list of such choices, shared by every lexicon: `@weekday`, `@gift`, `@employer`). `attr: LOWER`
# matches the exact spelling instead (for "gonna", whose norm is "going to"), `attr: ORTH`
# the exact characters. `pattern` gives raw spaCy Matcher token patterns instead of a phrase
# (NORM, LOWER, ORTH or TEXT, a string or {"IN": [...]}, and "OP": "?"). Optional keys:
# `unless_inside` (words, lower case: a match holding one of them is dropped, e.g. "note"
# and "email" in "I sent this note as a thank-you"), `part` (salutation, signoff, body:
# where the phrase counts), `first` (true: only as the
# first words of that part), `skip_kinds` (letter kinds where the phrase is a plain fact,
# e.g. a reply to a rejection), `unless_after` (words, by norm: the phrase is skipped right
# after one of them, "I know this is my third email" owns up rather than chases),
# `unless_next` (words, by norm: the phrase is skipped right before one of them, "excuse me
# from the session" releases rather than apologises), `vocative` (true: a word of address
# counts only set off by punctuation, "Thanks, dude!" but not "a dude ranch"),
# `unless_in_sentence` (words, by norm: the phrase is skipped when one of them is in its
# sentence, "As you asked, I will call on Thursday" is a call the reader wanted; `your_plans`
# is a run of words, and a nested list is spread, so a shared anchor takes more words) and
# `negatable` (false: keep a match even when a negator fills one of its wildcards; by
# default T003-T005 skip "I was not nervous at all", see `rules/tone.py`). Every entry has
# `suggest` (may be empty) and `reason`.


_TOKENISED: dict[tuple[str, str], list[str]] = {}

_VOWELS = frozenset("aeiou")


@cache
def word_forms(lemma: str) -> tuple[str, ...]:
    """Every form of a word family, lower case: the lemma, its regular inflections (plural
    or third person, past, participle; a silent e dropped, a final consonant doubled, y to
    ies/ied), the -ise/-ize spelling of the other side of the Atlantic, and the irregular
    or variant forms listed in `models/lemmas.yaml` ("sent", "apologies", "forgave").

    A family is expanded when a lexicon is compiled, not looked up per token: matching
    stays on string hashes, and spaCy's Matcher sees the same patterns (NORM IN [...]).
    Over-generated forms ("bombs" of "bomb") are harmless: they only match themselves."""
    word = lemma.lower()
    forms = {word}
    stems = {word}
    if "iz" in word:
        stems.add(word.replace("iz", "is"))
    elif word.endswith("ise"):
        stems.add(word[:-3] + "ize")
    for base in stems:
        forms.add(base)
        if base.endswith(("s", "x", "z", "ch", "sh")):
            forms.add(base + "es")
        elif base.endswith("y") and base[-2:-1] not in _VOWELS:
            forms.update({base[:-1] + "ies", base[:-1] + "ied"})
        else:
            forms.add(base + "s")
        if base.endswith("e"):
            forms.update({base + "d", base[:-1] + "ing"})
        else:
            forms.update({base + "ed", base + "ing"})
            if len(base) >= 3 and base[-1] not in _VOWELS | {"w", "x", "y"} and \
                    base[-2] in _VOWELS and base[-3] not in _VOWELS:
                forms.update({base + base[-1] + "ed", base + base[-1] + "ing"})
        if base.endswith("y"):
            forms.add(base + "ing")
    irregular = load("lemmas.yaml") or {}
    for form in irregular.get(word, ()) or ():
        forms.add(str(form).lower())
    return tuple(sorted(forms))


def choices(piece: str) -> list[str]:
    """The words of one choice piece (`a|~b|@c`, spaces written `_`), expanded: the
    shared reading of word classes and families, for data files other than the phrase
    lexicons (models/verdicts.yaml)."""
    return _choices(piece)


def _choices(piece: str, depth: int = 0) -> list[str]:
    """The words of one choice piece, with `@class` expanded (classes may name classes)."""
    out: list[str] = []
    for choice in piece.split("|"):
        if choice.startswith("@") and len(choice) > 1:
            classes = load("wordclasses.yaml") or {}
            if choice[1:] not in classes:
                raise ValueError(f"unknown word class '{choice}' (models/wordclasses.yaml)")
            if depth > 4:
                raise ValueError(f"word class '{choice}' refers to itself")
            for member in classes[choice[1:]]:
                out.extend(_choices(str(member).replace(" ", "_"), depth + 1))
        elif choice.startswith("~") and len(choice) > 1:  # the first word's forms
            head, _, rest = choice[1:].partition("_")
            out.extend(form + ("_" + rest if rest else "") for form in word_forms(head))
        elif choice:
            out.append(choice)
    return out


Slot = list[list[dict[str, Any]]]  # the alternatives of one piece of a phrase


def phrase_patterns(phrase: str, attr: str = "NORM") -> list[list[dict[str, Any]]]:
    """spaCy Matcher token patterns for a lexicon phrase (see above); a choice of several
    words ("to_hear|your") becomes one pattern per such choice."""
    from itertools import product

    return [[token for part in combo for token in part]
            for combo in product(*phrase_slots(phrase, attr))]


@cache
def titled_token(word: str) -> str | None:
    """The norm of `word` as one token where the tokenizer knows it capitalised ("mr."
    splits in two, "Mr." is one token, as in a letter), or None: a title with its full stop
    in a data file matches the title in the text."""
    from .nlp import tokenizer

    split = tokenizer().tokenizer
    if " " in word or len([t for t in split(word) if not t.is_space]) != 2 or \
            not word.endswith("."):
        return None
    whole = split(word.capitalize())
    return whole[0].norm_ if len(whole) == 1 else None


def phrase_slots(phrase: str, attr: str = "NORM") -> list[Slot]:
    """A phrase as slots, one per piece, each the token sequences it may be; the trie is
    built from these directly, so choices never multiply into separate patterns."""
    from .nlp import tokenizer

    make = tokenizer().make_doc

    def value(token: Any) -> str:
        if attr == "NORM":
            return token.norm_
        return token.text if attr == "ORTH" else token.lower_

    nlp = tokenizer()
    special = getattr(nlp.tokenizer, "rules", None) or {}

    def tokens(words: str) -> list[dict[str, Any]]:
        key = (words, attr)
        if key not in _TOKENISED:  # the same words recur across phrases; a Doc is dear
            if words.isalpha() and words not in special and words.lower() not in special:
                # one plain word is one token, without a Doc: its norm is its lexeme's
                _TOKENISED[key] = [nlp.vocab[words].norm_ if attr == "NORM" else
                                   words if attr == "ORTH" else words.lower()]
            else:
                title = titled_token(words) if "_" not in words else None
                _TOKENISED[key] = [title if attr != "ORTH" else words.capitalize()] \
                    if title else [value(t) for t in make(words.replace("_", " "))]
        return [{attr: v} for v in _TOKENISED[key]]

    slots: list[Slot] = []  # per piece, its alternatives
    for piece in phrase.split():
        optional = len(piece) > 1 and piece.endswith("?")  # `@degree?`: may be absent
        if optional:
            piece = piece[:-1]
        if piece == "*":
            slots.append([[{"OP": "?"}]])
        elif piece == "...":
            slots.append([[{"OP": "?"}] * 3])
        elif piece.startswith("...") and piece[3:].isdigit() and 1 <= int(piece[3:]) <= 8:
            slots.append([[{"OP": "?"}] * int(piece[3:])])  # `...6`: up to six words
        elif "|" in piece or piece[:1] in "@~":
            single: list[str] = []
            several: list[list[dict[str, Any]]] = []
            for choice in dict.fromkeys(_choices(piece)):
                found = tokens(choice)
                if len(found) == 1:
                    single.append(found[0][attr])
                elif found:
                    several.append(found)
            alternatives = [[{attr: {"IN": single}}]] if single else []
            slots.append(alternatives + several)
        else:
            slots.append([tokens(piece)])
        if optional and slots[-1] != [[{"OP": "?"}]]:
            slots[-1] = slots[-1] + [[]]  # the empty alternative: no token at all
    return slots


_ATTRS = ("NORM", "LOWER", "ORTH")
_ALIASES = {"TEXT": "ORTH"}


class _Node:
    __slots__ = ("edges", "any", "ends", "joins")

    def __init__(self) -> None:
        self.joins: list[_Node] = []  # nodes reached without a token (after a slot)
        # (attribute index, string hash) for one word; (3 + attribute index, set id) for
        # a set of words (`{"IN": [...]}`), so a word class is one edge, not one per word
        self.edges: dict[tuple[int, int], _Node] = {}
        self.any: _Node | None = None  # a token of any kind
        self.ends: list[str] = []  # entry keys whose pattern ends here


class _State:
    """A set of trie nodes reached together: the entries ending at one of them, and where
    each token seen so far leads from here (token hashes -> state)."""

    __slots__ = ("nodes", "ends", "next")

    def __init__(self, nodes: list[_Node]) -> None:
        self.nodes = nodes
        self.ends: tuple[str, ...] = tuple(dict.fromkeys(
            key for node in nodes for key in node.ends))
        self.next: dict[tuple[int, int, int], _State] = {}


class _States:
    """The states of one lexicon's walk, made as letters need them. A long-lived process
    (the language server) sees new words forever, so past `LIMIT` remembered steps the
    walk starts afresh from a new root (the states are derived data; the trie stays)."""

    LIMIT = 500_000

    def __init__(self) -> None:
        self.dead = _State([])
        self.by_nodes: dict[frozenset[int], _State] = {}
        self.steps = 0
        self._root: _State | None = None

    def root(self, node: _Node) -> _State:
        """The state at the start of a match (called once per letter)."""
        if self._root is None or self.steps > self.LIMIT:
            self.by_nodes = {}
            self.steps = 0
            self._root = _State([node])
        return self._root

    def state(self, nodes: list[_Node], token: tuple[int, int, int], before: _State
              ) -> _State:
        """The state of `nodes`, remembered as the step from `before` on `token`."""
        found = self.dead
        if nodes:
            ids = frozenset(map(id, nodes))
            known = self.by_nodes.get(ids)
            if known is None:
                known = self.by_nodes[ids] = _State(nodes)
            found = known
        before.next[token] = found
        self.steps += 1
        return found


@dataclass(frozen=True, eq=False)
class Lexicon:
    """A compiled lexicon: its entries by key and a token trie of all their patterns.

    The patterns are spaCy Matcher token patterns restricted to what the lexicons need
    (NORM, LOWER, ORTH or TEXT with a string or `{"IN": [...]}`, and `"OP": "?"`), so a
    pattern file stays valid for spaCy's Matcher (`spacy_matcher()`, used by the tests)
    while matching runs on a trie of string hashes: one walk over a letter's tokens
    serves every pattern, a few microseconds a sentence. A set of words (a word class
    such as `@gift`) is interned once and is one edge of the trie: a token's keys are its
    three hashes plus the ids of the sets that hold them (`members`).
    """

    entries: dict[str, dict[str, Any]]
    root: _Node
    first: frozenset[tuple[int, int]]  # edge keys that start a pattern
    depth: int  # tokens in the longest pattern
    members: tuple[dict[int, tuple[int, ...]], ...]  # per attribute: hash -> set ids

    states: _States = field(default_factory=lambda: _States(), compare=False, repr=False)

    def _keys(self, norm: int, lower: int, orth: int) -> list[tuple[int, int]]:
        """A token's edge keys: its three hashes and the ids of the sets that hold them."""
        by_norm, by_lower, by_orth = self.members
        keys = [(0, norm), (1, lower), (2, orth)]
        for column, table, value in ((3, by_norm, norm), (4, by_lower, lower),
                                     (5, by_orth, orth)):
            found = table.get(value)
            if found:
                keys.extend((column, ident) for ident in found)
        return keys

    def _after(self, state: _State, token: tuple[int, int, int]) -> _State:
        """The state after `token` from `state` (computed once per state and token, then
        remembered): the trie nodes its edges, `any` and the joins after them reach."""
        keys = self._keys(*token)
        following: dict[int, _Node] = {}
        for node in state.nodes:
            edges = node.edges
            for key in keys:
                step = edges.get(key)
                if step is not None:
                    following[id(step)] = step
            if node.any is not None:
                following[id(node.any)] = node.any
        pending = list(following.values())
        while pending:  # the nodes a slot's end joins to, without a token
            node = pending.pop()
            for joined in node.joins:
                if id(joined) not in following:
                    following[id(joined)] = joined
                    pending.append(joined)
        return self.states.state(list(following.values()), token, state)

    def spans(self, doc: Any, keep: Callable[[str, int, int], bool] | None = None
              ) -> list[tuple[str, int, int]]:
        """(entry key, start token, end token) of every match in a spaCy Doc, longest
        first where matches of different entries overlap. `keep` (entry key, start, end)
        drops a match before overlaps are resolved (a sign-off phrase in the body must not
        hide a shorter body phrase).

        The walk runs on the trie's states as sets of nodes, each created once and
        remembering where each token (its three hashes) leads: a step is one dict lookup,
        and a token that starts no pattern costs one lookup at the root."""
        tokens = list(zip(*_token_columns(doc), strict=True))
        states = self.states
        root = states.root(self.root)
        dead = states.dead
        size = len(tokens)
        depth = self.depth
        after = self._after
        found: list[tuple[int, int, str]] = []
        starts = root.next
        for start, token in enumerate(tokens):
            state = starts.get(token)  # most tokens start no pattern: one lookup each
            if state is None:
                state = after(root, token)
            if state is dead:
                continue
            position = start + 1
            for entry_key in state.ends:
                found.append((start, position, entry_key))
            stop = min(size, start + depth)
            while position < stop:
                token = tokens[position]
                following = state.next.get(token)
                if following is None:
                    following = after(state, token)
                if following is dead:
                    break
                position += 1
                state = following
                for entry_key in state.ends:
                    found.append((start, position, entry_key))
        if keep is not None:
            found = [m for m in set(found) if keep(m[2], m[0], m[1])]
        groups: dict[str, list[tuple[int, int, str]]] = {}
        for match in found:  # overlaps are resolved within each lexicon file
            groups.setdefault(self.entries[match[2]]["lexicon"], []).append(match)
        return sorted((key, s, e) for matches in groups.values()
                      for s, e, key in _longest(matches))

    def spacy_matcher(self, vocab: Any, validate: bool = True) -> Any:
        """The same patterns in a spaCy `Matcher` (for tests and cross-checks)."""
        from spacy.matcher import Matcher

        matcher = Matcher(vocab, validate=validate)
        for key, entry in self.entries.items():
            matcher.add(key, entry_patterns(entry))
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


class _Sets:
    """Interned sets of word hashes per attribute: one id per distinct `IN` list."""

    def __init__(self) -> None:
        self.ids: dict[tuple[int, frozenset[int]], int] = {}
        self.members: tuple[dict[int, list[int]], ...] = ({}, {}, {})

    def key(self, index: int, hashes: frozenset[int]) -> tuple[int, int]:
        if len(hashes) == 1:
            return (index, next(iter(hashes)))
        found = self.ids.get((index, hashes))
        if found is None:
            found = self.ids[(index, hashes)] = len(self.ids) + 1
            for value in hashes:
                self.members[index].setdefault(value, []).append(found)
        return (3 + index, found)


def _step(nodes: list[_Node], token: dict[str, Any], strings: Any, sets: _Sets
          ) -> list[_Node]:
    """The trie nodes after one token pattern (`"OP": "?"`: also the nodes before it)."""
    op = token.get("OP")
    if op not in (None, "1", "?"):
        raise ValueError(f"operator '{op}' is not supported in lexicons (use '?')")
    plain = {k: v for k, v in token.items() if k != "OP"}
    unknown = set(plain) - set(_ATTRS) - set(_ALIASES)
    if unknown:
        raise ValueError(f"token attribute {sorted(unknown)} is not supported in "
                         "lexicons (NORM, LOWER, ORTH, TEXT)")
    if len(plain) > 1:
        raise ValueError("one attribute per token in lexicon patterns")
    following: list[_Node] = list(nodes) if op == "?" else []
    if not plain:
        for node in nodes:
            node.any = node.any or _Node()
            following.append(node.any)
    else:
        (attr, value), = plain.items()
        index = _ATTRS.index(_ALIASES.get(attr, attr))
        if isinstance(value, dict) and set(value) != {"IN"}:
            raise ValueError(f"only {{'IN': [...]}} is supported, not {value}")
        values = value["IN"] if isinstance(value, dict) else [value]
        edge = sets.key(index, frozenset(strings.add(str(item)) for item in values))
        for node in nodes:
            following.append(node.edges.setdefault(edge, _Node()))
    return list({id(n): n for n in following}.values())


def _add(root: _Node, key: str, slots: list[Slot], strings: Any, sets: _Sets) -> int:
    """Add a pattern, given as slots of alternatives, to the trie: the nodes after each
    slot are the union over its alternatives, and an optional token keeps the nodes
    before it, so neither choices nor optional words multiply the work. Returns the
    length of the longest sequence it can match."""
    nodes = [root]
    longest = 0
    for slot in slots:
        after: dict[int, _Node] = {}
        for alternative in slot:
            current = nodes
            for token in alternative:
                current = _step(current, token, strings, sets)
            after.update((id(n), n) for n in current)
        nodes = list(after.values())
        if len(nodes) > 1 and root not in nodes:
            # one fresh node joins the slot's ends, so the next slot is built once, not
            # once per way of reaching it (a word class after `...` would multiply)
            join = _Node()
            for node in nodes:
                node.joins.append(join)
            nodes = [join]
        longest += max(len(alternative) for alternative in slot)
    for node in nodes:
        if node is root:
            continue  # an all-optional pattern would match nothing
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
    keys are `<file>#<id>` and every entry knows its file as `entry["lexicon"]`.

    Compiling takes a tenth of a second or more (every phrase tokenised), so the trie is
    kept on disk too (`_cached`), keyed by everything it is made from."""
    path = _cache_path(names)
    if path is not None:
        found = _read_cached(path)
        if found is not None:
            return found
    lexicon = _compile(names)
    if path is not None:
        _write_cached(path, lexicon)
    return lexicon


def _compile(names: tuple[str, ...]) -> Lexicon:
    from .nlp import tokenizer

    strings = tokenizer().vocab.strings
    root = _Node()
    sets = _Sets()
    entries: dict[str, dict[str, Any]] = {}
    depth = 1
    for name in names:
        for number, entry in enumerate(load(name), start=1):
            key = f"{name}#{entry.get('id') or number}"
            if key in entries:
                raise UserError(f"lexicon entry {number}: id '{entry.get('id')}' given twice",
                                model_path(name))
            try:
                for slots in _entry_slots(entry):
                    depth = max(depth, _add(root, key, slots, strings, sets))
            except (ValueError, KeyError, TypeError) as exc:
                raise UserError(f"lexicon entry {number} ('{entry.get('id')}'): {exc}",
                                model_path(name)) from None
            entries[key] = {**entry, "lexicon": name}
    members = tuple({h: tuple(ids) for h, ids in table.items()} for table in sets.members)
    return Lexicon(entries, root, frozenset(root.edges), depth, members)


# --- the compiled trie on disk ---------------------------------------------------------------
#
# `<user cache>/followup/lexicons/<key>.marshal` (or `$FOLLOWUP_LEXICON_CACHE`; `off` turns
# it off). The key hashes every file under models/ (lexicons, word classes, lemmas), this
# module's source (how a trie is built), the spaCy version and whether spacy-lookups-data
# is installed (the tokenizer's norms), and Python's version (marshal's format): a change
# to any of them is a new file, so a stale trie is never read. marshal, not pickle: the
# file holds only data (reading it runs no code). A file that cannot be read is compiled
# again and rewritten; a folder that cannot be written is left alone.

LEXICON_CACHE_ENV = "FOLLOWUP_LEXICON_CACHE"
_CACHE_FORMAT = "followup-lexicon-trie-1"
_CACHE_KEEP = 8  # newest files kept in the folder (older keys are older models)


def _cache_path(names: tuple[str, ...], builder: Path | None = None) -> Path | None:
    """The cache file for these lexicons as the models are now, or None (cache off);
    `builder` is the module that builds other data from the models (its source is part
    of the key, as this module's is)."""
    import hashlib
    import os
    import sys

    override = os.environ.get(LEXICON_CACHE_ENV)
    if override and override.strip().lower() == "off":
        return None
    try:
        if override:
            folder = Path(override).expanduser()
        else:
            import platformdirs

            folder = Path(platformdirs.user_cache_dir("followup")) / "lexicons"
        from importlib.util import find_spec

        from .nlp import import_spacy

        import_spacy()  # spaCy's package first, without its command line
        from spacy.about import __version__ as spacy_version

        digest = hashlib.sha256()
        for part in (_CACHE_FORMAT, repr(names), spacy_version, sys.version,
                     str(find_spec("spacy_lookups_data") is not None)):
            digest.update(part.encode() + b"\0")
        digest.update(Path(__file__).read_bytes())
        if builder is not None:
            digest.update(builder.read_bytes())
        for model in sorted(models_dir().iterdir()):
            if model.is_file():
                digest.update(model.name.encode() + b"\0" + model.read_bytes() + b"\0")
    except (OSError, ImportError, ValueError):
        return None
    return folder / f"{digest.hexdigest()[:40]}.marshal"


def _read_cached(path: Path) -> Lexicon | None:
    """The lexicon kept at `path`, or None when there is none or it cannot be read."""
    import marshal

    try:
        data = marshal.loads(path.read_bytes())
        tag, entries, rows, depth, members = data
        if tag != _CACHE_FORMAT:
            return None
        nodes = [_Node() for _ in rows]
        for node, (edges, anything, ends, joins) in zip(nodes, rows, strict=True):
            node.edges = {key: nodes[index] for key, index in edges.items()}
            node.any = nodes[anything] if anything >= 0 else None
            node.ends = list(ends)
            node.joins = [nodes[index] for index in joins]
        root = nodes[0]
        return Lexicon(entries, root, frozenset(root.edges), depth, members)
    except Exception:  # noqa: BLE001 - a missing, truncated or foreign file: compile
        return None


def _write_cached(path: Path, lexicon: Lexicon) -> None:
    """Keep `lexicon` at `path` (atomically), and only the newest few such files."""
    import contextlib
    import marshal

    order: dict[int, int] = {}
    nodes: list[_Node] = []
    stack = [lexicon.root]
    while stack:  # every node once, the root first
        node = stack.pop()
        if id(node) in order:
            continue
        order[id(node)] = len(nodes)
        nodes.append(node)
        stack.extend(reversed([*node.edges.values(), *node.joins,
                               *([node.any] if node.any is not None else [])]))
    rows = [({key: order[id(step)] for key, step in node.edges.items()},
             order[id(node.any)] if node.any is not None else -1,
             tuple(node.ends), tuple(order[id(j)] for j in node.joins)) for node in nodes]
    with contextlib.suppress(OSError, ValueError):  # ValueError: a value marshal cannot
        data = marshal.dumps((_CACHE_FORMAT, lexicon.entries, rows, lexicon.depth,
                              lexicon.members))
        from .atomic import write_bytes_atomic

        write_bytes_atomic(path, data, overwrite=True, durable=False)
        kept = sorted(path.parent.glob("*.marshal"), key=lambda p: p.stat().st_mtime,
                      reverse=True)
        for old in kept[_CACHE_KEEP:]:
            old.unlink()


_DATA_FORMAT = "followup-model-data-1"


def cached_build(tag: str, builder: Path, build: Callable[[], Any]) -> Any:
    """What `build` makes from the models (plain data marshal can hold: the compiled
    verdict and pressure models), kept on disk beside the tries and keyed the same way
    plus the source of `builder`, the module that builds it: compiling tokenises every
    phrase, a tenth of a second or more a process."""
    import contextlib
    import marshal

    path = _cache_path((tag,), builder)
    if path is not None:
        with contextlib.suppress(Exception):  # a missing, truncated or foreign file
            found_tag, data = marshal.loads(path.read_bytes())
            if found_tag == _DATA_FORMAT:
                return data
    data = build()
    if path is not None:
        with contextlib.suppress(OSError, ValueError):
            from .atomic import write_bytes_atomic

            write_bytes_atomic(path, marshal.dumps((_DATA_FORMAT, data)), overwrite=True,
                               durable=False)
    return data


def _entry_slots(entry: dict[str, Any]) -> list[list[Slot]]:
    """An entry's patterns as slots: its raw `pattern`s (one token a slot) or phrases."""
    if "pattern" in entry:
        patterns = entry["pattern"]
        if patterns and isinstance(patterns[0], dict):
            patterns = [patterns]
        return [[[[token]] for token in pattern] for pattern in patterns]
    phrases = entry["phrase"] if isinstance(entry["phrase"], list) else [entry["phrase"]]
    return [phrase_slots(p, entry.get("attr", "NORM")) for p in phrases]


def entry_patterns(entry: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """An entry's spaCy Matcher token patterns (every choice spelled out: for tests)."""
    from itertools import product

    return [[token for part in combo for token in part]
            for slots in _entry_slots(entry) for combo in product(*slots)]


@cache
def english_frequencies() -> dict[str, int]:
    """Ordinary English, lower-case word -> frequency: pyspellchecker's list, read once per
    run and shared by the speller (S001) and the name checks (N001)."""
    from importlib.resources import files

    from .wordcache import load_frequencies

    data = files("spellchecker").joinpath("resources", "en.json.gz").read_bytes()
    return load_frequencies(data)
