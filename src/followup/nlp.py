"""The shared spaCy pipeline: built once per process, never downloaded.

The default is `spacy.blank("en")` (spaCy's English tokenizer, its norm exceptions that
map "n't" to "not" and "’m" to "am", and lexical attributes) with a rule-based sentencizer.
No lemmatiser: spaCy's English lookup tables come in spacy-lookups-data, a 98 MB wheel for
one table, so the rules that compare words (C001) stem them with Snowball instead
(`stem`, below), which is small, fast and good enough for "plans"/"planning"/"planned".
The project's phrase lexicons (spaCy Matcher token patterns in `models/*.jsonl`) are
compiled once into a token trie over this tokenizer's string hashes (`lexicons.compiled`):
one walk over a letter serves every pattern of the five tone lexicons. A user who has
installed a trained pipeline may name it in the config (`spacy_model`); no rule depends on
one.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from .errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language


@cache
def load_pipeline(model: str | None = None) -> Language:
    import spacy

    if model:
        try:
            nlp = spacy.load(model, exclude=["ner"])
        except OSError:
            raise ConfigError(f"spacy_model: the spaCy pipeline '{model}' is not installed "
                              "(install it with pip, or remove the setting)") from None
    else:
        nlp = blank()
    if not nlp.has_pipe("parser") and not nlp.has_pipe("senter") and \
            not nlp.has_pipe("sentencizer"):
        nlp.add_pipe("sentencizer")
    return nlp


@cache
def blank() -> Language:
    """One `spacy.blank("en")` per process: the tokenizer the lexicons are compiled with."""
    import spacy

    return spacy.blank("en")


def tokenizer() -> Language:
    """The tokenizer the lexicons are compiled with: the shared blank English pipeline.

    The lexicons match on string hashes, so they work on Docs of a trained pipeline too.
    """
    return blank()


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    from snowballstemmer.english_stemmer import EnglishStemmer  # not every language

    return EnglishStemmer()


@cache
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of a lower-cased word: "planning" -> "plan"."""
    return str(_stemmer().stemWord(word.lower().replace("’", "'")))
