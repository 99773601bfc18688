"""D001-D003: timing and dates against the interview record, through the real linter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from followup.config import Config
from followup.findings import Finding, Severity
from followup.linter import LintRequest, lint
from followup.rules.dates import find_dates

from helpers import codes, findings

RECORD = """\
company: Acme Corporation
position: Packaging Manager
interview_date: {when}
decision_date: 2026-12-01
interviewers:
  - name: Nick Claus
    honorific: Mr.
    email: nick.claus@acme.example
"""

THANKS = "Thank you for meeting with me about the Packaging Manager role."
INQUIRY = "I am writing to ask about the status of my application for the role."


def note(body: str = THANKS, date_line: str | None = None, kind: str = "thank-you") -> str:
    front = f"---\nkind: {kind}\n" + (f"date: {date_line}\n" if date_line else "") + "---\n"
    return f"{front}Dear Mr. Claus,\n\n{body}\n\nBest regards,\nJordan Lee\n"


def run(tmp_path: Path, text: str, when: str = "2026-11-20T10:00",
        today: date = date(2026, 11, 20), name: str = "note.md", config: Config | None = None,
        select: tuple[str, ...] = ("D",)) -> list[Finding]:
    (tmp_path / "interview.yaml").write_text(RECORD.format(when=when), encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = lint(LintRequest(paths=[str(tmp_path / name)], config=config or Config(),
                              select=list(select), today=today, grammar="off"))
    assert not result.errors, result.errors
    return result.findings


# --- D001 late-thank-you ------------------------------------------------------------------

@pytest.mark.parametrize("dated", ["2026-11-20", "2026-11-21", "2026-11-21T09:59"])
def test_thank_you_within_a_day(tmp_path: Path, dated: str) -> None:
    assert run(tmp_path, note(date_line=dated)) == []


@pytest.mark.parametrize(("dated", "after"), [
    ("2026-11-22", "2 days"), ("2026-11-21T10:30", "24 hours"), ("2026-11-24", "4 days"),
])
def test_late_thank_you(tmp_path: Path, dated: str, after: str) -> None:
    [finding] = run(tmp_path, note(date_line=dated))
    assert finding.code == "D001" and finding.severity is Severity.WARNING
    assert finding.line == 3  # the front matter date
    assert f"{after} after the interview on 2026-11-20 10:00 (Friday)" in finding.message
    assert "within 24 hours" in finding.message


def test_bare_interview_date_counts_from_the_end_of_the_day(tmp_path: Path) -> None:
    assert run(tmp_path, note(date_line="2026-11-21T23:00"), when="2026-11-20") == []
    [finding] = run(tmp_path, note(date_line="2026-11-22T01:00"), when="2026-11-20")
    assert finding.code == "D001"


def test_the_hours_are_configurable(tmp_path: Path) -> None:
    config = Config(thank_you_within_hours=48)
    assert run(tmp_path, note(date_line="2026-11-22"), config=config) == []
    [finding] = run(tmp_path, note(date_line="2026-11-23"), config=config)
    assert "within 48 hours" in finding.message


def test_email_date_header(tmp_path: Path) -> None:
    def eml(when: str) -> str:
        return (f"From: Jordan <j@example.org>\nTo: nick.claus@acme.example\nDate: {when}\n"
                f"Subject: Thank you\n\nDear Mr. Claus,\n\n{THANKS}\n\nBest regards,\nJordan\n")
    assert run(tmp_path, eml("Fri, 20 Nov 2026 17:45:00 -0600"), name="n.eml") == []
    [finding] = run(tmp_path, eml("Mon, 23 Nov 2026 09:00:00 -0600"), name="n.eml")
    assert finding.code == "D001" and finding.line == 3


def test_unsent_draft_uses_today(tmp_path: Path) -> None:
    assert run(tmp_path, note(), today=date(2026, 11, 21)) == []
    [finding] = run(tmp_path, note(), today=date(2026, 11, 23))
    assert finding.code == "D001" and "unsent" in finding.message
    assert "today is 2026-11-23" in finding.message


def test_other_kinds_are_not_late_thank_yous(tmp_path: Path) -> None:
    assert run(tmp_path, note(INQUIRY, "2026-12-05", kind="status-inquiry")) == []



def printed(date_lines: str, body: str = THANKS) -> str:
    """A printed letter: sender, address and date block above the salutation, no front
    matter."""
    return (f"Jordan Lee\n12 Elm St\n\n{date_lines}\n\nDear Mr. Claus,\n\n{body}\n\n"
            "Sincerely,\nJordan\n")


@pytest.mark.parametrize("date_line", [
    "November 20, 2026", "20 November 2026", "Friday, November 20, 2026", "2026-11-20",
    "Nov. 21, 2026", "Date: 21 November 2026", "November 20, 2026.",
])
def test_printed_letter_uses_its_own_date_line(tmp_path: Path, date_line: str) -> None:
    letter = printed(date_line)
    assert run(tmp_path, letter, when="2026-11-20", today=date(2026, 12, 20),
               name="letter.txt") == []
    # the same letter without its date line is an unsent draft, 30 days late
    [finding] = run(tmp_path, letter.replace(date_line + "\n\n", ""), when="2026-11-20",
                    today=date(2026, 12, 20), name="letter.txt")
    assert finding.code == "D001" and "already 30 days past" in finding.message


def test_late_printed_letter_points_at_its_date_line(tmp_path: Path) -> None:
    [finding] = run(tmp_path, printed("November 24, 2026"), when="2026-11-20",
                    today=date(2026, 11, 21), name="letter.txt")
    assert finding.code == "D001" and finding.line == 4 and finding.column == 1
    assert "dated 2026-11-24, 4 days after the interview" in finding.message


@pytest.mark.parametrize("date_lines", [
    "November 20",  # no year: not the letter's date
    "Re: our interview on November 20, 2026",  # a date in a line, not a date line
    "November 20, 2026\nNovember 19, 2026",  # two dates: which one is unclear
    "Tuesday, November 20, 2026",  # a wrong weekday (D003 says so): unclear
])
def test_printed_date_line_must_be_unambiguous(tmp_path: Path, date_lines: str) -> None:
    found = run(tmp_path, printed(date_lines), when="2026-11-20", today=date(2026, 12, 20),
                name="letter.txt", select=("D001",))
    assert [f.code for f in found] == ["D001"] and "unsent" in found[0].message


def test_front_matter_date_wins_over_a_printed_date_line(tmp_path: Path) -> None:
    letter = "---\ndate: 2026-11-24\n---\n" + printed("November 20, 2026")
    [finding] = run(tmp_path, letter, when="2026-11-20", today=date(2026, 11, 20),
                    name="letter.md", select=("D001",))
    assert "dated 2026-11-24" in finding.message and finding.line == 2


def test_a_date_in_the_body_is_not_the_letters_date(tmp_path: Path) -> None:
    letter = printed("", "Thank you for meeting with me on November 20, 2026 about the "
                     "Packaging Manager role.").replace("12 Elm St\n\n\n\n", "12 Elm St\n\n")
    [finding] = run(tmp_path, letter, when="2026-11-20", today=date(2026, 12, 20),
                    name="letter.txt", select=("D001",))
    assert "unsent" in finding.message


def test_printed_status_inquiry_uses_its_date_line(tmp_path: Path) -> None:
    def d002(date_lines: str) -> list[str]:
        letter = printed(date_lines, INQUIRY)
        if not date_lines:
            letter = letter.replace("12 Elm St\n\n\n\n", "12 Elm St\n\n")
        return [f.message for f in run(tmp_path, letter, when="2026-11-20",
                                       today=date(2026, 11, 27), name="letter.txt",
                                       select=("D002",))]

    assert d002("December 5, 2026") == []
    [dated] = d002("November 25, 2026")
    assert "status inquiry dated 2026-11-25" in dated
    [undated] = d002("")
    assert "written today (2026-11-27)" in undated

# --- D002 premature-follow-up ---------------------------------------------------------------

@pytest.mark.parametrize("dated", ["2026-11-25", "2026-12-01"])
def test_premature_status_inquiry(tmp_path: Path, dated: str) -> None:
    [finding] = run(tmp_path, note(INQUIRY, dated, kind="status-inquiry"))
    assert finding.code == "D002" and finding.severity is Severity.WARNING
    assert "decision date in the record (2026-12-01, Tuesday)" in finding.message
    assert "wait until 2026-12-02" in finding.message


def test_status_inquiry_after_the_decision_date(tmp_path: Path) -> None:
    assert run(tmp_path, note(INQUIRY, "2026-12-02", kind="status-inquiry")) == []


def test_undated_inquiry_uses_today(tmp_path: Path) -> None:
    [finding] = run(tmp_path, note(INQUIRY, kind="status-inquiry"), today=date(2026, 11, 27))
    assert finding.code == "D002" and "written today (2026-11-27)" in finding.message
    assert run(tmp_path, note(INQUIRY, kind="status-inquiry"), today=date(2026, 12, 4)) == []


@pytest.mark.parametrize(("dated", "premature"), [
    ("2026-11-23", True), ("2026-11-26", True),  # Friday interview: 1 and 4 business days
    ("2026-11-27", False), ("2026-12-04", False),
])
def test_without_a_decision_date_wait_five_business_days(tmp_path: Path, dated: str,
                                                         premature: bool) -> None:
    (tmp_path / "interview.yaml").write_text(RECORD.format(when="2026-11-20T10:00").replace(
        "decision_date: 2026-12-01\n", ""), encoding="utf-8")
    (tmp_path / "q.md").write_text(note(INQUIRY, dated, kind="status-inquiry"),
                                   encoding="utf-8")
    result = lint(LintRequest(paths=[str(tmp_path / "q.md")], config=Config(), select=["D002"],
                              today=date(2026, 12, 10), grammar="off"))
    assert [f.code for f in result.findings] == (["D002"] if premature else [])
    if premature:
        assert "less than 5 business days after the interview on 2026-11-20 (Friday)" in \
            result.findings[0].message
        assert "wait until 2026-11-27 (Friday)" in result.findings[0].message


def test_lint_and_plan_agree_on_when_an_inquiry_may_go(tmp_path: Path) -> None:
    from followup.plan import build_plan

    for day in range(20, 31):
        dated = f"2026-11-{day}"
        (tmp_path / "interview.yaml").write_text(RECORD.format(when="2026-11-20").replace(
            "decision_date: 2026-12-01\n", "decision_date: 2026-11-24\n"), encoding="utf-8")
        (tmp_path / "q.md").write_text(note(INQUIRY, None, kind="status-inquiry"),
                                       encoding="utf-8")
        today = date.fromisoformat(dated)
        result = lint(LintRequest(paths=[str(tmp_path / "q.md")], config=Config(),
                                  select=["D002"], today=today, grammar="off"))
        [inquiry] = [a for a in build_plan([str(tmp_path)], Config(), today).actions
                     if a.action == "status-inquiry"]
        if inquiry.state in ("due", "overdue"):
            assert result.findings == [], dated  # the plan never asks for a premature one


# --- D003 date-mismatch ------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "written", "right"), [
    ("I am free on Tuesday, November 24, 2026 as well.", "Tuesday, November 24, 2026", None),
    ("Thank you for meeting with me on Tuesday, November 20, 2026.",
     "Tuesday, November 20, 2026", "Friday, November 20, 2026"),
    ("I enjoyed our conversation on Thu, Nov 20.", "Thu, Nov 20", "Fri, Nov 20"),
    ("Thank you for the interview on Monday, 20 November.", "Monday, 20 November",
     "Friday, 20 November"),
])
def test_weekday_checks(tmp_path: Path, sentence: str, written: str, right: str | None
                        ) -> None:
    findings = run(tmp_path, note(sentence, "2026-11-20"))
    if right is None:
        assert findings == []
        return
    [finding] = findings
    assert finding.code == "D003" and finding.suggestions == (right,)
    assert f"'{written}'" in finding.message and "is a Friday" in finding.message


@pytest.mark.parametrize(("sentence", "written", "right"), [
    ("Thank you for meeting with me on November 19.", "November 19", "November 20"),
    ("I enjoyed our interview on Thursday, November 19, 2026.", "Thursday, November 19, 2026",
     "Friday, November 20, 2026"),
    ("It was a pleasure to talk with you on 2026-10-20.", "2026-10-20", "2026-11-20"),
    ("Thank you for the interview on 19 November.", "19 November", "20 November"),
])
def test_interview_date_differs_from_the_record(tmp_path: Path, sentence: str, written: str,
                                                right: str) -> None:
    [finding] = run(tmp_path, note(sentence, "2026-11-21"))
    assert finding.code == "D003" and finding.severity is Severity.ERROR
    assert finding.suggestions == (right,)
    assert f"'{written}' differs from the interview date in the record, Friday, November 20, " \
        "2026" in finding.message


@pytest.mark.parametrize("sentence", [
    "Thank you for meeting with me on Friday, November 20.",
    "Thank you for meeting with me on November 20, 2026.",
    "I look forward to meeting again on December 3.",  # not the interview
    "You said you would decide by December 1, and I can start on January 4.",
    "Thank you for meeting with me on Friday.",
    "Thank you for meeting with me yesterday.",
])
def test_correct_dates(tmp_path: Path, sentence: str) -> None:
    assert run(tmp_path, note(sentence, "2026-11-21")) == []


def test_relative_days_in_a_dated_letter(tmp_path: Path) -> None:
    [finding] = run(tmp_path, note("Thank you for meeting with me today.", "2026-11-21"))
    assert finding.code == "D003" and finding.suggestions == ("yesterday",)
    [finding] = run(tmp_path, note("Thank you for meeting with me on Thursday.", "2026-11-21"))
    assert finding.code == "D003" and finding.suggestions == ("Friday",)


def test_no_such_day(tmp_path: Path) -> None:
    [finding] = run(tmp_path, note("I can start on February 30.", "2026-11-21"))
    assert finding.code == "D003" and "no such day" in finding.message


def test_dates_without_a_year_take_the_record_year() -> None:
    [found] = find_dates("on Friday, November 20", 2026)
    assert found.value == date(2026, 11, 20) and not found.year_given
    [found] = find_dates("on Friday, November 20", 2025)
    assert found.value == date(2025, 11, 20)


def test_time_zones_are_read_as_the_writers_wall_clock(tmp_path: Path) -> None:
    assert run(tmp_path, note(date_line="2026-11-21T09:00:00-06:00")) == []
    [finding] = run(tmp_path, note(date_line="2026-11-21T11:00:00-06:00"))
    assert finding.code == "D001" and "25 hours" in finding.message


def test_no_record_no_timing_checks_but_weekdays_still_checked(tmp_path: Path) -> None:
    text = note("Thank you for meeting with me on Tuesday, November 20, 2026.", "2026-12-09")
    (tmp_path / "note.md").write_text(text, encoding="utf-8")
    result = lint(LintRequest(paths=[str(tmp_path / "note.md")], config=Config(),
                              select=["D"], today=date(2026, 12, 9), grammar="off"))
    assert [f.code for f in result.findings] == ["D003"]


def test_a_date_without_its_year_is_read_nearest_the_letter(write, lint_cli):
    """"I can start on Monday 4 January" in a November 2026 letter is January 2027, a
    Monday; the wrong weekday is still caught, in that year."""
    body = ("Dear Ms. Rivera,\n\nThank you for meeting me. I can start on {} 4 January.\n\n"
            "Best regards,\nJordan Lee\n")
    write("a.md", body.format("Monday"))
    assert "D003" not in codes(lint_cli("a.md", "--format", "json"))
    write("b.md", body.format("Tuesday"))
    (finding,) = [f for f in findings(lint_cli("b.md", "--format", "json"))
                  if f["code"] == "D003"]
    assert "2027 is a Monday" in finding["message"]
