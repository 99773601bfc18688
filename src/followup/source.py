"""Reading letters as they really come: plain text, Markdown with front matter, and e-mail.

Each reader turns bytes into `Line`s whose characters remember where they are in the file
(`document.py`), removes what is not prose (front matter, Markdown syntax, headers, quoted
replies, signatures, directive comments) and hands the rest to `build_document`.
"""

from __future__ import annotations

import bisect
import codecs
import html
import re
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .document import Document, Line, Part, Suppressions, build_document, lines_of
from .errors import InputError
from .letterfiles import LETTER_SUFFIXES
from .yamlnodes import BadValue, compose, construct

if TYPE_CHECKING:
    from email.message import Message

FRONT_MATTER_KINDS = ("thank-you", "status-inquiry", "reference", "rejection-reply", "withdrawal",
                      "documents", "other")


def format_for(path: str) -> str | None:
    return LETTER_SUFFIXES.get(Path(path).suffix.lower())


def read_document(path: str | Path, data: bytes | None = None, fmt: str | None = None,
                  max_bytes: int | None = None) -> Document:
    """Read and parse one letter. `data` is given for standard input. A letter over
    `max_bytes` (config `max_letter_kb`) is an InputError: no letter is that long, and
    reading one would take minutes and gigabytes."""
    name = str(path)
    if data is None:
        try:
            with open(path, "rb") as handle:
                data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
        except FileNotFoundError:
            raise InputError("no such file", name) from None
        except IsADirectoryError:
            raise InputError("is a folder", name) from None
        except PermissionError:
            raise InputError("permission denied", name) from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", name) from None
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(f"larger than {max_bytes // 1024} KB, too long for a letter (config "
                         "max_letter_kb)", name)
    if (fmt or format_for(name)) == "docx":  # a zip, so before the binary check
        from .docx_source import read_docx
        return read_docx(name, data)
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in data[:8192] and not utf16:
        raise InputError("binary file, not a letter", name)
    fmt = fmt or format_for(name) or ("text" if utf16 else sniff_format(data))
    if fmt == "email":
        if utf16:
            raise InputError("UTF-16 text; save the e-mail as UTF-8", name)
        return read_email(name, data)
    notices: list[str] = []
    file_text = _decode_text(name, data, notices)
    document = read_markdown(name, file_text) if fmt == "markdown" else \
        read_plain(name, file_text)
    document.read_notices = notices  # type: ignore[attr-defined]
    return document


def sniff_format(data: bytes) -> str:
    head = data[:2048].decode("utf-8", "replace").lstrip("\ufeff")
    if head.startswith("---\n") or head.startswith("---\r\n"):
        return "markdown"
    header_lines = head.split("\n\n", 1)[0].splitlines()
    if header_lines and all(re.match(r"^([\w-]+:\s|[ \t])", h) for h in header_lines) and any(
        re.match(r"^(From|To|Subject|Date):", h, re.IGNORECASE) for h in header_lines
    ):
        return "email"
    return "text"


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|"
                             rb"[\xf0-\xf4][\x80-\xbf]{3}")


