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

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled with its path, line and own fields: a forked worker sends its letters'
        errors back through a pipe, where the default (the message alone, into `__init__`)
        fails for a subclass such as `InternalError` and would leave the pool waiting."""
        return (_rebuilt, (type(self), self.args, dict(self.__dict__)))


def _rebuilt(cls: type[UserError], args: tuple[object, ...], state: dict[str, object]
             ) -> UserError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class RecordError(UserError):
    """An interview record (YAML) that cannot be used."""


class ConfigError(UserError):
    """A configuration file or option that cannot be used."""


class InputError(UserError):
    """A letter that cannot be read (missing, binary, undecodable)."""


EXCERPT_CHARS = 40


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """A short, single-line excerpt of a value taken from a file, for an error message:
    a message never carries more of a file than this (no secrets dumped into a CI log),
    and never a control character that could rewrite the terminal."""
    text = " ".join(str(value).split())
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 256
                   else f"\\u{ord(c):04x}" for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class InternalError(UserError):
    """An unexpected exception while reading or checking one letter: reported as one line
    for that letter (the traceback only under `--debug`) while the run goes on."""

    def __init__(self, path: str | Path | None, stage: str, exc: BaseException,
                 trace: str = "") -> None:
        super().__init__(f"internal error while {stage}: {type(exc).__name__}: "
                         f"{excerpt(exc, 120)} (run with --debug for the traceback)", path)
        self.trace = trace
