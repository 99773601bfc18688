"""Whom a template is for: every built-in declares its audience, drafting for someone
outside it is one line and exit 2 with nothing written, and `--to` takes several names."""

from __future__ import annotations

import os

from followup.commands.draft import draft_command, templates_command
from followup.draft import AUDIENCES, describe_templates, make_loader

from draft_helpers import BUILTIN


def _written(result) -> list[str]:
    return [line for line in result.output.splitlines()
            if not line.startswith(("note:", "followup:"))]


def _drafts(app) -> list[str]:
    return sorted(p.name for p in (app / "five").iterdir() if p.name != "interview.yaml")


def test_every_builtin_template_declares_its_audience() -> None:
    infos = {i.name: i for i in describe_templates(make_loader()) if i.builtin}
    assert set(BUILTIN) <= set(infos)
    for name in BUILTIN:
        header = infos[name].path.read_text("utf-8").split("-#}", 1)[0]
        assert "\naudience: [" in header, name
        assert infos[name].audience and set(infos[name].audience) <= set(AUDIENCES), name
        # whom it goes to by default is always someone it may go to
        assert set(infos[name].to) <= set(infos[name].audience), name
    assert infos["rejection-reply"].audience == ("recruiters", "interviewers", "contacts")
    assert infos["reference-heads-up"].audience == ("references",)


def test_rejection_reply_to_a_reference_is_one_line_and_writes_nothing(app, runner) -> None:
    result = runner.invoke(draft_command, ["rejection-reply", "--record",
                                           "five/interview.yaml", "--to", "Dana"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("followup: error: five/interview.yaml: ")
    assert "Dana Whitfield is a reference" in lines[0]
    assert "'rejection-reply'" in lines[0]
    assert "recruiters, interviewers or contacts" in lines[0]
    assert "Traceback" not in result.output
    assert _drafts(app) == []


def test_each_group_is_refused_where_it_does_not_belong(app, runner) -> None:
    cases = [("reference-heads-up", "Nick Claus", "Nick Claus is an interviewer"),
             ("thank-you-email", "Priya", "Priya Raman is a contact"),
             ("thank-you-letter", "Tomás", "Tomás Ó Briain is a reference"),
             ("status-inquiry", "Dana", "Dana Whitfield is a reference"),
             ("networking-update", "Martha", "Martha Okonkwo-Reyes is an interviewer and "
                                             "recruiter")]
    for template, name, said in cases:
        result = runner.invoke(draft_command, [template, "--record", "five/interview.yaml",
                                               "--to", name])
        assert result.exit_code == 2, (template, result.output)
        assert said in result.output, (template, result.output)
        assert f"'{template}'" in result.output
    assert _drafts(app) == []


def test_people_inside_the_audience_are_drafted(app, runner) -> None:
    cases = [("rejection-reply", "Martha", "rejection-reply-martha-okonkwo-reyes.md"),
             ("rejection-reply", "Priya", "rejection-reply-priya-raman.md"),
             ("reference-heads-up", "Dana", "reference-heads-up-dana-whitfield.md"),
             ("networking-update", "Dana", "networking-update-dana-whitfield.md"),
             ("thank-you-email", "Martha", "thank-you-martha-okonkwo-reyes.md")]
    for template, name, expected in cases:
        result = runner.invoke(draft_command, [template, "--record", "five/interview.yaml",
                                               "--to", name])
        assert result.exit_code == 0, (template, result.output)
        assert _written(result) == [os.path.join("five", expected)]


def test_to_takes_several_names_repeated_or_comma_separated(app, runner) -> None:
    result = runner.invoke(draft_command, ["thank-you-email", "--record", "five/interview.yaml",
                                           "--to", "Nick, jose", "--to", "Siobhán O'Brien",
                                           "--to", "Nick Claus", "--date", "2026-11-20"])
    assert result.exit_code == 0, result.output
    assert _written(result) == [os.path.join("five", name) for name in (
        "thank-you-nick-claus.md", "thank-you-jose-nunez.md", "thank-you-siobhan-obrien.md")]
    texts = [(app / line).read_text("utf-8") for line in _written(result)]
    assert "Dear Mr. Claus," in texts[0] and "Dear Dr. O'Brien," in texts[2]
    # a template written to one person still writes one letter to each person named
    reply = runner.invoke(draft_command, ["rejection-reply", "--record", "five/interview.yaml",
                                          "--to", "Martha,Priya"])
    assert reply.exit_code == 0, reply.output
    assert len(_written(reply)) == 2


def test_all_targets_are_checked_before_any_is_written(app, runner) -> None:
    result = runner.invoke(draft_command, ["rejection-reply", "--record",
                                           "five/interview.yaml", "--to", "Martha",
                                           "--to", "Dana"])
    assert result.exit_code == 2 and "Dana Whitfield is a reference" in result.output
    unknown = runner.invoke(draft_command, ["thank-you-email", "--record",
                                            "five/interview.yaml", "--to", "Nick, Nobody"])
    assert unknown.exit_code == 2 and "'Nobody' is not in the record" in unknown.output
    assert _drafts(app) == []
    both = runner.invoke(draft_command, ["thank-you-email", "--record", "five/interview.yaml",
                                         "--to", "Nick", "--to", "José", "--all"])
    assert both.exit_code == 2 and "not both" in both.output


def test_a_user_template_declares_or_inherits_its_audience(app, runner, tmp_path) -> None:
    own = tmp_path / "tpl"
    own.mkdir()
    (own / "coffee.j2").write_text(
        "{#-\ndescription: Coffee invitation.\nto: [contacts]\naudience: [contacts, bosses]\n"
        "-#}\nDear {{ to.name }},\n", encoding="utf-8")
    (own / "my-thanks.j2").write_text('{% extends "thank-you-email" %}\n', encoding="utf-8")
    config = app / "followup.toml"
    config.write_text(f"template_dirs = [{str(own)!r}]\n", encoding="utf-8")
    bad = runner.invoke(templates_command, ["coffee", "--config", str(config)])
    assert bad.exit_code == 2 and "audience: 'bosses'" in bad.output
    inherited = runner.invoke(draft_command, ["my-thanks", "--record", "five/interview.yaml",
                                              "--to", "Dana", "--config", str(config)])
    assert inherited.exit_code == 2
    assert "'my-thanks' is written for interviewers or recruiters" in inherited.output
