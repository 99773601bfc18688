"""The shared spaCy pipeline: built once per process, never downloaded.

The default is `spacy.blank("en")` (spaCy's English tokenizer, its norm exceptions that
map "n't" to "not" and "’m" to "am", and lexical attributes) with a rule-based sentencizer.
No lemmatiser: spaCy's English lookup tables come in spacy-lookups-data, a 98 MB wheel for
one table, so the rules that compare words (C001) stem them with Snowball instead
(`stem`, below), which is small, fast and good enough for "plans"/"planning"/"planned".
The project's phrase lexicons (spaCy Matcher token patterns in the
`models/*.yaml` tone lexicons) are
compiled once into a token trie over this tokenizer's string hashes (`lexicons.compiled`):
one walk over a letter serves every pattern of the five tone lexicons. A user who has
installed a trained pipeline may name it in the config (`spacy_model`); no rule depends on
one.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language


# spaCy's package imports its command line (`spacy.cli`: typer, requests, httpx, weasel,
# every training command) for the one name `spacy.info`; a third of spaCy's import time
# (0.15 s of every run). The line it is imported by, in spaCy 3.7-3.8:
_CLI_IMPORT = "from .cli.info import info"


def import_spacy() -> ModuleType:
    """spaCy, imported without its command line when its package imports it only for
    `spacy.info`: while spaCy's package runs, `spacy.cli` and `spacy.cli.info` are
    stand-ins (`spacy.info` imports the real one when called), and they are gone from
    `sys.modules` afterwards, so `import spacy.cli` later imports the real one, and
    `spacy.cli` as an attribute (`spacy.cli.download`) imports it on first use. Any other
    spaCy (its `__init__` names `.cli` otherwise, or its version is outside the tested
    `_TESTED_SPACY` range) is imported as it is."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    stand_ins: dict[str, ModuleType] = {}
    if "spacy.cli" not in sys.modules and _imports_cli_for_info_only():
        cli = ModuleType("spacy.cli")
        cli.__path__ = []  # a package, so that `spacy.cli.info` can be found under it
        info_module = ModuleType("spacy.cli.info")

        def info(*args: Any, **kwargs: Any) -> Any:
            from spacy.cli.info import info as real_info

            return real_info(*args, **kwargs)

        info_module.info = info  # type: ignore[attr-defined]
        stand_ins = {"spacy.cli": cli, "spacy.cli.info": info_module}
        sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if stand_ins:
        _cli_on_first_use(spacy, stand_ins["spacy.cli"])
    return spacy


def _cli_on_first_use(spacy: ModuleType, stand_in: ModuleType) -> None:
    """`spacy.cli` as an attribute imports the real command line when first asked for
    (a module `__getattr__`, PEP 562): code that reaches it through `import spacy`
    alone, as the stock import allows, still finds `spacy.cli.download`."""
    names = vars(spacy)
    if names.get("cli") is stand_in:  # never left behind by the import system, but be sure
        del names["cli"]
    if "cli" in names:
        return
    previous = names.get("__getattr__")

    def __getattr__(name: str) -> Any:
        if name == "cli":
            from importlib import import_module

            return import_module("spacy.cli")  # and the import sets `spacy.cli`
        if previous is not None:
            return previous(name)
        raise AttributeError(f"module 'spacy' has no attribute {name!r}")

    spacy.__getattr__ = __getattr__  # type: ignore[method-assign]


def _imports_cli_for_info_only() -> bool:
    from importlib.util import find_spec

    try:
        spec = find_spec("spacy")
        origin = spec.origin if spec is not None else None
        if origin is None:
            return False
        with open(origin, encoding="utf-8") as init:
            source = init.read()
    except (ImportError, OSError, ValueError):
        return False
    return source.count(_CLI_IMPORT) == 1 and source.count(".cli") == 1 and \
        "spacy.cli" not in source and spacy_in_tested_range(origin)


# The spaCy versions whose `__init__` the stand-ins were checked against (3.7 up to, not
# including, 3.9): any other is imported plainly, whatever its `__init__` looks like.
_TESTED_SPACY = ((3, 7), (3, 9))
_VERSION = re.compile(r"""^__version__\s*=\s*["'](\d+)\.(\d+)""", re.M)


