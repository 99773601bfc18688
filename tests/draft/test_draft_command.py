"""`followup draft`: finding the record and the people, file names, formats, no clobbering."""

from __future__ import annotations

import email
import email.policy
import os
from datetime import date
from pathlib import Path

import yaml

from followup.commands.draft import draft_command
from followup.draft import slugify

from draft_helpers import read_letter


def _written(result) -> list[str]:
    return [line for line in result.output.splitlines()
            if not line.startswith(("note:", "error:"))]


def test_all_writes_one_file_per_interviewer_with_folded_names(app, runner) -> None:
    result = runner.invoke(draft_command, ["thank-you-email", "--record", "five/interview.yaml",
                                           "--all", "--date", "2026-11-20"])
    assert result.exit_code == 0, result.output
    assert _written(result) == [
        os.path.join("five", name) for name in (
            "thank-you-nick-claus.md", "thank-you-jose-nunez.md",
            "thank-you-siobhan-obrien.md", "thank-you-anna-van-der-berg.md",
            "thank-you-martha-okonkwo-reyes.md")]
    for line in _written(result):
        assert (app / line).is_file()
    assert not list((app / "five").glob(".*.tmp"))


def test_front_matter_links_back_to_the_record(app, runner) -> None:
    out = app / "drafts" / "acme"
    result = runner.invoke(draft_command, ["thank-you-email", "--record", "five/interview.yaml",
                                           "--to", "Siobhán O'Brien", "--out", str(out),
                                           "--date", "2026-11-20"])
    assert result.exit_code == 0, result.output
    path = out / "thank-you-siobhan-obrien.md"
    letter = read_letter(path.read_text("utf-8"))
    assert letter.front["record"] == "../../five/interview.yaml"
    assert (path.parent / letter.front["record"]).resolve() == \
        (app / "five" / "interview.yaml").resolve()
    assert letter.front["to"] == "Siobhán O'Brien"
    assert letter.front["kind"] == "thank-you"
    assert letter.front["date"] == date(2026, 11, 20)
    assert "Part-time Packaging Manager" in letter.front["subject"]
    assert letter.salutation == "Dear Dr. O'Brien,"
    assert "packaging sustainability goals" in letter.body


def test_record_is_found_from_the_current_folder(app, runner, monkeypatch) -> None:
    monkeypatch.chdir(app / "one")
    result = runner.invoke(draft_command, ["thank-you-email"])
    assert result.exit_code == 0, result.output
    assert _written(result) == ["thank-you-catherine-smyth.md"]
    monkeypatch.chdir(app)
    result = runner.invoke(draft_command, ["thank-you-email"])
    assert result.exit_code == 2
    assert "no interview.yaml" in result.output and "--record" in result.output


def test_to_finds_interviewers_contacts_and_references_by_any_recorded_name(app, runner):
    cases = {"Nick Claus": "thank-you-nick-claus.md", "claus": "thank-you-nick-claus.md",
             "jose": "thank-you-jose-nunez.md", "Núñez": "thank-you-jose-nunez.md",
             "siobhan.obrien@acme.example": "thank-you-siobhan-obrien.md",
             "Priya": "thank-you-priya-raman.md", "Dana Whitfield": "thank-you-dana-whitfield.md"}
    for name, expected in cases.items():
        result = runner.invoke(draft_command, ["thank-you-email", "--record",
                                               "five/interview.yaml", "--to", name, "--force"])
        assert result.exit_code == 0, (name, result.output)
        assert _written(result) == [os.path.join("five", expected)]


def test_unknown_person_lists_the_recorded_people(app, runner) -> None:
    result = runner.invoke(draft_command, ["thank-you-email", "--record", "five/interview.yaml",
                                           "--to", "Nick Clause"])
    assert result.exit_code == 2
    assert "'Nick Clause' is not in the record" in result.output
    assert "did you mean 'Nick Claus'?" in result.output
    assert "Martha Okonkwo-Reyes" in result.output and "Dana Whitfield" in result.output
    assert "Traceback" not in result.output


def test_several_interviewers_need_to_or_all(app, runner) -> None:
    result = runner.invoke(draft_command, ["thank-you-email", "--record",
                                           "five/interview.yaml"])
    assert result.exit_code == 2
    assert "--to NAME" in result.output and "--all" in result.output
    both = runner.invoke(draft_command, ["thank-you-email", "--record", "five/interview.yaml",
                                         "--all", "--to", "Nick"])
    assert both.exit_code == 2 and "not both" in both.output
    single = runner.invoke(draft_command, ["status-inquiry", "--record", "five/interview.yaml",
                                           "--all"])
    assert single.exit_code == 2 and "one person" in single.output
    nobody = runner.invoke(draft_command, ["networking-update", "--record",
                                           "five/interview.yaml", "--to", "nobody"])
    assert nobody.exit_code == 2


