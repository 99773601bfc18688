"""The lint loop: paths -> documents -> linked records -> rules -> findings.

Every problem with the user's input becomes a `UserError` in `LintResult.errors` and the
other files are still checked; nothing here prints.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import safepath
from .config import Config
from .document import Document
from .errors import ConfigError, InternalError, RecordError, UserError
from .findings import Finding, Problem, Severity, SpanIndex, Suggestion
from .kinds import infer_kind
from .letterfiles import SKIPPED_DIRS, iter_letter_paths
from .nlp import bounded
from .records import RECORD_FILENAME, Record, find_record_for, load_record, records_under
from .rules.base import Context, Rule, RunResources, TreeContext, place
from .rules.registry import all_rules, check_keys, find_rule, select_rules
from .source import read_document

_ONE_PER_SPAN = {"S001"}
# rules that mark the very words at fault (not a whole paragraph's first line)
_PHRASE_RULES = {"T001", "T002", "T003", "T004", "T005", "T006", "N001", "N004", "N005",
                 "C004", "D003"}


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[UserError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # degraded checks, e.g. no LanguageTool
    documents: list[Document] = field(default_factory=list)
    rules: tuple[Rule, ...] = ()
    record_of: dict[str, Record | None] = field(default_factory=dict)  # letter path -> record

    def failed(self, fail_on: str) -> bool:
        if fail_on == "never":
            return False
        threshold = Severity(fail_on).rank
        return any(f.severity.rank >= threshold for f in self.findings)


@dataclass
class LintRequest:
    paths: Sequence[str]
    config: Config
    select: Sequence[str] | None = None  # replaces the config's select
    ignore: Sequence[str] = ()  # added to the config's ignore
    record: Path | None = None
    today: date | None = None
    stdin: bytes | None = None
    stdin_filename: str | None = None
    grammar: str | None = None  # auto | require | off (None: the config's)
    picky: bool | None = None
    language: str | None = None
    context: bool = True  # named files: read the rest of their applications as context
    # path -> the letter's bytes to check instead of the file's (an editor's unsaved
    # buffer, a letter fixed in memory); the path still finds the record
    overrides: Mapping[str, bytes] = field(default_factory=dict)
    # kept by a long-lived caller (the language server): the pipeline, lexicons and
    # LanguageTool stay loaded between runs, and the caller closes them
    resources: RunResources | None = None
    record_files: Sequence[Path] = ()  # more records that count as the tree's


def resolve_options(rule: Rule, config: Config) -> dict[str, Any]:
    """The rule's defaults overlaid with `[tool.followup.rules.CODE]` (or by name)."""
    options = dict(rule.options)
    for key in (rule.code, rule.name):
        for name, value in config.rule_options.get(key, {}).items():
            if name not in rule.options:
                known = ", ".join(rule.options) or "none"
                raise ConfigError(f"rules.{key}: unknown option '{name}' (options: {known})",
                                  config.path)
            default = rule.options[name]
            if isinstance(default, bool) != isinstance(value, bool) or (
                default is not None and not isinstance(value, type(default))
                and not (isinstance(default, float) and isinstance(value, int))
            ):
                raise ConfigError(f"rules.{key}.{name}: expected {type(default).__name__}, "
                                  f"got {value!r}", config.path)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
                raise ConfigError(f"rules.{key}.{name}: must not be negative, got {value!r}",
                                  config.path)
            options[name] = value
    return options


def _from_languagetool(finding: Finding) -> bool:
    return finding.code == "G001" or (finding.code == "S001" and "[LT: " in finding.message)


def _drop_generic_duplicates(findings: list[Finding]) -> list[Finding]:
    """LanguageTool's generic finding on words one of our own rules already explains
    ('gonna', a misspelled recorded name) is noise: keep the specific one."""
    phrases: dict[str, list[Finding]] = {}
    for finding in findings:
        if not _from_languagetool(finding) and finding.code in _PHRASE_RULES:
            phrases.setdefault(finding.path, []).append(finding)
    indexes = {path: SpanIndex(group) for path, group in phrases.items()}
    return [f for f in findings if not _from_languagetool(f) or f.path not in indexes
            or not indexes[f.path].overlaps(f)]


_KIND_NAMES = {"thank-you": "a thank-you note", "status-inquiry": "a status inquiry",
               "reference": "a note to a reference", "rejection-reply": "a reply to a rejection",
               "withdrawal": "a withdrawal", "documents": "a letter sending documents",
               "other": "a general letter"}


