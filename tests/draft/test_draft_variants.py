"""The built-in templates read like a person wrote each note: a panel of six gets six
different openings and no near-duplicate pair (C006, the real linter), every draft names
the company once, thanks once in the body, never repeats the position within two
sentences, and the printed letter is written for paper."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from followup.cli import main
from followup.commands.draft import draft_command

from draft_helpers import BUILTIN, read_letter, sentences

SIXTH = {"name": "Lena Fischer", "honorific": "Ms.", "email": "lena.fischer@acme.example",
         "title": "Planning Analyst", "topics": ["how you onboard new analysts"]}


def _six(app: Path) -> Path:
    """The five-interviewer record with a sixth interviewer added."""
    path = app / "five" / "interview.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["interviewers"].append(SIXTH)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _draft(runner: CliRunner, template: str, record: Path, out: Path, when: str,
           *extra: str) -> list[Path]:
    args = [template, "--record", str(record), "--out", str(out), "--date", when, *extra]
    result = runner.invoke(draft_command, [*args, "--all"])
    if result.exit_code == 2 and "is written to one person" in result.output:
        result = runner.invoke(draft_command, args)
    assert result.exit_code == 0, result.output
    return [Path(line) if Path(line).is_absolute() else Path.cwd() / line
            for line in result.output.splitlines() if line.endswith((".md", ".txt", ".eml"))]


def _opening(text: str) -> str:
    return sentences(read_letter(text).paragraphs[0])[0]


def test_six_interviewers_get_six_openings_and_no_duplicate_notes(app, runner) -> None:
    record = _six(app)
    paths = _draft(runner, "thank-you-email", record, record.parent, "2026-11-20")
    assert len(paths) == 6
    texts = [p.read_text("utf-8") for p in paths]
    openings = {_opening(t) for t in texts}
    assert len(openings) == 6, openings
    for part in (1, 2):  # the fit and the close differ too
        assert len({read_letter(t).paragraphs[part] for t in texts}) == 6
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--grammar", "off",
                                       "--today", "2026-11-20", str(record.parent)])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    assert report["summary"]["files"] >= 6
    assert [f for f in report["findings"] if f["code"] == "C006"] == []
    serious = [f for f in report["findings"] if f["severity"] in ("warning", "error")]
    assert serious == [], json.dumps(serious, indent=1)


def test_variants_are_stable_across_runs(app, runner) -> None:
    record = _six(app)
    first = [p.read_text("utf-8") for p in
             _draft(runner, "thank-you-email", record, app / "a", "2026-11-20")]
    again = [p.read_text("utf-8") for p in
             _draft(runner, "thank-you-email", record, app / "b", "2026-11-20")]
    assert first == again


def _thanks(text: str) -> int:
    return len(re.findall(r"\bthank|\bgrateful\b|\bappreciated?\b", text, re.I))


@pytest.mark.parametrize("template", BUILTIN)
def test_company_once_thanks_once_position_not_repeated(app, runner, template) -> None:
    record = _six(app)
    data = yaml.safe_load(record.read_text("utf-8"))
    company, position = data["company"], data["position"]
    for path in _draft(runner, template, record, app / "out", "2026-12-03"):
        letter = read_letter(path.read_text("utf-8"))
        body = letter.body
        assert body.count(company) == 1, (path.name, body)
        # thanks once in the body; the last paragraph (the close) may thank again
        assert _thanks("\n".join(letter.paragraphs[:-1])) <= 1, (path.name, body)
        assert _thanks(body) >= 1, (path.name, body)
        said = [i for i, s in enumerate(s for p in letter.paragraphs for s in sentences(p))
                if position in s]
        assert all(b - a > 2 for a, b in zip(said, said[1:], strict=False)), (path.name, body)
        for paragraph in letter.paragraphs:  # nor "... role" then "the role" again
            named = re.sub(rf"{re.escape(position)}( role| position| job| opening)?", "@",
                           paragraph)
            assert len(re.findall(r"@|\brole\b|\bposition\b", named)) <= 1, \
                (path.name, paragraph)


@pytest.mark.parametrize("topic", ["the telehealth rollout", "nurse staffing ratios",
                                   "how you onboard new analysts"])
def test_topic_of_any_shape_reads_as_a_sentence(app, runner, topic) -> None:
    record = _six(app)
    data = yaml.safe_load(record.read_text("utf-8"))
    for person in data["interviewers"]:
        person["topics"] = [topic]
    record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    for path in _draft(runner, "thank-you-email", record, app / "out", "2026-11-20"):
        body = read_letter(path.read_text("utf-8")).body
        frame = re.search(rf"\b(about|on|of) {re.escape(topic)}\b", body)
        assert frame, body


def test_printed_letter_is_written_for_paper(app, runner) -> None:
    record = _six(app)
    for when in ("2026-11-20", "2026-11-23"):
        paths = _draft(runner, "thank-you-letter", record, app / "out" / when, when,
                       "--format", "txt")
        assert len(paths) == 6
        for path in paths:
            text = path.read_text("utf-8")
            assert "today" not in text.lower(), text
            assert "Friday, November 20" in text
            assert "Sincerely,\n\n\n\n\nJordan Lee" in text, text
    nick = (app / "out" / "2026-11-20" / "thank-you-letter-nick-claus.txt").read_text("utf-8")
    assert "\nNick Claus\nOperations Director\nAcme Corporation\n1 Industrial Way\n" in nick


def test_printed_letter_without_a_record_address_still_has_an_inside_address(app, runner):
    paths = _draft(runner, "thank-you-letter", app / "one" / "interview.yaml", app / "out",
                   "2026-11-20", "--format", "txt")
    data = yaml.safe_load((app / "one" / "interview.yaml").read_text("utf-8"))
    person = data["interviewers"][0]
    head = paths[0].read_text("utf-8").split("Dear ")[0]
    block = [person["name"]] + ([person["title"]] if person.get("title") else [])
    assert "\n".join([*block, data["company"]]) in head, head
