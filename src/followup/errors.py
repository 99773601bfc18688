"""User-facing errors: one clear line naming file, line and problem; never a traceback."""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A mistake in the user's input or set-up. The CLI prints `str(self)` and exits 2."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return f"{where}{self.message}"


class RecordError(UserError):
    """An interview record (YAML) that cannot be used."""


class ConfigError(UserError):
    """A configuration file or option that cannot be used."""


class InputError(UserError):
    """A letter that cannot be read (missing, binary, undecodable)."""
