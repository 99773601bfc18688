"""What one lint run does with LanguageTool.

Which server: `$FOLLOWUP_LANGUAGETOOL_URL`, else config `languagetool_url` (a remote or
self-hosted server: the only way a letter leaves the machine), else the shared local
server (`followup languagetool start`, or the one an earlier lint started), else the
shared server is started now in the background and left running for later lints; it
stops itself after `languagetool_idle_minutes` unused (`$FOLLOWUP_LANGUAGETOOL_IDLE` in
seconds). A shared server is never stopped by `shutdown()`: `owns_server` says whether
the session holds a server of its own that it must stop. Texts whose results are cached
are not sent; when every text is cached no server is needed at all.

Faults never stop the other rules: each becomes one line in
`resources.memo["grammar_errors"]` (see `grammar_status_messages`), and
`raise_if_required` turns them into `GrammarUnavailable` in `grammar = "require"` mode.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import DEFAULT_LANGUAGE, GrammarError, GrammarUnavailable
from .cache import ResultCache, cache_key
from .client import LanguageToolClient, LTMatch

URL_ENV = "FOLLOWUP_LANGUAGETOOL_URL"
IDLE_ENV = "FOLLOWUP_LANGUAGETOOL_IDLE"
STARTING_NOTICE = "Starting LanguageTool (first run, about 15 s)…"
MEMO_SESSION = "grammar_session"
MEMO_ERRORS = "grammar_errors"
PROGRESS_MIN = 20  # letters sent before a progress bar is worth showing


#: LanguageTool rules that are style nags, not grammar, on a letter: off unless the user
#: enables them (`languagetool_enable`) or asks for picky checking (`--picky`, `picky`).
#: ENGLISH_WORD_REPEAT_BEGINNING_RULE: three sentences starting with "I" (every letter).
DEFAULT_DISABLED = ("ENGLISH_WORD_REPEAT_BEGINNING_RULE",)


@dataclass(frozen=True)
class GrammarSettings:
    mode: str = "auto"  # auto | require | off
    url: str | None = None  # a configured (remote) server
    language: str = DEFAULT_LANGUAGE
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    picky: bool = False
    timeout: float = 60.0
    workers: int | None = None
    idle_seconds: float = 30 * 60.0  # the shared server stops after this long unused

    @classmethod
    def from_config(cls, config: Any, options: Any = None) -> GrammarSettings:
        options = options or {}
        url = os.environ.get(URL_ENV) or getattr(config, "languagetool_url", None) or None
        enable = tuple(getattr(config, "languagetool_enable", ()) or ())
        disable = tuple(getattr(config, "languagetool_disable", ()) or ())
        picky = bool(getattr(config, "picky", False))
        if not picky:
            disable += tuple(rule for rule in DEFAULT_DISABLED
                             if rule not in enable and rule not in disable)
        return cls(mode=getattr(config, "grammar", "auto") or "auto", url=url,
                   language=getattr(config, "language", None) or DEFAULT_LANGUAGE,
                   enable=enable, disable=disable, picky=picky,
                   timeout=_timeout(config, options),
                   workers=options.get("workers"), idle_seconds=_idle_seconds(config))


def _idle_seconds(config: Any) -> float:
    override = os.environ.get(IDLE_ENV)
    if override:
        try:
            return max(1.0, float(override))
        except ValueError:
            pass
    return float(getattr(config, "languagetool_idle_minutes", 30.0) or 30.0) * 60.0


class _StartingNotice:
    """Says once on stderr that LanguageTool is starting: a line off a terminal; on one, a
    spinner, or, when a folder run's progress bar is already on screen, the bar itself
    (its label says what it waits for and a spinner turns in it, so the two never write
    over each other)."""

    LABEL = "LanguageTool"

    def __init__(self, bar: Any = None) -> None:
        self._bar = bar
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __call__(self) -> None:
        if self._bar is None and not sys.stderr.isatty():
            print(STARTING_NOTICE, file=sys.stderr, flush=True)
            return
        self._thread = threading.Thread(target=self._spin, daemon=True)
        self._thread.start()

    def _spin(self) -> None:
        frames = "|/-\\"
        i = 0
        while True:
            if self._bar is not None:
                self._bar.label = f"{STARTING_NOTICE} {frames[i % 4]}"
                self._bar.render_progress()
            else:
                sys.stderr.write(f"\r{STARTING_NOTICE} {frames[i % 4]}")
                sys.stderr.flush()
            i += 1
            if self._stop.wait(0.15):
                break

    def done(self) -> None:
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join()
        if self._bar is not None:
            self._bar.label = self.LABEL
            self._bar.render_progress()
        else:
            sys.stderr.write(f"\r{STARTING_NOTICE} done\n")
            sys.stderr.flush()


def _timeout(config: Any, options: Any) -> float:
    """The rule option `timeout` when set to something else than its default, else the
    config's `languagetool_timeout` (and FOLLOWUP_LANGUAGETOOL_TIMEOUT)."""
    option = options.get("timeout")
    if option is not None and float(option) != 60.0:
        return float(option)
    return float(getattr(config, "languagetool_timeout", 60.0) or 60.0)


