"""`followup plan` through Click and as a real process: text, JSON, --ics, exit status."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from followup.cli import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "applications"


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    target = tmp_path / "applications"
    shutil.copytree(EXAMPLES, target)
    return target


@pytest.fixture(autouse=True)
def _plan_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                ) -> Path:
    """Each test its own letter cache (never the user's)."""
    path = tmp_path_factory.mktemp("plan-cache") / "letters.json"
    monkeypatch.setenv("FOLLOWUP_PLAN_CACHE", str(path))
    return path


def plan(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["plan", *args])
    return result.exit_code, result.stdout, result.stderr


def test_text_lists_overdue_and_due_first_by_application(tree: Path) -> None:
    code, out, err = plan("--today", "2026-11-25", str(tree))
    assert code == 1 and err == ""
    head, rest = out.split("\nUpcoming\n")
    assert head.startswith("Overdue and due\n")
    assert "overdue  Wed 18 Nov 14:00 thank-you to Kwame Mensah-Bonsu" in head
    assert "overdue  Sat 21 Nov 10:00 thank-you to Siobhán O'Brien" in head
    assert "due      Wed 25 Nov       second status-inquiry to José Núñez" in head
    assert 'followup draft thank-you-email --record ' in head and '--to "Kwame Mensah-Bonsu"' \
        in head
    assert "Done\n" in rest and "thank-you to Nick Claus — sent Fri 20 Nov:" in rest
    assert out.rstrip().endswith("2 overdue, 1 due, 2 upcoming, 4 done across 3 applications "
                                 "(today is Wed 25 Nov 2026).")
    assert "\x1b[" not in out  # no colour off a terminal


def test_colour_when_asked(tree: Path) -> None:
    _, out, _ = plan("--today", "2026-11-25", "--color", str(tree))
    assert "\x1b[31m" in out  # overdue in red


def test_json(tree: Path) -> None:
    code, out, _ = plan("--today", "2026-11-25", "--format", "json", str(tree))
    assert code == 1
    actions = json.loads(out)["actions"]
    assert all(set(a) == {"record", "company", "position", "action", "to", "due", "state",
                          "template", "letter"} for a in actions)
    kwame = next(a for a in actions if a["to"] == "Kwame Mensah-Bonsu")
    assert kwame == {
        "record": kwame["record"], "company": "Globex Corporation",
        "position": "Supply Chain Analyst", "action": "thank-you", "to": "Kwame Mensah-Bonsu",
        "due": "2026-11-18T14:00", "state": "overdue", "template": "thank-you-email",
        "letter": None,  # the .eml is an unsent draft (X-Unsent)
    }
    assert kwame["record"].endswith("globex-supply-chain-analyst/interview.yaml")
    nick = next(a for a in actions if a["to"] == "Nick Claus")
    assert nick["state"] == "done" and nick["letter"].endswith("thank-you-nick-claus.md")


@pytest.mark.parametrize(("today", "fail_on", "code"), [
    ("2026-11-25", "overdue", 1), ("2026-11-25", "never", 0),
    ("2026-11-20", "overdue", 1),
])
def test_fail_on(tree: Path, today: str, fail_on: str, code: int) -> None:
    assert plan("--today", today, "--fail-on", fail_on, str(tree))[0] == code


def test_fail_on_due(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "interview.yaml").write_text(
        "company: Acme\nposition: Analyst\ninterview_date: 2026-11-20T10:00\n"
        "interviewers: [Nick Claus]\n", encoding="utf-8")
    assert plan("--today", "2026-11-20", str(tmp_path))[0] == 0
    assert plan("--today", "2026-11-20", "--fail-on", "due", str(tmp_path))[0] == 1


def test_ics_parses_back_with_stable_uids(tree: Path, tmp_path: Path) -> None:
    ics = tmp_path / "plan.ics"
    code, _, _ = plan("--today", "2026-11-25", "--ics", str(ics), str(tree))
    assert code == 1
    calendar = Calendar.from_ical(ics.read_bytes())
    assert str(calendar["version"]) == "2.0" and "followup" in str(calendar["prodid"])
    todos = list(calendar.walk("VTODO"))
    assert len(todos) == 5  # the open actions only: 2 overdue, 1 due, 2 upcoming
    kwame = next(t for t in todos if "Kwame" in str(t["summary"]))
    assert kwame.decoded("due").isoformat() == "2026-11-18T14:00:00"
    assert str(kwame["status"]) == "NEEDS-ACTION" and int(kwame["priority"]) == 1
    [alarm] = kwame.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY" and alarm["trigger"].params["RELATED"] == "END"
    dated = next(t for t in todos if "Priya" in str(t["summary"]))
    assert dated.decoded("due") == date(2026, 12, 3)
    first = {str(t["uid"]) for t in todos}
    # a later run: the same to-dos keep their UIDs; a done one drops out
    plan("--today", "2026-11-26", "--ics", str(ics), str(tree))
    again = {str(t["uid"]) for t in Calendar.from_ical(ics.read_bytes()).walk("VTODO")}
    assert again <= first and len(first) == len(todos)
    assert not list(tmp_path.glob(".plan.ics.*"))  # written atomically, no leftovers


def test_bad_input_is_one_line_and_exit_2(tree: Path) -> None:
    (tree / "initech-operations-coordinator" / "interview.yaml").write_text(
        "company: Initech\nposition: Ops\ninterview_date: Nov 2\ninterviewers: [Anna]\n",
        encoding="utf-8")
    code, out, err = plan("--today", "2026-11-25", str(tree))
    assert code == 2
    [line] = err.splitlines()
    assert line.startswith("followup: error: ") and "interview.yaml:3:17: interview_date:" in line
    assert "Globex Corporation" in out  # the others are still planned
    code, _, err = plan("--today", "Nov 25", str(tree))
    assert code == 2 and "is not a date" in err
    code, _, err = plan("--today", "2026-11-25", str(tree / "nowhere"))
    assert code == 2 and "no such file or folder" in err
    letter = tree / "acme-packaging-manager" / "thank-you-nick-claus.md"
    code, _, err = plan("--today", "2026-11-25", str(letter))
    assert code == 2 and "not a record: name a folder" in err
    record = tree / "acme-packaging-manager" / "interview.yaml"
    code, out, _ = plan("--today", "2026-11-25", "--format", "json", str(record))
    assert code == 1 and {a["company"] for a in json.loads(out)["actions"]} == {
        "Acme Corporation"}


def test_a_malformed_sent_date_is_reported(tree: Path) -> None:
    path = tree / "acme-packaging-manager" / "thank-you-nick-claus.md"
    path.write_text(path.read_text(encoding="utf-8").replace("sent: 2026-11-20", "sent: soon"),
                    encoding="utf-8")
    code, _, err = plan("--today", "2026-11-25", str(tree))
    assert code == 2 and "thank-you-nick-claus.md:5: front matter: sent: 'soon' is not a date" \
        in err


def test_real_process_default_path(tree: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "followup", "plan", "--today", "2026-11-25",
                           "--format", "json"], cwd=tree, capture_output=True, text=True,
                          check=False,
                          env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin",
                               "FOLLOWUP_PLAN_CACHE": os.environ["FOLLOWUP_PLAN_CACHE"]})
    assert done.returncode == 1, done.stderr
    records = {a["record"] for a in json.loads(done.stdout)["actions"]}
    assert "acme-packaging-manager/interview.yaml" in records


