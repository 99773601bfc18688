"""plan.py: every action, its state and the letter that did it, on real files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from followup.config import Config
from followup.errors import RecordError
from followup.linter import LintRequest, lint
from followup.plan import Action, Plan, build_plan
from followup.records import parse_record

RECORD = """\
company: Acme Corporation
position: Packaging Manager
interview_date: 2026-11-20T10:00
interviewers:
  - name: Nick Claus
    email: nick.claus@acme.example
  - name: Siobhán O'Brien
    title: Packaging Line Supervisor
contacts:
  - name: Priya Raman
    title: Recruiter
decision_date: 2026-12-01
"""

BODY = {
    "thank-you": "Thank you for meeting with me today about the Packaging Manager role.",
    "status-inquiry": "I am writing to ask about the status of my application.",
    "reference": "I have listed you as a reference for the Packaging Manager role.",
    "rejection-reply": "Thank you for letting me know of your decision. I was not selected, "
                       "and I would be glad if you kept me in mind for future roles.",
    "other": "As promised, I have attached my portfolio.",
}


@pytest.fixture(autouse=True)
def _plan_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                ) -> Path:
    """Each test its own letter cache (never the user's)."""
    path = tmp_path_factory.mktemp("plan-cache") / "letters.json"
    monkeypatch.setenv("FOLLOWUP_PLAN_CACHE", str(path))
    return path


def letter(folder: Path, name: str, kind: str, to: str, sent: str | None,
           body: str | None = None) -> Path:
    front = f"---\nto: {to}\nkind: {kind}\n" + (f"sent: {sent}\n" if sent else "") + "---\n"
    greeting = to.split()[0]
    path = folder / name
    path.write_text(f"{front}\nDear {greeting},\n\n{body or BODY[kind]}\n\nBest regards,\n"
                    "Jordan Lee\n", encoding="utf-8")
    return path


def app(tmp_path: Path, extra: str = "", record: str = RECORD, name: str = "acme") -> Path:
    folder = tmp_path / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "interview.yaml").write_text(record + extra, encoding="utf-8")
    return folder


def plan_of(tmp_path: Path, today: date, config: Config | None = None) -> Plan:
    plan = build_plan([str(tmp_path)], config or Config(), today)
    assert not plan.errors, plan.errors
    return plan


def find(plan: Plan, action: str, to: str | None = None, what: str | None = None) -> Action:
    [found] = [a for a in plan.actions if a.action == action and (to is None or a.to == to)
               and a.what == what]
    return found


def summary(plan: Plan) -> list[tuple[str, str, str, str]]:
    return [(a.action, a.to, a.due.iso(), a.state) for a in plan.actions]


def test_a_fresh_interview(tmp_path: Path) -> None:
    app(tmp_path, "documents_requested: [my portfolio]\n"
        "references: [{name: Dana Whitfield, email: dana@example.org}]\n")
    plan = plan_of(tmp_path, date(2026, 11, 20))
    assert summary(plan) == [
        ("thank-you", "Nick Claus", "2026-11-21T10:00", "due"),
        ("thank-you", "Siobhán O'Brien", "2026-11-21T10:00", "due"),
        ("documents", "Priya Raman", "2026-11-21T10:00", "due"),
        ("reference", "Dana Whitfield", "2026-11-30", "upcoming"),
        ("status-inquiry", "Priya Raman", "2026-12-03", "upcoming"),
    ]
    assert [a.template for a in plan.actions] == [
        "thank-you-email", "thank-you-email", "additional-documents", "reference-heads-up",
        "status-inquiry"]


def test_before_the_interview_everything_is_upcoming(tmp_path: Path) -> None:
    app(tmp_path)
    plan = plan_of(tmp_path, date(2026, 11, 18))
    assert {a.state for a in plan.actions} == {"upcoming"}


