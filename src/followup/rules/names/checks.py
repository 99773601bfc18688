"""The N rules: each compares what the letter says with the linked record (`interview.yaml`)
and says exactly what the record holds."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from ...document import Document
from ...findings import Problem, Severity, safe
from ...records import Contact, Record
from ..base import Context, Options, Rule
from .matching import (
    NAME_TOKEN,
    company_verdict,
    find_phrase,
    fold,
    gap_between,
    may_start_company,
    name_data,
    name_parts,
    nfc,
    record_names,
    strip_possessive,
    word_spans,
)
from .mentions import Analysis, analyse, company_regions


def _ctx_analysis(document: Document, context: Context) -> Analysis:
    return analyse(document, context.record, context.records)


def check_misspelled(document: Document, context: Context, options: Options
                     ) -> Iterator[Problem]:
    analysis = _ctx_analysis(document, context)
    seen: set[tuple[int, int, bool]] = set()
    for mention, verdict in analysis.verdicts:
        if verdict.status == "exact":
            continue
        key = (mention.start, mention.end, mention.in_file)
        if key in seen:
            continue
        seen.add(key)
        written = strip_possessive(mention.text)
        right = verdict.recorded
        full = verdict.person.name
        suffix = mention.text[len(written):]
        suggestion = right + suffix
        if verdict.status == "case":
            message = (f"'{written}' differs in capitalisation from the recorded name "
                       f"'{full}'; write '{right}'")
        elif verdict.status == "accents":
            message = (f"'{written}' differs in its accents from the recorded name "
                       f"'{full}'; write '{right}'")
        elif verdict.status == "nickname":
            message = (f"'{written}' is a familiar form of '{right}' in the recorded name "
                       f"'{full}'; write '{right}', or add `nicknames: [{written}]` to the "
                       "record if that is how they introduced themselves")
            yield Problem(mention.start, mention.end, message, (suggestion,),
                          in_file=mention.in_file, severity=Severity.WARNING)
            continue
        else:
            message = (f"'{written}' differs from the recorded name '{full}'; "
                       f"did you mean '{right}'?")
        if mention.where == "to":
            message += " (in the To: name)"
        # the recorded spelling is the one right answer (a nickname above is not: the
        # person may have introduced themselves by it)
        yield Problem(mention.start, mention.end, message, (safe(suggestion),),
                      in_file=mention.in_file)


def _people_list(record: Record) -> str:
    return ", ".join(p.name for p in record.interviewers)


def check_unknown_recipient(document: Document, context: Context, options: Options
                            ) -> Iterator[Problem]:
    record = context.record
    if record is None:
        return
    analysis = _ctx_analysis(document, context)
    judged = {(m.start, m.end) for m, _ in analysis.verdicts}
    for greeting in analysis.greetings:
        if greeting.person is not None:
            continue
        if any((m.start, m.end) in judged for m in greeting.mentions):
            continue
        written = greeting.written(document.text)
        if greeting.title:
            written = f"{greeting.title}{'.' if not greeting.title.endswith('.') else ''} " \
                f"{written}".replace("..", ".")
        elsewhere = _other_record_of(written, record, context.records)
        if elsewhere is not None:
            other, person = elsewhere
            message = (f"the salutation greets '{written}', who is {person.name} of the "
                       f"{other.company} application ({_shown(other.path)}), not of this one "
                       f"({record.company}: {_people_list(record)})")
        else:
            message = (f"the salutation greets '{written}', who is not in the record for "
                       f"{record.company} (interviewers: {_people_list(record)}); check the "
                       "name, or add them to the record's contacts")
        suggestions = tuple(_formal(p) for p in record.interviewers)
        yield Problem(greeting.start, greeting.end, message, suggestions)


def _formal(person: Contact) -> str:
    return person.greeting_name


# Spellings of each title, folded: "Dr", "Dr.", "Doctor" are one title; "Ms" and "Miss" two.
_TITLE_FORMS = {
    "mr": "mr", "mister": "mr", "mrs": "mrs", "ms": "ms", "miss": "miss", "mx": "mx",
    "dr": "dr", "doctor": "dr", "prof": "prof", "professor": "prof",
}


def _title_kind(title: str) -> str | None:
    return _TITLE_FORMS.get(title.rstrip(".").lower())


def _titled_names(document: Document, analysis: Analysis
                  ) -> Iterator[tuple[int, int, str, int, Contact]]:
    """(title start, title end, title, end of the name, person) for each title written
    before a resolved person's name: in the salutation and anywhere in the text."""
    text = document.text
    for greeting in analysis.greetings:
        if greeting.title is None or greeting.person is None or not greeting.mentions:
            continue
        found = text.rfind(greeting.title, 0, greeting.start)
        if found != -1:
            yield found, found + len(greeting.title), greeting.title, greeting.end, \
                greeting.person
    for mention, verdict in analysis.verdicts:
        if mention.where != "title" or mention.in_file:
            continue
        before = re.search(r"(\w+)\.?\s+$", text[max(0, mention.start - 20): mention.start])
        if before is None:
            continue
        start = mention.start - len(before.group(0))
        yield start, start + len(before.group(1)), before.group(1), mention.end, verdict.person


