"""Reading letters: formats, parts of the letter, and positions that point into the file."""

from __future__ import annotations

from email.message import EmailMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from followup.document import Document
from followup.errors import InputError
from followup.source import read_document


def on_disk(document: Document, word: str, nth: int = 0) -> str:
    """The characters of the file on disk that the span of `word` in the text maps to."""
    start = -1
    for _ in range(nth + 1):
        start = document.text.index(word, start + 1)
    line, column, end_line, end_column = document.locate(start, start + len(word))
    lines = document.file_text.split("\n")
    if line == end_line:
        return lines[line - 1][column - 1: end_column - 1]
    return lines[line - 1][column - 1:] + "\n" + lines[end_line - 1][: end_column - 1]


def roles(document: Document) -> list[str]:
    return [p.role for p in document.paragraphs]


MARKDOWN = """\
---
record: ../interview.yaml
to: Nick Claus
kind: thank-you
date: 2026-11-21
---

# Thank you

Dear Nick,

Thank you for **meeting** me [on Friday](https://acme.example/visit "visit"). I _enjoyed_ \
our talk about the `conveyor` line &amp; the ~~old~~ tour.

- scheduling *seasonal* staff
- 1. nested-looking item
2) numbered item with a [reference link][ref]

> A quoted line from the posting.

```
code that is not prose: teh mistake
```

<!-- a comment that is not prose: teh -->
Snake_case_word stays, and 2 * 3 = 6 too.

[ref]: https://example.org

Best regards,
Jordan Lee
"""


def test_markdown_front_matter_and_syntax_removed(write):
    doc = read_document(write("letter.md", MARKDOWN))
    assert doc.front_matter["to"] == "Nick Claus"
    assert doc.front_matter["kind"] == "thank-you"
    assert str(doc.front_matter["date"]) == "2026-11-21"
    assert doc.record_link == "../interview.yaml"
    for syntax in ("**", "](", "https://acme", "`", "&amp;", "~~", "# ", "- scheduling",
                   "[ref]", "teh", "<!--", "```"):
        assert syntax not in doc.text, syntax
    assert "meeting me on Friday. I enjoyed our talk about the conveyor line & the old tour." \
        in doc.text
    assert "Snake_case_word" in doc.text and "2 * 3 = 6" in doc.text
    assert "A quoted line from the posting." in doc.text


@pytest.mark.parametrize("word", ["meeting", "on Friday", "enjoyed", "conveyor", "seasonal",
                                  "numbered item", "reference link", "Snake_case_word",
                                  "quoted line", "Jordan Lee"])
def test_markdown_positions_point_at_the_file(write, word):
    doc = read_document(write("letter.md", MARKDOWN))
    assert on_disk(doc, word) == word


def test_markdown_entity_maps_to_the_whole_entity(write):
    doc = read_document(write("letter.md", MARKDOWN))
    assert on_disk(doc, "&") == "&amp;"


def test_markdown_parts(write):
    doc = read_document(write("letter.md", MARKDOWN))
    assert roles(doc)[0] == "header"  # the heading above the salutation
    assert doc.slice(doc.salutation) == "Dear Nick,"
    assert doc.slice(doc.signoff) == "Best regards,\nJordan Lee"
    assert len(doc.body) == 3  # the list belongs to the paragraph before it


def test_front_matter_position_of_values(write):
    doc = read_document(write("letter.md", MARKDOWN))
    start, end = doc.field_spans["to"]
    assert doc.file_text[start:end] == "Nick Claus"
    assert doc.position(start) == (3, 5)


def test_bad_front_matter_is_a_clear_error(write):
    with pytest.raises(InputError, match=r"letter.md:3: front matter: kind"):
        read_document(write("letter.md", "---\nto: Nick\nkind: love-letter\n---\nHi\n"))
    with pytest.raises(InputError, match=r"front matter: invalid YAML"):
        read_document(write("letter.md", "---\nto: [Nick\n---\nHi\n"))
    with pytest.raises(InputError, match=r"date: 'next week' is not a date"):
        read_document(write("letter.md", "---\ndate: next week\n---\nHi\n"))
    with pytest.raises(InputError, match=r"letter.md:3: front matter: '2026-02-30' is not a "
                                         r"valid value"):
        read_document(write("letter.md", "---\nto: Nick\ndate: 2026-02-30\n---\nHi\n"))
    with pytest.raises(InputError, match=r"letter.md:1: front matter is not closed"):
        read_document(write("letter.md", "---\nto: Nick\n\nDear Nick,\n\nThanks.\n"))


