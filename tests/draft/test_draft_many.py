"""Issue 10, drafts at scale and after a crash: `--all` does work linear in the number of
interviewers, names too long for a file name are shortened with a stable hash, and the
temporary file a killed write left is removed on the next run (only ours, only stale)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from followup import atomic
from followup.commands.draft import draft_command
from followup.draft import output, variables


def _record(path: Path, names: list[str]) -> Path:
    path.write_text(yaml.safe_dump({
        "company": "Acme Corporation", "position": "Packaging Manager",
        "interview_date": "2026-11-20",
        "interviewers": [{"name": name, "topics": [f"topic {i}"]}
                         for i, name in enumerate(names)]}, allow_unicode=True),
        encoding="utf-8")
    return path


def _written(result) -> list[Path]:
    return [Path(line) for line in result.output.splitlines()
            if line.endswith((".md", ".txt"))]


# --- 4. --all is linear ------------------------------------------------------------------

@pytest.mark.parametrize("count", [40, 160])
def test_all_builds_each_person_once_not_once_per_letter(app, runner, tmp_path, monkeypatch,
                                                         count) -> None:
    """Counted, not timed: every interviewer's data is built a fixed number of times,
    however many letters there are (it was once per letter: quadratic)."""
    calls = {"n": 0}
    original = variables.person_bag

    def counting(*args, **kwargs):
        calls["n"] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(variables, "person_bag", counting)
    record = _record(tmp_path / "interview.yaml", [f"Person Number {i}" for i in range(count)])
    result = runner.invoke(draft_command, ["thank-you-email", "--record", str(record),
                                           "--all", "--format", "txt"])
    assert result.exit_code == 0, result.output
    assert len(_written(result)) == count
    assert calls["n"] <= 2 * count + 5  # the record's interviewers once, plus each `to`


def test_others_are_every_interviewer_but_the_addressee(app, runner, tmp_path) -> None:
    own = tmp_path / "tpl"
    own.mkdir()
    (own / "panel.j2").write_text(
        "{#-\ndescription: Panel.\nto: [interviewers]\neach: true\n-#}\n"
        "Dear {{ to.name }},\n\n{{ others | length }}: "
        "{{ others | map(attribute='name') | join(', ') }}; first {{ others[0].name }}, "
        "last {{ others[-1].name }}, {{ (others + ['x']) | length }}, "
        "{{ others[:1] | map(attribute='name') | join }}\n", encoding="utf-8")
    config = tmp_path / "followup.toml"
    config.write_text(f"template_dirs = [{str(own)!r}]\n", encoding="utf-8")
    record = _record(tmp_path / "interview.yaml", ["Ann Lee", "Bo Chen", "Cy Diaz"])
    result = runner.invoke(draft_command, ["panel", "--record", str(record), "--all",
                                           "--format", "txt", "--config", str(config)])
    assert result.exit_code == 0, result.output
    texts = {p.name: p.read_text("utf-8") for p in _written(result)}
    assert "2: Bo Chen, Cy Diaz; first Bo Chen, last Cy Diaz, 3, Bo Chen" in \
        texts["panel-ann-lee.txt"]
    assert "2: Ann Lee, Cy Diaz; first Ann Lee, last Cy Diaz, 3, Ann Lee" in \
        texts["panel-bo-chen.txt"]
    assert "2: Ann Lee, Bo Chen; first Ann Lee, last Bo Chen, 3, Ann Lee" in \
        texts["panel-cy-diaz.txt"]


def test_a_template_cannot_change_what_the_next_letter_sees(app, runner, tmp_path) -> None:
    """The record's data is shared by the letters of one run, so it is read-only."""
    own = tmp_path / "tpl"
    own.mkdir()
    (own / "greedy.j2").write_text(
        "{#-\ndescription: Greedy.\nto: [interviewers]\neach: true\n-#}\n"
        "Dear {{ to.name }},\n{{ record.topics.append('mine') }}\n", encoding="utf-8")
    config = tmp_path / "followup.toml"
    config.write_text(f"template_dirs = [{str(own)!r}]\n", encoding="utf-8")
    record = _record(tmp_path / "interview.yaml", ["Ann Lee", "Bo Chen"])
    result = runner.invoke(draft_command, ["greedy", "--record", str(record), "--all",
                                           "--config", str(config)])
    assert result.exit_code == 2
    assert "read-only" in result.output
    assert "Traceback" not in result.output


# --- 2. names too long for a file name ----------------------------------------------------