def check_wrong_honorific(document: Document, context: Context, options: Options
                          ) -> Iterator[Problem]:
    if context.record is None:
        return
    analysis = _ctx_analysis(document, context)
    text = document.text
    seen: set[int] = set()
    for start, end, title, name_end, person in _titled_names(document, analysis):
        recorded = person.honorific
        written_kind, recorded_kind = _title_kind(title), _title_kind(recorded or "")
        if recorded is None or written_kind is None or start in seen:
            continue
        seen.add(start)
        dotted_end = end + 1 if text[end: end + 1] == "." else end
        if written_kind != recorded_kind:
            yield Problem(start, dotted_end,
                          f"'{text[start:dotted_end]}' is not {person.name}'s title: the "
                          f"record says '{recorded}'", (safe(recorded),))  # the record's
            continue
        written_name = text[dotted_end:name_end].strip()
        full_name_follows = fold(text[name_end:name_end + 80].lstrip()).startswith(
            fold(person.last_name))
        # "Dr. Nguyễn" for Nguyễn Văn An: the family name comes first in the bearer's own
        # order; without a recorded family_name the order is unknown, so no verdict
        family_first = person.family_name is None and person.given_name is None and \
            fold(written_name) in name_data().family_first
        if written_name and fold(written_name) == fold(person.first_name) and \
                fold(written_name) != fold(person.last_name) and not full_name_follows and \
                not family_first:
            yield Problem(start, name_end,
                          f"a title goes with the family name: '{person.greeting_name}', "
                          f"not '{text[start:name_end]}'",
                          (f"{recorded} {person.last_name}",))


def _other_record_of(written: str, record: Record, records: Sequence[Record]
                     ) -> tuple[Record, Contact] | None:
    for other in records:
        if other.path.resolve() == record.path.resolve():
            continue
        tokens = [t for t in NAME_TOKEN.findall(written) if t.lower().rstrip(".") not in
                  name_data().titles]
        for person in other.people:
            parts = set(name_parts(person))
            if tokens and all(nfc(strip_possessive(t)) in parts for t in tokens):
                return other, person
    return None


def check_generic_salutation(document: Document, context: Context, options: Options
                             ) -> Iterator[Problem]:
    record = context.record
    if record is None or not record.interviewers:
        return
    analysis = _ctx_analysis(document, context)
    if analysis.generic is None:
        return
    start, end, phrase, reason = analysis.generic
    person = analysis.addressee or (record.interviewers[0] if len(record.interviewers) == 1
                                    else None)
    if person is not None:
        advice = f"greet them by name: 'Dear {_formal(person)},'"
        suggestions: tuple[str, ...] = (f"Dear {_formal(person)},",)
    else:
        advice = "greet each interviewer by name in a note of their own: " + ", ".join(
            f"'Dear {_formal(p)},'" for p in record.interviewers)
        suggestions = tuple(f"Dear {_formal(p)}," for p in record.interviewers)
    written = document.text[start:end]
    yield Problem(start, end, f"generic salutation '{written}' ({reason}); the record names "
                  f"{_people_list(record)}: {advice}", suggestions)


# --- companies ---------------------------------------------------------------------------------

