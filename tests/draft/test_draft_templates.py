"""Every bundled template: documented, and renders a brief, specific, varied letter."""

from __future__ import annotations

import difflib
import itertools
import json
import os
import re
from pathlib import Path

import pytest

from followup.commands.draft import draft_command, templates_command
from followup.draft import KINDS, read_header
from followup.resources import templates_dir

from draft_helpers import BUILTIN, SALUTATION, read_letter, sentences

CLICHES = ("i am writing to", "perfect fit", "hit the ground running", "team player",
           "think outside the box", "please do not hesitate", "at your earliest convenience",
           "to whom it may concern", "per our conversation", "touch base", "go-getter")
NEGATIVE = ("sorry", "apolog", "unfortunately", "bother", "pester", "asap", "i need this job",
            "i expect to hear", "gift", "flowers", "facebook", "friend request", "!")
PLACEHOLDER = re.compile(r"\[(?!TODO:)[^\]]*\]|\{\{|\}\}|<[A-Z][a-z]+>|XXX")


def test_every_builtin_template_has_a_documented_header() -> None:
    folder = templates_dir()
    for name in BUILTIN:
        path = folder / f"{name}.j2"
        header = read_header(path.read_text(encoding="utf-8"))
        assert header.get("description"), name
        assert header.get("kind") in KINDS, name
        assert header.get("required"), name
        assert header.get("blocks"), name
        assert header.get("to"), name


def test_templates_lists_builtins_with_description_kind_and_required(app, runner) -> None:
    result = runner.invoke(templates_command, [])
    assert result.exit_code == 0, result.output
    for name in BUILTIN:
        assert name in result.output
    assert "_macros" not in result.output
    assert "required: record.company" in result.output
    data = json.loads(runner.invoke(templates_command, ["--format", "json"]).output)
    by_name = {t["name"]: t for t in data["templates"]}
    assert set(BUILTIN) <= set(by_name)
    assert by_name["thank-you-email"]["kind"] == "thank-you"
    assert by_name["status-inquiry"]["kind"] == "status-inquiry"
    assert by_name["reference-heads-up"]["kind"] == "reference"
    assert by_name["rejection-reply"]["kind"] == "rejection-reply"
    assert all(t["source"] == "built-in" for t in by_name.values())
    one = runner.invoke(templates_command, ["thank-you-letter"])
    assert "blocks:" in one.output and "extends: builtin:thank-you-email" in one.output


def _draft_all(runner, record: str, template: str, out: Path, date: str) -> list[Path]:
    args = [template, "--record", f"{record}/interview.yaml", "--out", str(out), "--date", date]
    result = runner.invoke(draft_command, [*args, "--all"])
    if result.exit_code == 2 and "is written to one person" in result.output:
        result = runner.invoke(draft_command, args)
    assert result.exit_code == 0, result.output
    return [Path(line) if Path(line).is_absolute() else Path.cwd() / line
            for line in result.output.splitlines() if line.endswith(".md")]


@pytest.mark.parametrize("template", BUILTIN)
@pytest.mark.parametrize("record", ["five", "one", "no-topics"])
def test_builtin_letters_stay_within_the_rules(app, runner, template, record) -> None:
    paths = _draft_all(runner, record, template, app / "out" / record, "2026-11-20")
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        letter = read_letter(text)
        assert letter.front["kind"] in KINDS
        assert SALUTATION.match(letter.salutation), letter.salutation
        assert 1 <= len(letter.paragraphs) <= 3, text
        for paragraph in letter.paragraphs:
            assert len(paragraph.split()) <= 50, paragraph
            assert len(sentences(paragraph)) <= 3, paragraph
        assert letter.words <= 130, text
        assert letter.sign_off[1] == "Jordan Lee"
        lowered = letter.body.lower()
        for phrase in CLICHES + NEGATIVE:
            assert phrase not in lowered, (phrase, path.name)
        assert not PLACEHOLDER.search(text), text
        todos = re.findall(r"\[TODO:[^\]]*\]", text)
        if todos:
            assert record == "no-topics", text
            assert template in ("thank-you-email", "thank-you-letter", "reference-heads-up")
        if letter.front["kind"] == "thank-you":
            assert "thank" in lowered


