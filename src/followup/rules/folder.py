"""Checks across an application tree (C005-C006): `followup lint FOLDER`.

One folder per application, each with its `interview.yaml` and the letters written about
it. Across the tree: every interviewer should get a thank-you note of their own (C005), and
two notes to two interviewers of the same interview should not be the same note with the
name changed (C006).

Who a note is to: its `To:` address or front matter `to:`, and the people its salutation
greets (matched against the record the way N001 matches names, so "Dear Ms. Okonkwo-Reyse"
still counts as a note to Martha Okonkwo-Reyes; N001 reports the spelling). C005 and
`followup plan` count notes with one function (`thanks.thank_you_notes`): C005 speaks when
an interviewer has no note at all; a draft (not `sent:`, or an e-mail with `X-Unsent`)
quiets it, since D001 reports a draft that is late to send, while the plan shows that
thank-you as due or overdue until the note is sent.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from .. import safepath
from ..document import Document
from ..findings import Finding, Problem, Severity
from ..lettercache import Letter
from ..records import RECORD_FILENAME, Contact, Record
from ..source import LETTER_SUFFIXES
from ..thanks import thank_you_notes
from .base import Context, Options, Rule, TreeContext, place
from .names import analyse, name_data, name_parts

_ADDRESSED = "folder.addressed"  # (record path, indices into record.people)
_MASKED = "folder.masked"  # (record path, `_masked_body`)


def addressed_people(document: Document, record: Record,
                     records: Sequence[Record] = ()) -> list[Contact]:
    """The record's people this letter is written to (To:/`to:` and salutation); what
    the process that checked the letter worked out, when it did."""
    cached = document.cache.get(_ADDRESSED)
    if cached is not None and cached[0] == str(record.path):
        return [record.people[i] for i in cached[1]]
    analysis = analyse(document, record, records)
    people: list[Contact] = []
    if analysis.addressee is not None:
        people.append(analysis.addressee)
    for greeting in analysis.greetings:
        if greeting.person is not None and greeting.person not in people:
            people.append(greeting.person)
    return people


def collect_inputs(document: Document, context: Context) -> dict[str, Any]:
    """Beside the letter's checks (in a worker, for a large folder): who a thank-you note
    is to and its masked body, which C005 and C006 need in the main process. Small values
    a worker sends back, where the main process would otherwise analyse every note's
    names again."""
    record = context.record
    if record is None or document.kind != "thank-you":
        return {}
    people = addressed_people(document, record, context.records)
    values: dict[str, Any] = {
        _ADDRESSED: (str(record.path), tuple(record.people.index(p) for p in people))}
    if len([p for p in people if p in record.interviewers]) == 1:
        values[_MASKED] = (str(record.path), _masked_body(document, record))
    return values


def _same_record(a: Record | None, b: Record) -> bool:
    return a is not None and (a is b or a.path.resolve() == b.path.resolve())


def _shown(path: Path) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return relative if not relative.startswith("..") else str(path)


def _letters_of_record(record: Record) -> set[Path]:
    """Letter files whose nearest record is this one (its folder, minus sub-applications)."""
    folder = record.path.resolve().parent
    candidates: list[Path] = []
    for root, dirnames, filenames in os.walk(folder):  # unreadable folders: the linter's notices
        here = Path(root)
        dirnames[:] = [d for d in dirnames if not d.startswith(".")
                       and not safepath.is_file(here / d / RECORD_FILENAME)]
        for filename in filenames:
            if filename.startswith(".") or Path(filename).suffix.lower() not in LETTER_SUFFIXES:
                continue
            if re.match(r"(README|CHANGELOG|LICENSE|CONTRIBUTING|CODE_OF_CONDUCT)",
                        filename):
                continue
            candidate = here / filename
            if not safepath.is_file(candidate):
                continue  # a FIFO, a dangling or looping link: listed as a notice, not a letter
            candidates.append(candidate)
    return safepath.resolve_all(candidates)


def _documents_of(tree: TreeContext, record: Record) -> list[Document]:
    return [d for d in tree.documents if _same_record(tree.record_of.get(id(d)), record)]


def _whole_folder_linted(tree: TreeContext, record: Record, documents: Sequence[Document]
                         ) -> bool:
    """C005 speaks only when every letter of the application was read: in a folder run
    that covers the application's folder, or for a named letter in the application's
    folder whose application was read as context (what pre-commit passes)."""
    folder = record.path.resolve().parent
    linted = safepath.resolve_all(Path(d.path) for d in documents if d.path != "-")
    if not _letters_of_record(record) <= linted:
        return False
    if any(folder == named or named in folder.parents for named in tree.folders):
        return True
    return tree.with_context and any(d.path != "-" and d.path not in tree.context_paths
               and Path(d.path).resolve().is_relative_to(folder) for d in documents)


def check_missing_thank_you(tree: TreeContext, options: Options) -> Iterator[Finding]:
    rule = _RULE_C005
    for record in tree.records:
        if record.interview_day > tree.today:
            continue  # the interview has not happened yet
        documents = _documents_of(tree, record)
        if not _whole_folder_linted(tree, record, documents):
            continue
        letters = [Letter.of(d) for d in documents if d.kind == "thank-you"]
        thanks = thank_you_notes(record, letters, tree.records)  # as the plan counts them
        notes = len(letters)
        for person in record.interviewers:
            if thanks[person].any:
                continue  # sent, or a draft on its way (D001 says when it is late)
            found = f"{notes} thank-you note{'s' if notes != 1 else ''}" if notes else \
                "no thank-you notes"
            yield Finding(
                path=_shown(record.path), line=person.line or 1, column=person.column or 1,
                end_line=person.line or 1,
                end_column=(person.column or 1) + len(person.name),
                code=rule.code, name=rule.name, severity=rule.severity,
                message=f"no thank-you note to {person.name} (interviewer for the "
                f"{record.position} position at {record.company}, "
                f"{record.interview_day.isoformat()}); the folder has {found}, and "
                "career advisers say send each interviewer a note of their own",
                suggestions=(),
            )


def _masked_body(document: Document, record: Record) -> str:
    """The body with the record's names and titles blanked, lower-cased, spaces collapsed."""
    cached = document.cache.get(_MASKED)
    if cached is not None and cached[0] == str(record.path):
        return cached[1]  # type: ignore[no-any-return]
    text = document.body_text
    words = {p for person in record.people for p in name_parts(person)}
    words |= {person.name for person in record.people}
    for word in sorted(words, key=len, reverse=True):
        if word not in text:
            continue  # the pattern needs the word as written: no search needed
        text = re.sub(rf"(?<!\w){re.escape(word)}(?:['’]s)?(?!\w)", "NAME", text)
    titles = "|".join(sorted((re.escape(t) for t in name_data().titles), key=len,
                             reverse=True))
    text = re.sub(rf"\b(?:{titles})\.?\s+NAME", "NAME", text, flags=re.IGNORECASE)
    return " ".join(text.lower().split())


def similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """How much of two notes is the same text, 0..1 (rapidfuzz's normalised InDel ratio);
    0 when it is below `at_least` (rapidfuzz then stops early)."""
    if not a or not b:
        return 0.0
    cutoff = max(0.0, at_least * 100.0 - 1e-6)  # never above the exact figure's rounding
    return fuzz.ratio(a, b, score_cutoff=cutoff) / 100.0


def check_duplicate_notes(tree: TreeContext, options: Options) -> Iterator[Finding]:
    rule = _RULE_C006
    threshold = float(options["min_similarity"])
    for record in tree.records:
        notes = []
        for document in sorted(_documents_of(tree, record), key=lambda d: d.path):
            if document.kind != "thank-you":
                continue
            people = [p for p in addressed_people(document, record, tree.records)
                      if p in record.interviewers]
            if len(people) != 1:
                continue
            # the person as the first interviewer equal to them: an int compares faster
            # than a Contact, and the same people compare equal as before
            notes.append((document, record.interviewers.index(people[0]),
                          _masked_body(document, record)))
        reported: set[str] = set()
        scores: dict[tuple[str, str], float] = {}
        for index, earlier_index, score in _candidate_pairs(notes, tree.context_paths,
                                                            threshold):
            document, person, body = notes[index]
            earlier, earlier_person, earlier_body = notes[earlier_index]
            target, other = document, earlier
            to, other_to = record.interviewers[person], record.interviewers[earlier_person]
            if target.path in tree.context_paths:  # report on the letter named
                target, other, to, other_to = earlier, document, other_to, to
            if target.path in tree.context_paths or target.path in reported:
                continue
            if score is None:
                pair = (body, earlier_body)
                score = scores.get(pair)
                if score is None:
                    score = scores[pair] = similarity(body, earlier_body, threshold)
            if score < threshold:
                continue
            reported.add(target.path)
            yield _duplicate(target, to, other, other_to, record, score, rule)