def _say_kind_is_a_guess(problem: Problem, kind: str) -> Problem:
    """A kind-specific finding on a letter whose kind was only inferred says so."""
    from dataclasses import replace

    note = f" (read as {_KIND_NAMES.get(kind, kind)}; set `kind:` if it is not)"
    return replace(problem, message=problem.message + note)


# rules that never share a span with another finding: the other one is noise there
_OWNS_SPAN = ("C004",)


def one_finding_per_span(findings: list[Finding]) -> list[Finding]:
    """One span, one finding: a placeholder (C004) silences every other rule on its span;
    the spelling rule (S001) defers to another rule marking the same word; two findings on
    the very same span with different suggestions keep the more specific one. Indexed, so
    N findings take N log N (a letter of 8,000 emoticons has 8,000 findings)."""
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    owners = {path: SpanIndex(f for f in group if f.code in _OWNS_SPAN)
              for path, group in by_path.items()}
    phrases = {path: SpanIndex(f for f in group if f.code in _PHRASE_RULES and f.code != "S001")
               for path, group in by_path.items()}
    same_span: dict[tuple[str, int, int, int, int], list[Finding]] = {}
    for finding in findings:
        same_span.setdefault((finding.path, finding.line, finding.column, finding.end_line,
                              finding.end_column), []).append(finding)

    def outranked(finding: Finding) -> bool:
        """Another rule's finding on the very same span, with other suggestions, that is
        more severe or more specific."""
        key = (finding.path, finding.line, finding.column, finding.end_line,
               finding.end_column)
        mine = (finding.severity.rank, finding.code in _PHRASE_RULES, finding.code)
        return any(o.code != finding.code and o.suggestions and
                   not set(o.suggestions) & set(finding.suggestions) and
                   (o.severity.rank, o.code in _PHRASE_RULES, o.code) > mine
                   for o in same_span[key])

    kept: list[Finding] = []
    for finding in findings:
        if finding.code not in _OWNS_SPAN and owners[finding.path].overlaps(finding):
            continue
        if finding.code == "S001" and phrases[finding.path].overlaps(finding):
            continue
        if finding.suggestions and outranked(finding):
            continue
        kept.append(finding)
    return kept


@dataclass
class _Job:
    """The per-letter work of a run: spaCy, then every rule's `check` on every letter."""

    documents: list[Document]
    contexts: list[Context]
    rules: list[Rule]
    options: dict[str, dict[str, Any]]
    selected: set[str]
    resources: RunResources
    collectors: list[Rule] = field(default_factory=list)  # tree rules' per-letter inputs

    def run(self, indices: Sequence[int]) -> _Checked:
        """Findings of these letters, and an internal error for each letter whose reading
        or rules raised: one letter never takes the others down. Also what the tree rules
        collected per letter (index -> cache entries), for a worker to send back."""
        documents = [self.documents[i] for i in indices]
        errors: list[InternalError] = []
        failed: set[int] = set()
        if documents and any(r.needs_nlp for r in self.rules):
            parsed: list[Any]
            try:
                parsed = list(self.resources.nlp.pipe(bounded(d.text) for d in documents))
            except Exception:  # one bad letter: parse them one by one to find it
                parsed = []
                for document in documents:
                    try:
                        parsed.append(self.resources.nlp(bounded(document.text)))
                    except Exception as exc:
                        errors.append(_internal(document.path, "parsing the text", exc))
                        failed.add(id(document))
                        parsed.append(None)
            for document, doc in zip(documents, parsed, strict=True):
                document.spacy = doc
        findings: list[Finding] = []
        collected: dict[int, dict[str, Any]] = {}
        collect = list(dict.fromkeys(r.collect for r in self.collectors if r.collect))
        for index, document in zip(indices, documents, strict=True):
            if id(document) in failed:
                continue
            context = self.contexts[index]
            mine: list[Finding] = []
            try:
                for rule in self.rules:
                    if not rule.applies_to(document.kind):
                        continue
                    assert rule.check is not None
                    for problem in rule.check(document, context, self.options[rule.code]):
                        code = problem.code or rule.code
                        if code not in self.selected:
                            continue
                        owner = rule if code == rule.code else (find_rule(code) or rule)
                        if owner.kinds is not None and not document.kind_explicit:
                            problem = _say_kind_is_a_guess(problem, document.kind)
                        mine.append(place(document, problem, owner))
            except Exception as exc:
                errors.append(_internal(document.path, f"checking {rule.code}", exc))
                continue
            findings.extend(mine)
            values: dict[str, Any] = {}
            for collector in collect:
                try:
                    values.update(collector(document, context))
                except Exception:  # noqa: BLE001,S112 (the tree rule works it out again
                    continue  # in the main process and reports the error there)
            if values:
                document.cache.update(values)
                collected[index] = values
        return findings, errors, collected


