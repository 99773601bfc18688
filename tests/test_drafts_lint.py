"""Every built-in template, drafted for the example records, passes its own linter.

The drafts are linted with every rule, LanguageTool included (a real server), and the
per-interviewer thank-you notes must not be near-duplicates of each other.
"""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup.cli import main

from helpers import REPO

pytestmark = pytest.mark.languagetool

# template, options, the date it is written (after the interview on 2026-11-20 and, for a
# status inquiry, after the promised decision on 2026-12-01)
DRAFTS = [
    ("thank-you-email", ["--all"], "2026-11-20"),
    ("thank-you-letter", ["--all"], "2026-11-20"),
    ("reference-heads-up", ["--all"], "2026-11-20"),
    ("status-inquiry", [], "2026-12-03"),
    ("additional-documents", [], "2026-11-21"),
    ("rejection-reply", [], "2026-12-04"),
    ("networking-update", [], "2026-11-21"),
]


@pytest.fixture
def application(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "letters"
    shutil.copytree(REPO / "examples" / "acme", root / "acme")
    for stale in (root / "acme").glob("*.*"):
        if stale.name != "interview.yaml":
            stale.unlink()
    shutil.copy(REPO / "examples" / "profile.yaml", root / "profile.yaml")
    (root / ".git").mkdir()
    monkeypatch.chdir(root / "acme")
    monkeypatch.setenv("FOLLOWUP_GRAMMAR_CACHE", str(tmp_path / "grammar-cache"))
    return root


def draft_all(out: Path, fmt: str, record: Path | None = None) -> None:
    runner = CliRunner()
    for template, options, when in DRAFTS:
        args = ["draft", template, *options, "--out", str(out), "--format", fmt,
                "--date", when]
        if record is not None:
            args += ["--record", str(record)]
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (template, result.output)


def lint_json(*args: str) -> dict:
    result = CliRunner().invoke(main, ["lint", "--format", "json", "--grammar", "require",
                                       "--fail-on", "warning", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("fmt", ["md", "eml"])
def test_drafts_pass_their_own_linter(application: Path, use_server, fmt: str):
    out = application / "acme" / "drafts"
    draft_all(out, fmt)
    written = sorted(out.iterdir())
    assert len(written) >= 2 + 2 + 1 + 4  # two interviewers, one reference, four singles
    report = lint_json(str(out), "--today", "2026-11-20")
    serious = [f for f in report["findings"] if f["severity"] in ("warning", "error")]
    assert serious == [], json.dumps(serious, indent=1)
    assert report["summary"]["files"] == len(written)


def test_per_interviewer_notes_differ(application: Path):
    out = application / "acme" / "drafts"
    draft_all(out, "txt")
    notes = [p.read_text() for p in sorted(out.glob("thank-you-*"))
             if not p.name.startswith("thank-you-letter")]
    assert len(notes) == 2
    assert difflib.SequenceMatcher(None, *notes).ratio() < 0.8


def test_record_without_topics_leaves_a_marked_slot(application: Path, use_server):
    record = application / "acme" / "interview.yaml"
    text = record.read_text()
    bare = "\n".join(line for line in text.splitlines() if "topics:" not in line) + "\n"
    record.write_text(bare)
    out = application / "acme" / "drafts"
    draft_all(out, "md")
    report = lint_json(str(out), "--today", "2026-11-20")
    serious = {(Path(f["path"]).name, f["code"]) for f in report["findings"]
               if f["severity"] in ("warning", "error")}
    assert serious, "the unfinished slot must be reported"
    assert {code for _, code in serious} <= {"C004", "C001"}
    slotted = {name for name, code in serious if code == "C004"}
    assert {"thank-you-nick-claus.md", "thank-you-martha-okonkwo-reyes.md"} <= slotted