def _decode_text(name: str, data: bytes, notices: list[str] | None = None) -> str:
    """UTF-8 first (UTF-16 with a BOM too). Text that is UTF-8 but for a few stray bytes
    stays UTF-8 (each stray byte one U+FFFD, so columns stay right) with a notice naming
    the line; only text with no UTF-8 in it at all is read as Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("not valid UTF-16 text; save the letter as UTF-8", name) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if _UTF8_MULTIBYTE.search(data):
            if notices is not None:
                notices.append(f"{name}:{line}: invalid UTF-8 bytes, read as U+FFFD; "
                               "save the letter as UTF-8")
            return data.decode("utf-8-sig", "replace")
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError("not UTF-8 text; save the letter as UTF-8", name, line) from None


# --- directives --------------------------------------------------------------------------

_DIRECTIVE = re.compile(
    r"(?:<!--\s*|^\s*#\s*)followup:\s*(ignore-file|ignore|disable|enable)\b"
    r"([^\n]*?)(?:-->|$)", re.IGNORECASE | re.MULTILINE,
)


def parse_suppressions(file_text: str) -> tuple[Suppressions, set[int]]:
    """Directives and the lines that hold nothing but a directive (not prose)."""
    result = Suppressions()
    directive_only: set[int] = set()
    open_ranges: dict[str, int] = {}
    lines = file_text.split("\n")
    for number, raw in enumerate(lines, start=1):
        for match in _DIRECTIVE.finditer(raw):
            action = match.group(1).lower()
            codes = frozenset(c.strip().upper() for c in re.split(r"[\s,]+", match.group(2))
                              if c.strip())
            own_line = not (raw[: match.start()].strip() or raw[match.end():].strip())
            if own_line:
                directive_only.add(number)
            if action == "ignore-file":
                result.whole_file = _merge(result.whole_file, codes)
            elif action == "ignore":
                target = number
                if own_line:
                    target = next((n for n in range(number + 1, len(lines) + 1)
                                   if lines[n - 1].strip()), number)
                result.lines[target] = _merge(result.lines.get(target), codes)
            elif action == "disable":
                open_ranges[",".join(sorted(codes))] = number
            elif action == "enable":
                key = ",".join(sorted(codes))
                begin = open_ranges.pop(key, None)
                if begin is not None:
                    result.ranges.append((begin, number, codes))
    for key, begin in open_ranges.items():
        codes = frozenset(k for k in key.split(",") if k)
        result.ranges.append((begin, len(lines), codes))
    return result, directive_only


def _merge(existing: frozenset[str] | None, codes: frozenset[str]) -> frozenset[str]:
    """Combine directive codes; the empty set means every rule."""
    if existing is None:
        return codes
    if not existing or not codes:
        return frozenset()
    return existing | codes


# --- plain text --------------------------------------------------------------------------

def read_plain(name: str, file_text: str) -> Document:
    front, spans, body_start, first_line = _front_matter(name, file_text, strict=False)
    suppressions, directive_lines = parse_suppressions(file_text)
    lines = [line for line in lines_of(file_text, body_start, first_line=first_line)
             if line.number not in directive_lines]
    lines = [_remove_comments(line) for line in lines]
    return build_document(name, "text", file_text, lines, front_matter=front,
                          field_spans=spans, suppressions=suppressions)


def _remove_comments(line: Line) -> Line:
    """HTML comments within one line of a text or an e-mail (`<!--` to the next `-->`).
    With `str.find`, not a lazy regex: a line of `<!--` with no `-->` took quadratic time,
    the regex scanning to the end of the line from every `<!--`."""
    text = line.chars
    edits: list[tuple[int, int, str]] = []
    start = text.find("<!--")
    while start != -1:
        close = text.find("-->", start + 4)
        if close == -1:
            break  # no later comment can close either
        edits.append((start, close + 3, ""))
        start = text.find("<!--", close + 3)
    return line.edit(edits) if edits else line


# --- front matter -------------------------------------------------------------------------

_FRONT_KEYS = {"record", "to", "kind", "date", "subject", "sent"}


def _front_matter(name: str, file_text: str, strict: bool
                  ) -> tuple[dict[str, Any], dict[str, tuple[int, int]], int, int]:
    """Parse `---` YAML front matter at the top: (values, value spans, body start, line)."""
    match = re.match(r"---[ \t]*\r?\n(.*?)(?:^|\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", file_text,
                     re.DOTALL)
    if not match:
        if strict and re.match(r"---[ \t]*\r?\n[\w-]+:[ \t]", file_text):
            raise InputError("front matter is not closed: add a line '---' after it", name, 1)
        return {}, {}, 0, 1
    inner_start = match.start(1)
    block = match.group(1)
    try:
        node = compose(block)
        values = construct(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        if not strict:
            return {}, {}, 0, 1
        mark = exc.problem_mark
        line = mark.line + 2 if mark else 1
        raise InputError(f"front matter: invalid YAML: {exc.problem}", name, line) from None
    except BadValue as exc:
        if not strict:
            return {}, {}, 0, 1
        raise InputError(f"front matter: {exc}", name, exc.node.start_mark.line + 2) from None
    if not isinstance(values, dict):
        if strict and values is not None:
            raise InputError("front matter: expected 'key: value' lines", name, 2)
        return {}, {}, 0, 1
    if not strict and not (_FRONT_KEYS & set(values)):
        return {}, {}, 0, 1  # a plain-text letter that merely starts with a rule line
    spans: dict[str, tuple[int, int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            spans[key] = (inner_start + value_node.start_mark.index,
                          inner_start + value_node.end_mark.index)
    first_line = file_text[: match.end()].count("\n") + 1

    def line_of(key: str) -> int:
        return file_text[: spans.get(key, (inner_start, 0))[0]].count("\n") + 1

    kind = values.get("kind")
    if kind is not None and kind not in FRONT_MATTER_KINDS:
        raise InputError(f"front matter: kind: '{kind}' is not one of "
                         f"{', '.join(FRONT_MATTER_KINDS)}", name, line_of("kind"))
    for date_key in ("date", "sent"):  # `sent: DATE` marks a letter that went out
        when = values.get(date_key)
        if when is not None and not isinstance(when, (date, datetime)):
            try:
                values[date_key] = datetime.fromisoformat(str(when).replace("Z", "+00:00"))
            except ValueError:
                raise InputError(f"front matter: {date_key}: '{when}' is not a date (use "
                                 "YYYY-MM-DD)", name, line_of(date_key)) from None
    for key in ("record", "to", "subject"):
        if key in values and values[key] is not None and not isinstance(values[key], str):
            raise InputError(f"front matter: {key}: expected text", name, line_of(key))
    return values, spans, match.end(), first_line


# --- Markdown -----------------------------------------------------------------------------

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(\s{0,3}#{1,6})(\s+|$)")
_HEADING_CLOSE = re.compile(r"\s+#+\s*$")
_QUOTE = re.compile(r"^\s{0,3}(>\s?)+")
_LIST = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])(\s+)(\[[ xX]\]\s+)?")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
# inner runs bounded, so a line of "[x](" repeated is linear, not quadratic, to scan
_IMAGE_OR_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]{0,200}\])*)\]"
                            r"(\((?:[^()\s]|\([^()]{0,200}\))*(?:\s+\"[^\"]{0,300}\")?\)"
                            r"|\[[^\]]{0,200}\])")
# an autolink or a tag holds no `<` (CommonMark): each try stops at the next `<`, so a run
# of `<3` or `<b` is linear, not a scan to the end of the line from every `<`
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^<>\s]+|[^@<>\s]{1,64}@[^<>\s]{1,255})>")
_HTML_TAG = re.compile(r"</?(?:a|b|i|u|em|strong|span|div|p|br|hr|img|sup|sub|small|mark|del|"
                       r"ins|s|code|kbd|font|center|u|tt|big)\b[^<>]*>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,30}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_CODE_SPAN = re.compile(r"(?<!`)(`{1,16})(?!`)(.{1,500}?)(?<!`)\1(?!`)")  # bounded: linear
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_EMPHASIS = re.compile(
    r"(?<![\w*\\])(\*{1,3})(?=[^\s*])|(?<=[^\s*\\])(\*{1,3})(?![\w*])|"
    r"(?<![\w\\])(_{1,3})(?=[^\s_])|(?<=[^\s_\\])(_{1,3})(?!\w)|(~~)(?=\S)|(?<=\S)(~~)"
)


def read_markdown(name: str, file_text: str) -> Document:
    front, spans, body_start, first_line = _front_matter(name, file_text, strict=True)
    suppressions, directive_lines = parse_suppressions(file_text)
    lines: list[Line] = []
    headings: set[int] = set()
    items: set[int] = set()
    in_fence: str | None = None
    in_comment = False
    for line in lines_of(file_text, body_start, first_line=first_line):
        if line.number in directive_lines:
            lines.append(Line("", [], [], line.number))
            continue
        fence = _FENCE.match(line.chars)
        if in_fence:
            if fence and fence.group(1)[0] == in_fence[0] and len(fence.group(1)) >= len(in_fence):
                in_fence = None
            lines.append(Line("", [], [], line.number))
            continue
        if fence:
            in_fence = fence.group(1)
            lines.append(Line("", [], [], line.number))
            continue
        line, in_comment = _strip_comments(line, in_comment)
        if _RULE.match(line.chars) or _LINK_DEF.match(line.chars):
            lines.append(Line("", [], [], line.number))
            continue
        if _SETEXT.match(line.chars) and lines and not lines[-1].is_blank():
            headings.add(lines[-1].number)
            lines.append(Line("", [], [], line.number))
            continue
        if _LIST.match(line.chars) and not _RULE.match(line.chars):
            items.add(line.number)
        lines.append(_strip_inline(line, headings))
    return build_document(name, "markdown", file_text, lines, headings=frozenset(headings),
                          list_items=frozenset(items),
                          front_matter=front, field_spans=spans, suppressions=suppressions)


def _strip_comments(line: Line, in_comment: bool) -> tuple[Line, bool]:
    """Remove HTML comments, which may span lines."""
    edits: list[tuple[int, int, str]] = []
    pos = 0
    text = line.chars
    while pos <= len(text):
        if in_comment:
            close = text.find("-->", pos)
            if close == -1:
                edits.append((pos, len(text), ""))
                break
            edits.append((pos, close + 3, ""))
            pos = close + 3
            in_comment = False
        else:
            opening = text.find("<!--", pos)
            if opening == -1:
                break
            close = text.find("-->", opening + 4)
            if close == -1:
                edits.append((opening, len(text), ""))
                in_comment = True
                break
            edits.append((opening, close + 3, ""))
            pos = close + 3
    return (line.edit(edits) if edits else line), in_comment


# every character an inline pattern below needs (a list item is matched apart): a line
# with none of them, most of a letter's prose, is kept as it is without trying each one
_INLINE_SYNTAX = re.compile(r"[#>`\[<&\\*_~]")


def _strip_inline(line: Line, headings: set[int]) -> Line:
    """The line without its Markdown markup, each character still at its place."""
    if _INLINE_SYNTAX.search(line.chars) is None and _LIST.match(line.chars) is None:
        return line
    return _strip_markup(line, headings)


def _strip_markup(line: Line, headings: set[int]) -> Line:
    text = line.chars
    edits: list[tuple[int, int, str]] = []
    prefix_end = 0
    heading = _HEADING.match(text)
    if heading:
        headings.add(line.number)
        edits.append((0, heading.end(), ""))
        prefix_end = heading.end()
        close = _HEADING_CLOSE.search(text, prefix_end)
        if close:
            edits.append((close.start(), len(text), ""))
    else:
        quote = _QUOTE.match(text)
        if quote:
            edits.append((0, quote.end(), ""))
            prefix_end = quote.end()
        item = _LIST.match(text, prefix_end)
        if item:
            edits.append((item.start(2), item.end(), ""))
            prefix_end = item.end()
    # characters inside code spans, links and tags, as a mask: checking a span is then
    # linear in its length, not in the number of spans found so far (quadratic before)
    covered = bytearray(len(text) + 1)

    def protect(s: int, e: int) -> None:
        covered[s:e] = b"\x01" * (e - s)
    for match in _CODE_SPAN.finditer(text, prefix_end):
        ticks = len(match.group(1))
        edits.append((match.start(), match.start() + ticks, ""))
        edits.append((match.end() - ticks, match.end(), ""))
        protect(match.start(), match.end())

    def free(s: int, e: int) -> bool:
        return not any(covered[s:e])

    for match in _IMAGE_OR_LINK.finditer(text, prefix_end):
        if not free(match.start(), match.end()):
            continue
        bang = len(match.group(1))
        edits.append((match.start(), match.start() + bang + 1, ""))
        edits.append((match.end(2), match.end(), ""))
        protect(match.end(2), match.end())
    for match in _AUTOLINK.finditer(text, prefix_end):
        if free(match.start(), match.end()):
            edits.append((match.start(), match.start() + 1, ""))
            edits.append((match.end() - 1, match.end(), ""))
            protect(match.start(), match.end())
    for pattern in (_HTML_TAG,):
        for match in pattern.finditer(text, prefix_end):
            if free(match.start(), match.end()):
                edits.append((match.start(), match.end(), ""))
                protect(match.start(), match.end())
    for match in _ENTITY.finditer(text, prefix_end):
        if free(match.start(), match.end()):
            value = html.unescape(match.group(0)).replace("\xa0", " ")
            edits.append((match.start(), match.end(), value))
    for match in _ESCAPE.finditer(text, prefix_end):
        if free(match.start(), match.end()):
            edits.append((match.start(), match.start() + 1, ""))
            protect(match.start(), match.end())
    in_url = bytearray(len(text) + 1)  # a mask, like `covered`: linear in URLs and stars
    for url in re.finditer(r"\b(?:https?://|www\.)\S+", text):
        in_url[url.start():url.end()] = b"\x01" * (url.end() - url.start())
    for match in _EMPHASIS.finditer(text, prefix_end):
        group = next(g for g in range(1, 7) if match.group(g))
        s, e = match.span(group)
        if free(s, e) and not in_url[s]:
            edits.append((s, e, ""))
    if text.endswith("\\") and not text.endswith("\\\\"):
        edits.append((len(text) - 1, len(text), ""))
    return line.edit(edits)


# --- e-mail -------------------------------------------------------------------------------

_ATTRIBUTION = re.compile(r"^\s*(On\b.{0,200}\bwrote:|.{0,80}\bschrieb\b.*:)\s*$")
_FORWARD = re.compile(r"^\s*(-{2,}\s*(Original Message|Forwarded message)\s*-{2,}|"
                      r"_{10,}|From:\s.+|Begin forwarded message:)\s*$", re.IGNORECASE)
_SIGNATURE = re.compile(r"^--\s?$")
_BLOCK_TAGS = re.compile(r"<(?:br|/p|p|/div|div|/li|li|/h\d|tr|/tr)\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")
_HTML_DROP = re.compile(r"<(head|style|script)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def read_email(name: str, data: bytes) -> Document:
    """An RFC 5322 message: headers for the checks, the first text part's body as prose."""
    import email
    import email.policy  # here: a run without e-mails never loads the email package

    file_text = data.decode("utf-8", "surrogateescape")
    char_at = _byte_to_char_table(file_text)
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not message.keys():
        raise InputError("not an e-mail message: no headers found", name, 1)
    headers = header_values(message)
    spans = _header_spans(file_text)
    front: dict[str, Any] = {}
    kind = headers.get("x-followup-kind")
    if kind:
        if kind not in FRONT_MATTER_KINDS:
            number = file_text[: spans.get("x-followup-kind", (0, 0))[0]].count("\n") + 1
            raise InputError(f"X-Followup-Kind: '{kind}' is not one of "
                             f"{', '.join(FRONT_MATTER_KINDS)}", name, number)
        front["kind"] = kind
    part, body_start, body_end = _find_text_part(message, data, 0, len(data))
    if part is None:
        lines: list[Line] = []
    else:
        chars, starts, ends = _decode_part(name, part, data, body_start, body_end)
        if part.get_content_type() == "text/html":
            chars, starts, ends = _html_to_text(chars, starts, ends)
        # byte offsets -> character offsets of file_text
        starts = [char_at[b] for b in starts]
        ends = [char_at[b] for b in ends]
        lines = _split_lines(chars, starts, ends, file_text)
    suppressions, directive_lines = parse_suppressions(file_text)
    kept: list[Line] = []
    extra: list[Part] = []
    for index, line in enumerate(lines):
        if _SIGNATURE.match(line.chars) or _FORWARD.match(line.chars):
            rest = [ln.number for ln in lines[index:] if ln.chars.strip() and ln.number]
            if rest:
                role = "signature" if _SIGNATURE.match(line.chars) else "quoted"
                extra.append(Part(role, rest[0], rest[-1]))
            break
        if line.chars.lstrip().startswith(">") or line.number in directive_lines:
            if line.chars.lstrip().startswith(">") and line.number:
                if extra and extra[-1].role == "quoted" and \
                        extra[-1].end_line >= line.number - 1:
                    extra[-1] = Part("quoted", extra[-1].line, line.number)
                else:
                    extra.append(Part("quoted", line.number, line.number))
            kept.append(Line("", [], [], line.number))
            continue
        kept.append(_remove_comments(line))
    # an attribution line just before a quoted block ("On ... wrote:") is not prose
    for index, line in enumerate(kept):
        if _ATTRIBUTION.match(line.chars):
            following = next((ln for ln in kept[index + 1:] if ln.chars.strip()), None)
            if following is None or not following.chars.strip():
                kept[index] = Line("", [], [], line.number)
                extra.append(Part("quoted", line.number, line.number))
    header_end = file_text[:body_start_char(file_text)].count("\n")
    if header_end:
        extra.append(Part("header", 1, header_end))
    return build_document(name, "email", file_text, kept, front_matter=front, headers=headers,
                          field_spans=spans, suppressions=suppressions, extra_parts=extra)


