"""What a rule is, and what it is given.

A rule module declares one rule (or a small family) with `Rule(...)`: its code, kebab-case
name, default severity, options with defaults, the letter kinds it applies to, its
documentation (why, one bad and one good example) and a `check` function that takes the
`Document`, the `Context` and the resolved options and yields `Problem`s. Rules that look
across a whole application tree (a missing thank-you note) use `check_tree` instead.
Rules that talk to a server use `prepare` to send every document at once before `check`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..findings import Finding, Problem, Severity

if TYPE_CHECKING:
    from spacy.language import Language

    from ..config import Config
    from ..document import Document
    from ..records import Record

Options = Mapping[str, Any]

KINDS = ("thank-you", "status-inquiry", "reference", "rejection-reply", "withdrawal",
         "documents", "other")


class RunResources:
    """Heavy things loaded once per run and shared by every rule and letter."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.memo: dict[str, Any] = {}
        self._closers: list[Callable[[], None]] = []

    def on_close(self, closer: Callable[[], None]) -> None:
        """Register clean-up (a server started for this run) for the end of the run."""
        self._closers.append(closer)

    def close(self) -> None:
        while self._closers:
            self._closers.pop()()

    @cached_property
    def nlp(self) -> Language:
        from ..nlp import load_pipeline

        return load_pipeline(self.config.spacy_model)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        return self.config.vocabulary_words()


@dataclass
class Context:
    """Everything a rule may know besides the letter itself."""

    config: Config
    record: Record | None
    records: tuple[Record, ...]
    today: date
    resources: RunResources


@dataclass
class TreeContext:
    """For rules that look across all linted letters and the records of their tree."""

    config: Config
    documents: Sequence[Document]
    records: tuple[Record, ...]
    record_of: Mapping[int, Record | None]  # id(document) -> linked record
    today: date
    resources: RunResources
    folders: tuple[Path, ...] = ()  # the folders named on the command line, resolved
    # letters read only as context for named files: compared with, never reported on
    context_paths: frozenset[str] = frozenset()
    with_context: bool = False  # named files were read with the rest of their applications


CheckFn = Callable[["Document", Context, Options], Iterable[Problem]]
TreeCheckFn = Callable[[TreeContext, Options], Iterable[Finding]]
PrepareFn = Callable[[Sequence["Document"], Sequence[Context], Options], None]
# per letter, in the process that checked it: small picklable values a tree rule needs
# later, stored in `document.cache` (a worker's copies go back to the main process)
CollectFn = Callable[["Document", Context], Mapping[str, Any]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str  # one line, for `followup rules`
    explanation: str  # why: which advice it serves
    bad: str  # an example that triggers it
    good: str  # the same letter, fixed
    check: CheckFn | None = None
    check_tree: TreeCheckFn | None = None
    prepare: PrepareFn | None = None
    collect: CollectFn | None = None  # a tree rule's per-letter inputs, worked out beside check
    options: Mapping[str, Any] = field(default_factory=dict)
    kinds: frozenset[str] | None = None  # letter kinds it applies to; None = every kind
    needs_nlp: bool = False  # the linter fills `document.spacy` first
    # kinds whose plain message this rule would misread (T003 and a withdrawal)
    skip_kinds: frozenset[str] = frozenset()

    def applies_to(self, kind: str) -> bool:
        if kind in self.skip_kinds:
            return False
        return self.kinds is None or kind in self.kinds

    @property
    def kind_specific(self) -> bool:
        """Whether its findings depend on what kind of letter this is."""
        return self.kinds is not None or bool(self.skip_kinds)


def place(document: Document, problem: Problem, rule: Rule) -> Finding:
    """Turn a rule's problem into a finding at its position in the file on disk."""
    line, column, end_line, end_column = document.locate(problem.start, problem.end,
                                                         problem.in_file)
    return Finding(
        path=document.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code=problem.code or rule.code,
        name=rule.name,
        severity=problem.severity or rule.severity,
        message=problem.message,
        suggestions=problem.suggestions,
    )
