"""User templates: extending the built-ins, and the sandbox that keeps them harmless."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from followup.commands.draft import draft_command, templates_command

from draft_helpers import read_letter


@pytest.fixture
def mine(app: Path) -> Path:
    """A `template_dirs` folder configured in pyproject.toml at the top of the tree."""
    (app / "pyproject.toml").write_text('[tool.followup]\ntemplate_dirs = ["my-templates"]\n',
                                        encoding="utf-8")
    folder = app / "my-templates"
    folder.mkdir()
    return folder


def _draft(runner, template: str, *extra: str):
    return runner.invoke(draft_command, [template, "--record", "one/interview.yaml",
                                         "--date", "2026-11-18", "--force", *extra])


def test_user_template_extends_a_builtin_and_overrides_a_block(app, runner, mine) -> None:
    (mine / "short-thanks.j2").write_text(
        '{#-\ndescription: My shorter thank-you.\nrequired: [to.name]\n-#}\n'
        '{% extends "thank-you-email" %}\n'
        '{% block fit %}\nI would be glad to bring my {{ record.position | lower }} '
        'experience to {{ record.company }}.\n{% endblock %}\n', encoding="utf-8")
    listing = runner.invoke(templates_command, [])
    assert "short-thanks" in listing.output and "My shorter thank-you." in listing.output
    line = next(ln for ln in listing.output.splitlines() if ln.startswith("short-thanks"))
    assert "thank-you" in line and "user" in line  # kind inherited from the parent
    result = _draft(runner, "short-thanks")
    assert result.exit_code == 0, result.output
    letter = read_letter((app / "one" / "short-thanks-catherine-smyth.md").read_text("utf-8"))
    assert letter.front["kind"] == "thank-you"
    assert letter.salutation == "Dear Ms. Smyth,"
    assert "I would be glad to bring my logistics coordinator experience to Northwind" \
        in letter.body
    assert "cross-docking at the Leeds depot" in letter.body


def test_user_template_of_the_same_name_overrides_the_builtin(app, runner, mine) -> None:
    (mine / "thank-you-email.j2").write_text(
        '{% extends "thank-you-email" %}\n{% block closing %}\nWith appreciation for your '
        'time.\n{% endblock %}\n', encoding="utf-8")
    result = _draft(runner, "thank-you-email")
    assert result.exit_code == 0, result.output
    text = (app / "one" / "thank-you-catherine-smyth.md").read_text("utf-8")
    assert "With appreciation for your time." in text
    assert "kind: thank-you" in text
    listing = runner.invoke(templates_command, [])
    rows = [ln for ln in listing.output.splitlines() if ln.startswith("thank-you-email")]
    assert len(rows) == 1 and "user" in rows[0]


def test_missing_variable_names_template_line_and_variable(app, runner, mine) -> None:
    (mine / "typo.j2").write_text("{# description: typo #}\nDear {{ to.name }},\n\n"
                                  "Thanks for {{ to.titel }}.\n", encoding="utf-8")
    result = _draft(runner, "typo")
    assert result.exit_code == 2
    message = result.output.strip()
    assert message.startswith("followup: error: ")
    assert f"{mine / 'typo.j2'}:4:" in message
    assert "template 'typo'" in message
    assert "'to.titel' is undefined" in message and "did you mean 'to.title'?" in message
    (mine / "undefined.j2").write_text("Dear {{ nobody }},\n", encoding="utf-8")
    result = _draft(runner, "undefined")
    assert result.exit_code == 2
    assert "undefined.j2:1:" in result.output and "'nobody' is undefined" in result.output


def test_syntax_error_names_the_line(app, runner, mine) -> None:
    (mine / "broken.j2").write_text("Dear {{ to.name }},\n\n{% if %}\n", encoding="utf-8")
    result = _draft(runner, "broken")
    assert result.exit_code == 2
    assert "broken.j2:3:" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("source", [
    '{% include "../../etc/passwd" %}',
    '{% include "/etc/passwd" %}',
    '{% extends "../one/interview.yaml" %}',
    "{% import '..\\\\secrets' as s %}",
])
def test_templates_cannot_reach_outside_the_template_folders(app, runner, mine, source):
    (mine / "escape.j2").write_text(source + "\n", encoding="utf-8")
    result = _draft(runner, "escape")
    assert result.exit_code == 2, result.output
    assert "cannot leave the template folders" in result.output
    assert "root:" not in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("expression", [
    "''.__class__.__mro__",
    "record.__class__",
    "to._data",
    "cycler.__init__.__globals__",
    "record.extra.__class__.__base__.__subclasses__()",
    "(1).__class__.__subclasses__()",
])
def test_sandbox_blocks_python_internals(app, runner, mine, expression) -> None:
    (mine / "evil.j2").write_text(f"Dear {{{{ to.name }}}},\n{{{{ {expression} }}}}\n",
                                  encoding="utf-8")
    result = _draft(runner, "evil")
    assert result.exit_code == 2, result.output
    assert "evil.j2:2:" in result.output
    assert "Traceback" not in result.output
    assert not (app / "one" / "evil-catherine-smyth.md").exists()


def test_record_paths_are_not_exposed_to_templates(app, runner, mine) -> None:
    (mine / "peek.j2").write_text("{{ record.path }}\n", encoding="utf-8")
    result = _draft(runner, "peek")
    assert result.exit_code == 2
    assert "'record.path' is undefined" in result.output


def test_template_names_given_on_the_command_line_cannot_escape(app, runner, mine) -> None:
    for name in ("../one/interview.yaml", "/etc/passwd", "..", "builtin:../x"):
        result = _draft(runner, name)
        assert result.exit_code == 2, name
        assert "no template named" in result.output


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_leading_out_of_the_folder_is_ignored(app, runner, mine, tmp_path) -> None:
    outside = tmp_path / "outside.j2"
    outside.write_text("secret\n", encoding="utf-8")
    try:
        (mine / "linked.j2").symlink_to(outside)
    except OSError:
        pytest.skip("symbolic links not permitted")
    result = _draft(runner, "linked")
    assert result.exit_code == 2
    assert "no template named 'linked'" in result.output


def test_self_including_template_is_a_clean_error(app, runner, mine) -> None:
    (mine / "loop.j2").write_text('{% include "loop" %}\n', encoding="utf-8")
    result = _draft(runner, "loop")
    assert result.exit_code == 2
    assert "includes itself" in result.output


def test_bad_header_is_reported(app, runner, mine) -> None:
    (mine / "odd.j2").write_text("{#\nkind: memo\n#}\nDear {{ to.name }},\n", encoding="utf-8")
    listing = runner.invoke(templates_command, [])
    assert "header problem: kind 'memo'" in listing.output
    result = _draft(runner, "odd")
    assert result.exit_code == 2 and "kind 'memo'" in result.output