def _internal(path: str | None, stage: str, exc: BaseException) -> InternalError:
    import traceback

    return InternalError(path, stage, exc, "".join(traceback.format_exception(exc)))


_Checked = tuple[list[Finding], list[InternalError], dict[int, dict[str, Any]]]
PARALLEL_MIN = 200  # letters before a second process pays for itself
_FORKED_JOB: _Job | None = None


def _run_forked(indices: Sequence[int]) -> _Checked:
    assert _FORKED_JOB is not None
    return _FORKED_JOB.run(indices)


def _default_signals() -> None:
    """In a worker: SIGTERM ends it quietly. The pool stops its idle workers with SIGTERM,
    and the handler inherited from the CLI would print a traceback for each."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _workers(job: _Job) -> int:
    """Processes for a large folder: one per core, by fork (the loaded pipeline and the
    lexicons are shared, not rebuilt). Not with a server-backed rule (its threads must not
    be forked), nor where fork does not exist. FOLLOWUP_JOBS=1 turns it off."""
    import multiprocessing

    if len(job.documents) < PARALLEL_MIN or any(r.prepare for r in job.rules):
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(_cores(), len(job.documents) // (PARALLEL_MIN // 2)))


def _cores() -> int:
    """The cores a run may use: FOLLOWUP_JOBS, at most the cores this process may run on."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    wanted = os.environ.get("FOLLOWUP_JOBS", "")
    jobs = int(wanted) if wanted.isdigit() and int(wanted) > 0 else cores
    return max(1, min(jobs, cores))


def _check_letters(job: _Job) -> tuple[list[Finding], list[InternalError]]:
    count = _workers(job)
    # The first letter first: it loads the pipeline, word lists and lexicons (once per
    # process, for every worker to share), and then the collector comes back.
    first, errors, _ = job.run([0]) if job.documents else ([], [], {})
    _resume_collector()
    if count == 1:
        rest, more, _ = job.run(range(1, len(job.documents)))
        return first + rest, errors + more
    import multiprocessing

    global _FORKED_JOB
    chunks = [list(range(i, len(job.documents), count)) for i in range(1, count + 1)]
    _FORKED_JOB = job
    try:
        # One process per core, this one included: it checks the first share itself while
        # the forked workers check the rest, so its share is neither forked nor pickled.
        with multiprocessing.get_context("fork").Pool(count - 1, _default_signals) as pool:
            pending = pool.map_async(_run_forked, chunks[1:])
            own = job.run(chunks[0])
            parts = [own, *pending.get()]
    finally:
        _FORKED_JOB = None
    for _, _, collected in parts[1:]:  # the workers' copies of the letters are gone
        for index, values in collected.items():
            job.documents[index].cache.update(values)
    return (first + [finding for part, _, _ in parts for finding in part],
            errors + [error for _, part, _ in parts for error in part])


def _tree_root(start: Path) -> Path | None:
    """The top of the git repository holding `start`, if there is one."""
    for folder in (start, *start.parents):
        if safepath.exists(folder / ".git"):
            return folder
    return None


def _applications_root(record_folder: Path) -> Path:
    """Without a repository: the folder holding the application folders. Climb while the
    parent also holds a record or another application folder (never past the home folder
    or the file system's root)."""
    root = record_folder
    home = Path.home().resolve()
    while root.parent != root and root.parent != home and root != home:
        parent = root.parent
        siblings = safepath.is_file(parent / RECORD_FILENAME) or any(
            child != root and not child.name.startswith(".")
            and safepath.is_file(child / RECORD_FILENAME)
            for child in _subfolders(parent))
        if not siblings:
            break
        root = parent
    return root


def _subfolders(folder: Path) -> list[Path]:
    try:
        return [child for child in folder.iterdir() if safepath.is_dir(child)]
    except OSError:
        return []


def _records_in(root: Path) -> Iterator[Path]:
    """Every record below `root`, skipping hidden folders and virtual environments."""
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") and d not in SKIPPED_DIRS)
        if RECORD_FILENAME in filenames:
            yield Path(folder) / RECORD_FILENAME


