"""The shared spaCy pipeline: built once per process, never downloaded.

The default is `spacy.blank("en")` (spaCy's English tokenizer and lexical attributes) with
a rule-based sentencizer. A user who has installed a trained pipeline may name it in the
config (`spacy_model`); no rule depends on one.
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
        nlp = spacy.blank("en")
    if not nlp.has_pipe("parser") and not nlp.has_pipe("senter") and \
            not nlp.has_pipe("sentencizer"):
        nlp.add_pipe("sentencizer")
    return nlp
