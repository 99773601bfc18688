"""The parsed letter every rule sees: checked text, its parts, and ONE map back to the file.

`Document.text` is the prose to check: Markdown syntax, front matter, e-mail headers,
quoted replies, signatures and directive comments are already gone, lines of a paragraph
are joined by "\\n" and paragraphs by "\\n\\n". Every character of `text` remembers the
span of the file it came from (`starts`/`ends`, offsets into `file_text`, the file as it is
on disk), so a finding on any span of `text` maps to the exact line and column on disk,
whatever the format (a quoted-printable "=E2=80=99" maps to those nine characters).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# --- characters with origins -------------------------------------------------------------


@dataclass
class Line:
    """A line of prose whose characters each know their span in `file_text`."""

    chars: str
    starts: list[int]
    ends: list[int]
    number: int  # 1-based line number in the file where the line starts

    def is_blank(self) -> bool:
        return not self.chars.strip()

    def edit(self, edits: Iterable[tuple[int, int, str]]) -> Line:
        """Replace spans `[s, e)` of this line by text; replacements map to the whole span."""
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for s, e, replacement in sorted(edits):
            if s < pos:
                continue  # overlapping edits: the first one wins
            chars.extend(self.chars[pos:s])
            starts.extend(self.starts[pos:s])
            ends.extend(self.ends[pos:s])
            if replacement:
                src_start = self.starts[s] if s < len(self.starts) else self._end()
                src_end = self.ends[e - 1] if e > s else src_start
                chars.extend(replacement)
                starts.extend([src_start] * len(replacement))
                ends.extend([src_end] * len(replacement))
            pos = e
        chars.extend(self.chars[pos:])
        starts.extend(self.starts[pos:])
        ends.extend(self.ends[pos:])
        return Line("".join(chars), starts, ends, self.number)

    def strip(self) -> Line:
        text = self.chars
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        if left == 0 and right == len(text):
            return self
        return Line(text[left:right], self.starts[left:right], self.ends[left:right], self.number)

    def _end(self) -> int:
        return self.ends[-1] if self.ends else 0


def lines_of(file_text: str, start: int = 0, end: int | None = None,
             first_line: int = 1) -> list[Line]:
    """Split `file_text[start:end]` into Lines mapped one-to-one onto the file."""
    end = len(file_text) if end is None else end
    out: list[Line] = []
    number = first_line
    pos = start
    while pos < end:
        newline = file_text.find("\n", pos, end)
        stop = end if newline == -1 else newline
        content_end = stop - 1 if stop > pos and file_text[stop - 1] == "\r" else stop
        out.append(Line(file_text[pos:content_end], list(range(pos, content_end)),
                        list(range(pos + 1, content_end + 1)), number))
        number += 1
        pos = stop + 1
    return out


# --- the document ----------------------------------------------------------------------------

ROLES = ("header", "salutation", "body", "heading", "signoff")


@dataclass(frozen=True)
class Paragraph:
    start: int  # offsets in Document.text
    end: int
    role: str  # one of ROLES


@dataclass
class Suppressions:
    """`followup: ignore/disable/enable/ignore-file` directives, by file line."""

    lines: dict[int, frozenset[str]] = field(default_factory=dict)  # empty set = every rule
    ranges: list[tuple[int, int, frozenset[str]]] = field(default_factory=list)
    whole_file: frozenset[str] | None = None

    def silences(self, line: int, keys: Iterable[str]) -> bool:
        keys = {k.upper() for k in keys}

        def hit(codes: frozenset[str]) -> bool:
            return not codes or bool(codes & keys)

        if self.whole_file is not None and hit(self.whole_file):
            return True
        if line in self.lines and hit(self.lines[line]):
            return True
        return any(lo <= line <= hi and hit(codes) for lo, hi, codes in self.ranges)


@dataclass
class Document:
    path: str  # as the user named it ("-" or --stdin-filename for standard input)
    format: str  # "text", "markdown" or "email"
    file_text: str
    text: str
    starts: list[int]
    ends: list[int]
    paragraphs: tuple[Paragraph, ...]
    front_matter: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    field_spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # file offsets
    suppressions: Suppressions = field(default_factory=Suppressions)
    kind: str = "other"
    kind_explicit: bool = False
    item_starts: frozenset[int] = frozenset()  # text offsets where a list item begins
    spacy: Any = None  # spaCy Doc of `text`, filled by the linter for rules that need it
    cache: dict[str, Any] = field(default_factory=dict)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.file_text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._line_starts = starts

    # positions -------------------------------------------------------------------------
    def position(self, file_offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset into `file_text`; columns count characters."""
        line = bisect_right(self._line_starts, file_offset)
        return line, file_offset - self._line_starts[line - 1] + 1

    def position_offset(self, line: int, column: int) -> int:
        """The offset into `file_text` of a 1-based (line, column): `position` reversed."""
        line = max(1, min(line, len(self._line_starts)))
        return min(len(self.file_text), self._line_starts[line - 1] + column - 1)

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """The file offsets `[s, e)` that the text span `[start, end)` came from."""
        if not self.starts:
            return 0, 0
        start = max(0, min(start, len(self.starts) - 1))
        end = max(start, min(end, len(self.ends)))
        s = self.starts[start]
        e = self.ends[end - 1] if end > start else s
        return s, max(s, e)

    def locate(self, start: int, end: int, in_file: bool = False) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column) of a span of `text` (or of `file_text`)."""
        s, e = (start, end) if in_file else self.file_span(start, end)
        line, col = self.position(s)
        end_line, end_col = self.position(e)
        return line, col, end_line, end_col

    def source_line(self, line: int) -> str:
        """Line `line` (1-based) of the file as on disk, without its line break."""
        if not 1 <= line <= len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        stop = self.file_text.find("\n", start)
        return self.file_text[start: None if stop == -1 else stop].rstrip("\r")

    # parts ---------------------------------------------------------------------------------
    def slice(self, paragraph: Paragraph) -> str:
        return self.text[paragraph.start: paragraph.end]

    @property
    def body(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.role == "body")

    @property
    def salutation(self) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.role == "salutation"), None)

    @property
    def signoff(self) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.role == "signoff"), None)

    @property
    def body_text(self) -> str:
        return "\n\n".join(self.slice(p) for p in self.body)

    def in_body(self, offset: int) -> bool:
        return any(p.start <= offset < p.end for p in self.body)

    # metadata ------------------------------------------------------------------------------
    @property
    def recipient(self) -> str | None:
        """Who the letter is to: front matter `to:`, else the e-mail's To header."""
        value = self.front_matter.get("to") or self.headers.get("to")
        return str(value) if value else None

    @property
    def record_link(self) -> str | None:
        value = self.front_matter.get("record") or self.headers.get("x-followup-record")
        return str(value) if value else None

    @property
    def dated(self) -> date | datetime | None:
        """When the letter is (or was) sent: front matter `date:` or the e-mail Date header."""
        value = self.front_matter.get("date")
        if isinstance(value, (date, datetime)):
            return value
        raw = self.headers.get("date")
        if raw:
            from email.utils import parsedate_to_datetime

            try:
                return parsedate_to_datetime(raw)
            except (TypeError, ValueError):
                return None
        return None

    @property
    def sent(self) -> date | datetime | None:
        """When the letter went out, or None for a draft: front matter `sent: DATE`, or an
        e-mail with a `Date:` and no `X-Unsent` header."""
        if "sent" in self.cache:
            return self.cache["sent"]  # type: ignore[no-any-return]
        value = self.front_matter.get("sent")
        sent: date | datetime | None = None
        if isinstance(value, (date, datetime)):
            sent = value
        elif self.format == "email" and "x-unsent" not in self.headers:
            sent = self.dated
        self.cache["sent"] = sent
        return sent


