"""Issue 10: a LanguageTool answer is read with a total deadline and a size cap; cache
entries that do not fit their text are missing. The servers here are real HTTP servers on
loopback that misbehave on purpose (a trickle, a JSON bomb, offsets outside the text)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from followup.grammar import GrammarError
from followup.grammar.cache import ResultCache, cache_key
from followup.grammar.client import LanguageToolClient
from followup.grammar.session import GrammarSession, GrammarSettings

ANSWER = {"software": {"version": "6.8"}, "matches": []}


def _serve(body: bytes, trickle: float = 0.0) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                if trickle:
                    for byte in body:
                        self.wfile.write(bytes((byte,)))
                        self.wfile.flush()
                        time.sleep(trickle)
                else:
                    self.wfile.write(body)
            except OSError:
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def trickle_server() -> Iterator[str]:
    yield from _serve(json.dumps(ANSWER).encode(), trickle=0.5)


def test_a_trickling_server_hits_the_total_deadline(trickle_server):
    client = LanguageToolClient(trickle_server, timeout=2.0)
    started = time.monotonic()
    with pytest.raises(GrammarError, match="did not answer within 2 s"):
        client.check("This is a test.")
    assert time.monotonic() - started < 8  # each byte came within the read timeout
    client.close()


def test_deeply_nested_json_is_a_garbage_answer():
    for url in _serve(b"[" * 200_000 + b"]" * 200_000):
        client = LanguageToolClient(url, timeout=20.0)
        with pytest.raises(GrammarError, match="not a LanguageTool check result"):
            client.check("This is a test.")
        client.close()


def test_an_answer_over_the_size_cap_is_refused(monkeypatch):
    from followup.grammar import client as client_module

    monkeypatch.setattr(client_module, "MAX_ANSWER_BYTES", 1000)
    for url in _serve(json.dumps({**ANSWER, "pad": "x" * 5000}).encode()):
        client = LanguageToolClient(url, timeout=20.0)
        with pytest.raises(GrammarError, match="sent an answer over"):
            client.check("This is a test.")
        client.close()


def test_config_and_environment_set_the_timeout(monkeypatch, tmp_path):
    from followup.config import load_config

    (tmp_path / "followup.toml").write_text("languagetool_timeout = 5\n")
    config = load_config(tmp_path / "followup.toml")
    assert GrammarSettings.from_config(config, {"timeout": 60.0}).timeout == 5.0
    monkeypatch.setenv("FOLLOWUP_LANGUAGETOOL_TIMEOUT", "7.5")
    config = load_config(tmp_path / "followup.toml")
    assert GrammarSettings.from_config(config, {"timeout": 60.0}).timeout == 7.5


def test_cache_entry_outside_its_text_is_missing(tmp_path):
    text = "Their is a problem."
    answer = {**ANSWER, "matches": [{"offset": 0, "length": 5, "message": "Their/There",
                                     "rule": {"id": "THEIR_IS", "issueType": "grammar"}}]}
    for url in _serve(json.dumps(answer).encode()):
        settings = GrammarSettings(url=url)
        cache = ResultCache(tmp_path)
        session = GrammarSession(settings, cache=cache)
        version = session._resolve_version()
        key = cache_key(text, version, settings.language, session._client_settings)
        cache.put(key, [{"offset": 400, "length": 5, "rule_id": "X", "message": "bad"}])
        [matches] = session.check_texts([text])
        session.close()
        assert matches is not None and [m.rule_id for m in matches] == ["THEIR_IS"]
        assert session.sent == 1  # checked again, not taken from the bad entry
