"""Grammar and spelling through a real LanguageTool server.

- `provision`: `followup languagetool install` (LanguageTool from Maven Central, laid out
  so that language-tool-python can start it too).
- `server`: a persistent local server (`start`/`status`/`stop`) or one started per run.
- `client`: concurrent checks against `/v2/check`, with the result cache of `cache`.
- `session`: what a lint run uses: picks the server, checks every letter, records faults.

Every fault a user can meet (Java missing, LanguageTool not installed, the server failing
to start, dying, timing out or answering garbage) is a `GrammarError` with one clear line.
"""

from __future__ import annotations


class GrammarError(Exception):
    """LanguageTool could not be used; `str(self)` is one clear line for the user."""


class GrammarUnavailable(GrammarError):
    """Raised in `grammar = "require"` mode when grammar checking could not be done.

    The CLI prints it and exits 2.
    """


DEFAULT_LANGUAGE = "en-US"

from .session import (  # noqa: E402  (the exceptions above are imported by these modules)
    grammar_status_messages,
    raise_if_required,
    shutdown,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "GrammarError",
    "GrammarUnavailable",
    "grammar_status_messages",
    "raise_if_required",
    "shutdown",
]
