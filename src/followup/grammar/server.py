"""A local LanguageTool server: persistent (`followup languagetool start`) or per run.

The server is `org.languagetool.server.HTTPServer` started straight from the installed
jars, on a free port of 127.0.0.1 (without `--public` it accepts local connections only),
with a small properties file (`pipelinePrewarming=false`, a sentence cache) and a 512 MB
heap through `JDK_JAVA_OPTIONS` unless the user set `-Xmx` there. It is ready when a
check of a short English text succeeds: that also loads the English rules, so the first
real check is fast. The persistent server's port and pid are kept in the platformdirs
user state folder (`followup/languagetool-server.json`).

The same server is shared by lints: a lint that needs grammar and finds none running starts
it (`owner = "lint"`) and leaves it running; every use touches `languagetool-server.used`,
and a detached idle watcher (`followup.grammar.idle`) stops it once that file is older than
the idle time. A server the user started is never stopped by the watcher unless they gave
`--idle-minutes`.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs
import requests
from filelock import FileLock, Timeout

from ..atomic import write_text_atomic
from . import GrammarError
from .provision import Installation, java_command, require_installation

HOST = "127.0.0.1"
START_TIMEOUT_ENV = "FOLLOWUP_LANGUAGETOOL_START_TIMEOUT"
DEFAULT_START_TIMEOUT = 180.0
STATE_FILE = "languagetool-server.json"
USED_FILE = "languagetool-server.used"
SERVER_PROPERTIES = {
    "pipelinePrewarming": "false",
    "cacheSize": "2000",
    "maxCheckTimeMillis": "60000",
    "maxTextLength": "100000",
}


@dataclass(frozen=True)
class ServerInfo:
    pid: int
    port: int
    version: str
    home: str
    started: float
    idle_seconds: float | None = None  # stopped after this long unused; None: never
    owner: str = "user"  # "user" (`languagetool start`) or "lint" (started by a lint)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"


def state_dir() -> Path:
    override = os.environ.get("FOLLOWUP_STATE_DIR")
    return Path(override) if override else Path(platformdirs.user_state_dir("followup"))


def state_path() -> Path:
    return state_dir() / STATE_FILE


def start_timeout() -> float:
    try:
        return float(os.environ.get(START_TIMEOUT_ENV, DEFAULT_START_TIMEOUT))
    except ValueError:
        return DEFAULT_START_TIMEOUT


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError, ValueError):
        return False  # gone, or a state file with a pid no process can have
    except PermissionError:
        return True
    # a zombie child of ours is not alive
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _is_languagetool(pid: int) -> bool:
    """Whether `pid` is a LanguageTool server (guards against a recycled pid)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return False
    except OSError:
        return _pid_alive(pid)  # no /proc (macOS): trust the state file
    return b"org.languagetool.server.HTTPServer" in cmdline


def _java_env() -> dict[str, str]:
    env = dict(os.environ)
    options = env.get("JDK_JAVA_OPTIONS", "")
    if "-Xmx" not in options:
        options = (options + " -Xmx512m").strip()
    env["JDK_JAVA_OPTIONS"] = options
    return env


