"""Click option callbacks shared by every command (kept apart so `followup --help` stays light)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO, Any

import click


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    """`--today` / `--date`: an ISO date, or a usage error that says the format."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (use YYYY-MM-DD)") from None


class PathProblem(click.UsageError):
    """A mistake about a named path (a folder where a file belongs, a file where a folder
    does): one line `followup: error: path: problem` and exit 2, like every input error,
    not Click's usage block."""

    exit_code = 2

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"followup: error: {self.message}", err=file is None, file=file)


class PathParam(click.ParamType):
    """A path option or argument, checked for its kind only where it exists: `kind` is
    "file" (a folder is a mistake) or "folder" (a file is). What does not exist yet is
    left to the command, which names the path in its own one-line error."""

    name = "path"

    def __init__(self, kind: str, what: str) -> None:
        self.kind = kind  # "file" or "folder"
        self.what = what  # "configuration file", "folder for the drafts", ...

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Path:
        path = value if isinstance(value, Path) else Path(value)
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError:  # e.g. inside a folder we may not enter: the command says so
            return path
        if self.kind == "file" and is_dir:
            raise PathProblem(f"{value}: is a folder, not a {self.what}")
        if self.kind == "folder" and exists and not is_dir:
            raise PathProblem(f"{value}: is a file, not a {self.what}")
        return path