_WANTED_HEADERS = ("to", "cc", "from", "date", "subject", "x-followup-record",
                   "x-followup-kind", "reply-to", "x-unsent")
_ADDRESS_HEADERS = frozenset({"to", "cc", "from", "reply-to"})
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\udc80-\udcff]+"
_DOT_ATOM = rf"{_ATEXT}(?:\.{_ATEXT})*"
_PLAIN_ADDRESS = re.compile(rf"(?:{_ATEXT}(?: {_ATEXT})* <{_DOT_ATOM}@{_DOT_ATOM}>|"
                            rf"{_DOT_ATOM}@{_DOT_ATOM})")
_LINESEP = re.compile(r"\n|\r")


def header_values(message: Message) -> dict[str, str]:
    """The headers the checks read, each as `str(message.get(key))` under the default
    policy says it (decoded, unfolded, addresses and dates normalised), first occurrence.
    Building the policy's header objects is most of the time an e-mail takes to read, so
    the plain values (no encoded words, one `Name <address>` or a bare address, a date)
    are worked out directly; anything else is left to the email package, and a value
    its parser fails on is kept as written."""
    values: dict[str, str] = {}
    for key, raw in message.raw_items():
        lowered = key.lower()
        if lowered in _WANTED_HEADERS and lowered not in values:
            values[lowered] = _header_text(key, raw, lowered)
    return {key: values[key] for key in _WANTED_HEADERS if key in values}


