"""timing.py: when each action is due, business days, zones and bare dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from followup import timing
from followup.records import Record, parse_record
from followup.timing import Due


def record(when: str = "2026-11-20T10:00", decision: str | None = "2026-12-01",
           extra: str = "") -> Record:
    text = (f"company: Acme\nposition: Analyst\ninterview_date: {when}\n"
            "interviewers: [Nick Claus]\n")
    if decision:
        text += f"decision_date: {decision}\n"
    return parse_record(text + extra, Path("interview.yaml"))


@pytest.mark.parametrize(("start", "count", "expected"), [
    (date(2026, 11, 20), 1, date(2026, 11, 23)),  # Friday + 1 = Monday
    (date(2026, 11, 20), 5, date(2026, 11, 27)),
    (date(2026, 11, 20), 10, date(2026, 12, 4)),
    (date(2026, 11, 21), 1, date(2026, 11, 23)),  # from a Saturday
    (date(2026, 11, 21), 0, date(2026, 11, 23)),  # 0 on a weekend: the next Monday
    (date(2026, 11, 18), 0, date(2026, 11, 18)),
    (date(2026, 11, 18), 2, date(2026, 11, 20)),
])
def test_business_days_skip_weekends(start: date, count: int, expected: date) -> None:
    assert timing.add_business_days(start, count) == expected
    assert timing.is_business_day(expected)


def test_thank_you_due_from_the_interview_time() -> None:
    due = timing.thank_you_due(record(), 24)
    assert due == Due(date(2026, 11, 21), time(10, 0), date(2026, 11, 20))
    assert due.iso() == "2026-11-21T10:00"
    assert timing.thank_you_due(record(), 48).day == date(2026, 11, 22)


def test_a_bare_interview_date_counts_from_the_end_of_the_day() -> None:
    due = timing.thank_you_due(record("2026-11-20"), 24)
    assert due == Due(date(2026, 11, 21), None, date(2026, 11, 20)) and due.iso() == "2026-11-21"
    rec = record("2026-11-20")
    assert timing.on_time(due, rec, date(2026, 11, 21))
    assert timing.on_time(due, rec, datetime(2026, 11, 21, 23, 0))
    assert not timing.on_time(due, rec, date(2026, 11, 22))
    assert not timing.on_time(due, rec, datetime(2026, 11, 22, 1, 0))


def test_a_bare_letter_date_gets_the_benefit_of_the_doubt() -> None:
    rec = record()
    due = timing.thank_you_due(rec, 24)
    assert timing.on_time(due, rec, date(2026, 11, 21))  # the start of the 21st
    assert timing.on_time(due, rec, datetime(2026, 11, 21, 9, 59))
    assert not timing.on_time(due, rec, datetime(2026, 11, 21, 10, 1))


def test_zones_letter_read_in_the_records_zone() -> None:
    rec = record("2026-11-20T10:00:00-06:00")
    due = timing.thank_you_due(rec, 24)
    # 17:00 UTC on the 21st is 11:00 in Chicago: an hour late
    assert not timing.on_time(due, rec, datetime(2026, 11, 21, 17, 0, tzinfo=UTC))
    assert timing.on_time(due, rec, datetime(2026, 11, 21, 15, 30, tzinfo=UTC))


def test_zones_without_a_zone_in_the_record_use_the_wall_clock() -> None:
    rec = record()
    due = timing.thank_you_due(rec, 24)
    chicago = timezone(timedelta(hours=-6))
    assert timing.on_time(due, rec, datetime(2026, 11, 21, 9, 0, tzinfo=chicago))
    assert not timing.on_time(due, rec, datetime(2026, 11, 21, 11, 0, tzinfo=chicago))


def test_documents_within_a_day_and_references_before_the_decision() -> None:
    assert timing.documents_due(record()).day == date(2026, 11, 21)
    assert timing.reference_due(record()) == Due(date(2026, 11, 30))
    assert timing.reference_due(record(decision=None)) == Due(date(2026, 11, 22))


def test_status_inquiry_after_the_decision_date() -> None:
    rec = record()  # decision Tuesday 2026-12-01
    assert timing.status_inquiry_earliest(rec) == date(2026, 12, 2)
    assert timing.status_inquiry_due(rec, 2) == Due(date(2026, 12, 3), None, date(2026, 12, 2))
    assert timing.status_inquiry_due(rec, 0).day == date(2026, 12, 2)  # at least the next day
    friday = record(decision="2026-11-27")
    assert timing.status_inquiry_due(friday, 2).day == date(2026, 12, 1)  # over the weekend


def test_status_inquiry_without_a_decision_date() -> None:
    rec = record(decision=None)  # Friday 2026-11-20
    assert timing.status_inquiry_earliest(rec) == date(2026, 11, 27)
    assert timing.status_inquiry_due(rec, 2).day == date(2026, 12, 4)
    assert timing.premature_inquiry(rec, date(2026, 11, 26))
    assert not timing.premature_inquiry(rec, date(2026, 11, 27))


def test_second_inquiry_and_rejection_reply() -> None:
    assert timing.second_inquiry_due(date(2026, 12, 3)).day == date(2026, 12, 10)
    assert timing.second_inquiry_due(date(2026, 12, 5)).day == date(2026, 12, 14)  # Sat -> Mon
    assert timing.rejection_reply_due(date(2026, 11, 25)) == Due(date(2026, 11, 27), None,
                                                                 date(2026, 11, 25))


@pytest.mark.parametrize(("today", "done", "state"), [
    (date(2026, 11, 19), False, "upcoming"),  # before it opens
    (date(2026, 11, 20), False, "due"),  # tomorrow
    (date(2026, 11, 21), False, "due"),  # today
    (date(2026, 11, 22), False, "overdue"),
    (date(2026, 11, 22), True, "done"),
])
def test_states(today: date, done: bool, state: str) -> None:
    due = Due(date(2026, 11, 21), None, date(2026, 11, 20))
    assert timing.state_of(due, today, done) == state


def test_a_far_due_date_is_upcoming_and_an_unopened_one_is_never_due() -> None:
    assert timing.state_of(Due(date(2026, 12, 10)), date(2026, 12, 1), False) == "upcoming"
    early = Due(date(2026, 12, 2), None, date(2026, 12, 2))
    assert timing.state_of(early, date(2026, 12, 1), False) == "upcoming"


# --- the note `followup draft` prints and D001/D002 agree (one deadline, timing.py) -------


@pytest.mark.parametrize(("interview", "hours", "day", "late"), [
    ("2026-11-20T10:00", 24, "2026-11-21", False),  # a bare letter date: its start, < 24 h
    ("2026-11-20T10:00", 24, "2026-11-22", True),
    ("2026-11-20T10:00", 48, "2026-11-22", False),
    ("2026-11-20T00:00", 24, "2026-11-21", True),  # exactly 24 h: the deadline is midnight
    ("2026-11-20T00:00", 24, "2026-11-20", False),
    ("2026-11-20", 24, "2026-11-21", False),  # a date-only interview: from the day's end
    ("2026-11-20", 24, "2026-11-22", True),
    ("2026-11-20T23:30-08:00", 24, "2026-11-21", False),  # the record's own clock
    ("2026-11-20T23:30-08:00", 24, "2026-11-22", True),
    ("2026-11-20T09:00+09:00", 24, "2026-11-21", False),
    ("2026-11-20T10:00", 24, "2026-11-19", False),  # drafted before the interview
])
def test_draft_note_and_d001_agree(tmp_path: Path, interview: str, hours: int, day: str,
                                   late: bool) -> None:
    assert _draft_says_and_lint_says(tmp_path, "thank-you-email", interview, None, hours,
                                     date.fromisoformat(day)) == (late, late)


@pytest.mark.parametrize(("decision", "day", "premature"), [
    ("2026-12-01", "2026-12-01", True),  # on the decision date: not yet
    ("2026-12-01", "2026-12-02", False),
    (None, "2026-11-26", True),  # 4 business days after Friday's interview
    (None, "2026-11-27", False),  # the 5th
])
def test_draft_note_and_d002_agree(tmp_path: Path, decision: str | None, day: str,
                                   premature: bool) -> None:
    assert _draft_says_and_lint_says(tmp_path, "status-inquiry", "2026-11-20T10:00", decision,
                                     24, date.fromisoformat(day)) == (premature, premature)


def _draft_says_and_lint_says(tmp_path: Path, template: str, interview: str,
                              decision: str | None, hours: int, day: date
                              ) -> tuple[bool, bool]:
    """(whether `followup draft` notes the timing, whether D001/D002 report the written
    draft), for a real template rendered for a real record."""
    from followup.config import Config
    from followup.draft import DraftRequest, markdown_text, prepare_drafts
    from followup.linter import LintRequest, lint
    from followup.profile import parse_profile

    profile = parse_profile("name: Jordan Lee\nemail: jordan@example.org\nstrengths:\n"
                            "  - five years of planning peak-season shifts\n",
                            tmp_path / "profile.yaml")
    folder = tmp_path / "acme"
    folder.mkdir()
    path = folder / "interview.yaml"
    text = (f"company: Acme\nposition: Analyst\ninterview_date: {interview}\n"
            "interviewers: [{name: Nick Claus, email: nick@acme.example}]\n"
            "contacts: [{name: Pat Doe, title: Recruiter}]\n")
    path.write_text(text + (f"decision_date: {decision}\n" if decision else ""), "utf-8")
    rec = parse_record(path.read_text("utf-8"), path)
    [draft] = prepare_drafts(DraftRequest(template=template, record=rec, when=day,
                                          profile=profile, thank_you_within_hours=hours))
    noted = any("best sent" in note for note in draft.notes)
    draft.path.write_text(markdown_text(draft, rec), encoding="utf-8")
    result = lint(LintRequest(paths=[str(draft.path)], config=Config(
        thank_you_within_hours=hours), select=["D001", "D002"], today=day, grammar="off"))
    assert not result.errors, result.errors
    return noted, bool(result.findings)
