"""Checks against LanguageTool's `/v2/check`, many texts at once.

Direct HTTP with requests rather than language-tool-python's `check()`: it lets us send
rule settings and the picky level per request, run many requests concurrently through a
pooled session per worker thread (the server checks them on its own threads), put a
timeout on every request, and convert LanguageTool's offsets, which count UTF-16 code
units (Java strings), into Python string indices, so a letter with an emoji still gets
its findings on the right characters.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter

from . import DEFAULT_LANGUAGE, GrammarError

MAX_ANSWER_BYTES = 16 * 1024 * 1024  # a letter's matches are kilobytes, never this
SPELLING_RULE = re.compile(r"^(MORFOLOGIK_RULE_|HUNSPELL_|SPELLER_RULE|.*_SPELLER_RULE$)")


@dataclass(frozen=True)
class LTMatch:
    """One LanguageTool match, with `offset`/`length` in Python string indices."""

    offset: int
    length: int
    rule_id: str
    message: str
    replacements: tuple[str, ...] = ()
    issue_type: str = ""
    category_id: str = ""
    short_message: str = ""

    @property
    def end(self) -> int:
        return self.offset + self.length

    @property
    def is_spelling(self) -> bool:
        """A misspelled word (LanguageTool's speller), as opposed to grammar or style."""
        if SPELLING_RULE.match(self.rule_id):
            return True
        return self.issue_type == "misspelling" and self.category_id == "TYPOS"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["replacements"] = list(self.replacements)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LTMatch:
        """From a cache entry; raises (KeyError, TypeError, ValueError) on a bad one."""
        return cls(offset=int(data["offset"]), length=int(data["length"]),
                   rule_id=str(data["rule_id"]), message=str(data["message"]),
                   replacements=tuple(str(r) for r in data.get("replacements", ())),
                   issue_type=str(data.get("issue_type", "")),
                   category_id=str(data.get("category_id", "")),
                   short_message=str(data.get("short_message", "")))


def is_loopback_url(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host in ("localhost", "::1") or host.startswith("127.")


def _utf16_index_map(text: str) -> list[int] | None:
    """Python index for each UTF-16 offset (None when they are the same)."""
    if all(ord(c) < 0x10000 for c in text):
        return None
    positions: list[int] = []
    for index, char in enumerate(text):
        positions.append(index)
        if ord(char) >= 0x10000:
            positions.append(index)  # the low surrogate: same character
    positions.append(len(text))
    return positions


def parse_matches(text: str, data: Any, url: str = "LanguageTool") -> list[LTMatch]:
    """Turn a `/v2/check` JSON answer into matches; GrammarError if it is not one."""
    garbage = GrammarError(f"{url} answered something that is not a LanguageTool check result")
    if not isinstance(data, dict) or not isinstance(data.get("matches"), list):
        raise garbage
    index = _utf16_index_map(text)
    limit = len(index) - 1 if index is not None else len(text)
    out: list[LTMatch] = []
    for raw in data["matches"]:
        try:
            start, length = int(raw["offset"]), int(raw["length"])
            rule = raw["rule"]
            rule_id = str(rule["id"])
            message = str(raw.get("message") or rule.get("description") or rule_id)
            replacements = tuple(str(r["value"]) for r in raw.get("replacements") or ()
                                 if isinstance(r, dict) and "value" in r)
            issue_type = str(rule.get("issueType") or "")
            category = rule.get("category") or {}
            category_id = str(category.get("id") or "") if isinstance(category, dict) else ""
            short = str(raw.get("shortMessage") or "")
        except (KeyError, TypeError, ValueError, AttributeError):
            raise garbage from None
        if start < 0 or length < 0 or start + length > limit:
            raise garbage
        if index is not None:
            start, end = index[start], index[start + length]
        else:
            end = start + length
        out.append(LTMatch(start, end - start, rule_id, message, replacements[:5], issue_type,
                           category_id, short))
    return out


class LanguageToolClient:
    """Sends texts to one server. Thread-safe; `check_many` runs `workers` at a time."""

    def __init__(self, url: str, language: str = DEFAULT_LANGUAGE,
                 enable: Sequence[str] = (), disable: Sequence[str] = (),
                 picky: bool = False, timeout: float = 60.0,
                 workers: int | None = None) -> None:
        self.url = url.rstrip("/")
        if self.url.endswith("/v2"):
            self.url = self.url[:-3]
        self.language = language
        self.enable = tuple(enable)
        self.disable = tuple(disable)
        self.picky = picky
        self.timeout = timeout
        self.workers = workers or min(16, max(4, 2 * (os.cpu_count() or 2)))
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._lock = threading.Lock()
        self._broken: GrammarError | None = None
        self._pool: ThreadPoolExecutor | None = None

    @property
    def settings(self) -> dict[str, Any]:
        """What changes the answer besides the text (part of the cache key)."""
        return {"enable": sorted(self.enable), "disable": sorted(self.disable),
                "picky": self.picky}

    def _params(self, text: str) -> dict[str, str]:
        params = {"text": text, "language": self.language}
        if self.enable:
            params["enabledRules"] = ",".join(self.enable)
        if self.disable:
            params["disabledRules"] = ",".join(self.disable)
        if self.picky:
            params["level"] = "picky"
        return params

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            # a loopback server is never reached through a proxy from the environment
            session.trust_env = not is_loopback_url(self.url)
            adapter = HTTPAdapter(pool_connections=1, pool_maxsize=2, max_retries=0)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            self._local.session = session
            with self._lock:
                self._sessions.append(session)
        return session

    def check(self, text: str) -> list[LTMatch]:
        """Check one text; raises GrammarError with one clear line on any fault."""
        if self._broken is not None:
            raise self._broken
        if not text.strip():
            return []
        deadline = time.monotonic() + self.timeout
        try:
            response = self._session().post(f"{self.url}/v2/check", data=self._params(text),
                                            timeout=(10.0, self.timeout), stream=True)
            body = self._read_body(response, deadline)
        except requests.Timeout:
            error = GrammarError(f"LanguageTool at {self.url} did not answer within "
                                 f"{self.timeout:.0f} s")
            self._broken = error
            raise error from None
        except requests.ConnectionError:
            error = GrammarError(f"LanguageTool at {self.url} stopped answering "
                                 "(connection refused or closed)")
            self._broken = error
            raise error from None
        except requests.RequestException as exc:
            raise GrammarError(f"LanguageTool at {self.url} failed: {exc}") from None
        if response.status_code != 200:
            answer = body.decode("utf-8", "replace")
            detail = " ".join(answer.split())[:200] if answer else ""
            error = GrammarError(f"LanguageTool at {self.url} answered HTTP "
                                 f"{response.status_code}" + (f": {detail}" if detail else ""))
            if response.status_code >= 500 or response.status_code in (401, 403, 404):
                self._broken = error
            raise error
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            raise GrammarError(f"{self.url} answered something that is not a LanguageTool "
                               "check result (not JSON)") from None
        return parse_matches(text, data, self.url)

    def _read_body(self, response: requests.Response, deadline: float) -> bytes:
        """The whole answer within the total deadline and size cap: a server that trickles
        a byte every few seconds, or never stops sending, cannot hang the run."""
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                # read1: what has arrived (read(n) would wait for n bytes of a trickle)
                try:
                    chunk = response.raw.read1(65536, decode_content=True)
                except urllib3.exceptions.ReadTimeoutError:
                    raise requests.Timeout() from None
                except urllib3.exceptions.HTTPError as exc:
                    raise requests.ConnectionError(str(exc)) from None
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_ANSWER_BYTES:
                    error = GrammarError(f"LanguageTool at {self.url} sent an answer over "
                                         f"{MAX_ANSWER_BYTES // (1024 * 1024)} MB")
                    self._broken = error
                    raise error
                if time.monotonic() > deadline:
                    raise requests.Timeout()
                chunks.append(chunk)
        finally:
            response.close()
        return b"".join(chunks)

    def check_many(self, texts: Sequence[str],
                   progress: Callable[[int], None] | None = None
                   ) -> list[list[LTMatch] | GrammarError]:
        """Check all texts concurrently; each result is its matches or the error."""
        results: list[list[LTMatch] | GrammarError] = [[] for _ in texts]

        def one(i: int) -> None:
            try:
                results[i] = self.check(texts[i])
            except GrammarError as exc:
                results[i] = exc
            if progress is not None:
                progress(1)

        if len(texts) == 1:
            one(0)
        elif texts:
            with self._lock:
                if self._pool is None:
                    self._pool = ThreadPoolExecutor(max_workers=self.workers,
                                                    thread_name_prefix="languagetool")
                pool = self._pool
            list(pool.map(one, range(len(texts))))
        return results

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        with self._lock:
            for session in self._sessions:
                session.close()
            self._sessions.clear()
