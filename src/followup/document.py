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
PART_ROLES = ("header", "subject", "salutation", "body", "signoff", "signature", "quoted")


@dataclass(frozen=True)
class Part:
    """A part of the letter as the user sees it: a role and its file lines (1-based)."""

    role: str  # one of PART_ROLES
    line: int
    end_line: int


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
    kind_source: str = "inferred"  # front-matter | header | inferred
    kind_words: str = ""  # the words that decided an inferred kind
    parts: tuple[Part, ...] = ()
    subject_line: str | None = None  # a "Subject:" line at the top of a plain letter
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
    def subject(self) -> str | None:
        """The subject: front matter `subject:`, the e-mail's Subject header, or a
        "Subject:" line at the top of a plain letter."""
        value = self.front_matter.get("subject") or self.headers.get("subject") \
            or self.subject_line
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
    r"to\s+whom\s+it\s+may\s+concern|attn\.?|attention|"
    r"to\s+the\s+(?:[\w-]+\s+){0,3}(?:team|committee|panel|manager|department|staff))"
    r"\b[^\n]{0,80}$",
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
    r"all\s+the\s+best|take\s+care(?:\s+and\s+good\s+luck)?|talk\s+soon|warmly|appreciatively|"
    r"(?:with\s+)?(?:all\s+)?(?:good|best|warm)\s+wishes|respectfully|best\s+to\s+you|"
    r"thanks\s+(?:a\s+lot|a\s+million|for\s+your\s+(?:time|help|consideration))|"
    r"thank\s+you\s+for\s+your\s+(?:time|consideration|help)(?:\s+and\s+consideration)?|"
    r"(?:with\s+)?(?:warm\s+)?(?:regards|thanks)|ttyl|thx)\s*[,.!—–-]?\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?:;)\]\"'”’]\s*$")


