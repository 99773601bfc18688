"""Issue 10, items 9 and 12: a mistake about a named path is one line `path: problem`,
exit 2, in every command, and the other letters are still checked; Click's usage block is
kept for real usage errors (an unknown option), never a traceback.

Unreadable files and folders are simulated (root ignores permission bits): `open` and
`os.scandir`/`os.stat` raise PermissionError for the chosen path, in the process, so the
real code path runs whoever runs the tests.
"""

from __future__ import annotations

import builtins
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup.cli import main

from helpers import GOOD_LETTER, RECORD

LETTER = "Dear Nick,\n\nThanks :) for it.\n\nBest,\nJo\n"


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / "a.txt").write_text(LETTER, encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "interview.yaml").write_text(RECORD, encoding="utf-8")

    def run(*args: str):
        return CliRunner().invoke(main, list(args))

    return run


def _one_line(result, expected: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "Usage:" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("followup: error")]
    assert f"followup: error: {expected}" in lines, result.stderr


@pytest.mark.parametrize(("args", "expected"), [
    (["lint", "--grammar", "off", "a.txt", "--config", "folder"],
     "folder: is a folder, not a configuration file"),
    (["lint", "--grammar", "off", "a.txt", "--config", "nope.toml"],
     "nope.toml: configuration file not found"),
    (["lint", "--grammar", "off", "a.txt", "-o", "folder"],
     "folder: is a folder, not a file for the report"),
    (["lint", "--grammar", "off", "a.txt", "-o", "a.txt/report.txt"],
     "a.txt/report.txt: cannot write the report: a.txt is a file, not a folder"),
    (["draft", "thank-you-email", "--record", "app/interview.yaml", "--out", "a.txt"],
     "a.txt: is a file, not a folder for the drafts"),
    (["draft", "thank-you-email", "--record", "app/interview.yaml", "--profile", "folder"],
     "folder: is a folder, not a profile file"),
    (["draft", "thank-you-email", "--record", "app/interview.yaml", "--config", "folder"],
     "folder: is a folder, not a configuration file"),
    (["draft", "thank-you-email", "--record", "nope.yaml"], "nope.yaml: record file not found"),
    (["draft", "thank-you-email", "--record", "folder"],
     "folder: is a folder, not a record file"),
    (["templates", "--config", "folder"], "folder: is a folder, not a configuration file"),
    (["plan", "app", "--ics", "folder"], "folder: is a folder, not a calendar file"),
    (["plan", "app", "--ics", "a.txt/plan.ics"],
     "a.txt/plan.ics: cannot write the calendar: a.txt is a file, not a folder"),
    (["plan", "app", "--config", "folder"], "folder: is a folder, not a configuration file"),
    (["init", "a.txt"], "a.txt: is a file, not a folder for interview.yaml"),
    (["init", "a.txt/acme", "--company", "Acme", "--position", "Analyst", "--date",
      "2026-11-20", "--interviewer", "Nick Claus <nick@acme.example>"],
     "a.txt/acme/interview.yaml: cannot write the record: a.txt is a file, not a folder"),
    (["inspect", "a.txt", "--record", "nope.yaml"], "nope.yaml: record file not found"),
    (["inspect", "nope.txt", "a.txt"], "nope.txt: no such file"),
])
def test_a_path_mistake_is_one_line_in_every_command(cli, args, expected):
    _one_line(cli(*args), expected)


def test_draft_out_below_a_file_is_one_line(cli, tmp_path):
    (tmp_path / "profile.yaml").write_text("name: Jo Lee\nemail: jo@example.org\n",
                                           encoding="utf-8")
    result = cli("draft", "thank-you-email", "--record", "app/interview.yaml", "--to", "Nick",
                 "--profile", "profile.yaml", "--out", "a.txt/drafts")
    _one_line(result, "a.txt/drafts/thank-you-nick-claus.md: cannot write the draft: a.txt "
              "is a file, not a folder")


def test_output_into_a_missing_folder_creates_it(cli, tmp_path):
    result = cli("lint", "--grammar", "off", "a.txt", "--format", "json",
                 "-o", "reports/2026/lint.json")
    assert result.exit_code == 1, result.output
    assert json.loads((tmp_path / "reports/2026/lint.json").read_text("utf-8"))["findings"]


def test_missing_letters_and_record_are_one_line_each_and_the_others_checked(cli):
    result = cli("lint", "--grammar", "off", "--format", "json", "--select", "T002",
                 "missing.txt", "a.txt", "gone/b.md")
    assert result.exit_code == 2
    assert "followup: error: missing.txt: no such file or folder" in result.stderr
    assert "followup: error: gone/b.md: no such file or folder" in result.stderr
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["a.txt"]
    record = cli("lint", "--grammar", "off", "--format", "json", "--select", "T002",
                 "a.txt", "--record", "nope.yaml")
    assert record.exit_code == 2
    assert "followup: error: nope.yaml: record file not found" in record.stderr
    assert [f["path"] for f in json.loads(record.stdout)["findings"]] == ["a.txt"]