@pytest.mark.parametrize("template", ["thank-you-email", "thank-you-letter"])
def test_per_interviewer_drafts_differ_and_mention_their_own_topics(app, runner, template):
    paths = _draft_all(runner, "five", template, app / "out", "2026-11-20")
    assert len(paths) == 5
    texts = {p: p.read_text(encoding="utf-8") for p in paths}
    bodies = {p: read_letter(t).body for p, t in texts.items()}
    for a, b in itertools.combinations(paths, 2):
        ratio = difflib.SequenceMatcher(None, texts[a], texts[b]).ratio()
        assert ratio < 0.8, (a.name, b.name, ratio)
        body_ratio = difflib.SequenceMatcher(None, bodies[a], bodies[b]).ratio()
        assert body_ratio < 0.7, (a.name, b.name, body_ratio)
    from followup.records import load_record

    record = load_record(app / "five" / "interview.yaml")
    for person in record.interviewers:
        path = next(p for p in paths if read_letter(texts[p]).front["to"] == person.name)
        assert person.topics[0] in bodies[path]
        others = [t for q in record.interviewers if q is not person for t in q.topics]
        assert not any(t in bodies[path] for t in others)


def test_salutation_uses_honorific_and_family_name_or_full_name(app, runner) -> None:
    paths = _draft_all(runner, "five", "thank-you-email", app / "out", "2026-11-20")
    greetings = {read_letter(p.read_text("utf-8")).salutation for p in paths}
    # honorific + family name when recorded, else the full name (particles and hyphens kept)
    assert greetings == {"Dear Mr. Claus,", "Dear José Núñez,", "Dear Dr. O'Brien,",
                         "Dear Anna van der Berg,", "Dear Martha Okonkwo-Reyes,"}


def test_no_topics_leave_a_marked_slot_naming_the_interviewer(app, runner) -> None:
    paths = _draft_all(runner, "no-topics", "thank-you-email", app / "out", "2026-11-19")
    texts = sorted(p.read_text("utf-8") for p in paths)
    assert any("[TODO: mention something specific you discussed with Hope Grant]" in t
               for t in texts)
    assert any("[TODO: mention something specific you discussed with Will Rich]" in t
               for t in texts)


def test_printed_letter_has_sender_date_and_address_block(app, runner) -> None:
    result = runner.invoke(draft_command, ["thank-you-letter", "--record",
                                           "five/interview.yaml", "--to", "Nick Claus",
                                           "--date", "2026-11-20", "--format", "txt"])
    assert result.exit_code == 0, result.output
    text = (app / "five" / "thank-you-letter-nick-claus.txt").read_text("utf-8")
    head = text.split("Dear ")[0]
    assert head.startswith("Jordan Lee\n12 Harbour Street\nSpringfield, IL 62704\n")
    assert "\nNovember 20, 2026\n" in head
    assert "Nick Claus\nOperations Director\nAcme Corporation\n1 Industrial Way\n" in head
    assert "Subject:" not in text
    assert text.rstrip().endswith("Sincerely,\n\n\n\n\nJordan Lee")  # room to sign


def test_printed_letter_without_an_address_names_person_title_and_company(app, runner) -> None:
    result = runner.invoke(draft_command, ["thank-you-letter", "--record",
                                           "one/interview.yaml", "--date", "2026-11-18",
                                           "--format", "txt"])
    assert result.exit_code == 0, result.output
    text = (app / "one" / "thank-you-letter-catherine-smyth.txt").read_text("utf-8")
    head = text.split("Dear ")[0]
    assert "Catherine Smyth\nHead of Logistics\nNorthwind Traders\n" in head
    assert "November 18, 2026" in head


def test_relative_day_of_the_interview(app, runner) -> None:
    runner.invoke(draft_command, ["thank-you-email", "--record", "one/interview.yaml",
                                  "--date", "2026-11-18"])
    same_day = (app / "one" / "thank-you-catherine-smyth.md").read_text("utf-8")
    assert re.search(r"\btoday\b", same_day), same_day
    runner.invoke(draft_command, ["thank-you-email", "--record", "one/interview.yaml",
                                  "--date", "2026-11-19", "--force"])
    next_day = (app / "one" / "thank-you-catherine-smyth.md").read_text("utf-8")
    assert re.search(r"\byesterday\b", next_day), next_day


