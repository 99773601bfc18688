"""Findings turned into LSP types: the ignore directive in each format really silences."""

from __future__ import annotations

from followup.config import Config
from followup.linter import LintRequest, lint
from followup.lsp.convert import directive_edit, finding_range


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _lint(path, data: bytes):
    result = lint(LintRequest(paths=["-"], config=Config(grammar="off"), select=["T001"],
                              stdin=data, stdin_filename=str(path)))
    return result.documents[0], result.findings


def _apply_insert(text: str, edit) -> str:
    lines = text.split("\n")
    line, character = edit.range.start.line, edit.range.start.character
    lines[line] = lines[line][:character] + edit.new_text + lines[line][character:]
    return "\n".join(lines)


def test_ignore_directive_silences_in_every_format(tmp_path):
    letters = {
        "a.md": "Dear Nick,\n\nThank you \u00e9\U0001F600 for the tour!! Truly.\n\nBest,\nJo\n",
        "a.txt": "Dear Nick,\n\nThank you for the tour!! Truly.\n\nBest,\nJo\n",
        "a.eml": "To: nick@acme.example\nSubject: Thanks\n\nDear Nick,\n\nThank you for the "
                 "tour!! Truly.\n\nBest,\nJo\n",
    }
    for name, text in letters.items():
        document, findings = _lint(tmp_path / name, text.encode())
        assert [f.code for f in findings] == ["T001"], name
        span = finding_range(document, findings[0], _units)
        line = text.split("\n")[span.start.line]
        assert line[:5] == "Thank"
        edit = directive_edit(document, findings[0], _units)
        silenced = _apply_insert(text, edit)
        _, left = _lint(tmp_path / name, silenced.encode())
        assert left == [], (name, silenced)
