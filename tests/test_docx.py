"""Word letters: `followup draft --format docx` writes one laid out for paper, and
`followup lint` reads `.docx` letters with a paragraph as a line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from followup.cli import main
from followup.document import is_closing
from followup.source import read_document

from helpers import RECORD

FIXTURES = Path(__file__).parent / "draft" / "fixtures"


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def _word(path: Path, paragraphs: list[str]) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "applications"
    root.mkdir()
    (root / ".git").mkdir()
    shutil.copytree(FIXTURES / "one", root / "one")
    shutil.copy(FIXTURES / "profile.yaml", root / "profile.yaml")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return root


def _draft(*args: str):
    return CliRunner().invoke(main, ["draft", *args, "--record", "one/interview.yaml",
                                     "--date", "2026-11-19", "--format", "docx"])


def _lint(*args: str):
    return CliRunner().invoke(main, ["lint", "--today", "2026-11-19", "--grammar", "off",
                                     *args])


@pytest.mark.parametrize("template", ["thank-you-letter", "thank-you-email"])
def test_docx_draft_is_a_printed_letter(app, template) -> None:
    result = _draft(template, "--all")
    assert result.exit_code == 0, result.output
    path = next((app / "one").glob("*.docx"))
    lines = _paragraphs(path)
    # sender block (from profile.yaml), the date, the inside address, in that order
    assert lines[:5] == ["Jordan Lee", "12 Harbour Street", "Springfield, IL 62704",
                         "+1 555 0100", "jordan.lee@example.org"]
    assert "November 19, 2026" in lines
    at = lines.index("Catherine Smyth")
    assert lines.index("November 19, 2026") < at
    assert lines[at + 1:at + 3] == ["Head of Logistics", "Northwind Traders"]
    greeting = lines.index("Dear Ms. Smyth,")
    assert greeting > at
    body = [text for text in lines[greeting + 1:] if text]
    assert "Logistics Coordinator" in body[0]
    # sign-off, four empty paragraphs to sign in, the typed name
    closing = next(i for i, text in enumerate(lines) if text and is_closing(text))
    assert lines[closing + 1:closing + 6] == ["", "", "", "", "Jordan Lee"]
    assert not list((app / "one").glob(".*.tmp"))


def test_docx_draft_reads_back_clean(app) -> None:
    assert _draft("thank-you-letter", "--all").exit_code == 0
    path = app / "one" / "thank-you-letter-catherine-smyth.docx"
    document = read_document(path)
    assert document.format == "docx"
    assert document.salutation is not None
    assert document.slice(document.salutation) == "Dear Ms. Smyth,"
    assert "Logistics Coordinator" in document.body_text
    result = _lint(str(path), "--format", "json")
    data = json.loads(result.stdout)
    assert data["findings"] == [] and data["errors"] == [], result.output
    assert result.exit_code == 0
    [application] = data["summary"]["applications"]
    assert application["company"] == "Northwind Traders"  # the record was found


def test_docx_draft_never_overwrites_without_force(app) -> None:
    assert _draft("thank-you-letter", "--all").exit_code == 0
    path = app / "one" / "thank-you-letter-catherine-smyth.docx"
    before = path.read_bytes()
    again = _draft("thank-you-letter", "--all")
    assert again.exit_code == 2
    assert "already exists" in again.output
    assert path.read_bytes() == before
    assert _draft("thank-you-letter", "--all", "--force").exit_code == 0


def test_positions_are_paragraph_and_character(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "interview.yaml").write_text(RECORD, encoding="utf-8")
    paragraphs = ["Dear Nick,", "",
                  "Thank you for meeting with me about the role at [Company] last week.",
                  "", "Best regards,", "Jordan"]
    _word(tmp_path / "letter.docx", paragraphs)
    result = _lint("letter.docx", "--select", "C004", "--format", "json")
    [finding] = json.loads(result.stdout)["findings"]
    column = paragraphs[2].index("[Company]") + 1
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) \
        == (3, column, 3, column + len("[Company]"))
    text = _lint("letter.docx", "--select", "C004")
    lines = text.stdout.splitlines()
    assert lines[0].startswith(f"letter.docx:3:{column}: C004")
    assert lines[1] == f"   3 | {paragraphs[2]}"  # the excerpt is the paragraph's text
    assert lines[2] == "       " + " " * (column - 1) + "^" * len("[Company]")


def test_misspelling_column_counts_characters_in_the_paragraph(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    paragraphs = ["Dear Ms. Núñez,", "",
                  "Thank you for the conversation about the café; I recieved your note.",
                  "", "Sincerely,", "Jordan Lee"]
    _word(tmp_path / "letter.docx", paragraphs)
    result = _lint("letter.docx", "--select", "S001", "--format", "json")
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "S001"]
    assert [(f["line"], f["column"]) for f in found] == \
        [(3, paragraphs[2].index("recieved") + 1)]
    assert "received" in found[0]["suggestions"]


def test_a_line_break_inside_a_paragraph_keeps_one_line(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    document = docx.Document()
    document.add_paragraph("Dear Nick,")
    body = document.add_paragraph("Thank you for the talk.")
    body.add_run().add_break()
    body.add_run("I liked [Company].")
    document.save(str(tmp_path / "letter.docx"))
    result = _lint("letter.docx", "--select", "C004", "--format", "json")
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["line"], finding["column"]) == (2, len("Thank you for the talk. I liked ") + 1)


def test_corrupt_docx_is_one_error_and_others_are_checked(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    (tmp_path / "renamed.docx").write_text("Dear Nick,\n\nPlain text.\n", encoding="utf-8")
    _word(tmp_path / "good.docx", ["Dear Nick,", "", "About [Company].", "", "Best,", "Jo"])
    result = _lint("broken.docx", "renamed.docx", "good.docx", "--select", "C004")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line]
    assert errors == ["followup: error: broken.docx: not a Word document (.docx)",
                      "followup: error: renamed.docx: not a Word document (.docx)"]
    assert "good.docx:3:7: C004" in result.stdout
    assert "Traceback" not in result.output


def test_fix_never_writes_into_a_docx(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = _word(tmp_path / "letter.docx",
                 ["Dear Nick,", "", "Thanks for the chat :) today.", "", "Best,", "Jo"])
    before = path.read_bytes()
    result = _lint("letter.docx", "--select", "T002", "--fix")
    assert result.exit_code in (0, 1), result.output
    assert path.read_bytes() == before
    assert "letter.docx: a Word document (.docx) is not fixed in place" in result.stderr
    assert "letter.docx:3:21: T002" in result.stdout  # still reported
    assert _paragraphs(path)[2] == "Thanks for the chat :) today."


def test_a_folder_run_reads_docx_and_skips_words_lock_file(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "letters"
    folder.mkdir()
    _word(folder / "note.docx", ["Dear Nick,", "", "About [Company].", "", "Best,", "Jo"])
    (folder / "~$note.docx").write_bytes(b"\x0bJordan Lee" + b"\x00" * 40)  # Word's lock file
    result = _lint("letters", "--select", "C004")
    assert result.exit_code == 1, result.output
    assert "note.docx:3:7: C004" in result.stdout
    assert "~$" not in result.output


def test_diff_of_a_docx_shows_its_text_and_writes_nothing(tmp_path, monkeypatch) -> None:
    """`--diff` on a .docx shows what to change in Word, as text; the file stays as it was."""
    monkeypatch.chdir(tmp_path)
    path = _word(tmp_path / "letter.docx",
                 ["Dear Nick,", "", "Thanks for the chat :) today.", "", "Best,", "Jo"])
    before = path.read_bytes()
    result = _lint("letter.docx", "--select", "T002", "--diff")
    assert result.exit_code == 1, result.output
    assert path.read_bytes() == before
    assert "--- a/letter.docx (text)" in result.stdout
    assert "-Thanks for the chat :) today." in result.stdout
    assert "+Thanks for the chat today." in result.stdout
    assert "letter.docx: a Word document (.docx) is not fixed in place" in result.stderr
