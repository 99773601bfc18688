"""`followup lint --fix / --diff / --unsafe-fixes` and fix.py: safe fixes only, through
the position map, never overlapping, every other byte kept."""

from __future__ import annotations

import codecs
import json
from datetime import date

import pytest

from followup.config import Config
from followup.findings import Finding, Severity, safe
from followup.fix import apply_edits, fix_letters, is_prose_span, plan_edits
from followup.linter import LintRequest
from followup.source import read_document

from helpers import RECORD

LETTER = (
    "Dear Nick,\n\n"
    "Thank you for the interview on Friday!! I enjoyed the warehouse tour :) and hearing "
    "about holiday volume planning.\n\n"
    "I recieve good reviews for planning peak shifts \U0001F600 and would bring that to "
    "your team.\n\n"
    "Best regards,\nJordan Lee\n"
)
FIXED = (
    "Dear Nick,\n\n"
    "Thank you for the interview on Friday! I enjoyed the warehouse tour and hearing "
    "about holiday volume planning.\n\n"
    "I receive good reviews for planning peak shifts and would bring that to "
    "your team.\n\n"
    "Best regards,\nJordan Lee\n"
)


def test_every_offline_safe_fix_is_applied_and_the_rest_is_left(write, lint_cli):
    write("interview.yaml", RECORD)
    letter = write("thank-you.txt", LETTER)
    result = lint_cli("thank-you.txt", "--fix", "--format", "json", "--ignore", "C005")
    assert letter.read_text(encoding="utf-8") == FIXED
    payload = json.loads(result.stdout)
    assert [f["code"] for f in payload["findings"]] == []  # nothing left: re-linted
    assert result.exit_code == 0, result.output
    assert "fixed 4 problems in 1 letter" in result.stderr


def test_diff_writes_nothing_and_shows_the_change(write, lint_cli):
    write("interview.yaml", RECORD)
    letter = write("thank-you.txt", LETTER)
    result = lint_cli("thank-you.txt", "--diff")
    assert letter.read_text(encoding="utf-8") == LETTER
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[:2] == ["--- a/thank-you.txt", "+++ b/thank-you.txt"]
    assert "-I recieve good reviews for planning peak shifts \U0001F600 and would bring " \
           "that to your team." in lines
    assert "+I receive good reviews for planning peak shifts and would bring that to your " \
           "team." in lines
    assert "4 fixes would be applied to 1 letter" in result.stderr
    clean = write("clean.txt", FIXED)
    again = lint_cli(str(clean.name), "--diff")
    assert again.exit_code == 0 and again.stdout == ""


def test_json_and_findings_mark_safe_suggestions(write, lint_cli):
    write("interview.yaml", RECORD)
    write("thank-you.txt", "Dear Nick,\n\nHey, thx for the chat!! I recieve news.\n\n"
          "Best regards,\nJordan\n")
    result = lint_cli("thank-you.txt", "--format", "json")
    by_code = {(f["code"], f["suggestions"][0] if f["suggestions"] else None):
               f for f in json.loads(result.stdout)["findings"]}
    assert by_code[("T001", "!")]["safe_suggestions"] == ["!"]
    assert by_code[("S001", "receive")]["safe_suggestions"] == ["receive"]
    informal = [f for f in json.loads(result.stdout)["findings"]
                if f["code"] == "T001" and f["suggestions"] and f["suggestions"][0] != "!"]
    assert informal and all(f["safe_suggestions"] == [] for f in informal)
    assert all("suggestions" in f for f in json.loads(result.stdout)["findings"])


def test_unsafe_fixes_also_rewrite_phrases(write, lint_cli):
    write("interview.yaml", RECORD)
    letter = write("thank-you.txt", "Dear Nick,\n\nThank you for the tour; I'm gonna read "
                   "up on holiday volume planning.\n\nBest regards,\nJordan\n")
    assert lint_cli("thank-you.txt", "--fix").exit_code == 1  # gonna is not safe
    assert "gonna" in letter.read_text(encoding="utf-8")
    lint_cli("thank-you.txt", "--fix", "--unsafe-fixes")
    assert "I'm going to read up" in letter.read_text(encoding="utf-8")
    assert lint_cli("thank-you.txt", "--unsafe-fixes").exit_code == 2


