"""Issue 10: the reading layer and the offline rules under random input (hypothesis).

No exception escapes (only a one-line UserError), every finding's span lies inside the file
and, for the rules that quote what they found, points at exactly those characters, and the
time a letter takes grows linearly with its length.
"""

from __future__ import annotations

import re
import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.config import Config
from followup.errors import UserError
from followup.linter import LintRequest, lint
from followup.source import read_document

FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SUFFIXES = st.sampled_from(["a.txt", "a.md", "a.eml"])

words = st.sampled_from(["Dear", "Nick", "Thanks", "recieve", ":)", "[Company]", "hey",
                         "gonna", "Acme", "*", "**", "_", "`", "#", "> ", "- ", "<!--", "-->",
                         "[a](b)", "&amp;", "\\", "é", "😀", "\u202e", "\t", "=C3=A9", "=\n",
                         "--", "-- \n", "On Monday Nick wrote:", "\r\n", "\n", "\n\n", " "])
markdownish = st.lists(words, max_size=80).map("".join)
front = st.builds(lambda k, v, body: f"---\n{k}: {v}\n---\n{body}",
                  st.sampled_from(["kind", "to", "date", "record", "subject", "x"]),
                  st.sampled_from(["thank-you", "Nick", "2026-11-20", "'", "[", "{a: b}", ""]),
                  markdownish)
email = st.builds(
    lambda headers, cte, body: headers + f"Content-Transfer-Encoding: {cte}\n\n" + body,
    st.sampled_from(["From: a@b.example\nTo: Nick <n@acme.example>\nSubject: x\n",
                     "To: n@acme.example\nContent-Type: text/html; charset=utf-8\n",
                     "To: n@acme.example\nContent-Type: text/plain; charset=latin-1\n",
                     'Content-Type: multipart/alternative; boundary="b"\n\n--b\n'
                     "Content-Type: text/plain\n"]),
    st.sampled_from(["7bit", "quoted-printable", "base64", "8bit"]), markdownish)
texts = st.one_of(st.text(max_size=400), markdownish, front, email)
inputs = st.one_of(st.binary(max_size=400), texts.map(lambda t: t.encode("utf-8")))


def _run(name: str, data: bytes):
    request = LintRequest(paths=["-"], config=Config(grammar="off"), stdin=data,
                          stdin_filename=name, today=date(2026, 11, 20))
    return lint(request)


@FUZZ
@given(name=SUFFIXES, data=inputs)
def test_reading_never_raises_anything_but_a_user_error(name, data):
    try:
        read_document(name, data=data)
    except UserError as exc:
        assert "\n" not in str(exc)


QUOTED = re.compile(r"'([^']+)'")


@FUZZ
@given(name=SUFFIXES, data=inputs)
def test_findings_lie_inside_the_file_and_point_at_what_they_name(name, data):
    result = _run(name, data)
    assert all("\n" not in str(e) for e in result.errors)
    if not result.documents:
        return
    document = result.documents[0]
    lines = document.file_text.split("\n")
    for finding in result.findings:
        assert 1 <= finding.line <= finding.end_line <= len(lines)
        first = lines[finding.line - 1].rstrip("\r")
        assert 1 <= finding.column <= len(first) + 1
        last = lines[finding.end_line - 1].rstrip("\r")
        assert 1 <= finding.end_column <= len(last) + 1
        if finding.line == finding.end_line:
            assert finding.column <= finding.end_column
        named = QUOTED.search(finding.message)
        if (name == "a.txt" and finding.code in ("T002", "C004") and named
                and finding.line == finding.end_line):
            assert first[finding.column - 1:finding.end_column - 1] == named.group(1)


ADVERSARIAL = ["*", ":)", "(", "a.", "[x](", "<!--", "`", "_a_", "&amp;", "=C3=A9 ", "é ",
               "Dear Nick, ", "!!", "\\*", "> ", "- [ ] ",
               # emoticons: one T002 finding each, so de-duplicating findings must be
               # N log N (8,000 ':)' took 13 s when every finding was compared with every other)
               ";-)", ":D", "<3", ":-(", "^_^", ":P", "😀",
               # a `<` starting no autolink or tag, a URL before every star, one long word
               "<https:", "<b", "www.x *", "ab", "xq@"]


@pytest.mark.parametrize("unit", ADVERSARIAL)
def test_time_is_linear_in_the_input(unit):
    """4x the input takes well under the 16x of quadratic work: at most 10x (best of three,
    plus a margin for a busy machine)."""
    def timed(count: int) -> float:
        data = ("Dear Nick,\n\nThank you. " + unit * count + "\n\nBest regards,\nJo\n").encode()
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            for name in ("a.txt", "a.md"):
                _run(name, data)
            best = min(best, time.perf_counter() - started)
        return best

    timed(10)  # warm the pipeline and lexicons
    small, large = timed(2000), timed(8000)
    assert large < 10 * small + 1.0, (unit, small, large)


_INLINE_WORDS = st.sampled_from(["Dear", "Nick", " ", "1.", "2)", "+", "-", "*", "_", "~~",
                                 "`", "#", ">", "[a](b)", "<b>", "<x@y.z>", "&amp;", "\\",
                                 "https://a.example/*x*", "é", "😀", "\t", "x_y"])


@FUZZ
@given(text=st.one_of(st.lists(_INLINE_WORDS, max_size=30).map("".join),
                      st.text(max_size=120).map(lambda t: t.replace("\n", " "))))
def test_markdown_lines_without_markup_take_the_short_way_to_the_same_line(text):
    """A Markdown line with no syntax character is kept as it is: the same characters at
    the same places as the full stripping gives."""
    from followup.document import Line
    from followup.source import _strip_inline, _strip_markup

    line = Line(text, list(range(len(text))), list(range(1, len(text) + 1)), 3)
    fast_headings: set[int] = set()
    full_headings: set[int] = set()
    fast, full = _strip_inline(line, fast_headings), _strip_markup(line, full_headings)
    assert (fast.chars, fast.starts, fast.ends, fast_headings) == (
        full.chars, full.starts, full.ends, full_headings)
