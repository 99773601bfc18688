"""The progress bar of a folder run covers the start of the shared LanguageTool server.

The start is faked (a slow `start_persistent` that calls its `on_start` hook, then
waits), and so is the client: these tests are about what stderr shows while a run waits
for the server, not about LanguageTool (the real-server tests are in test_warm_server.py).
"""

from __future__ import annotations

import io
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from followup.grammar import server
from followup.grammar.cache import ResultCache
from followup.grammar.session import (
    PROGRESS_MIN,
    STARTING_NOTICE,
    GrammarSession,
    GrammarSettings,
)


class _Terminal(io.StringIO):
    """stderr as a terminal: the progress bar and the spinner draw on it."""

    def isatty(self) -> bool:
        return True


class _Client:
    """Answers every text with no matches, reporting progress as the real client does."""

    url = "http://127.0.0.1:1"

    def check_many(self, texts: Sequence[str],
                   progress: Callable[[int], None] | None = None) -> list[list[Any]]:
        for _ in texts:
            if progress is not None:
                progress(1)
        return [[] for _ in texts]

    def close(self) -> None:
        pass


def _session(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, start_seconds: float
             ) -> tuple[GrammarSession, list[str]]:
    """A session whose server start takes `start_seconds`; the list collects events."""
    events: list[str] = []
    info = server.ServerInfo(pid=1, port=1, version="6.6", home=str(tmp_path),
                             started=time.time(), owner="lint")

    def slow_start(timeout: float | None = None, idle_seconds: float | None = None,
                   owner: str = "user", on_start: Callable[[], object] | None = None
                   ) -> tuple[server.ServerInfo, bool]:
        if on_start is not None:
            on_start()
        events.append("starting")
        time.sleep(start_seconds)
        events.append("started")
        return info, True

    monkeypatch.setattr(server, "running_server", lambda check=True: None)
    monkeypatch.setattr(server, "start_persistent", slow_start)
    monkeypatch.setattr(server, "touch_used", lambda: None)
    session = GrammarSession(GrammarSettings(), cache=ResultCache(tmp_path / "cache"))
    session.version = "6.6"  # as found in the installation, without looking for one
    monkeypatch.setattr(session, "_client_for", lambda url: _Client())
    return session, events


def test_the_bar_shows_the_server_start_then_the_letters(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    session, events = _session(monkeypatch, tmp_path, start_seconds=0.8)
    texts = [f"Letter number {i}." for i in range(PROGRESS_MIN + 5)]

    results = session.check_texts(texts)

    assert events == ["starting", "started"]
    assert results == [[] for _ in texts]
    drawn = terminal.getvalue()
    frames = [line for line in re.split(r"[\r\n]", drawn) if line.strip()]
    waiting = [line for line in frames if STARTING_NOTICE in line]
    # the notice is the bar's label while the server starts, and its spinner turns
    assert len(waiting) >= 3, drawn
    assert all(re.search(re.escape(STARTING_NOTICE) + r" [|/\\-]\s+\[[-#]*\]\s+0%", line)
               for line in waiting), waiting
    assert len({line.split(STARTING_NOTICE)[1][:2] for line in waiting}) > 1, waiting
    # no spinner of its own writing over the bar, no "done" line
    assert f"{STARTING_NOTICE} done" not in drawn
    assert not any(line.startswith(STARTING_NOTICE) and "[" not in line for line in frames)
    # then the same bar counts the letters, under its own label
    assert re.search(r"LanguageTool\s+\[#+\]\s+100%", frames[-1]), frames[-1]
    assert drawn.index(STARTING_NOTICE) < drawn.rindex("100%")


def test_a_few_letters_get_the_spinner_without_a_bar(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    session, events = _session(monkeypatch, tmp_path, start_seconds=0.4)

    session.check_texts(["One letter."])

    drawn = terminal.getvalue()
    assert events == ["starting", "started"]
    assert drawn.endswith(f"\r{STARTING_NOTICE} done\n"), drawn
    assert "[" not in drawn and "%" not in drawn


def test_off_a_terminal_the_notice_is_one_line(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    plain = io.StringIO()
    monkeypatch.setattr(sys, "stderr", plain)
    session, _ = _session(monkeypatch, tmp_path, start_seconds=0.1)

    session.check_texts([f"Letter {i}." for i in range(PROGRESS_MIN + 5)])

    assert plain.getvalue() == f"{STARTING_NOTICE}\n"