def is_salutation(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 10 or is_closing(line):
        return False
    plain = re.sub(r"\b(?:Mr|Ms|Mrs|Mx|Dr|Prof|St|Rev|Hon|Capt|Sgt|Lt|Gen|Jr|Sr)\.", "", line)
    if re.search(r"[.!?]\s+\S", plain):
        return False  # a greeting with sentences after it: "Hi Sarah, thank you. Best, Al"
    return bool(_SALUTATION.match(line.strip())) or bool(_NAME_ONLY_SALUTATION.match(line.strip()))


def is_closing(line: str) -> bool:
    return len(line.split()) <= 6 and bool(_CLOSING.match(line.strip()))


_CONTACT = re.compile(r"(?:https?://|www\.|linkedin\.com|github\.com|@[\w-]+\.|"
                      r"\+?\d[\d ().-]{6,}\d|\s[|•·]\s)", re.IGNORECASE)


def _looks_like_signature_block(lines: Sequence[Line]) -> bool:
    """A name/contact block: a few short lines with no sentence in them (name, title,
    company, phone, e-mail, profile URL)."""
    if not 1 <= len(lines) <= 8:
        return False
    for line in lines:
        text = line.chars.strip()
        if _CONTACT.search(text) and len(text.split()) <= 12:
            continue
        if len(text.split()) > 6 or (text.endswith((".", "!", "?")) and " " in text
                                     and not text.endswith((" Jr.", " Sr.", " Ph.D.", " Inc.",
                                                            " Ltd.", " Co."))):
            return False
    return True


_SUBJECT_LINE = re.compile(r"^(?:subject(?:\s+line)?|re)\s*:\s*\S", re.IGNORECASE)
_INLINE_GREETING = re.compile(
    r"^((?:dear|hi|hello|hey|good\s+(?:morning|afternoon|evening))"
    r"(?:\s+(?:(?:mr|ms|mrs|dr|prof)\.?\s+)?[A-Z][\w.'’-]*){0,3}\s*[,!:—-])\s+(?=\S)",
    re.IGNORECASE)
# a card that opens with the reader's name: "Frank, thank you for meeting with me ..."
_NAME_FIRST = re.compile(r"^((?!(?:Thanks|Thank|Hello|Yes|No|Also|Again|Sorry|Well|So|Again)\b)"
                         r"[A-Z][a-z]+,)\s+(?=(?:thank|thanks|I|it was|it's)\b)")
_INLINE_CLOSING = re.compile(
    r"(?<=[.!?])\s+((?:best(?:\s+regards)?|kind\s+regards|warm(?:est)?\s+regards|regards|"
    r"thanks(?:\s+again)?|many\s+thanks|cheers|thank\s+you|sincerely|warmly|all\s+the\s+best)"
    r"\s*[,!.—-]?(?:\s+[A-Z][\w.'’-]*){0,3})\s*$", re.IGNORECASE)


def _split_line(line: Line, at: int) -> tuple[Line, Line]:
    left = Line(line.chars[:at], line.starts[:at], line.ends[:at], line.number).strip()
    right = Line(line.chars[at:], line.starts[at:], line.ends[at:], line.number).strip()
    return left, right


def _is_header_line(text: str) -> bool:
    """A line of a printed letter's sender, date or inside-address block."""
    text = text.strip()
    return bool(text) and len(text.split()) <= 7 and not re.search(r"[.!?]\s*$", text) \
        or bool(re.match(r"^[A-Z][a-z]+\.? \d{1,2}, \d{4}$", text))


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
    extra_parts: Sequence[Part] = (),
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
    lines_ = list(spaced)

    def nonblank() -> list[int]:
        return [i for i, ln in enumerate(lines_) if not ln.is_blank()]

    # Salutation: the first line that greets someone, near the top; lines before it are
    # the header block of a printed letter (sender, date, address) or a subject line.
    salutation_at: int | None = None
    for i in nonblank()[:15]:
        line = lines_[i]
        if line.number in headings or _SUBJECT_LINE.match(line.chars):
            continue
        if is_salutation(line.chars):
            salutation_at = i
            break
    header_end = 0  # lines_[:header_end] are header when there is no salutation
    if salutation_at is None:
        # a leading block of short non-sentence lines (sender, date, subject) is header
        index = 0
        while index < len(lines_):
            block_end = index
            while block_end < len(lines_) and not lines_[block_end].is_blank():
                block_end += 1
            block = lines_[index:block_end]
            if block and not all(_is_header_line(ln.chars) or _SUBJECT_LINE.match(ln.chars)
                                 for ln in block):
                break
            if block_end >= len(lines_) or not any(not ln.is_blank()
                                                    for ln in lines_[block_end:]):
                break
            index = block_end + 1
            header_end = index
        if header_end and not any(_SUBJECT_LINE.match(ln.chars) or
                                  re.search(r"\d", ln.chars) for ln in lines_[:header_end]):
            header_end = 0  # a short opening line, not a letterhead
        # an inline greeting: "Hi Sarah, thank you for ..."
        first = next((i for i in nonblank() if i >= header_end), None)
        if first is not None:
            match = _INLINE_GREETING.match(lines_[first].chars) or \
                _NAME_FIRST.match(lines_[first].chars)
            if match and not is_closing(lines_[first].chars):
                left, right = _split_line(lines_[first], match.end(1))
                lines_[first:first + 1] = [left, right]
                salutation_at = first
    # Sign-off: the last closing line ("Best regards,") followed only by a short block.
    signoff_at: int | None = None
    indices = nonblank()
    for i in reversed(indices[-8:]):
        if salutation_at is not None and i <= salutation_at:
            break
        following = [lines_[j] for j in indices if j > i]
        if is_closing(lines_[i].chars) and _looks_like_signature_block(
                following or [lines_[i]]):
            signoff_at = i
            break
    if signoff_at is None and indices:
        last = indices[-1]
        line = lines_[last]
        match = _INLINE_CLOSING.search(line.chars)
        whole = re.match(r"^(?:best|kind|warm|many|thanks|regards|cheers|sincerely)\b[^.!?]{0,40}$",
                         line.chars, re.IGNORECASE)
        if match and (salutation_at is None or last > salutation_at) and \
                salutation_at != last:
            left, right = _split_line(line, match.start(1))
            lines_[last:last + 1] = [left, right]
            signoff_at = last + 1
        elif whole and is_closing(line.chars.split(",")[0]) and \
                (salutation_at is None or last > salutation_at):
            signoff_at = last

    # Walk the lines in order, cutting out header, salutation and sign-off.
    before: list[Line] = []
    subject_lines: list[Line] = []
    body_lines: list[Line] = []
    signoff_group: list[Line] = []
    in_body = salutation_at is None
    for i, line in enumerate(lines_):
        if signoff_at is not None and i >= signoff_at:
            if not line.is_blank():
                signoff_group.append(line)
            continue
        if salutation_at is not None and i == salutation_at:
            in_body = True
            continue
        if salutation_at is None and i < header_end:
            if not line.is_blank():
                (subject_lines if _SUBJECT_LINE.match(line.chars) else before).append(line)
            continue
        if not in_body:
            if not line.is_blank():
                (subject_lines if _SUBJECT_LINE.match(line.chars) else before).append(line)
            continue
        if not line.is_blank() and _SUBJECT_LINE.match(line.chars) and not any(
                not b.is_blank() for b in body_lines):
            subject_lines.append(line)  # "RE: ..." under the salutation of a printed letter
            continue
        body_lines.append(line)
    body_groups: list[list[Line]] = []
    for group in _groups(body_lines):
        if body_groups and all(line.number in list_items for line in group):
            body_groups[-1].extend(group)
        else:
            body_groups.append(group)
    name_only = False
    if not signoff_group and body_groups and len(body_groups) > 1 and \
            _looks_like_signature_block(body_groups[-1]) and len(body_groups[-1]) <= 4:
        # no closing phrase, but the letter ends with the writer's name
        signoff_group = body_groups.pop()
        name_only = True

    roles: list[tuple[list[Line], str]] = []
    header_lines = sorted(before + subject_lines, key=lambda ln: ln.number)
    if header_lines:
        roles.append((header_lines, "header"))
    if salutation_at is not None:
        roles.append(([lines_[salutation_at]], "salutation"))
    for group in body_groups:
        role = "heading" if len(group) == 1 and group[0].number in headings else "body"
        roles.append((group, role))
    if signoff_group:
        roles.append((signoff_group, "signoff"))

    parts: list[Part] = []
    for line in header_lines:
        role = "subject" if line in subject_lines else "header"
        if parts and parts[-1].role == role == "header":
            parts[-1] = Part(role, parts[-1].line, line.number)
        else:
            parts.append(Part(role, line.number, line.number))
    for group, role in roles:
        if role == "header":
            continue
        if role == "signoff" and name_only:
            parts.append(Part("signature", group[0].number, group[-1].number))
            continue
        if role == "signoff":
            closing = signoff_group[0]
            parts.append(Part("signoff", closing.number, closing.number))
            rest = [ln for ln in signoff_group[1:]]
            if rest:
                parts.append(Part("signature", rest[0].number, rest[-1].number))
            continue
        parts.append(Part("body" if role == "heading" else role, group[0].number,
                          group[-1].number))
    parts.extend(extra_parts)
    parts.sort(key=lambda part: (part.line, PART_ROLES.index(part.role)))
    subject_line = None
    if subject_lines:
        subject_line = re.sub(r"^(?:subject(?:\s+line)?|re)\s*:\s*", "", subject_lines[0].chars,
                              flags=re.IGNORECASE)

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
        parts=tuple(parts),
        subject_line=subject_line,
    )


def iter_words(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """Word-like tokens (letters, apostrophes, hyphens inside words) of `text[start:end]`."""
    return _WORD.finditer(text, start, len(text) if end is None else end)


_WORD = re.compile(r"[^\W\d_](?:[\w'’\-]*\w)?")