def test_sent_letters_do_the_actions_and_drafts_do_not(tmp_path: Path) -> None:
    folder = app(tmp_path, "documents_requested: [my portfolio]\n"
                 "references: [{name: Dana Whitfield, email: dana@example.org}]\n")
    nick = letter(folder, "ty-nick.md", "thank-you", "Nick Claus", "2026-11-20")
    letter(folder, "ty-siobhan.md", "thank-you", "Siobhán O'Brien", None)  # a draft
    docs = letter(folder, "docs.md", "other", "Priya Raman", "2026-11-21T09:00")
    ref = letter(folder, "ref.md", "reference", "Dana Whitfield", "2026-11-22")
    plan = plan_of(tmp_path, date(2026, 11, 22))
    assert find(plan, "thank-you", "Nick Claus").state == "done"
    assert find(plan, "thank-you", "Nick Claus").letter.path == str(nick)  # type: ignore
    assert find(plan, "thank-you", "Siobhán O'Brien").state == "overdue"
    assert find(plan, "documents", what="my portfolio").letter.path == str(docs)  # type: ignore
    assert find(plan, "reference").letter.path == str(ref)  # type: ignore
    assert not any(a.late for a in plan.actions)


@pytest.mark.parametrize(("body", "done"), [
    ("As promised, I have attached my portfolio.", True),
    ("Please find my portfolio below.", True),
    ("Here is the portfolio you asked for.", True),
    ("I will send my portfolio tomorrow.", False),
    ("I am attaching the portfolio by Friday.", False),
    ("I enjoyed hearing about your product portfolio.", False),
])
def test_documents_are_done_by_a_letter_that_sends_them(tmp_path: Path, body: str,
                                                        done: bool) -> None:
    folder = app(tmp_path, "documents_requested: [my portfolio]\n")
    letter(folder, "docs.md", "other", "Priya Raman", "2026-11-20", body)
    assert (find(plan_of(tmp_path, date(2026, 11, 21)), "documents",
                 what="my portfolio").state == "done") is done


def test_an_email_is_sent_when_it_has_a_date_and_no_x_unsent(tmp_path: Path) -> None:
    folder = app(tmp_path)

    def eml(name: str, to: str, unsent: bool) -> None:
        (folder / name).write_text(
            f"From: Jordan <j@example.org>\nTo: {to}\nDate: Fri, 20 Nov 2026 17:45:00 -0600\n"
            f"Subject: Thank you\n{'X-Unsent: 1' + chr(10) if unsent else ''}\n"
            f"Dear {to.split()[0]},\n\n{BODY['thank-you']}\n\nBest regards,\nJordan\n",
            encoding="utf-8")

    eml("nick.eml", "Nick Claus <nick.claus@acme.example>", unsent=False)
    eml("siobhan.eml", "Siobhán O'Brien <s@acme.example>", unsent=True)
    plan = plan_of(tmp_path, date(2026, 11, 21))
    assert find(plan, "thank-you", "Nick Claus").state == "done"
    assert find(plan, "thank-you", "Siobhán O'Brien").state == "due"


def test_a_letter_sent_late_is_done_but_late_and_lint_agrees(tmp_path: Path) -> None:
    folder = app(tmp_path)
    late = letter(folder, "ty-nick.md", "thank-you", "Nick Claus", "2026-11-21T10:30")
    letter(folder, "ty-siobhan.md", "thank-you", "Siobhán O'Brien", "2026-11-21T09:30")
    plan = plan_of(tmp_path, date(2026, 11, 25))
    assert find(plan, "thank-you", "Nick Claus").late
    assert not find(plan, "thank-you", "Siobhán O'Brien").late
    result = lint(LintRequest(paths=[str(folder)], config=Config(), select=["D001"],
                              today=date(2026, 11, 25), grammar="off"))
    assert [f.path for f in result.findings] == [str(late)]


def test_sent_wins_over_date_for_d001(tmp_path: Path) -> None:
    folder = app(tmp_path)
    path = folder / "ty.md"
    path.write_text("---\nkind: thank-you\ndate: 2026-11-20\nsent: 2026-11-23\n---\n\n"
                    f"Dear Nick,\n\n{BODY['thank-you']}\n\nBest regards,\nJordan\n",
                    encoding="utf-8")
    result = lint(LintRequest(paths=[str(path)], config=Config(), select=["D001"],
                              today=date(2026, 11, 23), grammar="off"))
    assert [f.code for f in result.findings] == ["D001"]
    assert find(plan_of(tmp_path, date(2026, 11, 23)), "thank-you", "Nick Claus").late