def _candidate_pairs(notes: list[tuple[Document, int, str]], context_paths: frozenset[str],
                     threshold: float) -> Iterator[tuple[int, int, float | None]]:
    """(note, earlier note, score or None) for the pairs of notes to different people, in
    the order C006 reports them; for a large folder only the pairs at the threshold or
    above, with their scores (`_batch_scores`), for a small one every pair, to score one
    by one."""
    batch = _batch_scores(notes, context_paths, threshold)
    if batch is not None:
        yield from batch
        return
    for index, (_, person, _) in enumerate(notes):
        for earlier_index, (_, earlier_person, _) in enumerate(notes[:index]):
            if earlier_person != person:
                yield index, earlier_index, None


BATCH_MIN = 5000  # pairs of notes before scoring them all at once, on every core, pays
# A large folder's pairs are first compared word by word (each word one symbol, the same
# InDel ratio on some 7x shorter strings); only pairs within this margin of the threshold
# are compared character by character. On the 170,000 pairs of 1,000 generated notes
# (bench/offline_speed.py) the character ratio exceeds the word ratio by at most 0.31,
# and the word test leaves 28% of the pairs; small folders compare every pair exactly.
WORD_MARGIN = 0.35


def _batch_scores(notes: list[tuple[Document, int, str]], context_paths: frozenset[str],
                  threshold: float) -> list[tuple[int, int, float | None]] | None:
    """The pairs at or above the threshold and their `similarity`, when there are many
    (None when not): the pairs are listed by numpy, not one by one, and one rapidfuzz
    call scores them on every core, where one call per pair runs on one (the same
    figures: the same scorer, cutoff and double precision); a pair far below the
    threshold word by word scores 0 without its character comparison. Identical bodies
    are scored once; a pair with an empty body scores 0."""
    import numpy

    ids: dict[str, int] = {}
    body_of = numpy.array([ids.setdefault(body, len(ids)) for _, _, body in notes],
                          dtype=numpy.int64)
    bodies = list(ids)
    person = numpy.array([p for _, p, _ in notes], dtype=numpy.int64)
    named = numpy.array([d.path in context_paths for d, _, _ in notes], dtype=bool)
    filled = numpy.array([bool(b) for b in bodies], dtype=bool)[body_of]
    later, earlier = numpy.tril_indices(len(notes), -1)  # by note, then by earlier note
    keep = (person[later] != person[earlier]) & ~(named[later] & named[earlier])
    later, earlier = later[keep], earlier[keep]
    scored = filled[later] & filled[earlier]
    keys = body_of[later[scored]] * len(bodies) + body_of[earlier[scored]]
    unique, inverse = numpy.unique(keys, return_inverse=True)
    if len(unique) < BATCH_MIN:
        return None
    from rapidfuzz import process

    first, second = numpy.divmod(unique, len(bodies))
    symbols: dict[str, str] = {}
    words = ["".join(symbols.get(w) or symbols.setdefault(w, _symbol(len(symbols)))
                     for w in body.split()) for body in bodies]
    near = _word_scores(words, first, second, max(0.0, (threshold - WORD_MARGIN) * 100.0))
    candidates = (near != 0) | (threshold <= WORD_MARGIN)
    found = process.cpdist([bodies[i] for i in first[candidates].tolist()],
                           [bodies[i] for i in second[candidates].tolist()],
                           scorer=fuzz.ratio, dtype=numpy.float64, workers=-1,
                           score_cutoff=max(0.0, threshold * 100.0 - 1e-6))
    unique_scores = numpy.zeros(len(unique), dtype=numpy.float64)
    unique_scores[candidates] = found / 100.0
    scores = numpy.zeros(len(later), dtype=numpy.float64)
    scores[scored] = unique_scores[inverse]
    hits = numpy.flatnonzero(scores >= threshold)
    return list(zip(later[hits].tolist(), earlier[hits].tolist(), scores[hits].tolist(),
                    strict=True))