def test_template_addressed_to_missing_group_explains(app, runner, tmp_path) -> None:
    record = tmp_path / "bare.yaml"
    record.write_text("company: X\nposition: Y\ninterview_date: 2026-11-20\n"
                      "interviewers: [{name: Ada Byron}]\n")
    result = runner.invoke(draft_command, ["reference-heads-up", "--record", str(record)])
    assert result.exit_code == 2
    assert "references" in result.output and "Ada Byron" in result.output


def test_never_overwrites_without_force(app, runner) -> None:
    args = ["thank-you-email", "--record", "one/interview.yaml", "--date", "2026-11-18"]
    assert runner.invoke(draft_command, args).exit_code == 0
    path = app / "one" / "thank-you-catherine-smyth.md"
    path.write_text("my edits\n", encoding="utf-8")
    again = runner.invoke(draft_command, args)
    assert again.exit_code == 2
    assert "already exists" in again.output and "--force" in again.output
    assert path.read_text(encoding="utf-8") == "my edits\n"
    forced = runner.invoke(draft_command, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert path.read_text(encoding="utf-8").startswith("---\n")
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "interview.yaml", "thank-you-catherine-smyth.md"]


def test_all_writes_nothing_when_one_draft_exists(app, runner) -> None:
    existing = app / "five" / "thank-you-anna-van-der-berg.md"
    existing.write_text("mine\n", encoding="utf-8")
    result = runner.invoke(draft_command, ["thank-you-email", "--record", "five/interview.yaml",
                                           "--all"])
    assert result.exit_code == 2
    assert not (app / "five" / "thank-you-nick-claus.md").exists()
    assert existing.read_text(encoding="utf-8") == "mine\n"


def test_txt_has_no_front_matter(app, runner) -> None:
    result = runner.invoke(draft_command, ["rejection-reply", "--record", "one/interview.yaml",
                                           "--format", "txt"])
    assert result.exit_code == 0, result.output
    text = (app / "one" / "rejection-reply-catherine-smyth.txt").read_text("utf-8")
    assert text.startswith("Dear Ms. Smyth,\n\n")
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_eml_is_an_unsent_utf8_message_with_the_right_headers(app, runner) -> None:
    result = runner.invoke(draft_command, ["thank-you-email", "--record", "five/interview.yaml",
                                           "--to", "José", "--format", "eml",
                                           "--date", "2026-11-20"])
    assert result.exit_code == 0, result.output
    raw = (app / "five" / "thank-you-jose-nunez.eml").read_bytes()
    assert b"\r\n" in raw  # RFC 5322 line endings
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert not msg.defects
    to = msg["To"].addresses[0]
    assert (to.display_name, to.addr_spec) == ("José Núñez", "jose.nunez@acme.example")
    sender = msg["From"].addresses[0]
    assert (sender.display_name, sender.addr_spec) == ("Jordan Lee", "jordan.lee@example.org")
    assert "Part-time Packaging Manager" in msg["Subject"]
    assert msg["Date"].datetime.date() == date(2026, 11, 20)
    assert msg["X-Unsent"] == "1"
    assert msg["X-Followup-Kind"] == "thank-you"
    assert msg["X-Followup-Record"] == "interview.yaml"
    assert msg["Message-ID"]
    assert msg.get_content_type() == "text/plain"
    assert msg.get_content_charset() == "utf-8"
    body = msg.get_content().replace("\r\n", "\n")
    assert body.startswith("Dear José Núñez,\n")
    assert "the new conveyor line" in body
    assert "Subject:" not in body


def test_eml_without_a_recorded_address_keeps_the_name(app, runner) -> None:
    result = runner.invoke(draft_command, ["thank-you-email", "--record",
                                           "no-topics/interview.yaml", "--to", "Will Rich",
                                           "--format", "eml"])
    assert result.exit_code == 0, result.output
    assert "no email address is recorded for Will Rich" in result.output
    msg = email.message_from_bytes((app / "no-topics" / "thank-you-will-rich.eml").read_bytes(),
                                   policy=email.policy.default)
    assert msg["To"].groups[0].display_name == "Will Rich"
    assert "[TODO: mention something specific you discussed with Will Rich]" in \
        msg.get_content()


