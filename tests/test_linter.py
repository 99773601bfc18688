"""The lint loop's own decisions: one finding per word, specific rules over generic ones."""

from __future__ import annotations

from followup.findings import Finding, Severity
from followup.linter import _drop_generic_duplicates


def finding(code: str, column: int, end: int, message: str = "m", line: int = 3) -> Finding:
    return Finding("a.txt", line, column, line, end, code, code.lower(), Severity.WARNING,
                   message)


def test_languagetool_defers_to_the_specific_rule_on_the_same_words():
    ours = finding("T001", 10, 15, "informal 'gonna'")
    theirs = finding("G001", 10, 15, "The word 'gonna' is informal. [LT: GONNA]")
    speller = finding("S001", 1, 7, "Possible spelling mistake found. [LT: MORFOLOGIK]")
    name = finding("N001", 1, 7, "'Okonkwo-Reyse' differs from the recorded name")
    assert _drop_generic_duplicates([ours, theirs, speller, name]) == [ours, name]


def test_paragraph_level_findings_do_not_hide_grammar():
    whole_line = finding("C003", 1, 80, "never restates interest")
    grammar = finding("G001", 20, 22, "agreement [LT: HE_VERB_AGR]")
    assert _drop_generic_duplicates([whole_line, grammar]) == [whole_line, grammar]


def test_offline_spelling_is_never_dropped():
    offline = finding("S001", 5, 8, "'teh' is misspelled; did you mean 'the'?")
    informal = finding("T001", 5, 8, "informal")
    assert _drop_generic_duplicates([offline, informal]) == [offline, informal]


def test_a_large_folder_in_parallel_gives_the_same_findings(tmp_path, monkeypatch):
    from datetime import date

    from followup.config import Config
    from followup.linter import PARALLEL_MIN, LintRequest, lint

    bodies = ["Thanks so much :) gonna call you tomorrow.", "Thank you for the tour today.",
              "I recieve good reviews; sorry to bother you.", "Dear [Name], XXX"]
    for i in range(PARALLEL_MIN + 20):
        (tmp_path / f"letter-{i:03}.txt").write_text(
            f"Dear Nick,\n\n{bodies[i % 4]}\n\nBest regards,\nJordan\n")

    def run() -> list:
        request = LintRequest(paths=[str(tmp_path)], config=Config(grammar="off"),
                              today=date(2026, 11, 20))
        return lint(request).findings

    monkeypatch.setenv("FOLLOWUP_JOBS", "1")
    sequential = run()
    monkeypatch.setenv("FOLLOWUP_JOBS", "2")
    parallel = run()
    assert sequential == parallel and len(sequential) > PARALLEL_MIN
    assert [f.message for f in sequential] == [f.message for f in parallel]


def test_workers_only_for_large_offline_runs(monkeypatch):
    from followup.linter import PARALLEL_MIN, _Job, _workers
    from followup.rules.registry import find_rule

    monkeypatch.delenv("FOLLOWUP_JOBS", raising=False)
    small = _Job([object()] * 10, [], [find_rule("T002")], {}, set(), None)  # type: ignore
    assert _workers(small) == 1
    grammar = _Job([object()] * (PARALLEL_MIN * 4), [], [find_rule("G001")], {}, set(), None)
    assert _workers(grammar) == 1  # a server-backed rule's threads are never forked