def test_plain_text_pasted_without_blank_lines(write):
    text = ("Dear Ms. Okonkwo-Reyes,\n"
            "Thank you for the tour of the packaging line today.\n"
            "I enjoyed our talk about recyclable mailers.\n"
            "I look forward to hearing from you.\n"
            "Best regards,\n"
            "Jordan\n")
    doc = read_document(write("letter.txt", text))
    assert roles(doc) == ["salutation", "body", "body", "body", "signoff"]


def test_plain_text_hard_wrapped_lines_join(write):
    text = ("Dear Nick,\n\n"
            "Thank you for meeting me on Friday to talk about the\n"
            "packaging role and the new conveyor line.\n\n"
            "Best,\nJordan\n")
    doc = read_document(write("letter.txt", text))
    assert roles(doc) == ["salutation", "body", "signoff"]
    assert on_disk(doc, "the\npackaging") == "the\npackaging"


def test_printed_letter_header_block_is_not_body(write):
    text = ("Jordan Lee\n12 Elm Street\nSpringfield, IL 62704\n\nNovember 21, 2026\n\n"
            "Mr. Nick Claus\nAcme Corporation\n\nDear Mr. Claus,\n\n"
            "Thank you for meeting with me.\n\nSincerely,\n\nJordan Lee\n")
    doc = read_document(write("letter.txt", text))
    assert roles(doc) == ["header", "salutation", "body", "signoff"]


def test_letter_without_closing_phrase_ends_with_name(write):
    doc = read_document(write("letter.txt", "Hi Nick,\n\nThank you for today.\n\nJordan\n"))
    assert roles(doc) == ["salutation", "body", "signoff"]


def test_thank_you_as_a_sentence_is_body_not_signoff(write):
    doc = read_document(write("letter.txt",
                              "Dear Nick,\n\nI enjoyed the tour.\n\nThank you for your time.\n"))
    assert roles(doc) == ["salutation", "body", "body"]


def test_crlf_and_bom(write):
    text = "\ufeffDear Nick,\r\n\r\nThank you for the tour today.\r\n\r\nBest,\r\nJordan\r\n"
    doc = read_document(write("letter.txt", text.encode("utf-8")))
    assert "\r" not in doc.text
    assert on_disk(doc, "tour") == "tour"
    start = doc.text.index("tour")
    assert doc.locate(start, start + 4)[:2] == (3, 19)