def _read_context(documents: Sequence[Document], record_of: dict[int, Record | None],
                  records: dict[Path, Record], folders: Sequence[Path], config: Config,
                  nearest: dict[Path, Path | None]) -> list[Document]:
    """For named files: the other records of their tree (git repository, else the folder
    holding the applications) go into `records`, and the other letters of their
    applications come back as context documents, read but not checked. What cannot be
    read is skipped: it is not what the user asked to check."""
    resolved_folders = [f.resolve() for f in folders]
    named = [d for d in documents if d.path != "-" and not any(
        Path(d.path).resolve().is_relative_to(f) for f in resolved_folders)]
    if not named:
        return []
    roots: set[Path] = set()
    applications: dict[Path, Record] = {}
    for document in named:
        record = record_of[id(document)]
        letter = Path(document.path).resolve()
        root = _tree_root(letter.parent)
        if root is None and record is not None:
            root = _applications_root(record.path.resolve().parent)
        if root is not None:
            roots.add(root)
        if record is not None:
            applications[record.path.resolve()] = record
    for root in sorted(roots):
        for record_path in _records_in(root):
            resolved = record_path.resolve()
            if resolved in records:
                continue
            try:
                records[resolved] = load_record(_shown_path(record_path))
            except (RecordError, OSError):
                continue
    seen = {Path(d.path).resolve() for d in documents if d.path != "-"}
    context: list[Document] = []
    for resolved, record in sorted(applications.items()):
        errors: list[UserError] = []
        for path in iter_letter_paths([str(_shown_path(resolved.parent))], config, errors):
            if Path(path).resolve() in seen:
                continue
            seen.add(Path(path).resolve())
            try:
                document = read_document(path)
                linked = find_record_for(Path(path), document.record_link, None,
                                         nearest=nearest)
            except (UserError, OSError):
                continue
            if linked is None or linked.path.resolve() != resolved:
                continue  # a letter of a sub-application, or linked elsewhere
            document.kind, document.kind_explicit = infer_kind(document)
            record_of[id(document)] = record
            context.append(document)
    return context