def spacy_in_tested_range(origin: str) -> bool:
    """Whether the spaCy whose `__init__.py` is at `origin` is in `_TESTED_SPACY`, read
    from its `about.py` beside it (importing spaCy or its metadata would cost the time
    the stand-ins save)."""
    from pathlib import Path

    try:
        about = (Path(origin).parent / "about.py").read_text(encoding="utf-8")
    except (OSError, ValueError):
        return False
    found = _VERSION.search(about)
    if found is None:
        return False
    version = (int(found.group(1)), int(found.group(2)))
    low, high = _TESTED_SPACY
    return low <= version < high


@cache
def load_pipeline(model: str | None = None) -> Language:
    spacy = import_spacy()

    if model:
        try:
            nlp = spacy.load(model, exclude=["ner"])
        except OSError:
            raise ConfigError(f"spacy_model: the spaCy pipeline '{model}' is not installed "
                              "(install it with pip, or remove the setting)") from None
    else:
        nlp = blank()
    if not nlp.has_pipe("parser") and not nlp.has_pipe("senter") and \
            not nlp.has_pipe(SENTENCES):
        _register_sentences()
        nlp.add_pipe(SENTENCES)
    return nlp


SENTENCES = "followup_sentences"
_TERMINAL = set(".!?…")
_CLOSING = set("\"'”’)]»")


@cache
def _register_sentences() -> None:
    """Sentence boundaries for letters, set from token arrays in one pass.

    Like spaCy's rule-based sentencizer (a sentence ends after . ! ? and any closing quotes
    or brackets; the tokenizer keeps "Mr." and "e.g." whole), but a paragraph break always
    ends a sentence, so a salutation or list item never runs into the next line, and it
    does not build a Python Token object per token, which made the stock component the
    slowest step of a folder run.
    """
    import numpy
    from spacy.attrs import IS_SPACE, ORTH, SENT_START
    from spacy.language import Language
    from spacy.tokens import Doc

    kinds: dict[int, int] = {}  # orth hash -> 1 terminal, 2 closing, 3 paragraph break, 0

    def kind(strings: object, orth: int) -> int:
        found = kinds.get(orth)
        if found is None:
            text = strings[orth]  # type: ignore[index]
            if text and all(c in _TERMINAL for c in text):
                found = 1
            elif text and all(c in _CLOSING for c in text):
                found = 2
            elif text.count("\n") >= 2 and not text.strip():
                found = 3
            else:
                found = 0
            kinds[orth] = found
        return found

    @Language.component(SENTENCES)
    def split(doc: Doc) -> Doc:
        if not len(doc):
            return doc
        table = doc.to_array([ORTH, IS_SPACE]).tolist()
        strings = doc.vocab.strings
        starts = []
        pending, after_end = True, False
        for orth, space in table:
            sort = kind(strings, orth)
            if space:
                starts.append(-1)
                if sort == 3:
                    pending, after_end = True, False
                continue
            if pending or (after_end and sort != 1 and sort != 2):
                starts.append(1)
                pending, after_end = False, False
            else:
                starts.append(-1)
            if sort == 1:
                after_end = True
            elif sort != 2:
                after_end = False
        starts[0] = 1
        values = numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], values)  # type: ignore[arg-type]
        return doc


@cache
def blank() -> Language:
    """One `spacy.blank("en")` per process: the tokenizer the lexicons are compiled with."""
    return import_spacy().blank("en")  # type: ignore[no-any-return]


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


_LONG_PUNCTUATION_RUN = 32
_PUNCTUATION_RUN = re.compile(r"[^\w\s]{33,}")  # longer than _LONG_PUNCTUATION_RUN


def bounded(text: str) -> str:
    """The text for spaCy, with runs of punctuation longer than 32 characters broken by a
    space every 32 characters. spaCy's tokenizer peels prefixes and suffixes off a token
    one at a time, which is quadratic in a run such as `'*' * 20000` (82 s); broken, it is
    linear. The length and every offset stay the same, so tokens still index the text;
    no word or URL is touched (a run of punctuation is never prose)."""
    pattern = _PUNCTUATION_RUN
    if not pattern.search(text):
        return text

    def breakup(match: re.Match[str]) -> str:
        run = match.group()
        step = _LONG_PUNCTUATION_RUN
        return "".join(run[i:i + step - 1] + (" " if i + step - 1 < len(run) else "")
                       for i in range(0, len(run), step))[: len(run)]

    return pattern.sub(breakup, text)
