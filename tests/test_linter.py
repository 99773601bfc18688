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
