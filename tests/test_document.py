"""Parts of real letter shapes: each labelled letter of tests/corpus/shapes is read right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from followup.document import Document
from followup.source import read_document

SHAPES = Path(__file__).parent / "corpus" / "shapes"
LABELS = [json.loads(line) for line in (SHAPES / "labels.jsonl").read_text().splitlines()
          if line.strip()]


def parts(document: Document, role: str) -> list[tuple[int, int]]:
    return [(p.line, p.end_line) for p in document.parts if p.role == role]


@pytest.mark.parametrize("label", LABELS, ids=[label["file"] for label in LABELS])
def test_each_shape_is_read_as_labelled(label):
    document = read_document(SHAPES / label["file"])
    salutation = parts(document, "salutation")
    body = parts(document, "body")
    signoff = parts(document, "signoff")
    signature = parts(document, "signature")
    assert (salutation[0][0] if salutation else None) == label["salutation"]
    assert ([body[0][0], body[-1][1]] if body else None) == label["body"]
    assert (signoff[0][0] if signoff else None) == label["signoff"]
    assert ([signature[0][0], signature[-1][1]] if signature else None) == label["signature"]
    if label["subject"] is not None and document.format != "email":
        assert parts(document, "subject")[0][0] == label["subject"]


def test_kind_regards_is_a_sign_off_not_a_salutation(tmp_path):
    path = tmp_path / "n.txt"
    path.write_text("Thank you for your time today.\n\nKind Regards,\nJane\n")
    document = read_document(path)
    assert document.salutation is None
    assert document.slice(document.signoff).startswith("Kind Regards,")
    assert "thank you for your time" in document.body_text.lower()


def test_one_line_note_splits_greeting_and_closing(tmp_path):
    path = tmp_path / "n.txt"
    path.write_text("Hi Sarah, thank you for today. I liked the demo. Best, Alex\n")
    document = read_document(path)
    assert document.slice(document.salutation) == "Hi Sarah,"
    assert document.body_text == "thank you for today. I liked the demo."
    assert document.slice(document.signoff) == "Best, Alex"
    # positions still point at the file
    start = document.text.index("demo")
    assert document.locate(start, start + 4) == (1, 44, 1, 48)


def test_subject_line_is_read_as_the_subject(tmp_path):
    path = tmp_path / "n.txt"
    path.write_text("Subject: Thank you\n\nDear Ann,\n\nThank you for the interview.\n\n"
                    "Best,\nBo\n")
    document = read_document(path)
    assert document.subject_line == "Thank you"
    assert "Subject" not in document.body_text


def test_header_without_salutation_is_not_body(tmp_path):
    path = tmp_path / "n.txt"
    path.write_text("Jane Roe\n1 Main St\nMarch 3, 2026\n\nThank you for meeting me.\n\n"
                    "Sincerely,\nJane Roe\n")
    document = read_document(path)
    assert document.body_text == "Thank you for meeting me."
    assert parts(document, "header") == [(1, 3)]


def test_email_quoted_reply_and_signature_are_parts(tmp_path):
    path = tmp_path / "m.eml"
    path.write_text("From: a@example.com\nTo: b@example.com\nSubject: Re: hi\n\n"
                    "Hi Bo,\n\nThanks for the call today.\n\nBest,\nAl\n-- \nAl Smith\n555 1234\n"
                    "\n> earlier text\n")
    document = read_document(path)
    assert parts(document, "header") == [(1, 3)]
    assert parts(document, "signature")[-1] == (11, 15)


def test_a_letter_with_no_body(tmp_path):
    path = tmp_path / "n.txt"
    path.write_text("Best regards,\nJane\n")
    assert not read_document(path).body


def test_subject_from_each_source(tmp_path):
    plain = tmp_path / "a.txt"
    plain.write_text("Subject Line: Thank you - interview\n\nDear Ann,\n\nThanks.\n\nBo\n")
    assert read_document(plain).subject == "Thank you - interview"
    front = tmp_path / "b.md"
    front.write_text("---\nsubject: Hello\n---\nDear Ann,\n\nThanks.\n\nBo\n")
    assert read_document(front).subject == "Hello"