def test_binary_and_missing_files(write, tmp_path):
    with pytest.raises(InputError, match="binary file"):
        read_document(write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00"))
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.txt")


def test_windows_1252_text_is_read(write):
    doc = read_document(write("letter.txt", "Dear Jos\xe9,\n\nThank you.\n".encode("cp1252")))
    assert "José" in doc.text


# --- e-mail -----------------------------------------------------------------------------------

BODY = ("Dear Ms. Okonkwo-Reyes,\n\n"
        "Thank you for showing me the new conveyor line — and the café. I enjoyed our "
        "conversation about recyclable packaging and look forward to hearing from you.\n\n"
        "Best regards,\nJordan Lee\n\n"
        "-- \nJordan Lee | +1 555 0100 | teh signature\n")


def _message(cte: str, body: str = BODY, charset: str = "utf-8") -> bytes:
    msg = EmailMessage()
    msg["From"] = "Jordan Lee <jordan@example.org>"
    msg["To"] = "Martha Okonkwo-Reyes <martha@acme.example>"
    msg["Subject"] = "Thank you — packaging interview"
    msg["Date"] = "Fri, 20 Nov 2026 17:45:00 -0600"
    msg.set_content(body, cte=cte, charset=charset)
    return bytes(msg)


@pytest.mark.parametrize("cte", ["quoted-printable", "base64", "8bit"])
def test_email_body_decodes(write, cte):
    doc = read_document(write("note.eml", _message(cte)))
    assert doc.format == "email"
    assert "conveyor line — and the café." in doc.text
    assert "signature" not in doc.text and "555" not in doc.text
    assert doc.headers["to"] == "Martha Okonkwo-Reyes <martha@acme.example>"
    assert doc.headers["subject"] == "Thank you — packaging interview"
    assert doc.dated is not None and doc.dated.day == 20
    assert roles(doc) == ["salutation", "body", "signoff"]


def test_quoted_printable_positions(write):
    doc = read_document(write("note.eml", _message("quoted-printable")))
    assert on_disk(doc, "café") == "caf=C3=A9"
    assert on_disk(doc, "—") == "=E2=80=94"
    assert on_disk(doc, "Okonkwo-Reyes", 0) == "Okonkwo-Reyes"
    # a word cut by a soft line break maps across the break
    for word in ("conversation", "recyclable", "packaging", "hearing"):
        assert on_disk(doc, word).replace("=\n", "") == word


def test_8bit_positions_count_characters(write):
    doc = read_document(write("note.eml", _message("8bit")))
    assert on_disk(doc, "café") == "café"
    assert on_disk(doc, "recyclable") == "recyclable"


def test_base64_positions_point_into_the_encoded_block(write):
    doc = read_document(write("note.eml", _message("base64")))
    start = doc.text.index("conveyor")
    line, column, _, _ = doc.locate(start, start + 8)
    assert line > 6  # inside the body, not on a header line
    assert doc.file_text.split("\n")[line - 1][column - 1].isalnum()


def test_latin1_8bit_email(write):
    raw = (b"From: a@example.org\nTo: Jose <j@acme.example>\nSubject: thanks\n"
           b"Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n"
           b"Dear Jos\xe9,\n\nThank you for the caf\xe9 chat.\n\nBest,\nJ\n")
    doc = read_document(write("note.eml", raw))
    assert "Dear José," in doc.text
    start = doc.text.index("chat")
    assert doc.locate(start, start + 4)[:2] == (9, 24)


def test_quoted_reply_and_attribution_are_not_checked(write):
    body = ("Dear Nick,\n\nThank you for the update.\n\nBest,\nJordan\n\n"
            "On Fri, Nov 20, 2026 at 10:00 AM Nick Claus <nick@acme.example> wrote:\n"
            "> Hi Jordan, teh decision is delayed.\n> Nick\n")
    doc = read_document(write("note.eml", _message("8bit", body)))
    assert "teh" not in doc.text and "wrote" not in doc.text
    assert doc.slice(doc.signoff) == "Best,\nJordan"


def test_multipart_alternative_prefers_plain_text(write):
    outer = MIMEMultipart("alternative")
    outer["From"] = "a@example.org"
    outer["To"] = "Nick <nick@acme.example>"
    outer["Subject"] = "Thanks"
    outer.attach(MIMEText("Dear Nick,\n\nThank you for the tour.\n\nBest,\nJordan\n",
                          "plain", "us-ascii"))
    outer.attach(MIMEText("<p>Dear Nick,</p><p>HTML version</p>", "html", "utf-8"))
    doc = read_document(write("note.eml", outer.as_bytes()))
    assert "Thank you for the tour." in doc.text and "HTML" not in doc.text
    assert on_disk(doc, "Thank you for the tour.") == "Thank you for the tour."


def test_html_only_email(write):
    raw = (b"From: a@example.org\nTo: n@acme.example\nSubject: thanks\n"
           b"Content-Type: text/html; charset=utf-8\n\n"
           b"<html><head><style>p {color: red}</style></head><body>"
           b"<p>Dear Nick,</p><p>Thank you for the <b>tour</b> &amp; the chat.</p>"
           b"<p>Best,<br>Jordan</p></body></html>\n")
    doc = read_document(write("note.eml", raw))
    assert "Thank you for the tour & the chat." in doc.text
    assert "color" not in doc.text
    assert on_disk(doc, "tour") == "tour"


def test_header_value_spans(write):
    doc = read_document(write("note.eml", _message("8bit")))
    start, end = doc.field_spans["to"]
    assert doc.file_text[start:end] == "Martha Okonkwo-Reyes <martha@acme.example>"


def test_stdin_format_is_sniffed():
    doc = read_document("-", data=b"---\nto: Nick\n---\nDear Nick,\n\nThanks.\n")
    assert doc.format == "markdown" and doc.front_matter["to"] == "Nick"
    doc = read_document("-", data=b"From: a@b.example\nTo: c@d.example\n\nDear C,\n\nHi.\n")
    assert doc.format == "email"
    doc = read_document("-", data=b"Dear Nick,\n\nThanks.\n")
    assert doc.format == "text"


def test_suppression_directives(write):
    text = ("Dear Nick,\n\n<!-- followup: ignore T002 -->\nThanks :)\n\n"
            "# followup: ignore\nAgain :)\n\nOnce more :) <!-- followup: ignore T002 -->\n\n"
            "<!-- followup: disable T002, C004 -->\nA :)\n<!-- followup: enable T002, C004 -->\n"
            "Last :)\n")
    doc = read_document(write("letter.txt", text))
    assert "followup" not in doc.text
    s = doc.suppressions
    assert s.silences(4, ["T002"]) and not s.silences(4, ["C004"])
    assert s.silences(7, ["C004"])  # bare ignore: every rule on the next line
    assert s.silences(9, ["T002", "emoticon"])
    assert s.silences(12, ["C004"])
    assert not s.silences(14, ["T002"])


def test_paths_in_documents_are_as_given(write, monkeypatch, tmp_path):
    write("sub/letter.txt", "Dear Nick,\n\nThanks.\n")
    monkeypatch.chdir(tmp_path)
    assert read_document(Path("sub/letter.txt")).path == "sub/letter.txt"


def test_markdown_list_belongs_to_its_lead_in(write):
    text = ("Dear Nick,\n\nThank you for the tour today. In my current role I:\n\n"
            "- rebuilt the shift planner\n- trained twelve seasonal staff\n\n"
            "I look forward to hearing from you.\n\nBest,\nJordan\n")
    doc = read_document(write("a.md", text))
    assert roles(doc) == ["salutation", "body", "body", "signoff"]
    assert {doc.text[i:i + 7] for i in doc.item_starts} == {"rebuilt", "trained"}


# --- e-mail headers and bodies: the quick paths say what the email package says ---------

_HEADER_PIECES = ["Nick", "Claus", " ", "  ", "Siobhán", "Renée", "O'Brien", "Dr.", '"Q"', "<",
                  "x@y.example", ">", "@", ",", ";", "(c)", "=?utf-8?q?Jos=C3=A9?=", "\t",
                  "Mon, 12 Oct 2026 17:45:00 -0600", "12 Oct 2026 17:45 -0600", "2026-10-12",
                  "nonsense", ".", "a.b@c.d", "\\", "[", "]", ":", "-", "\u00a0", "Núñez",
                  "van der Berg", " <j@e.org>"]


def test_header_values_are_the_email_packages() -> None:
    """`header_values` works plain values out itself; for 4,000 generated headers (names,
    addresses, dates, encoded words, raw UTF-8, folding, specials) it must say exactly what
    `str(message.get(key))` says under the default policy (or, where that raises, the
    value as written)."""
    import email
    import email.policy
    import random

    from followup.source import header_values

    rng = random.Random(15)
    for _ in range(4000):
        key = rng.choice(["To", "From", "Cc", "Reply-To", "Date", "Subject", "X-Unsent",
                          "X-Followup-Kind"])
        value = "".join(rng.choice(_HEADER_PIECES) for _ in range(rng.randint(0, 6)))
        if rng.random() < 0.1:
            value += "\n " + rng.choice(_HEADER_PIECES)
        message = email.message_from_bytes(f"{key}: {value}\n\nbody\n".encode(),
                                           policy=email.policy.default)
        try:
            expected = str(message[key])
        except Exception:  # noqa: BLE001 - the parser fails on some malformed values
            raw = "".join(dict(message.raw_items())[key].splitlines())  # as written
            expected = raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        assert header_values(message) == {key.lower(): expected}, (key, value)


def test_a_header_the_email_package_fails_on_is_read_as_written() -> None:
    """"Reply-To: Dr.:" makes the email package raise AttributeError (a traceback from
    lint before); the letter is read, with the header as written."""
    document = read_document("x.eml", data=b"From: Jordan <j@example.org>\nReply-To: Dr.:\n"
                             b"Subject: Thank you\n\nDear Nick,\n\nThank you.\n")
    assert document.headers["reply-to"] == "Dr.:"
    assert document.text.startswith("Dear Nick,")


def test_a_utf8_body_decoded_at_once_keeps_every_byte_span() -> None:
    """The whole-body UTF-8 decoding gives the characters and byte spans the byte-by-byte
    decoder gives, for 8-bit and quoted-printable bodies with multi-byte and invalid
    bytes."""
    import email
    import email.policy
    import random

    from followup import source

    pieces = [b"a", b"\xc3\xa1", b"\xe2\x80\x99", b"\xf0\x9f\x98\x80", b"\xff", b"\xc3", b"=",
              b"=C3=A1", b"\n", b"=\n", b"\r\n"]
    rng = random.Random(15)
    for _ in range(1500):
        body = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        encoding = rng.choice([b"8bit", b"quoted-printable"])
        data = (b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: "
                + encoding + b"\n\n" + body)
        message = email.message_from_bytes(data, policy=email.policy.default)
        start = data.index(b"\n\n") + 2
        quick = source._decode_part("x.eml", message, data, start, len(data))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(source, "_utf8_spans", lambda *args: None)
            slow = source._decode_part("x.eml", message, data, start, len(data))
        assert quick == slow, body