def check_company_misspelled(document: Document, context: Context, options: Options
                             ) -> Iterator[Problem]:
    """Windows of as many words as a recorded name, compared with it word by word. Exact
    spellings of every name and alias are claimed first, so "Harbour & Finch and its team"
    is the alias "Harbour & Finch", not "Harbour & Finch Ltd" misspelled; a connective or a
    legal suffix is never the misspelled word ("Grant or Will" is not "Grant & Will")."""
    record = context.record
    if record is None:
        return
    names = record_names(record)
    other_names: set[str] | None = None
    for text, start, end, in_file in company_regions(document):
        words = word_spans(text, start, end)
        claimed: list[tuple[int, int]] = [
            (s, e) for company in names.companies
            for s, e in find_phrase(text[:end], company.text, case=True) if s >= start]
        exact = list(claimed)
        # a window must start with a capital (company_verdict's first test): only those
        capitals = [i for i, (_, _, w) in enumerate(words) if w[:1].isupper()]
        for company in names.companies:
            size = company.size
            for i in capitals:
                if i > len(words) - size:
                    break
                if not may_start_company(words[i][2], company, record):
                    continue  # no verdict for it: the first word is nowhere near
                window = words[i: i + size]
                s, e = window[0][0], window[-1][1]
                if any(cs < e and s < ce for cs, ce in claimed):
                    inside = [(cs, ce) for cs, ce in exact if cs < e and s < ce]
                    # a window may only extend an exact alias ("Acme Corportion" for "Acme
                    # Corporation"), never cut into or repeat a claimed span
                    if not inside or any(cs < s or ce > e or (cs, ce) == (s, e)
                                         for cs, ce in inside) or \
                            any(cs < e and s < ce for cs, ce in claimed
                                if (cs, ce) not in inside):
                        continue
                    extends = True
                else:
                    extends = False
                gaps = [text[window[k][1]: window[k + 1][0]] for k in range(size - 1)]
                if any("\n" in g or gap_between(g) != company.gaps[k] for k, g in enumerate(gaps)):
                    continue  # across lines or sentences: "Acme. Cooperation is key"
                written = " ".join(w for _, _, w in window)
                verdict = company_verdict(tuple(w for _, _, w in window), company,
                                           names.person_parts, extends)
                if verdict is None:
                    continue
                if other_names is None:
                    other_names = {fold(n) for r in context.records if r.path != record.path
                                   for n in r.company_names}
                if fold(written) in other_names:
                    continue
                claimed.append((s, e))
                name = company.text
                if verdict == "case":
                    message = (f"'{written}' differs in capitalisation from the company in the "
                               f"record, '{name}'; write '{name}'")
                elif verdict == "accents":
                    message = (f"'{written}' differs in its accents from the company in the "
                               f"record, '{name}'; write '{name}'")
                else:
                    message = (f"'{written}' differs from the company in the record, "
                               f"'{name}'; did you mean '{name}'?")
                yield Problem(s, e, message, (safe(name),), in_file=in_file)


def check_wrong_company(document: Document, context: Context, options: Options
                        ) -> Iterator[Problem]:
    record = context.record
    if record is None:
        return
    own = {fold(n) for n in record.company_names}
    own_position = fold(record.position)
    for text, start, end, in_file in company_regions(document):
        own_spans = [(s, e) for name in record.company_names
                     for s, e in find_phrase(text[:end], name, case=False) if s >= start]
        reported: list[tuple[int, int]] = []
        for other in context.records:
            if other is record or other.path.resolve() == record.path.resolve():
                continue
            if fold(other.company) in own:
                continue  # another interview at the same company
            for name in sorted(other.company_names, key=len, reverse=True):
                if fold(name) in own or any(fold(name) in o for o in own):
                    continue
                for s, e in find_phrase(text[:end], name, case=" " not in name.strip()):
                    if s < start or any(os_ < e and s < oe for os_, oe in own_spans + reported):
                        continue
                    reported.append((s, e))
                    right = _same_shape(text[s:e], record.company_names)
                    yield Problem(
                        s, e,
                        f"'{text[s:e]}' is the company of another application "
                        f"({other.position} at {other.company}, {_shown(other.path)}); this "
                        f"letter is for {record.company}: write '{right}'",
                        (safe(right),), in_file=in_file)  # this application's company
            position = other.position
            if len(position.split()) < 2 or fold(position) == own_position or \
                    fold(position) in own_position:
                continue
            for s, e in find_phrase(text[:end], position, case=False):
                if s < start or any(rs < e and s < re_ for rs, re_ in reported):
                    continue
                reported.append((s, e))
                yield Problem(
                    s, e,
                    f"'{text[s:e]}' is the position of another application ({other.company}, "
                    f"{_shown(other.path)}); this letter is for the {record.position} position at "
                    f"{record.company}: write '{record.position}'",
                    (record.position,), in_file=in_file)


def _same_shape(written: str, names: Sequence[str]) -> str:
    """The recorded company name with as many words as the leftover ("Acme" -> "Globex")."""
    size = len(written.split())
    return next((n for n in names if len(n.split()) == size), names[0])


def _shown(path: Any) -> str:
    import os

    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return relative if not relative.startswith("..") else str(path)


# --- recipients ------------------------------------------------------------------------------


