"""Fitting a phrase someone typed (a topic, a strength) into a template's sentence.

Records hold topics as people jot them down: "the move to Rust", "on-call rotation",
"route planning", "recruiting participants for remote studies". A sentence written around
them ("what you said about ___") reads right only when a bare singular noun phrase gets an
article ("the on-call rotation") and everything else is left alone. There is no tagger in
the pipeline (spaCy runs blank), so the shape is read from the words and the reviewed
lists in `models/phrasing.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..lexicons import load


@dataclass(frozen=True)
class _Words:
    determiners: frozenset[str]
    clause_words: frozenset[str]
    prepositions: frozenset[str]
    mass_endings: tuple[str, ...]
    mass_nouns: frozenset[str]
    noun_modifiers: frozenset[str]
    a_before: tuple[str, ...]
    an_before: tuple[str, ...]
    vowel_letters: frozenset[str]


@cache
def _words() -> _Words:
    raw = load("phrasing.yaml")

    def low(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw[key])

    return _Words(
        determiners=low("determiners"), clause_words=low("clause_words"),
        prepositions=low("prepositions"),
        mass_endings=tuple(str(w).lower() for w in raw["mass_endings"]),
        mass_nouns=low("mass_nouns"), noun_modifiers=low("noun_modifiers_in_ing"),
        a_before=tuple(str(w).lower() for w in raw["a_before"]),
        an_before=tuple(str(w).lower() for w in raw["an_before"]),
        vowel_letters=frozenset(str(w) for w in raw["vowel_letters"]),
    )


def _bare(word: str) -> str:
    return re.sub(r"^\W+|\W+$", "", word).lower()


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _mass(word: str, words: _Words) -> bool:
    last = word.rsplit("-", 1)[-1]
    return last in words.mass_nouns or last.endswith(words.mass_endings)


def needs_article(phrase: str) -> bool:
    """True for a bare singular noun phrase ("on-call rotation", "behaviour policy");
    false for one with a determiner, a clause, a gerund phrase ("reducing wait times"),
    a plural or mass head ("phonics interventions", "sonar signal processing") and a
    name ("Rust")."""
    words = _words()
    tokens = phrase.split()
    if not tokens:
        return False
    first = _bare(tokens[0])
    if first in words.determiners or first in words.clause_words:
        return False
    head_tokens = [tokens[0]]
    for token in tokens[1:]:
        if _bare(token) in words.prepositions:
            break
        head_tokens.append(token)
    head = head_tokens[-1]
    if head[:1].isupper():  # a name: "Rust", "Kubernetes"
        return False
    head_word = _bare(head)
    if _plural(head_word) or _mass(head_word, words):
        return False
    # an -ing word first is a verb with its object ("forecasting late deliveries")
    # unless it names a kind of thing ("the mentoring programme")
    return not first.endswith("ing") or first in words.noun_modifiers


def topic(phrase: Any) -> str:
    """A topic as it reads after "about", "on" or "of": "on-call rotation" becomes "the
    on-call rotation"; "route planning" and "the move to Rust" stay as they are."""
    text = " ".join(str(phrase).split())
    return f"the {text}" if needs_article(text) else text


_OWN = ("my", "our")
_ARTICLES = ("a", "an", "the")


def strength(phrase: Any) -> str:
    """A strength from the profile as something the candidate has, with "my": "five
    years of planning ..." becomes "my five years of planning ...", "a record of ..."
    becomes "my record of ...", and a gerund phrase ("training seasonal staff quickly")
    becomes "my experience in training seasonal staff quickly"."""
    text = " ".join(str(phrase).split())
    tokens = text.split()
    if not tokens:
        return text
    first = _bare(tokens[0])
    if first in _OWN:
        return text
    if first in _ARTICLES and len(tokens) > 1:
        return f"my {' '.join(tokens[1:])}"
    words = _words()
    if first.endswith("ing") and len(tokens) > 1 and first not in words.determiners and \
            not (len(tokens) == 2 and first in words.noun_modifiers and needs_article(text)):
        return f"my experience in {text}"  # but "my marketing background"
    return f"my {text}"


def indefinite(text: Any) -> str:
    """'a Senior Analyst', 'an Operations Lead', 'a UX Researcher', 'an hourly role':
    the article by the sound of the first word, not only its first letter."""
    text = str(text)
    words = _words()
    first = text.split()[0] if text.split() else ""
    letters = re.sub(r"[^A-Za-z]", "", first)
    if len(letters) >= 2 and letters.isupper():  # an abbreviation, read letter by letter
        vowel = letters[0] in words.vowel_letters
    else:
        lower = letters.lower()
        if lower.startswith(words.a_before):
            vowel = False
        elif lower.startswith(words.an_before):
            vowel = True
        else:
            vowel = lower[:1] in ("a", "e", "i", "o", "u")
    return f"{'an' if vowel else 'a'} {text}"


def title_phrase(title: Any) -> str:
    """A job title as it reads after a name and "the" in running text: "Recruiter"
    becomes "recruiter", "Clinic Director" "clinic director"; an abbreviation or a
    word with capitals inside ("CTO", "VP", "QA") is kept."""
    words = []
    for word in " ".join(str(title).split()).split():
        letters = re.sub(r"[^A-Za-z]", "", word)
        keep = len(letters) >= 2 and (letters.isupper() or not letters[1:].islower())
        words.append(word if keep else word.lower())
    return " ".join(words)


_FORMER = ("former ", "ex-", "previous ")


def relationship(phrase: Any) -> str:
    """How a reference knows the candidate, as it reads after "your time as": "my manager
    at Tidewater Labs" is kept; "Former manager" becomes "my manager"."""
    text = " ".join(str(phrase).split())
    lowered = text[:1].lower() + text[1:] if text[1:2].islower() or len(text) < 2 else text
    for former in _FORMER:
        if lowered.lower().startswith(former):
            lowered = lowered[len(former):]
    first = _bare(lowered.split()[0]) if lowered.split() else ""
    if first in _OWN:
        return lowered
    if first in _ARTICLES:
        lowered = lowered.split(" ", 1)[1] if " " in lowered else lowered
    return f"my {lowered}"


# "two references' contact details": a possessive plural before what is owned
_POSSESSIVE_PLURAL = re.compile(r"^(?P<owner>.+?s)['’] (?P<owned>\S.*)$")


def document(phrase: Any) -> str:
    """A requested document as it reads after "I have attached": "two references'
    contact details" becomes "contact details for two references"; anything else is
    kept as written."""
    text = " ".join(str(phrase).split())
    match = _POSSESSIVE_PLURAL.match(text)
    if not match:
        return text
    return f"{match['owned']} for {match['owner']}"