def test_status_inquiries_first_and_second(tmp_path: Path) -> None:
    folder = app(tmp_path)
    for name in ("Nick Claus", "Siobhán O'Brien"):
        letter(folder, f"ty-{name[:4]}.md", "thank-you", name, "2026-11-20")
    assert find(plan_of(tmp_path, date(2026, 12, 2)), "status-inquiry").state == "due"
    assert find(plan_of(tmp_path, date(2026, 12, 4)), "status-inquiry").state == "overdue"
    first = letter(folder, "status.md", "status-inquiry", "Priya Raman", "2026-12-03")
    plan = plan_of(tmp_path, date(2026, 12, 9))
    assert find(plan, "status-inquiry").letter.path == str(first)  # type: ignore
    second = find(plan, "status-inquiry", what="second")
    assert (second.due.iso(), second.state) == ("2026-12-10", "due")
    letter(folder, "status-2.md", "status-inquiry", "Priya Raman", "2026-12-10")
    assert find(plan_of(tmp_path, date(2026, 12, 11)), "status-inquiry",
                what="second").state == "done"


def test_status_inquiry_without_a_decision_date_and_over_a_weekend(tmp_path: Path) -> None:
    app(tmp_path, record=RECORD.replace("decision_date: 2026-12-01\n", ""))
    inquiry = find(plan_of(tmp_path, date(2026, 11, 27)), "status-inquiry")
    assert inquiry.due.iso() == "2026-12-04" and inquiry.state == "upcoming"  # 10 business days
    assert inquiry.due.opens == date(2026, 11, 27)


def test_status_inquiry_after_days_is_configurable(tmp_path: Path) -> None:
    app(tmp_path)
    config = Config(status_inquiry_after_days=5)
    assert find(plan_of(tmp_path, date(2026, 11, 20), config),
                "status-inquiry").due.iso() == "2026-12-08"


def test_a_rejection_before_the_decision_date_leaves_only_the_reply(tmp_path: Path) -> None:
    folder = app(tmp_path, "outcome: rejected\noutcome_date: 2026-11-25\n"
                 "references: [Dana Whitfield]\n")
    letter(folder, "ty-nick.md", "thank-you", "Nick Claus", "2026-11-20")
    plan = plan_of(tmp_path, date(2026, 11, 26))
    assert summary(plan) == [("thank-you", "Nick Claus", "2026-11-21T10:00", "done"),
                             ("rejection-reply", "Priya Raman", "2026-11-27", "due")]
    letter(folder, "reply.md", "rejection-reply", "Priya Raman", "2026-11-26")
    plan = plan_of(tmp_path, date(2026, 12, 20))
    assert [a.state for a in plan.actions] == ["done", "done"]


@pytest.mark.parametrize(("outcome", "left"), [
    ("offer", {"thank-you"}), ("accepted", {"thank-you"}), ("withdrawn", set()),
])
def test_an_outcome_ends_the_inquiries(tmp_path: Path, outcome: str, left: set[str]) -> None:
    app(tmp_path, f"outcome: {outcome}\noutcome_date: 2026-11-24\nreferences: [Dana]\n")
    plan = plan_of(tmp_path, date(2026, 11, 25))
    assert {a.action for a in plan.actions} == left


def test_interviewers_added_later_get_their_own_thank_you(tmp_path: Path) -> None:
    folder = app(tmp_path)
    letter(folder, "ty-nick.md", "thank-you", "Nick Claus", "2026-11-20")
    letter(folder, "ty-siobhan.md", "thank-you", "Siobhán O'Brien", "2026-11-20")
    assert {a.state for a in plan_of(tmp_path, date(2026, 11, 23)).actions
            if a.action == "thank-you"} == {"done"}
    (folder / "interview.yaml").write_text(
        RECORD.replace("contacts:", "  - name: Grace Hopper\n    title: Plant Manager\n"
                       "contacts:"), encoding="utf-8")
    plan = plan_of(tmp_path, date(2026, 11, 23))
    assert find(plan, "thank-you", "Grace Hopper").state == "overdue"
    assert find(plan, "thank-you", "Nick Claus").state == "done"


