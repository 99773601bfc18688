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


# --- the indexed de-duplication decides exactly as comparing every pair did --------------

def _pairwise(findings):
    """The pairwise comparison `one_finding_per_span` replaced (quadratic): the oracle."""
    from followup.linter import _OWNS_SPAN, _PHRASE_RULES

    def overlaps(a, b):
        return (a.line, a.column) < (b.end_line, b.end_column) and \
            (b.line, b.column) < (a.end_line, a.end_column)

    def same_span(a, b):
        return (a.line, a.column, a.end_line, a.end_column) == \
            (b.line, b.column, b.end_line, b.end_column)

    kept = []
    for finding in findings:
        others = [o for o in findings if o.path == finding.path and o is not finding
                  and o.code != finding.code]
        if finding.code not in _OWNS_SPAN and any(
                o.code in _OWNS_SPAN and overlaps(finding, o) for o in others):
            continue
        if finding.code == "S001" and any(overlaps(finding, o) and o.code in _PHRASE_RULES
                                          for o in others):
            continue
        if finding.suggestions and any(
                same_span(finding, o) and o.suggestions and
                not set(o.suggestions) & set(finding.suggestions) and
                (o.severity.rank, o.code in _PHRASE_RULES, o.code) >
                (finding.severity.rank, finding.code in _PHRASE_RULES, finding.code)
                for o in others):
            continue
        kept.append(finding)
    return kept


def _findings():
    from hypothesis import strategies as st

    from followup.findings import Finding, Severity

    def make(path, line, column, lines, width, code, severity, suggestions):
        end_line = line + lines
        end_column = column + width if lines == 0 else 1 + width
        return Finding(path, line, column, end_line, end_column, code, code,
                       severity, "m", suggestions)

    one = st.builds(make, st.sampled_from(["a.txt", "b.txt"]), st.integers(1, 3),
                    st.integers(1, 6), st.sampled_from([0, 0, 0, 1]), st.integers(0, 3),
                    st.sampled_from(["C004", "S001", "T002", "N001", "L001", "G001"]),
                    st.sampled_from(list(Severity)),
                    st.sampled_from([(), ("x",), ("y",), ("x", "y")]))
    return st.lists(one, max_size=30)


def test_indexed_dedupe_matches_the_pairwise_one():
    from hypothesis import given, settings

    from followup.linter import one_finding_per_span

    @settings(max_examples=300, deadline=None, derandomize=True)
    @given(findings=_findings())
    def check(findings):
        assert [id(f) for f in one_finding_per_span(findings)] == \
            [id(f) for f in _pairwise(findings)]

    check()
