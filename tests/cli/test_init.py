"""`followup init`: a valid interview.yaml from flags, or by asking on a real terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

from click.testing import CliRunner

from followup.cli import main
from followup.records import load_record

REPO = Path(__file__).resolve().parents[2]
FLAGS = ["--company", "Acme Corporation", "--position", "Packaging Manager: nights",
         "--date", "2026-11-20T10:00", "--interviewer", "Nick Claus <nick.claus@acme.example>",
         "--interviewer", "Siobhán O'Brien", "--decision-date", "2026-12-01"]


def init(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["init", *args])
    return result.exit_code, result.stdout, result.stderr


def test_from_flags(tmp_path: Path) -> None:
    code, out, err = init(str(tmp_path / "acme"), *FLAGS)
    assert code == 0 and err == ""
    path = tmp_path / "acme" / "interview.yaml"
    assert out == f"wrote {path}\n"
    record = load_record(path)
    assert record.company == "Acme Corporation" and record.position == "Packaging Manager: nights"
    assert record.interview_date == datetime(2026, 11, 20, 10, 0)
    assert [(p.name, p.email) for p in record.interviewers] == [
        ("Nick Claus", "nick.claus@acme.example"), ("Siobhán O'Brien", None)]
    assert record.decision_date == date(2026, 12, 1)
    assert "interview_date: 2026-11-20T10:00\n" in path.read_text(encoding="utf-8")


def test_the_record_works_with_plan(tmp_path: Path) -> None:
    init(str(tmp_path), *FLAGS)
    result = CliRunner().invoke(main, ["plan", "--today", "2026-11-20", str(tmp_path)])
    assert "thank-you to Siobhán O'Brien" in result.stdout and result.exit_code == 0


def test_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "interview.yaml").write_text("mine\n", encoding="utf-8")
    code, _, err = init(str(tmp_path), *FLAGS)
    assert code == 2 and err.count("\n") == 1 and "a record already exists" in err
    assert (tmp_path / "interview.yaml").read_text(encoding="utf-8") == "mine\n"


def test_missing_fields_without_a_terminal(tmp_path: Path) -> None:
    code, _, err = init(str(tmp_path), "--company", "Acme")
    assert code == 2 and err.count("\n") == 1
    assert "missing --position, --date, --interviewer (not a terminal" in err
    assert not (tmp_path / "interview.yaml").exists()


def test_bad_values_are_one_line(tmp_path: Path) -> None:
    for flags, problem in ((["--date", "Nov 20"], "'Nov 20' is not a date"),
                           (["--interviewer", "Nick <not-an-address>"], "is not 'Name <email>'"),
                           (["--interviewer", "<nick@acme.example>"], "has no name"),
                           (["--decision-date", "2026-12-01T10:00"], "use YYYY-MM-DD)")):
        code, _, err = init(str(tmp_path), *FLAGS, *flags)
        assert code == 2 and problem in err and err.count("\n") == 1, err
    assert not (tmp_path / "interview.yaml").exists()


def _read_until(fd: int, wanted: str, seen: list[str], timeout: float = 20) -> None:
    end = time.monotonic() + timeout
    while wanted not in "".join(seen):
        left = end - time.monotonic()
        assert left > 0, f"no {wanted!r} in {''.join(seen)!r}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                seen.append(os.read(fd, 4096).decode("utf-8", "replace"))
            except OSError:
                break


def test_asks_on_a_real_terminal_and_checks_as_it_goes(tmp_path: Path) -> None:
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    process = subprocess.Popen([sys.executable, "-m", "followup", "init", str(tmp_path),
                                "--company", "Acme Corporation"],
                               stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    seen: list[str] = []
    try:
        for prompt, answer in (("Position (e.g.", "Analyst"),
                               ("Interview date", "Nov 20"),  # wrong: asked again
                               ("is not a date", "2026-11-20"),
                               ("Interviewer 1", ""),  # none yet: asked again
                               ("list at least one interviewer", "Nick Claus <nick@acme.example>"),
                               ("Interviewer 2", ""),
                               ("Decision date", "2026-12-01")):
            _read_until(master, prompt, seen)
            seen.clear()
            os.write(master, answer.encode() + b"\r")
        _read_until(master, "wrote", seen)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    record = load_record(tmp_path / "interview.yaml")
    assert record.position == "Analyst" and record.interview_date == date(2026, 11, 20)
    assert [p.email for p in record.interviewers] == ["nick@acme.example"]
    assert record.decision_date == date(2026, 12, 1)
