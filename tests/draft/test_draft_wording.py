"""Wording that reads as a person wrote it, whatever the record holds: topics and
strengths of any shape, dates inside sentences, a panel that compares notes, and what the
letter says about a decision date or an outcome as they stand on the letter's date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from followup.commands.draft import draft_command
from followup.draft.environment import deal
from followup.draft.phrasing import indefinite, strength, topic
from followup.records import Contact

from draft_helpers import read_letter, sentences


@pytest.mark.parametrize(("typed", "written"), [
    ("on-call rotation", "the on-call rotation"),  # a bare singular noun phrase
    ("firmware update pipeline", "the firmware update pipeline"),
    ("behaviour policy", "the behaviour policy"),
    ("mentoring programme", "the mentoring programme"),  # -ing naming a kind of thing
    ("the move to Rust for new drivers", "the move to Rust for new drivers"),
    ("a dashboard the drivers use", "a dashboard the drivers use"),
    ("sonar signal processing", "sonar signal processing"),  # a mass head
    ("battery life on deep-sea sensors", "battery life on deep-sea sensors"),
    ("phonics interventions", "phonics interventions"),  # a plural head
    ("reducing wait times at intake", "reducing wait times at intake"),  # a verb first
    ("how submissions are triaged", "how submissions are triaged"),  # a clause
    ("Rust", "Rust"),  # a name
])
def test_a_topic_gets_an_article_only_when_it_needs_one(typed: str, written: str) -> None:
    assert topic(typed) == written


@pytest.mark.parametrize(("typed", "written"), [
    ("five years of planning peak-season warehouse shifts",
     "my five years of planning peak-season warehouse shifts"),
    ("a record of training seasonal staff quickly", "my record of training seasonal staff quickly"),
    ("hands-on experience cutting packaging waste",
     "my hands-on experience cutting packaging waste"),
    ("training seasonal staff quickly", "my experience in training seasonal staff quickly"),
    ("marketing background", "my marketing background"),
    ("my Python tooling", "my Python tooling"),
])
def test_a_strength_is_said_as_the_candidates_own(typed: str, written: str) -> None:
    assert strength(typed) == written


@pytest.mark.parametrize(("position", "written"), [
    ("UX Researcher", "a UX Researcher"), ("HR Partner", "an HR Partner"),
    ("Operations Lead", "an Operations Lead"), ("User Researcher", "a User Researcher"),
    ("Undergraduate Tutor", "an Undergraduate Tutor"), ("Data Analyst", "a Data Analyst"),
])
def test_the_article_goes_by_sound(position: str, written: str) -> None:
    assert indefinite(position) == written


def test_a_name_keeps_its_irish_particles_and_drops_a_quoted_nickname() -> None:
    head = Contact("Siobhán Nic Giolla Phádraig", "interviewer", honorific="Mrs.")
    assert head.greeting_name == "Mrs. Nic Giolla Phádraig"
    bob = Contact('Robert "Bob" Fischer', "interviewer")
    assert bob.greeting_name == "Robert Fischer" and bob.last_name == "Fischer"


def _six(app: Path, strengths: int | None = None) -> Path:
    path = app / "five" / "interview.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["interviewers"].append({"name": "Lena Fischer", "honorific": "Ms.",
                                 "topics": ["how you onboard new analysts"]})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _bodies(runner: CliRunner, template: str, record: Path, out: Path, when: str,
            *extra: str) -> dict[str, str]:
    result = runner.invoke(draft_command, [template, "--record", str(record), "--out",
                                           str(out), "--date", when, *extra])
    assert result.exit_code == 0, result.output
    return {p.name: read_letter(p.read_text("utf-8")).body for p in sorted(out.iterdir())}


def test_each_strength_goes_to_one_panel_member_only(app, runner) -> None:
    profile = yaml.safe_load((app / "profile.yaml").read_text("utf-8"))
    strengths = profile["strengths"]
    assert 1 < len(strengths) < 6
    bodies = _bodies(runner, "thank-you-email", _six(app), app / "out", "2026-11-20", "--all")
    assert len(bodies) == 6
    told = [s for s in strengths for body in bodies.values() if s.split(" ", 1)[1] in body]
    assert sorted(told) == sorted(strengths), told  # each once, none twice


def test_parts_are_chosen_independently_across_interviews(app, runner) -> None:
    """Two interviews with the same panel do not pair each opening with the same close."""
    record = _six(app)
    first = _bodies(runner, "thank-you-email", record, app / "a", "2026-11-20", "--all")
    moved = record.read_text("utf-8").replace("Acme Corporation", "Initech Systems")
    record.write_text(moved, "utf-8")
    second = _bodies(runner, "thank-you-email", record, app / "b", "2026-11-20", "--all")

    def pairs(bodies: dict[str, str]) -> set[tuple[str, str]]:
        out = set()
        for body in bodies.values():
            paragraphs = body.replace("Acme Corporation", "X").replace(
                "Initech Systems", "X").split("\n\n")
            out.add((sentences(paragraphs[0])[0], paragraphs[-1]))
        return out

    assert pairs(first) != pairs(second)


def test_the_printed_letter_is_not_the_email_word_for_word(app, runner) -> None:
    record = _six(app)
    emails = _bodies(runner, "thank-you-email", record, app / "mail", "2026-11-21", "--all")
    letters = _bodies(runner, "thank-you-letter", record, app / "paper", "2026-11-21",
                      "--all")
    for name, body in emails.items():
        letter = letters[name.replace("thank-you-", "thank-you-letter-")]
        assert body.split("\n\n")[1:] != letter.split("\n\n")[1:], name


def test_a_date_inside_a_sentence_has_its_closing_comma(app, runner) -> None:
    bodies = _bodies(runner, "thank-you-letter", _six(app), app / "out", "2026-11-24",
                     "--all")
    for body in bodies.values():
        opening = body.split("\n\n")[0]
        assert "Friday, November 20" in opening
        assert re.search(r"Friday, November 20[,.]", opening), opening


def test_a_same_day_note_does_not_speak_of_time_passing(app, runner) -> None:
    same = _bodies(runner, "thank-you-email", _six(app), app / "out", "2026-11-20", "--all")
    for body in same.values():
        assert not re.search(r"since we (spoke|met)|afterwards|ever since", body), body


def test_a_passed_decision_date_is_told_as_passed(app, runner) -> None:
    record = app / "five" / "interview.yaml"  # decision by 2026-12-01
    before = _bodies(runner, "reference-heads-up", record, app / "a", "2026-11-20", "--all")
    after = _bodies(runner, "reference-heads-up", record, app / "b", "2026-12-04", "--all")
    assert all("expects to decide by December 1." in b for b in before.values())
    for body in after.values():
        assert "expects to decide" not in body and "hoped to decide by December 1" in body
        assert "again" not in body  # the first thanks of the note


def test_a_thank_you_after_a_rejection_carries_a_note(app, runner) -> None:
    record = app / "one" / "interview.yaml"
    record.write_text(record.read_text("utf-8") + "outcome: rejected\noutcome_date: "
                      "2026-11-25\n", "utf-8")
    result = runner.invoke(draft_command, ["thank-you-email", "--record", str(record),
                                           "--date", "2026-11-26"])
    assert result.exit_code == 0, result.output
    assert "outcome is 'rejected' on November 25, 2026" in result.output
    assert "rejection-reply" in result.output


def test_dealing_gives_each_item_once_and_a_matching_one_to_who_discussed_it() -> None:
    items = ["five years of planning shifts", "a record of training staff", "cost cutting"]
    for offset in range(7):
        dealt = deal(items, 6, offset, [])
        assert sorted(i for i in dealt if i) == sorted(items) and dealt.count(None) == 3
        wanted = [["the conveyor line"], [], ["route planning"], [], [], ["staff training"]]
        matched = deal(items, 6, offset, wanted)
        assert matched[2] == items[0] and matched[5] == items[1], (offset, matched)
        assert sorted(i for i in matched if i) == sorted(items)
    assert deal(items, 2, 1, [[], []]) == deal(items, 2, 1, [])  # nobody matches: in turn


def test_a_strength_goes_to_the_interviewer_whose_topic_it_shares(app, runner) -> None:
    bodies = _bodies(runner, "thank-you-email", _six(app), app / "out", "2026-11-20", "--all")
    anna = bodies["thank-you-anna-van-der-berg.md"]  # safety training for seasonal staff
    assert "training seasonal staff quickly" in anna, anna
