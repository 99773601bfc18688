"""Writing files without ever leaving a half-written or clobbered file behind.

The one writer for letters, drafts, reports, the LanguageTool state and its cache.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

# Our temporary files: `.NAME.PID-XXXXXXXX.tmp` (PID the writer's process id, X mkstemp's
# eight random letters). Nothing else is ever removed.
_OUR_TEMP = re.compile(r"\..+\.(?P<pid>[0-9]+)-[a-z0-9_]{8}\.tmp")
STALE_AFTER = 3600.0  # seconds: older than this, no writer is still at it
DEAD_WRITER_AFTER = 60.0  # seconds: left by a process that is gone (killed mid-write)
_CLEANED: set[str] = set()  # folders cleaned by this process (once each, so --all stays linear)


def write_bytes_atomic(path: Path, data: bytes, *, overwrite: bool = False,
                       durable: bool = True) -> None:
    """Write via a temporary file in the same folder and an atomic rename.

    Without `overwrite`, an existing file is never replaced: FileExistsError, even if it
    appeared while writing. `durable` syncs to disk first (not needed for a cache). The
    file gets the usual permissions (the umask), not mkstemp's private 0600.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp",
                               dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
        if overwrite:
            with contextlib.suppress(OSError):  # --force keeps the file's permissions
                mode = stat.S_IMODE(os.stat(path).st_mode)
        os.chmod(tmp, mode)
        if overwrite:
            os.replace(tmp, path)
        else:
            _place_new(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def remove_stale_temp_files(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files a killed write left in `folder` (once per folder and
    process). Only regular files of our own naming pattern, and only stale ones: older
    than an hour, or older than a minute and left by a process that no longer runs. A
    write in progress (ours or another run's) is never touched, nor is any other file."""
    key = os.path.abspath(folder)
    if key in _CLEANED:
        return []
    _CLEANED.add(key)
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _OUR_TEMP.fullmatch(entry.name)
        if match is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        age = now - info.st_mtime
        pid = match.group("pid")
        stale = age > STALE_AFTER or (age > DEAD_WRITER_AFTER and not _running(int(pid)))
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _running(pid: int) -> bool:
    """Whether a process with this id runs here (one we may not signal still runs)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError, ValueError):  # e.g. PermissionError: it runs
        return True
    return True


def _place_new(tmp: str, path: Path) -> None:
    """Move `tmp` to `path` only if `path` does not exist. A hard link does it atomically;
    where the file system has none (FAT, exFAT, some network mounts), claim the name with
    an exclusive create, then rename over the empty claim."""
    try:
        os.link(tmp, path)  # fails if the target exists, atomically
    except FileExistsError:
        raise
    except OSError:
        claim = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(claim)
        try:
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(path)
            raise
        return
    os.unlink(tmp)


def write_text_atomic(path: Path, text: str, *, overwrite: bool = False,
                      durable: bool = True) -> None:
    write_bytes_atomic(path, text.encode("utf-8"), overwrite=overwrite, durable=durable)


def is_special_target(path: Path) -> bool:
    """A device, FIFO, socket or standard stream (`/dev/stdout`, `/proc/self/fd/1`): opened
    and written in place. Renaming a file over it would replace `/dev/null` for everyone
    (as root) or fail (as a user)."""
    text = path.as_posix()
    if text.startswith(("/dev/std", "/dev/fd/", "/proc/self/fd/")):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def write_report(path: Path, text: str) -> None:
    """A report: in place on a special file, else atomically replacing a regular file."""
    if is_special_target(path):
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        return
    write_text_atomic(path, text, overwrite=True)


def write_problem(path: Path, exc: OSError) -> str:
    """Why writing `path` failed, in words: a file where a folder of its path belongs is
    named (mkdir says only "File exists" or "Not a directory"), else the system's reason."""
    if isinstance(exc, FileExistsError | NotADirectoryError):
        for folder in path.parents:
            try:
                if folder.exists() and not folder.is_dir():
                    return f"{folder} is a file, not a folder"
            except OSError:
                break
    return exc.strerror or str(exc)
