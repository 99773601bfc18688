"""Reading Word (`.docx`) letters: each paragraph of the document body becomes one line.

A `.docx` is a zip of XML, so there is no file text to point into. The reader builds a
synthetic `file_text` -- one line per Word paragraph, in order, joined with "\\n" -- and reads
it as plain text. A finding's `line` is then the paragraph's number (1 = the first
paragraph, empty ones included) and its `column` the character within that paragraph's text,
which is what a writer sees counting paragraphs in Word. Line breaks and tabs inside a
paragraph count as one character each (a space / a tab). Tables, headers, footers, text
boxes and comments are not read: a letter's prose is in the body paragraphs.
"""

from __future__ import annotations

import io
import zipfile

from .document import Document
from .errors import InputError

NOT_WORD = "not a Word document (.docx)"


def paragraphs_of(data: bytes, name: str) -> list[str]:
    """The text of each body paragraph; an InputError if `data` is not a `.docx`."""
    import docx  # python-docx; imported here so plain-text runs do not pay for it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        word = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError):
        raise InputError(NOT_WORD, name) from None
    except Exception as exc:  # malformed XML inside a valid zip (lxml raises its own types)
        if type(exc).__module__.startswith(("lxml", "docx")):
            raise InputError(NOT_WORD, name) from None
        raise
    # "\n" (a <w:br/>) and "\r" would split a paragraph over two lines: a space keeps one
    # line per paragraph and one character per character.
    return [p.text.replace("\r", " ").replace("\n", " ") for p in word.paragraphs]


def read_docx(name: str, data: bytes) -> Document:
    """Read a `.docx` letter into the same Document the text readers give."""
    from .source import read_plain  # source.py dispatches here: import late

    file_text = "\n".join(paragraphs_of(data, name))
    document = read_plain(name, file_text)
    document.format = "docx"
    document.read_notices = []  # type: ignore[attr-defined]
    return document
