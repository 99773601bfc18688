"""The pygls wiring: documents in, diagnostics, hovers and code actions out.

On open and save a letter is checked at once, on change after a short pause (debounce):
first the offline rules, published as soon as they are done, then, unless `grammar =
"off"`, the run with LanguageTool, published when it arrives. Every result carries the
document version it was computed for and is dropped if the buffer has moved on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..atomic import write_text_atomic
from ..document import Document
from ..findings import Finding
from ..linter import LintResult
from ..source import LETTER_SUFFIXES
from . import convert
from .checker import LetterChecker

DEBOUNCE = 0.15  # seconds of quiet after a change before the letter is checked
log = logging.getLogger(__name__)


@dataclass
class Checked:
    """The latest result published for a document."""

    version: int | None
    document: Document | None
    findings: list[Finding]


class FollowupServer(LanguageServer):
    def __init__(self, today: date | None = None) -> None:
        super().__init__("followup", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.today = today
        self.checker = LetterChecker(today=today)
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="followup-lint")
        self.tasks: dict[str, asyncio.Task[None]] = {}
        self.checked: dict[str, Checked] = {}

    def units(self, text: str) -> int:
        return int(self.workspace.position_codec.client_num_units(text))

    # --- checking ----------------------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        path = _letter_path(uri)
        if path is None:
            return
        previous = self.tasks.pop(uri, None)
        if previous is not None:
            previous.cancel()
        self.tasks[uri] = asyncio.ensure_future(self._check(uri, path, delay))

    def _current(self, uri: str) -> tuple[int | None, str] | None:
        try:
            document = self.workspace.get_text_document(uri)
        except Exception:  # closed meanwhile
            return None
        return document.version, document.source

    async def _check(self, uri: str, path: Path, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        current = self._current(uri)
        if current is None:
            return
        version, text = current
        loop = asyncio.get_running_loop()
        offline = await loop.run_in_executor(self.pool, self.checker.check, path, text, False)
        if not self._publish(uri, version, offline):
            return
        if self.checker.grammar_enabled(path):
            full = await loop.run_in_executor(self.pool, self.checker.check, path, text, True)
            self._publish(uri, version, full)

    def _publish(self, uri: str, version: int | None, result: LintResult) -> bool:
        """Publish `result` if it is still about the buffer's version; False if stale."""
        current = self._current(uri)
        if current is None or current[0] != version:
            return False
        document = result.documents[0] if result.documents else None
        findings = _own(result, document)
        diagnostics: list[types.Diagnostic] = []
        if document is not None:
            diagnostics = [convert.diagnostic(document, f, self.units) for f in findings]
        diagnostics += [convert.error_diagnostic(str(e), None) for e in result.errors]
        for notice in result.notices:
            self.window_log_message(types.LogMessageParams(
                type=types.MessageType.Warning, message=f"followup: {notice}"))
        self.checked[uri] = Checked(version, document, findings)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=diagnostics))
        return True

    async def latest(self, uri: str) -> Checked | None:
        """The result for the buffer as it is now (checked offline now if out of date)."""
        current = self._current(uri)
        path = _letter_path(uri)
        if current is None or path is None:
            return None
        known = self.checked.get(uri)
        if known is not None and known.version == current[0]:
            return known
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(self.pool, self.checker.check, path, current[1],
                                            False)
        document = result.documents[0] if result.documents else None
        return Checked(current[0], document, _own(result, document))

    def close(self) -> None:
        for task in self.tasks.values():
            task.cancel()
        self.tasks.clear()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.checker.close()


def _own(result: LintResult, document: Document | None) -> list[Finding]:
    """The findings placed in this letter (a tree rule may place one in the record)."""
    if document is None:
        return []
    return [f for f in result.findings if f.path == document.path]


def _letter_path(uri: str) -> Path | None:
    raw = to_fs_path(uri)
    if raw is None:
        return None
    path = Path(raw)
    return path if path.suffix.lower() in LETTER_SUFFIXES else None


def _roots(params: types.InitializeParams) -> tuple[Path, ...]:
    uris = [f.uri for f in params.workspace_folders or ()] or \
        ([params.root_uri] if params.root_uri else [])
    roots = [to_fs_path(u) for u in uris]
    return tuple(Path(r) for r in roots if r)


def create_server(today: date | None = None) -> FollowupServer:
    server = FollowupServer(today)

    @server.feature(types.INITIALIZE)
    def initialize(ls: FollowupServer, params: types.InitializeParams) -> None:
        ls.checker.roots = _roots(params)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: FollowupServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: FollowupServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: FollowupServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.checker.forget_tree()  # a record may have been added or moved
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: FollowupServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.tasks.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.checked.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: FollowupServer, params: types.HoverParams) -> types.Hover | None:
        checked = await ls.latest(params.text_document.uri)
        if checked is None or checked.document is None:
            return None
        return convert.hover(checked.document, checked.findings, ls.units, params.position)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, convert.FIX_ALL]))
    async def code_action(ls: FollowupServer, params: types.CodeActionParams
                          ) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        checked = await ls.latest(uri)
        if checked is None or checked.document is None:
            return None
        path = _letter_path(uri)
        vocabulary = None
        if path is not None:
            with contextlib.suppress(Exception):
                files = ls.checker.config_for(path).vocabulary
                vocabulary = files[0] if files else None
        only = params.context.only
        actions: list[types.CodeAction] = []
        if not only or any(k in (types.CodeActionKind.QuickFix, "quickfix") for k in only):
            actions = convert.code_actions(checked.document, checked.findings, uri,
                                           ls.units, params.range, vocabulary)
        if not only or any(convert.FIX_ALL.startswith(getattr(k, "value", k)) for k in only):
            fix_all = convert.fix_all_action(checked.document, checked.findings, uri,
                                             ls.units)
            if fix_all is not None:
                actions.append(fix_all)
        return actions

    @server.command(convert.ADD_WORD)
    def add_word(ls: FollowupServer, *args: Any) -> None:
        if len(args) != 2:
            return
        target, word = Path(str(args[0])), str(args[1]).strip()
        try:
            text = target.read_text(encoding="utf-8-sig") if target.exists() else ""
            if word not in {line.split("#", 1)[0].strip() for line in text.splitlines()}:
                if text and not text.endswith("\n"):
                    text += "\n"
                write_text_atomic(target, text + word + "\n", overwrite=True)
        except OSError as exc:
            ls.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error,
                message=f"followup: {target}: cannot add '{word}': {exc.strerror}"))
            return
        ls.checker.forget_vocabulary()
        for uri in list(ls.checked):
            ls.schedule(uri, 0)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: FollowupServer, *args: Any) -> None:
        ls.close()

    return server


def serve(today: date | None = None) -> None:
    """Run the server on standard input and output until the client says exit."""
    server = create_server(today)
    try:
        server.start_io()
    finally:
        server.close()