def _shown_path(path: Path) -> Path:
    """Relative to the current folder when below it, as the other paths of a run are."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


# Python's cyclic garbage collector walks every live object on its oldest pass, and a run
# makes a million of them loading spaCy, the word lists and the lexicons, none of them
# garbage: paused while they load (a quarter of a one-letter run went to it), then frozen
# (left out of every later pass, and not copied into each forked worker by the pass
# touching it) once per process.
_COLLECTOR = {"paused": False, "frozen": False}


def _resume_collector() -> None:
    """After the first letter: freeze what is loaded (once per process) and collect again,
    unless the collector was off before the run."""
    if not _COLLECTOR["paused"]:
        return
    _COLLECTOR["paused"] = False
    if not _COLLECTOR["frozen"]:
        gc.freeze()
        _COLLECTOR["frozen"] = True
    gc.enable()


def lint(request: LintRequest) -> LintResult:
    """Lint the request's letters (see `LintResult`); the garbage collector is paused
    until the first letter has been checked, and back as it was afterwards."""
    enabled = gc.isenabled()
    paused = _COLLECTOR["paused"]
    gc.disable()
    _COLLECTOR["paused"] = enabled
    try:
        return _lint(request)
    finally:
        _COLLECTOR["paused"] = paused
        if enabled:
            gc.enable()


def _read_letters(request: LintRequest, result: LintResult, nearest: dict[Path, Path | None],
                  reported_records: set[str]
                  ) -> tuple[list[Document], dict[int, Record | None]]:
    """Every letter of the request read, with its linked record and kind; what cannot be
    read goes to `result.errors`, one line each."""
    config = request.config
    documents: list[Document] = []
    record_of: dict[int, Record | None] = {}
    # one root per folder: a run over 1,000 named letters of one folder checks one root
    linted_roots = list(dict.fromkeys(Path(p) if safepath.is_dir(p) else Path(p).parent
                                      for p in request.paths if p != "-"))
    for path in iter_letter_paths(request.paths, config, result.errors, result.notices):
        letter: Path | None = None
        try:
            if path == "-":
                name = request.stdin_filename or "-"
                document = read_document(name, data=request.stdin or b"",
                                         max_bytes=config.max_letter_kb * 1024)
                letter = Path(request.stdin_filename) if request.stdin_filename else None
            else:
                document = read_document(path, data=request.overrides.get(path),
                                         max_bytes=config.max_letter_kb * 1024)
                letter = Path(path)
        except UserError as exc:
            result.errors.append(exc)
            continue
        except RecursionError as exc:  # an e-mail nested a thousand parts deep
            result.errors.append(UserError(f"too deeply nested to read ({type(exc).__name__})",
                                           path))
            continue
        except Exception as exc:  # noqa: BLE001 (the per-letter guard)
            result.errors.append(_internal(path, "reading the letter", exc))
            continue
        try:
            record = find_record_for(letter, document.record_link, request.record,
                                     nearest=nearest, roots=linted_roots)
        except RecordError as exc:
            if str(exc) not in reported_records:
                reported_records.add(str(exc))
                result.errors.append(exc)
            record = None
        except Exception as exc:  # noqa: BLE001
            result.errors.append(_internal(path, "finding its record", exc))
            continue
        try:
            document.kind, document.kind_explicit = infer_kind(document)
        except Exception as exc:  # noqa: BLE001
            result.errors.append(_internal(path, "telling the kind of letter", exc))
            continue
        result.notices.extend(getattr(document, "read_notices", ()))
        documents.append(document)
        record_of[id(document)] = record
    return documents, record_of


def _read_letters_beside_pipeline(request: LintRequest, rules: Sequence[Rule],
                                  resources: RunResources, result: LintResult,
                                  nearest: dict[Path, Path | None],
                                  reported_records: set[str]
                                  ) -> tuple[list[Document], dict[int, Record | None]]:
    """`_read_letters`, in a forked process while this one loads spaCy, when a run from
    the command line checks a folder on more than one core: reading 1,000 letters (0.2 s)
    then costs this process only their unpickling (0.045 s). The reader sends back what
    the reading left behind (the letters, their records, the errors and notices, the
    record memos), so the run goes on as if this process had read them; if the reader
    fails in any way, this process reads the letters itself."""
    import multiprocessing
    import pickle

    from . import records as records_module

    if (request.resources is not None or "-" in request.paths
            or not any(safepath.is_dir(p) for p in request.paths)
            or not any(r.needs_nlp for r in rules if r.check is not None)
            or any(r.prepare for r in rules)  # a server-backed rule: no fork
            or "fork" not in multiprocessing.get_all_start_methods() or _cores() < 2):
        return _read_letters(request, result, nearest, reported_records)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the reader: never returns, never runs the parent's exit handlers
        status = 1
        try:
            os.close(read_end)
            _default_signals()
            mine = LintResult()
            documents, record_of = _read_letters(request, mine, nearest, reported_records)
            data = pickle.dumps(
                (documents, [record_of[id(d)] for d in documents], mine.errors,
                 mine.notices, nearest, reported_records, records_module.record_memo()),
                protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        except BaseException:  # noqa: BLE001, S110 (the parent reads the letters itself)
            pass
        finally:
            os._exit(status)
    os.close(write_end)
    received: Any = None
    try:
        resources.nlp  # noqa: B018 (spaCy loads while the reader reads)
        with os.fdopen(read_end, "rb") as pipe:
            read_end = -1
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        pid = 0
        if status == 0 and data:
            received = pickle.loads(data)
    except (OSError, pickle.UnpicklingError, EOFError):
        received = None
    finally:
        if read_end != -1:
            os.close(read_end)
        if pid:
            os.waitpid(pid, 0)
    if received is None:
        return _read_letters(request, result, nearest, reported_records)
    documents, linked, errors, notices, memo, reported, cache = received
    result.errors.extend(errors)
    result.notices.extend(notices)
    nearest.update(memo)
    reported_records.update(reported)
    records_module.merge_record_memo(cache)
    return documents, {id(d): r for d, r in zip(documents, linked, strict=True)}


def _lint(request: LintRequest) -> LintResult:
    config = request.config
    result = LintResult()
    select = list(request.select) if request.select is not None else (
        list(config.select) if config.select is not None else None)
    ignore = [*config.ignore, *request.ignore]
    where = f"{config.path}: " if config.path else ""
    check_keys(request.select or [], "--select")
    check_keys(request.ignore, "--ignore")
    check_keys(config.select or [], f"{where}select")
    check_keys(config.ignore, f"{where}ignore")
    check_keys(config.severity, f"{where}severity")
    check_keys(config.rule_options, f"{where}rules")
    if request.grammar:
        config.grammar = request.grammar
    if request.picky is not None:
        config.picky = request.picky
    if request.language:
        config.language = request.language
    rules = select_rules(select, ignore)
    if config.grammar == "off":
        rules = tuple(r for r in rules if r.code != "G001")
    result.rules = rules
    options = {rule.code: resolve_options(rule, config) for rule in all_rules()}
    selected_codes = {rule.code for rule in rules}
    resources = request.resources or RunResources(config)
    today = request.today or date.today()

    # read -> document -> linked record
    nearest: dict[Path, Path | None] = {}
    reported_records: set[str] = set()
    documents, record_of = _read_letters_beside_pipeline(request, rules, resources, result,
                                                         nearest, reported_records)
    result.documents = documents
    result.record_of = {d.path: record_of[id(d)] for d in documents}

    # every record of the tree, for checks across applications
    records: dict[Path, Record] = {}
    for record in record_of.values():
        if record is not None:
            records[record.path.resolve()] = record
    folders = [Path(p) for p in request.paths if p != "-" and safepath.is_dir(p)]
    for record_path in [*records_under(folders), *request.record_files]:
        if record_path.resolve() in records:
            continue
        try:
            records[record_path.resolve()] = load_record(record_path)
        except RecordError as exc:
            if str(exc) not in reported_records:
                reported_records.add(str(exc))
                result.errors.append(exc)
    context_documents: list[Document] = []
    if request.context:
        context_documents = _read_context(documents, record_of, records, folders, config,
                                          nearest)
    all_records = tuple(records.values())

    try:
        contexts = [Context(config, record_of[id(d)], all_records, today, resources)
                    for d in documents]
        active = [r for r in rules if r.check is not None]
        for rule in active:
            if rule.prepare is not None and documents:
                rule.prepare(documents, contexts, options[rule.code])
        collectors = [r for r in rules if r.collect is not None]
        findings, internal = _check_letters(_Job(documents, contexts, active, options,
                                                 selected_codes, resources, collectors))
        result.errors.extend(internal)
        tree = TreeContext(config, [*documents, *context_documents], all_records, record_of,
                           today, resources, tuple(folder.resolve() for folder in folders),
                           frozenset(d.path for d in context_documents), request.context)
        for rule in rules:
            if rule.check_tree is not None:
                try:
                    findings.extend(f for f in rule.check_tree(tree, options[rule.code])
                                    if f.path not in tree.context_paths)
                except UserError as exc:
                    result.errors.append(exc)
                except Exception as exc:  # noqa: BLE001
                    result.errors.append(_internal(None, f"checking {rule.code} across "
                                                   "the tree", exc))
        errors = resources.memo.get("grammar_errors", [])
        result.notices.extend(dict.fromkeys(errors))
    finally:
        if request.resources is None:
            resources.close()

    findings = one_finding_per_span(_drop_generic_duplicates(findings))
    for document in documents:
        if not document.body:
            result.notices.append(f"{document.path}: no letter body found; nothing was checked "
                                  "in it (run `followup inspect` to see how it was read)")
    suppressions = {d.path: d.suppressions for d in documents}
    kept: dict[tuple[Any, ...], Finding] = {}
    for finding in findings:
        silences = suppressions.get(finding.path)
        if silences is not None and silences.silences(finding.line,
                                                      (finding.code, finding.name)):
            continue
        override = config.severity.get(finding.code) or config.severity.get(finding.name)
        if override is not None and override != finding.severity:
            finding = Finding(finding.path, finding.line, finding.column, finding.end_line,
                              finding.end_column, finding.code, finding.name, override,
                              finding.message, finding.suggestions)
        # The offline speller and LanguageTool both report S001: one finding per word.
        key = (finding.path, finding.line, finding.column, finding.end_line,
               finding.end_column, finding.code,
               "" if finding.code in _ONE_PER_SPAN else finding.message)
        if key in kept and _from_languagetool(kept[key]) and not _from_languagetool(finding):
            kept[key], finding = finding, kept[key]  # our own message names the word
        if key in kept and finding.suggestions:
            first = kept[key]
            merged = tuple(dict.fromkeys((*first.suggestions, *finding.suggestions)))
            if first.suggestions and finding.suggestions[0] != first.suggestions[0]:
                # the other checker's best answer differs: none is the one right one
                merged = tuple(Suggestion(s) for s in merged)
            finding = Finding(first.path, first.line, first.column, first.end_line,
                              first.end_column, first.code, first.name, first.severity,
                              first.message, merged)
            kept[key] = finding
        else:
            kept.setdefault(key, finding)
    result.findings = sorted(kept.values())
    return result