# --- followup draft --next -------------------------------------------------------------------

PROFILE = REPO / "examples" / "profile.yaml"


def draft(cwd: Path, *args: str) -> tuple[int, str, str]:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, ["draft", *args, "--profile", str(PROFILE)])
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def test_draft_next_drafts_the_most_urgent_action(tree: Path) -> None:
    acme = tree / "acme-packaging-manager"
    code, out, err = draft(acme, "--next", "--date", "2026-11-21")
    assert code == 0, err
    assert out == "thank-you-siobhan-obrien.md\n"
    text = (acme / "thank-you-siobhan-obrien.md").read_text(encoding="utf-8")
    assert "to: Siobhán O'Brien" in text and "kind: thank-you" in text
    assert "sent:" not in text  # a draft: the plan still lists it until it is sent
    code, out, _ = plan("--today", "2026-11-21", "--format", "json", str(tree))
    siobhan = next(a for a in json.loads(out)["actions"] if a["to"] == "Siobhán O'Brien")
    assert siobhan["state"] == "due" and siobhan["letter"] is None


def test_draft_next_all_drafts_every_pressing_action(tree: Path) -> None:
    globex = tree / "globex-supply-chain-analyst"
    (globex / "interview.yaml").write_text(
        (globex / "interview.yaml").read_text(encoding="utf-8")
        + "documents_requested: [my portfolio, a writing sample]\n", encoding="utf-8")
    code, out, err = draft(globex, "--next", "--all", "--date", "2026-11-19")
    assert code == 0, err
    assert out.splitlines() == ["thank-you-kwame-mensah-bonsu.md", "documents-renee-laurent.md"]
    # again: the drafts exist, nothing is overwritten
    code, _, err = draft(globex, "--next", "--all", "--date", "2026-11-19")
    assert code == 2 and "already exists; use --force" in err


def test_draft_next_refuses_a_template_and_reports_nothing_left(tree: Path) -> None:
    initech = tree / "initech-operations-coordinator"
    code, _, err = draft(initech, "--next", "status-inquiry")
    assert code == 2 and "--next chooses the template" in err
    (initech / "interview.yaml").write_text(
        (initech / "interview.yaml").read_text(encoding="utf-8")
        + "outcome: withdrawn\noutcome_date: 2026-11-20\n", encoding="utf-8")
    code, _, err = draft(initech, "--next", "--date", "2026-11-25")
    assert code == 2 and "nothing left to send" in err
    code, _, err = draft(initech)
    assert code == 2 and "name a TEMPLATE" in err