def _header_text(key: str, raw: str, lowered: str) -> str:
    value = "".join(_LINESEP.split(raw))
    shown = value if value.isascii() else _sanitized(value)
    if "=?" not in value and shown.isprintable():
        if lowered == "date":
            if value.isascii():
                return _date_text(value)
        elif lowered in _ADDRESS_HEADERS:
            if _PLAIN_ADDRESS.fullmatch(value):
                return shown
        elif value.isascii() and value == value.strip():
            return value
    import email.policy

    try:
        return str(email.policy.default.header_fetch_parse(key, raw))
    except Exception:  # noqa: BLE001 - the parser fails on some malformed values
        return shown  # ("To: Dr.:" raises AttributeError): the value as written


def _date_text(value: str) -> str:
    """What the policy's DateHeader makes of a date: reformatted when it parses."""
    import email.utils

    if not value:
        return ""
    try:
        return email.utils.format_datetime(email.utils.parsedate_to_datetime(value))
    except ValueError:
        return value


def _sanitized(value: str) -> str:
    """Raw 8-bit header bytes (surrogate escapes) as the policy shows them: UTF-8."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def body_start_char(file_text: str) -> int:
    """Where an e-mail's body starts: after the first blank line."""
    match = re.search(r"\r?\n\r?\n", file_text)
    return match.start() + 1 if match else 0


