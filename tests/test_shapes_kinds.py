"""Kinds from real openings and purposes, and where the kind came from."""

from __future__ import annotations

import pytest

from followup.kinds import explain_kind
from followup.source import read_document


@pytest.mark.parametrize(("text", "kind"), [
    ("It was a pleasure meeting you on Monday.", "thank-you"),
    ("I wanted to express my appreciation for the opportunity to interview.", "thank-you"),
    ("Thx so much for today! Loved the tour.", "thank-you"),
    ("It's been about a week since I talked with Andy.\n\nThanks for your time.",
     "status-inquiry"),
    ("I wanted to follow up on my interview last week.", "status-inquiry"),
    ("Unfortunately, I have decided to stay in my current position. I would like to "
     "withdraw my application.", "withdrawal"),
    ("Thank you for letting me know. Although I was not selected, I enjoyed it.",
     "rejection-reply"),
    ("As requested, attached are my references.", "documents"),
    ("Would you be willing to serve as a reference for me?", "reference"),
    ("Quick heads-up: Acme may call you about me.", "reference"),
])
def test_kind_from_text(text, kind):
    assert explain_kind(text)[0] == kind


def test_kind_source_and_words(tmp_path):
    inferred = tmp_path / "a.txt"
    inferred.write_text("Dear Ann,\n\nIt was a pleasure meeting you.\n\nBest,\nBo\n")
    from followup.kinds import infer_kind

    document = read_document(inferred)
    assert infer_kind(document) == ("thank-you", False)
    assert document.kind_source == "inferred"
    assert document.kind_words == "It was a pleasure meeting"
    header = tmp_path / "b.txt"
    header.write_text("Subject: Withdrawal of my application\n\nDear Ann,\n\nHello.\n\nBo\n")
    document = read_document(header)
    assert infer_kind(document) == ("withdrawal", False)
    assert document.kind_source == "header"
    front = tmp_path / "c.md"
    front.write_text("---\nkind: documents\n---\nDear Ann,\n\nHere you go.\n\nBo\n")
    document = read_document(front)
    assert infer_kind(document) == ("documents", True)
    assert document.kind_source == "front-matter"
