"""Issue 10: SIGTERM and SIGHUP end a run like Ctrl-C: the LanguageTool server the run
started for itself is stopped (not orphaned at 400 MB), exit 128 + the signal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import GOOD_LETTER


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(p) for p in text]
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_signal_stops_the_server_the_run_started(lt_installation, tmp_path, signum):
    if not Path("/proc/self/task").is_dir():
        pytest.skip("needs /proc to find the server process")
    for i in range(3):
        (tmp_path / f"letter{i}.txt").write_text(GOOD_LETTER.replace("Friday", f"day {i}"))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"),
           "FOLLOWUP_STATE_DIR": str(tmp_path / "state"),  # no persistent server here
           "FOLLOWUP_GRAMMAR_CACHE": str(tmp_path / "cache")}
    env.pop("FOLLOWUP_LANGUAGETOOL_URL", None)
    process = subprocess.Popen([sys.executable, "-m", "followup", "lint", "--grammar", "auto",
                                str(tmp_path)], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    java: list[int] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and not java:
        java = [p for p in _children(process.pid)
                if b"languagetool" in Path(f"/proc/{p}/cmdline").read_bytes().lower()]
        time.sleep(0.2)
    assert java, "the run did not start a LanguageTool server"
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, err
    assert f"followup: stopped by {signal.Signals(signum).name}" in err
    assert "Traceback" not in err
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and _alive(java[0]):
        time.sleep(0.2)
    assert not _alive(java[0]), "the LanguageTool server was orphaned"
    leftovers = [p for p in tmp_path.rglob("*.tmp")]
    assert leftovers == []
