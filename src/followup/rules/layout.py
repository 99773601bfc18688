"""Length and shape: career advisers agree a thank-you note is brief.

At most three paragraphs of one or two lines each; published good examples stay within
three sentences and about fifty words a paragraph, and 50-130 words in all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from ..document import Document, Paragraph
from ..findings import Problem, Severity
from .base import Context, Options, Rule


def _table(document: Document) -> tuple[Any, Any, Any]:
    """Per token of the letter: character offset, is-a-word, starts-a-sentence-with-a-word
    (read from spaCy's arrays once per letter, not token by token)."""
    cached = document.cache.get("layout_tokens")
    if cached is None:
        import numpy
        from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, SENT_START

        rows = document.spacy.to_array([IDX, IS_PUNCT, IS_SPACE, IS_ALPHA, SENT_START])
        if not len(rows):
            cached = (numpy.zeros(0), numpy.zeros(0), numpy.zeros(0))
        else:
            words = (rows[:, 1] == 0) & (rows[:, 2] == 0)
            starts = rows[:, 4] == 1
            starts[0] = True
            sentence = numpy.cumsum(starts) - 1  # each token's sentence number
            # a sentence counts when it holds a letter (not a lone bullet or number)
            lettered = numpy.bincount(sentence, weights=rows[:, 3]) > 0
            cached = (rows[:, 0], words, starts & lettered[sentence])
        document.cache["layout_tokens"] = cached
    return cached  # type: ignore[no-any-return]


def _range(document: Document, paragraph: Paragraph) -> tuple[int, int]:
    offsets = _table(document)[0]
    low, high = offsets.searchsorted([paragraph.start, paragraph.end])
    return int(low), int(high)


def _words(document: Document, paragraph: Paragraph) -> int:
    low, high = _range(document, paragraph)
    return int(_table(document)[1][low:high].sum())


def _sentences(document: Document, paragraph: Paragraph) -> int:
    low, high = _range(document, paragraph)
    return int(_table(document)[2][low:high].sum())


def _head(document: Document, paragraph: Paragraph) -> tuple[int, int]:
    """The paragraph's first line: findings mark it rather than the whole paragraph."""
    newline = document.text.find("\n", paragraph.start, paragraph.end)
    return paragraph.start, paragraph.end if newline == -1 else newline


def check_paragraph_count(document: Document, context: Context, options: Options
                          ) -> Iterator[Problem]:
    limit = options["max_paragraphs"]
    body = document.body
    if len(body) > limit:
        first_extra = body[limit]
        start, end = _head(document, first_extra)
        yield Problem(start, end, f"{len(body)} body paragraphs; keep a thank-you note to "
                      f"{limit} or fewer (this is paragraph {limit + 1})")


def _prose_part(document: Document, paragraph: Paragraph) -> Paragraph:
    """The paragraph up to its first list item: a Markdown list belongs to the paragraph
    that introduces it (one paragraph for L003), but its items are short lines of their
    own, not sentences of a long paragraph ("three points: 1. ... 2. ... 3. ...")."""
    items = [i for i in document.item_starts if paragraph.start < i < paragraph.end]
    if not items:
        return paragraph
    return replace(paragraph, end=min(items))


def check_paragraph_length(document: Document, context: Context, options: Options
                           ) -> Iterator[Problem]:
    max_sentences = options["max_sentences"]
    max_words = options["max_words"]
    for whole in document.body:
        paragraph = _prose_part(document, whole)
        sentences = _sentences(document, paragraph)
        words = _words(document, paragraph)
        reasons = []
        if sentences > max_sentences:
            reasons.append(f"{sentences} sentences (at most {max_sentences})")
        if words > max_words:
            reasons.append(f"{words} words (at most {max_words})")
        if reasons:
            start, end = _head(document, paragraph)
            yield Problem(start, end, "paragraph too long: " + " and ".join(reasons)
                          + "; one or two short lines read best")


def check_total_length(document: Document, context: Context, options: Options
                       ) -> Iterator[Problem]:
    limit = options["max_words"]
    body = document.body
    words = sum(_words(document, p) for p in body)
    if words > limit and body:
        start, end = _head(document, body[0])
        yield Problem(start, end, f"body is {words} words; keep it under {limit} "
                      "(good notes run 50-130 words)")


RULES = [
    Rule(
        code="L001", name="too-many-paragraphs", severity=Severity.WARNING,
        summary="More than three body paragraphs (salutation and sign-off do not count).",
        explanation="Career advisers recommend at most three short paragraphs: thanks and "
        "something specific, your fit or an asset not discussed, and a warm close.",
        bad="Dear Nick,\n\nThank you...\n\nI enjoyed...\n\nI also...\n\nI look forward...\n\n"
        "Best regards,\nJordan",
        good="Dear Nick,\n\nThank you...\n\nI enjoyed...\n\nI look forward...\n\n"
        "Best regards,\nJordan",
        check=check_paragraph_count, options={"max_paragraphs": 3}, needs_nlp=True,
    ),
    Rule(
        code="L002", name="paragraph-too-long", severity=Severity.WARNING,
        summary="A body paragraph over 3 sentences or 60 words.",
        explanation="A paragraph of one or two lines is read; a block of text is skimmed. "
        "Published good examples stay within three sentences and about fifty words.",
        bad="Thank you for meeting me. I enjoyed the tour. The team was great. I learned a "
        "lot about the conveyor line. I hope to hear from you.",
        good="Thank you for meeting me yesterday. I enjoyed hearing how the new conveyor "
        "line will handle the holiday peak.",
        check=check_paragraph_length, options={"max_sentences": 3, "max_words": 60},
        needs_nlp=True,
    ),
    Rule(
        code="L003", name="too-long", severity=Severity.WARNING,
        summary="The body is over 150 words.",
        explanation="A thank-you note is read in half a minute; good published notes run "
        "50-130 words.",
        bad="(a 220-word note retelling the whole interview)",
        good="(three short paragraphs, about 100 words)",
        check=check_total_length, options={"max_words": 150}, needs_nlp=True,
    ),
]
