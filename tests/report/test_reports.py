"""Reports a coach can read (issue 12): cut excerpts, per-application summaries, SARIF
fixes and fingerprints, validated against the official SARIF 2.1.0 schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from followup.commands.inspect import describe
from followup.report.text import _excerpt

from helpers import REPO

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text())
APPLICATIONS = REPO / "examples" / "applications"
GLOBEX = "globex-supply-chain-analyst"


def valid_sarif(text: str) -> dict:
    log = json.loads(text)
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(log)
    return log


@pytest.fixture
def tree(tmp_path: Path, lint_cli, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three applications; the Globex notes are one long line per paragraph, the same note
    twice (C006 on a paragraph's first line) and one names Acme (N005)."""
    shutil.copytree(APPLICATIONS, tmp_path / "applications")
    monkeypatch.chdir(tmp_path / "applications")
    return tmp_path / "applications"


def test_long_span_is_cut_at_100_columns(tree, lint_cli):
    result = lint_cli("--today", "2026-11-18", ".")
    lines = result.stdout.splitlines()
    c006 = next(i for i, line in enumerate(lines) if " C006 duplicate-note " in line)
    source, carets = lines[c006 + 1], lines[c006 + 2]
    assert source[4:].startswith(" | Thank you for taking the time")
    assert source.endswith("…") and carets.strip() == "^" * 100
    assert len(carets) - len(carets.lstrip()) == len("   9 | ")  # under the gutter's end
    for line in lines:
        if line.startswith("      ") or " | " in line[:8]:
            assert len(line) <= 120, line


def test_excerpt_cuts_both_sides_of_a_far_span():
    source = "x" * 150 + " Acme Corporation " + "y" * 150
    shown, carets = _excerpt(source, 152, 168)
    assert len(shown) <= 113 and shown.startswith("…") and shown.endswith("…")
    start = carets.index("^")
    assert shown[start:start + 16] == "Acme Corporation" and carets.count("^") == 16
    short = "Dear Nick,"
    assert _excerpt(short, 1, 5) == (short, "^^^^")


def test_summary_line_per_application_before_the_totals(tree, lint_cli):
    (tree / "loose.txt").write_text("Dear Nick,\n\nThanks :)\n\nBest,\nJordan\n")
    lines = lint_cli("--today", "2026-11-18", ".").stdout.splitlines()
    assert lines[-5:-1] == [
        "Acme Corporation — Part-time Packaging Manager: 1 letter, 0 errors, 0 warnings",
        "Globex Corporation — Supply Chain Analyst: 2 letters, 1 error, 1 warning",
        "Initech — Operations Coordinator: 2 letters, 0 errors, 0 warnings",
        "Letters with no record: 1 letter, 1 error, 0 warnings",
    ]
    assert lines[-1].startswith("Found ") and lines[-1].endswith("6 letters checked.")


def test_one_application_keeps_the_old_summary(tree, lint_cli):
    lines = lint_cli("--today", "2026-11-18", "initech-operations-coordinator").stdout \
        .splitlines()
    assert lines == ["All good: 2 letters checked, no problems found."]


def test_json_summary_applications(tree, lint_cli):
    summary = json.loads(lint_cli("--today", "2026-11-18", "--format", "json", ".").stdout)[
        "summary"]
    assert summary["files"] == 5
    assert summary["applications"][1] == {
        "record": f"{GLOBEX}/interview.yaml", "company": "Globex Corporation",
        "position": "Supply Chain Analyst", "letters": 2, "errors": 1, "warnings": 1,
        "infos": 0}
    assert sum(a["letters"] for a in summary["applications"]) == 5


def test_sarif_fixes_and_fingerprints_validate(tree, lint_cli):
    log = valid_sarif(lint_cli("--today", "2026-11-18", "--format", "sarif", ".").stdout)
    results = log["runs"][0]["results"]
    n005 = next(r for r in results if r["ruleId"] == "N005")
    (fix,) = n005["fixes"]
    (change,) = fix["artifactChanges"]
    (replacement,) = change["replacements"]
    assert change["artifactLocation"]["uri"] == f"{GLOBEX}/thank-you-kwame-mensah-bonsu.eml"
    assert replacement["deletedRegion"] == n005["locations"][0]["physicalLocation"]["region"]
    assert replacement["insertedContent"] == {"text": "Globex"}
    # the fix, applied to the file on disk, puts the suggestion where the finding was
    region = replacement["deletedRegion"]
    lines = (tree / change["artifactLocation"]["uri"]).read_text().splitlines()
    line = lines[region["startLine"] - 1]
    assert line[region["startColumn"] - 1: region["endColumn"] - 1] == "Acme"
    assert all(r["partialFingerprints"] for r in results)
    prints = [next(iter(r["partialFingerprints"].values())) for r in results]
    assert len(set(prints)) == len(prints)


