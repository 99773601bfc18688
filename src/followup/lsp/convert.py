"""Findings as the editor sees them: diagnostics, hovers and code actions.

Positions: a finding's line and column count characters of the file; LSP counts in the
position encoding agreed at start-up (UTF-16 code units unless the client asks for
UTF-8 or UTF-32), so every column is re-counted over the line's text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from lsprotocol import types

from ..document import Document
from ..findings import Finding, Severity, is_safe
from ..fix import edit_for, plan_edits
from ..rules.registry import describe, find_rule

SOURCE = "followup"
ADD_WORD = "followup.addToVocabulary"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}

Units = Callable[[str], int]  # code units of a string in the client's encoding


def position(document: Document, line: int, column: int, units: Units) -> types.Position:
    """LSP position (0-based, client units) of a 1-based line and character column."""
    text = document.source_line(line)
    return types.Position(line=line - 1, character=units(text[: column - 1]))


def finding_range(document: Document, finding: Finding, units: Units) -> types.Range:
    return types.Range(start=position(document, finding.line, finding.column, units),
                       end=position(document, finding.end_line, finding.end_column, units))


def offset_range(document: Document, start: int, end: int, units: Units) -> types.Range:
    """The range of file offsets `[start, end)`."""
    s_line, s_col = document.position(start)
    e_line, e_col = document.position(end)
    return types.Range(start=position(document, s_line, s_col, units),
                       end=position(document, e_line, e_col, units))


def diagnostic(document: Document, finding: Finding, units: Units) -> types.Diagnostic:
    return types.Diagnostic(
        range=finding_range(document, finding, units),
        message=f"{finding.name}: {finding.message}",
        severity=_SEVERITY[finding.severity],
        code=finding.code,
        source=SOURCE,
        data={"suggestions": list(finding.suggestions),
              "safe": [is_safe(s) for s in finding.suggestions]},
    )


def error_diagnostic(message: str, line: int | None) -> types.Diagnostic:
    """An input problem (a malformed record or config) shown at the top of the letter:
    a check that cannot run must not look like a clean letter."""
    where = max(0, (line or 1) - 1) if line else 0
    return types.Diagnostic(
        range=types.Range(start=types.Position(line=where, character=0),
                          end=types.Position(line=where, character=0)),
        message=message, severity=types.DiagnosticSeverity.Error, source=SOURCE,
    )


def _contains(document: Document, finding: Finding, units: Units,
              where: types.Position) -> bool:
    span = finding_range(document, finding, units)
    start = (span.start.line, span.start.character)
    end = (span.end.line, span.end.character)
    return start <= (where.line, where.character) <= end


def _overlaps(document: Document, finding: Finding, units: Units,
              wanted: types.Range) -> bool:
    span = finding_range(document, finding, units)
    return (span.start.line, span.start.character) <= (wanted.end.line, wanted.end.character) \
        and (wanted.start.line, wanted.start.character) <= (span.end.line, span.end.character)


def hover(document: Document, findings: Iterable[Finding], units: Units,
          where: types.Position) -> types.Hover | None:
    """`followup rules CODE` for each finding under the cursor."""
    texts = []
    for finding in findings:
        if not _contains(document, finding, units, where):
            continue
        rule = find_rule(finding.code)
        if rule is not None:
            texts.append(f"**{finding.code} {finding.name}**: {finding.message}\n\n"
                         f"```text\n{describe(rule)}\n```")
    if not texts:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                    value="\n\n---\n\n".join(texts)))


def _title(document: Document, finding: Finding, suggestion: str) -> str:
    if not suggestion:
        start = document.position_offset(finding.line, finding.column)
        end = document.position_offset(finding.end_line, finding.end_column)
        return f"Remove '{document.file_text[start:end]}'"
    return f"Replace with '{suggestion}'"


def directive_edit(document: Document, finding: Finding, units: Units) -> types.TextEdit:
    """The directive that silences `finding.code` on its line: an HTML comment at the
    end of the line, or in an e-mail (whose body may be quoted-printable) a
    `# followup: ignore CODE` line of its own above it."""
    line = finding.line
    text = document.source_line(line)
    if document.format == "email":
        at = types.Position(line=line - 1, character=0)
        newline = "\r\n" if document.file_text.find("\r\n") != -1 else "\n"
        return types.TextEdit(range=types.Range(start=at, end=at),
                              new_text=f"# followup: ignore {finding.code}{newline}")
    at = types.Position(line=line - 1, character=units(text))
    return types.TextEdit(range=types.Range(start=at, end=at),
                          new_text=f" <!-- followup: ignore {finding.code} -->")


def code_actions(document: Document, findings: Iterable[Finding], uri: str, units: Units,
                 wanted: types.Range, vocabulary: Path | None) -> list[types.CodeAction]:
    """For each finding in the range: its suggestions (safe ones preferred), "ignore
    CODE on this line", and for a misspelling "add WORD to the vocabulary"."""
    actions: list[types.CodeAction] = []
    for finding in findings:
        if not _overlaps(document, finding, units, wanted):
            continue
        diag = diagnostic(document, finding, units)
        for suggestion in finding.suggestions:
            edit = edit_for(document, finding, suggestion)
            if edit is None:
                continue
            text_edit = types.TextEdit(
                range=offset_range(document, edit.start, edit.end, units),
                new_text=edit.replacement)
            actions.append(types.CodeAction(
                title=f"{_title(document, finding, suggestion)} ({finding.code})",
                kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
                is_preferred=is_safe(suggestion),
                edit=types.WorkspaceEdit(changes={uri: [text_edit]})))
        actions.append(types.CodeAction(
            title=f"Ignore {finding.code} on this line",
            kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
            edit=types.WorkspaceEdit(changes={uri: [directive_edit(document, finding,
                                                                   units)]})))
        if finding.code == "S001" and vocabulary is not None:
            start = document.position_offset(finding.line, finding.column)
            end = document.position_offset(finding.end_line, finding.end_column)
            word = document.file_text[start:end]
            if word.strip() and "\n" not in word:
                actions.append(types.CodeAction(
                    title=f"Add '{word}' to the vocabulary ({vocabulary.name})",
                    kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
                    command=types.Command(title=f"Add '{word}' to the vocabulary",
                                          command=ADD_WORD,
                                          arguments=[str(vocabulary), word])))
    return actions


FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.followup"


def fix_all_action(document: Document, findings: Iterable[Finding], uri: str,
                   units: Units) -> types.CodeAction | None:
    """Every safe fix that does not overlap another, as `lint --fix` makes its first
    round; what is left shows in the next diagnostics."""
    edits = plan_edits(document, findings)
    if not edits:
        return None
    text_edits = [types.TextEdit(range=offset_range(document, e.start, e.end, units),
                                 new_text=e.replacement) for e in edits]
    return types.CodeAction(title=f"Fix {len(edits)} safe problem"
                            f"{'' if len(edits) == 1 else 's'} (followup)",
                            kind=FIX_ALL,
                            edit=types.WorkspaceEdit(changes={uri: text_edits}))
