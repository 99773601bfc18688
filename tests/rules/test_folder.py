"""C005-C006: checks across an application tree (`followup lint FOLDER`)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from followup.config import Config
from followup.findings import Finding, Severity
from followup.linter import LintRequest, lint
from followup.rules.folder import similarity

RECORD = """\
company: Globex Corporation
position: Supply Chain Analyst
interview_date: 2026-11-17T14:00
interviewers:
  - name: Renée Laurent
    honorific: Ms.
    email: renee.laurent@globex.example
    topics: [carrier contracts]
  - name: Kwame Mensah-Bonsu
    honorific: Mr.
    email: kwame.mensah-bonsu@globex.example
    topics: [warehouse slotting]
"""

SAME = ("Thank you for taking the time to meet with me today about the Supply Chain Analyst "
        "position. I enjoyed learning how your team works with its carriers, and I left even "
        "more excited about the role.\n\nThank you again for your time. I look forward to "
        "hearing from you.")


def note(salutation: str, body: str = SAME, to: str | None = None) -> str:
    front = "---\nkind: thank-you\ndate: 2026-11-17\n" + (f"to: {to}\n" if to else "") + "---\n"
    return f"{front}{salutation}\n\n{body}\n\nBest regards,\nJordan Lee\n"


def run(tmp_path: Path, files: dict[str, str], paths: tuple[str, ...] = (".",),
        today: date = date(2026, 11, 20), context: bool = True) -> list[Finding]:
    for relative, content in files.items():
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    result = lint(LintRequest(paths=[str(tmp_path / p) for p in paths], config=Config(),
                              select=["C005", "C006"], today=today, grammar="off",
                              context=context))
    assert not result.errors, result.errors
    return result.findings


# --- C005 missing-thank-you ----------------------------------------------------------------

def test_interviewer_without_a_note(tmp_path: Path) -> None:
    findings = run(tmp_path, {"globex/interview.yaml": RECORD,
                              "globex/renee.md": note("Dear Ms. Laurent,")})
    [finding] = findings
    assert finding.code == "C005" and finding.severity is Severity.INFO
    assert finding.path.endswith("interview.yaml") and finding.line == 9
    assert "no thank-you note to Kwame Mensah-Bonsu" in finding.message


def test_every_interviewer_thanked(tmp_path: Path) -> None:
    other = ("Thank you for walking me through warehouse slotting and the SQL exercise. "
             "Our talk about pick paths gave me two ideas I would like to try.")
    assert run(tmp_path, {"globex/interview.yaml": RECORD,
                          "globex/renee.md": note("Dear Ms. Laurent,"),
                          "globex/kwame.md": note("Dear Mr. Mensah-Bonsu,", other)}) == []


def test_a_note_counts_by_its_to_field_or_a_misspelled_greeting(tmp_path: Path) -> None:
    assert run(tmp_path, {"globex/interview.yaml": RECORD,
                          "globex/renee.md": note("Dear Renee,", to="Renée Laurent"),
                          "globex/kwame.md": note("Dear Mr. Mensah-Bonsoo,",
                                                  "Thank you for the slotting talk.")}) == []


def test_an_application_with_no_notes_at_all(tmp_path: Path) -> None:
    findings = run(tmp_path, {"globex/interview.yaml": RECORD})
    assert [f.code for f in findings] == ["C005", "C005"]
    assert "no thank-you notes" in findings[0].message


def test_future_interviews_are_not_missing_notes(tmp_path: Path) -> None:
    assert run(tmp_path, {"globex/interview.yaml": RECORD}, today=date(2026, 11, 10)) == []


def test_linting_one_letter_alone_says_nothing_about_the_others(tmp_path: Path) -> None:
    findings = run(tmp_path, {"globex/interview.yaml": RECORD,
                              "globex/renee.md": note("Dear Ms. Laurent,"),
                              "globex/draft.txt": "Dear Kwame,\n\nNot finished yet.\n"},
                   paths=("globex/renee.md",), context=False)
    assert findings == []


def test_one_letter_is_checked_with_its_application(tmp_path: Path) -> None:
    """Named, a letter is read with the rest of its application: the draft is no
    thank-you note, so Kwame still has none (reported at the record, not the draft)."""
    findings = run(tmp_path, {"globex/interview.yaml": RECORD,
                              "globex/renee.md": note("Dear Ms. Laurent,"),
                              "globex/draft.txt": "Dear Kwame,\n\nNot finished yet.\n"},
                   paths=("globex/renee.md",))
    assert [(f.code, Path(f.path).name, "Kwame" in f.message) for f in findings] == [
        ("C005", "interview.yaml", True)]


def test_other_kinds_are_not_thank_you_notes(tmp_path: Path) -> None:
    inquiry = note("Dear Mr. Mensah-Bonsu,").replace("kind: thank-you", "kind: status-inquiry")
    findings = run(tmp_path, {"globex/interview.yaml": RECORD,
                              "globex/renee.md": note("Dear Ms. Laurent,"),
                              "globex/kwame.md": inquiry})
    assert [f.code for f in findings] == ["C005"]


# --- C006 duplicate-note --------------------------------------------------------------------

def test_near_duplicate_notes_to_two_interviewers(tmp_path: Path) -> None:
    findings = run(tmp_path, {"globex/interview.yaml": RECORD,
                              "globex/a-renee.md": note("Dear Ms. Laurent,"),
                              "globex/b-kwame.md": note("Dear Mr. Mensah-Bonsu,",
                                                        SAME.replace("today", "this afternoon"))})
    [finding] = findings
    assert finding.code == "C006" and finding.severity is Severity.WARNING
    assert finding.path.endswith("b-kwame.md") and finding.line == 7
    assert "to Kwame Mensah-Bonsu is" in finding.message and "a-renee.md" in finding.message
    assert "warehouse slotting" in finding.message


def test_customised_notes_are_not_duplicates(tmp_path: Path) -> None:
    other = ("Thank you for walking me through warehouse slotting and the SQL exercise "
             "this afternoon. Our talk about pick paths gave me two ideas I would like to "
             "try.\n\nI look forward to hearing from you.")
    assert run(tmp_path, {"globex/interview.yaml": RECORD,
                          "globex/a-renee.md": note("Dear Ms. Laurent,"),
                          "globex/b-kwame.md": note("Dear Mr. Mensah-Bonsu,", other)}) == []


def test_two_notes_to_the_same_person_are_not_c006(tmp_path: Path) -> None:
    findings = run(tmp_path, {"globex/interview.yaml": RECORD,
                              "globex/a.md": note("Dear Ms. Laurent,"),
                              "globex/b.md": note("Dear Renée,")})
    assert [f.code for f in findings] == ["C005"]


def test_similarity_ignores_nothing_but_is_bounded() -> None:
    assert similarity("same text", "same text") == 1.0
    assert similarity("", "x") == 0.0
    assert similarity("thank you for the tour", "a different note entirely") < 0.6


def test_example_tree_shows_c005_and_c006(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[2] / "examples" / "applications"
    tree = tmp_path / "applications"
    shutil.copytree(source, tree)
    result = lint(LintRequest(paths=[str(tree)], config=Config(), select=["C005", "C006"],
                              today=date(2026, 11, 23), grammar="off"))
    found = sorted((Path(f.path).parent.name, Path(f.path).name, f.code)
                   for f in result.findings)
    assert found == [
        ("acme-packaging-manager", "interview.yaml", "C005"),
        ("globex-supply-chain-analyst", "thank-you-renee-laurent.md", "C006"),
    ]


def test_a_large_folder_sends_who_each_note_is_to_back_from_its_workers(
        tmp_path: Path, monkeypatch) -> None:
    """In parallel, C005 and C006 find the same as in one process, and the main process
    does not analyse the workers' notes' names again: the workers send what they worked
    out."""
    import os

    from followup.linter import PARALLEL_MIN
    from followup.rules import folder

    files = {"globex/interview.yaml": RECORD}
    for i in range(PARALLEL_MIN + 20):
        salutation = "Dear Ms. Laurent," if i % 2 else "Dear Mr. Mensah-Bonsu,"
        files[f"globex/note-{i:03}.md"] = note(salutation, SAME.replace("today", f"on day {i}"))
    main, analysed = os.getpid(), []
    original = folder.analyse

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        if os.getpid() == main:
            analysed.append(args[0].path)
        return original(*args, **kwargs)

    monkeypatch.setattr(folder, "analyse", counted)
    monkeypatch.setenv("FOLLOWUP_JOBS", "1")
    sequential = run(tmp_path, files)
    analysed.clear()
    monkeypatch.setenv("FOLLOWUP_JOBS", "2")
    parallel = run(tmp_path, files)
    assert parallel == sequential and {f.code for f in parallel} == {"C006"}
    # This process checks the first letter (before the fork) and its own share; the
    # worker's share comes back analysed, and nothing is analysed twice.
    notes = PARALLEL_MIN + 20
    assert len(analysed) == len(set(analysed)) <= notes // 2 + 1


@pytest.mark.parametrize("threshold", [0.8, 0.3, 0.0])
def test_a_large_folder_scored_at_once_finds_the_pairs_scored_one_by_one(threshold: float
                                                                        ) -> None:
    """The batch (numpy lists the pairs, rapidfuzz scores them together) reports the same
    pairs, in the same order and with the same scores, as comparing each pair of notes to
    different people, named letters and empty bodies included."""
    import random
    from types import SimpleNamespace

    from followup.rules.folder import BATCH_MIN, _batch_scores, similarity

    rng = random.Random(3)
    sentences = ["thank you for the tour today.", "i enjoyed the talk about carriers.",
                 "the slotting plan was clever.", "i look forward to hearing from you.",
                 "NAME showed me the dock.", "the team was kind.", "i left excited."]
    notes = []
    for i in range(150):
        body = "" if i % 37 == 5 else " ".join(rng.sample(sentences, rng.randint(2, 6)))
        notes.append((SimpleNamespace(path=f"n{i}.md"), i % 3, body))
    context = frozenset({"n4.md", "n9.md", "n10.md"})
    batch = _batch_scores(notes, context, threshold)
    assert batch is not None and len(notes) ** 2 // 3 > BATCH_MIN
    expected = []
    for index, (document, person, body) in enumerate(notes):
        for earlier_index, (earlier, earlier_person, earlier_body) in enumerate(notes[:index]):
            if person == earlier_person or {document.path, earlier.path} <= context:
                continue
            score = similarity(body, earlier_body, threshold)
            if score >= threshold:
                expected.append((index, earlier_index, score))
    assert batch == expected and expected


def test_the_word_filter_in_blocks_of_rows_keeps_the_same_pairs(monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    """A folder too large for one matrix is compared in blocks of rows, with the same
    pairs and scores; more than 255 distinct words (symbols past 8 bits) included."""
    import random
    from types import SimpleNamespace

    from followup.rules import folder

    rng = random.Random(5)
    vocabulary = [f"w{n}" for n in range(400)]
    notes = [(SimpleNamespace(path=f"n{i}.md"), i % 4,
              " ".join(rng.choice(vocabulary[:40] if i % 2 else vocabulary)
                       for _ in range(rng.randint(20, 40)))) for i in range(160)]
    whole = folder._batch_scores(notes, frozenset(), 0.5)
    monkeypatch.setattr(folder, "ROWS", 7)
    assert folder._batch_scores(notes, frozenset(), 0.5) == whole and whole
    assert len({folder._symbol(n) for n in range(0xFFFF)}) == 0xFFFF
    assert folder._symbol(0xFFFF + 3) == folder._symbol(3)


def test_resolve_all_is_resolve(tmp_path, monkeypatch):
    """Each folder resolved once gives what `Path.resolve()` gives, links included."""
    from followup.safepath import resolve_all

    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.md").write_text("x")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "b.md").write_text("x")
    (tmp_path / "real" / "link.md").symlink_to(tmp_path / "other" / "b.md")
    (tmp_path / "alias").symlink_to(tmp_path / "real", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    paths = [Path("real/a.md"), Path("alias/a.md"), Path("alias/link.md"),
             Path("real/missing.md"), Path("real/../other/b.md"), Path("real/.."),
             tmp_path / "alias" / "a.md", Path(".")]
    assert resolve_all(paths) == {p.resolve() for p in paths}