def test_a_bare_interview_date(tmp_path: Path) -> None:
    app(tmp_path, record=RECORD.replace("2026-11-20T10:00", "2026-11-20"))
    thanks = find(plan_of(tmp_path, date(2026, 11, 21)), "thank-you", "Nick Claus")
    assert thanks.due.iso() == "2026-11-21" and thanks.state == "due"
    assert find(plan_of(tmp_path, date(2026, 11, 22)), "thank-you", "Nick Claus").state == \
        "overdue"


def test_many_applications_and_a_letter_linked_by_front_matter(tmp_path: Path) -> None:
    app(tmp_path, name="acme")
    other = app(tmp_path, record=RECORD.replace("Acme Corporation", "Globex"), name="globex")
    letters = tmp_path / "sent"
    letters.mkdir()
    path = letter(letters, "ty.md", "thank-you", "Nick Claus", "2026-11-20")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "---\n", "---\nrecord: ../globex/interview.yaml\n", 1), encoding="utf-8")
    plan = plan_of(tmp_path, date(2026, 11, 21))
    done = [(a.record.company, a.to) for a in plan.actions if a.state == "done"]
    assert done == [("Globex", "Nick Claus")]
    assert len(plan.records) == 2 and other.exists()


def test_a_broken_record_is_one_error_and_the_rest_is_planned(tmp_path: Path) -> None:
    app(tmp_path, name="good")
    app(tmp_path, record=RECORD.replace("interview_date", "interview_dat"), name="bad")
    plan = build_plan([str(tmp_path)], Config(), date(2026, 11, 21))
    [error] = plan.errors
    assert "did you mean 'interview_date'" in str(error)
    assert len(plan.records) == 1 and plan.actions


def test_fail_on() -> None:
    assert not Plan().failed("overdue")


# --- the record's new fields ---------------------------------------------------------------

def _parse(extra: str) -> None:
    parse_record(RECORD + extra, Path("interview.yaml"))


@pytest.mark.parametrize(("extra", "message"), [
    ("outcome: rejectd\noutcome_date: 2026-11-25\n",
     "interview.yaml:13:10: outcome: 'rejectd' is not one of offer, rejected, withdrawn, "
     "accepted; did you mean 'rejected'?"),
    ("outcome_date: 2026-11-25\n", "interview.yaml:13:15: outcome_date: given without an "
     "outcome"),
    ("outcome: rejected\n", "interview.yaml:13:10: outcome_date: required with outcome: "
     "rejected"),
    ("outcome: offer\noutcome_date: soon\n", "interview.yaml:14:15: outcome_date: 'soon' is "
     "not a valid date"),
    ("outcom: offer\n", "did you mean 'outcome'?"),
])
def test_outcome_is_validated(extra: str, message: str) -> None:
    with pytest.raises(RecordError) as caught:
        _parse(extra)
    assert message in str(caught.value)


def test_outcome_fields_load() -> None:
    record = parse_record(RECORD + "outcome: offer\noutcome_date: 2026-11-30\n",
                          Path("interview.yaml"))
    assert record.outcome == "offer" and record.outcome_date == date(2026, 11, 30)


# --- the letter cache ----------------------------------------------------------------------