ROWS = 2000  # bodies per block of the word comparison (a block is ROWS x bodies floats)


def _word_scores(words: list[str], first: Any, second: Any, cutoff: float) -> Any:
    """The word ratio of each pair (`first[k]`, `second[k]`), 0 below `cutoff`.

    Every body against every body, each prepared once (rapidfuzz's cached scorer), is
    some 10x faster than the pairs one by one; a nonzero float32 stays nonzero, which is
    all the filter asks. A large folder is done in blocks of rows, so the matrix never
    holds more than ROWS rows."""
    import numpy
    from rapidfuzz import process

    near = numpy.zeros(len(first), dtype=numpy.float32)
    for low in range(0, len(words), ROWS):
        rows = (first >= low) & (first < low + ROWS)
        if not rows.any():
            continue
        # one list as both sides: rapidfuzz scores each pair once (the ratio is symmetric)
        queries = words if len(words) <= ROWS else words[low:low + ROWS]
        block = process.cdist(queries, words, scorer=fuzz.ratio, dtype=numpy.float32,
                              workers=-1, score_cutoff=cutoff)
        near[rows] = block[first[rows] - low, second[rows]]
    return near


def _symbol(number: int) -> str:
    """The one-character symbol of the `number`-th distinct word. Words are numbered modulo
    0xFFFF (two words 0xFFFF apart are one symbol, as they always were); the first 255
    are 8-bit characters, which rapidfuzz compares fastest; surrogates are skipped."""
    number %= 0xFFFF
    return chr(1 + number) if number < 0xD000 else chr(0x10000 + number)


def _duplicate(document: Document, person: Contact, earlier: Document,
               earlier_person: Contact, record: Record, score: float, rule: Rule) -> Finding:
    """C006 at the first line of the note's first body paragraph."""
    paragraph = document.body[0] if document.body else None
    start = paragraph.start if paragraph else 0
    end = document.text.find("\n", start, paragraph.end) if paragraph else 0
    end = paragraph.end if paragraph and end == -1 else end
    topics = ", ".join(person.topics or record.topics)
    advice = (f"mention what you discussed with {person.name}"
              + (f" (the record lists: {topics})" if topics else ""))
    message = (f"this thank-you note to {person.name} is {score:.0%} the same as "
               f"the note to {earlier_person.name} ({earlier.path}); interviewers "
               f"compare notes, and career advisers say customise each one: {advice}")
    return place(document, Problem(start, end, message), rule)


_RULE_C005 = Rule(
    code="C005", name="missing-thank-you", severity=Severity.INFO,
    summary="An interviewer in a record who has no thank-you note at all, sent or drafted "
    "(folder runs).",
    explanation="The sources say send every interviewer a thank-you note of their own, "
    "within a day. Reported once per record when the whole application folder is linted, "
    "at the interviewer's name in interview.yaml. A draft counts as a note on its way: "
    "D001 says when it is late to send it, and `followup plan` lists that thank-you as "
    "due or overdue until the note is sent (`sent:` in front matter, or an e-mail with a "
    "Date: and no X-Unsent); both count notes with the same function.",
    bad="interviewers: Nick Claus, Martha Okonkwo-Reyes; one note, to Nick Claus",
    good="thank-you-nick-claus.md and thank-you-martha-okonkwo-reyes.eml",
    check_tree=check_missing_thank_you, collect=collect_inputs,
)
_RULE_C006 = Rule(
    code="C006", name="duplicate-note", severity=Severity.WARNING,
    summary="Two thank-you notes to different interviewers of one interview that are "
    "near-duplicates (names aside).",
    explanation="Interviewers compare notes; career advisers say customise each one with "
    "something you discussed with that person. Similarity is measured on the bodies with "
    "the record's names blanked (rapidfuzz ratio); `min_similarity` sets the threshold.",
    bad="Two notes whose bodies differ only in the greeted name.",
    good="Each note mentions what that interviewer talked about.",
    check_tree=check_duplicate_notes, collect=collect_inputs,
    options={"min_similarity": 0.8},
)

RULES = [_RULE_C005, _RULE_C006]