def _byte_to_char_table(file_text: str) -> list[int]:
    """For each byte offset of the file, the offset of the character it belongs to."""
    if file_text.isascii():
        return list(range(len(file_text) + 1))
    table: list[int] = []
    for index, char in enumerate(file_text):
        if char < "\x80":
            table.append(index)
        else:
            table.extend([index] * len(char.encode("utf-8", "surrogateescape")))
    table.append(len(file_text))
    return table


def _header_spans(file_text: str) -> dict[str, tuple[int, int]]:
    """File offsets of each header's value (first occurrence), folded lines included."""
    spans: dict[str, tuple[int, int]] = {}
    end_of_headers = re.search(r"\r?\n\r?\n", file_text)
    limit = end_of_headers.start() if end_of_headers else len(file_text)
    for match in re.finditer(r"^([\w-]+):[ \t]*(.*(?:\r?\n[ \t]+.*)*)", file_text[:limit],
                             re.MULTILINE):
        key = match.group(1).lower()
        if key not in spans:
            value_end = match.end(2)
            while value_end > match.start(2) and file_text[value_end - 1] in "\r\n \t":
                value_end -= 1
            spans[key] = (match.start(2), value_end)
    return spans


def _body_offset(data: bytes, start: int, end: int) -> int:
    match = re.compile(rb"\r?\n\r?\n").search(data, start, end)
    if match is None:
        return end
    if data[start:start + 1] in (b"\n", b"\r"):
        return start + (2 if data[start:start + 2] == b"\r\n" else 1)  # no headers at all
    return match.end()


