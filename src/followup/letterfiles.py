"""Which files are letters: the suffixes `lint` and `plan` read, and the walk that finds
them under a folder. Apart from the linter, so `followup plan` finds its letters without
loading the rules."""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import safepath
from .config import Config
from .errors import UserError

LETTER_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".eml": "email",
                   ".docx": "docx"}
SKIPPED_DIRS = {"node_modules", "venv", ".venv", "__pycache__"}
SKIPPED_FILES = ("README*", "CHANGELOG*", "LICENSE*", "CONTRIBUTING*", "CODE_OF_CONDUCT*",
                 "~$*")  # ~$letter.docx: the lock file Word keeps while a letter is open


def iter_letter_paths(paths: Iterable[str], config: Config,
                      errors: list[UserError],
                      notices: list[str] | None = None) -> Iterator[str]:
    """Named files as given; folders recursed for .txt/.md/.eml, skipping hidden files,
    READMEs and the config's `exclude` patterns. What a folder holds but cannot be read
    (an unreadable subfolder, a FIFO, a dangling or looping symlink named like a letter)
    is listed in `notices`, one line each: never skipped in silence."""
    skipped = notices if notices is not None else []

    def unreadable(exc: OSError) -> None:
        skipped.append(f"{exc.filename}: skipped, cannot read the folder: "
                       f"{exc.strerror or exc}")

    seen: set[Path] = set()

    def first_time(path: Path, resolved: Path | None = None) -> bool:
        resolved = resolved if resolved is not None else path.resolve()
        if resolved in seen:
            return False
        seen.add(resolved)
        return True

    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if safepath.is_dir(path):
            for folder, dirnames, filenames in os.walk(path, onerror=unreadable):
                dirnames[:] = sorted(d for d in dirnames
                                     if not d.startswith(".") and d not in SKIPPED_DIRS
                                     and not _excluded(Path(folder) / d, config))
                real_folder: str | None = None  # resolved once per folder, when needed
                for filename in sorted(filenames):
                    if filename.startswith(".") or \
                            os.path.splitext(filename)[1].lower() not in LETTER_SUFFIXES:
                        continue
                    if _SKIPPED_FILE.match(filename):
                        continue
                    candidate = Path(folder) / filename
                    if _excluded(candidate, config):
                        continue
                    kind = _file_kind(candidate)
                    if kind != "file" and kind != "link":  # a FIFO would block the run
                        what = "a dangling or looping symbolic link" if kind == "broken" \
                            else "not a regular file"
                        skipped.append(f"{candidate}: skipped, {what}")
                        continue
                    resolved = None
                    if kind == "file":  # not a link: its folder's real path and its name
                        if real_folder is None:
                            real_folder = os.path.realpath(folder)
                        resolved = Path(real_folder, filename)
                    if first_time(candidate, resolved):
                        yield str(candidate)
        elif safepath.is_file(path):
            if first_time(path):
                yield raw
        elif safepath.exists(path):
            errors.append(UserError("not a regular file", raw))
        else:
            try:
                os.stat(raw)
                problem = "no such file or folder"
            except PermissionError:  # inside a folder we may not enter
                problem = "permission denied (cannot enter its folder)"
            except OSError as exc:
                problem = "no such file or folder" if isinstance(exc, FileNotFoundError) \
                    else f"cannot read: {exc.strerror}"
            errors.append(UserError(problem, raw))


_SKIPPED_FILE = re.compile("|".join(fnmatch.translate(p) for p in SKIPPED_FILES))


def _file_kind(path: Path) -> str:
    """"file" (a regular file), "link" (a link to one), "broken" (any other link:
    dangling, looping, or to something that is not a file) or "other" (a FIFO, a socket,
    a folder named like a letter): one system call for the common case."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return "other"
    if stat.S_ISREG(mode):
        return "file"
    if not stat.S_ISLNK(mode):
        return "other"
    try:
        return "link" if stat.S_ISREG(os.stat(path).st_mode) else "broken"
    except OSError:
        return "broken"


def _excluded(path: Path, config: Config) -> bool:
    if not config.exclude:
        return False
    text = path.as_posix()
    try:
        relative = path.resolve().relative_to(config.base_dir.resolve()).as_posix()
    except ValueError:
        relative = text
    return any(fnmatch.fnmatch(candidate, pattern) or fnmatch.fnmatch(path.name, pattern)
               for pattern in config.exclude for candidate in (text, relative))
