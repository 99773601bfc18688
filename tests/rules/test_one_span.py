"""One span, one finding; placeholders of every form; T003 and the kind of letter."""

from __future__ import annotations

from datetime import date

from followup.config import load_config
from followup.linter import LintRequest, lint


def run(tmp_path, name: str, text: str, select=None):
    path = tmp_path / name
    path.write_text(text)
    config = load_config(None, discover=False)
    return lint(LintRequest(paths=[str(path)], config=config, grammar="off",
                            today=date(2026, 11, 20), select=select)).findings


def test_every_placeholder_form_is_one_c004(tmp_path):
    text = ("Dear xx,\n\nThank you for the interview at {company}, ____ and (fill in the "
            "organization) for __(Name of Position)__ at <Company> [TODO: detail] XXX "
            "and working for xx.\n\nBest,\nAl\n")
    findings = run(tmp_path, "p.txt", text)
    c004 = [f for f in findings if f.code == "C004"]
    assert len(c004) == 9
    for finding in findings:
        if finding.code != "C004":
            assert not any(c.line == finding.line and c.column <= finding.column
                           < c.end_column for c in c004), finding


def test_kisses_at_the_end_are_not_a_slot(tmp_path):
    findings = run(tmp_path, "k.txt", "Hi Jo,\n\nThank you for today.\n\nLove, Al xx\n",
                   select=["C004"])
    assert findings == []


def test_t003_does_not_read_a_withdrawal_as_negative(tmp_path):
    text = ("Dear Joel,\n\nUnfortunately, I have decided that I will be staying in my current "
            "position, so I would like to withdraw my application. I don't think I would be "
            "able to move.\n\nRespectfully yours,\nCalvin\n")
    assert [f for f in run(tmp_path, "w.txt", text) if f.code == "T003"] == []


def test_inferred_kind_is_named_in_the_message(tmp_path):
    findings = run(tmp_path, "t.txt", "Dear Ann,\n\nThank you for your time today.\n\n"
                   "Best,\nBo\n", select=["C003"])
    assert findings and findings[0].message.endswith(
        "(read as a thank-you note; set `kind:` if it is not)")


def test_a_letter_without_body_gets_a_notice(tmp_path):
    path = tmp_path / "e.txt"
    path.write_text("Best regards,\nJane\n")
    result = lint(LintRequest(paths=[str(path)], config=load_config(None, discover=False),
                              grammar="off"))
    assert any(n.startswith(f"{path}: no letter body found") for n in result.notices)