def test_status_inquiry_asks_about_delay_and_needs(app, runner) -> None:
    result = runner.invoke(draft_command, ["status-inquiry", "--record", "one/interview.yaml",
                                           "--date", "2026-11-27"])
    assert result.exit_code == 0, result.output
    body = read_letter((app / "one" / "status-inquiry-catherine-smyth.md").read_text()).body
    # the promised date has passed: ask for news, never whether it "still holds"
    assert re.search(r"updated timeline|any news", body) and "anything further" in body
    assert "still holds" not in body and "still the plan" not in body
    # a date in the letter's own year is written without the year
    assert "November 25" in body and "2026" not in body and "November 18" in body
    early = runner.invoke(draft_command, ["status-inquiry", "--record", "one/interview.yaml",
                                          "--date", "2026-11-20", "--force"])
    assert "best sent after" in early.output  # a note, not an error
    body = read_letter((app / "one" / "status-inquiry-catherine-smyth.md").read_text()).body
    assert re.search(r"still holds|still the plan", body), body
    assert early.exit_code == 0


def test_reference_heads_up_tells_company_position_and_focus(app, runner) -> None:
    result = runner.invoke(draft_command, ["reference-heads-up", "--record",
                                           "five/interview.yaml", "--all",
                                           "--date", "2026-11-20"])
    assert result.exit_code == 0, result.output
    for slug in ("dana-whitfield", "tomas-o-briain"):
        body = read_letter((app / "five" / f"reference-heads-up-{slug}.md").read_text()).body
        assert "Acme Corporation" in body and "Part-time Packaging Manager" in body
        assert "holiday volume planning" in body
        assert "a panel of five" in body


def test_rejection_reply_leaves_the_door_open(app, runner) -> None:
    runner.invoke(draft_command, ["rejection-reply", "--record", "one/interview.yaml"])
    body = read_letter((app / "one" / "rejection-reply-catherine-smyth.md").read_text()).body
    assert body.startswith("Thank you")
    assert "future openings" in body


def test_additional_documents_lists_or_promises_them(app, runner) -> None:
    runner.invoke(draft_command, ["additional-documents", "--record", "five/interview.yaml",
                                  "--to", "Nick Claus"])
    body = read_letter((app / "five" / "documents-nick-claus.md").read_text()).body
    assert "I have attached my packaging cost analysis and two work samples." in body
    record = app / "five" / "interview.yaml"
    record.write_text(record.read_text() + "extra:\n  documents_by: 2026-11-27\n")
    runner.invoke(draft_command, ["additional-documents", "--record", str(record), "--force",
                                  "--to", "Nick Claus"])
    body = read_letter((app / "five" / "documents-nick-claus.md").read_text()).body
    assert "will send them by Friday, November 27." in body


def test_networking_update_goes_to_the_contact(app, runner) -> None:
    result = runner.invoke(draft_command, ["networking-update", "--record",
                                           "one/interview.yaml"])
    assert result.exit_code == 0, result.output
    letter = read_letter((app / "one" / "networking-update-omar-haddad.md").read_text())
    assert letter.salutation == "Dear Omar Haddad,"
    assert "Catherine Smyth" in letter.body and "cross-docking" in letter.body


def test_status_inquiry_and_rejection_reply_go_to_the_recruiter_first(app, runner) -> None:
    # Martha Okonkwo-Reyes is the HR Business Partner among the five interviewers
    result = runner.invoke(draft_command, ["status-inquiry", "--record", "five/interview.yaml",
                                           "--date", "2026-12-03"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == os.path.join("five", "status-inquiry-martha-okonkwo-reyes.md")
    record = app / "one" / "interview.yaml"
    record.write_text(record.read_text().replace("relationship: referred me",
                                                 "title: Talent Partner"), encoding="utf-8")
    result = runner.invoke(draft_command, ["rejection-reply", "--record", str(record)])
    assert result.exit_code == 0, result.output
    letter = read_letter((app / "one" / "rejection-reply-omar-haddad.md").read_text())
    assert "meet the team" in letter.body  # Omar was not in the interview
    inquiry = runner.invoke(draft_command, ["status-inquiry", "--record", str(record),
                                            "--date", "2026-11-27"])
    assert inquiry.exit_code == 0, inquiry.output
    body = read_letter((app / "one" / "status-inquiry-omar-haddad.md").read_text()).body
    assert "meeting with me" not in body and "on November 18" in body
    assert "You mentioned" not in body  # Omar was not on the panel: he said nothing of it
