"""G001 grammar, and LanguageTool's spelling reported as S001, from a real LanguageTool.

`prepare` sends every letter's checked text at once (concurrently, cached) before the
per-letter `check`; the matches wait in `document.cache["languagetool"]`. Offsets from
LanguageTool are offsets into `document.text`, which the linter maps back to the file, so
Markdown syntax, front matter, headers, quoted replies and signatures never produce
findings. The words the linked record spells (`Record.spelled_phrases`), the user's
vocabulary and profile name, and the sender of an e-mail (its From header) are never reported
as misspellings; nor is any word in the sign-off (the writer's own name), nor a word the
offline speller accepts (a British spelling under en-US, "résumé"). Faults become one notice
(`resources.memo["grammar_errors"]`) and the other rules still run.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from email.utils import getaddresses
from typing import TYPE_CHECKING, Any

from ..errors import UserError
from ..findings import Problem, Severity, safe

if TYPE_CHECKING:  # the HTTP client is imported only when LanguageTool is used
    from ..grammar.client import LTMatch
    from ..grammar.session import GrammarSettings
from .base import Context, Options, Rule

CACHE_KEY = "languagetool"
#: spans LanguageTool reported as misspelled, for the offline speller to skip
SPELLING_SPANS_KEY = "languagetool_spelling"
_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


def _settings(context: Context, options: Options) -> GrammarSettings:
    from ..grammar.session import GrammarSettings

    return GrammarSettings.from_config(context.config, options)


def prepare(documents: Sequence[Any], contexts: Sequence[Context], options: Options) -> None:
    if not documents:
        return
    settings = _settings(contexts[0], options)
    if settings.mode == "off":
        return
    from ..grammar.session import session_for

    session = session_for(contexts[0].resources, settings)
    todo = [d for d in documents if CACHE_KEY not in d.cache]
    results = session.check_texts([d.text for d in todo])
    for document, matches in zip(todo, results, strict=True):
        document.cache[CACHE_KEY] = matches
    # the whole run was sent at once: a server started for it is no longer needed
    session.close()


def _words_of(phrases: Sequence[str]) -> set[str]:
    """Casefolded: each phrase whole, its tokens, their hyphenated parts, without "'s"."""
    words: set[str] = set()
    for phrase in phrases:
        words.add(phrase.casefold())
        for token in re.split(r"[\s/,;:()@<>]+", phrase):
            token = token.strip(".'’\"")
            if token:
                words.add(token.casefold())
                words.update(part.casefold() for part in token.split("-") if part)
                words.add(_POSSESSIVE.sub("", token).casefold())
    return words


def _allowed_words(context: Context) -> frozenset[str]:
    """Casefolded words that are never misspellings for this letter's record and user."""
    record = context.record
    memo = context.resources.memo
    key = f"grammar_allowed:{id(record)}"
    cached = memo.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    phrases: list[str] = []
    with contextlib.suppress(UserError):  # an unreadable vocabulary is reported elsewhere
        phrases.extend(context.resources.vocabulary)
    profile = getattr(context.config, "profile", None) or {}
    phrases.extend(str(v) for k, v in profile.items() if k in ("name", "email")
                   and isinstance(v, str))
    if record is not None:
        phrases.extend(record.spelled_phrases())
    result = frozenset(_words_of(phrases))
    memo[key] = result
    return result


def _sender_words(document: Any) -> frozenset[str]:
    """The writer's own name and address from an e-mail's From header ("Aoife Kelly
    <aoife@example.com>"): never misspellings in the letter either."""
    headers = getattr(document, "headers", None) or {}
    raw = headers.get("from")
    if not raw:
        return frozenset()
    phrases = [part for pair in getaddresses([str(raw)]) for part in pair if part.strip()]
    return frozenset(_words_of(phrases))


def _is_allowed(span: str, allowed: frozenset[str]) -> bool:
    if not span.strip():
        return False
    folded = span.strip().strip(".'’\"").casefold()
    if folded in allowed or _POSSESSIVE.sub("", folded) in allowed:
        return True
    words = _WORD.findall(span)
    return bool(words) and all(
        w.casefold() in allowed or _POSSESSIVE.sub("", w).casefold() in allowed
        for w in words)