def test_real_usage_errors_keep_clicks_message_without_a_traceback(cli):
    for args, message in ((["lint", "a.txt", "--bogus"], "No such option '--bogus'"),
                          (["nosuchcommand"], "No such command 'nosuchcommand'"),
                          (["lint", "--select"], "Option '--select' requires an argument"),
                          (["lint", "a.txt", "--today", "soon"], "'soon' is not a date")):
        result = cli(*args)
        assert result.exit_code == 2, args
        assert message in result.output
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


# --- unreadable, as root too ---------------------------------------------------------------

def _deny_open(monkeypatch: pytest.MonkeyPatch, denied: str) -> None:
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if isinstance(file, str | Path) and Path(file).name == denied:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    monkeypatch.setattr(io, "open", guarded)  # what pathlib's read_text calls


def test_an_unreadable_named_letter_is_one_line_and_the_others_checked(cli, tmp_path,
                                                                       monkeypatch):
    (tmp_path / "secret.txt").write_text(LETTER, encoding="utf-8")
    _deny_open(monkeypatch, "secret.txt")
    result = cli("lint", "--grammar", "off", "--format", "json", "--select", "T002",
                 "secret.txt", "a.txt")
    assert result.exit_code == 2, result.output
    assert "followup: error: secret.txt: permission denied" in result.stderr
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["a.txt"]


def test_an_unreadable_config_and_record_are_one_line(cli, tmp_path, monkeypatch):
    (tmp_path / "locked.toml").write_text("fail_on = 'error'\n", encoding="utf-8")
    (tmp_path / "locked.yaml").write_text(RECORD, encoding="utf-8")
    _deny_open(monkeypatch, "locked.toml")
    _one_line(cli("lint", "--grammar", "off", "a.txt", "--config", "locked.toml"),
              "locked.toml: cannot read configuration: Permission denied")
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    real_read_bytes = Path.read_bytes

    def guarded(self):
        if self.name == "locked.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    result = cli("lint", "--grammar", "off", "--format", "json", "--select", "T002",
                 "a.txt", "--record", "locked.yaml")
    assert result.exit_code == 2
    assert "followup: error: locked.yaml: cannot read record: Permission denied" in \
        result.stderr
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["a.txt"]


def _deny_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """`folder` cannot be listed, nor anything inside it looked at (no x, no r bit)."""
    real_scandir, real_stat = os.scandir, os.stat
    locked = str(folder.resolve())

    def inside(path) -> bool:
        text = os.path.abspath(os.fspath(path)) if not isinstance(path, int) else ""
        return text == locked or text.startswith(locked + os.sep)

    def scandir(path="."):
        if inside(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    def stat(path, *args, **kwargs):
        if not isinstance(path, int) and os.path.abspath(os.fspath(path)).startswith(
                locked + os.sep):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat)


def test_an_unreadable_subfolder_is_a_notice_and_c005_still_runs(cli, tmp_path, monkeypatch):
    (tmp_path / "app" / "thanks.txt").write_text(GOOD_LETTER, encoding="utf-8")
    (tmp_path / "app" / "locked").mkdir()
    (tmp_path / "app" / "locked" / "hidden.txt").write_text(LETTER, encoding="utf-8")
    _deny_folder(monkeypatch, tmp_path / "app" / "locked")
    result = cli("lint", "--grammar", "off", "--format", "json", "--select", "C005,T002",
                 "--today", "2026-11-22", "app")
    assert "Traceback" not in result.output
    assert "app/locked: skipped, cannot read the folder: Permission denied" in result.stderr
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert "C005" in codes  # the checks across letters ran on what could be read
    assert "All good" not in result.output


def test_a_named_letter_inside_an_unreadable_folder_is_one_line(cli, tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(LETTER, encoding="utf-8")
    _deny_folder(monkeypatch, tmp_path / "locked")
    result = cli("lint", "--grammar", "off", "--format", "json", "--select", "T002",
                 "locked/b.txt", "a.txt")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "followup: error: locked/b.txt: permission denied (cannot enter its folder)" in \
        result.stderr
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["a.txt"]


def test_a_fifo_named_as_a_letter_is_one_line(cli, tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    result = cli("lint", "--grammar", "off", "--format", "json", "--select", "T002",
                 "pipe.txt", "a.txt")
    assert result.exit_code == 2
    assert "followup: error: pipe.txt: not a regular file" in result.stderr
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["a.txt"]
