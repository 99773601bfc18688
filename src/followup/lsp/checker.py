"""Linting an editor's buffer with everything heavy loaded once and kept.

The spaCy pipeline, the lexicons (module caches) and the interview records stay loaded
for the whole session; one `RunResources` per configuration keeps the grammar session
(and whatever LanguageTool server it uses) between runs. Each run is the same `lint` the
command line runs, with the buffer's text given for the file's path, so the record is
found from the file's place on disk (front matter `record:`, nearest `interview.yaml`).
"""

from __future__ import annotations

import dataclasses
import threading
from datetime import date
from pathlib import Path

from ..config import Config, find_config_file, load_config
from ..errors import UserError
from ..linter import LintRequest, LintResult, lint
from ..records import records_under
from ..rules.base import RunResources


class LetterChecker:
    """Configuration and resources per configuration file, kept for the session."""

    def __init__(self, roots: tuple[Path, ...] = (), today: date | None = None) -> None:
        self.roots = roots  # the workspace folders: their records form the tree
        self.today = today
        self._configs: dict[Path | None, Config] = {}
        self._resources: dict[Path | None, RunResources] = {}
        self._lock = threading.Lock()  # one run at a time: spaCy and the memo are shared
        self._tree: tuple[Path, ...] | None = None  # the workspace's interview.yaml files

    def tree_records(self) -> tuple[Path, ...]:
        """Every record under the workspace, found once (not on every keystroke) and
        again after `forget_tree` (a letter or record saved)."""
        if self._tree is None:
            self._tree = tuple(records_under(self.roots))
        return self._tree

    def forget_tree(self) -> None:
        self._tree = None

    def config_for(self, path: Path) -> Config:
        """The configuration found upward from the letter (cached by its file)."""
        found = find_config_file(path.parent)
        if found not in self._configs:
            self._configs[found] = load_config(found, discover=False) if found else Config()
        return self._configs[found]

    def resources_for(self, path: Path) -> RunResources:
        key = find_config_file(path.parent)
        if key not in self._resources:
            self._resources[key] = RunResources(self.config_for(path))
        return self._resources[key]

    def forget_vocabulary(self) -> None:
        """After a word was added: the vocabulary files are read again on the next run."""
        for resources in self._resources.values():
            resources.__dict__.pop("vocabulary", None)

    def check(self, path: Path, text: str, grammar: bool) -> LintResult:
        """Lint `text` as the letter at `path`; `grammar` false runs the offline rules."""
        with self._lock:
            try:
                config = dataclasses.replace(self.config_for(path))
                resources = self.resources_for(path)
            except UserError as exc:
                result = LintResult()
                result.errors.append(exc)
                return result
            _fresh_memo(resources)
            request = LintRequest(
                paths=["-"], config=config, stdin=text.encode("utf-8", "surrogateescape"),
                stdin_filename=str(path), today=self.today,
                grammar="off" if not grammar else None, resources=resources,
                record_files=self.tree_records(),
            )
            try:
                return lint(request)
            except UserError as exc:
                result = LintResult()
                result.errors.append(exc)
                return result

    def grammar_enabled(self, path: Path) -> bool:
        try:
            return self.config_for(path).grammar != "off"
        except UserError:
            return False

    def close(self) -> None:
        """Stop whatever the runs started (a LanguageTool server of the session)."""
        with self._lock:
            for resources in self._resources.values():
                resources.close()
            self._resources.clear()


def _fresh_memo(resources: RunResources) -> None:
    """Per-run memos (record words, vocabulary) go; the grammar session stays."""
    from ..grammar.session import MEMO_ERRORS, MEMO_SESSION

    kept = {key: resources.memo[key] for key in (MEMO_SESSION, MEMO_ERRORS)
            if key in resources.memo}
    if MEMO_ERRORS in kept:
        kept[MEMO_ERRORS].clear()
    resources.memo.clear()
    resources.memo.update(kept)
