"""File-system questions that never raise: `Path.is_file()` and friends raise
PermissionError for a path inside a folder we may not enter (only "no such file" is
False), which took a whole run down. Here every OSError means "no": the caller's own
reading then names the path and the problem in one line, or lists it as a notice.

`resolve_all` is here too: the one place that resolves many paths at once.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path


def _mode(path: str | os.PathLike[str], follow: bool = True) -> int | None:
    try:
        return os.stat(path, follow_symlinks=follow).st_mode
    except (OSError, ValueError):  # ValueError: a NUL in the name
        return None


def is_file(path: str | os.PathLike[str]) -> bool:
    mode = _mode(path)
    return mode is not None and stat.S_ISREG(mode)


def is_dir(path: str | os.PathLike[str]) -> bool:
    mode = _mode(path)
    return mode is not None and stat.S_ISDIR(mode)


def exists(path: str | os.PathLike[str]) -> bool:
    return _mode(path) is not None


def is_symlink(path: str | os.PathLike[str]) -> bool:
    mode = _mode(path, follow=False)
    return mode is not None and stat.S_ISLNK(mode)


def resolve_all(paths: Iterable[Path]) -> set[Path]:
    """`path.resolve()` of every path, with each folder resolved once: a file name that is
    not a link resolves to its folder's resolved path joined with the name, which is
    where `resolve()` walks to, one system call per file instead of one per part."""
    folders: dict[Path, Path] = {}
    resolved: set[Path] = set()
    for path in paths:
        name = path.name
        if name in ("", ".", "..") or is_symlink(path):
            resolved.add(path.resolve())
            continue
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = path.parent.resolve()
        resolved.add(folder / name)
    return resolved