def test_a_second_run_uses_the_cache_and_sees_changes(tmp_path: Path, _plan_cache: Path
                                                      ) -> None:
    import json
    import os

    folder = app(tmp_path / "tree")
    nick = letter(folder, "ty-nick.md", "thank-you", "Nick Claus", "2026-11-20")
    letter(folder, "ty-siobhan.md", "thank-you", "Siobhán O'Brien", None)
    first = summary(plan_of(tmp_path / "tree", date(2026, 11, 23)))
    entries = json.loads(_plan_cache.read_text(encoding="utf-8"))["letters"]
    assert {Path(k).name: "draft" in v for k, v in entries.items()} == {
        "ty-nick.md": False, "ty-siobhan.md": True}
    assert summary(plan_of(tmp_path / "tree", date(2026, 11, 23))) == first
    # the cache answers without reading: an unchanged stamp keeps the cached verdict
    stat = nick.stat()
    text = nick.read_text(encoding="utf-8")
    nick.write_text(text.replace("Nick Claus", "Nick Clau_"), encoding="utf-8")
    os.utime(nick, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert find(plan_of(tmp_path / "tree", date(2026, 11, 23)), "thank-you",
                "Nick Claus").state == "done"
    # a real change (new mtime) is read again: the note is now a draft
    nick.write_text(text.replace("sent: 2026-11-20\n", ""), encoding="utf-8")
    os.utime(nick, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert find(plan_of(tmp_path / "tree", date(2026, 11, 23)), "thank-you",
                "Nick Claus").state == "overdue"
    nick.unlink()
    plan_of(tmp_path / "tree", date(2026, 11, 23))
    entries = json.loads(_plan_cache.read_text(encoding="utf-8"))["letters"]
    assert [Path(k).name for k in entries] == ["ty-siobhan.md"]  # a deleted file drops out


def test_a_broken_cache_is_ignored(tmp_path: Path, _plan_cache: Path) -> None:
    folder = app(tmp_path / "tree")
    letter(folder, "ty-nick.md", "thank-you", "Nick Claus", "2026-11-20")
    _plan_cache.write_text("{not json", encoding="utf-8")
    assert find(plan_of(tmp_path / "tree", date(2026, 11, 23)), "thank-you",
                "Nick Claus").state == "done"


def test_zones_a_letter_sent_from_another_zone_is_read_on_the_records_clock(tmp_path: Path
                                                                          ) -> None:
    folder = app(tmp_path, record=RECORD.replace("2026-11-20T10:00", "2026-11-20T10:00-06:00"))

    def eml(name: str, to: str, when: str) -> None:
        (folder / name).write_text(
            f"From: Jordan <j@example.org>\nTo: {to}\nDate: {when}\nSubject: Thank you\n\n"
            f"Dear {to.split()[0]},\n\n{BODY['thank-you']}\n\nBest regards,\nJordan\n",
            encoding="utf-8")

    eml("nick.eml", "Nick Claus <nick.claus@acme.example>", "Sat, 21 Nov 2026 17:00:00 +0000")
    eml("siobhan.eml", "Siobhán O'Brien <s@acme.example>", "Sat, 21 Nov 2026 15:30:00 +0000")
    plan = plan_of(tmp_path, date(2026, 11, 23))
    nick, siobhan = find(plan, "thank-you", "Nick Claus"), find(plan, "thank-you",
                                                                 "Siobhán O'Brien")
    assert nick.state == siobhan.state == "done"
    assert nick.late and not siobhan.late  # 11:00 and 09:30 in Chicago
    assert nick.due.iso() == "2026-11-21T10:00"


# --- C005 and the plan count thank-you notes alike (thanks.py) ----------------------------


def _lint_codes(folder: Path, today: date, select: list[str]) -> list[tuple[str, str, int]]:
    result = lint(LintRequest(paths=[str(folder)], config=Config(), select=select,
                              today=today, grammar="off"))
    assert not result.errors, result.errors
    return sorted((f.code, Path(f.path).name, f.line) for f in result.findings)


def test_c005_and_the_plan_agree_on_sent_drafted_and_missing_notes(tmp_path: Path) -> None:
    """Three interviewers: one thanked (sent), one with a draft, one with nothing. The plan
    marks only the sent note done; C005 names only the interviewer with no note at all;
    D001 reports the draft once it is late, when the plan says overdue."""
    record = RECORD.replace("contacts:", "  - name: Kwame Mensah\n    title: Director\n"
                                         "contacts:")
    folder = app(tmp_path, record=record)
    letter(folder, "ty-nick.md", "thank-you", "Nick Claus", "2026-11-20T16:00")
    draft = letter(folder, "ty-siobhan.md", "thank-you", "Siobhán O'Brien", None)
    # on the day: the draft is not late yet
    plan = plan_of(tmp_path, date(2026, 11, 20))
    assert [(a.to, a.state) for a in plan.actions if a.action == "thank-you"] == [
        ("Nick Claus", "done"), ("Siobhán O'Brien", "due"), ("Kwame Mensah", "due")]
    kwame_line = record.splitlines().index("  - name: Kwame Mensah") + 1
    assert _lint_codes(folder, date(2026, 11, 20), ["C005", "D001"]) == [
        ("C005", "interview.yaml", kwame_line)]
    # two days later the draft is overdue in the plan, and D001 says so on the draft
    plan = plan_of(tmp_path, date(2026, 11, 22))
    assert find(plan, "thank-you", "Siobhán O'Brien").state == "overdue"
    assert find(plan, "thank-you", "Siobhán O'Brien").letter is None
    greeting = draft.read_text(encoding="utf-8").splitlines().index("Dear Siobhán,") + 1
    assert _lint_codes(folder, date(2026, 11, 22), ["C005", "D001"]) == [
        ("C005", "interview.yaml", kwame_line), ("D001", draft.name, greeting)]


def test_an_unsent_email_is_a_draft_for_both(tmp_path: Path) -> None:
    """An .eml with X-Unsent: the plan's thank-you stays open, C005 stays quiet (a note
    exists); sending it (dropping X-Unsent) makes the plan's thank-you done."""
    folder = app(tmp_path)
    letter(folder, "ty-nick.md", "thank-you", "Nick Claus", "2026-11-20T16:00")
    eml = folder / "ty-siobhan.eml"
    text = ("From: Jordan Lee <jordan@example.org>\nTo: Siobhán O'Brien "
            "<siobhan@acme.example>\nDate: Fri, 20 Nov 2026 17:00:00 +0000\n"
            "Subject: Thank you\nX-Unsent: 1\n\nDear Siobhán,\n\n"
            f"{BODY['thank-you']}\n\nBest regards,\nJordan Lee\n")
    eml.write_text(text, encoding="utf-8")
    assert find(plan_of(tmp_path, date(2026, 11, 20)), "thank-you",
                "Siobhán O'Brien").state == "due"
    assert _lint_codes(folder, date(2026, 11, 20), ["C005"]) == []
    eml.write_text(text.replace("X-Unsent: 1\n", ""), encoding="utf-8")
    done = find(plan_of(tmp_path, date(2026, 11, 20)), "thank-you", "Siobhán O'Brien")
    assert done.state == "done" and done.letter is not None
    assert Path(done.letter.path) == eml


def test_thank_you_notes_is_the_one_count(tmp_path: Path) -> None:
    """thanks.thank_you_notes, on the letters as lint reads them, gives each interviewer's
    first sent note (by when it went out, not by file name) and the drafts."""
    from followup.lettercache import Letter, read_letter
    from followup.records import load_record
    from followup.thanks import thank_you_notes

    folder = app(tmp_path)
    paths = [letter(folder, "a-late.md", "thank-you", "Nick Claus", "2026-11-21"),
             letter(folder, "b-early.md", "thank-you", "Nick Claus", "2026-11-20T15:00"),
             letter(folder, "c-draft.md", "thank-you", "Siobhán O'Brien", None),
             letter(folder, "d-status.md", "status-inquiry", "Siobhán O'Brien", "2026-12-02")]
    record = load_record(folder / "interview.yaml")
    notes = thank_you_notes(record, [Letter.of(read_letter(str(p))) for p in paths])
    nick, siobhan = record.interviewers
    assert notes[nick].sent is not None and Path(notes[nick].sent.path) == paths[1]
    assert notes[nick].drafts == []
    assert notes[siobhan].sent is None and notes[siobhan].any
    assert [Path(d.path) for d in notes[siobhan].drafts] == [paths[2]]


def test_a_plan_loads_neither_spacy_nor_the_rules_nor_jinja(tmp_path: Path) -> None:
    """`followup plan` over plainly addressed letters, in a fresh interpreter: the modules
    that make lint and draft slow to start are never imported (the start-up is most of a
    plan's time)."""
    import os
    import subprocess
    import sys

    folder = app(tmp_path)
    letter(folder, "ty-nick.md", "thank-you", "Nick Claus", "2026-11-20T16:00")
    (folder / "ty-siobhan.eml").write_text(
        "From: Jordan Lee <jordan@example.org>\nTo: Siobhán O'Brien <siobhan@acme.example>\n"
        "Date: Fri, 20 Nov 2026 17:00:00 +0000\nSubject: Thank you\n\nDear Siobhán,\n\n"
        f"{BODY['thank-you']}\n\nBest regards,\nJordan Lee\n", encoding="utf-8")
    script = ("import sys\nfrom followup.cli import main\n"
              "try:\n    main(['plan', '--today', '2026-11-25', sys.argv[1]])\n"
              "except SystemExit:\n    pass\n"
              "print('MODULES', ' '.join(sorted(sys.modules)))\n")
    for run in ("cold", "warm"):
        done = subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True,
                              text=True, check=False, env=os.environ.copy(), timeout=120)
        assert "thank-you to Nick Claus" in done.stdout, (run, done.stdout, done.stderr)
        modules = done.stdout.split("MODULES ", 1)[1].split()
        loaded = [m for m in modules if m.split(".")[0] in ("spacy", "jinja2", "rapidfuzz")
                  or m.startswith(("followup.rules", "followup.draft", "followup.linter"))]
        assert loaded == [], (run, loaded)


def test_the_plan_and_the_drafts_agree_on_who_recruits() -> None:
    """The plan names the recruiter a status inquiry goes to by `Record.recruiters` (no
    Jinja loaded); the drafts address it by `draft.recruiters`: the same people."""
    from followup.draft import recruiters

    titles = ["Recruiter", "Senior Talent Partner", "HR", "Human Resources Manager",
              "Hiring Manager", "People Partner", "Staffing Lead", "Director", "Chair",
              "hr business partner", "Shrink Analyst"]
    people = "\n".join(f"  - name: Person {i}\n    title: {t}" for i, t in enumerate(titles))
    record = parse_record("company: Acme\nposition: Analyst\ninterview_date: 2026-11-20\n"
                          f"interviewers:\n{people}\ncontacts:\n  - name: Pat Doe\n"
                          "    relationship: talent acquisition\n", Path("interview.yaml"))
    assert record.recruiters == recruiters(record)
    assert [p.name for p in record.recruiters] == [
        "Pat Doe", "Person 0", "Person 1", "Person 2", "Person 3", "Person 4", "Person 5",
        "Person 6", "Person 9"]


def test_the_letter_cache_is_trusted_only_for_unchanged_files_and_code(
        tmp_path: Path, _plan_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second run reads no letter and plans the same; an edited letter is read again;
    a cache written by other code (another version, an edited checkout) is ignored."""
    import json

    from followup import lettercache

    folder = app(tmp_path)
    letter(folder, "ty-nick.md", "thank-you", "Nick Claus", "2026-11-20T16:00")
    first = summary(plan_of(tmp_path, date(2026, 11, 20)))
    assert _plan_cache.is_file()
    reads: list[str] = []
    real = lettercache.read_letter

    def counted(path: str, data: bytes | None = None) -> object:
        reads.append(Path(path).name)
        return real(path, data)

    monkeypatch.setattr("followup.plan.read_letter", counted)
    assert summary(plan_of(tmp_path, date(2026, 11, 20))) == first and reads == []
    letter(folder, "ty-nick.md", "thank-you", "Nick Claus", "2026-11-23")  # (a new size)
    assert find(plan_of(tmp_path, date(2026, 11, 23)), "thank-you", "Nick Claus").late
    assert reads == ["ty-nick.md"]
    data = json.loads(_plan_cache.read_text(encoding="utf-8"))
    data["code"] = [["plan.py", 0, 0]]
    _plan_cache.write_text(json.dumps(data), encoding="utf-8")
    reads.clear()
    assert find(plan_of(tmp_path, date(2026, 11, 23)), "thank-you", "Nick Claus").late
    assert reads == ["ty-nick.md"]