class GrammarSession:
    """Checks texts for one run; remembers the server it started and the faults it met."""

    def __init__(self, settings: GrammarSettings, cache: ResultCache | None = None,
                 errors: list[str] | None = None) -> None:
        self.settings = settings
        self.cache = cache if cache is not None else ResultCache()
        self.errors: list[str] = errors if errors is not None else []
        self.url: str | None = None
        self.version: str | None = None
        self.sent = 0
        self._client: LanguageToolClient | None = None
        self._own_server: Any = None  # a server.LocalServer this run must stop (none today)
        self.shared = False  # using the shared server: never stopped by this session
        self._lock = threading.Lock()
        self._failed = False

    def _error(self, message: str) -> None:
        if "LanguageTool" not in message:
            message = f"LanguageTool: {message}"
        with self._lock:
            if message not in self.errors:
                self.errors.append(message)

    @property
    def _client_settings(self) -> dict[str, Any]:
        s = self.settings
        return {"enable": sorted(s.enable), "disable": sorted(s.disable), "picky": s.picky}

    def _resolve_version(self) -> str:
        """The LanguageTool version answers will come from (part of the cache key)."""
        if self.version is not None:
            return self.version
        from .server import probe, running_server

        if self.settings.url:
            self.url = self.settings.url
            self.version = "remote:" + probe(self.url, timeout=self.settings.timeout)
        else:
            info = running_server(check=False)
            if info is not None:
                self.version = info.version
            else:
                from .provision import require_installation

                self.version = require_installation().version
        return self.version

    def _ensure_server(self, bar: Any = None) -> str:
        """The server's URL, starting the shared server when none runs (`bar`: the run's
        progress bar, which then shows the wait)."""
        if self.url is not None:
            return self.url
        from .server import running_server, start_persistent, touch_used

        info = running_server(check=True)
        if info is not None:
            touch_used()
        else:
            notice = _StartingNotice(bar)
            try:
                info, _ = start_persistent(idle_seconds=self.settings.idle_seconds,
                                           owner="lint", on_start=notice)
            finally:
                notice.done()
        self.shared = True
        self.url = info.url
        self.version = info.version
        return self.url

    @property
    def owns_server(self) -> bool:
        """Whether this session started a server it must stop (a shared one: never)."""
        return self._own_server is not None

    def _client_for(self, url: str) -> LanguageToolClient:
        if self._client is None or self._client.url != url.rstrip("/"):
            s = self.settings
            self._client = LanguageToolClient(url, s.language, s.enable, s.disable, s.picky,
                                              timeout=s.timeout, workers=s.workers)
        return self._client

    def check_texts(self, texts: Sequence[str]) -> list[list[LTMatch] | None]:
        """Matches for each text, or None where grammar checking failed (error recorded)."""
        results: list[list[LTMatch] | None] = [None] * len(texts)
        if self.settings.mode == "off" or not texts:
            return results
        if self._failed:
            return results
        try:
            version = self._resolve_version()
        except GrammarError as exc:
            self._failed = True
            self._error(str(exc))
            return results
        keys = [cache_key(t, version, self.settings.language, self._client_settings)
                for t in texts]
        missing: list[int] = []
        for i, key in enumerate(keys):
            cached = self.cache.get(key)
            if cached is not None:
                try:
                    matches = [LTMatch.from_dict(m) for m in cached]
                except (KeyError, TypeError, ValueError):
                    matches = None  # a corrupt entry: check again
                # an entry whose offsets fall outside its text is not this text's answer
                if matches is not None and all(
                        m.offset >= 0 and m.length >= 0 and m.end <= len(texts[i])
                        for m in matches):
                    results[i] = matches
                    continue
            missing.append(i)
        if not missing:
            return results
        with contextlib.ExitStack() as stack:
            bar = self._progress_bar(len(missing), stack)
            return self._check_missing(texts, keys, missing, results, version, bar)

    def _progress_bar(self, count: int, stack: contextlib.ExitStack) -> Any:
        """A progress bar on stderr for `count` texts when it is worth showing (a folder
        run on a terminal), open from before the server starts; else None."""
        if count < PROGRESS_MIN or not sys.stderr.isatty():
            return None
        import click

        return stack.enter_context(click.progressbar(length=count,
                                                     label=_StartingNotice.LABEL,
                                                     file=sys.stderr))

    def _check_missing(self, texts: Sequence[str], keys: list[str], missing: list[int],
                       results: list[list[LTMatch] | None], version: str, bar: Any
                       ) -> list[list[LTMatch] | None]:
        """Send the texts not in the cache (starting the server if need be) and cache the
        answers."""
        try:
            url = self._ensure_server(bar)
        except GrammarError as exc:
            self._failed = True
            self._error(str(exc))
            return results
        if version != self.version and not self.settings.url:
            # the server we got runs another version than the key assumed
            version = self.version or version
            for i in missing:
                keys[i] = cache_key(texts[i], version, self.settings.language,
                                    self._client_settings)
        client = self._client_for(url)
        answers = self._send(client, [texts[i] for i in missing], bar)
        failures: list[GrammarError] = []
        for i, answer in zip(missing, answers, strict=True):
            if isinstance(answer, GrammarError):
                failures.append(answer)
                continue
            results[i] = answer
            self.cache.put(keys[i], [m.as_dict() for m in answer])
        if failures:
            how_many = (f" for {len(failures)} of {len(missing)} letters"
                        if len(missing) > 1 else "")
            self._error(f"grammar check failed{how_many}: {failures[0]}")
            if self._own_server is not None and not self._own_server.alive():
                self._failed = True
        return results

    def _send(self, client: LanguageToolClient, texts: list[str], bar: Any = None
              ) -> list[list[LTMatch] | GrammarError]:
        self.sent += len(texts)
        if bar is not None:
            return client.check_many(texts, progress=bar.update)
        return client.check_many(texts)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self.shared:
            from .server import touch_used

            touch_used()  # the idle time counts from the end of this run
        if self._own_server is not None:
            self._own_server.stop()
            self._own_server = None
            self.url = None  # a later check starts (or finds) a server again


# --- for the rule and the CLI ----------------------------------------------------------

def session_for(resources: Any, settings: GrammarSettings) -> GrammarSession:
    """The run's session (one per `RunResources`)."""
    memo = resources.memo
    session = memo.get(MEMO_SESSION)
    if session is None:
        session = GrammarSession(settings, errors=memo.setdefault(MEMO_ERRORS, []))
        memo[MEMO_SESSION] = session
        if hasattr(resources, "on_close"):
            resources.on_close(lambda: shutdown(resources))
    return session


def grammar_status_messages(resources: Any) -> list[str]:
    """One line per grammar fault this run met (for the CLI to print on stderr)."""
    return list(resources.memo.get(MEMO_ERRORS, ()))


def raise_if_required(resources: Any) -> None:
    """Raise GrammarUnavailable when grammar was required and could not be done."""
    messages = grammar_status_messages(resources)
    if messages and getattr(resources.config, "grammar", "auto") == "require":
        raise GrammarUnavailable(messages[0])


def shutdown(resources: Any) -> None:
    """Close the run's session; stops only a server the run owns, never the shared one
    (safe to call more than once)."""
    session = resources.memo.get(MEMO_SESSION)
    if session is not None:
        session.close()