def test_rest_of_file_is_byte_identical_bom_crlf_front_matter(write, lint_cli):
    write("interview.yaml", RECORD)
    body = ("---\r\nrecord: interview.yaml\r\nsubject: Thanks!! :)\r\nkind: thank-you\r\n"
            "---\r\n\r\nDear Nick,\r\n\r\nThank you for the warehouse tour!!  It was "
            "great :)\r\n<!-- a note to myself!! :) -->\r\n\r\nBest regards,\r\nJordan\r\n")
    original = codecs.BOM_UTF8 + body.encode("utf-8")
    letter = write("thank-you.md", original)
    lint_cli("thank-you.md", "--fix", "--select", "T001,T002")
    expected = codecs.BOM_UTF8 + body.replace("tour!!  It", "tour!  It").replace(
        "great :)\r\n", "great\r\n").encode("utf-8")
    assert letter.read_bytes() == expected  # front matter and the comment untouched


def test_quoted_reply_and_headers_untouched(write, lint_cli):
    write("interview.yaml", RECORD)
    mail = ("From: Jordan Lee <jordan@example.org>\nTo: Nick Claus <nick.claus@acme.example>\n"
            "Subject: Thanks!! :)\nDate: Fri, 20 Nov 2026 16:00:00 +0000\n\n"
            "Dear Nick,\n\nThank you for the warehouse tour!! I enjoyed it.\n\n"
            "Best regards,\nJordan\n\n"
            "On Fri, 20 Nov 2026, Nick Claus wrote:\n> Great to meet you!! :)\n")
    letter = write("reply.eml", mail)
    lint_cli("reply.eml", "--fix", "--select", "T001,T002")
    assert letter.read_text(encoding="utf-8") == mail.replace("tour!! I", "tour! I")


def test_quoted_printable_text_is_not_rewritten(write, lint_cli):
    mail = ("To: nick@acme.example\nSubject: Hello\nMIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=utf-8\n"
            "Content-Transfer-Encoding: quoted-printable\n\n"
            "Dear Nick,\n\nThe caf=C3=A9 tour was great=21=21 Truly!!\n\nBest regards,\n"
            "Jordan\n")
    letter = write("qp.eml", mail)
    lint_cli("qp.eml", "--fix", "--select", "T001")
    # "=21=21" decodes to "!!" but is not literal in the file: left alone; "!!" is fixed
    assert letter.read_text(encoding="utf-8") == mail.replace("Truly!!", "Truly!")


def test_stdin_fix_writes_the_letter_to_stdout(write, lint_cli):
    write("interview.yaml", RECORD)
    result = lint_cli("-", "--fix", "--stdin-filename", "thank-you.txt", "--ignore", "C005",
                      input=LETTER)
    assert result.stdout == FIXED
    assert "All good" in result.stderr  # the report of what is left goes to stderr
    assert not (write("x", "").parent / "thank-you.txt").exists()  # nothing written


def _finding(document, start, end, code, suggestion):
    line, col, end_line, end_col = document.locate(start, end)
    return Finding(document.path, line, col, end_line, end_col, code, "x", Severity.ERROR,
                   "m", (safe(suggestion),))


def test_overlapping_fixes_are_never_both_applied():
    text = "Dear Nick,\n\nThank you for the tour!! Truly.\n\nBest regards,\nJordan\n"
    document = read_document("a.txt", data=text.encode())
    at = document.text.index("tour!!")
    first = _finding(document, at, at + 6, "T001", "visit!")
    second = _finding(document, at + 4, at + 6, "T001", "!")
    edits = plan_edits(document, [second, first])
    assert [e.finding for e in edits] == [first]
    assert apply_edits(document.file_text, edits) == text.replace("tour!!", "visit!")


def test_front_matter_is_never_prose():
    text = "---\nsubject: Thanks!!\nkind: thank-you\n---\n\nDear Nick,\n\nThanks!!\n"
    document = read_document("a.md", data=text.encode())
    inside = text.index("Thanks!!")
    assert not is_prose_span(document, inside, inside + 8)
    body = text.rindex("Thanks!!")
    assert is_prose_span(document, body, body + 8)


