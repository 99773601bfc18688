"""The idle watcher of the shared LanguageTool server: `python -m followup.grammar.idle PID`.

Started detached by `start_persistent` when the server has an idle time. It polls the
last-use time lints touch and stops the server once it has been unused that long; it exits
as soon as the state file no longer names its server (stopped, replaced or dead).
"""

from __future__ import annotations

import sys
import time

from filelock import Timeout

from . import server


def watch(pid: int) -> None:
    while True:
        info = server.read_state()
        if info is None or info.pid != pid or info.idle_seconds is None:
            return
        if not server._pid_alive(pid):
            return
        idle = info.idle_seconds
        remaining = idle - (time.time() - server.last_used(info))
        if remaining <= 0:
            try:
                with server._lock().acquire(timeout=5):
                    info = server.read_state()
                    if (info is not None and info.pid == pid
                            and info.idle_seconds is not None
                            and time.time() - server.last_used(info) >= info.idle_seconds):
                        server.stop_persistent()
                        return
            except Timeout:
                pass  # a lint is starting or using it: look again later
            remaining = min(idle, 1.0)
        time.sleep(min(max(remaining, 0.2), 30.0))


def main(argv: list[str]) -> int:
    try:
        pid = int(argv[1])
    except (IndexError, ValueError):
        return 2
    watch(pid)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
