"""A minimal JSON-RPC client over stdio with LSP's Content-Length framing, as an editor
talks to `followup lsp` (used by the tests and bench/lsp_speed.py)."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


class LspClient:
    def __init__(self, *args: str, cwd: Path | None = None) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "followup", "lsp", *args], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, env=env)
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.responses: dict[int, dict[str, Any]] = {}
        self.notifications: list[dict[str, Any]] = []
        self._next_id = 0
        self._cond = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            message = json.loads(stream.read(length))
            with self._cond:
                if "id" in message and "method" not in message:
                    self.responses[message["id"]] = message
                elif "id" in message:  # a request from the server: answer it
                    self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                else:
                    self.notifications.append(message)
                self._cond.notify_all()

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def request(self, method: str, params: Any, timeout: float = 60) -> Any:
        with self._cond:
            self._next_id += 1
            ident = self._next_id
            self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
            deadline = time.monotonic() + timeout
            while ident not in self.responses:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(method)
                self._cond.wait(left)
            response = self.responses.pop(ident)
        if "error" in response:
            raise RuntimeError(response["error"])
        return response.get("result")

    def notify(self, method: str, params: Any) -> None:
        with self._cond:
            self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_for(self, method: str, predicate: Any = None, timeout: float = 60,
                 since: int = 0) -> tuple[int, dict[str, Any]]:
        """The first notification `method` (after index `since`) that `predicate` accepts."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for index in range(since, len(self.notifications)):
                    note = self.notifications[index]
                    if note.get("method") == method and (predicate is None or
                                                         predicate(note["params"])):
                        return index, note["params"]
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(method)
                self._cond.wait(left)

    def initialize(self, root: Path, encodings: list[str] | None = None) -> Any:
        capabilities: dict[str, Any] = {"textDocument": {"publishDiagnostics": {}}}
        if encodings:
            capabilities["general"] = {"positionEncodings": encodings}
        result = self.request("initialize", {"processId": os.getpid(),
                                             "rootUri": root.as_uri(),
                                             "capabilities": capabilities})
        self.notify("initialized", {})
        return result

    def close(self, timeout: float = 30) -> int:
        """shutdown, exit; the exit status of the server."""
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.process.wait(timeout)
        finally:
            for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
                if stream is not None:
                    stream.close()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