def test_fix_loop_waits_for_the_relint_and_stops(tmp_path):
    # "!!" and a doubled "!!" right after it: the re-lint fixes what the first round left
    letter = tmp_path / "a.txt"
    letter.write_text("Dear Nick,\n\nThank you for the tour!! :) Truly!!\n\nBest regards,\n"
                      "Jordan\n", encoding="utf-8")
    outcome = fix_letters(LintRequest(paths=[str(letter)], config=Config(grammar="off"),
                                      select=["T001", "T002"], today=date(2026, 11, 20)))
    fixed = outcome.letters[str(letter)].fixed.decode()
    assert fixed == "Dear Nick,\n\nThank you for the tour! Truly!\n\nBest regards,\nJordan\n"
    assert outcome.result.findings == []
    assert 1 <= outcome.rounds <= 10


GLOBEX = """\
company: Globex Corporation
company_aliases: [Globex]
position: Supply Chain Analyst
interview_date: 2026-11-20
interviewers:
  - name: Renée Dubois
    email: renee@globex.example
"""


def test_names_and_company_fixes_to_the_record(write, lint_cli):
    write("acme/interview.yaml", RECORD)
    write("globex/interview.yaml", GLOBEX)
    note = write("globex/note.txt",
                 "Dear Renee Dubios,\n\nThank you for meeting me about the Supply Chain "
                 "Analyst role at Globex Corportion. I would welcome the chance to bring my "
                 "planning experience to Acme.\n\nBest regards,\nJordan Lee\n")
    before = json.loads(lint_cli(".", "--format", "json", "--select", "N").stdout)
    safe_codes = {(f["code"], tuple(f["safe_suggestions"])) for f in before["findings"]}
    assert ("N005", ("Globex",)) in safe_codes
    assert ("N004", ("Globex Corporation",)) in safe_codes
    assert ("N001", ("Dubois",)) in safe_codes
    result = lint_cli(".", "--fix", "--select", "N", "--format", "json")
    text = note.read_text(encoding="utf-8")
    assert "Dubois" in text and "Dubios" not in text
    assert "at Globex Corporation." in text and "Acme" not in text
    assert "bring my planning experience to Globex." in text
    left = [(f["code"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    assert all(code != "N005" and code != "N004" for code, _ in left), left


@pytest.mark.languagetool
def test_both_spellers_agreeing_keeps_the_fix_safe(use_server, write, lint_cli):
    write("interview.yaml", RECORD)
    letter = write("thank-you.txt", "Dear Nick,\n\nThank you for the tour; I recieve good "
                   "reviews for holiday volume planning.\n\nBest regards,\nJordan\n")
    found = json.loads(lint_cli("thank-you.txt", "--format", "json", "--select", "S",
                                grammar=True).stdout)["findings"]
    assert [(f["code"], f["suggestions"][0], f["safe_suggestions"]) for f in found] == \
        [("S001", "receive", ["receive"])]
    lint_cli("thank-you.txt", "--fix", "--select", "S", grammar=True)
    assert "I receive good" in letter.read_text(encoding="utf-8")


def test_wrong_honorific_is_fixed_to_the_recorded_one(write, lint_cli):
    write("interview.yaml", RECORD.replace("  - name: Nick Claus\n",
                                           "  - name: Nick Claus\n    honorific: Mr.\n"))
    letter = write("thank-you.txt", "Dear Ms. Claus,\n\nThank you for the warehouse tour "
                   "and for explaining holiday volume planning.\n\nBest regards,\nJordan\n")
    before = json.loads(lint_cli("thank-you.txt", "--format", "json", "--select",
                                 "N007").stdout)["findings"]
    assert [(f["code"], f["safe_suggestions"]) for f in before] == [("N007", ["Mr."])]
    lint_cli("thank-you.txt", "--fix", "--select", "N007")
    assert letter.read_text(encoding="utf-8").startswith("Dear Mr. Claus,\n")