def test_long_names_are_shortened_stably_and_never_collide(app, runner, tmp_path) -> None:
    long_a = "Alexandra " + "Bartholomew-" * 25 + "Smith"      # about 320 characters
    long_b = "Alexandra " + "Bartholomew-" * 25 + "Jones"      # the same start
    accents = "Zoë " + "é" * 140 + " Núñez"                    # over 255 bytes of UTF-8
    assert len(accents.encode("utf-8")) > 255
    record = _record(tmp_path / "interview.yaml", [long_a, long_b, accents, "Ann Lee"])
    out = tmp_path / "out"
    first = runner.invoke(draft_command, ["thank-you-email", "--record", str(record),
                                          "--all", "--out", str(out)])
    assert first.exit_code == 0, first.output
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 4
    assert "thank-you-ann-lee.md" in names  # short names are left alone
    for name in names:
        assert len(name.encode("utf-8")) <= output.MAX_NAME_BYTES
        assert name.startswith("thank-you-") and name.endswith(".md")
    assert any(n.startswith("thank-you-alexandra-bartholomew-") for n in names)
    assert any(n.startswith("thank-you-zoe-eeee") for n in names)
    again = runner.invoke(draft_command, ["thank-you-email", "--record", str(record),
                                          "--all", "--out", str(tmp_path / "again")])
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in (tmp_path / "again").iterdir()) == names
    # the rerun into the same folder finds the same names: it refuses, never adds more
    rerun = runner.invoke(draft_command, ["thank-you-email", "--record", str(record),
                                          "--all", "--out", str(out)])
    assert rerun.exit_code == 2 and "already exists" in rerun.output
    assert sorted(p.name for p in out.iterdir()) == names


# --- 3. the temporary file a killed write left ------------------------------------------

def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_stale_temp_files_of_a_killed_write_are_removed_on_the_next_run(
        app, runner, tmp_path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = _dead_pid()
    now = time.time()
    files = {
        # ours, left by a process that is gone, two minutes ago: removed
        f".thank-you-nick-claus.md.{dead}-abcd_123.tmp": (now - 120, False),
        # ours, over an hour old, whoever wrote it: removed
        f".thank-you-other.md.{os.getppid()}-zzzzzzzz.tmp": (now - 7200, False),
        # ours, of a process that is gone, but seconds old (maybe another host): kept
        f".report.json.{dead}-qwertyui.tmp": (now - 5, True),
        # ours, a running writer, a few minutes old: kept
        f".thank-you-jo.md.{os.getppid()}-asdfghjk.tmp": (now - 300, True),
        # the user's files, however old: kept
        ".notes.tmp": (now - 7200, True),
        "draft.12345-abcdefgh.tmp": (now - 7200, True),
        ".thank-you-nick-claus.md.abcdefgh.tmp": (now - 7200, True),
        "thank-you-nick-claus.md.tmp": (now - 7200, True),
    }
    for name, (mtime, _kept) in files.items():
        (out / name).write_text("half", encoding="utf-8")
        os.utime(out / name, (mtime, mtime))
    os.mkdir(out / f".folder.md.{dead}-abcdefgh.tmp")  # not a regular file: kept
    os.utime(out / f".folder.md.{dead}-abcdefgh.tmp", (now - 7200, now - 7200))
    result = runner.invoke(draft_command, ["thank-you-email", "--record", "five/interview.yaml",
                                           "--to", "Nick", "--out", str(out)])
    assert result.exit_code == 0, result.output
    left = {p.name for p in out.iterdir()}
    for name, (_mtime, kept) in files.items():
        assert (name in left) == kept, name
    assert f".folder.md.{dead}-abcdefgh.tmp" in left
    assert "thank-you-nick-claus.md" in left
    assert not [n for n in left if n.endswith(".tmp") and str(os.getpid()) in n]


def test_lint_output_cleans_its_folder_too(tmp_path, monkeypatch) -> None:
    from followup.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Dear Nick,\n\nThanks for it.\n", encoding="utf-8")
    stale = tmp_path / "reports" / f".r.json.{_dead_pid()}-abcdefgh.tmp"
    stale.parent.mkdir()
    stale.write_text("{", encoding="utf-8")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    result = CliRunner().invoke(main, ["lint", "--grammar", "off", "a.txt", "--format",
                                       "json", "-o", "reports/r.json"])
    assert result.exit_code in (0, 1), result.output
    assert not stale.exists()
    assert (tmp_path / "reports" / "r.json").read_text("utf-8").startswith("{")


def test_each_folder_is_cleaned_once_per_run(tmp_path, monkeypatch) -> None:
    scans = {"n": 0}
    original = os.scandir

    def counting(path):
        scans["n"] += 1
        return original(path)

    monkeypatch.setattr(atomic.os, "scandir", counting)
    for i in range(20):
        atomic.write_text_atomic(tmp_path / f"f{i}.txt", "x", durable=False)
    assert scans["n"] == 1
