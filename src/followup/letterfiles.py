"""Which files are letters: the suffixes `lint` and `plan` read, and the walk that finds
them under a folder. Apart from the linter, so `followup plan` finds its letters without
loading the rules."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

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

    def first_time(path: Path) -> bool:
        resolved = path.resolve()
        if resolved in seen:
            return False
        seen.add(resolved)
        return True

    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            for folder, dirnames, filenames in os.walk(path, onerror=unreadable):
                dirnames[:] = sorted(d for d in dirnames
                                     if not d.startswith(".") and d not in SKIPPED_DIRS
                                     and not _excluded(Path(folder) / d, config))
                for filename in sorted(filenames):
                    candidate = Path(folder) / filename
                    if filename.startswith(".") or candidate.suffix.lower() not in \
                            LETTER_SUFFIXES:
                        continue
                    if any(fnmatch.fnmatch(filename, p) for p in SKIPPED_FILES):
                        continue
                    if _excluded(candidate, config):
                        continue
                    if not candidate.is_file():  # a FIFO would block the run
                        what = "a dangling or looping symbolic link" if \
                            candidate.is_symlink() else "not a regular file"
                        skipped.append(f"{candidate}: skipped, {what}")
                        continue
                    if first_time(candidate):
                        yield str(candidate)
        elif path.is_file():
            if first_time(path):
                yield raw
        elif path.exists():
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