def check_recipient_mismatch(document: Document, context: Context, options: Options
                             ) -> Iterator[Problem]:
    record = context.record
    if record is None:
        return
    analysis = _ctx_analysis(document, context)
    greeted = [g for g in analysis.greetings if g.person is not None]
    addressee = analysis.addressee
    if addressee is not None and greeted and all(g.person != addressee for g in greeted):
        first = greeted[0]
        names = " and ".join(g.person.name for g in greeted if g.person is not None)
        header = "To: address" if document.format == "email" else "front matter `to:`"
        yield Problem(
            first.start, greeted[-1].end,
            f"the salutation greets {names}, but the {header} "
            f"'{analysis.addressee_text}' is {addressee.name}; greet "
            f"'{_formal(addressee)}' or send the note to {names}",
            (_formal(addressee),))
    interviewers = [g for g in greeted if g.person in record.interviewers]
    distinct = {g.person.name for g in interviewers if g.person is not None}
    if len(distinct) >= 2 and len(record.interviewers) >= 2 and \
            document.kind == "thank-you":
        yield Problem(
            interviewers[0].start, interviewers[-1].end,
            f"one note greets {len(distinct)} interviewers ({', '.join(sorted(distinct))}); "
            "send each interviewer a separate note that mentions what you discussed with them")


RULES = [
    Rule(
        code="N001", name="name-misspelled", severity=Severity.ERROR,
        summary="A person's name close to, but not exactly, a name in the interview record.",
        explanation="Misspelling the interviewer's name is the mistake every follow-up guide "
        "warns about first: check the spelling against their card or e-mail signature. "
        "Names are compared with the record in the salutation, after titles, next to a "
        "recorded name and in the To: name, with fuzzy and phonetic matching; accents, "
        "capitalisation and recorded nicknames count.",
        bad="Dear Ms. Okonkwo-Reyse,",
        good="Dear Ms. Okonkwo-Reyes,",
        check=check_misspelled,
    ),
    Rule(
        code="N002", name="unknown-recipient", severity=Severity.WARNING,
        summary="The salutation greets someone who is not in the linked record.",
        explanation="A note greeting the wrong person (or a person from another application) "
        "is worse than none; career advisers say address each interviewer by name.",
        bad="Dear Mr. Johnson,   (the record lists Nick Claus and Martha Okonkwo-Reyes)",
        good="Dear Mr. Claus,",
        check=check_unknown_recipient,
    ),
    Rule(
        code="N003", name="generic-salutation", severity=Severity.WARNING,
        summary="'To whom it may concern', 'Dear Hiring Manager', 'Hi there' when the record "
        "names the interviewers.",
        explanation="You know who interviewed you: career advisers say greet each by name, never "
        "with a form greeting.",
        bad="Dear Hiring Manager,",
        good="Dear Mr. Claus,",
        check=check_generic_salutation,
    ),
    Rule(
        code="N004", name="company-misspelled", severity=Severity.ERROR,
        summary="The company (or an alias) close to, but not exactly, its recorded name.",
        explanation="Misspelling the employer's name tells the reader the note was not "
        "proofread; the record holds the spelling (and accepted short forms as "
        "company_aliases).",
        bad="I would love to help Acme Corportion make the same move.",
        good="I would love to help Acme Corporation make the same move.",
        check=check_company_misspelled,
    ),
    Rule(
        code="N005", name="wrong-company", severity=Severity.ERROR,
        summary="The letter names the company or position of another application in the tree.",
        explanation="The classic copy-paste leftover: a note reused from another application "
        "that still thanks the other company.",
        bad="I would love to bring that experience to Acme.   (a letter to Globex)",
        good="I would love to bring that experience to Globex.",
        check=check_wrong_company,
    ),
    Rule(
        code="N007", name="wrong-honorific", severity=Severity.ERROR,
        summary="A title (Mr., Ms., Mrs., Mx., Dr., Prof.) that differs from the recorded "
        "honorific, or a title used with a first name.",
        explanation="Career advisers say address each interviewer by name and title, exactly "
        "as they use them: 'Ms.' for a doctor, or 'Dr. Amara', reads as careless. Checked "
        "only when the record gives the person's `honorific:`.",
        bad="Dear Ms. Nwosu,   (the record says honorific: Dr.)",
        good="Dear Dr. Nwosu,",
        check=check_wrong_honorific,
    ),
    Rule(
        code="N006", name="recipient-mismatch", severity=Severity.ERROR,
        summary="The To: address belongs to another contact than the one greeted, or one note "
        "greets several interviewers.",
        explanation="An e-mail addressed to one interviewer that greets another is a "
        "copy-paste slip; and career advisers say send a separate note to each interviewer.",
        bad="To: martha.okonkwo-reyes@acme.example ... Dear Mr. Claus,",
        good="To: nick.claus@acme.example ... Dear Mr. Claus,",
        check=check_recipient_mismatch,
    ),
]