# --- building the text and its paragraphs ----------------------------------------------------

_SALUTATION = re.compile(
    r"^(?:dear|hi|hello|hey|hiya|howdy|greetings|good\s+(?:morning|afternoon|evening|day)|"
    r"to\s+whom\s+it\s+may\s+concern|attn\.?|attention)\b[^\n]{0,80}$",
    re.IGNORECASE,
)
_NAME_ONLY_SALUTATION = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},\s*$")
_CLOSING = re.compile(
    r"^(?:(?:with\s+)?(?:best|kind|kindest|warm|warmest|many|sincere|my\s+best)"
    r"(?:\s+(?:regards|wishes|thanks))?|regards|sincerely(?:\s+yours)?|"
    r"yours(?:\s+(?:sincerely|truly|faithfully|respectfully))?|respectfully(?:\s+yours)?|"
    r"cordially|gratefully(?:\s+yours)?|with\s+(?:gratitude|appreciation|thanks|many\s+thanks)|"
    r"thanks(?:\s+(?:again|so\s+much|very\s+much|in\s+advance))?|"
    r"thank\s+you(?:\s+(?:again|so\s+much|very\s+much|kindly))?|many\s+thanks|cheers|"
    r"all\s+the\s+best|take\s+care|talk\s+soon|warmly|appreciatively|"
    r"(?:with\s+)?(?:warm\s+)?(?:regards|thanks)|ttyl|thx)\s*[,.!]?\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?:;)\]\"'”’]\s*$")


