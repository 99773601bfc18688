"""Applying findings' suggestions to the letter as it is on disk.

A fix replaces exactly the characters a finding marks, found through the Document's one
position map, and only where those characters are prose that stands in the file as it is
in the checked text (one file character per text character). So front matter, e-mail
headers, quoted replies, signatures, Markdown syntax and an encoded e-mail body
(quoted-printable "caf=C3=A9") are never touched, and every other byte of the file stays
as it was. Two fixes that overlap are never both applied: the second waits for the re-lint
(`fix_letters` loops lint -> fix until nothing safe is left, a bounded number of times).
"""

from __future__ import annotations

import codecs
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .document import Document
from .findings import Finding, is_safe
from .linter import LintRequest, LintResult, lint

MAX_ROUNDS = 10  # lint -> fix rounds; a fix that keeps producing fixes stops here


@dataclass(frozen=True)
class Edit:
    """Replace `file_text[start:end]` by `replacement` (offsets into the file's text)."""

    start: int
    end: int
    replacement: str
    finding: Finding


def file_offset(document: Document, line: int, column: int) -> int:
    """The offset into `file_text` of a finding's 1-based line and column."""
    return document.position_offset(line, column)


def _literal(document: Document) -> dict[int, int]:
    """file offset -> text index, for text characters that are that one file character."""
    cached = document.cache.get("fix:literal")
    if cached is None:
        file_text, text = document.file_text, document.text
        cached = {}
        for index, (s, e) in enumerate(zip(document.starts, document.ends, strict=True)):
            if e == s + 1 and s < len(file_text) and file_text[s] == text[index]:
                cached[s] = index
        document.cache["fix:literal"] = cached
    return cached  # type: ignore[no-any-return]


def is_prose_span(document: Document, start: int, end: int) -> bool:
    """Whether `file_text[start:end]` is checked prose, character for character."""
    if end <= start:
        return False
    literal = _literal(document)
    first = literal.get(start)
    if first is None:
        return False
    return all(literal.get(k) == first + (k - start) for k in range(start, end))


def chosen_suggestion(finding: Finding, unsafe: bool = False) -> str | None:
    """The suggestion a fix applies: the first safe one, or with `unsafe` the first one."""
    for suggestion in finding.suggestions:
        if is_safe(suggestion):
            return suggestion
    if unsafe and finding.suggestions:
        return finding.suggestions[0]
    return None


def edit_for(document: Document, finding: Finding, replacement: str) -> Edit | None:
    """The edit that puts `replacement` in place of the finding's span, or None where
    that span is not plain prose of the file (front matter, headers, encoded text)."""
    start = file_offset(document, finding.line, finding.column)
    end = file_offset(document, finding.end_line, finding.end_column)
    if not is_prose_span(document, start, end):
        return None
    if document.format == "email" and (not replacement.isascii() or "=" in replacement):
        return None  # the body may be quoted-printable: only plain ASCII goes in as is
    if replacement == document.file_text[start:end]:
        return None
    if not replacement:
        # a removal takes one space beside it with it: "time :)." -> "time."
        file_text = document.file_text
        if start > 0 and file_text[start - 1] in " \t" and \
                is_prose_span(document, start - 1, start):
            start -= 1
        elif end < len(file_text) and file_text[end] in " \t" and \
                is_prose_span(document, end, end + 1):
            end += 1
    return Edit(start, end, replacement, finding)


def plan_edits(document: Document, findings: Iterable[Finding],
               unsafe: bool = False) -> list[Edit]:
    """The fixes for one letter, earliest first; an edit overlapping an earlier one is
    left for the next round (after a re-lint, its finding may be gone or moved)."""
    candidates: list[Edit] = []
    for finding in findings:
        if finding.path != document.path:
            continue
        replacement = chosen_suggestion(finding, unsafe)
        if replacement is None:
            continue
        edit = edit_for(document, finding, replacement)
        if edit is not None:
            candidates.append(edit)
    candidates.sort(key=lambda e: (e.start, e.end))
    chosen: list[Edit] = []
    for edit in candidates:
        if chosen and edit.start < chosen[-1].end:
            continue
        chosen.append(edit)
    return chosen