def _find_text_part(part: Message, data: bytes, start: int, end: int
                    ) -> tuple[Message | None, int, int]:
    """The first text/plain part (else text/html) that is not an attachment, and where its
    body lies in the raw bytes."""
    body = _body_offset(data, start, end)
    if part.is_multipart():
        boundary = part.get_boundary()
        if not boundary:
            return None, body, end
        delimiter = re.compile(rb"(?m)^--" + re.escape(boundary.encode()) + rb"(--)?[ \t]*\r?$")
        marks = list(delimiter.finditer(data, body, end))
        candidates = []
        for index, mark in enumerate(marks[:-1] if marks else []):
            if mark.group(1):
                break
            sub_start = mark.end() + 1
            sub_end = marks[index + 1].start()
            if sub_end > sub_start and data[sub_end - 1:sub_end] == b"\n":
                sub_end -= 1
                if data[sub_end - 1:sub_end] == b"\r":
                    sub_end -= 1
            candidates.append((sub_start, sub_end))
        subparts = list(part.get_payload()) if isinstance(part.get_payload(), list) else []
        best: tuple[Message | None, int, int] = (None, body, end)
        for sub, (sub_start, sub_end) in zip(subparts, candidates, strict=False):
            found = _find_text_part(sub, data, sub_start, sub_end)
            if found[0] is not None:
                if found[0].get_content_type() == "text/plain":
                    return found
                if best[0] is None:
                    best = found
        return best
    if part.get_content_type() in ("text/plain", "text/html") and \
            part.get_content_disposition() != "attachment":
        return part, body, end
    return None, body, end


