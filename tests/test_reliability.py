"""Issue 10: no file disclosed, no device replaced, no input that takes the run down."""

from __future__ import annotations

import json

import pytest

from helpers import GOOD_LETTER, RECORD

SECRET = "SECRET_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789"


# --- 1. a letter cannot make lint print a file -----------------------------------------

@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_record_outside_the_tree_is_refused_without_content(write, lint_cli, tmp_path, fmt):
    outside = tmp_path.parent / f"outside-{tmp_path.name}.env"
    outside.write_text(SECRET + "\n", encoding="utf-8")
    try:
        write("app/a.md", f"---\nrecord: {outside}\n---\n{GOOD_LETTER}")
        write("app/b.md", f"---\nrecord: ../../{outside.name}\n---\n{GOOD_LETTER}")
        result = lint_cli("app", "--format", fmt)
    finally:
        outside.unlink()
    assert result.exit_code == 2
    assert "ghp_" not in result.output and "SECRET" not in result.output
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("followup: error:")]
    assert len(errors) == 2
    assert all("outside the folders being linted" in e for e in errors)


def test_record_outside_the_git_repository_is_refused(write, lint_cli, tmp_path):
    write("repo/.git/HEAD", "ref: refs/heads/main\n")
    write("secret.yaml", RECORD)  # a valid record, but outside the repository
    write("repo/a.md", f"---\nrecord: ../secret.yaml\n---\n{GOOD_LETTER}")
    result = lint_cli("repo/a.md")
    assert result.exit_code == 2
    assert "repo/a.md: the record '../secret.yaml' named in the letter lies outside the " \
        "letter's git repository" in result.stderr


def test_record_inside_the_tree_still_links(write, lint_cli):
    write("interview.yaml", RECORD)
    write("drafts/a.md", f"---\nrecord: ../interview.yaml\n---\n{GOOD_LETTER}")
    result = lint_cli("drafts", "--select", "N002")
    assert result.exit_code == 0, result.output


def test_eml_header_record_outside_is_refused(write, lint_cli):
    write("a.eml", "To: nick@acme.example\nX-Followup-Record: /etc/passwd\n"
          "Subject: Thanks\n\n" + GOOD_LETTER)
    result = lint_cli("a.eml")
    assert result.exit_code == 2
    assert "root:" not in result.output
    assert "'/etc/passwd' named in the letter lies outside" in result.stderr


def test_invalid_record_is_never_quoted(write, lint_cli):
    write("not-a-record.yaml", SECRET + "\n")
    write("tabs.yaml", "company: x\n\t" + SECRET + "\n")
    write("a.md", f"---\nrecord: not-a-record.yaml\n---\n{GOOD_LETTER}")
    write("b.md", f"---\nrecord: tabs.yaml\n---\n{GOOD_LETTER}")
    result = lint_cli("a.md", "b.md", "--record", "not-a-record.yaml")
    assert "ghp_" not in result.output and "SECRET" not in result.output
    result = lint_cli("a.md", "b.md", "--format", "json")
    assert "ghp_" not in result.output
    errors = json.loads(result.stdout)["errors"]
    assert errors and all("\n" not in json.dumps(e) for e in errors)
    assert "not an interview record" in result.stderr


def test_long_bad_value_is_a_short_excerpt(write, lint_cli):
    write("interview.yaml", RECORD.replace("2026-11-20", "x" * 5000))
    write("a.txt", GOOD_LETTER)
    result = lint_cli("a.txt")
    assert result.exit_code == 2
    line = next(ln for ln in result.stderr.splitlines() if "interview_date" in ln)
    assert len(line) < 200 and "x" * 50 not in line


# --- 3. control characters from records ------------------------------------------------

@pytest.mark.parametrize("char", ["\x00", "\x1b", "\u202e", "\x85"])
def test_record_rejects_control_characters(write, lint_cli, char):
    escaped = json.dumps("Nick" + char + "Claus")  # a YAML double-quoted string
    write("interview.yaml", RECORD.replace("name: Nick Claus", f"name: {escaped}"))
    write("a.txt", GOOD_LETTER)
    result = lint_cli("a.txt")
    assert result.exit_code == 2
    assert f"interview.yaml:6:11: interviewers[0].name: contains the control character " \
        f"U+{ord(char):04X}" in result.stderr
    assert char not in result.output