def is_salutation(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 10:
        return False
    return bool(_SALUTATION.match(line.strip())) or bool(_NAME_ONLY_SALUTATION.match(line.strip()))


def is_closing(line: str) -> bool:
    return len(line.split()) <= 6 and bool(_CLOSING.match(line.strip()))


def _looks_like_signature_block(lines: Sequence[Line]) -> bool:
    """A name/contact block: a few short lines with no sentence in them."""
    if not 1 <= len(lines) <= 5:
        return False
    for line in lines:
        text = line.chars.strip()
        if len(text.split()) > 6 or (text.endswith((".", "!", "?")) and " " in text
                                     and not text.endswith((" Jr.", " Sr.", " Ph.D."))):
            return False
    return True


def _groups(lines: Sequence[Line]) -> list[list[Line]]:
    """Paragraphs: runs of non-blank lines; without any blank line, a line per paragraph
    when lines end a sentence (text pasted from a mail client), else joined (hard-wrapped)."""
    groups: list[list[Line]] = []
    current: list[Line] = []
    saw_blank = False
    for line in lines:
        if line.is_blank():
            saw_blank = saw_blank or bool(current) or bool(groups)
            if current:
                groups.append(current)
                current = []
        else:
            current.append(line)
    if current:
        groups.append(current)
    if saw_blank:
        return groups
    split: list[list[Line]] = []
    for group in groups:
        current = []
        for line in group:
            current.append(line)
            if _SENTENCE_END.search(line.chars):
                split.append(current)
                current = []
        if current:
            split.append(current)
    return split


def build_document(
    path: str,
    fmt: str,
    file_text: str,
    lines: Sequence[Line],
    *,
    headings: frozenset[int] = frozenset(),
    list_items: frozenset[int] = frozenset(),
    front_matter: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    field_spans: dict[str, tuple[int, int]] | None = None,
    suppressions: Suppressions | None = None,
) -> Document:
    """Find the parts of the letter in its prose lines and assemble `text` with its map.

    `headings` are file line numbers of Markdown headings: each is a paragraph of its own.
    `list_items` are file line numbers of Markdown list items: a list belongs to the
    paragraph that introduces it, even across a blank line.
    """
    stripped = [line.strip() if not line.is_blank() else Line("", [], [], line.number)
                for line in lines]
    # Split heading lines off as their own groups by surrounding them with blanks.
    spaced: list[Line] = []
    for line in stripped:
        if line.number in headings and not line.is_blank():
            spaced.extend([Line("", [], [], line.number), line, Line("", [], [], line.number)])
        else:
            spaced.append(line)
    content = [line for line in spaced if not line.is_blank()]
    roles: list[tuple[list[Line], str]] = []

    # Salutation: the first line that greets someone, near the top; lines before it are
    # the header block of a printed letter (sender, date, address) or a subject line.
    salutation_index = None
    for index, line in enumerate(content[:15]):
        if line.number in headings:
            continue
        if is_salutation(line.chars):
            salutation_index = index
            break
    # Sign-off: the last closing line ("Best regards,") followed only by a short block.
    signoff_index = None
    tail_start = max(0, len(content) - 8)
    for index in range(len(content) - 1, tail_start - 1, -1):
        if salutation_index is not None and index <= salutation_index:
            break
        if is_closing(content[index].chars) and _looks_like_signature_block(
            content[index + 1:] or [content[index]]
        ):
            signoff_index = index
            break
    before = content[:salutation_index] if salutation_index is not None else []

    # Walk the spaced lines in order, cutting out header, salutation and sign-off.
    body_lines: list[Line] = []
    in_body = salutation_index is None
    for line in spaced:
        if salutation_index is not None and line is content[salutation_index]:
            in_body = True
            continue
        if signoff_index is not None and line is content[signoff_index]:
            break
        if in_body:
            body_lines.append(line)
    body_groups: list[list[Line]] = []
    for group in _groups(body_lines):
        if body_groups and all(line.number in list_items for line in group):
            body_groups[-1].extend(group)
        else:
            body_groups.append(group)
    if signoff_index is None and body_groups and len(body_groups) > 1 and \
            _looks_like_signature_block(body_groups[-1]) and len(body_groups[-1]) <= 3:
        # no closing phrase, but the letter ends with the writer's name
        signoff_group = body_groups.pop()
    else:
        signoff_group = content[signoff_index:] if signoff_index is not None else []

    if before:
        roles.append((before, "header"))
    if salutation_index is not None:
        roles.append(([content[salutation_index]], "salutation"))
    for group in body_groups:
        role = "heading" if len(group) == 1 and group[0].number in headings else "body"
        roles.append((group, role))
    if signoff_group:
        roles.append((signoff_group, "signoff"))

    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    paragraphs: list[Paragraph] = []
    item_starts: set[int] = set()
    for group, role in roles:
        if chars:
            anchor = ends[-1]
            chars.extend("\n\n")
            starts.extend([anchor, anchor])
            ends.extend([anchor, anchor])
        begin = len(chars)
        for i, line in enumerate(group):
            if i:
                anchor = ends[-1]
                chars.append("\n")
                starts.append(anchor)
                ends.append(anchor)
            if line.number in list_items:
                item_starts.add(len(chars))
            chars.extend(line.chars)
            starts.extend(line.starts)
            ends.extend(line.ends)
        paragraphs.append(Paragraph(begin, len(chars), role))
    return Document(
        path=path,
        format=fmt,
        file_text=file_text,
        text="".join(chars),
        starts=starts,
        ends=ends,
        paragraphs=tuple(paragraphs),
        front_matter=front_matter or {},
        headers=headers or {},
        field_spans=field_spans or {},
        suppressions=suppressions or Suppressions(),
        item_starts=frozenset(item_starts),
    )


def iter_words(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """Word-like tokens (letters, apostrophes, hyphens inside words) of `text[start:end]`."""
    return _WORD.finditer(text, start, len(text) if end is None else end)


_WORD = re.compile(r"[^\W\d_](?:[\w'’\-]*\w)?")
