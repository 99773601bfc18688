"""Records and front matter are read by libyaml where PyYAML has it: every position must be
the one PyYAML's own reader gives, with non-ASCII text, CRLF line ends and the cases where
libyaml's marks are known to differ (a byte-order mark, an empty value in `[...]`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from followup import records, yamlnodes

pytestmark = pytest.mark.skipif(getattr(yaml, "CSafeLoader", None) is None,
                                reason="PyYAML without libyaml: only one reader to compare")


def _marks(node: yaml.Node | None) -> list[tuple[object, ...]]:
    """Every node's kind, value, start (index, line, column) and end index, in order."""
    out: list[tuple[object, ...]] = []
    for current in (yamlnodes.walk(node) if node is not None else ()):
        start, end = current.start_mark, current.end_mark
        value = current.value if isinstance(current, yaml.ScalarNode) else ""
        out.append((type(current).__name__, value, start.index, start.line, start.column,
                    end.index if isinstance(current, yaml.ScalarNode) else None))
    return out


TEXTS = [
    "to: Zoë Goodwin\nkind: thank-you\n",
    "to: Zoë Goodwin\r\nkind: thank-you\r\ndate: 2026-11-20\r\n",
    "to: 👩\u200d💼 Nguyễn Thị Minh\nrecord: ../interview.yaml\n",
    "name: Grace Ó Súilleabháin\r\ntopics: [café, naïve, 𝔘𝔫𝔦]\r\nnotes: |\r\n  ünï\r\n  two\r\n",
    "k: >\r\n  folded é\r\n  more\r\nz: 1\r\n",
    "k: v\r\n\r\n\r\nz: w",
    "\ufeffto: X\n",  # a byte-order mark: PyYAML counts it, libyaml does not
    "to: a\ufeffb\nk: v\n",
    "interviewers: [{name: , title: Dr}]\n",  # an empty value in a flow mapping
    "ca: [\na: ]\n",
    "decision_date:\ncompany: Acme\n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_compose_gives_pyyaml_positions(text: str) -> None:
    assert _marks(yamlnodes.compose(text)) == \
        _marks(yaml.compose(text, Loader=yaml.SafeLoader))


RECORD = """\
company: Société Générale Logistique
company_aliases: [SGL]
position: Responsable d'entrepôt
interview_date: 2026-11-20T10:00
interviewers:
  - name: Zoë Goodwin
    honorific: Ms.
    topics: [the café rota]
  - name: Nguyễn Thị Minh
    family_name: Nguyễn
    given_name: Minh
  - name: Grace Ó Súilleabháin
    topics: [the night shift]
"""

LETTER = """\
---
to: Zoë Godwin
kind: thank-you
date: 2026-11-20
---

Dear Ms. Goodwn,

Thank you for the tour of the Société Generale Logistique depot and for the café rota.

Best regards,
Jordan Lee
"""

BAD_RECORDS = {
    "bad-date/interview.yaml": RECORD.replace("2026-11-20T10:00", "2026-02-30"),
    "empty-name/interview.yaml": RECORD.replace(
        "  - name: Grace Ó Súilleabháin\n    topics: [the night shift]\n",
        "  - {name: , topics: [the night shift]}\n"),
    "unknown-field/interview.yaml": RECORD + "intervewers: []\n",
}


def _tree(write: Callable[..., Path], crlf: bool) -> None:
    def put(name: str, text: str) -> None:
        write(name, text.replace("\n", "\r\n").encode() if crlf else text.encode())

    put("acme/interview.yaml", RECORD)
    put("acme/thanks-zoe.md", LETTER)
    put("acme/thanks-grace.md", LETTER.replace("Zoë Godwin", "Grace O Suilleabhain")
        .replace("Ms. Goodwn", "Ms. Ó Súilleabháin"))
    for name, text in BAD_RECORDS.items():
        put(name, text)
        put(str(Path(name).parent / "note.md"), LETTER)


def _lint(lint_cli: Callable[..., Result]) -> dict[str, object]:
    records._CACHE.clear()  # read every record again, by the reader under test
    result = lint_cli("--format", "json", ".")
    assert result.exit_code in (1, 2), result.output
    report = json.loads(result.stdout)
    return {"findings": report["findings"], "errors": report["errors"],
            "stderr": result.stderr}


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_findings_and_errors_point_at_the_same_places_with_and_without_libyaml(
        write: Callable[..., Path], lint_cli: Callable[..., Result],
        monkeypatch: pytest.MonkeyPatch, crlf: bool) -> None:
    _tree(write, crlf)
    with_libyaml = _lint(lint_cli)
    monkeypatch.setattr(yamlnodes, "_FAST_LOADER", None)
    without = _lint(lint_cli)

    assert with_libyaml == without
    findings = with_libyaml["findings"]
    assert isinstance(findings, list)
    # the run did find what points into front matter and records, so the comparison is
    # not between two empty reports
    where = {(f["path"], f["code"], f["line"], f["column"], f["end_column"])
             for f in findings}
    # the misspelt To: name in the front matter ("to: Zoë Godwin": columns count characters)
    assert ("acme/thanks-zoe.md", "N001", 2, 9, 15) in where, where
    # the interviewer with no note, at their name in the record
    assert ("acme/interview.yaml", "C005", 9, 11, 26) in where, where
    assert [(e["path"], e["line"], e["column"]) for e in with_libyaml["errors"]] == [
        ("bad-date/interview.yaml", 4, 17),
        ("empty-name/interview.yaml", 12, 11),  # libyaml alone would say column 12
        ("unknown-field/interview.yaml", 14, 1),
    ]
