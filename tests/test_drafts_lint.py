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


# Names as people have them, one interviewer per shape: Irish Ó and Nic Giolla, Dutch
# van der, Spanish de la, Arabic bin and al-, a family name written first (recorded as
# given_name/family_name), and a nickname in quotes with no honorific.
NAME_SHAPES = """\
company: Harbourline Instruments
position: Firmware Engineer
interview_date: 2026-11-30
decision_date: 2026-12-11
interviewers:
  - {name: Aoife Ó Ceallaigh, honorific: Ms., title: Engineering Manager,
     topics: [firmware update pipeline, on-call rotation]}
  - {name: Máire Nic Giolla Bhríde, honorific: Mrs., title: Head of Test,
     topics: [hardware-in-the-loop testing]}
  - {name: Joost van der Linden, honorific: Mr., title: CTO,
     topics: [the move to Rust for new drivers]}
  - {name: María de la Fuente, honorific: Dr., title: Research Scientist,
     topics: [battery life on deep-sea sensors]}
  - {name: Yusuf bin Hamid, honorific: Mr., title: QA Lead, topics: [code review culture]}
  - {name: Layla al-Amin, honorific: Dr., title: Principal Engineer,
     topics: [sonar signal processing]}
  - {name: Phạm Văn Đức, given_name: Văn Đức, family_name: Phạm, honorific: Mr.,
     title: Staff Engineer, topics: [reducing boot time]}
contacts:
  - {name: Olu Adeyemi, title: Recruiter, email: olu@harbourline.example}
references:
  - {name: Robert "Rob" Keane, title: Former manager, email: rob@example.org}
"""
GREETINGS = {
    "aoife-o-ceallaigh": "Dear Ms. Ó Ceallaigh,",
    "maire-nic-giolla-bhride": "Dear Mrs. Nic Giolla Bhríde,",
    "joost-van-der-linden": "Dear Mr. van der Linden,",
    "maria-de-la-fuente": "Dear Dr. de la Fuente,",
    "yusuf-bin-hamid": "Dear Mr. bin Hamid,",
    "layla-al-amin": "Dear Dr. al-Amin,",
    "pham-van-duc": "Dear Mr. Phạm,",
    "robert-rob-keane": "Dear Robert Keane,",
    "olu-adeyemi": "Dear Olu Adeyemi,",  # the recruiter, for the status inquiry
}


def test_drafts_to_every_name_shape_pass_lint(application: Path, use_server):
    folder = application / "shapes"
    folder.mkdir()
    (folder / "interview.yaml").write_text(NAME_SHAPES, encoding="utf-8")
    out = folder / "drafts"
    runner = CliRunner()
    # the e-mails on the day, the printed letters the day after (their wording differs)
    for template, options in (("thank-you-email", ["--date", "2026-11-30", "--all"]),
                              ("thank-you-letter", ["--date", "2026-12-01", "--all",
                                                    "--format", "txt"]),
                              ("reference-heads-up", ["--date", "2026-11-30", "--all"]),
                              ("status-inquiry", ["--date", "2026-12-14"])):
        args = ["draft", template, "--record", str(folder / "interview.yaml"), "--out",
                str(out), *options]
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (template, result.output)
    written = sorted(out.iterdir())
    assert len(written) == 7 + 7 + 1 + 1
    for path in written:
        text = path.read_text("utf-8")
        slug = next((s for s in GREETINGS if path.stem.endswith(s)), path.stem)
        assert f"\n{GREETINGS.get(slug)}\n" in text, (path.name, text)
        assert '"' not in text.split("---\n")[-1], text  # no quoted nickname in the letter
    letter = (out / "thank-you-letter-robert-rob-keane.txt")
    assert not letter.exists()  # a reference gets no thank-you letter
    heads_up = (out / "reference-heads-up-robert-rob-keane.md").read_text("utf-8")
    assert "Olu Adeyemi, the recruiter." in heads_up and "a panel of seven" in heads_up
    assert "(" not in heads_up  # titles in words, never in brackets
    report = lint_json(str(out), "--today", "2026-12-01")
    serious = [f for f in report["findings"] if f["severity"] in ("warning", "error")]
    assert serious == [], json.dumps(serious, indent=1)
    assert not [f for f in report["findings"] if f["code"] == "C006"]
