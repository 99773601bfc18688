"""Issue 10: no file disclosed, no device replaced, no input that takes the run down."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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


def test_a_linked_letter_is_checked_for_its_own_repository(write, lint_cli, tmp_path):
    """The record a folder's letters link is checked once per run, but a letter that is a
    link into another repository is checked on its own: the record lies outside that one."""
    write("repo/.git/HEAD", "ref: refs/heads/main\n")
    write("repo/app/interview.yaml", RECORD)
    write("repo/app/a.md", f"---\nrecord: interview.yaml\n---\n{GOOD_LETTER}")
    write("other/.git/HEAD", "ref: refs/heads/main\n")
    write("other/b.md", f"---\nrecord: interview.yaml\n---\n{GOOD_LETTER}")
    (tmp_path / "repo" / "app" / "b.md").symlink_to(tmp_path / "other" / "b.md")
    result = lint_cli("repo/app", "--select", "N002")
    assert result.exit_code == 2
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("followup: error:")]
    assert len(errors) == 1 and "b.md: the record 'interview.yaml'" in errors[0]
    assert "outside the letter's git repository" in errors[0]


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


def _followup(*args: str, cwd: Path, stdin: int | None = None,
              **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "followup", "lint", "--grammar", "off",
                           *args], cwd=cwd, env=env, capture_output="stdout" not in kwargs,
                          stdin=stdin, text=True, timeout=120, **kwargs)  # type: ignore


# --- 2. -o on special files, never over a letter ---------------------------------------

def test_output_to_dev_stdout_and_a_fifo_is_written_in_place(tmp_path):
    (tmp_path / "a.txt").write_text("Dear Nick,\n\nThanks :) for it.\n\nBest,\nJo\n")
    result = _followup("a.txt", "--select", "T002", "-o", "/dev/stdout", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "a.txt:3:8: T002" in result.stdout
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    result = _followup("a.txt", "--select", "T002", "-o", str(fifo), cwd=tmp_path)
    out, _ = reader.communicate(timeout=60)
    assert result.returncode == 1, result.stderr
    assert "T002" in out
    assert Path(fifo).is_fifo()  # not replaced by a regular file


def test_output_to_dev_null_keeps_the_device(tmp_path):
    (tmp_path / "a.txt").write_text("Dear Nick,\n\nThanks :) for it.\n\nBest,\nJo\n")
    result = _followup("a.txt", "-o", "/dev/null", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    import stat
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_output_naming_a_letter_is_refused(write, lint_cli, tmp_path):
    letter = write("letters/a.txt", "Dear Nick,\n\nThanks :) for it.\n\nBest,\nJo\n")
    for target in ("letters/a.txt", "letters/../letters/a.txt"):
        result = lint_cli("letters", "-o", target)
        assert result.exit_code == 2
        assert "-o names a letter being linted" in result.stderr
    assert letter.read_text().startswith("Dear Nick")


def test_stdout_on_a_full_disk_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_text("Dear Nick,\n\nThanks :) for it.\n\nBest,\nJo\n")
    with open("/dev/full", "w") as full:
        result = _followup("a.txt", cwd=tmp_path, stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 2
    assert result.stderr.strip() == ("followup: error: standard output: cannot write the "
                                     "report: No space left on device")


def test_lint_stdin_closed_is_one_line(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    result = subprocess.run(f"{sys.executable} -m followup lint --grammar off - <&-",
                            shell=True, cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip() == ("followup: error: -: cannot read standard input: "
                                     "standard input is closed")


# --- 4. the run never goes down ---------------------------------------------------------

def _lint_two(write, lint_cli, *extra: str):
    write("other/b.txt", GOOD_LETTER)
    return lint_cli(*extra, "other/b.txt", "--format", "json", "--select", "T002")


def test_far_future_interview_date_is_a_record_error(write, lint_cli):
    write("app/interview.yaml", RECORD.replace("2026-11-20", "9999-12-31"))
    write("app/a.txt", GOOD_LETTER)
    result = _lint_two(write, lint_cli, "app")
    assert result.exit_code == 2
    assert "app/interview.yaml:4:17: interview_date: 9999-12-31 is not a plausible date" \
        in result.stderr
    assert "Traceback" not in result.output
    assert json.loads(result.stdout)["summary"]["files"] == 2


def test_huge_thank_you_within_hours_is_a_config_error(write, lint_cli):
    write("followup.toml", "thank_you_within_hours = 9223372036854775807\n")
    write("a.txt", GOOD_LETTER)
    result = lint_cli("a.txt")
    assert result.exit_code == 2
    assert "followup.toml:1: thank_you_within_hours: expected a positive whole number" \
        in result.stderr


def test_vocabulary_not_utf8_is_one_line(write, lint_cli):
    write("followup.toml", 'vocabulary = ["words.txt"]\n')
    write("words.txt", b"Acme\n\xff\xfeoops\n")
    write("a.txt", GOOD_LETTER)
    result = lint_cli("a.txt", "--select", "S001")
    assert result.exit_code == 2
    assert "words.txt:2: vocabulary file is not UTF-8 text" in result.stderr
    assert "Traceback" not in result.output


def test_email_nested_a_thousand_deep_is_one_line(write, lint_cli):
    body = "Content-Type: text/plain\n\nHello there.\n"
    for i in range(1000):
        body = (f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n{body}\n'
                f"--b{i}--\n")
    write("deep.eml", "From: a@b.example\nTo: d@e.example\nSubject: x\nMIME-Version: 1.0\n"
          + body)
    result = _lint_two(write, lint_cli, "deep.eml")
    assert result.exit_code == 2
    assert "deep.eml: too deeply nested to read" in result.stderr
    assert json.loads(result.stdout)["summary"]["files"] == 1


def test_letter_over_the_size_limit_is_one_line(write, lint_cli):
    write("big.txt", "Dear Nick,\n\n" + "word " * 210_000)  # over spaCy's 1,000,000 too
    result = _lint_two(write, lint_cli, "big.txt")
    assert result.exit_code == 2
    assert "big.txt: larger than 256 KB, too long for a letter (config max_letter_kb)" \
        in result.stderr
    write("followup.toml", "max_letter_kb = 2000\n")
    write("small.txt", "Dear Nick,\n\n" + "word " * 1000)
    assert "larger than" not in lint_cli("small.txt").stderr


@pytest.mark.parametrize(("parallel", "broken_at"), [(False, 0), (True, 0), (True, 1), (True, 2)])
def test_an_unexpected_exception_in_one_letter_spares_the_others(write, tmp_path,
                                                                 monkeypatch, parallel,
                                                                 broken_at):
    """In one process, and in parallel wherever the letter falls: the first letter, this
    process's share, or a forked worker's (whose error must come back through a pipe)."""
    from followup import linter
    from followup.config import Config
    from followup.rules import emoticons

    original = emoticons.RULES[0].check
    assert original is not None

    def broken(document, context, options):
        if "boom" in document.text:
            raise ZeroDivisionError("a bug in a rule")
        return original(document, context, options)

    rule = emoticons.RULES[0]
    object.__setattr__(rule, "check", broken)
    try:
        count = 6 if parallel else 2
        if parallel:
            monkeypatch.setattr(linter, "PARALLEL_MIN", 2)
            monkeypatch.setenv("FOLLOWUP_JOBS", "2")
        for i in range(count):
            write(f"l{i}.txt", "Dear Nick,\n\nThanks :) boom.\n" if i == broken_at else
                  "Dear Nick,\n\nThanks :) for it.\n")
        result = linter.lint(linter.LintRequest(paths=[str(tmp_path)], config=Config(),
                                                select=[rule.code]))
    finally:
        object.__setattr__(rule, "check", original)
    assert [str(e) for e in result.errors] == [
        f"{tmp_path}/l{broken_at}.txt: internal error while checking {rule.code}: "
        "ZeroDivisionError: "
        "a bug in a rule (run with --debug for the traceback)"]
    assert "ZeroDivisionError" in result.errors[0].trace  # type: ignore[attr-defined]
    assert len({f.path for f in result.findings}) == count - 1


# --- 7, 8. nothing lost, nothing silently skipped ---------------------------------------

def test_stray_byte_in_utf8_stays_utf8_with_a_notice(write, lint_cli):
    write("a.txt", b"Dear Ms. M\xc3\xbcller,\n\nThanks \xff :) for it.\n")
    result = lint_cli("a.txt", "--select", "T002", "--format", "json")
    assert "a.txt:3: invalid UTF-8 bytes, read as U+FFFD" in result.stderr
    found = json.loads(result.stdout)["findings"]
    assert [(f["line"], f["column"]) for f in found] == [(3, 10)]
    assert "Ã" not in result.output


def test_utf16_with_bom_is_read(write, lint_cli):
    write("a.txt", "Dear Nick,\n\nThanks :) for it.\n".encode("utf-16"))
    result = lint_cli("a.txt", "--select", "T002", "--format", "json")
    assert result.exit_code == 1, result.output
    assert [(f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]] == \
        [(3, 8)]


def test_fifo_and_dangling_link_are_notices_and_c005_still_runs(write, lint_cli, tmp_path):
    write("app/interview.yaml", RECORD)
    write("app/thanks.txt", GOOD_LETTER)
    os.mkfifo(tmp_path / "app" / "pipe.txt")
    (tmp_path / "app" / "gone.md").symlink_to("nowhere.md")
    (tmp_path / "app" / "loop1.md").symlink_to("loop2.md")
    (tmp_path / "app" / "loop2.md").symlink_to("loop1.md")
    result = lint_cli("app", "--select", "C005", "--today", "2026-11-22", "--format", "json")
    assert "app/pipe.txt: skipped, not a regular file" in result.stderr
    assert "app/gone.md: skipped, a dangling or looping symbolic link" in result.stderr
    assert "app/loop1.md: skipped, a dangling or looping symbolic link" in result.stderr
    assert "Traceback" not in result.output
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["C005"]


# --- 11, 12. the grammar cache, formats -------------------------------------------------

def test_sarif_uris_are_percent_encoded(write, lint_cli):
    from urllib.parse import unquote, urlsplit

    names = ["with space.txt", "hash#frag.txt", "q?x=1.txt", "pct%41.txt"]
    for name in names:
        write(name, "Dear Nick,\n\nThanks :) for it.\n")
    result = lint_cli(*names, "--select", "T002", "--format", "sarif")
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(result.stdout)["runs"][0]["results"]]
    assert sorted(uris) == sorted(["with%20space.txt", "hash%23frag.txt", "q%3Fx%3D1.txt",
                                   "pct%2541.txt"])
    for uri in uris:
        parts = urlsplit(uri)
        assert not parts.query and not parts.fragment
        assert unquote(parts.path) in names


def test_text_report_escapes_control_characters(write, lint_cli):
    write("a.txt", "Dear Nick,\n\nThanks \x1b[2J for the chat :) and \u202e ok.\n")
    result = lint_cli("a.txt", "--select", "T002")
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[1] == "   3 | Thanks \\x1b[2J for the chat :) and \\u202e ok."
    assert lines[2].index("^") == lines[1].index(":)")


# --- 10. drafts' writer ------------------------------------------------------------------

def test_new_file_without_hard_links_falls_back_to_exclusive_create(tmp_path, monkeypatch):
    from followup import atomic

    def no_links(*_args: object) -> None:
        raise PermissionError(1, "Operation not permitted")  # as on FAT / exFAT

    monkeypatch.setattr(atomic.os, "link", no_links)
    target = tmp_path / "draft.md"
    atomic.write_text_atomic(target, "one")
    assert target.read_text() == "one"
    with pytest.raises(FileExistsError):
        atomic.write_text_atomic(target, "two")
    assert target.read_text() == "one"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.md"]  # no .tmp left


def test_overwrite_keeps_the_permissions(tmp_path):
    from followup.atomic import write_text_atomic

    target = tmp_path / "draft.md"
    target.write_text("old")
    target.chmod(0o600)
    write_text_atomic(target, "new", overwrite=True)
    assert target.read_text() == "new"
    assert (target.stat().st_mode & 0o777) == 0o600


def test_alias_bomb_in_extra_is_one_line(write, lint_cli):
    bomb = ["extra:", '  a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        bomb.append(f"  a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 8) + "]")
    write("interview.yaml", RECORD + "\n".join(bomb) + "\n")
    write("a.txt", GOOD_LETTER)
    result = lint_cli("a.txt")
    assert result.exit_code == 2
    assert "interview.yaml:15:3: extra: more than 10000 values once its YAML aliases are " \
        "expanded" in result.stderr