def _decode_part(name: str, part: Message, data: bytes, start: int, end: int
                 ) -> tuple[list[str], list[int], list[int]]:
    """Decode the part's body, keeping for every character the byte span it came from."""
    encoding = str(part.get("content-transfer-encoding", "7bit")).strip().lower()
    raw = data[start:end]
    if encoding == "quoted-printable":
        values, b_starts, b_ends = _unquote(raw, start)
    elif encoding == "base64":
        values, b_starts, b_ends = _unbase64(name, raw, start)
    else:
        values = list(raw)
        b_starts = list(range(start, end))
        b_ends = list(range(start + 1, end + 1))
    charset = part.get_content_charset() or "us-ascii"
    if charset in ("us-ascii", "ascii"):
        charset = "utf-8"  # lenient: undeclared 8-bit text is almost always UTF-8
    try:
        decoder = codecs.getincrementaldecoder(charset)(errors="replace")
    except LookupError:
        raise InputError(f"unknown charset '{charset}' in the e-mail body", name) from None
    if codecs.lookup(charset).name == "utf-8":
        whole = _utf8_spans(values, b_starts, b_ends)
        if whole is not None:
            return whole
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pending = 0
    for index, value in enumerate(values):
        out = decoder.decode(bytes((value,)))
        if out:
            first = b_starts[index - pending]
            for char in out:
                chars.append(char)
                starts.append(first)
                ends.append(b_ends[index])
            pending = 0
        else:
            pending += 1
    tail = decoder.decode(b"", final=True)
    for char in tail:
        chars.append(char)
        starts.append(b_starts[-1] if b_starts else start)
        ends.append(b_ends[-1] if b_ends else start)
    return chars, starts, ends


def _utf8_spans(values: list[int], b_starts: list[int], b_ends: list[int]
                ) -> tuple[list[str], list[int], list[int]] | None:
    """Valid UTF-8 decoded at once, each character spanning its bytes: what the byte-by-byte
    decoder gives, without the loop; None when a byte is invalid (the decoder marks it)."""
    try:
        text = bytes(values).decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(text) == len(values):
        return list(text), list(b_starts), list(b_ends)
    starts: list[int] = []
    ends: list[int] = []
    index = 0
    for char in text:
        width = 1 if char < "\x80" else len(char.encode("utf-8"))
        starts.append(b_starts[index])
        ends.append(b_ends[index + width - 1])
        index += width
    return list(text), starts, ends