def _write_properties(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "languagetool-server.properties"
    write_text_atomic(path, "".join(f"{k}={v}\n" for k, v in SERVER_PROPERTIES.items()),
                      overwrite=True)
    return path


def probe(url: str, timeout: float = 5.0) -> str:
    """Check a short text; return the server's LanguageTool version or raise GrammarError."""
    session = requests.Session()
    session.trust_env = False  # a local server is never reached through a proxy
    try:
        response = session.post(f"{url.rstrip('/')}/v2/check",
                                data={"text": "This is a test.", "language": "en-US"},
                                timeout=timeout)
        response.raise_for_status()
        data = response.json()
        return str(data["software"]["version"])
    except (requests.RequestException, ValueError, KeyError, TypeError) as exc:
        raise GrammarError(f"LanguageTool at {url} does not answer: {exc}") from None
    finally:
        session.close()


class LocalServer:
    """A LanguageTool server process we started. `stop()` ends it."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, installation: Installation,
                 log_path: Path | None) -> None:
        self.process = process
        self.port = port
        self.installation = installation
        self.log_path = log_path
        self.started = time.time()
        self.ready_seconds: float | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def version(self) -> str:
        return self.installation.version

    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        last: str = ""
        while time.monotonic() < deadline:
            if not self.alive():
                raise GrammarError(f"the LanguageTool server stopped while starting "
                                   f"(exit code {self.process.returncode}){self._log_tail()}")
            try:
                probe(self.url, timeout=max(1.0, min(60.0, deadline - time.monotonic())))
                self.ready_seconds = time.time() - self.started
                return
            except GrammarError as exc:
                last = str(exc)
            time.sleep(0.2)
        self.stop()
        raise GrammarError(f"the LanguageTool server did not become ready within "
                           f"{timeout:.0f} s (set {START_TIMEOUT_ENV} to wait longer)"
                           + (f"; last answer: {last}" if last else ""))

    def _log_tail(self) -> str:
        if self.log_path is None:
            return ""
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        causes = [line.strip() for line in lines if "Exception" in line or "Error" in line]
        return f": {causes[-1][:200]}" if causes else ""

    def stop(self, timeout: float = 10.0) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout)

    def __enter__(self) -> LocalServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def launch(installation: Installation | None = None, port: int | None = None,
           log_path: Path | None = None, detach: bool = False,
           timeout: float | None = None) -> LocalServer:
    """Start a server and wait until it checks text. Raises GrammarError on any fault."""
    installation = installation or require_installation()
    java = java_command()
    port = port or free_port()
    config = _write_properties(state_dir() if detach else installation.path)
    command = [java, "-cp", installation.classpath, "org.languagetool.server.HTTPServer",
               "--port", str(port), "--config", str(config)]
    if log_path is not None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        out = open(log_path, "ab")  # noqa: SIM115 (handed to the child)
    else:
        out = open(os.devnull, "wb")  # noqa: SIM115
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out,
                                   stderr=subprocess.STDOUT, env=_java_env(),
                                   cwd=str(installation.path), start_new_session=detach)
    except OSError as exc:
        raise GrammarError(f"cannot start Java ({java}): {exc.strerror}") from None
    finally:
        out.close()
    server = LocalServer(process, port, installation, log_path)
    try:
        server.wait_ready(start_timeout() if timeout is None else timeout)
    except BaseException:
        server.stop()
        raise
    return server


# --- the persistent server -------------------------------------------------------------

def read_state() -> ServerInfo | None:
    try:
        data = json.loads(state_path().read_text(encoding="utf-8"))
        return ServerInfo(pid=int(data["pid"]), port=int(data["port"]),
                          version=str(data["version"]), home=str(data["home"]),
                          started=float(data["started"]),
                          idle_seconds=(None if data.get("idle_seconds") is None
                                        else float(data["idle_seconds"])),
                          owner=str(data.get("owner", "user")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_state(info: ServerInfo) -> None:
    write_text_atomic(state_path(), json.dumps(asdict(info)), overwrite=True)


def _clear_state() -> None:
    with contextlib.suppress(FileNotFoundError):
        state_path().unlink()


def _recorded_server() -> ServerInfo | None:
    """The server the state file names, if that process is still LanguageTool (a stale
    state file is removed)."""
    info = read_state()
    if info is None:
        return None
    if not (_pid_alive(info.pid) and _is_languagetool(info.pid)):
        _clear_state()
        return None
    return info


def running_server(check: bool = True) -> ServerInfo | None:
    """The persistent server if it is running (and, with `check`, answering)."""
    info = _recorded_server()
    if info is None:
        return None
    if check:
        try:
            probe(info.url, timeout=10.0)
        except GrammarError:
            return None
    return info


def _lock() -> FileLock:
    state_dir().mkdir(parents=True, exist_ok=True)
    return FileLock(str(state_dir() / "languagetool-server.lock"))


def touch_used() -> None:
    """Record that the shared server was just used (the idle watcher reads the time)."""
    path = state_dir() / USED_FILE
    try:
        path.touch()
    except OSError:
        return


def last_used(info: ServerInfo) -> float:
    try:
        return max(info.started, (state_dir() / USED_FILE).stat().st_mtime)
    except OSError:
        return info.started


def _spawn_idle_watcher(info: ServerInfo) -> None:
    """A detached process that stops the server once it has been idle long enough."""
    env = dict(os.environ)
    env["FOLLOWUP_STATE_DIR"] = str(state_dir())
    source = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (source, env.get("PYTHONPATH")) if p)
    with contextlib.suppress(OSError):
        subprocess.Popen([sys.executable, "-m", "followup.grammar.idle", str(info.pid)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=env, start_new_session=True,
                         close_fds=True)


def _end(pid: int, timeout: float = 15.0) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _pid_alive(pid):
        time.sleep(0.1)
    if _pid_alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def start_persistent(timeout: float | None = None, idle_seconds: float | None = None,
                     owner: str = "user", on_start: Callable[[], object] | None = None
                     ) -> tuple[ServerInfo, bool]:
    """Start the background server unless one runs; return (info, newly_started).

    Under a file lock, so two lints at the same moment start one server. A recorded
    server that no longer answers is ended and replaced. `on_start` is called just
    before a new server is launched (for the "Starting LanguageTool" notice).
    """
    try:
        with _lock().acquire(timeout=(timeout or start_timeout()) + 30):
            info = running_server()
            if info is not None:
                touch_used()
                return info, False
            stale = _recorded_server()
            if stale is not None:  # alive but not answering: replace it
                _end(stale.pid)
                _clear_state()
            installation = require_installation()
            if on_start is not None:
                on_start()
            server = launch(installation, log_path=state_dir() / "languagetool-server.log",
                            detach=True, timeout=timeout)
            info = ServerInfo(pid=server.pid, port=server.port, version=server.version,
                              home=str(installation.path), started=server.started,
                              idle_seconds=idle_seconds, owner=owner)
            _write_state(info)
            touch_used()
            if idle_seconds is not None:
                _spawn_idle_watcher(info)
            return info, True
    except Timeout:
        raise GrammarError("another `followup languagetool start` is still starting "
                           "the server") from None


def stop_persistent(timeout: float = 15.0) -> ServerInfo | None:
    """Stop the background server; return what was stopped, or None if none ran."""
    info = _recorded_server()
    if info is None:
        return None
    _end(info.pid, timeout)
    _clear_state()
    return info


def memory_rss_kb(pid: int) -> int | None:
    """Resident memory of a process in kB (Linux), for `status` and the benchmark."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None
