"""The shared warm LanguageTool server: started by a lint, reused, stopped when idle.

Real servers in a per-test state folder (the autouse fixture in conftest.py), through real
`python -m followup lint` processes; every server a test starts is stopped in a finally.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from followup.grammar import server as server_module
from followup.grammar.session import STARTING_NOTICE

SOURCE = str(Path(__file__).resolve().parents[2] / "src")
BAD = ("Dear Ms. Carter,\n\nThank you for the interview. He go to the office every day.\n\n"
       "Best regards,\nJordan Lee\n")


def _servers_in(state: Path) -> list[int]:
    """Pids of LanguageTool servers whose config lives in this test's state folder."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"org.languagetool.server.HTTPServer" in cmdline and str(state).encode() in cmdline:
            pids.append(int(entry.name))
    return pids


@pytest.fixture
def state(isolated_grammar_dirs: Path, lt_installation: Any) -> Iterator[Path]:
    folder = isolated_grammar_dirs / "state"
    try:
        yield folder
    finally:
        server_module.stop_persistent()
        for pid in _servers_in(folder):
            server_module._end(pid)


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (SOURCE, env.get("PYTHONPATH")) if p)
    env.update(extra)
    return env


def _lint(folder: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    letter = folder / "letter.txt"
    if not letter.exists():
        letter.write_text(BAD)
    return subprocess.Popen([sys.executable, "-m", "followup", "lint", "--today", "2026-11-20",
                             *args, str(letter)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env(**env),
                            cwd=str(folder))


def _run(folder: Path, *args: str, **env: str) -> tuple[str, str]:
    process = _lint(folder, *args, **env)
    out, err = process.communicate(timeout=400)
    return out, err


def test_lint_starts_the_shared_server_leaves_it_running_and_the_next_lint_reuses_it(
        state: Path, tmp_path: Path) -> None:
    out, err = _run(tmp_path)
    assert "G001" in out, (out, err)
    assert err.count(STARTING_NOTICE) == 1, err
    info = server_module.read_state()
    assert info is not None and info.owner == "lint"
    assert server_module._pid_alive(info.pid), "the shared server must outlive the lint"
    server_module.probe(info.url)
    (tmp_path / "letter.txt").write_text(BAD.replace("portfolio", "samples"))  # a change
    out, err = _run(tmp_path)
    assert "G001" in out, (out, err)
    assert STARTING_NOTICE not in err, err
    again = server_module.read_state()
    assert again is not None and again.pid == info.pid
    assert _servers_in(state) == [info.pid]


def test_two_lints_at_the_same_moment_start_one_server(state: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    processes = [_lint(first), _lint(second)]
    outputs = [p.communicate(timeout=400) for p in processes]
    for out, err in outputs:
        assert "G001" in out, (out, err)
    assert sum(err.count(STARTING_NOTICE) for _, err in outputs) == 1, outputs
    info = server_module.read_state()
    assert info is not None
    assert _servers_in(state) == [info.pid]


def test_a_stale_server_is_replaced_and_the_shared_server_stops_when_idle(
        state: Path, tmp_path: Path) -> None:
    state.mkdir(parents=True, exist_ok=True)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:  # a state file naming a live process that is not LanguageTool
        stale = server_module.ServerInfo(pid=sleeper.pid, port=server_module.free_port(),
                                         version="6.8", home="/nowhere", started=time.time())
        server_module._write_state(stale)
        out, err = _run(tmp_path, FOLLOWUP_LANGUAGETOOL_IDLE="20")
    finally:
        sleeper.kill()
        sleeper.wait()
    assert "G001" in out, (out, err)
    info = server_module.read_state()
    assert info is not None and info.pid != sleeper.pid and info.idle_seconds == 20.0
    deadline = time.monotonic() + 90
    # the watcher stops the server, then removes its state file: wait for both
    while time.monotonic() < deadline and (server_module._pid_alive(info.pid)
                                           or server_module.read_state() is not None):
        time.sleep(0.5)
    assert not server_module._pid_alive(info.pid), "the idle server was not stopped"
    assert server_module.read_state() is None


def test_grammar_off_starts_nothing(state: Path, tmp_path: Path) -> None:
    _run(tmp_path, "--grammar", "off")
    (tmp_path / "followup.toml").write_text('grammar = "off"\n')
    _run(tmp_path)
    assert server_module.read_state() is None
    assert _servers_in(state) == []