def _unquote(raw: bytes, base: int) -> tuple[list[int], list[int], list[int]]:
    values: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    hexdigits = b"0123456789ABCDEFabcdef"
    while i < len(raw):
        byte = raw[i]
        if byte == 0x3D:  # "="
            if raw[i + 1:i + 3] == b"\r\n":
                i += 3
                continue
            if raw[i + 1:i + 2] == b"\n":
                i += 2
                continue
            pair = raw[i + 1:i + 3]
            if len(pair) == 2 and pair[0] in hexdigits and pair[1] in hexdigits:
                values.append(int(pair, 16))
                starts.append(base + i)
                ends.append(base + i + 3)
                i += 3
                continue
        if byte == 0x0D and raw[i + 1:i + 2] == b"\n":
            i += 1
            continue
        values.append(byte)
        starts.append(base + i)
        ends.append(base + i + 1)
        i += 1
    return values, starts, ends


def _unbase64(name: str, raw: bytes, base: int) -> tuple[list[int], list[int], list[int]]:
    """Decode base64, mapping each byte to the base64 characters that encode it."""
    import base64
    import binascii

    positions = [i for i, b in enumerate(raw) if b not in b" \t\r\n"]
    alphabet = bytes(raw[i] for i in positions)
    try:
        decoded = base64.b64decode(alphabet + b"=" * (-len(alphabet) % 4))
    except (binascii.Error, ValueError):
        raise InputError("the e-mail body is not valid base64", name) from None
    values = list(decoded)
    starts: list[int] = []
    ends: list[int] = []
    for k in range(len(values)):
        group, within = divmod(k, 3)
        first = group * 4 + within
        last = min(first + 1, len(positions) - 1)
        starts.append(base + positions[min(first, len(positions) - 1)])
        ends.append(base + positions[last] + 1)
    return values, starts, ends


def _html_to_text(chars: list[str], starts: list[int], ends: list[int]
                  ) -> tuple[list[str], list[int], list[int]]:
    text = "".join(chars)
    line = Line(text, starts, ends, 1)
    edits = [(m.start(), m.end(), "") for m in _HTML_DROP.finditer(text)]
    dropped = [(s, e) for s, e, _ in edits]
    for match in _ANY_TAG.finditer(text):
        if any(s <= match.start() < e for s, e in dropped):
            continue
        edits.append((match.start(), match.end(), "\n" if _BLOCK_TAGS.match(match.group(0))
                      else ""))
    for match in _ENTITY.finditer(text):
        edits.append((match.start(), match.end(),
                      html.unescape(match.group(0)).replace("\xa0", " ")))
    edits += [(m.start(), m.end(), "") for m in re.finditer(r"\r?\n", text)]
    out = line.edit(edits)
    return list(out.chars), out.starts, out.ends


def _split_lines(chars: list[str], starts: list[int], ends: list[int],
                 file_text: str) -> list[Line]:
    """The decoded body as lines (without CR), each numbered by the file line it starts
    on; a whole line at a time, not a character at a time."""
    newlines = [m.start() for m in re.finditer("\n", file_text)]
    lines: list[Line] = []
    text = "".join(chars)
    segments = text.split("\n")
    pos = 0
    for index, segment in enumerate(segments):
        first, pos = pos, pos + len(segment) + 1
        if "\r" in segment:
            picked = [first + i for i, char in enumerate(segment) if char != "\r"]
            line = Line("".join(chars[i] for i in picked), [starts[i] for i in picked],
                        [ends[i] for i in picked], 0)
        else:
            line = Line(segment, starts[first:first + len(segment)],
                        ends[first:first + len(segment)], 0)
        if index == len(segments) - 1 and not line.chars:
            break  # nothing after the last newline
        if line.chars:
            line.number = bisect.bisect_left(newlines, line.starts[0]) + 1
        lines.append(line)
    return lines