def apply_edits(file_text: str, edits: Sequence[Edit]) -> str:
    """`file_text` with non-overlapping `edits` applied; every other character kept."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: e.start):
        if edit.start < pos:
            raise ValueError("overlapping edits")
        out.append(file_text[pos:edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(file_text[pos:])
    return "".join(out)


def encode_like(data: bytes, fmt: str, file_text: str) -> bytes | None:
    """`file_text` as bytes the way the original `data` was stored (UTF-8 with or without
    a BOM, cp1252, an e-mail's raw bytes); None if it cannot be stored that way."""
    if fmt == "docx":
        return None  # a Word document is a zip: its text cannot be written back as text
    try:
        if fmt == "email":
            return file_text.encode("utf-8", "surrogateescape")
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return file_text.encode("cp1252")
        bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
        return bom + file_text.encode("utf-8")
    except UnicodeEncodeError:
        return None


@dataclass
class FixedLetter:
    path: str  # as linted ("-" or the --stdin-filename for standard input)
    format: str  # the Document's: "text", "markdown" or "email"
    original: bytes
    fixed: bytes
    fixes: int = 0  # findings fixed, over all rounds


@dataclass
class FixOutcome:
    result: LintResult  # the lint of the fixed letters: what is left
    letters: dict[str, FixedLetter] = field(default_factory=dict)  # changed ones only
    rounds: int = 0
    # Word documents are never rewritten; their text before and after the first round's
    # fixes is kept so that --diff can still show what to change in Word.
    previews: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def fixes(self) -> int:
        return sum(letter.fixes for letter in self.letters.values())


def _stdin_name(request: LintRequest) -> str | None:
    return (request.stdin_filename or "-") if "-" in request.paths else None


def fix_letters(request: LintRequest, unsafe: bool = False,
                max_rounds: int = MAX_ROUNDS) -> FixOutcome:
    """Lint, apply every safe fix that does not overlap another, re-lint, until nothing
    fixable is left (or `max_rounds`). Nothing is written: the caller writes, prints a
    diff or sends the fixed text to standard output."""
    stdin_name = _stdin_name(request)
    letters: dict[str, FixedLetter] = {}
    current = request
    rounds = 0
    seen: set[tuple[str, bytes]] = set()
    unfixed: set[str] = set()
    previews: dict[str, tuple[str, str]] = {}
    while True:
        result = lint(current)
        if rounds >= max_rounds:
            break
        overrides = dict(current.overrides)
        stdin = current.stdin
        changed = False
        for document in result.documents:
            edits = plan_edits(document, result.findings, unsafe)
            if not edits:
                continue
            if document.format == "docx":  # a zip: never written back as text
                unfixed.add(document.path)
                previews.setdefault(document.path, (document.file_text,
                                                    apply_edits(document.file_text, edits)))
                continue
            is_stdin = stdin_name is not None and document.path == stdin_name
            if document.path in letters:
                before = letters[document.path].fixed
            elif is_stdin:
                before = request.stdin or b""
            else:
                try:
                    before = Path(document.path).read_bytes()
                except OSError:
                    continue
            after = encode_like(before, document.format,
                                apply_edits(document.file_text, edits))
            if after is None or after == before or (document.path, after) in seen:
                continue  # cannot be stored in its encoding, or going round in circles
            seen.add((document.path, after))
            letter = letters.setdefault(document.path,
                                        FixedLetter(document.path, document.format, before, before))
            letter.fixed = after
            letter.fixes += len(edits)
            if is_stdin:
                stdin = after
            else:
                overrides[document.path] = after
            changed = True
        if not changed:
            break
        rounds += 1
        current = replace(current, overrides=overrides, stdin=stdin)
    result.notices.extend(f"{path}: a Word document (.docx) is not fixed in place; make the "
                          "suggested changes in Word" for path in sorted(unfixed))
    for path in [p for p, letter in letters.items() if letter.fixed == letter.original]:
        del letters[path]
    return FixOutcome(result, letters, rounds, previews)


def unified_diff(letter: FixedLetter) -> str:
    """The change to one letter as a unified diff (a/ and b/ paths, as git shows it)."""
    def text_of(data: bytes) -> str:
        if letter.format == "email":
            return data.decode("utf-8", "replace")
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return data.decode("cp1252", "replace")

    return _diff_text(text_of(letter.original), text_of(letter.fixed), letter.path)


def preview_diff(path: str, before: str, after: str) -> str:
    """The change to a Word document's text, one line a paragraph, as a unified diff: the
    file itself is not changed, so the paths say it is the text that differs."""
    return _diff_text(before, after, f"{path} (text)")


def _diff_text(before_text: str, after_text: str, path: str) -> str:
    before = before_text.splitlines(keepends=True)
    after = after_text.splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, f"a/{path}", f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)