def test_fingerprints_stable_under_edits_elsewhere(write, lint_cli):
    letter = "Dear Nick,\n\nThanks for the chat :) yesterday.\n\nGonna call you.\n\nBest,\nJordan\n"
    write("note.txt", letter)

    def prints() -> dict[str, str]:
        log = valid_sarif(lint_cli("--select", "T001,T002", "--format", "sarif",
                                   "note.txt").stdout)
        return {r["ruleId"]: r["partialFingerprints"]["followupSpan/v1"]
                for r in log["runs"][0]["results"]}

    before = prints()
    assert set(before) == {"T001", "T002"}
    write("note.txt", letter.replace("Dear Nick,\n\n", "Dear Nick,\n\nI enjoyed the tour.\n\n")
          .replace("Gonna call you.", "Gonna call you soon. Really."))
    after = prints()
    assert after["T002"] == before["T002"]  # its sentence did not change, its line did
    assert after["T001"] != before["T001"]  # its own sentence changed


def test_a_letter_read_as_a_general_letter_is_named_in_the_summary(lint_cli, write):
    """A thank-you check that did not run must not hide behind "All good"."""
    write("note.txt", "Dear Ms. Okafor,\n\nI regret how rushed our talk felt on Monday; the "
          "warehouse tour was the best part.\n\nBest regards,\nSam Lee\n")
    write("marked.md", "---\nkind: other\n---\nDear Ms. Okafor,\n\nHere is the form you asked "
          "for.\n\nBest regards,\nSam Lee\n")
    lines = lint_cli("note.txt", "marked.md", "--select", "C001").stdout.splitlines()
    assert lines[0].startswith("Read as a general letter (")
    assert lines[0].endswith("did not run: note.txt; set `kind:` if that is wrong.")
    assert lines[-1] == "All good: 2 letters checked, no problems found."


def _three_kinds(write) -> None:  # type: ignore[no-untyped-def]
    """A letter read as general, one set to `kind: other`, one inferred a thank-you."""
    write("note.txt", "Dear Ms. Okafor,\n\nI regret how rushed our talk felt on Monday; the "
          "warehouse tour was the best part.\n\nBest regards,\nSam Lee\n")
    write("marked.md", "---\nkind: other\n---\nDear Ms. Okafor,\n\nHere is the form you asked "
          "for.\n\nBest regards,\nSam Lee\n")
    write("thanks.md", "Dear Ms. Okafor,\n\nIt was a pleasure meeting you on Monday.\n\n"
          "Best regards,\nSam Lee\n")


NOTE = ("Read as a general letter (no thanks, status question or reply to a decision in the "
        "opening), so the thank-you and status checks did not run: note.txt; set `kind:` if "
        "that is wrong.")


def test_json_names_each_letters_kind_as_inspect_does(lint_cli, write):
    """Silence is not safety in JSON either: each letter's kind and where it came from,
    with the names `followup inspect` uses; the old fields are all still there."""
    _three_kinds(write)
    report = json.loads(lint_cli("note.txt", "marked.md", "thanks.md", "--select", "C001",
                                 "--format", "json").stdout)
    assert {"version", "findings", "errors", "notices", "summary"} <= set(report)
    assert report["documents"] == [
        {"path": "note.txt", "kind": "other", "kind_source": "inferred", "kind_words": "",
         "read_as_general": True},
        {"path": "marked.md", "kind": "other", "kind_source": "front-matter",
         "kind_words": "kind: other", "read_as_general": False},
        {"path": "thanks.md", "kind": "thank-you", "kind_source": "inferred",
         "kind_words": "It was a pleasure meeting", "read_as_general": False},
    ]
    for entry in report["documents"]:  # the same names and values as `followup inspect`
        inspected = describe(entry["path"])
        assert {k: inspected[k] for k in ("kind", "kind_source", "kind_words")} == {
            k: entry[k] for k in ("kind", "kind_source", "kind_words")}


def test_sarif_artifacts_carry_the_kind_and_a_note_names_a_general_letter(lint_cli, write):
    _three_kinds(write)
    log = valid_sarif(lint_cli("note.txt", "marked.md", "thanks.md", "--select", "C001",
                               "--format", "sarif").stdout)
    run = log["runs"][0]
    kinds = {a["location"]["uri"]: a["properties"] for a in run["artifacts"]}
    assert kinds["note.txt"] == {"kind": "other", "kind_source": "inferred",
                                 "kind_words": "", "read_as_general": True}
    assert kinds["marked.md"]["kind_source"] == "front-matter"
    assert kinds["thanks.md"]["kind"] == "thank-you"
    (note,) = [n for n in run["invocations"][0]["toolExecutionNotifications"]
               if n["level"] == "note"]
    assert note["message"]["text"] == NOTE
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "note.txt"
    assert run["invocations"][0]["executionSuccessful"] is True


def test_github_notice_for_a_general_letter(lint_cli, write):
    _three_kinds(write)
    lines = lint_cli("note.txt", "marked.md", "thanks.md", "--select", "C001",
                     "--format", "github").stdout.splitlines()
    assert [line for line in lines if not line.startswith("::warning file=thanks.md,")] \
        == [f"::notice file=note.txt::{NOTE}"]  # marked.md: `kind: other`, nothing to say