def _prose_spans(document: Any) -> list[tuple[int, int]]:
    """Salutation, body and sign-off (only its grammar: see `_signoff_spans`), not a
    printed letter's address and date block, which is not prose (LanguageTool wants
    commas after years in it)."""
    paragraphs = getattr(document, "paragraphs", None)
    if paragraphs is None:
        return [(0, len(document.text))]
    return [(p.start, p.end) for p in paragraphs if p.role != "header"]


def _signoff_spans(document: Any) -> list[tuple[int, int]]:
    """The sign-off ("Best regards,\nAoife Kelly"): the names there are the writer's."""
    paragraphs = getattr(document, "paragraphs", None) or ()
    return [(p.start, p.end) for p in paragraphs if p.role == "signoff"]


def _offline_known(span: str) -> bool:
    """Whether the offline speller (S001) accepts every word of `span` ("candour" under
    en-US, "résumé"): then LanguageTool's generic speller has nothing to add."""
    from .spelling import known

    words = [w for w in re.split(r"[\s-]+", span.replace("’", "'").strip(".'\"").lower()) if w]
    return bool(words) and all(known(w) for w in words)


def _proper_noun(text: str, start: int) -> bool:
    """A capitalised word that does not start a sentence: a name of a person, company or
    product the user may add to the vocabulary, never a misspelling we can judge."""
    if start >= len(text) or not text[start].isupper():
        return False
    before = text[:start].rstrip(" \t\"'“‘(")
    return bool(before) and before[-1] not in ".!?:\n"


def check(document: Any, context: Context, options: Options) -> Iterator[Problem]:
    if _settings(context, options).mode == "off":
        return
    if CACHE_KEY not in document.cache:  # not prepared (a single letter checked alone)
        prepare([document], [context], options)
    matches: list[LTMatch] | None = document.cache.get(CACHE_KEY)
    if not matches:
        return
    allowed = _allowed_words(context) | _sender_words(document)
    text = document.text
    spelling_spans: set[tuple[int, int]] = document.cache.setdefault(SPELLING_SPANS_KEY, set())
    prose = _prose_spans(document)
    signoffs = _signoff_spans(document)
    for match in matches:
        start, end = match.offset, match.end
        if not any(s <= start < e for s, e in prose):
            continue
        span = text[start:end]
        if _is_allowed(span, allowed):
            continue  # a name, company, topic or vocabulary word of this letter
        if match.is_spelling:
            if any(s <= start < e for s, e in signoffs):
                continue  # the writer's own name, title and company under the closing
            if _proper_noun(text, start):
                continue  # the offline speller's policy: capitalised mid-sentence words are names
            if match.rule_id.startswith("MORFOLOGIK_"):  # the word list speller
                if _offline_known(span):
                    continue  # a British spelling under en-US, "résumé", a workplace word
                # its message ("Possible spelling mistake found.") never names the word
                message = f"'{span}' may be misspelled (LanguageTool)"
            else:
                message = f"'{span}': {match.message.strip()}"
            spelling_spans.add((start, end))
            replacements = match.replacements
            if len(replacements) == 1:  # a misspelling with one suggestion: safe to apply
                replacements = (safe(replacements[0]),)
            yield Problem(start, end, f"{message} [LT: {match.rule_id}]", replacements,
                          code="S001")
            continue
        if match.rule_id == "UPPERCASE_SENTENCE_START" and \
                start in getattr(document, "item_starts", ()):
            continue  # a list item continues its lead-in ("In my role I:\n- rebuilt ...")
        message = f"{match.message.strip()} [LT: {match.rule_id}]"
        yield Problem(start, end, message, match.replacements, code="G001")


RULES = [
    Rule(
        code="G001",
        name="grammar",
        severity=Severity.WARNING,
        summary="Grammar, spelling and style from LanguageTool.",
        explanation=(
            "A thank-you note is short, so a single grammar slip or typo stands out and "
            "undercuts the care it is meant to show. LanguageTool runs locally (or on the "
            "server set in `languagetool_url`); its spelling findings are reported as S001. "
            "The LanguageTool rule id is shown in brackets; disable one with "
            "`languagetool_disable`."),
        bad="Thank you for meeting with me yesterday. I enjoyed learning about the teams "
            "plans, and I is excited about the role.",
        good="Thank you for meeting with me yesterday. I enjoyed learning about the team's "
             "plans, and I am excited about the role.",
        check=check,
        prepare=prepare,
        options={"timeout": 60.0},
    ),
]