def test_late_thank_you_is_noted(app, runner) -> None:
    result = runner.invoke(draft_command, ["thank-you-email", "--record", "one/interview.yaml",
                                           "--date", "2026-11-25"])
    assert result.exit_code == 0
    assert "note: the interview was on November 18, 2026" in result.output


def test_bad_date_and_format_are_usage_errors(app, runner) -> None:
    bad = runner.invoke(draft_command, ["thank-you-email", "--record", "one/interview.yaml",
                                        "--date", "20/11/2026"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
    fmt = runner.invoke(draft_command, ["thank-you-email", "--record", "one/interview.yaml",
                                        "--format", "pdf"])
    assert fmt.exit_code == 2


def test_unknown_template_suggests_a_close_one(app, runner) -> None:
    result = runner.invoke(draft_command, ["thank-you-mail", "--record", "one/interview.yaml"])
    assert result.exit_code == 2
    assert "did you mean 'thank-you-email'?" in result.output
    with_suffix = runner.invoke(draft_command, ["thank-you-email.j2", "--record",
                                                "one/interview.yaml"])
    assert with_suffix.exit_code == 0, with_suffix.output


def test_missing_profile_is_a_clear_error(app, runner) -> None:
    (app / "profile.yaml").unlink()
    result = runner.invoke(draft_command, ["thank-you-email", "--record", "one/interview.yaml"])
    assert result.exit_code == 2
    assert "thank-you-email" in result.output
    assert "'candidate' is undefined" in result.output
    assert "profile.yaml" in result.output
    assert "Traceback" not in result.output


def test_profile_from_pyproject(app, runner) -> None:
    (app / "profile.yaml").unlink()
    (app / "pyproject.toml").write_text(
        '[tool.followup.profile]\nname = "Sam Q. Public"\nemail = "sam@example.org"\n'
        'sign_off = "Kind regards,"\n', encoding="utf-8")
    result = runner.invoke(draft_command, ["rejection-reply", "--record", "one/interview.yaml",
                                           "--format", "txt"])
    assert result.exit_code == 0, result.output
    text = (app / "one" / "rejection-reply-catherine-smyth.txt").read_text("utf-8")
    assert text.endswith("Kind regards,\nSam Q. Public\nsam@example.org\n")


def test_unwritable_output_folder_is_a_user_error(app, runner) -> None:
    blocker = app / "file"
    blocker.write_text("x")
    result = runner.invoke(draft_command, ["thank-you-email", "--record", "one/interview.yaml",
                                           "--out", str(blocker / "sub")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_slugify_folds_diacritics_and_drops_apostrophes() -> None:
    assert slugify("Siobhán O'Brien") == "siobhan-obrien"
    assert slugify("José Núñez") == "jose-nunez"
    assert slugify("Zoë Ø. Straße") == "zoe-o-strasse"
    assert slugify("Anna van der Berg") == "anna-van-der-berg"
    assert slugify("李小龍") == ""


def test_names_that_slug_to_nothing_or_collide_still_get_files(app, runner, tmp_path) -> None:
    record = tmp_path / "r.yaml"
    record.write_text(yaml.safe_dump({
        "company": "X", "position": "Y", "interview_date": "2026-11-20",
        "interviewers": [{"name": "李小龍", "topics": ["kung fu"]},
                         {"name": "Zoë Adams", "topics": ["a"]},
                         {"name": "Zoe Adams", "topics": ["b"]}]}, allow_unicode=True),
        encoding="utf-8")
    result = runner.invoke(draft_command, ["thank-you-email", "--record", str(record), "--all"])
    assert result.exit_code == 0, result.output
    names = sorted(Path(p).name for p in _written(result))
    assert names[1:] == ["thank-you-zoe-adams-2.md", "thank-you-zoe-adams.md"]
    assert names[0].startswith("thank-you-person-")


def test_wired_into_the_followup_command(app, runner) -> None:
    from followup.cli import main

    listing = runner.invoke(main, ["templates"])
    assert listing.exit_code == 0 and "thank-you-email" in listing.output
    result = runner.invoke(main, ["draft", "thank-you-email", "--record", "one/interview.yaml"])
    assert result.exit_code == 0, result.output
    again = runner.invoke(main, ["draft", "thank-you-email", "--record", "one/interview.yaml"])
    assert again.exit_code == 2
    assert again.output.startswith("followup: error: ")
    assert "--all" in runner.invoke(main, ["draft", "--help"]).output
