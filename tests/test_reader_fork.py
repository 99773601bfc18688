"""A folder run reads its letters in a forked process while spaCy loads: the same
result as reading them here, and the same again when that reader fails."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import followup.linter as linter
from followup.config import load_config
from followup.linter import LintRequest, lint

RECORD = """\
company: Brightwater Medical Supply
position: Warehouse Operations Supervisor
interview_date: 2026-11-20
interviewers:
  - name: Priya Patel
    honorific: Ms.
    title: Operations Director
  - name: Samuel Ortiz
    nicknames: [Sam]
"""


def _folder(tmp_path: Path) -> Path:
    app = tmp_path / "app"
    (app / "letters").mkdir(parents=True)
    (app / "interview.yaml").write_text(RECORD, encoding="utf-8")
    for index, name in enumerate(["Ms. Patel", "Sam", "Ms. Patell"]):
        (app / "letters" / f"l{index}.md").write_text(
            f"---\nrecord: ../interview.yaml\nkind: thank-you\n---\n\nDear {name},\n\n"
            "Thank you for the tour on Friday, I am gonna read up on it.\n\nBest,\nJo\n",
            encoding="utf-8")
    (app / "letters" / "bad.md").write_text("---\nkind: nonsense\n---\nHi.\n")
    (app / "letters" / "gone.md").write_text("---\nrecord: ../none.yaml\n---\nHi.\n")
    return app


def _run(folder: Path) -> tuple[list[str], list[str], list[str], int]:
    result = lint(LintRequest(paths=[str(folder)], config=load_config(None, discover=False),
                              grammar="off"))
    return ([repr(f) for f in result.findings], [str(e) for e in result.errors],
            result.notices, len(result.documents))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork")
def test_forked_reader_reads_as_this_process(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    monkeypatch.setattr(linter, "_cores", lambda: 2)
    forked = _run(folder)
    monkeypatch.setattr(linter, "_cores", lambda: 1)
    here = _run(folder)
    assert forked == here
    assert forked[3] == 4 and len(forked[1]) == 2  # bad.md not read; gone.md: no record


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork")
def test_failed_reader_reads_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    monkeypatch.setattr(linter, "_cores", lambda: 1)
    here = _run(folder)
    parent = os.getpid()
    read = linter._read_letters

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            raise RuntimeError("the reader breaks")
        return read(*args, **kwargs)

    monkeypatch.setattr(linter, "_read_letters", broken)
    monkeypatch.setattr(linter, "_cores", lambda: 2)
    assert _run(folder) == here


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork")
def test_forked_reader_hands_its_record_memo_over(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The records the reader read are in this process's memo: not read a second time."""
    from followup import records

    folder = _folder(tmp_path)
    monkeypatch.setattr(records, "_CACHE", {})
    monkeypatch.setattr(linter, "_cores", lambda: 2)
    parent = os.getpid()
    parse = records.parse_record
    parsed_here: list[Path] = []

    def counting(text: str, path: Path):  # type: ignore[no-untyped-def]
        if os.getpid() == parent:
            parsed_here.append(path)
        return parse(text, path)

    monkeypatch.setattr(records, "parse_record", counting)
    _run(folder)
    assert any(key[0] == (folder / "interview.yaml").resolve()
               for key in records.record_memo())
    assert parsed_here == []
