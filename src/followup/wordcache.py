"""pyspellchecker's English word frequencies, kept on disk in a form that loads fast.

The list ships as gzipped JSON (160,000 words): decompressing and parsing it is about a
fifth of a second, paid by every `followup lint`, even of one letter. The same dict in
`marshal` form loads in well under half that. It is written once to the user cache folder
(`followup/words/<sha256 of the shipped file>.marshal`, or `$FOLLOWUP_WORDS_CACHE`; `off`
turns it off), so a new pyspellchecker list is a new file and a stale one is never read;
a file that cannot be read is parsed again from the shipped list and rewritten.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import marshal
import os
from pathlib import Path

CACHE_ENV = "FOLLOWUP_WORDS_CACHE"


def cache_dir() -> Path | None:
    """Where the marshalled list is kept, or None when the cache is off."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return None if override.strip().lower() == "off" else Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("followup")) / "words"


def load_frequencies(shipped: bytes) -> dict[str, int]:
    """The word -> frequency dict of pyspellchecker's gzipped JSON `shipped`."""
    folder = cache_dir()
    path = folder / f"{hashlib.sha256(shipped).hexdigest()}.marshal" if folder else None
    if path is not None:
        with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
            cached = marshal.loads(path.read_bytes())
            if isinstance(cached, dict):
                return cached
    frequencies: dict[str, int] = json.loads(gzip.decompress(shipped))
    if path is not None:
        with contextlib.suppress(OSError, ValueError):
            from .atomic import write_bytes_atomic

            write_bytes_atomic(path, marshal.dumps(frequencies), overwrite=True,
                               durable=False)
    return frequencies
